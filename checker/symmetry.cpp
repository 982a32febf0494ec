#include "checker/symmetry.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace ipcsim {
namespace {

using Family = std::vector<ProcId>; // the replicas of one `count:`, in index order

std::vector<Family> replica_families(const Model &model) {
  std::map<std::pair<int, int>, Family> by_mark;
  std::vector<std::pair<int, int>> order;
  for (ProcId p = 0; p < model.processes.size(); ++p) {
    const SourceMark &mark = model.processes[p].mark;
    if (mark.line == 0)
      continue; // no source to share: not a replica
    auto [it, added] = by_mark.try_emplace({mark.line, mark.column});
    if (added)
      order.push_back(it->first);
    it->second.push_back(p);
  }
  std::vector<Family> families;
  for (const auto &key : order)
    if (by_mark[key].size() >= 2)
      families.push_back(by_mark[key]);
  return families;
}

std::vector<std::uint32_t> identity(std::size_t n) {
  std::vector<std::uint32_t> out(n);
  for (std::uint32_t k = 0; k < n; ++k)
    out[k] = k;
  return out;
}

bool is_bijection(const std::vector<std::uint32_t> &map) {
  std::vector<bool> hit(map.size(), false);
  for (std::uint32_t y : map) {
    if (y >= map.size() || hit[y])
      return false;
    hit[y] = true;
  }
  return true;
}

// Maps an id that may be kNone.
std::uint32_t image(const std::vector<std::uint32_t> &map, std::uint32_t x) {
  return x == kNone ? kNone : map[x];
}

std::vector<std::uint32_t> mapped_set(const std::vector<std::uint32_t> &map, const std::vector<std::uint32_t> &ids) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t x : ids)
    out.push_back(image(map, x));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Instruction a of some process, renamed, is instruction b of its image. `from: any` sources are a set: the
// order of the alternatives is not part of the state space (the checker explores each).
bool same_instruction(const Instruction &a, const Instruction &b, const ModelPermutation &pi) {
  return a.op == b.op && a.mode == b.mode && image(pi.channels, a.channel) == b.channel &&
         image(pi.procs, a.give_to) == b.give_to && image(pi.semaphores, a.semaphore) == b.semaphore &&
         a.segment == b.segment && mapped_set(pi.channels, a.sources) == sorted(b.sources) && a.tag == b.tag &&
         a.size == b.size && a.handle == b.handle && a.target == b.target && a.counter == b.counter &&
         a.times == b.times && a.branches == b.branches && a.expression == b.expression && a.into == b.into &&
         a.stores == b.stores && a.silent == b.silent;
}

bool same_variables(const std::vector<Variable> &a, const std::vector<Variable> &b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Variable &x, const Variable &y) {
    return x.name == y.name && x.initial == y.initial && x.min == y.min && x.max == y.max;
  });
}

// An invariant that reads a process's variable (`phil[2].eating`) names that process: a permutation that
// moves it would change what the invariant says.
bool fixes_invariants(const Model &model, const ModelPermutation &pi) {
  for (const Invariant &inv : model.invariants)
    for (std::uint32_t slot : inv.condition.variables())
      for (ProcId p = 0; p < model.processes.size(); ++p) {
        const Process &process = model.processes[p];
        if (slot >= process.var_base && slot < process.var_base + process.variables.size() && pi.procs[p] != p)
          return false;
      }
  return true;
}

bool same_process(const Model &model, ProcId p, const ModelPermutation &pi) {
  const Process &a = model.processes[p];
  const Process &b = model.processes[pi.procs[p]];
  if (a.server != b.server || a.crash.has_value() != b.crash.has_value() || a.code.size() != b.code.size() ||
      a.counter_count != b.counter_count ||
      a.handle_names.size() != b.handle_names.size() || mapped_set(pi.channels, a.owned) != sorted(b.owned) ||
      !same_variables(a.variables, b.variables))
    return false;
  for (std::size_t k = 0; k < a.code.size(); ++k)
    if (!same_instruction(a.code[k], b.code[k], pi))
      return false;
  return true;
}

bool same_channel(const Model &model, ChannelId c, const ModelPermutation &pi) {
  const Channel &a = model.channels[c];
  const Channel &b = model.channels[pi.channels[c]];
  bool same_receivers = a.receivers.has_value() == b.receivers.has_value() &&
                        (!a.receivers || mapped_set(pi.procs, *a.receivers) == *b.receivers);
  return same_receivers && a.is_link == b.is_link && image(pi.procs, a.link_sender) == b.link_sender &&
         image(pi.procs, a.link_receiver) == b.link_receiver && a.capacity == b.capacity &&
         a.capacity_bytes == b.capacity_bytes && a.message_size.kind == b.message_size.kind &&
         a.message_size.bytes == b.message_size.bytes && image(pi.procs, a.owner) == b.owner &&
         a.multicast == b.multicast && a.exclusive_receive == b.exclusive_receive && a.created == b.created &&
         a.rendezvous_property == b.rendezvous_property && a.faults.loss == b.faults.loss &&
         a.faults.duplicate == b.faults.duplicate;
}

