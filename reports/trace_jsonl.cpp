#include "reports/trace_jsonl.hpp"

#include "models/diagnostics.hpp"
#include "reports/number_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <istream>
#include <limits>
#include <ostream>
#include <type_traits>

namespace ipcsim {
namespace {

// The v1 list, then the events ipcsim adds (docs/semantics.md): wait and choose; then version 2's.
constexpr std::array<std::string_view, 34> event_names{
    "start",        "exit",         "compute",        "sleep",         "send_begin", "send_end", "send_failed",
    "recv_begin",   "recv_end",     "recv_failed",    "block",         "unblock",    "lost",     "invalid",
    "create",       "delete",       "give",           "acquire",       "release",    "attach",   "detach",
    "read",         "write",        "deadlock",       "violation",     "wait",       "choose",   "set",
    "assert_failed", "send_timeout", "recv_timeout", "acquire_timeout", "duplicate", "crash"};

constexpr std::array<std::string_view, 17> key_names{"seq",   "t",    "proc",   "event",    "channel", "msg",
                                                     "size",  "tag",  "peer",   "duration", "branch",  "var",
                                                     "value", "line", "detail", "race_with", "cause"};

// A JSON string literal, quotes included; invalid UTF-8 is replaced rather than thrown on.
std::string quoted(const std::string &text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class LineWriter {
public:
  void key(std::string_view name) {
    text_ += text_.empty() ? "{\"" : ", \"";
    text_ += name;
    text_ += "\": ";
  }
  void string(std::string_view name, const std::string &value) {
    if (value.empty())
      return;
    key(name);
    text_ += quoted(value);
  }
  template <class Number> void number(std::string_view name, const std::optional<Number> &value) {
    if (!value)
      return;
    key(name);
    text_ += std::to_string(*value);
  }
  void seconds(std::string_view name, const std::optional<double> &value) {
    if (!value)
      return;
    key(name);
    text_ += format_seconds(*value);
  }
  std::string finish() { return std::move(text_) + "}"; }

private:
  std::string text_;
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean \"send_end\"?)" when a known name is close, else "".
template <class Names> std::string suggestion(std::string_view wrong, const Names &names) {
  std::string_view best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (std::string_view name : names) {
    std::size_t distance = edit_distance(wrong, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  if (best_distance > std::max<std::size_t>(2, wrong.size() / 3))
    return "";
  return " (did you mean \"" + std::string(best) + "\"?)";
}

class LineReader {
public:
  LineReader(const nlohmann::json &object, std::string_view file, int line)
      : object_(object), file_(file), line_(line) {}

  [[noreturn]] void fail(const std::string &message) const {
    throw ScenarioError(std::string(file_) + ":" + std::to_string(line_) + ": error: " + message);
  }

  void string(const char *name, std::string &field) const {
    auto it = object_.find(name);
    if (it == object_.end())
      return;
    if (!it->is_string())
      fail(std::string("\"") + name + "\" must be a string");
    field = it->get<std::string>();
  }
  template <class Integer> void integer(const char *name, std::optional<Integer> &field) const {
    auto it = object_.find(name);
    if (it == object_.end())
      return;
    if constexpr (std::is_signed_v<Integer> && sizeof(Integer) == 8) { // a value: any 64-bit integer
      if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX))
        fail(std::string("\"") + name + "\" must be an integer");
      field = it->get<std::int64_t>();
      return;
    }
    // nlohmann parses a non-negative integer literal as "unsigned"; negative ones and fractions are rejected.
    if (!it->is_number_unsigned() ||
        it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<Integer>::max()))
      fail(std::string("\"") + name + "\" must be a non-negative integer");
    field = static_cast<Integer>(it->get<std::uint64_t>());
  }
  void seconds(const char *name, std::optional<double> &field) const {
    auto it = object_.find(name);
    if (it == object_.end())
      return;
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0)
      fail(std::string("\"") + name + "\" must be a number of seconds >= 0");
    field = it->get<double>();
  }

private:
  const nlohmann::json &object_;
  std::string_view file_;
  int line_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error ..." -> "column 7: syntax ...".
std::string json_error_text(const nlohmann::json::parse_error &error) {
  std::string text = error.what();
  std::size_t column = text.find("column ");
  if (column != std::string::npos)
    return text.substr(column);
  std::size_t bracket = text.find("] ");
  return bracket == std::string::npos ? text : text.substr(bracket + 2);
}

} // namespace

std::span<const std::string_view> trace_event_names() {
  return event_names;
}

bool is_trace_event_name(std::string_view name) {
  return std::find(event_names.begin(), event_names.end(), name) != event_names.end();
}

std::string to_jsonl(const TraceEvent &event) {
  LineWriter line;
  line.number("seq", std::optional<std::uint64_t>(event.seq));
  line.seconds("t", event.t);
  line.string("proc", event.proc);
  line.string("event", event.event);
  line.string("channel", event.channel);
  line.number("msg", event.msg);
  line.number("size", event.size);
  line.string("tag", event.tag);
  line.string("peer", event.peer);
  line.seconds("duration", event.duration);
  line.number("branch", event.branch);
  line.string("var", event.variable);
  line.number("value", event.value);
  line.number("line", event.line);
  line.string("detail", event.detail);
  line.number("race_with", event.race_with);
  line.string("cause", event.cause);
  return line.finish();
}

TraceEvent parse_trace_line(std::string_view text, std::string_view file, int line_number) {
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error &error) {
    throw ScenarioError(std::string(file) + ":" + std::to_string(line_number) + ": error: not valid JSON (" +
                        json_error_text(error) + ")");
  }
  LineReader reader(object, file, line_number);
  if (!object.is_object())
    reader.fail("expected a JSON object (one trace event per line)");
  for (const auto &item : object.items()) {
    if (std::find(key_names.begin(), key_names.end(), item.key()) == key_names.end())
      reader.fail("unknown key \"" + item.key() + "\"" + suggestion(item.key(), key_names));
  }

