// The checks a file passes before yaml-cpp sees it: text, not binary; valid UTF-8.
#pragma once

#include "models/diagnostics.hpp"

#include <optional>
#include <string_view>

namespace ipcsim::loader {

// The first problem, at its line and column (columns count characters), or nothing when the text is fine.
std::optional<Diagnostic> check_text(std::string_view text);

} // namespace ipcsim::loader
