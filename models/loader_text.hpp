// The checks a file passes before yaml-cpp sees it: text, not binary; valid UTF-8.
#pragma once

#include "models/diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ipcsim::loader {

// The first problem, at its line and column (columns count characters), or nothing when the text is fine.
std::optional<Diagnostic> check_text(std::string_view text);

// `text` without the spaces and tabs around it (numbers and units may be written " 5 ms ").
std::string_view trim_blanks(std::string_view text);

// A decimal integer, with blanks around it and an optional sign; `value` holds it when `status` is ok.
struct IntegerText {
  enum class Status { ok, not_integer, too_large, too_small };
  Status status = Status::not_integer;
  std::int64_t value = 0;
};
IntegerText parse_integer(std::string_view text);

} // namespace ipcsim::loader