// The permutation that moves block b of `families` to block image_of[b] (processes outside them stay),
// extended to channels and semaphores from the code, if it is an automorphism.
class Derivation {
public:
  explicit Derivation(const Model &model) : model_(model) {
    for (ChannelId c = 0; c < model.channels.size(); ++c)
      if (model.channels[c].is_link)
        links_[{model.channels[c].link_sender, model.channels[c].link_receiver}] = c;
  }

  std::optional<ModelPermutation> derive(const std::vector<Family> &families,
                                         const std::vector<std::size_t> &image_of) const {
    ModelPermutation pi{identity(model_.processes.size()), std::vector<ChannelId>(model_.channels.size(), kNone),
                        std::vector<SemaphoreId>(model_.semaphores.size(), kNone)};
    for (const Family &f : families)
      for (std::size_t b = 0; b < f.size(); ++b)
        pi.procs[f[b]] = f[image_of[b]];
    if (!map_links(pi) || !map_from_code(pi))
      return std::nullopt;
    fill_identity(pi.channels);
    fill_identity(pi.semaphores);
    if (!is_bijection(pi.channels) || !is_bijection(pi.semaphores) || !is_automorphism(model_, pi))
      return std::nullopt;
    return pi;
  }

private:
  // A link follows its ends; a link whose image does not exist breaks the candidate.
  bool map_links(ModelPermutation &pi) const {
    for (const auto &[ends, c] : links_) {
      auto to = links_.find({pi.procs[ends.first], pi.procs[ends.second]});
      if (to == links_.end())
        return false;
      pi.channels[c] = to->second;
    }
    return true;
  }

  // What process p uses at pc k, its image uses at pc k.
  bool map_from_code(ModelPermutation &pi) const {
    for (ProcId p = 0; p < model_.processes.size(); ++p) {
      const auto &a = model_.processes[p].code;
      const auto &b = model_.processes[pi.procs[p]].code;
      if (a.size() != b.size())
        return false;
      for (std::size_t k = 0; k < a.size(); ++k) {
        bool single = a[k].sources.size() == 1 && b[k].sources.size() == 1;
        if (!bind(pi.channels, a[k].channel, b[k].channel) || !bind(pi.semaphores, a[k].semaphore, b[k].semaphore) ||
            (single && !bind(pi.channels, a[k].sources[0], b[k].sources[0])))
          return false;
      }
    }
    return true;
  }

  static bool bind(std::vector<std::uint32_t> &map, std::uint32_t x, std::uint32_t y) {
    if (x == kNone || y == kNone)
      return x == y;
    if (map[x] == kNone)
      map[x] = y;
    return map[x] == y;
  }

  static void fill_identity(std::vector<std::uint32_t> &map) {
    for (std::uint32_t x = 0; x < map.size(); ++x)
      if (map[x] == kNone)
        map[x] = x;
  }

  const Model &model_;
  std::map<std::pair<ProcId, ProcId>, ChannelId> links_;
};

// The objects of one kind that the generators move, cut into slots of n blocks: block b of a slot is
// rho^b of its block 0. Full symmetry also needs tau (blocks 0 and 1 swapped) to swap blocks 0 and 1 of
// every slot and fix the rest, so that the generated group is every slot-wise permutation.
std::optional<std::vector<std::vector<std::uint32_t>>> slots(const std::vector<std::uint32_t> &rho,
                                                             const std::vector<std::uint32_t> *tau, std::size_t n) {
  std::vector<std::vector<std::uint32_t>> out;
  std::vector<bool> seen(rho.size(), false);
  for (std::uint32_t x = 0; x < rho.size(); ++x) {
    if (seen[x])
      continue;
    std::vector<std::uint32_t> orbit;
    for (std::uint32_t y = x; !seen[y]; y = rho[y]) {
      seen[y] = true;
      orbit.push_back(y);
    }
    if (orbit.size() == 1) {
      if (tau && (*tau)[x] != x)
        return std::nullopt;
      continue;
    }
    if (orbit.size() != n)
      return std::nullopt;
    std::size_t anchor = 0;
    if (tau) {
      auto swapped = [&](std::size_t k) {
        return (*tau)[orbit[k]] == orbit[(k + 1) % n] && (*tau)[orbit[(k + 1) % n]] == orbit[k];
      };
      while (anchor < n && !swapped(anchor))
        ++anchor;
      if (anchor == n)
        return std::nullopt;
    }
    std::vector<std::uint32_t> slot(n);
    for (std::size_t b = 0; b < n; ++b)
      slot[b] = orbit[(anchor + b) % n];
    if (tau)
      for (std::size_t b = 2; b < n; ++b)
        if ((*tau)[slot[b]] != slot[b])
          return std::nullopt;
    out.push_back(std::move(slot));
  }
  return out;
}

std::string family_name(const Model &model, const Family &f) {
  const std::string &name = model.processes[f[0]].name;
  return name.substr(0, name.rfind('['));
}

