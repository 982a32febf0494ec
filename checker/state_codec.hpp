// States as compact bytes for the visited set. A state is cut into components, one per process (its pc,
// status, attached segments, loop counters, async handles and variables), one per channel (existence,
// receive privilege, buffer, waiting senders, waiting receivers), one per semaphore (value and waiters) and
// one for the global variables if there are any; each distinct component is stored once in its own table, and a state
// is the list of its components' numbers (SPIN's "collapse" compression). Most transitions change one or two
// components, so a state of 20 components takes about 20 bytes, and the components it shares with its neighbours cost
// nothing more.
//
// The identity is models' encode(): a component holds exactly the words encode() writes for that part of
// the state (message numbers left out), so two states pack alike exactly when they encode alike. Tests
// check both directions on every stored state.
#pragma once

#include "checker/spin_lock.hpp"
#include "checker/state_store.hpp"
#include "models/model.hpp"
#include "models/state.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace ipcsim {

// The distinct components of the states packed so far, one table per part of a state. The threads of a
// parallel depth-first search share one, so that a component has one number whichever thread packs it;
// each table then has its own lock.
class ComponentTables {
public:
  ComponentTables(std::size_t parts, bool shared);

  StateIndex insert(std::size_t part, std::span<const std::uint8_t> bytes);
  std::span<const std::uint8_t> bytes(std::size_t part, StateIndex index) const; // stable once stored
  std::size_t parts() const { return tables_.size(); }
  std::size_t memory_bytes() const;

private:
  std::vector<StateStore> tables_;
  std::unique_ptr<SpinLock[]> locks_; // one per table if shared, else none
};

// How many components a state of `model` has: the tables' parts.
std::size_t component_count(const Model &model);

class StateCodec {
public:
  explicit StateCodec(const Model &model);
  // A codec of its own (memo and scratch space) over tables that other codecs use too.
  StateCodec(const Model &model, std::shared_ptr<ComponentTables> tables);

  // Replaces `out` with the bytes of `state`, adding any component not seen before to its table.
  void pack(const State &state, std::vector<std::uint8_t> &out);

  // The same, faster for a successor: the components that `state` has unchanged from `base` (whose
  // component numbers are `base_components`) are taken from it without being packed again.
  void pack(const State &state, std::vector<std::uint8_t> &out, const State &base,
            std::span<const StateIndex> base_components);

  // The component numbers that packed `bytes` hold.
  void components(std::span<const std::uint8_t> bytes, std::vector<StateIndex> &out) const;

  // The inverse of pack(), reusing `out`'s storage. Message numbers are not part of a state's identity:
  // messages are renumbered from 1 in channel order, which changes no behaviour.
  void unpack(std::span<const std::uint8_t> bytes, State &out) const;

  std::size_t memory_bytes() const; // the component tables
  const std::shared_ptr<ComponentTables> &tables() const { return tables_; }

private:
  // The last few components packed in each place: consecutive states are neighbours and share most of
  // them (under symmetry, a place takes turns among a few), so comparing a few bytes usually spares the
  // table lookup. A component's first 8 bytes and its length are compared for every entry at once (no
  // branch on which entry hits); the rest, if any, for a candidate only.
  struct Memo {
    static constexpr std::size_t ways = 4;
    std::uint64_t head[ways] = {};         // the first 8 bytes, zero-padded
    std::size_t size[ways] = {0, 0, 0, 0}; // in bytes; 0 (no component is empty): unused
    StateIndex index[ways] = {};
    std::vector<std::uint64_t> rest[ways]; // the bytes after the first 8, zero-padded
    std::size_t next = 0;                  // the entry a miss replaces: the oldest
  };

  // A component's bytes, in scratch_ (valid until the next call), followed by zeros up to a whole word.
  std::span<const std::uint8_t> pack_process(const State &state, ProcId p);
  std::span<const std::uint8_t> pack_channel(const ChannelState &channel);
  std::span<const std::uint8_t> pack_semaphore(const SemaphoreState &semaphore);
  std::span<const std::uint8_t> pack_globals(const State &state);
  std::size_t globals_part() const;
  StateIndex component_index(std::size_t k, std::span<const std::uint8_t> bytes);

  const Model &model_;
  std::shared_ptr<ComponentTables> tables_; // processes, then channels, then semaphores, then the globals
  std::vector<Memo> memo_;
  std::vector<std::uint8_t> scratch_;
};

// A whole state in one run of bytes, with no tables: each part's words as StateCodec packs a component,
// one part after the other. About three times the size of StateCodec's packing, but the same bytes
// whichever thread packs them, which the parallel search's shared visited set needs.
void pack_whole(const Model &model, const State &state, std::vector<std::uint8_t> &out);

// The inverse of pack_whole(), reusing `out`'s storage; messages are renumbered as unpack() does.
void unpack_whole(const Model &model, std::span<const std::uint8_t> bytes, State &out);

} // namespace ipcsim
