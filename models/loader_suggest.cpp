#include "models/loader_suggest.hpp"

#include <algorithm>

namespace ipcsim {

namespace {

// Beyond this many candidates (e.g. a million replicas) the search would dominate loading; the first ones,
// in definition order, are the likely targets anyway.
constexpr std::size_t max_candidates = 10'000;
constexpr std::size_t max_quoted = 60;
// Typos are made in names a person types; comparing two long texts costs the product of their lengths.
constexpr std::size_t max_suggested = 100;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours ("jbos" -> "jobs" is one edit),
  // case-insensitive. Three rows: the one before the previous is needed for swaps.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string> &candidates) {
  // A third of the word's length (at least 1, at most 3) keeps suggestions to plausible typos.
  if (word.size() > max_suggested)
    return "";
  std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  std::size_t n = std::min(candidates.size(), max_candidates);
  for (std::size_t k = 0; k < n; ++k) {
    const std::string &candidate = candidates[k];
    std::size_t length_gap =
        candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    if (length_gap >= best_distance || candidate == word)
      continue;
    std::size_t d = edit_distance(word, candidate);
    // Replacing every character is no typo ('M' is not a misspelt 'K').
    if (d < best_distance && d < std::max(word.size(), candidate.size())) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates) {
  std::string best = closest_match(word, candidates);
  return best.empty() ? "" : "; did you mean " + quoted(best) + "?";
}

std::string shortened(std::string_view text) {
  if (text.size() <= max_quoted)
    return std::string(text);
  std::size_t cut = max_quoted;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) // not inside a UTF-8 sequence
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string quoted(std::string_view text) {
  return "'" + shortened(text) + "'";
}

} // namespace ipcsim
