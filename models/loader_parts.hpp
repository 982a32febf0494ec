// The sections of a scenario, one reader each (loader_*.cpp). Internal to the loader.
#pragma once

#include "models/loader_reader.hpp"

#include <functional>

namespace ipcsim::loader {

// Channel settings from `defaults:`, for mailboxes and for links (which take only the link-level keys).
struct ChannelDefaults {
  ChannelSpec mailbox;
  ChannelSpec link;
};

void read_platform(Reader &reader, const std::optional<Value> &value, Platform &platform);
void read_costs(Reader &reader, const Value &value, Costs &costs);
void read_properties(Reader &reader, const Value &value, Properties &properties);
ChannelDefaults read_defaults(Reader &reader, const std::optional<Value> &value);
void read_channels(Reader &reader, const Value &value, const ChannelDefaults &defaults, std::vector<ChannelSpec> &out);
void read_semaphores(Reader &reader, const Value &value, std::vector<SemaphoreSpec> &out);
void read_segments(Reader &reader, const Value &value, std::vector<SegmentSpec> &out);
void read_processes(Reader &reader, const Value &value, std::vector<ProcessSpec> &out);
Steps read_steps(Reader &reader, const Value &list, int depth);
std::vector<VariableSpec> read_variables(Reader &reader, const Value &value);
std::optional<ExpressionText> read_expression(Reader &reader, const Value &value, std::string_view expected);
std::vector<ExpressionText> read_invariants(Reader &reader, const Value &value);
// "steps nested too deeply": a list of steps at a depth over max_step_depth.
void report_too_deep(Reader &reader, const Origin &list);

// Calls read_one once per replica of the item (its `count`, default one unreplicated copy) with i and n set
// and the replica's name suffix ("" or "[k]"). Stops at the first replica that reports an error: the
// others would repeat it. An item without replicas to read (count 0, a bad count, a scenario refused for
// its size) is read once as a template (Reader::Template), for its own errors.
void for_each_replica(Reader &reader, const Fields &item, const std::function<void(const std::string &)> &read_one);

// for_each_replica, keeping what read_one returns for each replica (a template's is dropped).
template <class Spec, class ReadOne>
void read_replicas(Reader &reader, const Fields &item, std::vector<Spec> &out, ReadOne read_one) {
  for_each_replica(reader, item, [&](const std::string &suffix) {
    Spec spec = read_one(suffix);
    if (!reader.in_template())
      out.push_back(std::move(spec));
  });
}

} // namespace ipcsim::loader
