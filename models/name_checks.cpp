#include "models/name_checks.hpp"

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

std::string first_at(const Origin &origin) {
  return origin.mark.line > 0 ? " (first at line " + std::to_string(origin.mark.line) + ")" : "";
}

class Checker {
public:
  Checker(const Scenario &scenario, const NameTable &names, LoadErrors &errors)
      : scenario_(scenario), names_(names), errors_(errors) {}

  void run() {
    for (const NameDef &def : names_.defs)
      define(def);
    for (const NameDef &def : names_.defs)
      if (def.kind == DefKind::mailbox && defined(DefKind::process, def.name))
        errors_.error(def.origin, "mailbox '" + def.name + "' has the same name as a process; 'to: " + def.name +
                                      "' would be ambiguous");
    for (const SegmentSpec &segment : scenario_.segments)
      segment_sizes_.emplace(segment.name, segment.size);
    handles_.resize(scenario_.processes.size());
    for (const NameUse &use : names_.uses)
      if (use.kind == UseKind::async && valid_process(use.process))
        handles_[static_cast<std::size_t>(use.process)].insert(use.name);
    for (const NameUse &use : names_.uses)
      check(use);
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
                  std::string("duplicate ") + noun(def.kind) + " '" + def.name + "'" + first_at(it->second));
  }

  bool defined(DefKind kind, const std::string &name) const {
    const auto &table = defined_[static_cast<std::size_t>(kind)];
    return table.count(kind == DefKind::link ? link_key(name) : name) > 0;
  }

  const std::vector<std::string> &ordered(DefKind kind) const { return ordered_[static_cast<std::size_t>(kind)]; }
  std::vector<std::string> ordered(DefKind a, DefKind b) const {
    std::vector<std::string> out = ordered(a);
    out.insert(out.end(), ordered(b).begin(), ordered(b).end());
    return out;
  }

  bool valid_process(int index) const { return index >= 0 && static_cast<std::size_t>(index) < handles_.size(); }
  const std::string &process_name(int index) const { return scenario_.processes[static_cast<std::size_t>(index)].name; }

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
      report(use,
             std::string("no ") + noun(kind) + " named '" + use.name + "'" + did_you_mean(use.name, ordered(kind)));
  }

  void check_peer(const NameUse &use, const char *verb) {
    if (use.kind == UseKind::receive_from && use.name == "any")
      return;
    if (valid_process(use.process) && use.name == process_name(use.process)) {
      report(use, "process '" + use.name + "' cannot " + verb + " itself");
      return;
    }
    if (!defined(DefKind::mailbox, use.name) && !defined(DefKind::process, use.name))
      report(use, "no mailbox or process named '" + use.name + "'" +
                      did_you_mean(use.name, ordered(DefKind::mailbox, DefKind::process)));
  }

  void check_access(const NameUse &use) {
    auto segment = segment_sizes_.find(use.name);
    if (segment != segment_sizes_.end() && use.size > segment->second)
      report(use, std::to_string(use.size) + " bytes is more than the " + std::to_string(segment->second) +
                      " bytes of segment '" + use.name + "'");
  }

  void check_wait(const NameUse &use) {
    if (!valid_process(use.process))
      return;
    const std::set<std::string> &posted = handles_[static_cast<std::size_t>(use.process)];
    if (posted.count(use.name))
      return;
    report(use, "process '" + process_name(use.process) + "' posts no asynchronous send or receive with handle '" +
                    use.name + "'" + did_you_mean(use.name, {posted.begin(), posted.end()}));
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
    report(use, "no mailbox or link named '" + use.name + "'" +
                    did_you_mean(use.name, ordered(DefKind::mailbox, DefKind::link)));
  }

  void check(const NameUse &use) {
    if (reported(use))
      return;
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

  const Scenario &scenario_;
  const NameTable &names_;
  LoadErrors &errors_;
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
