#include "cli/usage_errors.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>
#include <optional>

namespace ipcsim {
namespace {

// The commands given, outermost first: ipcsim, then e.g. export, then promela.
std::vector<const CLI::App *> given_commands(const CLI::App &app) {
  std::vector<const CLI::App *> chain{&app};
  while (!chain.back()->get_subcommands().empty())
    chain.push_back(chain.back()->get_subcommands().front());
  return chain;
}

// "ipcsim export promela": the program's name, not argv[0] (which may be a path).
std::string command_name(const std::vector<const CLI::App *> &chain, std::size_t depth) {
  std::string name = "ipcsim";
  for (std::size_t k = 1; k <= depth; ++k)
    name += " " + chain[k]->get_name();
  return name;
}

std::vector<std::string> long_option_names(const CLI::App &command) {
  std::vector<std::string> names;
  for (const CLI::Option *option : command.get_options())
    for (const std::string &name : option->get_lnames())
      names.push_back("--" + name);
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App &command) {
  std::vector<std::string> names;
  for (const CLI::App *sub : command.get_subcommands({}))
    names.push_back(sub->get_name());
  return names;
}

// "run, validate, graph, check, compare or export"
std::string listed(const std::vector<std::string> &names) {
  std::string list;
  for (std::size_t k = 0; k < names.size(); ++k)
    list += (k == 0 ? "" : k + 1 == names.size() ? " or " : ", ") + names[k];
  return list;
}

std::string suggestion(const std::string &word, const std::vector<std::string> &candidates) {
  std::string best = closest_match(word, candidates);
  return best.empty() ? "" : "; did you mean " + best + "?";
}

// The first word `command` did not take, said with what it resembles. An unknown option goes first: the value
// after it is stray only because of it (`--parm N=2`).
std::optional<std::string> unknown_word(const CLI::App &command) {
  std::vector<std::string> words = command.remaining();
  if (words.empty())
    return std::nullopt;
  auto option = std::find_if(words.begin(), words.end(), [](const std::string &w) { return w.starts_with('-'); });
  if (option != words.end()) {
    std::string name = option->substr(0, option->find('=')); // --parm=N=2
    return "unknown option " + shortened(name) + suggestion(name, long_option_names(command));
  }
  std::vector<std::string> commands = subcommand_names(command);
  if (commands.empty())
    return "unexpected argument " + shortened(words.front());
  std::string hint = suggestion(words.front(), commands);
  return "unknown command " + shortened(words.front()) + (hint.empty() ? "; name one of " + listed(commands) : hint);
}

// CLI11's "A subcommand is required" names none of them.
bool lacks_command(const CLI::App &command, const CLI::ParseError &error) {
  return dynamic_cast<const CLI::RequiredError *>(&error) && command.get_require_subcommand_min() > 0 &&
         command.get_subcommands().empty();
}

} // namespace

std::string usage_error(const CLI::App &app, const CLI::ParseError &error) {
  std::vector<const CLI::App *> chain = given_commands(app);
  for (std::size_t k = 0; k < chain.size(); ++k) // what was not understood explains what went wrong after it
    if (auto unknown = unknown_word(*chain[k]))
      return command_name(chain, k) + ": error: " + *unknown + "\n";
  const CLI::App &last = *chain.back();
  std::string message = lacks_command(last, error) ? "name the command: " + listed(subcommand_names(last))
                                                   : std::string(error.what());
  return command_name(chain, chain.size() - 1) + ": error: " + message + "\n";
}

} // namespace ipcsim
