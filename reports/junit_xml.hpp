// JUnit XML, the test report that CI systems read (Jenkins, GitLab, GitHub Actions' test reporters): suites
// of test cases, each passed, failed (a one-line message and a body) or skipped. No times: the same check or
// sweep writes the same bytes. `check --junit` and `compare --junit` build their suites and write them here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

struct JunitCase {
  enum class Outcome { passed, failed, skipped };
  std::string classname; // the scenario: CI systems group cases by it
  std::string name;      // the property, or the variant
  std::string file;      // the scenario file, for systems that link a case to it; empty: none
  Outcome outcome = Outcome::passed;
  std::string message; // one line: the failure's or the skip's reason
  std::string type;    // a failure's kind ("deadlock"), or empty
  std::string text;    // a failure's body: the finding and how it was reached
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

// The document: <testsuites name="NAME"> with the counts of tests, failures and skips, then each suite.
std::string junit_xml(const std::string &name, const std::vector<JunitSuite> &suites);

// `text` escaped for XML 1.0 character data, or for a double-quoted attribute (where line breaks and tabs are
// written as character references, which a parser would otherwise turn into spaces). Characters that XML 1.0
// cannot hold at all (control characters, U+FFFE, U+FFFF) and bytes that are not UTF-8 become U+FFFD.
std::string xml_escaped(std::string_view text, bool in_attribute);

} // namespace ipcsim
