#include "checker/persistent_set.hpp"

#include <algorithm>
#include <numeric>

namespace ipcsim {

namespace {

std::uint32_t root(std::vector<std::uint32_t> &parent, std::uint32_t c) {
  while (parent[c] != c)
    c = parent[c] = parent[parent[c]];
  return c;
}

void sort_unique(std::vector<std::uint32_t> &v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

PersistentSet::PersistentSet(const Model &model) : model_(model) {
  std::vector<std::uint32_t> parent(model.channels.size());
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Process &p : model.processes)
    for (const Instruction &i : p.code)
      for (std::size_t k = 1; i.op == OpCode::receive && k < i.sources.size(); ++k)
        parent[root(parent, i.sources[k])] = root(parent, i.sources[0]);
  std::vector<std::uint32_t> number(model.channels.size(), kNone);
  for (ChannelId c = 0; c < model.channels.size(); ++c) {
    std::uint32_t r = root(parent, c);
    if (number[r] == kNone)
      number[r] = group_count_++;
    group_.push_back(number[r]);
  }
  semaphore_group_ = group_count_;
  segment_group_ = semaphore_group_ + static_cast<std::uint32_t>(model.semaphores.size());
  group_count_ = segment_group_ + static_cast<std::uint32_t>(model.segments.size());
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    const Process &process = model.processes[p];
    std::vector<Groups> by_pc;
    for (std::size_t pc = 0; pc < process.sends_ahead.size(); ++pc) {
      Groups g = owned_groups(p);
      for (const auto *channels : {&process.sends_ahead[pc], &process.receives_ahead[pc], &process.lifecycles_ahead[pc]})
        for (ChannelId c : *channels)
          g.push_back(group_[c]);
      for (SemaphoreId s : process.semaphores_ahead[pc])
        g.push_back(semaphore_group_ + s);
      for (SegmentId s : process.segments_ahead[pc])
        g.push_back(segment_group_ + s);
      sort_unique(g);
      by_pc.push_back(std::move(g));
    }
    ahead_.push_back(std::move(by_pc));
  }
}

// A process's user-space mailboxes disappear when it stops, which any of its steps may lead to.
PersistentSet::Groups PersistentSet::owned_groups(ProcId p) const {
  Groups g;
  for (ChannelId c : model_.processes[p].owned)
    g.push_back(group_[c]);
  return g;
}

void PersistentSet::add_instruction_groups(const Instruction &i, Groups &out) const {
  if (i.op == OpCode::receive && !i.sources.empty()) // `from: any` with no link to it has none
    out.push_back(group_[i.sources.front()]);        // all sources share one group
  else if (i.op != OpCode::receive && i.channel != kNone)
    out.push_back(group_[i.channel]);                // send, create, delete, give
  else if (i.semaphore != kNone)
    out.push_back(semaphore_group_ + i.semaphore);
  else if (i.segment != kNone)
    out.push_back(segment_group_ + i.segment);
}

void PersistentSet::add_posted_groups(const State &state, ProcId p, Groups &out) const {
  const Process &process = model_.processes[p];
  for (std::uint32_t h = 0; h < process.handle_names.size(); ++h) {
    const HandleState &handle = state.handles[process.handle_base + h];
    if (handle.status == HandleStatus::pending)
      add_instruction_groups(process.code[handle.origin], out);
  }
}

PersistentSet::Groups PersistentSet::current(const State &state, ProcId p) const {
  Groups g;
  const ProcState &ps = state.procs[p];
  if (ps.status == ProcStatus::ready) {
    add_instruction_groups(model_.processes[p].code[ps.pc], g);
    Groups owned = owned_groups(p);
    g.insert(g.end(), owned.begin(), owned.end());
  }
  else if (ps.status == ProcStatus::blocked)
    add_instruction_groups(blocking_operation(model_, state, p), g);
  add_posted_groups(state, p, g);
  sort_unique(g);
  return g;
}

PersistentSet::Groups PersistentSet::reach(const State &state, ProcId p) const {
  Groups g = ahead_[p][state.procs[p].pc];
  Groups now = current(state, p);
  g.insert(g.end(), now.begin(), now.end());
  sort_unique(g);
  return g;
}

void PersistentSet::closure(const State &state, ProcId start) {
  std::fill(member_.begin(), member_.end(), 0);
  std::fill(in_set_.begin(), in_set_.end(), 0);
  auto join = [&](ProcId p) {
    member_[p] = 1;
    for (std::uint32_t g : current(state, p))
      in_set_[g] = 1;
  };
  join(start);
  for (bool grown = true; grown;) {
    grown = false;
    for (ProcId r = 0; r < state.procs.size(); ++r) {
      if (member_[r] || reach_[r].empty())
        continue;
      if (std::any_of(reach_[r].begin(), reach_[r].end(), [&](std::uint32_t g) { return in_set_[g] != 0; })) {
        join(r);
        grown = true;
      }
    }
  }
}

void PersistentSet::choose(const State &state, const std::vector<Transition> &enabled,
                           std::vector<std::uint32_t> &chosen) {
  chosen.resize(enabled.size());
  std::iota(chosen.begin(), chosen.end(), 0u);
  std::size_t processes = state.procs.size();
  member_.assign(processes, 0);
  in_set_.assign(group_count_, 0);
  reach_.resize(processes);
  std::vector<char> tried(processes, 0);
  for (ProcId p = 0; p < processes; ++p) {
    bool finished = state.procs[p].status == ProcStatus::ended || state.procs[p].status == ProcStatus::failed;
    reach_[p] = finished ? Groups{} : reach(state, p);
  }
  std::vector<std::uint32_t> best;
  for (const Transition &t : enabled) {
    if (tried[t.proc])
      continue;
    tried[t.proc] = 1;
    closure(state, t.proc);
    std::vector<std::uint32_t> set;
    for (std::uint32_t k = 0; k < enabled.size(); ++k)
      if (member_[enabled[k].proc])
        set.push_back(k);
    if (best.empty() || set.size() < best.size())
      best = std::move(set);
    if (best.size() == 1)
      break;
  }
  if (!best.empty())
    chosen = std::move(best);
}

} // namespace ipcsim
