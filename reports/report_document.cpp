#include "reports/report_document.hpp"

#include "reports/dot_graph.hpp"

namespace ipcsim {
namespace {

// Characters that Markdown would read as markup in plain text.
std::string md_escape(const std::string &text, bool in_table = false) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '`' || c == '<' || c == '\\' || (in_table && c == '|'))
      out += '\\';
    out += c;
  }
  return out;
}

// The <svg> element alone: the XML declaration and doctype cannot appear inside an HTML page.
std::string svg_element(const std::string &svg) {
  auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

constexpr const char *style =
    R"(body { font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em;
  color: #222; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
p.strong { font-weight: 600; color: #a00000; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
th { background: #f3f3f3; }
ol li, ul li { font-family: ui-monospace, monospace; font-size: 0.92em; }
figure { margin: 1em 0; overflow-x: auto; } figcaption { color: #666; font-size: 0.9em; }
figure svg { max-width: 100%; height: auto; }
)";

} // namespace

void ReportDocument::heading(std::string text) {
  blocks_.push_back({.kind = Block::Kind::heading, .text = std::move(text)});
}
void ReportDocument::paragraph(std::string text, bool strong) {
  blocks_.push_back({.kind = Block::Kind::paragraph, .text = std::move(text), .flag = strong});
}
void ReportDocument::bullets(std::vector<std::string> items) {
  blocks_.push_back({.kind = Block::Kind::list, .items = std::move(items)});
}
void ReportDocument::numbered(std::vector<std::string> items) {
  blocks_.push_back({.kind = Block::Kind::list, .flag = true, .items = std::move(items)});
}
void ReportDocument::table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  blocks_.push_back({.kind = Block::Kind::table, .items = std::move(header), .rows = std::move(rows)});
}
void ReportDocument::link(std::string file, std::string text) {
  blocks_.push_back({.kind = Block::Kind::link, .text = std::move(text), .file = std::move(file)});
}
void ReportDocument::figure(std::string file, std::string svg, std::string caption) {
  blocks_.push_back(
      {.kind = Block::Kind::figure, .text = std::move(caption), .file = std::move(file), .svg = std::move(svg)});
}

std::string markdown_table(const std::vector<std::string> &header, const std::vector<std::vector<std::string>> &rows) {
  auto row = [](const std::vector<std::string> &cells) {
    std::string line = "|";
    for (const auto &c : cells)
      line += " " + md_escape(c, true) + " |";
    return line + "\n";
  };
  std::string out = row(header) + "|";
  for (std::size_t k = 0; k < header.size(); ++k)
    out += "---|";
  out += "\n";
  for (const auto &r : rows)
    out += row(r);
  return out;
}

std::string ReportDocument::markdown() const {
  std::string out = "# " + md_escape(title_) + "\n";
  for (const Block &b : blocks_) {
    switch (b.kind) {
    case Block::Kind::heading:
      out += "\n## " + md_escape(b.text) + "\n";
      break;
    case Block::Kind::paragraph:
      out += "\n" + (b.flag ? "**" + md_escape(b.text) + "**" : md_escape(b.text)) + "\n";
      break;
    case Block::Kind::list:
      out += "\n";
      for (std::size_t k = 0; k < b.items.size(); ++k)
        out += (b.flag ? std::to_string(k + 1) + ". " : "- ") + md_escape(b.items[k]) + "\n";
      break;
    case Block::Kind::table:
      out += "\n" + markdown_table(b.items, b.rows);
      break;
    case Block::Kind::figure:
      out += "\n![" + md_escape(b.text) + "](" + b.file + ")\n";
      break;
    case Block::Kind::link:
      out += "\n[" + md_escape(b.text) + "](" + b.file + ")\n";
      break;
    }
  }
  return out;
}

std::string ReportDocument::html() const {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html_escape(title_) + "</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n<h1>" +
                    html_escape(title_) + "</h1>\n";
  auto cells = [](const std::vector<std::string> &row, const char *tag) {
    std::string line = "<tr>";
    for (const auto &c : row)
      line += std::string("<") + tag + ">" + html_escape(c) + "</" + tag + ">";
    return line + "</tr>\n";
  };
  for (const Block &b : blocks_) {
    switch (b.kind) {
    case Block::Kind::heading:
      out += "<h2>" + html_escape(b.text) + "</h2>\n";
      break;
    case Block::Kind::paragraph:
      out += std::string(b.flag ? "<p class=\"strong\">" : "<p>") + html_escape(b.text) + "</p>\n";
      break;
    case Block::Kind::list:
      out += b.flag ? "<ol>\n" : "<ul>\n";
      for (const auto &item : b.items)
        out += "<li>" + html_escape(item) + "</li>\n";
      out += b.flag ? "</ol>\n" : "</ul>\n";
      break;
    case Block::Kind::table:
      out += "<table>\n" + cells(b.items, "th");
      for (const auto &r : b.rows)
        out += cells(r, "td");
      out += "</table>\n";
      break;
    case Block::Kind::figure:
      out += "<figure>\n" + svg_element(b.svg) + "\n<figcaption>" + html_escape(b.text) + "</figcaption>\n</figure>\n";
      break;
    case Block::Kind::link:
      out += "<p><a href=\"" + html_escape(b.file) + "\">" + html_escape(b.text) + "</a></p>\n";
      break;
    }
  }
  return out + "</body>\n</html>\n";
}

} // namespace ipcsim
