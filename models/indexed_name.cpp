#include "models/indexed_name.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace ipcsim {

std::optional<IndexedNameText> runtime_indexed(const std::string &name) {
  std::size_t open = name.find('[');
  if (open == std::string::npos || open == 0 || name.size() < open + 3 || name.back() != ']')
    return std::nullopt;
  std::string index = name.substr(open + 1, name.size() - open - 2);
  if (std::all_of(index.begin(), index.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return IndexedNameText{name.substr(0, open), index, open + 1};
}

std::string index_outside(const std::string &family, const std::string &index, std::int64_t value,
                          std::size_t count) {
  std::string range = count == 0   ? family + ", which has no replicas"
                      : count == 1 ? family + "[0], its only replica"
                                   : fmt::format("{0}[0] to {0}[{1}]", family, count - 1);
  return fmt::format("index {} of '{}[{}]' is outside {}", value, family, index, range);
}

std::string index_is_self(const std::string &family, const std::string &index, std::int64_t value) {
  return fmt::format("'{}[{}]' is {}[{}], the process itself", family, index, family, value);
}

} // namespace ipcsim
