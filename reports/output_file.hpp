// Files that ipcsim writes (traces, reports, pictures, tables): whole or not at all. Each is written under a
// temporary name beside its final one and renamed when complete, so an interrupt, a full disk or a crash
// leaves the earlier file (or none), never half of one. A path that is not a regular file (/dev/stdout, a
// pipe, /dev/full) is written in place. Every failure is an OutputError, which the command line turns into
// exit status 73 (EX_CANTCREAT).
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ipcsim {

class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A file being written: stream() until commit(), which makes it appear under its name. Destroyed uncommitted
// (an exception, an interrupt), it leaves nothing behind.
class OutputFile {
public:
  explicit OutputFile(std::filesystem::path path); // opens the temporary file; OutputError if it cannot
  ~OutputFile();
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;

  std::ostream &stream() { return out_; }
  void commit(); // flushes, checks every write, renames; OutputError on any failure

private:
  std::filesystem::path path_;
  std::filesystem::path temporary_; // empty when written in place
  std::ofstream out_;
  bool committed_ = false;
};

// The whole text of a file, written as OutputFile does.
void write_output_file(const std::filesystem::path &path, const std::string &text);

// Checks, before any work, that a file can be written at `path` (its directory exists and is writable, and it
// is not a directory), so that a long check does not end in "cannot write". `what` names the option.
void check_output_file(const std::string &path, const std::string &what);

// Checks, before any work, that `dir` is, or can be made, a writable directory, without making it (a command
// refused afterwards for bad input leaves nothing behind).
void check_output_directory(const std::string &dir, const std::string &what);

// Checks that `dir` is, or can be made, a writable directory; creates it.
void prepare_output_directory(const std::string &dir, const std::string &what);

} // namespace ipcsim
