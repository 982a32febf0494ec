// Promela source as indented lines, so that the translation builds statements and the layout (indentation,
// `;` between statements, `::` options, comments in one column) is decided in one place.
#pragma once

#include <string>
#include <vector>

namespace ipcsim {

struct PromelaLine {
  int indent = 0; // relative to the enclosing block
  std::string code;
  std::string comment; // written as /* comment */ at the end of the line
};

// One statement, possibly compound (an if or do over several lines), possibly labelled.
struct PromelaBlock {
  std::string label;
  std::vector<PromelaLine> lines;
};

using PromelaSequence = std::vector<PromelaBlock>;

inline PromelaBlock promela_statement(std::string code, std::string comment = "") {
  return {.lines = {{0, std::move(code), std::move(comment)}}};
}

// The lines of `a; b; c`: each label before its statement's first line, `;` after every statement but the last.
std::vector<PromelaLine> promela_sequence_lines(const PromelaSequence &sequence, int indent = 0);

// Appends one option of an if/do: ":: guard ->" with the body below it, or without a guard (the body's first
// statement is then the guard) ":: first statement" with the rest below. The body is indented by 3, under
// what follows "::". An option body must not start with a label when it has no guard: SPIN refuses a label
// there (the caller puts it on the do or if instead).
void append_promela_option(std::vector<PromelaLine> &out, const std::string &guard, const PromelaSequence &body,
                           const std::string &comment = "");

// The text of `lines`, each indented by `indent` more spaces, comments aligned in one column where they fit.
std::string render_promela(const std::vector<PromelaLine> &lines, int indent);

} // namespace ipcsim
