#include "reports/progress_line.hpp"

#include <iostream>
#include <unistd.h>

namespace ipcsim {

ProgressLine::ProgressLine() : shown_(::isatty(STDERR_FILENO) != 0) {}

ProgressLine::~ProgressLine() {
  if (written_)
    std::cerr << "\n" << std::flush;
}

void ProgressLine::show(const std::string &text) {
  if (!shown_)
    return;
  std::cerr << "\r" << text << "\033[K" << std::flush; // \033[K clears what a longer line left behind
  written_ = true;
}

void ProgressLine::clear() {
  if (written_)
    std::cerr << "\r\033[K" << std::flush;
  written_ = false;
}

} // namespace ipcsim
