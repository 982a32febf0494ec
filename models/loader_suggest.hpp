// "Did you mean" suggestions for misspelt keys and names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcsim {

// Edit distance (insertions, deletions, substitutions) between two strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo, else "". Ties go to the first
// candidate, so the answer is deterministic.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// `text` in single quotes, cut to a readable length (messages quote user input, which may be huge).
std::string quoted(std::string_view text);

} // namespace ipcsim
