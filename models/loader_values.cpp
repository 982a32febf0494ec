// Reader's typed values: one YAML scalar (after ${...} expansion) to an integer, a bool, a name or a quantity.
#include "models/loader_reader.hpp"

#include "models/loader_suggest.hpp"
#include "models/loader_text.hpp"

#include <cstdlib>
#include <limits>

namespace ipcsim::loader {

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

bool all_of(std::string_view text, bool (*ok)(char)) {
  for (char c : text)
    if (!ok(c))
      return false;
  return !text.empty();
}

bool name_char(char c) {
  return is_ascii_alnum(c) || c == '_' || c == '.' || c == '-';
}
bool identifier_char(char c) {
  return is_ascii_alnum(c) || c == '_';
}

} // namespace

std::optional<std::string> Reader::expand(const Value &value, const std::string &text) {
  if (!has_expression(text))
    return text;
  scope_.params = &params_;
  Expansion expansion = expand_expressions(text, scope_);
  if (!expansion.error.empty())
    error(value.origin, expansion.error);
  if (!expansion.error.empty() || !expansion.known) // unknown: nothing more to check here
    return std::nullopt;
  return expansion.text;
}

std::optional<std::string> Reader::scalar(const Value &value, std::string_view expected) {
  if (!value.node.IsScalar()) {
    type_error(value, expected);
    return std::nullopt;
  }
  return expand(value, value.node.Scalar());
}

std::optional<std::int64_t> Reader::integer(const Value &value, std::int64_t min, std::int64_t max,
                                            std::string_view expected) {
  std::optional<std::string> text = scalar(value, expected);
  if (!text)
    return std::nullopt;
  return integer_in(value, *text, min, max, expected);
}

std::optional<std::int64_t> Reader::integer_in(const Value &value, const std::string &text, std::int64_t min,
                                               std::int64_t max, std::string_view expected) {
  using Status = IntegerText::Status;
  IntegerText parsed = parse_integer(text);
  std::string prefix = value.key.empty() ? "" : value.key + ": ";
  std::string shown = shortened(trim_blanks(text));
  if (parsed.status == Status::ok && parsed.value >= min && parsed.value <= max)
    return parsed.value;
  if (parsed.status == Status::too_large || (parsed.status == Status::ok && parsed.value > max))
    error(value.origin, prefix + shown + " is too large (at most " + std::to_string(max) + ")");
  else if (parsed.status == Status::not_integer || min >= 0)
    type_error(value, expected, text);
  else
    error(value.origin, prefix + shown + " is too small (at least " + std::to_string(min) + ")");
  return std::nullopt;
}

std::optional<std::uint64_t> Reader::non_negative(const Value &value) {
  std::optional<std::int64_t> result = integer(value, 0, int64_max, "a non-negative integer");
  if (!result)
    return std::nullopt;
  return static_cast<std::uint64_t>(*result);
}

std::optional<bool> Reader::boolean(const Value &value) {
  std::optional<std::string> text = scalar(value, "true or false");
  if (!text)
    return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE")
    return true;
  if (*text == "false" || *text == "False" || *text == "FALSE")
    return false;
  type_error(value, "true or false", *text);
  return std::nullopt;
}

