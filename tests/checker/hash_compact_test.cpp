// The memory a stored state costs, and hash compaction: a 64-bit hash per state in place of its bytes.
#include "check_support.hpp"

#include "checker/hash_compact_store.hpp"


using namespace ipcsim;
using namespace ipcsim::test;

namespace {

// As check_all() checks, with hash compaction.
CheckResult check_compact(const Model &model) {
  CheckOptions options;
  options.symmetry = false;
  options.hash_compact = true;
  return check(model, options);
}

} // namespace

TEST_CASE("bytes per state: the visited set and the component tables, counted exactly", "[hash_compact]") {
  // Two processes of two compute steps, reduced: a runs to its end, then b, 5 states. A process component
  // packs pc, status and the attached segments (two words): 4 one-byte words. Each process takes 3 distinct
  // components (step 0, step 1, ended), and a state is its 2 component numbers, 1 byte each.
  Model model = model_from_text(R"(
scenario: independent
processes:
  - name: a
    do: [{compute: 1us}, {compute: 1us}]
  - name: b
    do: [{compute: 1us}, {compute: 1us}]
)");
  CheckResult r = check_all(model);
  REQUIRE(r.statistics.states == 5);
  // A record is its index (4 bytes), its length (1 byte) and its bytes; positions are 8 bytes each, as many
  // as the vector holds room for (1, 2, 4, 8 as it grows); a table starts with 16 slots of 8 bytes.
  std::uint64_t states = 5 * (4 + 1 + 2) + 8 * 8 + 16 * 8;          // 227
  std::uint64_t component_table = 3 * (4 + 1 + 4) + 4 * 8 + 16 * 8; // 187
  CHECK(r.statistics.visited_bytes == states + 2 * component_table);
  CHECK(r.statistics.bytes_per_state == Approx(601.0 / 5));
  CHECK_FALSE(r.statistics.omission_probability);

  CheckResult h = check_compact(model);
  REQUIRE(h.statistics.states == 5);
  // 8 bytes of hash per state (room for 8), a table of 16 slots of 4 bytes.
  CHECK(h.statistics.visited_bytes == 8 * 8 + 16 * 4 + 2 * component_table);
  CHECK(h.statistics.omission_probability == Approx(25.0 / 36893488147419103232.0)); // 5^2 / 2^65
}

TEST_CASE("the omission probability is n^2 / 2^65, at most 1", "[hash_compact]") {
  CHECK(HashCompactStore::omission_probability(0) == 0.0);
  CHECK(HashCompactStore::omission_probability(1u << 20) == Approx(std::ldexp(1.0, 40 - 65)));
  CHECK(HashCompactStore::omission_probability(std::uint64_t{1} << 40) == 1.0);
}

TEST_CASE("the hash-compact store finds what it holds, numbered in order, and grows", "[hash_compact]") {
  HashCompactStore store;
  for (std::uint32_t k = 0; k < 1000; ++k) {
    std::vector<std::uint8_t> bytes{static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(k >> 8)};
    CHECK(store.insert(bytes) == std::pair<StateIndex, bool>{k, true});
  }
  CHECK(store.size() == 1000);
  for (std::uint32_t k = 0; k < 1000; ++k) {
    std::vector<std::uint8_t> bytes{static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(k >> 8)};
    CHECK(store.find(bytes) == k);
    CHECK(store.insert(bytes) == std::pair<StateIndex, bool>{k, false});
  }
  CHECK_FALSE(store.find(std::vector<std::uint8_t>{1, 2, 3}));
}

TEST_CASE("hash compaction finds the same states and verdicts as the exact store on every bundled scenario",
          "[hash_compact][bundled]") {
  // Collisions are astronomically unlikely at these sizes (below 1e-9), so the counts must be equal.
  for (const std::string &name : bundled_names()) {
    SECTION(name) {
      Model model = bundled(name);
      CheckResult exact = check_all(model);
      CheckResult hashed = check_compact(model);
      CHECK(hashed.statistics.states == exact.statistics.states);
      CHECK(hashed.statistics.transitions == exact.statistics.transitions);
      REQUIRE(hashed.statistics.omission_probability);
      CHECK(*hashed.statistics.omission_probability < 1e-9);
      check_same_verdicts(hashed, exact);
      CHECK(hashed.violations.size() == exact.violations.size());
    }
  }
}

TEST_CASE("a breadth-first search refuses hash compaction", "[hash_compact]") {
  CheckOptions options;
  options.breadth_first = true;
  options.hash_compact = true;
  CHECK_THROWS_AS(check(bundled("deadlock-receive-first"), options), std::invalid_argument);
}
