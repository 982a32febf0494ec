// Small scenarios drawn at random from a seed (the same ones every run), shared by the tests that compare a
// reduced search with the full one: mailboxes of capacity 0 to 2, some created at run time, direct links,
// receives from any, tags, blocking, non-blocking and asynchronous operations, loops and choices, mailboxes
// created and deleted, and a semaphore acquired and released. With `replicas`, the third process is replicated
// (count 2 or 3) and the fourth, if any, may be (count 1 or 2), so that every draw has interchangeable
// processes, or none when what they do tells them apart. With `rendezvous`, every channel has capacity 0,
// exists from the start and sees only blocking sends and receives: the ground of rendezvous fusion
// (checker/search_steps.hpp), where a receive from any is what keeps a channel out of it. With `cyclic`, about
// half the processes repeat their steps forever (some of them servers, for which waiting in a receive is a
// normal end) and the tags are T or U: cycles for the cycle provisos, and servers whose receives take one
// tag for the servers rule of the persistent sets.
#pragma once

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <random>
#include <string>
#include <vector>

namespace ipcsim::test {

class ScenarioDraw {
public:
  explicit ScenarioDraw(std::uint32_t seed, bool replicas = false, bool rendezvous = false, bool cyclic = false)
      : random_(seed), replicas_(replicas), rendezvous_(rendezvous), cyclic_(cyclic) {}

  std::string yaml() {
    int processes = pick(replicas_ ? 3 : 2, 4), mailboxes = pick(1, 2);
    std::string out = "scenario: random\nproperties: {lost_messages: true, undelivered: true}\nchannels:\n";
    for (int m = 0; m < mailboxes; ++m) {
      // Cyclic rendezvous draws give m1 a buffer and an owner at times, so that which sender a receive takes
      // shows in the verdicts: the message left in m1 is lost when its owner exits.
      bool owned = rendezvous_ && cyclic_ && m == 1 && pick(0, 1) == 1;
      int capacity = rendezvous_ ? (owned ? 1 : 0) : pick(0, 2);
      bool later = !rendezvous_ && pick(0, 3) == 0;
      out += fmt::format("  - {{mailbox: m{}, capacity: {}{}{}}}\n", m, capacity, later ? ", created: false" : "",
                         owned ? fmt::format(", owner: p{}", pick(0, processes - 1)) : "");
    }
    out += fmt::format("  - {{link: [p0, p1], capacity: {}}}\n", rendezvous_ ? 0 : pick(0, 1));
    out += fmt::format("semaphores: [{{name: s, initial: {}}}]\n", pick(0, 1));
    out += "processes:\n";
    for (int p = 0; p < processes; ++p) {
      out += fmt::format("  - name: p{}\n", p);
      if (replicas_ && p >= 2)
        out += fmt::format("    count: {}\n", p == 2 ? pick(2, 3) : pick(1, 2));
      bool forever = cyclic_ && pick(0, 1) == 1;
      if (forever && pick(0, 1) == 1)
        out += "    server: true\n";
      out += forever ? "    do:\n      - forever:\n" : "    do:\n";
      std::string indent = forever ? "          " : "      ";
      handle_ = false;
      for (int s = pick(1, 4); s > 0; --s)
        out += step(p, processes, mailboxes, indent);
      if (handle_)
        out += indent + "- wait: h\n";
    }
    return out;
  }

private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }

  std::string target(int p, int processes, int mailboxes) {
    if (p <= 1 && pick(0, 3) == 0)
      return fmt::format("p{}", 1 - p); // the link between p0 and p1
    (void)processes;
    return fmt::format("m{}", pick(0, mailboxes - 1));
  }

