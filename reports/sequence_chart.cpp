#include "reports/sequence_chart.hpp"

#include "reports/dot_graph.hpp"
#include "reports/number_format.hpp"
#include "reports/sequence_rows.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ipcsim {
namespace {

constexpr const char *lifeline_colour = "#999999";
constexpr const char *blocked_colour = "#d62728";
constexpr const char *message_colour = "#1f4e9c";
constexpr const char *alarm_colour = "#c00000";
constexpr const char *undelivered_colour = "#b35900";
constexpr const char *semaphore_colour = "#2e7d32";
constexpr const char *segment_colour = "#8a6100";
// Mailboxes coming and going, receive privileges given away.
constexpr const char *privilege_colour = "#6a3d9a";
constexpr std::size_t rows_before_feet = 30; // longer charts repeat the process names at the bottom

std::string cell_id(std::size_t row, std::size_t column) {
  return "r" + std::to_string(row) + "c" + std::to_string(column);
}

bool is_mailbox(const std::string &channel) {
  return !channel.empty() && channel.find("->") == std::string::npos;
}

// "#3 ACQ (jobs)": message number, tag, and the mailbox when it went through one.
std::string message_label(const TraceEvent &event) {
  std::string label = event.msg ? "#" + std::to_string(*event.msg) : "message";
  if (!event.tag.empty())
    label += " " + event.tag;
  if (is_mailbox(event.channel))
    label += " (" + event.channel + ")";
  return label;
}

std::string with_detail(std::string head, const std::string &detail) {
  return detail.empty() ? head : head + ": " + detail;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string without_prefix(const std::string &text, const std::string &prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

bool is_semaphore_step(const std::string &event) {
  return event == "acquire" || event == "release";
}

bool is_segment_step(const std::string &event) {
  return event == "attach" || event == "detach" || event == "read" || event == "write";
}

bool is_mailbox_step(const std::string &event) {
  return event == "create" || event == "delete" || event == "give";
}

// "lost msg 3 (jobs)": the message number as a systems engineer would say it, and the mailbox it was in.
std::string lost_label(const TraceEvent &event) {
  std::string label = event.msg ? "lost msg " + std::to_string(*event.msg) : "lost message";
  if (event.cause == "fault")
    return label + " on " + event.channel + " (fault)";
  return is_mailbox(event.channel) ? label + " (" + event.channel + ")" : label;
}

// The note written in a cell; empty for the ends of a message arrow, which are drawn as dots.
std::string note_text(const TraceEvent &event, bool has_arrow) {
  const std::string &name = event.event;
  std::string text;
  if ((name == "send_end" || name == "recv_end") && has_arrow)
    text = "";
  else if (name == "send_end")
    text = "sent " + message_label(event);
  else if (name == "recv_end")
    text = "received " + message_label(event) + (event.peer.empty() ? "" : " from " + event.peer);
  else if (name == "compute" || name == "sleep")
    text = name + (event.duration ? " " + human_duration(*event.duration) : "");
  else if (name == "choose")
    return "choose" + (event.branch ? " branch " + std::to_string(*event.branch) : std::string());
  else if (name == "block")
    text = event.detail.empty() ? "blocked" + (event.channel.empty() ? "" : " on " + event.channel)
                                : "blocked: " + event.detail;
  else if (name == "send_failed")
    text = "\u2717 send" + (event.tag.empty() ? "" : " " + event.tag) + " failed" +
           (event.channel.empty() ? "" : " on " + event.channel);
  else if (name == "recv_failed")
    text = "\u2717 receive failed" + (event.channel.empty() ? "" : " on " + event.channel);
  else if (name == "lost")
    text = "\u2717 " + lost_label(event);
  else if (name == "invalid" || name == "deadlock" || name == "violation")
    text = with_detail(upper(name), without_prefix(event.detail, name + ": ")); // not "DEADLOCK: deadlock: ..."
  else if (name == "exit")
    text = "exit";
  else if (name == "crash")
    text = "\u2717 CRASH";
  else if (name == "duplicate")
    text = "duplicate msg " + std::to_string(event.msg.value_or(0)) + " on " + event.channel + " (fault)";
  else if (name == "give")
    text = has_arrow ? "" : "give " + event.channel + (event.peer.empty() ? "" : " to " + event.peer);
  else if (name == "read" || name == "write")
    text = name + (event.size ? " " + human_size(*event.size) : "") + " " + event.channel;
  else
    text = name + (event.channel.empty() ? "" : " " + event.channel);
  if (event.branch)
    text = (text.empty() ? "" : text + ", ") + "branch " + std::to_string(*event.branch);
  return text;
}

DotAttributes note_style(const std::string &event, std::string label) {
  if (event == "exit")
    return {{"shape", "box"},  {"style", "filled"}, {"fillcolor", "black"}, {"fontcolor", "white"},
            {"fontsize", "8"}, {"height", "0.15"},  {"width", "0.3"},       {"label", std::move(label)}};
  if (event == "invalid" || event == "deadlock" || event == "violation" || event == "crash")
    return {{"shape", "box"},         {"style", "filled,bold"},    {"color", alarm_colour},
            {"fillcolor", "#ffe0e0"}, {"fontcolor", alarm_colour}, {"fontsize", "11"},
            {"penwidth", "2"},        {"label", std::move(label)}};
  bool minor = event == "attach" || event == "detach"; // smaller than the accesses they enable
  DotAttributes style{{"shape", "box"}, {"style", "rounded,filled"}, {"height", minor ? "0.15" : "0.2"},
                      {"width", "0"},   {"margin", "0.05,0.02"},     {"fontsize", minor ? "8" : "9"}};
  if (event == "block")
    style.insert(style.end(), {{"fillcolor", "#fde8e8"}, {"color", blocked_colour}, {"fontcolor", "#a00000"}});
  else if (event == "send_failed" || event == "recv_failed" || event == "lost" || event == "duplicate")
    style.insert(style.end(), {{"fillcolor", "#ffe0e0"}, {"color", alarm_colour}, {"fontcolor", alarm_colour}});
  else if (is_semaphore_step(event))
    style.insert(style.end(), {{"fillcolor", "#e8f5e9"}, {"color", semaphore_colour}, {"fontcolor", semaphore_colour}});
  else if (is_segment_step(event))
    style.insert(style.end(), {{"fillcolor", "#fff6dc"}, {"color", segment_colour}, {"fontcolor", segment_colour}});
  else if (is_mailbox_step(event))
    style.insert(style.end(), {{"fillcolor", "#f1eaf7"}, {"color", privilege_colour}, {"fontcolor", privilege_colour}});
  else
    style.insert(style.end(), {{"fillcolor", "white"}, {"color", "#bbbbbb"}});
  style.emplace_back("label", std::move(label));
  return style;
}

// One of the two accesses of a data race: in the colour of violations, with the class "race" for stylesheets
// and tests.
DotAttributes race_style(std::string label) {
  return {{"shape", "box"},
          {"style", "rounded,filled,bold"},
          {"color", alarm_colour},
          {"fillcolor", "#ffe0e0"},
          {"fontcolor", alarm_colour},
          {"fontsize", "9"},
          {"penwidth", "2"},
          {"height", "0.2"},
          {"width", "0"},
          {"margin", "0.05,0.02"},
          {"class", "race"},
          {"label", std::move(label)}};
}

// How a lifeline is drawn between two rows.
enum class Lifeline { running, blocked, ended };

class ChartWriter {
public:
  ChartWriter(const std::vector<TraceEvent> &events, SequenceRows rows, const SequenceChartOptions &options)
      : events_(events), grid_(std::move(rows)), graph_("msc") {
    timed_ = std::any_of(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(grid_.events_shown),
                         [](const TraceEvent &event) { return event.t.has_value(); });
    find_shared_objects();
    std::string title = options.title;
    std::size_t total = std::max(options.total_events, events.size());
    if (grid_.events_shown < total)
      title += "\nfirst " + std::to_string(grid_.events_shown) + " events shown (of " + std::to_string(total) + ")";
    if (!races_.empty())
      title += "\ndata race: each dashed red line joins two accesses that no message or semaphore orders";
    graph_.attr("label", title).attr("labelloc", "t").attr("fontname", "Helvetica").attr("fontsize", "14");
    // Straight lines: message arrows run straight across the lifelines they pass, as in a printed chart.
    // Edges first, so that notes sit on top of the lifelines that run through them.
    graph_.attr("nodesep", "0.3").attr("ranksep", "0.25").attr("splines", "false").attr("outputorder", "edgesfirst");
    graph_.node_defaults({{"fontname", "Helvetica"}, {"fontsize", "10"}});
    graph_.edge_defaults({{"fontname", "Helvetica"}, {"fontsize", "9"}});
    for (const SequenceArrow &arrow : grid_.arrows)
      has_arrow_.insert(arrow.event);
    for (const SequenceArrow &arrow : grid_.arrows) {
      if (arrow.kind == SequenceArrow::Kind::delivered)
        has_arrow_.insert(grid_.rows[arrow.to_row].cells[arrow.to_column]->event);
    }
  }

  std::string write() {
    compute_lifelines();
    write_heads();
    for (std::size_t r = 0; r < grid_.rows.size(); ++r)
      write_row(r);
    write_lifelines();
    for (const SequenceArrow &arrow : grid_.arrows)
      write_arrow(arrow);
    return graph_.str();
  }

private:
  std::size_t columns() const { return grid_.columns.size(); }

  // The names that are semaphores (their blocks read "acquire"), and the accesses that race.
  void find_shared_objects() {
    for (std::size_t i = 0; i < grid_.events_shown; ++i) {
      if (is_semaphore_step(events_[i].event))
        semaphores_.insert(events_[i].channel);
    }
    for (const SequenceArrow &arrow : grid_.arrows) {
      if (arrow.kind != SequenceArrow::Kind::race)
        continue;
      races_.insert(arrow.event);
      races_.insert(grid_.rows[arrow.from_row].cells[arrow.from_column]->event);
    }
  }

  std::string cell_text(std::size_t index, bool arrow) const {
    const TraceEvent &event = events_[index];
    if (event.event == "block" && event.detail.empty() && semaphores_.count(event.channel))
      return "blocked: acquire " + event.channel;
    std::string text = note_text(event, arrow);
    return races_.count(index) ? "data race\n" + text : text;
  }
  bool with_feet() const { return grid_.rows.size() > rows_before_feet; }

  void write_heads() {
    DotAttributes head{{"shape", "box"},
                       {"style", "filled,rounded"},
                       {"fillcolor", "#e8eef7"},
                       {"color", "#4a6a9a"},
                       {"fontsize", "11"}};
    graph_.node(
        "time",
        {{"shape", "plaintext"}, {"fontsize", "9"}, {"fontcolor", "#666666"}, {"label", timed_ ? "time" : "seq"}});
    std::vector<std::string> heads{"time"};
    for (std::size_t c = 0; c < columns(); ++c) {
      DotAttributes attributes = head;
      attributes.emplace_back("label", grid_.columns[c]);
      graph_.node("p" + std::to_string(c), attributes);
      heads.push_back("p" + std::to_string(c));
    }
    graph_.rank_same(heads);
    for (std::size_t i = 0; i + 1 < heads.size(); ++i)
      graph_.edge(heads[i], heads[i + 1], {{"style", "invis"}});
    if (!with_feet())
      return;
    for (std::size_t c = 0; c < columns(); ++c) {
      DotAttributes attributes = head;
      attributes.emplace_back("label", grid_.columns[c]);
      graph_.node("f" + std::to_string(c), attributes);
    }
  }

  std::string row_label(const SequenceRow &row) const {
    if (row.first_event == no_event)
      return "";
    const TraceEvent &event = events_[row.first_event];
    if (!timed_)
      return std::to_string(event.seq);
    return event.t ? human_duration(*event.t) : "";
  }

  void write_row(std::size_t r) {
    const SequenceRow &row = grid_.rows[r];
    std::string time = "t" + std::to_string(r);
    graph_.node(time, {{"shape", "plaintext"}, {"fontsize", "9"}, {"fontcolor", "#666666"}, {"label", row_label(row)}});
    std::vector<std::string> rank{time};
    for (std::size_t c = 0; c < columns(); ++c) {
      graph_.node(cell_id(r, c), cell_style(row.cells[c], lifeline_[r][c]));
      rank.push_back(cell_id(r, c));
    }
    if (row.system_event != no_event) {
      const TraceEvent &event = events_[row.system_event];
      std::string id = "x" + std::to_string(r);
      graph_.node(id, note_style("deadlock", note_text(event, false)));
      graph_.edge(cell_id(r, columns() - 1), id, {{"style", "invis"}});
      rank.push_back(id);
    }
    graph_.rank_same(rank);
    graph_.edge(r == 0 ? "time" : "t" + std::to_string(r - 1), time, {{"style", "invis"}, {"weight", "10"}});
  }

  // A cell where nothing happens is a dot as wide as its lifeline, which closes the gap dot leaves between
  // two segments.
  DotAttributes cell_style(const std::optional<SequenceCell> &cell, Lifeline lifeline) const {
    if (!cell || cell->kind == SequenceCell::Kind::unblock) {
      if (lifeline == Lifeline::ended)
        return {{"shape", "point"}, {"width", "0.01"}, {"height", "0.01"}, {"style", "invis"}};
      if (lifeline == Lifeline::blocked)
        return {{"shape", "point"}, {"width", "0.07"}, {"color", blocked_colour}};
      return {{"shape", "point"}, {"width", "0.03"}, {"color", lifeline_colour}};
    }
    const TraceEvent &event = events_[cell->event];
    if (cell->kind == SequenceCell::Kind::undelivered)
      return {{"shape", "box"},
              {"style", "rounded,dashed"},
              {"color", undelivered_colour},
              {"fontcolor", undelivered_colour},
              {"fontsize", "9"},
              {"height", "0.2"},
              {"width", "0"},
              {"margin", "0.05,0.02"},
              {"label", message_label(event) + " never received"}};
    if (cell->kind == SequenceCell::Kind::received_later)
      return {
          {"shape", "box"},         {"style", "rounded,dashed"}, {"color", "#888888"},
          {"fontcolor", "#666666"}, {"fontsize", "9"},           {"height", "0.2"},
          {"width", "0"},           {"margin", "0.05,0.02"},     {"label", message_label(event) + " received later"}};
    bool arrow = has_arrow_.count(cell->event) > 0;
    std::string text = cell_text(cell->event, arrow);
    if (text.empty())
      return {
          {"shape", "point"}, {"width", "0.07"}, {"color", event.event == "give" ? privilege_colour : message_colour}};
    if (races_.count(cell->event))
      return race_style(text);
    if (arrow && (event.event == "send_end" || event.event == "recv_end"))
      return {{"shape", "point"}, {"width", "0.07"}, {"color", message_colour}, {"xlabel", text}, {"fontsize", "8"}};
    return note_style(event.event, text);
  }

  // The state of each lifeline as it enters each row (one more row for the feet): grey while the process runs,
  // thick red while it is blocked, gone after it exits.
  void compute_lifelines() {
    lifeline_.assign(grid_.rows.size() + 1, std::vector<Lifeline>(columns(), Lifeline::running));
    for (std::size_t c = 0; c < columns(); ++c) {
      Lifeline state = Lifeline::running;
      for (std::size_t r = 0; r < grid_.rows.size(); ++r) {
        lifeline_[r][c] = state;
        const auto &cell = grid_.rows[r].cells[c];
        if (!cell)
          continue;
        if (cell->unblocks && state == Lifeline::blocked)
          state = Lifeline::running;
        if (cell->kind != SequenceCell::Kind::event)
          continue;
        const std::string &name = events_[cell->event].event;
        if (name == "block")
          state = Lifeline::blocked;
        else if (name == "exit" || name == "invalid" || name == "crash")
          state = Lifeline::ended;
      }
      lifeline_[grid_.rows.size()][c] = state;
    }
  }

  // In a subgraph of their own, so that their edge defaults do not reach the message arrows.
  void write_lifelines() {
    DotSubgraph &lifelines = graph_.subgraph();
    lifelines.edge_defaults({{"arrowhead", "none"},
                             {"weight", "10"},
                             {"headclip", "false"},
                             {"tailclip", "false"},
                             {"color", lifeline_colour}});
    for (std::size_t c = 0; c < columns(); ++c) {
      std::string previous = "p" + std::to_string(c);
      std::size_t ends = grid_.rows.size() + (with_feet() ? 1 : 0);
      for (std::size_t r = 0; r < ends; ++r) {
        std::string next = r < grid_.rows.size() ? cell_id(r, c) : "f" + std::to_string(c);
        DotAttributes style;
        if (lifeline_[r][c] == Lifeline::ended)
          style.emplace_back("style", "invis");
        else if (lifeline_[r][c] == Lifeline::blocked)
          style = {{"color", blocked_colour}, {"penwidth", "5"}};
        lifelines.edge(previous, next, style);
        previous = next;
      }
    }
  }

  void write_arrow(const SequenceArrow &arrow) {
    const TraceEvent &event = events_[arrow.event];
    std::string label = message_label(event);
    DotAttributes style{{"constraint", "false"}};
    switch (arrow.kind) {
    case SequenceArrow::Kind::delivered:
      style.insert(style.end(), {{"color", message_colour}, {"fontcolor", message_colour}});
      break;
    case SequenceArrow::Kind::lost:
      style.insert(style.end(), {{"color", alarm_colour}, {"fontcolor", alarm_colour}, {"style", "dashed"}});
      break;
    case SequenceArrow::Kind::undelivered:
      style.insert(style.end(),
                   {{"color", undelivered_colour}, {"fontcolor", undelivered_colour}, {"style", "dashed"}});
      break;
    case SequenceArrow::Kind::received_later:
      style.insert(style.end(), {{"color", "#888888"}, {"fontcolor", "#666666"}, {"style", "dashed"}});
      break;
    case SequenceArrow::Kind::failed:
      label = "\u2717 " + (event.msg ? label : event.tag.empty() ? std::string("send") : event.tag);
      style.insert(style.end(), {{"color", alarm_colour},
                                 {"fontcolor", alarm_colour},
                                 {"style", "dashed"},
                                 {"arrowhead", "tee"},
                                 {"arrowtail", "tee"}});
      break;
    case SequenceArrow::Kind::handover: // dashed: no message travels, the semaphore's unit changes hands
      label = event.channel;
      style.insert(
          style.end(),
          {{"color", semaphore_colour}, {"fontcolor", semaphore_colour}, {"style", "dashed"}, {"arrowhead", "vee"}});
      break;
    case SequenceArrow::Kind::give:
      label = "give " + event.channel;
      style.insert(style.end(), {{"color", privilege_colour}, {"fontcolor", privilege_colour}, {"arrowhead", "empty"}});
      break;
    case SequenceArrow::Kind::race: // the two red marks say it; the line only pairs them
      label.clear();
      style.insert(
          style.end(),
          {{"color", alarm_colour}, {"style", "dashed"}, {"penwidth", "2"}, {"dir", "none"}, {"class", "race_link"}});
      break;
    }
    // A `label` would make dot route the edge through a label node (a bend, or an extra rank for an edge within
    // one row); an xlabel keeps the arrow one straight line.
    if (!label.empty())
      style.emplace_back("xlabel", label);
    std::string from = cell_id(arrow.from_row, arrow.from_column);
    std::string to = cell_id(arrow.to_row, arrow.to_column);
    // Within one row, an edge from right to left would make dot swap the columns: draw it left to right with
    // the arrowhead at its tail instead.
    if (arrow.from_row == arrow.to_row && arrow.from_column > arrow.to_column) {
      style.emplace_back("dir", "back");
      std::swap(from, to);
    }
    graph_.edge(from, to, style);
  }

  const std::vector<TraceEvent> &events_;
  SequenceRows grid_;
  DotGraph graph_;
  bool timed_ = false;
  std::set<std::size_t> has_arrow_;             // events that start or end an arrow
  std::set<std::string> semaphores_;            // channels that name semaphores
  std::set<std::size_t> races_;                 // the events of both accesses of each data race
  std::vector<std::vector<Lifeline>> lifeline_; // [row][column], see compute_lifelines()
};

} // namespace

std::string sequence_chart_dot(const std::vector<TraceEvent> &events, const std::vector<std::string> &processes,
                               const SequenceChartOptions &options) {
  return ChartWriter(events, layout_sequence_rows(events, processes, options.max_events), options).write();
}

} // namespace ipcsim
