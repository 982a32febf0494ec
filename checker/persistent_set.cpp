#include "checker/persistent_set.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

namespace ipcsim {

namespace {

std::uint32_t root(std::vector<std::uint32_t> &parent, std::uint32_t c) {
  while (parent[c] != c)
    c = parent[c] = parent[parent[c]];
  return c;
}

} // namespace

PersistentSet::PersistentSet(const Model &model, const SearchSteps &steps) : model_(model) {
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
  group_words_ = std::max<std::size_t>(1, (group_count_ + 63) / 64);
  proc_words_ = std::max<std::size_t>(1, (model.processes.size() + 63) / 64);
  find_servers(steps);
  owned_.assign(model.processes.size() * group_words_, 0);
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    const Process &process = model.processes[p];
    Word *owned = row(owned_, p, group_words_);
    for (ChannelId c : process.owned) // they disappear when it stops, which any of its steps may lead to
      add(owned, group_[c]);
    find_first_sends(process);
    first_pc_.push_back(step_group_.size());
    for (std::size_t pc = 0; pc < process.sends_ahead.size(); ++pc) {
      step_group_.push_back(pc < process.code.size() ? instruction_group(process.code[pc]) : kNone);
      ahead_.insert(ahead_.end(), owned, owned + group_words_);
      Word *ahead = row(ahead_, step_group_.size() - 1, group_words_);
      for (const auto *channels : {&process.sends_ahead[pc], &process.receives_ahead[pc], &process.lifecycles_ahead[pc]})
        for (ChannelId c : *channels)
          add(ahead, group_[c]);
      for (SemaphoreId s : process.semaphores_ahead[pc])
        add(ahead, semaphore_group_ + s);
      for (SegmentId s : process.segments_ahead[pc])
        add(ahead, segment_group_ + s);
    }
  }
}

void PersistentSet::find_servers(const SearchSteps &steps) {
  server_.assign(group_count_, kNone);
  for (ChannelId c = 0; c < model_.channels.size(); ++c)
    if (steps.fused(c) && model_.channels[c].receivers_of.size() == 1) // a fused channel is a group of its own
      server_[group_[c]] = model_.channels[c].receivers_of.front();
}

// Backward dataflow to a fixpoint, as models/compile.cpp finds what lies ahead: a send to a server's channel
// is the first there from its own pc; elsewhere the first ones are those of the successors.
void PersistentSet::find_first_sends(const Process &process) {
  using Firsts = std::vector<std::pair<std::uint32_t, TagId>>;
  std::vector<Firsts> first(process.code.size() + 1);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t pc = process.code.size(); pc-- > 0;) {
      const Instruction &i = process.code[pc];
      std::uint32_t own = i.op == OpCode::send ? group_[i.channel] : kNone;
      if (own != kNone && server_[own] == kNone)
        own = kNone;
      Firsts next;
      if (own != kNone)
        next.push_back({own, i.tag});
      for (std::uint32_t successor : successors(process.code, static_cast<std::uint32_t>(pc)))
        for (auto send : first[successor])
          if (send.first != own)
            next.push_back(send);
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      if (next != first[pc]) {
        first[pc] = std::move(next);
        changed = true;
      }
    }
  }
  first_sends_.insert(first_sends_.end(), first.begin(), first.end());
}

// Whether `sender` may still meet the server of `group` (above), which is a member and so stays at its
// current step: only if that step is a receive there that takes the tag of one of its first sends there.
bool PersistentSet::may_meet_server(const State &state, ProcId sender, std::uint32_t group) const {
  ProcId server = server_[group];
  const ProcState &ps = state.procs[server];
  const Instruction *receive = ps.status == ProcStatus::ready ? model_.instruction(server, ps.pc) : nullptr;
  if (!receive || receive->op != OpCode::receive || receive->sources.size() != 1 || group_[receive->sources[0]] != group)
    return false;
  const auto &firsts = first_sends_[first_pc_[sender] + state.procs[sender].pc];
  return std::any_of(firsts.begin(), firsts.end(), [&](const auto &send) {
    return send.first == group && tag_matches(receive->tag, send.second);
  });
}

std::uint32_t PersistentSet::instruction_group(const Instruction &i) const {
  if (i.op == OpCode::receive && !i.sources.empty()) // `from: any` with no link to it has none
    return group_[i.sources.front()];                // all sources share one group
  if (i.op != OpCode::receive && i.channel != kNone)
    return group_[i.channel];                        // send, create, delete, give
  if (i.semaphore != kNone)
    return semaphore_group_ + i.semaphore;
  if (i.segment != kNone)
    return segment_group_ + i.segment;
  return kNone;
}

