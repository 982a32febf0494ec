// A small written report as blocks (headings, paragraphs, lists, tables, figures), rendered twice: as
// Markdown beside its SVG files, and as one self-contained HTML page with the SVGs inline. Building the
// content once keeps the two in the same order with the same words.
#pragma once

#include <string>
#include <vector>

namespace ipcsim {

class ReportDocument {
public:
  explicit ReportDocument(std::string title) : title_(std::move(title)) {}

  void heading(std::string text);
  void paragraph(std::string text, bool strong = false); // strong: the sentence that says what failed
  void bullets(std::vector<std::string> items);
  void numbered(std::vector<std::string> items);
  void table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows);
  // An SVG picture: linked as `file` from Markdown, inlined from `svg` in HTML.
  void figure(std::string file, std::string svg, std::string caption);
  // A link to a file beside the report (e.g. the CSV it summarises).
  void link(std::string file, std::string text);

  std::string markdown() const;
  std::string html() const;

private:
  // One block; which fields are used depends on its kind.
  struct Block {
    enum class Kind { heading, paragraph, list, table, figure, link };
    Kind kind = Kind::paragraph;
    std::string text;                           // heading, paragraph; figure: caption; link
    bool flag = false;                          // paragraph: strong; list: numbered
    std::vector<std::string> items;             // list; table: the header
    std::vector<std::vector<std::string>> rows; // table
    std::string file, svg;                      // figure; link: file
  };

  std::string title_;
  std::vector<Block> blocks_;
};

// A Markdown table as ReportDocument writes one (cells escaped, `|` included), for text printed on its own.
std::string markdown_table(const std::vector<std::string> &header, const std::vector<std::vector<std::string>> &rows);

} // namespace ipcsim
