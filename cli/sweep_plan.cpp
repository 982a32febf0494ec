#include "cli/sweep_plan.hpp"

#include "cli/scenario_options.hpp"
#include "models/diagnostics.hpp"
#include "models/loader_suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace ipcsim {
namespace {

// A sweep this large is a typo (a product of long lists), not a plan; the limit also keeps the products below
// any overflow.
constexpr std::size_t max_runs = 1'000'000;

constexpr std::string_view param_prefix = "param:";

[[noreturn]] void bad_vary(const std::string &spec, const std::string &message) {
  throw ScenarioError("--vary " + shortened(spec) + ": error: " + message + "\n");
}

std::string trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return "";
  auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// Splits at the commas that are outside brackets, braces and quotes, so YAML values can hold commas. A quote
// opens a quoted string only where YAML would read one (at the start of a value or inside brackets): `don't`
// is plain text.
std::vector<std::string> split_values(const std::string &spec, const std::string &list) {
  std::vector<std::string> values;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= list.size(); ++k) {
    char ch = k < list.size() ? list[k] : ',';
    bool value_start = list.find_first_not_of(" \t", start) == k;
    if (quote) {
      quote = ch == quote ? 0 : quote;
    } else if ((ch == '"' || ch == '\'') && (depth > 0 || value_start)) {
      quote = ch;
    } else if (ch == '[' || ch == '{') {
      ++depth;
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    } else if (ch == ',' && depth == 0) {
      values.push_back(trimmed(std::string_view(list).substr(start, k - start)));
      start = k + 1;
    }
  }
  if (quote || depth > 0)
    bad_vary(spec, "unbalanced brackets or quotes in the values");
  return values;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// An argument as a POSIX shell reads it back: bare when it has no special character, else single-quoted.
std::string shell_word(const std::string &word) {
  bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_-./:=,@%+").find(c) != std::string_view::npos;
  });
  if (plain)
    return word;
  std::string out = "'";
  for (char c : word)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string join(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k)
    out += (k ? separator : "") + items[k];
  return out;
}

ScenarioOptions variant_options(const SweepPlan &plan, std::size_t variant) {
  ScenarioOptions options{.path = plan.scenario, .params = plan.params, .overrides = plan.sets};
  std::vector<std::string> values = plan.values_of(variant);
  for (std::size_t v = 0; v < plan.varies.size(); ++v) {
    auto [option, assignment] = plan.varies[v].option(values[v]);
    (option == "--param" ? options.params : options.overrides).push_back(assignment);
  }
  return options;
}

} // namespace

bool Vary::is_param() const {
  return target.starts_with(param_prefix);
}

std::pair<std::string, std::string> Vary::option(const std::string &value) const {
  if (is_param())
    return {"--param", target.substr(param_prefix.size()) + "=" + value};
  return {"--set", target + "=" + value};
}

Vary parse_vary(const std::string &spec) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    bad_vary(spec, "expected PATH=V1,V2,... (a path as --set takes it) or param:NAME=V1,V2,...");
  Vary vary{spec.substr(0, eq), split_values(spec, spec.substr(eq + 1))};
  if (vary.is_param() && !is_identifier(std::string_view(vary.target).substr(param_prefix.size())))
    bad_vary(spec, "expected param:NAME with NAME a parameter of the scenario");
  if (vary.target == "seed")
    bad_vary(spec, "the seed is not a --vary path: --seeds N runs every variant with N seeds");
  if (vary.values.size() == 1 && vary.values[0].empty())
    bad_vary(spec, "no values: give one or more, separated by commas");
  std::set<std::string_view> seen;
  for (std::size_t k = 0; k < vary.values.size(); ++k) {
    if (vary.values[k].empty())
      bad_vary(spec, fmt::format("value {} is empty", k + 1));
    if (!seen.insert(vary.values[k]).second)
      bad_vary(spec, "value " + ipcsim::quoted(vary.values[k]) + " is given twice");
  }
  return vary;
}

Shard parse_shard(const std::string &spec) {
  Shard shard;
  auto slash = spec.find('/');
  auto number = [&](std::string_view text, std::size_t &out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
  };
  if (slash == std::string::npos || !number(std::string_view(spec).substr(0, slash), shard.index) ||
      !number(std::string_view(spec).substr(slash + 1), shard.count) || shard.index < 1 || shard.index > shard.count)
    throw ScenarioError("--shard " + shortened(spec) + ": error: expected I/N with 1 <= I <= N, such as 2/4\n");
  return shard;
}

