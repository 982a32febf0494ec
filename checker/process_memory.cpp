#include "checker/process_memory.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/resource.h>
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

// The two numbers of /proc/self/statm that matter, in pages: the address space and the resident set. statm is
// one short line, much cheaper to read than status, which the watch does every few milliseconds.
std::uint64_t statm_field(int which) {
  std::FILE *f = std::fopen("/proc/self/statm", "r");
  if (!f)
    return 0;
  unsigned long fields[2] = {0, 0};
  int read = std::fscanf(f, "%lu %lu", &fields[0], &fields[1]);
  std::fclose(f);
  return read == 2 ? static_cast<std::uint64_t>(fields[which]) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// A number alone in a file ("max" and the kernel's "no limit", near 2^63, read as unknown).
std::uint64_t number_in(const std::string &path) {
  std::ifstream in(path);
  std::uint64_t value = 0;
  if (!(in >> value) || value >= (std::uint64_t{1} << 60))
    return 0;
  return value;
}

// The least headroom of a cgroup and its ancestors, whose limits all apply: `limit` and `usage` name the
// files (cgroup v2: memory.max and memory.current; v1: memory.limit_in_bytes and memory.usage_in_bytes).
std::uint64_t headroom_from(std::string dir, const std::string &root, const char *limit, const char *usage) {
  std::uint64_t least = 0;
  for (;;) {
    if (std::uint64_t max = number_in(dir + "/" + limit); max > 0) {
      std::uint64_t used = number_in(dir + "/" + usage);
      std::uint64_t room = max > used ? max - used : 1;
      least = least == 0 ? room : std::min(least, room);
    }
    if (dir.size() <= root.size())
      return least;
    dir.erase(dir.find_last_of('/'));
  }
}

} // namespace

std::uint64_t resident_memory() {
  return statm_field(1);
}

std::uint64_t virtual_memory() {
  return statm_field(0);
}

std::uint64_t peak_resident_memory() {
  return proc_field("/proc/self/status", "VmHWM");
}

std::uint64_t available_memory() {
  return proc_field("/proc/meminfo", "MemAvailable");
}

// /proc/self/cgroup names this process's groups: "0::/path" (v2) or "N:memory:/path" (v1). Inside a
// container the path may be the host's while /sys/fs/cgroup shows the container's own group as its root:
// a path that does not exist here is read as that root.
std::uint64_t cgroup_headroom() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    bool v2 = line.rfind("0::", 0) == 0;
    std::size_t memory = line.find(":memory:");
    if (!v2 && memory == std::string::npos)
      continue;
    std::string path = v2 ? line.substr(3) : line.substr(memory + 8);
    std::string root = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory";
    std::string dir = root + (path == "/" ? "" : path);
    if (std::ifstream probe(dir + (v2 ? "/memory.current" : "/memory.usage_in_bytes")); !probe)
      dir = root;
    std::uint64_t room = v2 ? headroom_from(dir, root, "memory.max", "memory.current")
                            : headroom_from(dir, root, "memory.limit_in_bytes", "memory.usage_in_bytes");
    if (room > 0)
      return room;
  }
  return 0;
}

std::uint64_t address_space_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return 0;
  return limit.rlim_cur;
}

} // namespace ipcsim
