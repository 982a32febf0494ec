// The errors of one load: file errors (FILE:LINE:COLUMN, through Diagnostics) and errors in command-line
// values (`--set PATH=V: error: ...`), deduplicated and capped, thrown together as one ScenarioError.
#pragma once

#include "models/diagnostics.hpp"
#include "models/source_mark.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ipcsim {

// Where a value came from: a position in the file, or a command-line option that supplied it.
struct Origin {
  SourceMark mark; // 0:0 when the value came from the command line
  int source = -1; // -1: the file; else the LoadErrors::add_source index of the option (e.g. a --set)
};

class LoadErrors {
public:
  explicit LoadErrors(std::string file) : diagnostics_(std::move(file)) {}

  // Registers a command-line option such as "--set a.b=1"; values it supplied carry the returned index.
  int add_source(std::string text);

  void error(const Origin &origin, const std::string &message);
  void error_at_source(int source, const std::string &message) { error(Origin{{}, source}, message); }

  // Errors recorded so far (after deduplication); used to stop replicating an item that already failed.
  std::size_t count() const { return seen_.size() + dropped_; }
  bool empty() const { return seen_.empty(); }

  // Command-line errors first (in the order found), then the file's in line order.
  std::string format() const;
  void throw_if_any() const;

private:
  Diagnostics diagnostics_;
  std::vector<std::string> sources_;
  std::vector<std::string> command_line_;
  std::set<std::tuple<int, int, int, std::string>> seen_;
  std::size_t dropped_ = 0;
};

} // namespace ipcsim
