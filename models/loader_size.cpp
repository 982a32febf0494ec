#include "models/loader_size.hpp"

#include "models/loader_parts.hpp"
#include "models/loader_text.hpp"

#include <limits>

namespace ipcsim::loader {

namespace {

// Counts saturate: an alias bomb can describe more steps than 64 bits hold.
constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  return a > saturated - b ? saturated : a + b;
}

std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  return b != 0 && a > saturated / b ? saturated : a * b;
}

std::string amount(std::uint64_t n) {
  return (n == saturated ? "at least " : "") + std::to_string(n);
}

// The value of the first `key` of a mapping, as Fields finds it.
std::optional<Value> entry(const Reader &reader, const Value &map, std::string_view key) {
  if (!map.node.IsMap())
    return std::nullopt;
  for (const auto &pair : map.node)
    if (pair.first.IsScalar() && pair.first.Scalar() == key)
      return reader.child(pair.second, std::string(key), map.origin);
  return std::nullopt;
}

// The replicas the reader will build of an item, its count evaluated as the reader will but quietly: a count
// that the reader refuses (and reports) builds none, the item being read as a template.
std::uint64_t replicas(const Reader &reader, const Value &item) {
  if (!item.node.IsMap()) // reported by the reader, which builds nothing of it
    return 0;
  std::optional<Value> count = entry(reader, item, "count");
  if (!count)
    return 1;
  if (!count->node.IsScalar())
    return 0;
  ExpressionScope scope{&reader.params()};
  Expansion text = expand_expressions(count->node.Scalar(), scope);
  IntegerText number = parse_integer(text.text);
  bool valid = text.error.empty() && number.status == IntegerText::Status::ok;
  return valid && number.value > 0 && number.value <= max_count ? static_cast<std::uint64_t>(number.value) : 0;
}

std::uint64_t channel_replicas(const Reader &reader, const Value &item) {
  bool mailbox = entry(reader, item, "mailbox").has_value();
  bool link = entry(reader, item, "link").has_value();
  if (mailbox == link) // neither or both: an error, nothing built
    return 0;
  return mailbox ? replicas(reader, item) : 1;
}

// The steps one replica of a process reads: each item of a list is a step, and the lists inside a step
// (the `do` of repeat and while, `forever`, the branches of `choose`, `then` and `else`) hold more. Memoised by node, so that every
// use of an alias costs one lookup.
class StepCounter {
public:
  explicit StepCounter(Reader &reader) : reader_(reader) {}

  std::uint64_t count(const Value &list, int depth) {
    if (!list.node.IsSequence())
      return 0;
    if (depth > max_step_depth)
      return too_deep(list);
    if (const std::optional<std::uint64_t> *known = counted_.find(list.node))
      return *known ? **known : too_deep(list); // being counted: the list contains itself
    counted_.set(list.node, std::nullopt);
    std::uint64_t total = 0;
    for (const YAML::Node &item : list.node)
      total = add(total, add(1, inside(reader_.child(item, list.key, list.origin), depth)));
    counted_.set(list.node, total);
    return total;
  }

  bool found_too_deep() const { return too_deep_; }

private:
  std::uint64_t inside(const Value &step, int depth) {
    std::uint64_t total = 0;
    for (const char *key : {"do", "forever", "then", "else"})
      if (std::optional<Value> list = entry(reader_, step, key))
        total = add(total, count(*list, depth + 1));
    if (std::optional<Value> branches = entry(reader_, step, "choose"); branches && branches->node.IsSequence())
      for (const YAML::Node &branch : branches->node)
        total = add(total, count(reader_.child(branch, "choose", branches->origin), depth + 1));
    for (const char *key : {"send", "receive", "acquire"})
      if (std::optional<Value> communication = entry(reader_, step, key))
        if (std::optional<Value> on_fail = entry(reader_, *communication, "else"))
          total = add(total, count(*on_fail, depth + 1));
    return total;
  }

  // A list deeper than the reader reads, or one that contains itself (its expansion has no end): reported as
  // the reader reports it, at the list.
  std::uint64_t too_deep(const Value &list) {
    report_too_deep(reader_, list.origin);
    too_deep_ = true;
    return 0;
  }

  Reader &reader_;
  NodeMap<std::optional<std::uint64_t>> counted_; // nullopt while the list is being counted
  bool too_deep_ = false;
};

// A running total against its limit, and the value that took it over.
struct Total {
  std::uint64_t limit;
  std::string headline; // "too many steps"
  std::string counted;  // what the sum counts, after the number
  std::uint64_t sum = 0;
  std::optional<Value> over_at;

  void take(std::uint64_t amount, const Value &at) {
    sum = add(sum, amount);
    if (sum > limit && !over_at)
      over_at = at;
  }

  void report(Reader &reader) const {
    if (over_at)
      reader.error(over_at->origin, (over_at->key.empty() ? "" : over_at->key + ": ") + headline + ": " + amount(sum) +
                                        " " + counted + ", more than the limit of " + std::to_string(limit));
  }
};

} // namespace

bool check_model_size(Reader &reader, const Fields &top) {
  Total items{max_items, "too many replicas", "processes, channels, semaphores and segments in all"};
  Total steps{max_steps, "too many steps", "in all after replication and YAML aliases"};
  StepCounter counter(reader);
  for (const char *section : {"channels", "semaphores", "shared_memory", "processes"}) {
    std::optional<Value> list = top.get(section);
    if (!list || !list->node.IsSequence())
      continue;
    bool channels = std::string_view(section) == "channels";
    for (const YAML::Node &node : list->node) {
      Value item = reader.child(node, "", list->origin);
      std::uint64_t n = channels ? channel_replicas(reader, item) : replicas(reader, item);
      items.take(n, entry(reader, item, "count").value_or(item));
      if (std::optional<Value> body = entry(reader, item, "do"); body && !channels)
        steps.take(times(counter.count(*body, 1), n), *body);
    }
  }
  items.report(reader);
  steps.report(reader);
  return !items.over_at && !steps.over_at && !counter.found_too_deep();
}

} // namespace ipcsim::loader
