#include "models/name_checks.hpp"

#include "models/indexed_name.hpp"
#include "models/loader_suggest.hpp"

#include <array>
#include <set>
#include <tuple>
#include <unordered_map>

namespace ipcsim {

namespace {

using DefKind = NameDef::Kind;
using UseKind = NameUse::Kind;

constexpr std::size_t def_kinds = 7;

const char *noun(DefKind kind) {
  switch (kind) {
  case DefKind::process:
    return "process";
  case DefKind::mailbox:
    return "mailbox";
  case DefKind::link:
    return "link";
  case DefKind::semaphore:
    return "semaphore";
  case DefKind::segment:
    return "shared memory segment";
  case DefKind::host:
    return "host";
  case DefKind::network_link:
    return "network link";
  }
  return "name";
}

// "a<->b" and "b<->a" are one link.
std::string link_key(const std::string &name) {
  std::size_t arrow = name.find("<->");
  if (arrow == std::string::npos)
    return name;
  std::string a = name.substr(0, arrow), b = name.substr(arrow + 3);
  return a < b ? a + "<->" + b : b + "<->" + a;
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string first_at(const Origin &origin) {
  return origin.mark.line > 0 ? " (first at line " + std::to_string(origin.mark.line) + ")" : "";
}

// The names of the scenario's items whatever their counts, which the names used in templates are checked
// against (name_checks.hpp).
class DeclaredNames {
public:
  explicit DeclaredNames(const std::vector<NameDef> &declared) {
    for (const NameDef &def : declared) {
      auto index = static_cast<std::size_t>(def.kind);
      std::string key = def.kind == DefKind::link ? link_key(def.name) : def.name;
      if (plain_[index].insert(key).second)
        ordered_[index].push_back(def.name);
      if (def.replicated)
        replicated_[index].insert(def.name);
    }
  }

  // `name` is an item's, or `base[K]` with `base` a replicated item's.
  bool has(DefKind kind, const std::string &name) const {
    auto index = static_cast<std::size_t>(kind);
    std::size_t open = name.find('[');
    if (open != std::string::npos && open > 0 && name.back() == ']')
      return replicated_[index].count(name.substr(0, open)) > 0;
    return plain_[index].count(kind == DefKind::link ? link_key(name) : name) > 0;
  }

  const std::vector<std::string> &ordered(DefKind kind) const { return ordered_[static_cast<std::size_t>(kind)]; }

private:
  std::array<std::set<std::string>, def_kinds> plain_;
  std::array<std::set<std::string>, def_kinds> replicated_;
  std::array<std::vector<std::string>, def_kinds> ordered_;
};

class Checker {
public:
  Checker(const Scenario &scenario, const NameTable &names, LoadErrors &errors)
      : scenario_(scenario), names_(names), errors_(errors), declared_(names.declared) {}

  void run() {
    for (const NameDef &def : names_.defs)
      define(def);
    for (const NameDef &def : names_.declared) // a template's own name: reserved words apply to it too
      if (!def.replicated)
        check_reserved(def);
    for (const NameDef &def : names_.defs)
      if (def.kind == DefKind::mailbox && defined(DefKind::process, def.name))
        errors_.error(def.origin, "mailbox " + quoted(def.name) + " has the same name as a process; 'to: " +
                                      shortened(def.name) + "' would be ambiguous");
    for (const SegmentSpec &segment : scenario_.segments)
      segment_sizes_.emplace(segment.name, segment.size);
    handles_.resize(names_.processes.size());
    for (const NameUse &use : names_.uses)
      if (use.kind == UseKind::async && valid_process(use.process)) {
        handles_[static_cast<std::size_t>(use.process)].insert(use.name);
        all_handles_.insert(use.name);
      }
    for (const NameUse &use : names_.uses)
      if (!reported(use))
        use.in_template ? check_in_template(use) : check(use);
  }

private:
  // Words that a reference reads as a keyword: `from: any`, `owner: kernel`, `receivers: any`.
  void check_reserved(const NameDef &def) {
    bool peer = def.kind == DefKind::process || def.kind == DefKind::mailbox;
    if (peer && def.name == "any")
      errors_.error(def.origin,
                    std::string("the name 'any' is reserved ('from: any' means any process); rename this ") +
                        noun(def.kind));
    else if (def.kind == DefKind::process && def.name == "kernel")
      errors_.error(def.origin, "the name 'kernel' is reserved ('owner: kernel' means no owner); rename this process");
  }

  void define(const NameDef &def) {
    check_reserved(def);
    auto index = static_cast<std::size_t>(def.kind);
    std::string key = def.kind == DefKind::link ? link_key(def.name) : def.name;
    auto [it, inserted] = defined_[index].emplace(key, def.origin);
    if (inserted) {
      ordered_[index].push_back(def.name);
      return;
    }
    errors_.error(def.origin,
                  std::string("duplicate ") + noun(def.kind) + " " + quoted(def.name) + first_at(it->second));
  }

  bool defined(DefKind kind, const std::string &name) const {
    const auto &table = defined_[static_cast<std::size_t>(kind)];
    return table.count(kind == DefKind::link ? link_key(name) : name) > 0;
  }

  const std::vector<std::string> &ordered(DefKind kind) const { return ordered_[static_cast<std::size_t>(kind)]; }
  std::vector<std::string> ordered(DefKind a, DefKind b) const { return joined(ordered(a), ordered(b)); }

  bool valid_process(int index) const { return index >= 0 && static_cast<std::size_t>(index) < handles_.size(); }
  const std::string &process_name(int index) const { return names_.processes[static_cast<std::size_t>(index)].name; }

  // One error per place in the file: a replicated process would otherwise repeat it once per replica.
  // Checked before a message is built, since building one searches for a suggestion.
  bool reported(const NameUse &use) const {
    return reported_.count({use.origin.source, use.origin.mark.line, use.origin.mark.column}) > 0;
  }

  void report(const NameUse &use, const std::string &message) {
    reported_.emplace(use.origin.source, use.origin.mark.line, use.origin.mark.column);
    errors_.error(use.origin, std::string(use.key) + ": " + message);
  }

  void expect(const NameUse &use, DefKind kind) {
    if (!defined(kind, use.name))
      report_unknown(use, kind, ordered(kind));
  }

  void report_unknown(const NameUse &use, DefKind kind, const std::vector<std::string> &known) {
    report(use, std::string("no ") + noun(kind) + " named " + quoted(use.name) + suggestion(use, known));
  }

  void report_unknown_peer(const NameUse &use, const std::vector<std::string> &known) {
    report(use, "no mailbox or process named " + quoted(use.name) + suggestion(use, known));
  }

  // A template's `x[K]` is judged by `x` (name_checks.hpp), and so is the suggestion made.
  static std::string suggestion(const NameUse &use, const std::vector<std::string> &known) {
    std::size_t open = use.name.find('[');
    if (!use.in_template || open == std::string::npos || open == 0)
      return did_you_mean(use.name, known);
    std::string best = closest_match(use.name.substr(0, open), known);
    return best.empty() ? "" : "; did you mean " + quoted(best + use.name.substr(open)) + "?";
  }

  // `reply[c]`: `reply` must be a replicated mailbox or process (of any count; the index is judged when the
  // step runs).
  bool check_indexed_peer(const NameUse &use) {
    std::optional<IndexedNameText> split = runtime_indexed(use.name);
    if (!split)
      return false;
    std::string replica = split->family + "[0]";
    if (!declared_.has(DefKind::mailbox, replica) && !declared_.has(DefKind::process, replica))
      report(use, "no mailbox or process named " + quoted(split->family) + " with a count, which the run-time index " +
                      quoted(split->index) + " would choose among" +
                      did_you_mean(split->family, declared(DefKind::mailbox, DefKind::process)));
    return true;
  }

  void check_peer(const NameUse &use, const char *verb) {
    if ((use.kind == UseKind::receive_from && use.name == "any") || check_indexed_peer(use))
      return;
    if (valid_process(use.process) && use.name == process_name(use.process)) {
      report(use, "process " + quoted(use.name) + " cannot " + verb + " itself");
      return;
    }
    if (!defined(DefKind::mailbox, use.name) && !defined(DefKind::process, use.name))
      report_unknown_peer(use, ordered(DefKind::mailbox, DefKind::process));
  }

  void check_access(const NameUse &use) {
    auto segment = segment_sizes_.find(use.name);
    if (segment != segment_sizes_.end() && use.size > segment->second)
      report(use, std::to_string(use.size) + " bytes is more than the " + std::to_string(segment->second) +
                      " bytes of segment " + quoted(use.name));
  }

  void check_wait(const NameUse &use) {
    if (!valid_process(use.process))
      return;
    const std::set<std::string> &posted = handles_[static_cast<std::size_t>(use.process)];
    if (posted.count(use.name))
      return;
    report(use, "process " + quoted(process_name(use.process)) + " posts no asynchronous send or receive with handle " +
                    quoted(use.name) + did_you_mean(use.name, {posted.begin(), posted.end()}));
  }

  // A mailbox, a declared link "A<->B" (either order), or the implicit link of two processes.
  void check_rendezvous(const NameUse &use) {
    if (defined(DefKind::mailbox, use.name) || defined(DefKind::link, use.name))
      return;
    std::size_t arrow = use.name.find("<->");
    if (arrow != std::string::npos) {
      std::string a = use.name.substr(0, arrow), b = use.name.substr(arrow + 3);
      if (a != b && defined(DefKind::process, a) && defined(DefKind::process, b))
        return;
    }
    report(use, "no mailbox or link named " + quoted(use.name) +
                    did_you_mean(use.name, ordered(DefKind::mailbox, DefKind::link)));
  }

  void check(const NameUse &use) {
    switch (use.kind) {
    case UseKind::send_to:
      check_peer(use, "send to");
      break;
    case UseKind::receive_from:
      check_peer(use, "receive from");
      break;
    case UseKind::mailbox:
      expect(use, DefKind::mailbox);
      break;
    case UseKind::process:
      expect(use, DefKind::process);
      break;
    case UseKind::host:
      expect(use, DefKind::host);
      break;
    case UseKind::semaphore:
      expect(use, DefKind::semaphore);
      break;
    case UseKind::segment:
      expect(use, DefKind::segment);
      break;
    case UseKind::segment_access:
      check_access(use);
      break;
    case UseKind::wait:
      check_wait(use);
      break;
    case UseKind::async:
      break;
    case UseKind::rendezvous:
      check_rendezvous(use);
      break;
    }
  }

  // The same questions, for a name used in a template (name_checks.hpp).
  void check_in_template(const NameUse &use) {
    switch (use.kind) {
    case UseKind::send_to:
    case UseKind::receive_from:
      if (check_indexed_peer(use))
        break;
      if (!(use.kind == UseKind::receive_from && use.name == "any") && !declared_.has(DefKind::mailbox, use.name) &&
          !declared_.has(DefKind::process, use.name))
        report_unknown_peer(use, declared(DefKind::mailbox, DefKind::process));
      break;
    case UseKind::mailbox:
    case UseKind::process:
    case UseKind::host:
    case UseKind::semaphore:
    case UseKind::segment: {
      DefKind kind = defined_kind(use.kind);
      if (!declared_.has(kind, use.name))
        report_unknown(use, kind, declared_.ordered(kind));
      break;
    }
    case UseKind::segment_access: // a size is checked against a segment that exists at these parameters
      check_access(use);
      break;
    case UseKind::wait:
      if (!all_handles_.count(use.name))
        report(use, "no asynchronous send or receive posts handle " + quoted(use.name) +
                        did_you_mean(use.name, {all_handles_.begin(), all_handles_.end()}));
      break;
    case UseKind::async:
      break;
    case UseKind::rendezvous:
      check_rendezvous_declared(use);
      break;
    }
  }

  static DefKind defined_kind(UseKind kind) {
    switch (kind) {
    case UseKind::process:
      return DefKind::process;
    case UseKind::host:
      return DefKind::host;
    case UseKind::semaphore:
      return DefKind::semaphore;
    case UseKind::segment:
      return DefKind::segment;
    default:
      return DefKind::mailbox;
    }
  }

  std::vector<std::string> declared(DefKind a, DefKind b) const {
    return joined(declared_.ordered(a), declared_.ordered(b));
  }

  void check_rendezvous_declared(const NameUse &use) {
    if (declared_.has(DefKind::mailbox, use.name) || declared_.has(DefKind::link, use.name))
      return;
    std::size_t arrow = use.name.find("<->");
    if (arrow != std::string::npos && declared_.has(DefKind::process, use.name.substr(0, arrow)) &&
        declared_.has(DefKind::process, use.name.substr(arrow + 3)))
      return;
    report(use, "no mailbox or link named " + quoted(use.name) +
                    did_you_mean(use.name, declared(DefKind::mailbox, DefKind::link)));
  }

  const Scenario &scenario_;
  const NameTable &names_;
  LoadErrors &errors_;
  DeclaredNames declared_;
  std::set<std::string> all_handles_; // posted by any process, for the waits of templates
  std::array<std::unordered_map<std::string, Origin>, def_kinds> defined_;
  std::array<std::vector<std::string>, def_kinds> ordered_; // definition order, for suggestions
  std::unordered_map<std::string, std::uint64_t> segment_sizes_;
  std::vector<std::set<std::string>> handles_; // async handles, per process
  std::set<std::tuple<int, int, int>> reported_;
};

} // namespace

void check_names(const Scenario &scenario, const NameTable &names, LoadErrors &errors) {
  Checker(scenario, names, errors).run();
}

} // namespace ipcsim
