#include "reports/promela_names.hpp"

#include <set>

namespace ipcsim {
namespace {

std::string mangle(const std::string &name) {
  std::string out;
  for (char c : name) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (c != ']')
      out += word ? c : '_';
  }
  return out;
}

// Hands out identifiers, adding _2, _3, ... to one already taken.
class Namer {
public:
  std::string take(const std::string &wanted) {
    std::string name = wanted;
    for (int k = 2; taken_.count(name); ++k)
      name = wanted + "_" + std::to_string(k);
    taken_.insert(name);
    return name;
  }

private:
  std::set<std::string> taken_;
};

} // namespace

PromelaNames promela_names(const Model &model) {
  Namer namer;
  PromelaNames names;
  // Counters are locals n0, n1, ...; global names start with another letter, so they cannot shadow them.
  for (const auto &p : model.processes)
    names.processes.push_back(namer.take("p_" + mangle(p.name)));
  for (const auto &c : model.channels) {
    std::string wanted = c.is_link ? "l_" + mangle(model.processes[c.link_sender].name) + "_to_" +
                                         mangle(model.processes[c.link_receiver].name)
                                   : "m_" + mangle(c.name);
    names.channels.push_back(namer.take(wanted));
  }
  names.tags.push_back(namer.take("no_tag"));
  for (std::size_t t = 1; t < model.tags.size(); ++t)
    names.tags.push_back(namer.take("t_" + mangle(model.tags[t])));
  return names;
}

std::string promela_counter(std::uint32_t counter) {
  return "n" + std::to_string(counter);
}

} // namespace ipcsim
