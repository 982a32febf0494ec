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

#include <random>
#include <string>

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


} // namespace ipcsim::test
