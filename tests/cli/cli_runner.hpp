// Running the ipcsim binary from a test: its exit status, stdout and stderr, in a scratch directory that is
// removed at exit. Shared by the CLI tests.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ipcsim::test {

namespace fs = std::filesystem;

inline const fs::path& scratch() {
  static struct Dir {
    fs::path path;
    Dir() {
      std::string pattern = (fs::temp_directory_path() / "ipcsim-cli-XXXXXX").string();
      path = ::mkdtemp(pattern.data());
    }
    ~Dir() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } dir;
  return dir.path;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

struct Cli {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `ipcsim ARGS` in `dir` (default: the repository root), after the shell text `before` (e.g.
// "ulimit -v 500000 && ").
inline Cli run_cli(const std::string &args, const fs::path &dir = IPCSIM_SOURCE_DIR, const std::string &before = "") {
  fs::path err = scratch() / "stderr.txt";
  std::string command =
      "cd '" + dir.string() + "' && " + before + "'" IPCSIM_BINARY "' " + args + " 2>'" + err.string() + "'";
  Cli result;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err);
  return result;
}

} // namespace ipcsim::test
