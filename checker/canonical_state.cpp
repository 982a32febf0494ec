#include "checker/canonical_state.hpp"

#include <algorithm>
#include <numeric>

namespace ipcsim {
namespace {

// How a process id is written in a block's key (see the header): a process no group moves as itself; the
// others as a kind in the high word.
enum : std::uint64_t { kRelative = 1, kSameGroup = 2, kOtherGroup = 3 };

// Where a process appears in the channels and semaphores no group moves: the list it is in.
enum Field : std::uint32_t {
  may_receive,
  buffered_sender,
  buffered_recipient,
  waiting_sender,
  sending_recipient,
  waiting_receiver,
  semaphore_waiter
};

std::uint32_t image(const std::vector<std::uint32_t> &map, std::uint32_t x) {
  return x == kNone ? kNone : map[x];
}

void push_wide(std::vector<std::uint32_t> &out, std::uint64_t w) {
  out.push_back(static_cast<std::uint32_t>(w));
  out.push_back(static_cast<std::uint32_t>(w >> 32));
}

template <class F> void for_each_recipient(const Channel &channel, std::uint64_t bits, F f) {
  for (std::size_t k = 0; bits != 0; ++k, bits >>= 1)
    if (bits & 1)
      f((*channel.receivers)[k]);
}

} // namespace

Canonicalizer::Canonicalizer(const Model &model, std::vector<SymmetryGroup> groups)
    : model_(model), groups_(std::move(groups)), proc_place_(model.processes.size()),
      channel_place_(model.channels.size()), semaphore_place_(model.semaphores.size()),
      handle_owner_(model.handle_count), signature_(model.processes.size()) {
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    auto place = [&](const std::vector<std::vector<std::uint32_t>> &slots, std::vector<Place> &places) {
      for (std::uint32_t s = 0; s < slots.size(); ++s)
        for (std::uint32_t b = 0; b < slots[s].size(); ++b)
          places[slots[s][b]] = {g, b, s};
    };
    place(groups_[g].procs, proc_place_);
    place(groups_[g].channels, channel_place_);
    place(groups_[g].semaphores, semaphore_place_);
  }
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    const Process &process = model.processes[p];
    for (std::uint32_t h = 0; h < process.handle_names.size(); ++h)
      handle_owner_[process.handle_base + h] = p;
  }
}

const State &Canonicalizer::canonical(const State &state) {
  if (!active())
    return state;
  pi_.procs.resize(model_.processes.size());
  pi_.channels.resize(model_.channels.size());
  pi_.semaphores.resize(model_.semaphores.size());
  std::iota(pi_.procs.begin(), pi_.procs.end(), 0u);
  std::iota(pi_.channels.begin(), pi_.channels.end(), 0u);
  std::iota(pi_.semaphores.begin(), pi_.semaphores.end(), 0u);
  collect_signatures(state);
  moved_ = false;
  for (std::uint32_t g = 0; g < groups_.size(); ++g)
    order_blocks(state, g);
  if (!moved_)
    return state; // already its own representative: nothing to copy
  rename(state, pi_, out_);
  return out_;
}

// Where each moved process appears in the objects that stay: positions there do not depend on the names.
void Canonicalizer::collect_signatures(const State &state) {
  for (const auto &g : groups_)
    for (const auto &slot : g.procs)
      for (ProcId p : slot)
        signature_[p].clear();
  auto note = [&](ProcId p, std::uint32_t object, Field field, std::size_t position, std::uint32_t extra) {
    if (p != kNone && proc_place_[p].group != kNone)
      signature_[p].insert(signature_[p].end(), {object, field, static_cast<std::uint32_t>(position), extra});
  };
  for (ChannelId c = 0; c < model_.channels.size(); ++c) {
    if (channel_place_[c].group != kNone)
      continue;
    const Channel &channel = model_.channels[c];
    const ChannelState &cs = state.channels[c];
    for (ProcId p : cs.may_receive)
      note(p, c, may_receive, 0, 0);
    for (std::size_t k = 0; k < cs.buffer.size(); ++k) {
      note(cs.buffer[k].sender, c, buffered_sender, k, 0);
      for_each_recipient(channel, cs.buffer[k].unread, [&](ProcId p) { note(p, c, buffered_recipient, k, 0); });
    }
    for (std::size_t k = 0; k < cs.senders.size(); ++k) {
      note(cs.senders[k].proc, c, waiting_sender, k, handle_offset(cs.senders[k].handle));
      for_each_recipient(channel, cs.senders[k].message.unread, [&](ProcId p) { note(p, c, sending_recipient, k, 0); });
    }
    for (std::size_t k = 0; k < cs.receivers.size(); ++k)
      note(cs.receivers[k].proc, c, waiting_receiver, k, handle_offset(cs.receivers[k].handle));
  }
  for (SemaphoreId s = 0; s < model_.semaphores.size(); ++s)
    if (semaphore_place_[s].group == kNone)
      for (std::size_t k = 0; k < state.semaphores[s].waiters.size(); ++k)
        note(state.semaphores[s].waiters[k], static_cast<std::uint32_t>(model_.channels.size()) + s, semaphore_waiter,
             k, 0);
}

