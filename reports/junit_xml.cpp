#include "reports/junit_xml.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ipcsim {
namespace {

constexpr char32_t invalid = 0; // never allowed in XML, like a NUL byte itself

// The code point that starts at text[at] and its length in bytes; a byte that starts no valid UTF-8 sequence
// (a stray continuation, a truncated or overlong sequence, a surrogate) is `invalid`, of one byte, so that
// decoding goes on at the next.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  unsigned char lead = byte(0);
  if (lead < 0x80)
    return {lead, 1};
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size())
    return {invalid, 1};
  char32_t c = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80)
      return {invalid, 1};
    c = (c << 6) | (byte(k) & 0x3F);
  }
  static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  bool valid = c >= smallest[length] && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
  return {valid ? c : invalid, valid ? length : 1};
}

bool allowed_in_xml(char32_t c) {
  return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         c >= 0x10000;
}

std::string attribute(const char *name, std::string_view value) {
  return fmt::format(" {}=\"{}\"", name, xml_escaped(value, true));
}

std::string test_case(const JunitCase &c) {
  std::string xml = "    <testcase" + attribute("classname", c.classname) + attribute("name", c.name);
  if (!c.file.empty())
    xml += attribute("file", c.file);
  switch (c.outcome) {
  case JunitCase::Outcome::passed:
    return xml + "/>\n";
  case JunitCase::Outcome::skipped:
    return xml + ">\n      <skipped" + attribute("message", c.message) + "/>\n    </testcase>\n";
  case JunitCase::Outcome::failed:
    xml += ">\n      <failure" + attribute("message", c.message);
    if (!c.type.empty())
      xml += attribute("type", c.type);
    return xml + ">" + xml_escaped(c.text, false) + "</failure>\n    </testcase>\n";
  }
  return xml;
}

struct Counts {
  std::size_t tests = 0, failures = 0, skipped = 0;

  void add(const JunitSuite &suite) {
    tests += suite.cases.size();
    for (const JunitCase &c : suite.cases) {
      failures += c.outcome == JunitCase::Outcome::failed;
      skipped += c.outcome == JunitCase::Outcome::skipped;
    }
  }
  std::string attributes() const {
    return fmt::format(" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\"", tests, failures, skipped);
  }
};

} // namespace

std::string xml_escaped(std::string_view text, bool in_attribute) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    auto [c, length] = decode(text, at);
    if (!allowed_in_xml(c))
      out += "\xEF\xBF\xBD"; // U+FFFD
    else if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (in_attribute && c == '"')
      out += "&quot;";
    else if (in_attribute && (c == '\n' || c == '\r' || c == '\t'))
      out += fmt::format("&#{};", static_cast<unsigned>(c));
    else if (c == '\r') // a parser reads a bare CR in text as LF
      out += "&#13;";
    else
      out.append(text.substr(at, length));
    at += length;
  }
  return out;
}

std::string junit_xml(const std::string &name, const std::vector<JunitSuite> &suites) {
  Counts all;
  for (const JunitSuite &suite : suites)
    all.add(suite);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attribute("name", name) + all.attributes() + ">\n";
  for (const JunitSuite &suite : suites) {
    Counts counts;
    counts.add(suite);
    xml += "  <testsuite" + attribute("name", suite.name) + counts.attributes() + ">\n";
    for (const JunitCase &c : suite.cases)
      xml += test_case(c);
    xml += "  </testsuite>\n";
  }
  return xml + "</testsuites>\n";
}

} // namespace ipcsim
