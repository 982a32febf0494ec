#include "cli/picture_files.hpp"

#include "models/diagnostics.hpp"
#include "reports/output_file.hpp"
#include "reports/svg_renderer.hpp"

namespace ipcsim {
namespace {

std::string stem(const std::string& path) {
  const std::string suffix = ".svg";
  bool has_suffix = path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  return has_suffix ? path.substr(0, path.size() - suffix.size()) : path;
}

} // namespace

std::string picture_dot(const std::string &svg_path) {
  return stem(svg_path) + ".dot";
}

void write_picture(const std::string& svg_path, const std::string& dot) {
  write_output_file(picture_dot(svg_path), dot);
  write_output_file(svg_path, render_svg(dot));
}

std::string sibling_picture(const std::string& svg_path, const std::string& name) {
  return stem(svg_path) + "." + name + ".svg";
}

} // namespace ipcsim
