#include "checker/process_memory.hpp"

#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace ipcsim {
namespace {

// The value in kB of the line "KEY: N kB" of a /proc file, in bytes.
std::uint64_t proc_field(const char *path, const char *key) {
  std::FILE *f = std::fopen(path, "r");
  if (!f)
    return 0;
  char line[256];
  std::uint64_t kib = 0;
  std::size_t n = std::strlen(key);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, key, n) == 0 && line[n] == ':') {
      std::sscanf(line + n + 1, "%lu", &kib);
      break;
    }
  std::fclose(f);
  return kib * 1024;
}

} // namespace

std::uint64_t resident_memory() {
  // statm is one short line: much cheaper to read than status.
  std::FILE *f = std::fopen("/proc/self/statm", "r");
  if (!f)
    return 0;
  unsigned long size = 0, resident = 0;
  int read = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return read == 2 ? static_cast<std::uint64_t>(resident) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

std::uint64_t peak_resident_memory() {
  return proc_field("/proc/self/status", "VmHWM");
}

std::uint64_t available_memory() {
  return proc_field("/proc/meminfo", "MemAvailable");
}

} // namespace ipcsim
