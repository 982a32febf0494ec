#include "reports/svg_renderer.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace ipcsim {
namespace {

std::mutex graphviz_mutex;    // guards every call into Graphviz and the two variables below
std::string *captured_errors; // where error_sink() writes while a render runs

// Graphviz reports through agerr(), which hands the text to the function set by agseterrf() in pieces:
// "Error", ": ", then the message (continuations come without the prefix).
int error_sink(char *text) {
  if (captured_errors != nullptr && text != nullptr)
    *captured_errors += text;
  return 0;
}

GVC_t *graphviz_context() {
  // Plugins come from the config6a file the Debian package writes; created once, never freed (Graphviz keeps
  // global state that does not survive a second context well).
  static GVC_t *context = gvContext();
  return context;
}

// Collects Graphviz's messages for one render and restores the previous handler afterwards.
class ErrorCapture {
public:
  ErrorCapture() {
    captured_errors = &text_;
    previous_ = agseterrf(error_sink);
    agseterr(AGWARN);
    agreseterrors();
  }
  ~ErrorCapture() {
    agseterrf(previous_);
    captured_errors = nullptr;
  }
  ErrorCapture(const ErrorCapture &) = delete;
  ErrorCapture &operator=(const ErrorCapture &) = delete;

  bool any_error() const { return agerrors() >= AGERR; }

  [[noreturn]] void fail(const char *what) const {
    // "Error: syntax error in line 1 near ';'\n" -> "Graphviz: syntax error in line 1 near ';'"
    std::string text;
    std::size_t start = 0;
    while (start < text_.size()) {
      std::size_t end = text_.find('\n', start);
      std::string line = text_.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? text_.size() : end + 1;
      if (line.rfind("Error: ", 0) == 0)
        line.erase(0, 7);
      if (line.find_first_not_of(' ') != std::string::npos)
        text += (text.empty() ? "" : "\n") + line;
    }
    throw std::runtime_error("Graphviz: " + (text.empty() ? std::string(what) : text));
  }

private:
  std::string text_;
  agusererrf previous_ = nullptr;
};

struct GraphCloser {
  void operator()(Agraph_t *graph) const { agclose(graph); }
};

} // namespace

std::string render_svg(std::string_view dot) {
  std::lock_guard lock(graphviz_mutex);
  GVC_t *context = graphviz_context();
  if (context == nullptr)
    throw std::runtime_error("Graphviz: cannot create a rendering context");
  ErrorCapture errors;

  std::string text(dot); // agmemread wants a NUL-terminated string
  std::unique_ptr<Agraph_t, GraphCloser> graph(agmemread(text.c_str()));
  if (!graph || errors.any_error())
    errors.fail("no graph in the DOT text");

  if (gvLayout(context, graph.get(), "dot") != 0 || errors.any_error()) {
    gvFreeLayout(context, graph.get());
    errors.fail("layout failed");
  }
  char *data = nullptr;
  unsigned int length = 0; // Graphviz 2.42: unsigned int*, newer releases take size_t*
  int status = gvRenderData(context, graph.get(), "svg", &data, &length);
  std::string svg;
  if (data != nullptr) {
    svg.assign(data, length);
    gvFreeRenderData(data);
  }
  gvFreeLayout(context, graph.get());
  if (status != 0 || errors.any_error() || svg.empty())
    errors.fail("SVG rendering failed");
  return svg;
}

} // namespace ipcsim
