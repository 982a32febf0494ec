#include "reports/sequence_rows.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace ipcsim {
namespace {

// Events that draw nothing of their own: the head of a lifeline is its start, and a send or receive is drawn
// where it completes (or fails).
bool takes_no_cell(const std::string &event) {
  return event == "start" || event == "send_begin" || event == "recv_begin";
}

bool is_terminal(const std::string &event) {
  return event == "deadlock" || event == "violation";
}

// An acquire that another process's release completed (its peer): the releaser handed the unit to a waiter.
bool is_handed_over(const TraceEvent &event) {
  return event.event == "acquire" && !event.peer.empty();
}

using Position = std::pair<std::size_t, std::size_t>; // row, column

class RowBuilder {
public:
  RowBuilder(const std::vector<TraceEvent> &events, const std::vector<std::string> &processes, std::size_t shown)
      : events_(events) {
    out_.events_shown = shown;
    for (const std::string &process : processes)
      add_column(process);
    std::map<std::string, std::size_t> last_release_by; // process -> its latest release so far
    for (std::size_t i = 0; i < events.size(); ++i) {
      const TraceEvent &event = events[i];
      if ((i < shown || is_terminal(event.event)) && !event.proc.empty())
        add_column(event.proc);
      index_of_seq_.emplace(event.seq, i);
      if (event.event == "release")
        last_release_by[event.proc] = i;
      else if (is_handed_over(event) && last_release_by.count(event.peer))
        release_of_.emplace(i, last_release_by.at(event.peer));
      if (!event.msg)
        continue;
      if (event.event == "send_end")
        send_of_.emplace(*event.msg, i);
      else if (event.event == "recv_end")
        receives_of_[*event.msg].push_back(i);
      else if (event.event == "lost")
        lost_of_.emplace(*event.msg, i);
    }
    pending_unblock_.assign(out_.columns.size(), false);
  }

  SequenceRows build() {
    std::size_t shown = out_.events_shown;
    for (std::size_t i = 0; i < shown; ++i)
      add(i);
    for (std::size_t i = shown; i < events_.size(); ++i) {
      if (is_terminal(events_[i].event))
        add(i);
    }
    if (std::find(pending_unblock_.begin(), pending_unblock_.end(), true) != pending_unblock_.end())
      open_row(no_event);
    add_markers();
    add_arrows();
    return std::move(out_);
  }

private:
  void add_column(const std::string &process) {
    if (column_index_.emplace(process, out_.columns.size()).second)
      out_.columns.push_back(process);
  }

  std::optional<std::size_t> column_of(const std::string &process) const {
    auto it = column_index_.find(process);
    if (process.empty() || it == column_index_.end())
      return std::nullopt;
    return it->second;
  }

  // The receiving process of a send or failed send: its peer, else the B of a link direction "A->B".
  std::optional<std::size_t> receiver_column(const TraceEvent &event) const {
    if (!event.peer.empty())
      return column_of(event.peer);
    std::size_t arrow = event.channel.find("->");
    if (arrow == std::string::npos)
      return std::nullopt;
    return column_of(event.channel.substr(arrow + 2));
  }

  // Where a message that was not received ends: at its receiver if known, else beside its sender.
  std::size_t marker_column(std::size_t send) const {
    std::size_t sender = *column_of(events_[send].proc);
    std::optional<std::size_t> receiver = receiver_column(events_[send]);
    if (receiver && *receiver != sender)
      return *receiver;
    if (sender + 1 < out_.columns.size())
      return sender + 1;
    return sender > 0 ? sender - 1 : sender;
  }

  void add(std::size_t i) {
    const TraceEvent &event = events_[i];
    if (takes_no_cell(event.event))
      return;
    std::optional<std::size_t> column = column_of(event.proc);
    if (event.event == "unblock") {
      if (column)
        end_blocked_interval(i, *column);
      return;
    }
    if (!column && event.event == "lost" && event.msg && send_of_.count(*event.msg) &&
        send_of_.at(*event.msg) < out_.events_shown)
      column = marker_column(send_of_.at(*event.msg));
    if (!column) {
      open_row(i);
      out_.rows.back().system_event = i;
      return;
    }
    if (!joins_current_row(i, *column))
      open_row(i);
    place(out_.rows.size() - 1, *column, SequenceCell{SequenceCell::Kind::event, i, false});
  }

