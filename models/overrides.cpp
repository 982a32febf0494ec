#include "models/overrides.hpp"

#include "models/loader_suggest.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace ipcsim {

namespace {

// Only the nodes of a command-line value are collected, which are small; the limits guard against a value
// whose aliases form a cycle.
constexpr int max_collect_depth = 64;
constexpr std::size_t max_collected = 10'000;

std::vector<std::string> split_path(const std::string &path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos)
      return parts;
    start = dot + 1;
  }
}

std::string join(const std::vector<std::string> &parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k)
    out += (k > from ? "." : "") + parts[k];
  return out;
}

std::string scalar_at(const YAML::Node &map, const char *key) {
  for (const auto &entry : map)
    if (entry.first.IsScalar() && entry.first.Scalar() == key && entry.second.IsScalar())
      return entry.second.Scalar();
  return "";
}

// The names a list item answers to (see overrides.hpp).
std::vector<std::string> item_names(const YAML::Node &item) {
  if (!item.IsMap())
    return {};
  for (const char *key : {"name", "mailbox"})
    if (std::string name = scalar_at(item, key); !name.empty())
      return {name};
  for (const auto &entry : item)
    if (entry.first.IsScalar() && entry.first.Scalar() == "link" && entry.second.IsSequence() &&
        entry.second.size() == 2 && entry.second[0].IsScalar() && entry.second[1].IsScalar()) {
      std::string a = entry.second[0].Scalar(), b = entry.second[1].Scalar();
      return {a + "<->" + b, b + "<->" + a};
    }
  return {};
}

void collect(const YAML::Node &node, std::vector<YAML::Node> &out, int depth) {
  if (depth > max_collect_depth || out.size() >= max_collected)
    return;
  out.push_back(node);
  if (node.IsMap())
    for (const auto &entry : node) {
      collect(entry.first, out, depth + 1);
      collect(entry.second, out, depth + 1);
    }
  else if (node.IsSequence())
    for (const YAML::Node &item : node)
      collect(item, out, depth + 1);
}

class Walker {
public:
  Walker(const std::string &path, YAML::Node value) : parts_(split_path(path)), value_(std::move(value)) {}

  OverrideResult run(YAML::Node root) {
    for (const std::string &part : parts_)
      if (part.empty())
        return fail("empty component in path " + quoted(join(parts_, 0, parts_.size())));
    YAML::Node node = root;
    std::size_t k = 0;
    while (true) {
      std::optional<std::size_t> next;
      if (node.IsMap())
        next = in_map(node, k);
      else if (node.IsSequence())
        next = in_list(node, k);
      else
        fail(where(k) + " holds a single value; it has no " + quoted(parts_[k]));
      if (!next || !result_.error.empty() || *next == parts_.size())
        return result_;
      k = *next;
    }
  }

private:
  // Steps into key parts_[k] of `node` (replacing `node` with the child); returns the next part index.
  std::optional<std::size_t> in_map(YAML::Node &node, std::size_t k) {
    for (auto entry : node)
      if (entry.first.IsScalar() && entry.first.Scalar() == parts_[k])
        return descend(node, entry.second, k + 1);
    // A missing key is added, with maps for the rest of the path (`costs.copy_bandwidth` on a scenario
    // without `costs:`); the loader then judges the result, reporting a misspelt key at this option.
    YAML::Node added = value_;
    for (std::size_t j = parts_.size() - 1; j > k; --j) {
      YAML::Node wrapper(YAML::NodeType::Map);
      wrapper[parts_[j]] = added;
      added = wrapper;
    }
    node[parts_[k]] = added;
    for (const auto &entry : node) // register the new key too: an unknown key is reported at it
      if (entry.first.IsScalar() && entry.first.Scalar() == parts_[k])
        result_.inserted.push_back(entry.first);
    collect(added, result_.inserted, 0);
    return parts_.size();
  }

  std::optional<std::size_t> in_list(YAML::Node &node, std::size_t k) {
    // The longest run of components that names an item, so that names with dots work.
    for (std::size_t end = parts_.size(); end > k; --end) {
      std::string wanted = join(parts_, k, end);
      for (YAML::Node item : node)
        for (const std::string &name : item_names(item))
          if (name == wanted)
            return descend(node, item, end);
    }
    if (std::optional<std::size_t> index = parse_index(parts_[k])) {
      std::size_t position = 0;
      for (YAML::Node item : node) // not node[index]: on a list yaml-cpp may turn it into a map
        if (position++ == *index)
          return descend(node, item, k + 1);
      fail("index " + shortened(parts_[k]) + " is out of range in " + where(k) + " (it has " +
           std::to_string(node.size()) + " items)");
      return std::nullopt;
    }
    fail_no_item(node, k);
    return std::nullopt;
  }

  void fail_no_item(const YAML::Node &list, std::size_t k) {
    std::vector<std::string> names;
    for (const YAML::Node &item : list)
      for (const std::string &name : item_names(item))
        names.push_back(name);
    std::string message = "no item " + quoted(parts_[k]) + " in " + where(k);
    std::string base = parts_[k].substr(0, parts_[k].find('['));
    if (base != parts_[k] && std::find(names.begin(), names.end(), base) != names.end())
      message += "; a replicated item is addressed by its own name, " + quoted(base);
    else
      message += did_you_mean(parts_[k], names);
    fail(message);
  }

  // Moves to `child` of `parent`, or replaces it when the path ends here.
  std::size_t descend(YAML::Node &parent, YAML::Node child, std::size_t next) {
    if (next == parts_.size()) {
      child = value_; // shares the node in the tree: assignment replaces its content
      collect(value_, result_.inserted, 0);
    } else {
      parent.reset(child); // rebinds the handle; operator= would overwrite the tree node instead
    }
    return next;
  }

  static std::optional<std::size_t> parse_index(const std::string &text) {
    std::size_t index = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (ec != std::errc() || end != text.data() + text.size())
      return std::nullopt;
    return index;
  }

  std::string where(std::size_t k) const { return k == 0 ? "the scenario" : quoted(join(parts_, 0, k)); }

  OverrideResult fail(std::string message) {
    if (result_.error.empty())
      result_.error = std::move(message);
    return result_;
  }

  std::vector<std::string> parts_;
  YAML::Node value_;
  OverrideResult result_;
};

} // namespace

OverrideResult apply_override(YAML::Node &root, const std::string &path, const std::string &value) {
  YAML::Node parsed;
  try {
    parsed = YAML::Load(value);
  } catch (const YAML::Exception &e) {
    return {"invalid value: " + e.msg, {}};
  }
  return Walker(path, parsed).run(root);
}

} // namespace ipcsim
