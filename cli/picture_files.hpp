// Pictures are written twice: the DOT text (for users who post-process it) beside the SVG rendered from it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace ipcsim {

// A picture's path names an .svg file: the SVG is the one format written, so g.png would hold SVG text (and
// the DOT would go to g.png.dot).
extern const CLI::Validator svg_file;

// Writes `dot` to PATH with its .svg suffix replaced by .dot, and the rendered SVG to PATH.
// Throws OutputError when a file cannot be written.
void write_picture(const std::string& svg_path, const std::string& dot);

// "out/run.svg" -> "out/run.dot": where write_picture puts the DOT text.
std::string picture_dot(const std::string &svg_path);

// "out/run.svg" -> "out/run.waitfor.svg": a second picture beside the first.
std::string sibling_picture(const std::string& svg_path, const std::string& name);

} // namespace ipcsim
