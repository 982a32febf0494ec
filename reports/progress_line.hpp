// One line of progress on stderr, rewritten in place with \r; shown only when stderr is a terminal (never
// in a pipe, a file or a test), so that it never mixes with what a command prints or writes.
#pragma once

#include <string>

namespace ipcsim {

class ProgressLine {
public:
  ProgressLine();
  ~ProgressLine(); // ends the line, so that what follows starts on a fresh one
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;

  bool shown() const { return shown_; }
  void show(const std::string &text);
  void clear(); // erases the line: the command's own output follows in its place

private:
  bool shown_;
  bool written_ = false;
};

} // namespace ipcsim
