#include "models/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace ipcsim {

std::string Diagnostics::format() const {
  std::vector<Diagnostic> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.mark.line, a.mark.column) < std::tie(b.mark.line, b.mark.column);
  });
  std::string out;
  std::string previous;
  for (const auto& d : sorted) {
    std::string line = file_ + ":" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) +
                       ": error: " + d.message + "\n";
    if (line != previous)
      out += line;
    previous = std::move(line);
  }
  return out;
}

void Diagnostics::throw_if_any() const {
  if (!errors_.empty())
    throw ScenarioError(format());
}

} // namespace ipcsim
