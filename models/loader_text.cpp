#include "models/loader_text.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ipcsim::loader {

namespace {

std::string hex(unsigned char byte) {
  char out[8];
  std::snprintf(out, sizeof out, "0x%02x", byte);
  return out;
}

// The length of the UTF-8 sequence starting at text[pos], or 0 if it is not valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF included).
std::size_t sequence_length(std::string_view text, std::size_t pos) {
  auto byte = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  unsigned char lead = static_cast<unsigned char>(text[pos]);
  auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (lead < 0x80)
    return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    return continuation(pos + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned char second = static_cast<unsigned char>(byte(pos + 1));
    bool ok = continuation(pos + 1) && continuation(pos + 2) && !(lead == 0xE0 && second < 0xA0) &&
              !(lead == 0xED && second >= 0xA0);
    return ok ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned char second = static_cast<unsigned char>(byte(pos + 1));
    bool ok = continuation(pos + 1) && continuation(pos + 2) && continuation(pos + 3) &&
              !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second >= 0x90);
    return ok ? 4 : 0;
  }
  return 0;
}

} // namespace

std::optional<Diagnostic> check_text(std::string_view text) {
  int line = 1;
  int column = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto c = static_cast<unsigned char>(text[pos]);
    std::size_t length = sequence_length(text, pos);
    if (length == 0)
      return Diagnostic{{line, column}, "the file is not valid UTF-8 text (byte " + hex(c) + ")"};
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return Diagnostic{{line, column}, "the file is not text: it holds the control byte " + hex(c)};
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    pos += length;
  }
  return std::nullopt;
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

IntegerText parse_integer(std::string_view text) {
  std::string_view digits = trim_blanks(text);
  if (!digits.empty() && digits.front() == '+')
    digits.remove_prefix(1);
  bool negative = !digits.empty() && digits.front() == '-';
  std::string_view magnitude = negative ? digits.substr(1) : digits;
  if (magnitude.empty() || !std::all_of(magnitude.begin(), magnitude.end(), is_ascii_digit))
    return {};
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range)
    return {negative ? IntegerText::Status::too_small : IntegerText::Status::too_large, 0};
  return {IntegerText::Status::ok, value};
}

} // namespace ipcsim::loader