  std::string step(int p, int processes, int mailboxes, const std::string &indent) {
    std::string tag = pick(0, 3) == 0 ? ", tag: T" : "";
    if (cyclic_ && !tag.empty() && pick(0, 1) == 1)
      tag = ", tag: U";
    int kind = pick(0, 9);
    if (rendezvous_ && (kind == 2 || kind == 4 || kind == 5 || kind == 8)) // non-blocking, async, lifecycle
      kind = kind == 4 ? 3 : 1;
    switch (kind) {
    case 0:
      return indent + "- compute: 1us\n";
    case 1:
      return indent + fmt::format("- send: {{to: {}{}}}\n", target(p, processes, mailboxes), tag);
    case 2:
      return indent + fmt::format("- send: {{to: {}, blocking: false, else: [{{compute: 1us}}]}}\n",
                                  target(p, processes, mailboxes));
    case 3:
      if (p == 1 && pick(0, 1) == 0)
        return indent + "- receive: {from: any}\n"; // p1 receives on its link or, via p0's sends, nothing else
      return indent + fmt::format("- receive: {{from: {}{}}}\n", target(p, processes, mailboxes), tag);
    case 4:
      return indent + fmt::format("- receive: {{from: {}, blocking: false, else: [{{compute: 1us}}]}}\n",
                                  target(p, processes, mailboxes));
    case 5:
      if (handle_)
        return indent + "- compute: 1us\n";
      handle_ = true;
      return indent + fmt::format("- send: {{to: {}, async: h}}\n", target(p, processes, mailboxes));
    case 6:
      return indent + "- repeat: 2\n" + indent + "  do:\n" + step(p, processes, mailboxes, indent + "    ");
    case 7:
      if (cyclic_) // a release repeated forever would count up without end
        return indent + "- acquire: s\n" + indent + "- release: s\n";
      return indent + (pick(0, 1) ? "- acquire: s\n" : "- release: s\n");
    case 8: {
      const char *op = pick(0, 1) ? "create" : "delete";
      return indent + fmt::format("- {}: m{}\n", op, pick(0, mailboxes - 1));
    }
    default:
      return indent + "- choose:\n" + indent + "  - [" + inline_step(p, processes, mailboxes) + "]\n" + indent +
             "  - [" + inline_step(p, processes, mailboxes) + "]\n";
    }
  }

  std::string inline_step(int p, int processes, int mailboxes) {
    return pick(0, 1) ? fmt::format("{{send: {{to: {}}}}}", target(p, processes, mailboxes))
                      : fmt::format("{{receive: {{from: {}}}}}", target(p, processes, mailboxes));
  }

  std::mt19937 random_;
  bool replicas_;
  bool rendezvous_;
  bool cyclic_;
  bool handle_ = false;
};

// What a DataScenarioDraw holds besides process variables and the steps that use them.
struct DataFlags {
  bool replicas = false;   // p2 has count 2 or 3, p3 (if any) 1 or 2
  bool rendezvous = false; // every channel of capacity 0, blocking operations only
  bool names = false;      // run-time names: sends and receives on "box[x % 2]", "p2[y]" (p2 then has a count)
  bool globals = false;    // a global variable g, steps that read and write it, and invariants
  bool timeouts = false;   // timed receives, sends and acquires
  bool cyclic = false;     // about half the processes repeat their steps forever, some of them servers
};

// Small random scenarios with data, from a seed: every process has its own variables x and y (range [0, 3],
// so that a `set` or an `into` out of it is an invalid operation), sends carry values computed from them,
// receives store values (`into`) and select by them (`when`), and `set`, `if`, `while` and `assert` steps
// read and write them; with `i` in a few expressions, replicas that differ. The flags add the rest. A
// separate class from ScenarioDraw, whose draws the older tests keep.
class DataScenarioDraw {
public:
  DataScenarioDraw(std::uint32_t seed, DataFlags flags) : random_(seed), flags_(flags) {}

