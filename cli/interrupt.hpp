// Ctrl-C (SIGINT) and SIGTERM during a long command: the first one asks the work to stop where it is and
// report what it learnt (the checker and the simulator read the flag; a sweep stops its children); a
// second one ends the process at once, as if nothing were installed.
#pragma once

#include <atomic>

namespace ipcsim {

// Installs the handlers (once); the flag holds the signal's number after the first one, else 0.
const std::atomic<int> &catch_interrupts();

} // namespace ipcsim
