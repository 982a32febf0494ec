// Running SPIN on an exported Promela model, for the cross-check tests: spin -a, gcc, ./pan in a scratch
// directory of their own, and what pan says (errors, invalid end state, states stored).
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace ipcsim::test {

inline bool spin_available() {
  return std::system("command -v spin >/dev/null 2>&1 && command -v gcc >/dev/null 2>&1") == 0;
}

// A directory removed when the test is done with it.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ipcsim-spin-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

struct PanResult {
  std::string output;       // what pan printed
  bool invalid_end = false; // "invalid end state": SPIN's deadlock
  long errors = -1;
  long states_stored = -1;
};

inline std::string file_text(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline long number_before(const std::string &text, const std::string &words) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("([0-9]+) " + words)))
    return std::stol(m[1]);
  return -1;
}

// Runs SPIN on `dir`/model.pml as the export's header says (plus `defines`, e.g. -DNOREDUCE, for gcc).
inline PanResult run_spin(const std::filesystem::path &dir, const std::string &defines = "") {
  std::string command = "cd '" + dir.string() + "' && spin -a model.pml >spin.out 2>&1 && gcc -O2 -DSAFETY " + defines +
                        " -o pan pan.c >cc.out 2>&1 && ./pan -m1000000 >pan.out 2>&1";
  int status = std::system(command.c_str());
  INFO("spin output: " << file_text(dir / "spin.out") << "\ngcc output: " << file_text(dir / "cc.out"));
  PanResult r;
  r.output = file_text(dir / "pan.out");
  INFO("pan output:\n" << r.output);
  REQUIRE(status == 0);
  REQUIRE(r.output.find("max search depth too small") == std::string::npos); // the search was complete
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex("errors: ([0-9]+)")));
  r.errors = std::stol(m[1]);
  r.invalid_end = r.output.find("invalid end state (at depth") != std::string::npos;
  r.states_stored = number_before(r.output, "states, stored");
  return r;
}

} // namespace ipcsim::test
