// Errors in a scenario, collected so that every problem in a file is reported at once, each as
// FILE:LINE:COLUMN: error: MESSAGE.
#pragma once

#include "models/source_mark.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace ipcsim {

struct Diagnostic {
  SourceMark mark;
  std::string message;
};

class Diagnostics {
public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void error(SourceMark mark, std::string message) { errors_.push_back({mark, std::move(message)}); }
  bool empty() const { return errors_.empty(); }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  const std::string& file() const { return file_; }

  // One line per error, in file order (line, then column), duplicates removed.
  std::string format() const;

  // Throws ScenarioError when any error was recorded.
  void throw_if_any() const;

private:
  std::string file_;
  std::vector<Diagnostic> errors_;
};

// Bad input: the CLI prints what() and exits 64.
class ScenarioError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace ipcsim
