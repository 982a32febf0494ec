#include "models/loader_yaml.hpp"

#include "models/loader_limits.hpp"
#include "models/loader_text.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace ipcsim::loader {

namespace {

SourceMark position(const YAML::Mark &mark) {
  return {std::max(mark.line, 0) + 1, std::max(mark.column, 0) + 1};
}

// Counts nodes as the parser announces them; thrown out of the parser at the first node over the limit.
struct TooManyNodes {
  YAML::Mark mark;
};

// yaml-cpp 0.7 (Debian 12's) never consumes a ',' outside a flow collection: its parser announces an empty
// document at the same place forever, and YAML::LoadAll fills the memory (upstream issue 1040, mended in
// yaml-cpp 0.8.1). A document that starts where the one before it did is that loop.
struct StuckDocument {
  YAML::Mark mark;
};

class NodeCounter : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark &mark) override {
    if (started_ && mark.pos == last_start_)
      throw StuckDocument{mark};
    started_ = true;
    last_start_ = mark.pos;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t) override { count(mark); }
  void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override { count(mark); }
  void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t, const std::string &) override {
    count(mark);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnMapEnd() override {}

private:
  void count(const YAML::Mark &mark) {
    if (++nodes_ > max_yaml_nodes)
      throw TooManyNodes{mark};
  }

  std::uint64_t nodes_ = 0;
  bool started_ = false;
  int last_start_ = 0;
};

// True when the text has few enough nodes and YAML::LoadAll will end, or when it cannot be parsed (LoadAll
// then says why).
bool check_node_count(const std::string &text, LoadErrors &errors) {
  std::istringstream in(text);
  NodeCounter counter;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(counter)) {
    }
  } catch (const StuckDocument &stuck) {
    errors.error(Origin{position(stuck.mark), -1}, "invalid YAML: unexpected ',' outside a flow collection ([...] or {...})");
    return false;
  } catch (const TooManyNodes &stop) {
    errors.error(Origin{position(stop.mark), -1}, "too many YAML nodes: more than " + std::to_string(max_yaml_nodes) +
                                                      " values, lists and mappings, the limit for a scenario");
    return false;
  } catch (const YAML::Exception &) {
  }
  return true;
}

} // namespace

std::string too_large_message() {
  return "the file is larger than " + std::to_string(max_file_bytes >> 20) + " MiB, the limit for a scenario";
}

std::optional<YAML::Node> parse_scenario_yaml(const std::string &text, LoadErrors &errors) {
  if (std::optional<Diagnostic> bad = check_text(text)) {
    errors.error(Origin{bad->mark, -1}, bad->message);
    return std::nullopt;
  }
  if (!check_node_count(text, errors))
    return std::nullopt;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion &e) {
    errors.error(Origin{position(e.mark), -1}, "invalid YAML: nested too deeply");
    return std::nullopt;
  } catch (const YAML::ParserException &e) {
    errors.error(Origin{position(e.mark), -1}, "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  if (documents.empty() || (documents.size() == 1 && documents[0].IsNull())) {
    errors.error(Origin{{1, 1}, -1}, "the file is empty: a scenario needs at least 'scenario' and 'processes'");
    return std::nullopt;
  }
  if (documents.size() > 1) {
    YAML::Mark mark = documents[1].Mark();
    SourceMark at = mark.is_null() ? SourceMark{1, 1} : position(mark);
    errors.error(Origin{at, -1}, "a scenario is one YAML document, but the file has " +
                                     std::to_string(documents.size()) + " (separated by '---')");
    return std::nullopt;
  }
  return documents[0];
}

} // namespace ipcsim::loader
