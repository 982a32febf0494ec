#include "checker/state_codec.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>
#include <mutex>

namespace ipcsim {
namespace {

// Words as LEB128 of w + 1, so that kNone (all ones, frequent in pending operations) takes one byte, not five.
// Written through a raw pointer into room reserved beforehand (at most 5 bytes a word): this is the hot loop.
class Writer {
public:
  explicit Writer(std::uint8_t *out) : out_(out) {}

  void word(std::uint32_t w) {
    std::uint32_t v = w + 1;
    while (v >= 0x80) {
      *out_++ = static_cast<std::uint8_t>(v | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<std::uint8_t>(v);
  }
  void wide(std::uint64_t w) {
    word(static_cast<std::uint32_t>(w));
    word(static_cast<std::uint32_t>(w >> 32));
  }
  std::uint8_t *end() const { return out_; }

private:
  std::uint8_t *out_;
};

// Room for `words` words in `buffer`, which only grows, and for the zeros that pad them to whole 8-byte words.
std::uint8_t *room(std::vector<std::uint8_t> &buffer, std::size_t words) {
  if (buffer.size() < 5 * words + 8)
    buffer.resize(5 * words + 8);
  return buffer.data();
}

std::uint64_t load64(const std::uint8_t *p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::size_t whole_words(std::size_t bytes) {
  return (bytes + 7) / 8;
}

// `begin`'s bytes up to w's end, zero-padded (room() left space for it).
std::span<const std::uint8_t> padded(std::uint8_t *begin, const Writer &w) {
  std::memset(w.end(), 0, 8);
  return {begin, w.end()};
}

// The words of `bytes` (zero-padded) after the first, against `rest`.
bool same_rest(const std::vector<std::uint64_t> &rest, std::span<const std::uint8_t> bytes) {
  for (std::size_t k = 0; k < rest.size(); ++k)
    if (rest[k] != load64(bytes.data() + 8 * (k + 1)))
      return false;
  return true;
}

class Reader {
public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::uint32_t word() {
    std::uint32_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
      std::uint8_t b = bytes_[pos_++];
      v |= static_cast<std::uint32_t>(b & 0x7f) << shift;
      if (b < 0x80)
        return v - 1;
    }
  }
  std::uint64_t wide() {
    std::uint64_t lo = word();
    return lo | static_cast<std::uint64_t>(word()) << 32;
  }
  Message message(std::uint32_t &next_id, bool values) {
    Message m;
    m.id = next_id++;
    m.sender = word();
    m.tag = word();
    m.size = wide();
    m.unread = wide();
    if (values)
      m.value = unzigzag(wide());
    return m;
  }
  bool done() const { return pos_ == bytes_.size(); }

private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

// The most words write_process writes for `process`.
std::size_t process_words(const Process &process) {
  return 4 + 2 * process.counter_count + 2 * process.handle_names.size() + 2 * process.variables.size();
}

// The globals: a component of their own when there are any (component_count), after the semaphores.
std::size_t globals_words(const Model &model) {
  return 2 * model.globals.size();
}

void write_globals(const Model &model, const State &state, Writer &w) {
  for (std::size_t g = 0; g < model.globals.size(); ++g)
    w.wide(zigzag(state.vars[g]));
}

void read_globals(Reader &in, const Model &model, State &out) {
  for (std::size_t g = 0; g < model.globals.size(); ++g)
    out.vars[g] = unzigzag(in.wide());
}

void write_process(const State &state, ProcId p, const Process &process, Writer &w) {
  w.word(state.procs[p].pc);
  w.word(static_cast<std::uint32_t>(state.procs[p].status));
  w.wide(state.procs[p].attached);
  for (std::uint32_t k = 0; k < process.counter_count; ++k)
    w.wide(state.counters[process.counter_base + k]);
  for (std::uint32_t k = 0; k < process.handle_names.size(); ++k) {
    const HandleState &h = state.handles[process.handle_base + k];
    w.word(static_cast<std::uint32_t>(h.status));
    w.word(h.origin);
  }
  for (std::uint32_t k = 0; k < process.variables.size(); ++k)
    w.wide(zigzag(state.vars[process.var_base + k]));
}

std::size_t channel_words(const ChannelState &c) {
  return 5 + c.may_receive.size() + 8 * c.buffer.size() + 10 * c.senders.size() + 3 * c.receivers.size();
}

std::size_t semaphore_words(const SemaphoreState &s) {
  return 3 + s.waiters.size();
}

// The inverses of write_process, encode_channel and encode_semaphore. Messages are numbered from next_id on.
void read_process(Reader &in, ProcId p, const Process &process, State &out) {
  out.procs[p].pc = in.word();
  out.procs[p].status = static_cast<ProcStatus>(in.word());
  out.procs[p].attached = in.wide();
  for (std::uint32_t k = 0; k < process.counter_count; ++k)
    out.counters[process.counter_base + k] = in.wide();
  for (std::uint32_t k = 0; k < process.handle_names.size(); ++k) {
    HandleState &h = out.handles[process.handle_base + k];
    h.status = static_cast<HandleStatus>(in.word());
    h.origin = in.word();
  }
  for (std::uint32_t k = 0; k < process.variables.size(); ++k)
    out.vars[process.var_base + k] = unzigzag(in.wide());
}

void read_channel(Reader &in, ChannelState &c, std::uint32_t &next_id, bool values) {
  c.exists = in.word() != 0;
  c.may_receive.resize(in.word());
  for (auto &p : c.may_receive)
    p = in.word();
  c.buffer.resize(in.word());
  c.bytes = 0;
  for (auto &m : c.buffer) {
    m = in.message(next_id, values);
    c.bytes += m.size;
  }
  c.senders.resize(in.word());
  for (auto &s : c.senders) {
    s.proc = in.word();
    s.handle = in.word();
    s.message = in.message(next_id, values);
  }
  c.receivers.resize(in.word());
  for (auto &r : c.receivers) {
    r.proc = in.word();
    r.handle = in.word();
    r.tag = in.word();
  }
}

void read_semaphore(Reader &in, SemaphoreState &s) {
  s.value = in.wide();
  s.waiters.resize(in.word());
  for (auto &p : s.waiters)
    p = in.word();
}

// Whether process p's part of `state` equals `base`'s. A transition changes the counters and handles of one or
// two processes at most, so the callers compare the whole arrays once (counters_same, handles_same) first.
bool same_process(const Process &process, ProcId p, const State &state, const State &base, bool counters_same,
                  bool handles_same, bool vars_same) {
  auto counters = [&](const State &s) { return s.counters.begin() + process.counter_base; };
  auto handles = [&](const State &s) { return s.handles.begin() + process.handle_base; };
  auto vars = [&](const State &s) { return s.vars.begin() + process.var_base; };
  return state.procs[p] == base.procs[p] &&
         (counters_same || std::equal(counters(state), counters(state) + process.counter_count, counters(base))) &&
         (handles_same || std::equal(handles(state), handles(state) + process.handle_names.size(), handles(base))) &&
         (vars_same || std::equal(vars(state), vars(state) + process.variables.size(), vars(base)));
}

// Sizes `out` for `model`'s processes, channels and semaphores.
void shape(const Model &model, State &out) {
  out.procs.resize(model.processes.size());
  out.counters.resize(model.counter_count);
  out.handles.resize(model.handle_count);
  out.vars.resize(model.var_count);
  out.channels.resize(model.channels.size());
  out.semaphores.resize(model.semaphores.size());
}

} // namespace

ComponentTables::ComponentTables(std::size_t parts, bool shared)
    : tables_(parts), locks_(shared ? std::make_unique<SpinLock[]>(parts) : nullptr) {}

StateIndex ComponentTables::insert(std::size_t part, std::span<const std::uint8_t> bytes) {
  if (!locks_)
    return tables_[part].insert(bytes).first;
  std::uint64_t hash = hash_bytes(bytes); // outside the lock
  std::lock_guard lock(locks_[part]);
  return tables_[part].insert(bytes, hash).first;
}

std::span<const std::uint8_t> ComponentTables::bytes(std::size_t part, StateIndex index) const {
  if (!locks_)
    return tables_[part].bytes(index);
  std::lock_guard lock(locks_[part]); // the store's index may be growing; the record it points to never moves
  return tables_[part].bytes(index);
}

std::size_t ComponentTables::memory_bytes() const {
  std::size_t n = 0;
  for (const auto &t : tables_)
    n += t.memory_bytes();
  return n;
}

std::size_t component_count(const Model &model) {
  return model.processes.size() + model.channels.size() + model.semaphores.size() + (model.globals.empty() ? 0 : 1);
}

StateCodec::StateCodec(const Model &model)
    : StateCodec(model, std::make_shared<ComponentTables>(component_count(model), false)) {}

StateCodec::StateCodec(const Model &model, std::shared_ptr<ComponentTables> tables)
    : model_(model), tables_(std::move(tables)), memo_(tables_->parts()) {}

// The words encode() writes for process p: its pc and status, its counters and its handles.
std::span<const std::uint8_t> StateCodec::pack_process(const State &state, ProcId p) {
  const Process &process = model_.processes[p];
  Writer w(room(scratch_, process_words(process)));
  write_process(state, p, process, w);
  return padded(scratch_.data(), w);
}

// The words encode() writes for a channel (the one definition is models' encode_channel).
std::span<const std::uint8_t> StateCodec::pack_channel(const ChannelState &c) {
  Writer w(room(scratch_, channel_words(c)));
  encode_channel(c, w, model_.message_values);
  return padded(scratch_.data(), w);
}

std::span<const std::uint8_t> StateCodec::pack_semaphore(const SemaphoreState &s) {
  Writer w(room(scratch_, semaphore_words(s)));
  encode_semaphore(s, w);
  return padded(scratch_.data(), w);
}

std::span<const std::uint8_t> StateCodec::pack_globals(const State &state) {
  Writer w(room(scratch_, globals_words(model_)));
  write_globals(model_, state, w);
  return padded(scratch_.data(), w);
}

std::size_t StateCodec::globals_part() const {
  return model_.processes.size() + model_.channels.size() + model_.semaphores.size();
}

StateIndex StateCodec::component_index(std::size_t k, std::span<const std::uint8_t> bytes) {
  Memo &memo = memo_[k];
  std::uint64_t head = load64(bytes.data());
  unsigned candidates = 0;
  for (std::size_t e = 0; e < Memo::ways; ++e)
    candidates |= unsigned{memo.head[e] == head && memo.size[e] == bytes.size()} << e;
  for (; candidates != 0; candidates &= candidates - 1) {
    auto e = static_cast<std::size_t>(std::countr_zero(candidates));
    if (bytes.size() <= 8 || same_rest(memo.rest[e], bytes))
      return memo.index[e];
  }
  std::size_t e = memo.next;
  memo.next = (e + 1) % Memo::ways;
  memo.head[e] = head;
  memo.size[e] = bytes.size();
  memo.index[e] = tables_->insert(k, bytes);
  memo.rest[e].resize(whole_words(bytes.size()) - 1);
  for (std::size_t w = 0; w < memo.rest[e].size(); ++w)
    memo.rest[e][w] = load64(bytes.data() + 8 * (w + 1));
  return memo.index[e];
}

void StateCodec::pack(const State &state, std::vector<std::uint8_t> &out) {
  Writer w(room(out, tables_->parts()));
  for (ProcId p = 0; p < state.procs.size(); ++p)
    w.word(component_index(p, pack_process(state, p)));
  for (ChannelId c = 0; c < state.channels.size(); ++c)
    w.word(component_index(state.procs.size() + c, pack_channel(state.channels[c])));
  std::size_t first_semaphore = state.procs.size() + state.channels.size();
  for (SemaphoreId s = 0; s < state.semaphores.size(); ++s)
    w.word(component_index(first_semaphore + s, pack_semaphore(state.semaphores[s])));
  if (!model_.globals.empty())
    w.word(component_index(globals_part(), pack_globals(state)));
  out.resize(static_cast<std::size_t>(w.end() - out.data()));
}

// Equal parts pack alike; unequal ones (a channel whose messages were renumbered, say) are packed again,
// which finds the same component: a miss costs time, never correctness.
void StateCodec::pack(const State &state, std::vector<std::uint8_t> &out, const State &base,
                      std::span<const StateIndex> base_components) {
  bool counters_same = state.counters == base.counters;
  bool handles_same = state.handles == base.handles;
  bool vars_same = state.vars == base.vars;
  Writer w(room(out, tables_->parts()));
  for (ProcId p = 0; p < state.procs.size(); ++p)
    w.word(same_process(model_.processes[p], p, state, base, counters_same, handles_same, vars_same)
               ? base_components[p]
               : component_index(p, pack_process(state, p)));
  for (ChannelId c = 0; c < state.channels.size(); ++c) {
    std::size_t k = state.procs.size() + c;
    w.word(state.channels[c] == base.channels[c] ? base_components[k]
                                                 : component_index(k, pack_channel(state.channels[c])));
  }
  for (SemaphoreId s = 0; s < state.semaphores.size(); ++s) {
    std::size_t k = state.procs.size() + state.channels.size() + s;
    w.word(state.semaphores[s] == base.semaphores[s] ? base_components[k]
                                                     : component_index(k, pack_semaphore(state.semaphores[s])));
  }
  if (!model_.globals.empty()) {
    std::size_t k = globals_part();
    bool same = std::equal(state.vars.begin(), state.vars.begin() + static_cast<std::ptrdiff_t>(model_.globals.size()),
                           base.vars.begin());
    w.word(same ? base_components[k] : component_index(k, pack_globals(state)));
  }
  out.resize(static_cast<std::size_t>(w.end() - out.data()));
}

void StateCodec::components(std::span<const std::uint8_t> bytes, std::vector<StateIndex> &out) const {
  Reader in(bytes);
  out.resize(tables_->parts());
  for (auto &k : out)
    k = in.word();
}

void StateCodec::unpack(std::span<const std::uint8_t> bytes, State &out) const {
  Reader components(bytes);
  shape(model_, out);
  for (ProcId p = 0; p < out.procs.size(); ++p) {
    Reader in(tables_->bytes(p, components.word()));
    read_process(in, p, model_.processes[p], out);
  }
  std::uint32_t next_id = 1;
  for (ChannelId c = 0; c < out.channels.size(); ++c) {
    Reader in(tables_->bytes(out.procs.size() + c, components.word()));
    read_channel(in, out.channels[c], next_id, model_.message_values);
  }
  out.next_message = next_id;
  for (SemaphoreId s = 0; s < out.semaphores.size(); ++s) {
    Reader in(tables_->bytes(out.procs.size() + out.channels.size() + s, components.word()));
    read_semaphore(in, out.semaphores[s]);
  }
  if (!model_.globals.empty()) {
    Reader in(tables_->bytes(globals_part(), components.word()));
    read_globals(in, model_, out);
  }
  assert(components.done());
}

std::size_t StateCodec::memory_bytes() const {
  return tables_->memory_bytes();
}

void pack_whole(const Model &model, const State &state, std::vector<std::uint8_t> &out) {
  std::size_t words = 0;
  for (const Process &process : model.processes)
    words += process_words(process);
  for (const ChannelState &c : state.channels)
    words += channel_words(c);
  for (const SemaphoreState &s : state.semaphores)
    words += semaphore_words(s);
  words += globals_words(model);
  Writer w(room(out, words));
  for (ProcId p = 0; p < state.procs.size(); ++p)
    write_process(state, p, model.processes[p], w);
  for (const ChannelState &c : state.channels)
    encode_channel(c, w, model.message_values);
  for (const SemaphoreState &s : state.semaphores)
    encode_semaphore(s, w);
  write_globals(model, state, w);
  out.resize(static_cast<std::size_t>(w.end() - out.data()));
}

void unpack_whole(const Model &model, std::span<const std::uint8_t> bytes, State &out) {
  Reader in(bytes);
  shape(model, out);
  for (ProcId p = 0; p < out.procs.size(); ++p)
    read_process(in, p, model.processes[p], out);
  std::uint32_t next_id = 1;
  for (ChannelState &c : out.channels)
    read_channel(in, c, next_id, model.message_values);
  out.next_message = next_id;
  for (SemaphoreState &s : out.semaphores)
    read_semaphore(in, s);
  read_globals(in, model, out);
  assert(in.done());
}

} // namespace ipcsim
