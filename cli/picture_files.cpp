#include "cli/picture_files.hpp"

#include "models/diagnostics.hpp"
#include "models/loader_suggest.hpp"
#include "reports/output_file.hpp"
#include "reports/svg_renderer.hpp"

namespace ipcsim {
namespace {

constexpr std::string_view svg_suffix = ".svg";

bool ends_in_svg(const std::string &path) {
  return path.size() > svg_suffix.size() &&
         path.compare(path.size() - svg_suffix.size(), svg_suffix.size(), svg_suffix) == 0;
}

std::string stem(const std::string& path) {
  return ends_in_svg(path) ? path.substr(0, path.size() - svg_suffix.size()) : path;
}

} // namespace

const CLI::Validator svg_file(
    [](std::string &path) {
      return ends_in_svg(path) ? std::string()
                               : "must end in .svg (SVG is the one format written), not " + shortened(path);
    },
    "F.svg");

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
