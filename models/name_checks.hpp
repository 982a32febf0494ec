// Checks that every name a scenario uses refers to something it defines: mailboxes, processes, semaphores,
// segments, hosts and async handles, with unique definitions. Runs after loading, on the expanded names, so
// `fork[${(i+1)%n}]` is checked replica by replica. The loader records where each name was written.
//
// An item read once as a template (count 0: Reader::Template) has no replicas, and what exists when its count
// becomes positive depends on parameters, so a name it uses is checked against the names of the scenario's
// items whatever their counts: `x` must name some item, and `x[K]` an item with `count` (any K). A name
// made with ${i} or ${n} there has no value and is not checked; nor is the range of an index. A `wait` in a
// template needs a handle that some `async` of the scenario posts.
#pragma once

#include "models/loader_errors.hpp"
#include "models/scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ipcsim {

struct NameDef {
  enum class Kind { process, mailbox, link, semaphore, segment, host, network_link };
  Kind kind = Kind::process;
  std::string name;        // a link: "A<->B"
  Origin origin;           // the name's value in the file
  bool replicated = false; // the item has `count`
};

struct NameUse {
  enum class Kind {
    send_to,        // a mailbox or another process
    receive_from,   // a mailbox, another process, or `any`
    mailbox,        // create, delete, give
    process,        // give.to, owner, receivers, link ends
    host,           // a process's host, a network link's ends
    semaphore,      // acquire, release
    segment,        // attach, detach
    segment_access, // read, write: also checks `size` against the segment
    wait,           // wait: a handle the same process posts with async
    async,          // a handle posted by async (a definition, per process)
    rendezvous,     // properties.rendezvous: a mailbox or a link "A<->B"
  };
  Kind kind = Kind::mailbox;
  const char *key = ""; // the key the name was written under ("to", "owner"), for messages
  std::string name;
  Origin origin;
  int process = -1;         // index in NameTable::processes of the process whose step this is
  std::uint64_t size = 0;   // segment_access: bytes read or written
  bool in_template = false; // used by an item read as a template: checked as the header says
};

// A process whose steps use names: a replica, or an item read as a template.
struct ProcessName {
  std::string name;
  bool in_template = false;
};

struct NameTable {
  std::vector<NameDef> defs;     // the names that exist: one per replica
  std::vector<NameDef> declared; // every item's own name, once, templates included
  std::vector<NameUse> uses;
  std::vector<ProcessName> processes;
  std::vector<std::pair<std::string, std::string>> aliases; // "ping[0]" -> "ping": a replica of count 1
};

void check_names(const Scenario &scenario, const NameTable &names, LoadErrors &errors);

} // namespace ipcsim
