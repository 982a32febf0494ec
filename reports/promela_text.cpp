#include "reports/promela_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipcsim {
namespace {

constexpr int kOptionIndent = 3; // the width of ":: "
constexpr std::size_t kCommentColumn = 48;

} // namespace

std::vector<PromelaLine> promela_sequence_lines(const PromelaSequence &sequence, int indent) {
  std::vector<PromelaLine> out;
  for (std::size_t s = 0; s < sequence.size(); ++s) {
    const PromelaBlock &block = sequence[s];
    std::size_t first = out.size();
    for (const auto &line : block.lines)
      out.push_back({line.indent + indent, line.code, line.comment});
    if (!block.label.empty())
      out[first].code = block.label + ": " + out[first].code;
    if (s + 1 < sequence.size())
      out.back().code += ";";
  }
  return out;
}

void append_promela_option(std::vector<PromelaLine> &out, const std::string &guard, const PromelaSequence &body,
                           const std::string &comment) {
  std::vector<PromelaLine> lines = promela_sequence_lines(body, kOptionIndent);
  if (guard.empty()) {
    if (lines.empty() || !body.front().label.empty())
      throw std::logic_error("promela export: an option without a guard needs an unlabelled first statement");
    out.push_back({0, ":: " + lines.front().code, lines.front().comment});
    lines.erase(lines.begin());
  } else {
    out.push_back({0, ":: " + guard + (lines.empty() ? "" : " ->"), comment});
  }
  out.insert(out.end(), lines.begin(), lines.end());
}

std::string render_promela(const std::vector<PromelaLine> &lines, int indent) {
  std::string out;
  for (const auto &line : lines) {
    std::string text = std::string(static_cast<std::size_t>(line.indent + indent), ' ') + line.code;
    if (!line.comment.empty()) {
      text.resize(std::max(text.size() + 2, kCommentColumn), ' ');
      text += "/* " + line.comment + " */";
    }
    out += text + "\n";
  }
  return out;
}

} // namespace ipcsim
