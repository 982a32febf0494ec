#include "models/yaml_documents.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace ipcsim {
namespace {

// Where each document starts; nothing else is kept.
class DocumentStarts : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark &mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  bool stuck() const {
    std::size_t n = starts.size();
    return n >= 2 && starts[n - 1].pos == starts[n - 2].pos;
  }

  std::vector<YAML::Mark> starts;
};

} // namespace

std::vector<YAML::Node> load_yaml_documents(const std::string &text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts documents;
  while (parser.HandleNextDocument(documents))
    if (documents.stuck())
      throw YAML::ParserException(documents.starts.back(), "unexpected ',' outside a flow collection ([...] or {...})");
  return YAML::LoadAll(text);
}

} // namespace ipcsim
