// Where each channel's buffer lives, and whether every message can get there over the platform's links.
// A channel lives on the host of its receiver (a link), or of the first process that may or does receive from
// the mailbox (its first sender's when nobody receives). A process on another host reaches it over a link
// that joins the two hosts: the platform has no routes through a third host. Judged when the scenario is
// compiled, so that `validate` finds what `run` could not simulate.
#pragma once

#include "models/diagnostics.hpp"
#include "models/model.hpp"

#include <cstdint>
#include <vector>

namespace ipcsim {

// By channel: the index of its host in Scenario::platform.hosts.
std::vector<std::uint32_t> channel_homes(const Model &model);

// An error at every send and receive step whose process is on another host than its channel, with no link
// between the two.
void check_routes(const Model &model, Diagnostics &diagnostics);

} // namespace ipcsim
