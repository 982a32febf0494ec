// Partial-order reduction against the full search on small scenarios drawn at random (a fixed seed, so the
// same ones every run): mailboxes of capacity 0 to 2, direct links, receives from any, tags, blocking,
// non-blocking and asynchronous operations, loops and choices. The reduced search must reach exactly the
// verdicts of the full one, property by property, and never store more states.
#include "check_support.hpp"

#include <fmt/format.h>

#include <random>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

class ScenarioDraw {
public:
  explicit ScenarioDraw(std::uint32_t seed) : random_(seed) {}

  std::string yaml() {
    int processes = pick(2, 4), mailboxes = pick(1, 2);
    std::string out = "scenario: random\nproperties: {lost_messages: true, undelivered: true}\nchannels:\n";
    for (int m = 0; m < mailboxes; ++m)
      out += fmt::format("  - {{mailbox: m{}, capacity: {}}}\n", m, pick(0, 2));
    out += fmt::format("  - {{link: [p0, p1], capacity: {}}}\n", pick(0, 1));
    out += "processes:\n";
    for (int p = 0; p < processes; ++p) {
      out += fmt::format("  - name: p{}\n    do:\n", p);
      handle_ = false;
      for (int s = pick(1, 4); s > 0; --s)
        out += step(p, processes, mailboxes, "      ");
      if (handle_)
        out += "      - wait: h\n";
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
    switch (pick(0, 7)) {
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
  bool handle_ = false;
};

} // namespace

TEST_CASE("partial-order reduction finds exactly the full search's verdicts on 300 random scenarios",
          "[reduction]") {
  int reduced_somewhere = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = ScenarioDraw(seed).yaml();
    INFO("seed " << seed << ":\n" << yaml);
    Model model = model_from_text(yaml);
    CheckResult full = check_all(model, false, false);
    CheckResult reduced = check_all(model);
    REQUIRE(full.stop != StopReason::max_states);
    if (full.stop == StopReason::complete) // a search that stops at its violations depends on the order
      CHECK(reduced.statistics.states <= full.statistics.states);
    reduced_somewhere += reduced.statistics.states < full.statistics.states;
    REQUIRE(reduced.verdicts.size() == full.verdicts.size());
    for (std::size_t k = 0; k < full.verdicts.size(); ++k) {
      INFO("property " << to_string(full.verdicts[k].kind));
      CHECK(reduced.verdicts[k].verdict == full.verdicts[k].verdict);
    }
  }
  CHECK(reduced_somewhere > 100); // the draws exercise the reduction, not only full expansions
}