  std::string yaml() {
    processes_ = pick(3, 4);
    mailboxes_ = pick(1, 2);
    std::string out = "scenario: random-data\nproperties:\n  lost_messages: true\n  undelivered: true\n";
    if (flags_.globals) {
      std::vector<std::string> invariants;
      const char *candidates[] = {"g <= 2", "p0.x <= 2", "p0.x + p1.y != 5", "g != 2 || p1.x < 3"};
      for (const char *c : candidates)
        if (pick(0, 2) == 0)
          invariants.push_back(fmt::format("\"{}\"", c));
      if (flags_.replicas && pick(0, 2) == 0)
        invariants.push_back(pick(0, 1) ? "\"p2[0].x + p2[1].x <= 5\"" : "\"p2[1].y <= 2\"");
      if (!invariants.empty())
        out += fmt::format("  invariants: [{}]\n", fmt::join(invariants, ", "));
      out += fmt::format("variables: {{g: {{initial: {}, range: [0, 3]}}}}\n", pick(0, 1));
    }
    out += "channels:\n";
    for (int m = 0; m < mailboxes_; ++m)
      out += fmt::format("  - {{mailbox: m{}, capacity: {}}}\n", m, flags_.rendezvous ? 0 : pick(0, 2));
    if (flags_.names)
      out += fmt::format("  - {{mailbox: box, count: 2, capacity: {}}}\n", flags_.rendezvous ? 0 : pick(0, 1));
    out += fmt::format("  - {{link: [p0, p1], capacity: {}}}\n", flags_.rendezvous ? 0 : pick(0, 1));
    out += fmt::format("semaphores: [{{name: s, initial: {}}}]\n", pick(0, 1));
    out += "processes:\n";
    for (int p = 0; p < processes_; ++p) {
      p_ = p;
      replicated_ = (p == 2 && (flags_.replicas || flags_.names)) || (p == 3 && flags_.replicas);
      out += fmt::format("  - name: p{}\n", p);
      if (replicated_)
        out += fmt::format("    count: {}\n", p == 2 ? pick(2, 3) : pick(1, 2));
      out += fmt::format("    variables: {{x: {{initial: {}, range: [0, 3]}}, y: {{initial: {}, range: [0, 3]}}}}\n",
                         pick(0, 1), pick(0, 1));
      // A process that loops takes a visible step first in every round: no round spins on internal steps.
      bool forever = flags_.cyclic && pick(0, 1) == 1;
      if (forever && pick(0, 1) == 1)
        out += "    server: true\n";
      out += forever ? "    do:\n      - forever:\n" : "    do:\n";
      std::string indent = forever ? "          " : "      ";
      if (forever)
        out += visible_step(indent);
      handle_ = false;
      for (int s = pick(1, 4); s > 0; --s)
        out += step(indent, true);
      if (handle_)
        out += indent + "- wait: h\n";
    }
    return out;
  }

private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }

  template <std::size_t N> const char *one_of(const char *const (&choices)[N]) {
    return choices[pick(0, static_cast<int>(N) - 1)];
  }

  // An integer: of the process's variables, now and then its index or the global.
  std::string integer() {
    if (replicated_ && pick(0, 7) == 0)
      return pick(0, 1) ? "i" : "x + i";
    if (flags_.globals && pick(0, 4) == 0)
      return pick(0, 1) ? "g" : "g + 1";
    static const char *const choices[] = {"x", "y", "x + 1", "y + 1", "x + y", "1 - x", "(x + y) % 2", "2", "0"};
    return one_of(choices);
  }

  std::string condition() {
    if (replicated_ && pick(0, 7) == 0)
      return "i == 0";
    if (flags_.globals && pick(0, 4) == 0)
      return pick(0, 1) ? "g > 0" : "g == x";
    static const char *const choices[] = {"x > 0", "x == y", "y < 2", "x + y != 1", "x >= y", "x < 3 && y != 2"};
    return one_of(choices);
  }

  // A `when`: the message's value and the receiver's own variables (never a global).
  std::string when() {
    if (replicated_ && pick(0, 7) == 0)
      return "value == i";
    static const char *const choices[] = {"value > 0",      "value == x",     "value != y",
                                          "value % 2 == 0", "value >= x + y", "value < 2 || x > 1"};
    return one_of(choices);
  }

  std::string variable() { return flags_.globals && pick(0, 3) == 0 ? "g" : (pick(0, 1) ? "x" : "y"); }

  // A channel named when the scenario is loaded: p0 and p1's link, a mailbox, or (with run-time names) a
  // replica of p2 named the same way, as a replica of p2 names p0 or p1.
  std::string target() {
    if (p_ <= 1 && pick(0, 3) == 0)
      return fmt::format("p{}", 1 - p_);
    if (flags_.names && p_ >= 2 && pick(0, 3) == 0)
      return fmt::format("p{}", pick(0, 1));
    return fmt::format("m{}", pick(0, mailboxes_ - 1));
  }

  // With run-time names, now and then a replica chosen by the variables (out of range or the process itself:
  // an invalid operation).
  std::string runtime_target() {
    if (!flags_.names || pick(0, 2) != 0)
      return target();
    static const char *const boxes[] = {"box[x % 2]", "box[y]", "box[(x + y) % 2]", "box[x]"};
    static const char *const peers[] = {"p2[x % 2]", "p2[y]", "p2[(x + 1) % 2]"};
    return fmt::format("\"{}\"", pick(0, 2) ? one_of(boxes) : one_of(peers));
  }

  std::string value() { return pick(0, 3) == 0 ? "" : fmt::format(", value: \"{}\"", integer()); }

  std::string selection() {
    std::string out;
    if (pick(0, 1) == 0)
      out += fmt::format(", into: {}", pick(0, 2) ? "y" : "x");
    if (pick(0, 2) == 0)
      out += fmt::format(", when: \"{}\"", when());
    return out;
  }

  // With `cyclic`, tags T or U: servers whose receives take one tag, for the servers rule of the persistent sets.
  std::string tag() {
    if (pick(0, 4) != 0)
      return "";
    return flags_.cyclic && pick(0, 1) == 1 ? ", tag: U" : ", tag: T";
  }

  // One step at `indent`; `nest`: it may be a loop, a choice or an `if` of single steps.
  std::string step(const std::string &indent, bool nest) {
    for (;;) {
      int kind = pick(0, 15);
      bool asynchronous = kind == 3 || kind == 4 || kind == 5;
      if ((flags_.rendezvous && asynchronous) || (!nest && kind >= 9 && kind <= 12) ||
          (!flags_.timeouts && (kind == 13 || kind == 14)))
        continue;
      switch (kind) {
      case 0:
        return indent + "- compute: 1us\n";
      case 1:
        return indent + fmt::format("- send: {{to: {}{}{}}}\n", runtime_target(), value(), tag());
      case 2:
        if (p_ == 1 && pick(0, 2) == 0)
          return indent + fmt::format("- receive: {{from: any{}}}\n", selection());
        return indent + fmt::format("- receive: {{from: {}{}{}}}\n", runtime_target(), selection(), tag());
      case 3:
        return indent + fmt::format("- send: {{to: {}{}, blocking: false, else: [{{set: {{y: \"{}\"}}}}]}}\n",
                                    runtime_target(), value(), integer());
      case 4:
        return indent + fmt::format("- receive: {{from: {}{}, blocking: false, else: [{{compute: 1us}}]}}\n",
                                    runtime_target(), selection());
      case 5:
        if (handle_)
          return indent + "- compute: 1us\n";
        handle_ = true;
        return indent + fmt::format("- send: {{to: {}{}, async: h}}\n", target(), value());
      case 6:
        if (pick(0, 2) == 0)
          return indent + "- set: {x: y, y: x}\n";
        return indent + fmt::format("- set: {{{}: \"{}\"}}\n", variable(), integer());
      case 7:
        return indent + fmt::format("- assert: \"{}\"\n", condition());
      case 8:
        if (flags_.cyclic) // a release repeated forever would count up without end
          return indent + "- acquire: s\n" + indent + "- release: s\n";
        return indent + (pick(0, 1) ? "- acquire: s\n" : "- release: s\n");
      case 9: {
        std::string out =
            indent + fmt::format("- if: \"{}\"\n", condition()) + indent + "  then:\n" + step(indent + "    ", false);
        if (pick(0, 1))
          out += indent + "  else:\n" + step(indent + "    ", false);
        return out;
      }
      case 10: // a visible step in every round, and x counts the rounds unless that step stores into it
        return indent + fmt::format("- while: \"x < {}\"\n", pick(1, 2)) + indent + "  do:\n" +
               visible_step(indent + "    ") + indent + "    - set: {x: \"x + 1\"}\n";
      case 11:
        return indent + "- repeat: 2\n" + indent + "  do:\n" + step(indent + "    ", false);
      case 12:
        return indent + "- choose:\n" + indent + "  -\n" + step(indent + "    ", false) + indent + "  -\n" +
               step(indent + "    ", false);
      case 13:
        if (pick(0, 1))
          return indent + fmt::format("- receive: {{from: {}{}, timeout: 1ms, else: [{{set: {{x: \"{}\"}}}}]}}\n",
                                      runtime_target(), selection(), integer());
        return indent + fmt::format("- send: {{to: {}{}, timeout: 1ms}}\n", runtime_target(), value());
      case 14:
        return indent + "- acquire: {semaphore: s, timeout: 1ms, else: [{compute: 1us}]}\n";
      default:
        return indent + "- compute: 1us\n";
      }
    }
  }

  // A step that every round of a `while` takes, so that no loop spins without one.
  std::string visible_step(const std::string &indent) {
    switch (pick(0, 2)) {
    case 0:
      return indent + fmt::format("- send: {{to: {}{}}}\n", runtime_target(), value());
    case 1:
      return indent + fmt::format("- receive: {{from: {}{}}}\n", runtime_target(), selection());
    default:
      return indent + "- compute: 1us\n";
    }
  }

  std::mt19937 random_;
  DataFlags flags_;
  int processes_ = 0, mailboxes_ = 0, p_ = 0;
  bool replicated_ = false;
  bool handle_ = false;
};

} // namespace ipcsim::test
