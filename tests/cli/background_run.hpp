// Running ipcsim in the background, to signal it while it works: stdout to a file, stderr to a file or to
// a pseudo-terminal (where progress lines appear). Waiting is on what the run shows (a file it writes, text
// on its terminal), never on the clock, so that no test depends on the machine's speed; the deadlines only
// keep a broken run from hanging the suite.
#pragma once

#include "cli/cli_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace ipcsim::test {

class BackgroundRun {
public:
  // `args` are ipcsim's arguments; with `terminal`, stderr is a pseudo-terminal that terminal_text() reads.
  BackgroundRun(const std::vector<std::string> &args, bool terminal) : out_(scratch() / "background.out") {
    int slave = -1;
    if (terminal)
      REQUIRE(::openpty(&master_, &slave, nullptr, nullptr, nullptr) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = terminal ? slave : ::open((scratch() / "background.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      if (::chdir(IPCSIM_SOURCE_DIR) != 0)
        ::_exit(126);
      std::vector<std::string> argv_text{IPCSIM_BINARY};
      argv_text.insert(argv_text.end(), args.begin(), args.end());
      std::vector<char *> argv;
      for (auto &a : argv_text)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(IPCSIM_BINARY, argv.data());
      ::_exit(127);
    }
    if (terminal)
      ::close(slave);
  }

  ~BackgroundRun() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0)
      ::close(master_);
  }

  // Reads the terminal until `text` has appeared; false if the run ended or a minute passed first.
  bool wait_for_terminal_text(const std::string &text) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (terminal_.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0)
        continue;
      char buffer[4096];
      ssize_t n = ::read(master_, buffer, sizeof buffer);
      if (n <= 0)
        return false;
      terminal_.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }

  // Waits until `ready` holds (checked every 10 ms); false after a minute.
  static bool wait_until(const std::function<bool()> &ready) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!ready()) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  void signal(int number) const { ::kill(pid_, number); }

  // The exit status (-1 when killed by a signal); stdout is then in out().
  int finish() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    if (master_ >= 0) // whatever the terminal still holds
      while (wait_for_more()) {
      }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  pid_t pid() const { return pid_; }
  std::string out() const { return read_file(out_); }
  const std::string &terminal_text() const { return terminal_; }

private:
  bool wait_for_more() {
    pollfd p{master_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
      return false;
    char buffer[4096];
    ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n <= 0)
      return false;
    terminal_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  fs::path out_;
  int master_ = -1;
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::string terminal_;
};

} // namespace ipcsim::test
