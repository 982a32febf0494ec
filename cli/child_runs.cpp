#include "cli/child_runs.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <list>
#include <stdexcept>

extern char **environ;

namespace ipcsim {
namespace {

// A started child: its pipes (-1 once at end of file) and what came through them.
struct Running {
  std::size_t index = 0;
  pid_t pid = -1;
  int fds[2] = {-1, -1}; // stdout, stderr
  ChildOutcome outcome;

  bool drained() const { return fds[0] < 0 && fds[1] < 0; }
};

void close_fd(int &fd) {
  if (fd >= 0)
    ::close(fd);
  fd = -1;
}

// Spawn actions, released however start() leaves.
struct SpawnActions {
  posix_spawn_file_actions_t actions;
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
};

// Starts one child with its stdout and stderr on pipes and stdin on /dev/null. The pipes are close-on-exec
// so that no other child inherits them (a pipe stays open, and unread, as long as any child holds it).
Running start(const ChildCommand &command, std::size_t index) {
  Running child;
  child.index = index;
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  SpawnActions fa;
  posix_spawn_file_actions_adddup2(&fa.actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa.actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&fa.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (!command.directory.empty())
    posix_spawn_file_actions_addchdir_np(&fa.actions, command.directory.c_str());
  std::vector<char *> argv;
  for (const auto &arg : command.argv)
    argv.push_back(const_cast<char *>(arg.c_str()));
  argv.push_back(nullptr);
  int rc = ::posix_spawn(&child.pid, command.program.c_str(), &fa.actions, nullptr, argv.data(), environ);
  ::close(out[1]);
  ::close(err[1]);
  child.fds[0] = out[0];
  child.fds[1] = err[0];
  if (rc != 0) {
    close_fd(child.fds[0]);
    close_fd(child.fds[1]);
    child.pid = -1;
    child.outcome.spawn_error = command.program + ": " + std::strerror(rc);
  }
  return child;
}

// Reads what is available on one pipe; closes it at end of file.
void read_some(int &fd, std::string &into) {
  char buffer[65536];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0)
    into.append(buffer, static_cast<std::size_t>(n));
  else if (n == 0 || (errno != EINTR && errno != EAGAIN))
    close_fd(fd);
}

void reap(Running &child) {
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    child.outcome.exit_status = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    child.outcome.signal = WTERMSIG(status);
}

// Waits until some pipe has data or closes, and reads it, or until `timeout_ms` has passed (-1: no limit).
void pump(std::list<Running> &running, int timeout_ms) {
  std::vector<pollfd> polled;
  std::vector<int *> owners;
  std::vector<std::string *> sinks;
  for (auto &child : running)
    for (int k = 0; k < 2; ++k)
      if (child.fds[k] >= 0) {
        polled.push_back({child.fds[k], POLLIN, 0});
        owners.push_back(&child.fds[k]);
        sinks.push_back(k == 0 ? &child.outcome.out : &child.outcome.err);
      }
  if (polled.empty())
    return;
  if (::poll(polled.data(), polled.size(), timeout_ms) < 0) {
    if (errno == EINTR)
      return;
    throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
  }
  for (std::size_t k = 0; k < polled.size(); ++k)
    if (polled[k].revents != 0)
      read_some(*owners[k], *sinks[k]);
}

void kill_all(std::list<Running> &running) {
  for (auto &child : running) {
    ::kill(child.pid, SIGTERM);
    close_fd(child.fds[0]);
    close_fd(child.fds[1]);
    reap(child);
  }
  running.clear();
}

} // namespace

std::string ChildOutcome::failure() const {
  if (!spawn_error.empty())
    return "cannot start: " + spawn_error;
  if (signal != 0)
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "exit status " + std::to_string(exit_status);
}

void run_children(const std::vector<ChildCommand> &commands, unsigned jobs,
                  const std::function<bool(std::size_t, ChildOutcome)> &on_done, const std::atomic<int> *interrupt) {
  auto interrupted = [&] { return interrupt && interrupt->load() != 0; };
  // A signal that arrives just before poll() starts does not end it: the flag is read again this often.
  const int poll_ms = interrupt ? 100 : -1;
  std::list<Running> running;
  std::size_t next = 0;
  bool stopping = interrupted();
  try {
    while (!stopping && (next < commands.size() || !running.empty())) {
      while (!stopping && next < commands.size() && running.size() < std::max(jobs, 1u)) {
        Running child = start(commands[next], next);
        ++next;
        if (child.pid < 0)
          stopping = !on_done(child.index, std::move(child.outcome));
        else
          running.push_back(std::move(child));
      }
      pump(running, poll_ms);
      stopping = stopping || interrupted();
      for (auto it = running.begin(); it != running.end() && !stopping;) {
        if (!it->drained()) {
          ++it;
          continue;
        }
        reap(*it);
        Running done = std::move(*it);
        it = running.erase(it);
        stopping = !on_done(done.index, std::move(done.outcome));
      }
    }
  } catch (...) {
    kill_all(running);
    throw;
  }
  kill_all(running);
}

ChildOutcome run_child(const ChildCommand &command) {
  ChildOutcome result;
  run_children({command}, 1, [&](std::size_t, ChildOutcome outcome) {
    result = std::move(outcome);
    return true;
  });
  return result;
}

std::optional<std::string> find_program(const std::string &name) {
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t colon = std::min(dirs.find(':', start), dirs.size());
    std::string dir = dirs.substr(start, colon - start);
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
      return candidate;
    start = colon + 1;
  }
  return std::nullopt;
}

std::string this_program() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "/proc/self/exe" : path.string();
}

} // namespace ipcsim