  // The engines write the unblock right after the event that completed the wait (a recv_end, a send_end taken
  // by a receiver, an acquire handed over by a release): that event's cell ends the blocked interval. An
  // unblock on its own ends it at the process's next cell.
  void end_blocked_interval(std::size_t unblock, std::size_t column) {
    auto completed = unblock > 0 ? position_.find(unblock - 1) : position_.end();
    if (completed != position_.end() && events_[unblock - 1].proc == events_[unblock].proc)
      out_.rows[completed->second.first].cells[column]->unblocks = true;
    else
      pending_unblock_[column] = true;
  }

  // A send and its receive share a row when nothing else happened in between.
  bool joins_current_row(std::size_t i, std::size_t column) const {
    if (out_.rows.empty())
      return false;
    const SequenceRow &row = out_.rows.back();
    const auto &slot = row.cells[column];
    if (row.system_event != no_event || (slot && slot->kind != SequenceCell::Kind::unblock))
      return false;
    const TraceEvent &event = events_[i];
    if (!event.msg)
      return false;
    auto in_current_row = [&](std::size_t other) {
      auto it = position_.find(other);
      return it != position_.end() && it->second.first == out_.rows.size() - 1;
    };
    if (event.event == "recv_end") {
      auto send = send_of_.find(*event.msg);
      return send != send_of_.end() && in_current_row(send->second);
    }
    if (event.event == "send_end") {
      auto receives = receives_of_.find(*event.msg);
      return receives != receives_of_.end() &&
             std::any_of(receives->second.begin(), receives->second.end(), in_current_row);
    }
    return false;
  }

  void open_row(std::size_t first_event) {
    SequenceRow row;
    row.cells.resize(out_.columns.size());
    row.first_event = first_event;
    for (std::size_t column = 0; column < pending_unblock_.size(); ++column) {
      if (pending_unblock_[column])
        row.cells[column] = SequenceCell{SequenceCell::Kind::unblock, no_event, true};
      pending_unblock_[column] = false;
    }
    out_.rows.push_back(std::move(row));
  }

  void place(std::size_t row, std::size_t column, SequenceCell cell) {
    auto &slot = out_.rows[row].cells[column];
    if ((slot && slot->kind == SequenceCell::Kind::unblock) || pending_unblock_[column])
      cell.unblocks = true;
    pending_unblock_[column] = false;
    slot = cell;
    if (cell.kind == SequenceCell::Kind::event)
      position_[cell.event] = {row, column};
  }

  bool received_in_shown(std::uint64_t msg) const {
    auto it = receives_of_.find(msg);
    return it != receives_of_.end() &&
           std::any_of(it->second.begin(), it->second.end(), [&](std::size_t r) { return position_.count(r) > 0; });
  }

  bool lost_in_shown(std::uint64_t msg) const {
    auto it = lost_of_.find(msg);
    return it != lost_of_.end() && position_.count(it->second) > 0;
  }

  bool is_terminal_row(const SequenceRow &row) const {
    if (row.system_event != no_event)
      return true;
    return std::any_of(row.cells.begin(), row.cells.end(), [&](const auto &cell) {
      return cell && cell->kind == SequenceCell::Kind::event && is_terminal(events_[cell->event].event);
    });
  }

  // Messages sent but not received among the events shown end at markers, placed before the closing
  // deadlock or violation rows.
  void add_markers() {
    std::vector<SequenceRow> marker_rows;
    for (std::size_t i = 0; i < out_.events_shown; ++i) {
      const TraceEvent &event = events_[i];
      if (event.event != "send_end" || !event.msg || !position_.count(i) || received_in_shown(*event.msg) ||
          lost_in_shown(*event.msg))
        continue;
      auto kind = receives_of_.count(*event.msg) ? SequenceCell::Kind::received_later : SequenceCell::Kind::undelivered;
      std::size_t column = marker_column(i);
      auto free = std::find_if(marker_rows.begin(), marker_rows.end(),
                               [&](const SequenceRow &row) { return !row.cells[column]; });
      if (free == marker_rows.end()) {
        marker_rows.emplace_back();
        marker_rows.back().cells.resize(out_.columns.size());
        free = marker_rows.end() - 1;
      }
      free->cells[column] = SequenceCell{kind, i, false};
    }
    auto end = out_.rows.end();
    while (end != out_.rows.begin() && is_terminal_row(*(end - 1)))
      --end;
    out_.rows.insert(end, std::make_move_iterator(marker_rows.begin()), std::make_move_iterator(marker_rows.end()));
  }

