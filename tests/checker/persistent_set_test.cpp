// Partial-order reduction's sets (checker/persistent_set.hpp) on the fork servers of bench/fork-servers.yaml
// at N=4: a philosopher handing a fork back to a server that waits for it is a set of its own, because the
// other philosopher of that fork can only meet the server with an ACQ, which the server does not take now.
#include "check_support.hpp"

#include "checker/persistent_set.hpp"
#include "checker/search_steps.hpp"

#include <fstream>
#include <iterator>

using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// Processes: server[0..3] (0-3), phil[0..2] (4-6), last (7). phil[1] takes fork[1] then fork[2]; phil[0]
// takes fork[0] then fork[1]; last takes fork[0] then fork[3].
std::string fork_servers_yaml(bool tagged_receives) {
  std::ifstream in(source_path("bench/fork-servers.yaml"));
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char *tag : {", tag: ACQ}", ", tag: REL}"}) {
    std::string receive = std::string("receive: {from: \"fork[${i}]\"") + tag;
    if (!tagged_receives)
      yaml.replace(yaml.find(receive), receive.size(), "receive: {from: \"fork[${i}]\"}");
  }
  return yaml;
}

// The steps of the persistent set chosen once phil[1] holds both its forks and is about to hand fork[1] back.
std::vector<SearchStep> chosen_steps(bool tagged_receives) {
  Model model = model_from_text(fork_servers_yaml(tagged_receives), {.params = {{"N", "4"}}});
  SearchSteps steps(model, true);
  PersistentSet persistent(model, steps);
  std::vector<Event> events;
  State state = steps.initial_state(events);
  for (SearchStep step : {SearchStep{{5, 0}, 1}, SearchStep{{5, 0}, 2}}) // phil[1]: ACQ fork[1], ACQ fork[2]
    steps.apply(state, step, events);
  std::vector<SearchStep> enabled;
  steps.enabled(state, enabled);
  std::vector<std::uint32_t> chosen;
  persistent.choose(state, enabled, chosen);
  std::vector<SearchStep> out;
  for (std::uint32_t k : chosen)
    out.push_back(enabled.at(k));
  return out;
}

} // namespace

TEST_CASE("a philosopher handing back a fork its server waits for is a persistent set of its own") {
  // Enabled: phil[0] and last offer ACQ to server[0]; phil[1] hands fork[1] back (REL to server[1]).
  // phil[0] may still send to fork[1], but its first send there is an ACQ and server[1] takes only REL now.
  CHECK(chosen_steps(true) == std::vector<SearchStep>{{{5, 0}, 1}});
}

TEST_CASE("a server that takes any tag lets every sender of its channel join the set") {
  // The same state with servers that receive any tag: phil[0]'s ACQ could be taken by server[1] in place of
  // phil[1]'s REL, so phil[0] joins any set holding phil[1], and the smallest set is the two ACQs to fork[0].
  CHECK(chosen_steps(false) == std::vector<SearchStep>{{{4, 0}, 0}, {{7, 0}, 0}});
}

TEST_CASE("two senders that a server's receive both takes are both explored first") {
  // s serves one T. If a is served, b waits forever; if b is, b then buffers a message in its own mailbox
  // and exits, and the message is lost. A set that left either sender out would miss one of the two.
  Model model = model_from_text(R"(scenario: first-served
properties: {lost_messages: true}
channels:
  - {mailbox: c, capacity: 0}
  - {mailbox: m, capacity: 1, owner: b}
processes:
  - name: s
    do: [{receive: {from: c, tag: T}}]
  - name: a
    do: [{send: {to: c, tag: T}}]
  - name: b
    do: [{send: {to: c, tag: T}}, {send: {to: m}}]
)");
  for (bool reduction : {true, false}) {
    CheckResult r = check_all(model, false, reduction);
    CHECK((r.search.find("rendezvous fused") != std::string::npos) == reduction);
    CHECK(verdict_of(r, PropertyKind::deadlock) == Verdict::violated);
    CHECK(verdict_of(r, PropertyKind::lost_messages) == Verdict::violated);
  }
}
