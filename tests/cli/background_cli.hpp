// Running the ipcsim binary in the background from a test, to act on it while it works: find one of its
// children by its command line, send a signal to it or to ipcsim, then collect the exit status and outputs.
// Nothing here waits for a time to pass: a wait ends when what it waits for happens (the only limit, a
// minute, keeps a broken build from hanging the suite).
#pragma once

#include "cli/cli_runner.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fcntl.h>
#include <optional>
#include <thread>

extern char **environ;

namespace ipcsim::test {

struct Background {
  pid_t pid = -1;
  fs::path out, err;
};

// Starts `ipcsim ARGS` (no shell: each argument as given) in `dir`, stdout and stderr to scratch files.
inline Background start_cli(const std::vector<std::string> &args, const std::string &name,
                            const fs::path &dir = IPCSIM_SOURCE_DIR) {
  Background run{-1, scratch() / (name + ".out"), scratch() / (name + ".err")};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, run.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, run.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  std::vector<std::string> words{"ipcsim"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (auto &word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);
  int rc = posix_spawn(&run.pid, IPCSIM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return run;
}

// The child of `parent` whose command line holds `marker`, once it exists.
inline std::optional<pid_t> wait_for_child(pid_t parent, const std::string &marker) {
  auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (std::chrono::steady_clock::now() < give_up) {
    std::error_code ec; // processes come and go while /proc is read
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry &entry = *it;
      std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos)
        continue;
      std::string stat = read_file(entry.path() / "stat"); // "PID (COMM) STATE PPID ..."; COMM may hold spaces
      std::size_t close = stat.rfind(')');
      if (close == std::string::npos)
        continue;
      std::istringstream rest(stat.substr(close + 1));
      std::string state;
      pid_t ppid = -1;
      rest >> state >> ppid;
      std::string cmdline = read_file(entry.path() / "cmdline");
      if (ppid == parent && cmdline.find(marker) != std::string::npos)
        return static_cast<pid_t>(std::stol(name));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

// Waits for it to end: its exit status (-1 when a signal ended it) and what it wrote.
inline Cli finish(const Background &run) {
  int status = 0;
  while (waitpid(run.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return Cli{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(run.out), read_file(run.err)};
}

} // namespace ipcsim::test