std::optional<std::string> Reader::name(const Value &value) {
  constexpr std::string_view expected = "a name of letters, digits, '_', '.' and '-'";
  std::optional<std::string> text = scalar(value, expected);
  if (text && !all_of(*text, name_char)) {
    type_error(value, expected, *text);
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> Reader::reference(const Value &value, std::string_view expected) {
  std::optional<std::string> text = scalar(value, expected);
  if (text && text->empty()) {
    type_error(value, expected, *text);
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> Reader::identifier(const Value &value, std::string_view expected) {
  std::optional<std::string> text = scalar(value, expected);
  if (text && (!all_of(*text, identifier_char) || is_ascii_digit(text->front()))) {
    type_error(value, expected, *text);
    return std::nullopt;
  }
  return text;
}

std::optional<Measure> Reader::measure(const Value &value, Quantity quantity) {
  static const std::map<Quantity, std::string> examples{{Quantity::time, "a duration (e.g. 250us)"},
                                                        {Quantity::size, "a size (e.g. 64B)"},
                                                        {Quantity::rate, "a rate (e.g. 1GBps)"},
                                                        {Quantity::speed, "a speed (e.g. 1Gf)"}};
  const std::string &expected = examples.at(quantity);
  std::optional<std::string> text = scalar(value, expected);
  if (!text)
    return std::nullopt;
  Measure m = parse_measure(*text, quantity);
  std::string prefix = value.key.empty() ? "" : value.key + ": ";
  switch (m.status) {
  case Measure::Status::ok:
    return m;
  case Measure::Status::not_a_number:
    type_error(value, expected, *text);
    break;
  case Measure::Status::unknown_unit:
    error(value.origin, unknown_unit_message(quantity, m.unit, *text));
    break;
  case Measure::Status::negative:
    type_error(value, quantity == Quantity::time ? "a non-negative duration" : "a non-negative " + to_string(quantity),
               *text);
    break;
  case Measure::Status::too_large:
    error(value.origin, prefix + quoted(*text) + " is too large" +
                            (quantity == Quantity::size ? " (at most " + std::to_string(int64_max) + " bytes)" : ""));
    break;
  case Measure::Status::fraction:
    type_error(value, "a whole number of bytes", *text);
    break;
  }
  return std::nullopt;
}

std::optional<double> Reader::seconds(const Value &value) {
  std::optional<Measure> m = measure(value, Quantity::time);
  return m ? std::optional<double>(m->value) : std::nullopt;
}

std::optional<double> Reader::probability(const Value &value) {
  constexpr std::string_view expected = "a probability from 0 to 1 (such as 0.01)";
  std::optional<std::string> text = scalar(value, expected);
  if (!text)
    return std::nullopt;
  char *end = nullptr;
  double p = std::strtod(text->c_str(), &end);
  if (text->empty() || end != text->c_str() + text->size() || !(p >= 0 && p <= 1)) {
    type_error(value, expected, *text);
    return std::nullopt;
  }
  return p;
}

std::optional<std::uint64_t> Reader::bytes(const Value &value) {
  std::optional<Measure> m = measure(value, Quantity::size);
  return m ? std::optional<std::uint64_t>(m->bytes) : std::nullopt;
}

std::optional<double> Reader::rate(const Value &value) {
  std::optional<Measure> m = measure(value, Quantity::rate);
  return m ? std::optional<double>(m->value) : std::nullopt;
}

std::optional<double> Reader::speed(const Value &value) {
  std::optional<Measure> m = measure(value, Quantity::speed);
  return m ? std::optional<double>(m->value) : std::nullopt;
}

std::optional<Duration> Reader::duration(const Value &value) {
  if (value.node.IsMap()) {
    Fields fields(*this, value, value.key, {"exponential", "uniform", "normal"});
    return distribution(fields);
  }
  std::optional<double> fixed = seconds(value);
  if (!fixed)
    return std::nullopt;
  return Duration{Duration::Kind::fixed, *fixed, 0};
}

namespace {

// [A, B] of two durations, for uniform and normal.
std::optional<std::pair<double, double>> duration_pair(Reader &reader, const Value &value, std::string_view expected) {
  std::optional<std::vector<Value>> items = reader.sequence(value, expected);
  if (!items)
    return std::nullopt;
  if (items->size() != 2) {
    reader.error(value.origin, value.key + ": expected two values " + std::string(expected) + ", got " +
                                   std::to_string(items->size()));
    return std::nullopt;
  }
  std::optional<double> first = reader.seconds((*items)[0]);
  std::optional<double> second = reader.seconds((*items)[1]);
  if (!first || !second)
    return std::nullopt;
  return std::make_pair(*first, *second);
}

} // namespace

std::optional<Duration> Reader::distribution(const Fields &fields) {
  std::vector<std::string> kinds;
  for (const std::string &key : fields.keys())
    if (key == "exponential" || key == "uniform" || key == "normal")
      kinds.push_back(key);
  if (kinds.size() != 1) {
    if (kinds.empty() && !fields.had_unknown())
      error(fields.origin(), fields.what() + ": expected a distribution: {exponential: MEAN}, {uniform: [LOW, HIGH]} "
                                             "or {normal: [MEAN, STDDEV]}");
    else if (kinds.size() > 1)
      error(fields.origin(),
            fields.what() + ": a distribution has one kind, got '" + kinds[0] + "' and '" + kinds[1] + "'");
    return std::nullopt;
  }
  Value value = *fields.get(kinds[0]);
  if (kinds[0] == "exponential") {
    std::optional<double> mean = seconds(value);
    return mean ? std::optional<Duration>(Duration{Duration::Kind::exponential, *mean, 0}) : std::nullopt;
  }
  bool uniform = kinds[0] == "uniform";
  auto pair = duration_pair(*this, value, uniform ? "[LOW, HIGH]" : "[MEAN, STDDEV]");
  if (!pair)
    return std::nullopt;
  if (uniform && pair->first > pair->second) {
    auto items = *sequence(value, "");
    error(value.origin, "uniform: low " + describe(items[0].node) + " is greater than high " + describe(items[1].node));
    return std::nullopt;
  }
  return Duration{uniform ? Duration::Kind::uniform : Duration::Kind::normal, pair->first, pair->second};
}

} // namespace ipcsim::loader
