#include "reports/junit_xml.hpp"

#include <catch2/catch.hpp>

using namespace ipcsim;

TEST_CASE("XML escaping: markup characters, and quotes and line breaks in attributes", "[junit]") {
  CHECK(xml_escaped("a < b && c > \"d\" 'e'", false) == "a &lt; b &amp;&amp; c &gt; \"d\" 'e'");
  CHECK(xml_escaped("a < b && c > \"d\" 'e'", true) == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'");
  CHECK(xml_escaped("one\ntwo\tthree\r", false) == "one\ntwo\tthree&#13;");
  CHECK(xml_escaped("one\ntwo\tthree\r", true) == "one&#10;two&#9;three&#13;");
}

TEST_CASE("XML escaping: what XML 1.0 cannot hold, and bytes that are not UTF-8, become U+FFFD", "[junit]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(xml_escaped("phil\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x8D\x9D", false) ==
        "phil\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x8D\x9D");
  CHECK(xml_escaped(std::string{'a', '\0', 'b', '\x01', 'c', '\x1F'}, false) == "a" + fffd + "b" + fffd + "c" + fffd);
  CHECK(xml_escaped("\xEF\xBF\xBE", false) == fffd);               // U+FFFE
  CHECK(xml_escaped("x\xC3(", false) == "x" + fffd + "(");         // a truncated sequence
  CHECK(xml_escaped("\xC0\xAF", false) == fffd + fffd);            // an overlong '/'
  CHECK(xml_escaped("\xED\xA0\x80", false) == fffd + fffd + fffd); // a surrogate
  CHECK(xml_escaped("\xE2\x86", false) == fffd + fffd);            // cut at the end
}

TEST_CASE("a JUnit document counts its cases, and a failure carries its message, type and text", "[junit]") {
  JunitSuite suite{.name = "s", .cases = {}};
  suite.cases.push_back({.classname = "s", .name = "passes"});
  suite.cases.push_back({.classname = "s",
                         .name = "fails",
                         .file = "a&b.yaml",
                         .outcome = JunitCase::Outcome::failed,
                         .message = "x < y",
                         .type = "deadlock",
                         .text = "x < y\n  1. p: send\n"});
  suite.cases.push_back(
      {.classname = "s", .name = "unknown", .outcome = JunitCase::Outcome::skipped, .message = "stopped \"early\""});
  CHECK(junit_xml("ipcsim check", {suite}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"ipcsim check\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
        "  <testsuite name=\"s\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
        "    <testcase classname=\"s\" name=\"passes\"/>\n"
        "    <testcase classname=\"s\" name=\"fails\" file=\"a&amp;b.yaml\">\n"
        "      <failure message=\"x &lt; y\" type=\"deadlock\">x &lt; y\n  1. p: send\n</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"s\" name=\"unknown\">\n"
        "      <skipped message=\"stopped &quot;early&quot;\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}
