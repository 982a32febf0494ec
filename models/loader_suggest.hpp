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
std::string closest_match(std::string_view word, const std::vector<std::string> &candidates);

// "; did you mean 'X'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates);

// `text` cut to a readable length (messages repeat user input, which may be huge), and the same in quotes.
std::string shortened(std::string_view text);
std::string quoted(std::string_view text);

// ASCII only: the <cctype> functions depend on the locale, and names must not.
inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || is_ascii_alpha(c);
}

} // namespace ipcsim