std::uint32_t Canonicalizer::handle_offset(std::uint32_t handle) const {
  return handle == kNone ? kNone : handle - model_.processes[handle_owner_[handle]].handle_base;
}

// Process p's local state and its signature.
void Canonicalizer::proc_words(ProcId p, const State &state, Words &out) const {
  const Process &process = model_.processes[p];
  out.push_back(state.procs[p].pc);
  out.push_back(static_cast<std::uint32_t>(state.procs[p].status));
  push_wide(out, state.procs[p].attached);
  for (std::uint32_t k = 0; k < process.counter_count; ++k)
    push_wide(out, state.counters[process.counter_base + k]);
  for (std::uint32_t k = 0; k < process.handle_names.size(); ++k) {
    const HandleState &h = state.handles[process.handle_base + k];
    out.push_back(static_cast<std::uint32_t>(h.status));
    out.push_back(h.origin);
  }
  for (std::uint32_t k = 0; k < process.variables.size(); ++k)
    push_wide(out, zigzag(state.vars[process.var_base + k]));
  out.push_back(static_cast<std::uint32_t>(signature_[p].size()));
  out.insert(out.end(), signature_[p].begin(), signature_[p].end());
}

// Process p as block b of group g sees it (see the header).
std::uint64_t Canonicalizer::relative(ProcId p, std::uint32_t g, std::uint32_t b) const {
  if (p == kNone || proc_place_[p].group == kNone)
    return p;
  const Place &at = proc_place_[p];
  const SymmetryGroup &group = groups_[g];
  std::uint64_t slots = group.procs.size();
  if (at.group != g)
    return kOtherGroup << 32 | std::uint64_t{at.group} << 16 | at.slot;
  if (group.kind == SymmetryKind::rotation) {
    std::uint64_t n = group.blocks();
    return kRelative << 32 | (((at.block + n - b) % n) * slots + at.slot);
  }
  return at.block == b ? kRelative << 32 | at.slot : kSameGroup << 32 | at.slot;
}

void Canonicalizer::channel_words(const ChannelState &cs, ChannelId c, std::uint32_t g, std::uint32_t b, Words &out) {
  const Channel &channel = model_.channels[c];
  auto who = [&](ProcId p) { push_wide(out, relative(p, g, b)); };
  auto put_set = [&] { // set_, as a sorted set
    std::sort(set_.begin(), set_.end());
    out.push_back(static_cast<std::uint32_t>(set_.size()));
    for (std::uint64_t w : set_)
      push_wide(out, w);
  };
  auto recipients = [&](std::uint64_t bits) {
    set_.clear();
    for_each_recipient(channel, bits, [&](ProcId p) { set_.push_back(relative(p, g, b)); });
    put_set();
  };
  auto message = [&](const Message &m) {
    who(m.sender);
    out.push_back(m.tag);
    push_wide(out, m.size);
    recipients(m.unread);
  };
  out.push_back(cs.exists ? 1 : 0);
  set_.clear();
  for (ProcId p : cs.may_receive)
    set_.push_back(relative(p, g, b));
  put_set();
  out.push_back(static_cast<std::uint32_t>(cs.buffer.size()));
  for (const Message &m : cs.buffer)
    message(m);
  out.push_back(static_cast<std::uint32_t>(cs.senders.size()));
  for (const PendingSend &s : cs.senders) {
    who(s.proc);
    out.push_back(handle_offset(s.handle));
    message(s.message);
  }
  out.push_back(static_cast<std::uint32_t>(cs.receivers.size()));
  for (const PendingReceive &r : cs.receivers) {
    who(r.proc);
    out.push_back(handle_offset(r.handle));
    out.push_back(r.tag);
  }
}

void Canonicalizer::block_key(const State &state, std::uint32_t g, std::uint32_t b, Words &out) {
  const SymmetryGroup &group = groups_[g];
  out.clear();
  for (const auto &slot : group.procs)
    proc_words(slot[b], state, out);
  for (const auto &slot : group.channels)
    channel_words(state.channels[slot[b]], slot[b], g, b, out);
  for (const auto &slot : group.semaphores) {
    const SemaphoreState &s = state.semaphores[slot[b]];
    push_wide(out, s.value);
    out.push_back(static_cast<std::uint32_t>(s.waiters.size()));
    for (ProcId p : s.waiters)
      push_wide(out, relative(p, g, b));
  }
}