  TraceEvent event;
  std::optional<std::uint64_t> seq;
  reader.integer("seq", seq);
  if (!seq)
    reader.fail("missing key \"seq\"");
  event.seq = *seq;
  reader.string("event", event.event);
  if (!object.contains("event"))
    reader.fail("missing key \"event\"");
  if (!is_trace_event_name(event.event))
    reader.fail("unknown event \"" + event.event + "\"" + suggestion(event.event, event_names));
  reader.seconds("t", event.t);
  reader.string("proc", event.proc);
  reader.string("channel", event.channel);
  reader.integer("msg", event.msg);
  reader.integer("size", event.size);
  reader.string("tag", event.tag);
  reader.string("peer", event.peer);
  reader.seconds("duration", event.duration);
  reader.integer("branch", event.branch);
  reader.string("var", event.variable);
  reader.integer("value", event.value);
  reader.integer("line", event.line);
  reader.string("detail", event.detail);
  reader.integer("race_with", event.race_with);
  reader.string("cause", event.cause);
  return event;
}

std::vector<TraceEvent> read_trace(std::istream &in, std::string_view file) {
  constexpr std::size_t max_reported = 20;
  std::vector<TraceEvent> events;
  std::vector<std::string> errors;
  std::size_t more_errors = 0;
  auto report = [&](std::string message) {
    if (errors.size() < max_reported)
      errors.push_back(std::move(message));
    else
      ++more_errors;
  };

  std::string text;
  int line_number = 0;
  std::optional<std::pair<std::uint64_t, int>> previous; // seq and line of the last good event
  while (std::getline(in, text)) {
    ++line_number;
    if (!text.empty() && text.back() == '\r')
      text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos)
      continue;
    try {
      TraceEvent event = parse_trace_line(text, file, line_number);
      if (previous && event.seq <= previous->first) {
        report(std::string(file) + ":" + std::to_string(line_number) + ": error: seq " + std::to_string(event.seq) +
               " does not follow seq " + std::to_string(previous->first) + " of line " +
               std::to_string(previous->second) + " (events must be in increasing seq order)");
      }
      previous = {event.seq, line_number};
      events.push_back(std::move(event));
    } catch (const ScenarioError &error) {
      report(error.what());
    }
  }
  if (in.bad())
    report(std::string(file) + ": error: read failed");
  if (errors.empty())
    return events;

  std::string message;
  for (const std::string &error : errors)
    message += error + "\n";
  if (more_errors > 0)
    message += std::string(file) + ": error: " + std::to_string(more_errors) + " more errors not shown\n";
  throw ScenarioError(message);
}

std::vector<TraceEvent> read_trace_file(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw ScenarioError(path + ": error: cannot open trace file\n");
  return read_trace(in, path);
}

void TraceWriter::write(const TraceEvent &event) {
  out_ << to_jsonl(event) << '\n';
  ++count_;
}

void TraceWriter::flush() {
  out_.flush();
}

} // namespace ipcsim