std::optional<SymmetryGroup> group_of(const Model &model, const Derivation &derivation,
                                      const std::vector<Family> &families, SymmetryKind kind) {
  std::size_t n = families[0].size();
  std::vector<std::size_t> next(n), swap01(n);
  for (std::size_t b = 0; b < n; ++b) {
    next[b] = (b + 1) % n;
    swap01[b] = b;
  }
  std::swap(swap01[0], swap01[1]);
  auto rho = derivation.derive(families, next);
  if (!rho)
    return std::nullopt;
  std::optional<ModelPermutation> tau;
  if (kind == SymmetryKind::full && !(tau = derivation.derive(families, swap01)))
    return std::nullopt;
  auto channels = slots(rho->channels, tau ? &tau->channels : nullptr, n);
  auto semaphores = slots(rho->semaphores, tau ? &tau->semaphores : nullptr, n);
  if (!channels || !semaphores)
    return std::nullopt;
  SymmetryGroup g{kind, "", families, std::move(*channels), std::move(*semaphores)};
  for (const Family &f : families) {
    if (!g.name.empty())
      g.name += '+';
    g.name += family_name(model, f);
  }
  return g;
}

// The family alone, with each other family of its count, with all of them: the first that is a group.
std::vector<std::vector<Family>> candidates(const std::vector<Family> &families, std::size_t first,
                                            const std::vector<bool> &taken) {
  std::vector<std::vector<Family>> out{{families[first]}};
  std::vector<Family> all{families[first]};
  for (std::size_t k = 0; k < families.size(); ++k)
    if (k != first && !taken[k] && families[k].size() == families[first].size()) {
      out.push_back({families[first], families[k]});
      all.push_back(families[k]);
    }
  if (all.size() > 2)
    out.push_back(all);
  return out;
}

bool shares_objects(const SymmetryGroup &a, const SymmetryGroup &b) {
  auto moved = [](const std::vector<std::vector<std::uint32_t>> &slots_a,
                  const std::vector<std::vector<std::uint32_t>> &slots_b) {
    for (const auto &sa : slots_a)
      for (const auto &sb : slots_b)
        for (std::uint32_t x : sa)
          if (std::find(sb.begin(), sb.end(), x) != sb.end())
            return true;
    return false;
  };
  return moved(a.channels, b.channels) || moved(a.semaphores, b.semaphores);
}

} // namespace

bool is_automorphism(const Model &model, const ModelPermutation &pi) {
  if (pi.procs.size() != model.processes.size() || pi.channels.size() != model.channels.size() ||
      pi.semaphores.size() != model.semaphores.size() || !is_bijection(pi.procs) || !is_bijection(pi.channels) ||
      !is_bijection(pi.semaphores))
    return false;
  for (ProcId p = 0; p < model.processes.size(); ++p)
    if (!same_process(model, p, pi))
      return false;
  for (ChannelId c = 0; c < model.channels.size(); ++c)
    if (!same_channel(model, c, pi))
      return false;
  for (SemaphoreId s = 0; s < model.semaphores.size(); ++s)
    if (model.semaphores[s].initial != model.semaphores[pi.semaphores[s]].initial)
      return false;
  return fixes_invariants(model, pi);
}

std::vector<SymmetryGroup> detect_symmetry(const Model &model) {
  std::vector<Family> families = replica_families(model);
  Derivation derivation(model);
  std::vector<SymmetryGroup> groups;
  std::vector<bool> taken(families.size(), false);
  for (std::size_t f = 0; f < families.size(); ++f) {
    if (taken[f])
      continue;
    for (const auto &candidate : candidates(families, f, taken)) {
      auto g = group_of(model, derivation, candidate, SymmetryKind::full);
      if (!g && candidate[0].size() > 2)
        g = group_of(model, derivation, candidate, SymmetryKind::rotation);
      if (!g ||
          std::any_of(groups.begin(), groups.end(), [&](const SymmetryGroup &h) { return shares_objects(*g, h); }))
        continue;
      for (const Family &member : candidate)
        taken[static_cast<std::size_t>(std::find(families.begin(), families.end(), member) - families.begin())] = true;
      groups.push_back(std::move(*g));
      break;
    }
  }
  return groups;
}

void permute_blocks(const SymmetryGroup &group, const std::vector<std::uint32_t> &order, ModelPermutation &pi) {
  for (std::uint32_t j = 0; j < order.size(); ++j) {
    for (const auto &slot : group.procs)
      pi.procs[slot[order[j]]] = slot[j];
    for (const auto &slot : group.channels)
      pi.channels[slot[order[j]]] = slot[j];
    for (const auto &slot : group.semaphores)
      pi.semaphores[slot[order[j]]] = slot[j];
  }
}

std::string describe(const std::vector<SymmetryGroup> &groups) {
  std::string out;
  for (const auto &g : groups)
    out += fmt::format("{}{} x{}{}", out.empty() ? "" : ", ", g.name, g.blocks(),
                       g.kind == SymmetryKind::rotation ? " rotation" : "");
  return out;
}

} // namespace ipcsim