std::size_t SweepPlan::variant_count() const {
  std::size_t n = 1;
  for (const auto &vary : varies)
    n *= vary.values.size();
  return n;
}

std::vector<std::string> SweepPlan::values_of(std::size_t variant) const {
  std::vector<std::string> values(varies.size());
  for (std::size_t v = varies.size(); v-- > 0;) { // the last --vary varies fastest
    values[v] = varies[v].values[variant % varies[v].values.size()];
    variant /= varies[v].values.size();
  }
  return values;
}

std::string SweepPlan::describe(std::size_t variant) const {
  std::vector<std::string> values = values_of(variant), parts;
  for (std::size_t v = 0; v < varies.size(); ++v)
    parts.push_back(shortened(varies[v].target + "=" + values[v]));
  return join(parts, ", ");
}

std::vector<std::string> SweepPlan::options_of(std::size_t variant) const {
  std::vector<std::string> out;
  for (const auto &p : params)
    out.insert(out.end(), {"--param", p});
  for (const auto &s : sets)
    out.insert(out.end(), {"--set", s});
  std::vector<std::string> values = values_of(variant);
  for (std::size_t v = 0; v < varies.size(); ++v) {
    auto [option, assignment] = varies[v].option(values[v]);
    out.insert(out.end(), {option, assignment});
  }
  return out;
}

std::vector<std::string> CheckLimits::options(const std::string &prefix) const {
  std::vector<std::string> out;
  if (max_states)
    out.insert(out.end(), {prefix + "max-states", std::to_string(*max_states)});
  if (time_limit)
    out.insert(out.end(), {prefix + "time-limit", fmt::format("{}", *time_limit)});
  if (max_memory_mib)
    out.insert(out.end(), {prefix + "max-memory", std::to_string(*max_memory_mib)});
  return out;
}

bool SweepPlan::runs_here(std::size_t run) const {
  return !shard || run % shard->count == shard->index - 1;
}

std::string SweepPlan::command_line() const {
  std::string out = "ipcsim compare " + shell_word(scenario);
  for (const auto &p : params)
    out += " --param " + shell_word(p);
  for (const auto &s : sets)
    out += " --set " + shell_word(s);
  for (const auto &vary : varies)
    out += " --vary " + shell_word(vary.target + "=" + join(vary.values, ","));
  out += fmt::format(" --seeds {}", seeds);
  if (check)
    out += " --check";
  for (const auto &word : check_limits.options("--check-"))
    out += " " + word;
  return out;
}

void validate_plan(SweepPlan &plan) {
  if (plan.varies.empty())
    throw ScenarioError("compare: error: nothing to compare: give at least one --vary PATH=V1,V2,...\n");
  for (std::size_t v = 0; v < plan.varies.size(); ++v)
    for (std::size_t w = 0; w < v; ++w)
      if (plan.varies[v].target == plan.varies[w].target)
        throw ScenarioError("--vary " + shortened(plan.varies[v].target) +
                            ": error: this path is varied twice; give all its "
                            "values in one --vary\n");
  std::size_t runs = plan.seeds;
  if (runs > max_runs)
    throw ScenarioError(fmt::format("compare: error: the sweep would have more than {} runs\n", max_runs));
  for (const auto &vary : plan.varies) {
    if (runs > max_runs / vary.values.size())
      throw ScenarioError(fmt::format("compare: error: the sweep would have more than {} runs\n", max_runs));
    runs *= vary.values.size();
  }
  Model base = ScenarioOptions{.path = plan.scenario, .params = plan.params, .overrides = plan.sets}.load();
  plan.name = base.scenario.name;
  plan.first_seed = base.scenario.seed;
  for (const auto &vary : plan.varies) { // as a path, `--set NAME=V`, it would be refused as an unknown key
    std::string spec = vary.target + "=" + join(vary.values, ",");
    if (!vary.is_param() && base.scenario.params.contains(vary.target))
      bad_vary(spec, shortened(vary.target) + " is a parameter of the scenario; did you mean --vary " +
                         shortened(std::string(param_prefix) + spec) + "?");
  }
  for (std::size_t k = 0; k < plan.variant_count(); ++k) {
    try {
      variant_options(plan, k).load();
    } catch (const ScenarioError &e) {
      throw ScenarioError(std::string(e.what()) +
                          fmt::format("ipcsim: note: in variant {} of the sweep ({})\n", k, plan.describe(k)));
    }
  }
}

} // namespace ipcsim
