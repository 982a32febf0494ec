// The SimGrid that runs the simulations, for `ipcsim --version` (S4U stays inside sim/).
#pragma once

#include <string>

namespace ipcsim {

// "3.32.0": the version of the library loaded at run time, which may differ from the headers built against.
std::string simgrid_version();

} // namespace ipcsim
