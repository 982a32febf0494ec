// Replicated items: processes, semaphores and shared memory segments (channels: loader_channels.cpp).
#include "models/loader_parts.hpp"

#include <tuple>

namespace ipcsim::loader {

namespace {

// The item's name with the replica's suffix, recorded as a definition; "" after an error.
std::string define(Reader &reader, const std::optional<Value> &name, const std::string &suffix, NameDef::Kind kind) {
  if (!name)
    return "";
  std::optional<std::string> text = reader.name(*name);
  if (!text)
    return "";
  reader.define(kind, *text, suffix, name->origin);
  return *text + suffix;
}

void read_template(Reader &reader, bool replicated, const std::function<void(const std::string &)> &read_one) {
  Reader::Template once(reader, replicated);
  read_one("");
}

} // namespace

void for_each_replica(Reader &reader, const Fields &item, const std::function<void(const std::string &)> &read_one) {
  reader.set_replica(std::nullopt, std::nullopt);
  std::optional<Value> count_value = item.get("count");
  std::optional<std::int64_t> count = 1;
  if (count_value)
    count = reader.integer(*count_value, 0, max_count, "a non-negative integer");
  if (!count || *count == 0 || !reader.expanding()) {
    read_template(reader, count_value.has_value(), read_one);
    return;
  }
  if (!count_value) {
    read_one("");
    return;
  }
  for (std::int64_t k = 0; k < *count; ++k) {
    reader.set_replica(k, *count);
    std::size_t errors_before = reader.errors().count();
    read_one(*count == 1 ? "" : "[" + std::to_string(k) + "]");
    if (reader.errors().count() != errors_before)
      break;
  }
  reader.set_replica(std::nullopt, std::nullopt);
}

// `crash: true` (check only) or `crash: {after: 10ms}` (a duration or a distribution); `crash: false` is none.
std::optional<CrashSpec> read_crash(Reader &reader, const Value &value) {
  constexpr std::string_view expected = "true, false, or a mapping such as {after: 10ms}";
  if (!value.node.IsMap()) {
    std::optional<std::string> text = reader.scalar(value, expected);
    if (text && *text != "true" && *text != "false")
      reader.type_error(value, expected, *text);
    return text == "true" ? std::optional(CrashSpec{std::nullopt, value.origin.mark}) : std::nullopt;
  }
  auto fields = reader.mapping(value, expected, "crash", {"after"});
  CrashSpec crash{std::nullopt, value.origin.mark};
  if (auto after = fields->require("after"))
    crash.after = reader.duration(*after);
  return crash;
}

void read_processes(Reader &reader, const Value &value, std::vector<ProcessSpec> &out) {
  auto items = reader.sequence(value, "a list of processes");
  if (!items)
    return;
  for (const Value &item : *items) {
    auto fields = reader.mapping(item, "a process (a mapping with 'name' and 'do')", "process",
                                 {"name", "count", "host", "server", "variables", "crash", "do"});
    if (!fields)
      continue;
    std::optional<Value> name = fields->require("name");
    std::optional<Value> steps = fields->require("do");
    read_replicas(reader, *fields, out, [&](const std::string &suffix) {
      ProcessSpec process;
      process.mark = fields->origin().mark;
      process.name = define(reader, name, suffix, NameDef::Kind::process);
      if (auto host = fields->get("host"))
        if (auto text = reader.reference(*host, "a host name")) {
          process.host = *text;
          reader.use(NameUse::Kind::host, "host", *text, host->origin);
        }
      if (auto server = fields->get("server"))
        process.server = reader.boolean(*server).value_or(false);
      if (auto crash = fields->get("crash"))
        process.crash = read_crash(reader, *crash);
      if (auto variables = fields->get("variables"))
        process.variables = read_variables(reader, *variables);
      std::tie(process.index, process.count) = reader.replica();
      reader.begin_process(process.name);
      if (steps)
        process.steps = read_steps(reader, *steps, 1);
      reader.end_process();
      return process;
    });
  }
}

void read_semaphores(Reader &reader, const Value &value, std::vector<SemaphoreSpec> &out) {
  auto items = reader.sequence(value, "a list of semaphores");
  if (!items)
    return;
  for (const Value &item : *items) {
    auto fields = reader.mapping(item, "a semaphore (a mapping such as {name: mutex, initial: 1})", "semaphore",
                                 {"name", "count", "initial"});
    if (!fields)
      continue;
    std::optional<Value> name = fields->require("name");
    read_replicas(reader, *fields, out, [&](const std::string &suffix) {
      SemaphoreSpec semaphore;
      semaphore.mark = fields->origin().mark;
      semaphore.name = define(reader, name, suffix, NameDef::Kind::semaphore);
      if (auto initial = fields->get("initial"))
        semaphore.initial = reader.non_negative(*initial).value_or(0);
      return semaphore;
    });
  }
}

void read_segments(Reader &reader, const Value &value, std::vector<SegmentSpec> &out) {
  auto items = reader.sequence(value, "a list of shared memory segments");
  if (!items)
    return;
  for (const Value &item : *items) {
    auto fields = reader.mapping(item, "a segment (a mapping such as {name: seg, size: 4KiB})", "segment",
                                 {"name", "count", "size"});
    if (!fields)
      continue;
    std::optional<Value> name = fields->require("name");
    std::optional<Value> size = fields->require("size");
    read_replicas(reader, *fields, out, [&](const std::string &suffix) {
      SegmentSpec segment;
      segment.mark = fields->origin().mark;
      segment.name = define(reader, name, suffix, NameDef::Kind::segment);
      if (size)
        segment.size = reader.bytes(*size).value_or(0);
      return segment;
    });
  }
}

} // namespace ipcsim::loader
