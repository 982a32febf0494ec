#include "cli/picture_files.hpp"

#include "models/diagnostics.hpp"
#include "reports/svg_renderer.hpp"

#include <fstream>

namespace ipcsim {
namespace {

std::string stem(const std::string& path) {
  const std::string suffix = ".svg";
  bool has_suffix = path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  return has_suffix ? path.substr(0, path.size() - suffix.size()) : path;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out)
    throw ScenarioError(path + ": error: cannot write file\n");
}

} // namespace

void write_picture(const std::string& svg_path, const std::string& dot) {
  write_text(stem(svg_path) + ".dot", dot);
  write_text(svg_path, render_svg(dot));
}

std::string sibling_picture(const std::string& svg_path, const std::string& name) {
  return stem(svg_path) + "." + name + ".svg";
}

} // namespace ipcsim
