// The ping-pong benchmark written by hand against SimGrid's S4U: the baseline that `ipcsim run
// bench/pingpong.yaml` is compared with (bench/run_simulator_bench.sh).
//
// P pairs; pair i has two mailboxes, box[2i] (ping -> pong) and box[2i+1] (pong -> ping). ping[i] puts on
// box[2i] and then gets from box[2i+1], M times; pong[i] does the reverse. Rendezvous: a plain blocking
// put/get, as at capacity 0 in the scenario. Messages carry a pointer and a simulated size of 0 bytes, and
// nobody computes: the same pure logical exchange as the scenario, on the same platform (one full zone with
// one 1Gf host named host0) and with the same context settings as ipcsim's plan_actor_stacks()
// (sim/engine_setup.cpp): small heap stacks without guard pages from 4000 actors on.
//
// Usage: s4u_pingpong P M [--cfg=key:value]...   (e.g. --cfg=network/model:Constant --cfg=network/latency-factor:0
// for the cheapest S4U comms, or --cfg=contexts/stack-size:16 to replace the context settings above)
// Prints the simulated end time and the number of messages received, so a run can be checked against
// ipcsim's summary (2 * P * M messages, t = 0).
#include <simgrid/s4u.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

std::uint64_t received = 0;
int token = 0; // the payload: only its address travels

void ping(sg4::Mailbox* out, sg4::Mailbox* in, std::uint64_t m) {
  for (std::uint64_t k = 0; k < m; ++k) {
    out->put(&token, 0);
    in->get<int>();
    ++received;
  }
}

void pong(sg4::Mailbox* in, sg4::Mailbox* out, std::uint64_t m) {
  for (std::uint64_t k = 0; k < m; ++k) {
    in->get<int>();
    ++received;
    out->put(&token, 0);
  }
}

std::uint64_t parse(const char* text, const char* what) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0' || v == 0) {
    std::fprintf(stderr, "s4u_pingpong: %s: expected a positive integer, got '%s'\n", what, text);
    std::exit(64);
  }
  return v;
}

// name[k], built by appending (GCC 12 warns falsely, -Wrestrict, on "literal" + std::string temporaries).
std::string indexed(const char* name, std::uint64_t k) {
  std::string s(name);
  s += '[';
  s += std::to_string(k);
  s += ']';
  return s;
}

} // namespace

int main(int argc, char* argv[]) {
  std::vector<std::string> storage = {"s4u_pingpong", "--log=root.thres:critical"};
  for (int k = 1; k < argc; ++k)
    storage.emplace_back(argv[k]);
  std::vector<char*> args;
  for (auto& s : storage)
    args.push_back(s.data());
  args.push_back(nullptr);
  int n = static_cast<int>(storage.size());
  sg4::Engine engine(&n, args.data()); // strips --cfg= and --log= options
  if (n != 3) {
    std::fprintf(stderr, "usage: s4u_pingpong P M [--cfg=key:value]...\n");
    return 64;
  }
  std::uint64_t pairs = parse(args[1], "P");
  std::uint64_t rounds = parse(args[2], "M");

  bool contexts_given = false; // --cfg=contexts/... on the command line wins (for experiments)
  for (int k = 2; k < argc; ++k)
    contexts_given = contexts_given || std::string(argv[k]).rfind("--cfg=contexts/", 0) == 0;
  if (2 * pairs >= 4000 && !contexts_given) { // as ipcsim's plan_actor_stacks()
    sg4::Engine::set_config("contexts/guard-size:0");
    sg4::Engine::set_config("contexts/stack-size:16");
  }
  auto* zone = sg4::create_full_zone("platform");
  sg4::Host* host = zone->create_host("host0", 1e9)->set_core_count(1)->seal();
  zone->seal();

  for (std::uint64_t i = 0; i < pairs; ++i) {
    sg4::Mailbox* to_pong = sg4::Mailbox::by_name(indexed("box", 2 * i));
    sg4::Mailbox* to_ping = sg4::Mailbox::by_name(indexed("box", 2 * i + 1));
    sg4::Actor::create(pairs == 1 ? std::string("ping") : indexed("ping", i), host, ping, to_pong, to_ping, rounds);
    sg4::Actor::create(pairs == 1 ? std::string("pong") : indexed("pong", i), host, pong, to_pong, to_ping, rounds);
  }
  engine.run();
  std::printf("s4u_pingpong: P=%llu M=%llu: completed at t = %g, %llu messages\n",
              static_cast<unsigned long long>(pairs), static_cast<unsigned long long>(rounds),
              sg4::Engine::get_clock(), static_cast<unsigned long long>(received));
  return received == 2 * pairs * rounds ? 0 : 1;
}
