#include "reports/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

namespace ipcsim {
namespace fs = std::filesystem;
namespace {

std::string reason(int error) {
  return std::strerror(error);
}

// A directory that this process may create files in.
bool writable_directory(const fs::path &dir) {
  return access(dir.empty() ? "." : dir.c_str(), W_OK | X_OK) == 0;
}

} // namespace

OutputFile::OutputFile(fs::path path) : path_(std::move(path)) {
  std::error_code error;
  fs::file_status status = fs::status(path_, error);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    if (fs::is_directory(status))
      throw OutputError(fmt::format("{}: error: cannot write this file: it is a directory\n", path_.string()));
    out_.open(path_, std::ios::binary); // a device or a pipe: in place
  } else {
    temporary_ = path_;
    temporary_ += fmt::format(".partial-{}", getpid());
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
  }
  if (!out_)
    throw OutputError(fmt::format("{}: error: cannot write this file: {}\n", path_.string(), reason(errno)));
}

OutputFile::~OutputFile() {
  if (committed_ || temporary_.empty())
    return;
  out_.close();
  std::error_code ignored;
  fs::remove(temporary_, ignored);
}

void OutputFile::commit() {
  out_.flush();
  int error = errno;
  out_.close();
  if (!out_) {
    if (error == 0)
      error = EIO;
    throw OutputError(fmt::format("{}: error: cannot write this file: {}\n", path_.string(), reason(error)));
  }
  committed_ = true;
  if (temporary_.empty())
    return;
  std::error_code failure;
  fs::rename(temporary_, path_, failure);
  if (failure) {
    fs::remove(temporary_, failure);
    throw OutputError(fmt::format("{}: error: cannot write this file: {}\n", path_.string(), failure.message()));
  }
}

void write_output_file(const fs::path &path, const std::string &text) {
  OutputFile file(path);
  file.stream() << text;
  file.commit();
}

void check_output_file(const std::string &path, const std::string &what) {
  if (path.empty())
    throw OutputError(fmt::format("{}: error: an empty file name\n", what));
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (fs::is_directory(status))
    throw OutputError(fmt::format("{} {}: error: cannot write this file: it is a directory\n", what, path));
  if (fs::exists(status))
    if (access(path.c_str(), W_OK) != 0)
      throw OutputError(fmt::format("{} {}: error: cannot write this file: {}\n", what, path, reason(errno)));
  fs::path dir = fs::path(path).parent_path();
  if (!fs::exists(status) || fs::is_regular_file(status))
    if (!writable_directory(dir))
      throw OutputError(fmt::format("{} {}: error: cannot write in the directory {}: {}\n", what, path,
                                    dir.empty() ? "." : dir.string(), reason(errno)));
}

void check_output_directory(const std::string &dir, const std::string &what) {
  if (dir.empty())
    throw OutputError(fmt::format("{}: error: an empty directory name\n", what));
  std::error_code error;
  fs::file_status status = fs::status(dir, error);
  if (fs::exists(status) && !fs::is_directory(status))
    throw OutputError(fmt::format("{} {}: error: not a directory\n", what, dir));
  if (fs::exists(status)) {
    if (!writable_directory(dir))
      throw OutputError(fmt::format("{} {}: error: cannot write in the directory: {}\n", what, dir, reason(errno)));
    return;
  }
  fs::path existing = fs::absolute(dir, error).parent_path(); // the nearest ancestor that exists gets the new one
  while (!fs::exists(fs::status(existing, error)) && existing.has_relative_path())
    existing = existing.parent_path();
  if (!fs::is_directory(fs::status(existing, error)))
    throw OutputError(fmt::format("{} {}: error: cannot create the directory: {}\n", what, dir, reason(ENOTDIR)));
  if (!writable_directory(existing))
    throw OutputError(fmt::format("{} {}: error: cannot create the directory: {}\n", what, dir, reason(errno)));
}

void prepare_output_directory(const std::string &dir, const std::string &what) {
  check_output_directory(dir, what);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error)
    throw OutputError(fmt::format("{} {}: error: cannot create the directory: {}\n", what, dir, error.message()));
  if (!writable_directory(dir))
    throw OutputError(fmt::format("{} {}: error: cannot write in the directory: {}\n", what, dir, reason(errno)));
}

} // namespace ipcsim
