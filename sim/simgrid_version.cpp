#include "sim/simgrid_version.hpp"

#include <fmt/format.h>

#include <xbt/base.h> // first: version.h uses its declaration macros without including it

#include <simgrid/version.h>

namespace ipcsim {

std::string simgrid_version() {
  int major = 0, minor = 0, patch = 0;
  sg_version_get(&major, &minor, &patch);
  return fmt::format("{}.{}.{}", major, minor, patch);
}

} // namespace ipcsim