void PersistentSet::current(const State &state, ProcId p, Word *out) {
  const Process &process = model_.processes[p];
  const ProcState &ps = state.procs[p];
  if (ps.status == ProcStatus::ready) {
    add(out, step_group_[first_pc_[p] + ps.pc]);
    const Word *owned = row(owned_, p, group_words_);
    for (std::size_t w = 0; w < group_words_; ++w)
      out[w] |= owned[w];
  } else if (ps.status == ProcStatus::blocked) {
    add(out, instruction_group(blocking_operation(model_, state, p)));
  }
  for (std::uint32_t h = 0; h < process.handle_names.size(); ++h) { // its posted operations
    const HandleState &handle = state.handles[process.handle_base + h];
    if (handle.status == HandleStatus::pending)
      add(out, step_group_[first_pc_[p] + handle.origin]);
  }
}

// An unfinished process r joins the set as soon as a member's current groups meet every group r may still
// touch (its reach): the set from a start is everything reachable from it along these links.
void PersistentSet::link_processes(const State &state) {
  std::size_t processes = state.procs.size();
  current_.assign(processes * group_words_, 0);
  reachers_.assign(group_count_ * proc_words_, 0);
  joins_.assign(processes * proc_words_, 0);
  for (ProcId p = 0; p < processes; ++p) {
    if (state.procs[p].status != ProcStatus::ready && state.procs[p].status != ProcStatus::blocked)
      continue; // a finished process reaches nothing, and never joins
    Word *now = row(current_, p, group_words_);
    current(state, p, now);
    const Word *ahead = row(ahead_, first_pc_[p] + state.procs[p].pc, group_words_);
    for (std::size_t w = 0; w < group_words_; ++w)
      for (Word reach = ahead[w] | now[w]; reach != 0; reach &= reach - 1) {
        auto group = static_cast<std::uint32_t>(w * 64 + std::countr_zero(reach));
        if (server_[group] == kNone || server_[group] == p || may_meet_server(state, p, group))
          add(row(reachers_, group, proc_words_), p);
      }
  }
  for (ProcId m = 0; m < processes; ++m) {
    Word *joins = row(joins_, m, proc_words_);
    const Word *now = row(current_, m, group_words_);
    for (std::size_t w = 0; w < group_words_; ++w)
      for (Word groups = now[w]; groups != 0; groups &= groups - 1) {
        const Word *reachers = row(reachers_, w * 64 + std::countr_zero(groups), proc_words_);
        for (std::size_t v = 0; v < proc_words_; ++v)
          joins[v] |= reachers[v];
      }
  }
}

std::size_t PersistentSet::closure(ProcId start) {
  std::fill(members_.begin(), members_.end(), 0);
  add(members_.data(), start);
  pending_.assign(1, start);
  std::size_t transitions = 0;
  while (!pending_.empty()) {
    ProcId m = pending_.back();
    pending_.pop_back();
    transitions += enabled_count_[m];
    const Word *joins = row(joins_, m, proc_words_);
    for (std::size_t w = 0; w < proc_words_; ++w)
      for (Word fresh = joins[w] & ~members_[w]; fresh != 0; fresh &= fresh - 1) {
        auto r = static_cast<ProcId>(w * 64 + std::countr_zero(fresh));
        add(members_.data(), r);
        pending_.push_back(r);
      }
  }
  return transitions;
}

void PersistentSet::choose(const State &state, const std::vector<SearchStep> &enabled,
                           std::vector<std::uint32_t> &chosen) {
  chosen.resize(enabled.size());
  std::iota(chosen.begin(), chosen.end(), 0u);
  std::size_t processes = state.procs.size();
  enabled_count_.assign(processes, 0);
  for (const SearchStep &s : enabled)
    ++enabled_count_[s.first.proc];
  link_processes(state);
  members_.resize(proc_words_);
  // Every ready process as the start, in process order (the order of `enabled`); the first smallest set wins.
  std::size_t best = enabled.size();
  ProcId best_start = kNone;
  for (ProcId p = 0; p < processes && best > 1; ++p) {
    if (enabled_count_[p] == 0)
      continue;
    std::size_t size = closure(p);
    if (size < best) {
      best = size;
      best_start = p;
    }
  }
  if (best_start == kNone)
    return; // no set smaller than all of them
  closure(best_start);
  chosen.clear();
  for (std::uint32_t k = 0; k < enabled.size(); ++k)
    if (has(members_.data(), enabled[k].first.proc))
      chosen.push_back(k);
}

} // namespace ipcsim
