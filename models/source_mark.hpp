// Where a value came from in the scenario file, for error messages and for reports that cite the step.
#pragma once

namespace ipcsim {

struct SourceMark {
  int line = 0;   // 1-based; 0 when unknown (e.g. a value from the command line)
  int column = 0; // 1-based
};

} // namespace ipcsim
