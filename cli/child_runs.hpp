// Child processes for `ipcsim compare`: SimGrid's engine runs once per process, so every run of a sweep is
// its own `ipcsim run`. Children are started with posix_spawn, at most J at a time; their stdout and stderr
// are read through pipes with poll(), so a child with a large output never blocks on a full pipe.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ipcsim {

struct ChildCommand {
  std::string program;           // a path; find_program() looks a name up in PATH
  std::vector<std::string> argv; // argv[0] included
  std::string directory;         // where it runs; empty: here
};

struct ChildOutcome {
  int exit_status = -1; // when it exited
  int signal = 0;       // when a signal ended it
  std::string out, err;
  std::string spawn_error; // why it could not start; the rest is then empty

  bool exited() const { return spawn_error.empty() && signal == 0; }
  std::string failure() const; // "exit status 70", "killed by signal 11 (Segmentation fault)", "cannot start: ..."
};

// Runs the commands, at most `jobs` at a time, starting them in order. on_done(index, outcome) is called as each
// one ends, in the order they end; when it returns false, or once `interrupt` (when given) holds a signal, no
// other command starts and the running ones are killed (SIGTERM) and reaped before run_children returns.
// After an interrupt no outcome is reported: a child that ends then may well have been ended by it.
void run_children(const std::vector<ChildCommand> &commands, unsigned jobs,
                  const std::function<bool(std::size_t, ChildOutcome)> &on_done,
                  const std::atomic<int> *interrupt = nullptr);

ChildOutcome run_child(const ChildCommand &command);

// The path of an executable `name` in PATH.
std::optional<std::string> find_program(const std::string &name);

// The path of the running ipcsim, for starting more of it.
std::string this_program();

} // namespace ipcsim
