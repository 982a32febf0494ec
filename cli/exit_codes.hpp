// The exit status of every ipcsim command (DESIGN.md). Frozen: scripts depend on them.
#pragma once

namespace ipcsim::exit_code {

inline constexpr int ok = 0;             // everything holds
inline constexpr int violation = 1;      // a property is violated: a deadlock, an invalid operation, a race
inline constexpr int incomplete = 3;     // a check stopped at a limit (or an interrupt) before it was complete
inline constexpr int bad_input = 64;     // the scenario or the arguments are wrong (EX_USAGE)
inline constexpr int internal = 70;      // a bug in ipcsim (EX_SOFTWARE)
inline constexpr int out_of_memory = 71; // a run needs more memory than the system gives it (EX_OSERR)
inline constexpr int cannot_create = 73; // an output file or directory cannot be written (EX_CANTCREAT)
inline constexpr int interrupted = 130;  // a run ended by SIGINT or SIGTERM (128 + SIGINT, as shells report it)

} // namespace ipcsim::exit_code