// Chooses the place of each block of group g and records it in pi_.
void Canonicalizer::order_blocks(const State &state, std::uint32_t g) {
  const SymmetryGroup &group = groups_[g];
  auto n = static_cast<std::uint32_t>(group.blocks());
  keys_.resize(n);
  for (std::uint32_t b = 0; b < n; ++b)
    block_key(state, g, b, keys_[b]);
  order_.resize(n); // order_[j]: the block that goes to place j
  if (group.kind == SymmetryKind::full) {
    // Insertion sort: stable, allocates nothing, and a group has few blocks.
    for (std::uint32_t k = 0; k < n; ++k) {
      std::uint32_t j = k;
      for (; j > 0 && keys_[k] < keys_[order_[j - 1]]; --j)
        order_[j] = order_[j - 1];
      order_[j] = k;
    }
  } else {
    std::uint32_t best = 0;
    for (std::uint32_t r = 1; r < n; ++r)
      for (std::uint32_t k = 0; k < n; ++k) {
        const Words &a = keys_[(r + k) % n], &z = keys_[(best + k) % n];
        if (a != z) {
          best = a < z ? r : best;
          break;
        }
      }
    for (std::uint32_t j = 0; j < n; ++j)
      order_[j] = (best + j) % n;
  }
  bool identity = true;
  for (std::uint32_t j = 0; j < n; ++j)
    identity = identity && order_[j] == j;
  if (!identity) // pi_ starts as the identity
    permute_blocks(group, order_, pi_);
  moved_ = moved_ || !identity;
}

std::uint32_t Canonicalizer::rename_handle(std::uint32_t handle, const ModelPermutation &pi) const {
  if (handle == kNone)
    return kNone;
  ProcId owner = handle_owner_[handle];
  return model_.processes[pi.procs[owner]].handle_base + (handle - model_.processes[owner].handle_base);
}

// A multicast message's recipients are bits over its channel's receivers list, which the renaming reorders.
std::uint64_t Canonicalizer::rename_recipients(ChannelId from, ChannelId to, std::uint64_t bits,
                                               const ModelPermutation &pi) const {
  if (bits == 0 || !model_.channels[from].multicast)
    return bits;
  const auto &receivers = *model_.channels[to].receivers;
  std::uint64_t out = 0;
  for_each_recipient(model_.channels[from], bits, [&](ProcId p) {
    auto at = std::lower_bound(receivers.begin(), receivers.end(), pi.procs[p]);
    out |= std::uint64_t{1} << (at - receivers.begin());
  });
  return out;
}

void Canonicalizer::rename(const State &state, const ModelPermutation &pi, State &out) const {
  out.procs.resize(state.procs.size());
  out.counters.resize(state.counters.size());
  out.handles.resize(state.handles.size());
  out.vars = state.vars; // the globals stay; each process's own follow it below
  out.channels.resize(state.channels.size());
  out.semaphores.resize(state.semaphores.size());
  out.next_message = state.next_message;
  for (ProcId p = 0; p < state.procs.size(); ++p) {
    const Process &from = model_.processes[p];
    const Process &to = model_.processes[pi.procs[p]];
    out.procs[pi.procs[p]] = state.procs[p];
    // Element by element: a process has a counter or two, too few for a call to memmove to pay.
    for (std::uint32_t k = 0; k < from.counter_count; ++k)
      out.counters[to.counter_base + k] = state.counters[from.counter_base + k];
    for (std::uint32_t k = 0; k < from.handle_names.size(); ++k)
      out.handles[to.handle_base + k] = state.handles[from.handle_base + k];
    for (std::uint32_t k = 0; k < from.variables.size(); ++k)
      out.vars[to.var_base + k] = state.vars[from.var_base + k];
  }
  auto message = [&](Message m, ChannelId from, ChannelId to) {
    m.sender = image(pi.procs, m.sender);
    m.unread = rename_recipients(from, to, m.unread, pi);
    return m;
  };
  for (ChannelId c = 0; c < state.channels.size(); ++c) {
    ChannelId d = pi.channels[c];
    const ChannelState &in = state.channels[c];
    ChannelState &o = out.channels[d];
    o.exists = in.exists;
    o.bytes = in.bytes;
    o.may_receive.clear();
    for (ProcId p : in.may_receive)
      o.may_receive.push_back(pi.procs[p]);
    std::sort(o.may_receive.begin(), o.may_receive.end());
    o.buffer.clear();
    for (const Message &m : in.buffer)
      o.buffer.push_back(message(m, c, d));
    o.senders.clear();
    for (const PendingSend &s : in.senders)
      o.senders.push_back({pi.procs[s.proc], rename_handle(s.handle, pi), message(s.message, c, d)});
    o.receivers.clear();
    for (const PendingReceive &r : in.receivers)
      o.receivers.push_back({pi.procs[r.proc], rename_handle(r.handle, pi), r.tag});
  }
  for (SemaphoreId s = 0; s < state.semaphores.size(); ++s) {
    SemaphoreState &o = out.semaphores[pi.semaphores[s]];
    o.value = state.semaphores[s].value;
    o.waiters.clear();
    for (ProcId p : state.semaphores[s].waiters)
      o.waiters.push_back(pi.procs[p]);
  }
}

} // namespace ipcsim