  void add_arrows() {
    position_.clear();
    std::map<std::size_t, Position> marker_of; // send_end index -> its marker cell
    for (std::size_t r = 0; r < out_.rows.size(); ++r) {
      for (std::size_t c = 0; c < out_.columns.size(); ++c) {
        const auto &cell = out_.rows[r].cells[c];
        if (cell && cell->kind == SequenceCell::Kind::event)
          position_[cell->event] = {r, c};
        else if (cell && cell->kind != SequenceCell::Kind::unblock)
          marker_of[cell->event] = {r, c};
      }
    }
    for (std::size_t i = 0; i < out_.events_shown; ++i) {
      const TraceEvent &event = events_[i];
      auto from = position_.find(i);
      if (from == position_.end())
        continue;
      if (event.event == "send_failed") {
        std::optional<std::size_t> receiver = receiver_column(event);
        if (receiver && *receiver != from->second.second)
          arrow(Kind::failed, i, from->second, {from->second.first, *receiver});
      } else if (event.event == "send_end" && event.msg) {
        add_message_arrows(i, from->second, marker_of);
      } else {
        add_sharing_arrow(i, from->second);
      }
    }
  }

  using Kind = SequenceArrow::Kind;

  void arrow(Kind kind, std::size_t event, Position from, Position to) {
    out_.arrows.push_back(SequenceArrow{kind, event, from.first, from.second, to.first, to.second});
  }

  // From a send_end to each of its receives, else to where it was lost, else to its marker.
  void add_message_arrows(std::size_t i, Position from, const std::map<std::size_t, Position> &marker_of) {
    std::uint64_t msg = *events_[i].msg;
    bool received = false;
    if (auto receives = receives_of_.find(msg); receives != receives_of_.end()) {
      for (std::size_t r : receives->second) {
        if (auto to = position_.find(r); to != position_.end()) {
          arrow(Kind::delivered, i, from, to->second);
          received = true;
        }
      }
    }
    if (received)
      return;
    if (auto lost = lost_of_.find(msg); lost != lost_of_.end() && position_.count(lost->second))
      arrow(Kind::lost, i, from, position_.at(lost->second));
    else if (auto marker = marker_of.find(i); marker != marker_of.end())
      arrow(out_.rows[marker->second.first].cells[marker->second.second]->kind == SequenceCell::Kind::undelivered
                ? Kind::undelivered
                : Kind::received_later,
            i, from, marker->second);
  }

  // The arrows of what processes share besides messages: a semaphore unit handed to a waiter, a receive
  // privilege given away, and the line between the two accesses of a data race.
  void add_sharing_arrow(std::size_t i, Position at) {
    const TraceEvent &event = events_[i];
    auto placed = [&](std::size_t other) { return position_.find(other); };
    if (auto release = release_of_.find(i); release != release_of_.end()) {
      if (auto from = placed(release->second); from != position_.end())
        arrow(Kind::handover, i, from->second, at);
    } else if (event.event == "give") {
      std::optional<std::size_t> holder = column_of(event.peer);
      if (holder && *holder != at.second)
        arrow(Kind::give, i, at, {at.first, *holder});
    } else if (event.race_with) {
      auto earlier = index_of_seq_.find(*event.race_with);
      if (earlier == index_of_seq_.end())
        return;
      if (auto from = placed(earlier->second); from != position_.end())
        arrow(Kind::race, i, from->second, at);
    }
  }

  const std::vector<TraceEvent> &events_;
  SequenceRows out_;
  std::vector<bool> pending_unblock_;
  std::map<std::string, std::size_t> column_index_;
  std::map<std::uint64_t, std::size_t> send_of_;                  // msg -> its send_end (whole trace)
  std::map<std::uint64_t, std::vector<std::size_t>> receives_of_; // msg -> its recv_end events (multicast: several)
  std::map<std::uint64_t, std::size_t> lost_of_;
  std::map<std::uint64_t, std::size_t> index_of_seq_; // seq -> event index, for race_with
  std::map<std::size_t, std::size_t> release_of_;     // handed-over acquire -> the release that woke it
  std::map<std::size_t, Position> position_;          // event index -> its cell
};

} // namespace

SequenceRows layout_sequence_rows(const std::vector<TraceEvent> &events, const std::vector<std::string> &processes,
                                  std::size_t max_events) {
  return RowBuilder(events, processes, std::min(max_events, events.size())).build();
}

} // namespace ipcsim
