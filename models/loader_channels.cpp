// Channels (mailboxes and direct links) and the `defaults` they start from.
#include "models/loader_parts.hpp"

#include "models/loader_suggest.hpp"

#include <limits>

namespace ipcsim::loader {

namespace {

const std::vector<std::string_view> setting_keys{"capacity",  "capacity_bytes", "message_size",      "owner",
                                                 "receivers", "delivery",       "exclusive_receive", "created",
                                                 "faults"};
// Keys that only make sense for a mailbox: a link has exactly two ends, one receiver per direction.
const std::vector<std::string_view> mailbox_only_keys{"count",  "owner", "receivers", "delivery", "exclusive_receive",
                                                      "created"};

void read_capacity(Reader &reader, const Value &value, ChannelSpec &channel) {
  constexpr std::string_view expected = "a non-negative integer or 'unbounded'";
  std::optional<std::string> text = reader.scalar(value, expected);
  if (!text)
    return;
  if (*text == "unbounded") {
    channel.capacity = std::nullopt;
    return;
  }
  if (auto number = reader.integer_in(value, *text, 0, std::numeric_limits<std::int64_t>::max(), expected))
    channel.capacity = static_cast<std::uint64_t>(*number);
}

void read_message_size(Reader &reader, const Value &value, ChannelSpec &channel) {
  if (!value.node.IsMap()) {
    if (auto bytes = reader.bytes(value))
      channel.message_size = MessageSize{MessageSize::Kind::fixed, *bytes};
    return;
  }
  Fields fields(reader, value, "message_size", {"max"});
  if (auto max = fields.require("max"))
    if (auto bytes = reader.bytes(*max))
      channel.message_size = MessageSize{MessageSize::Kind::max, *bytes};
}

void read_receivers(Reader &reader, const Value &value, ChannelSpec &channel) {
  constexpr std::string_view expected = "'any' or a list of processes";
  if (value.node.IsScalar()) {
    std::optional<std::string> text = reader.scalar(value, expected);
    if (text && *text == "any")
      channel.receivers = std::nullopt;
    else if (text)
      reader.type_error(value, expected, *text);
    return;
  }
  auto items = reader.sequence(value, expected);
  if (!items)
    return;
  if (items->empty()) {
    reader.error(value.origin, "receivers: expected 'any' or a non-empty list of processes, got an empty list");
    return;
  }
  std::vector<std::string> names;
  for (const Value &item : *items)
    if (auto name = reader.reference(item, "a process name")) {
      names.push_back(*name);
      reader.use(NameUse::Kind::process, "receivers", *name, item.origin);
    }
  channel.receivers = std::move(names);
}

void read_owner(Reader &reader, const Value &value, ChannelSpec &channel) {
  std::optional<std::string> owner = reader.reference(value, "'kernel' or a process name");
  if (!owner)
    return;
  channel.owner = *owner == "kernel" ? "" : *owner;
  if (!channel.owner.empty())
    reader.use(NameUse::Kind::process, "owner", *owner, value.origin);
}

void read_delivery(Reader &reader, const Value &value, ChannelSpec &channel) {
  std::optional<std::string> text = reader.scalar(value, "'one' or 'all'");
  if (text && (*text == "one" || *text == "all"))
    channel.delivery = *text == "one" ? Delivery::one : Delivery::all;
  else if (text)
    reader.type_error(value, "'one' or 'all'", *text);
}

void read_faults(Reader &reader, const Value &value, ChannelSpec &channel) {
  auto fields = reader.mapping(value, "a mapping such as {loss: 0.1, duplicate: 0.01}", "faults",
                               {"loss", "duplicate", "reorder"});
  if (!fields)
    return;
  channel.faults.mark = value.origin.mark;
  if (auto loss = fields->get("loss"))
    channel.faults.loss = reader.probability(*loss).value_or(0);
  if (auto duplicate = fields->get("duplicate"))
    channel.faults.duplicate = reader.probability(*duplicate).value_or(0);
  if (auto reorder = fields->get("reorder"))
    reader.error(reorder->origin, "reorder: not accepted yet by this version (loss and duplicate are)");
}

// A duplicate needs room for both copies, which a rendezvous never has; a multicast message's copies are
// its listeners' already.
void check_faults(Reader &reader, const Fields &fields, const ChannelSpec &channel) {
  std::optional<Value> faults = fields.get("faults");
  if (!faults || !channel.faults.any())
    return;
  if (channel.faults.duplicate > 0 && channel.capacity == 0u)
    reader.error(faults->origin, "faults: a channel of capacity 0 never holds a second copy, so it cannot duplicate; "
                                 "give it a capacity");
  if (channel.delivery == Delivery::all)
    reader.error(faults->origin, "faults: not accepted yet on a multicast mailbox (delivery: all)");
}

// Overwrites `channel`'s settings with the keys present in `fields` (for a link, only the link-level ones).
void read_settings(Reader &reader, const Fields &fields, ChannelSpec &channel) {
  if (auto value = fields.get("capacity"))
    read_capacity(reader, *value, channel);
  if (auto value = fields.get("capacity_bytes")) {
    std::optional<std::uint64_t> bytes = reader.bytes(*value);
    if (bytes && *bytes == 0)
      reader.type_error(*value, "a positive size");
    else if (bytes)
      channel.capacity_bytes = *bytes;
  }
  if (auto value = fields.get("message_size"))
    read_message_size(reader, *value, channel);
  if (auto value = fields.get("faults"))
    read_faults(reader, *value, channel);
  if (channel.kind == ChannelSpec::Kind::link)
    return;
  if (auto value = fields.get("owner"))
    read_owner(reader, *value, channel);
  if (auto value = fields.get("receivers"))
    read_receivers(reader, *value, channel);
  if (auto value = fields.get("delivery"))
    read_delivery(reader, *value, channel);
  if (auto value = fields.get("exclusive_receive"))
    channel.exclusive_receive = reader.boolean(*value).value_or(false);
  if (auto value = fields.get("created"))
    channel.created = reader.boolean(*value).value_or(true);
}

void check_owner_and_receivers(Reader &reader, const Fields &fields, const ChannelSpec &channel) {
  if (channel.owner.empty() || !channel.receivers)
    return;
  std::optional<Value> receivers = fields.get("receivers");
  reader.error(receivers ? receivers->origin : fields.origin(),
               "receivers: only kernel mailboxes have a receivers list; " + quoted(channel.name) + " is owned by " +
                   quoted(channel.owner) + ", which alone receives from it");
}

void read_mailbox(Reader &reader, const Fields &fields, const ChannelDefaults &defaults,
                  std::vector<ChannelSpec> &out) {
  std::optional<Value> name = fields.get("mailbox");
  read_replicas(reader, fields, out, [&](const std::string &suffix) {
    ChannelSpec channel = defaults.mailbox;
    channel.kind = ChannelSpec::Kind::mailbox;
    channel.mark = fields.origin().mark;
    if (auto text = reader.name(*name)) {
      channel.name = *text + suffix;
      reader.define(NameDef::Kind::mailbox, *text, suffix, name->origin);
    }
    read_settings(reader, fields, channel);
    check_owner_and_receivers(reader, fields, channel);
    check_faults(reader, fields, channel);
    return channel;
  });
}

void read_link(Reader &reader, const Fields &fields, const ChannelDefaults &defaults, std::vector<ChannelSpec> &out) {
  for (std::string_view key : mailbox_only_keys)
    if (auto value = fields.get(key))
      reader.error(value->origin, std::string(key) + ": applies to mailboxes, not to links");
  ChannelSpec channel = defaults.link;
  channel.mark = fields.origin().mark;
  Value ends = *fields.get("link");
  auto items = reader.sequence(ends, "a list of two processes [A, B]");
  if (items && items->size() != 2)
    reader.error(ends.origin, "link: expected two processes [A, B], got " + std::to_string(items->size()));
  if (!items || items->size() != 2)
    return;
  for (const Value &end : *items)
    if (auto name = reader.reference(end, "a process name")) {
      channel.ends.push_back(*name);
      reader.use(NameUse::Kind::process, "link", *name, end.origin);
    }
  if (channel.ends.size() != 2)
    return;
  if (channel.ends[0] == channel.ends[1]) {
    reader.error(ends.origin, "link: expected two different processes, got " + quoted(channel.ends[0]) + " twice");
    return;
  }
  channel.name = channel.ends[0] + "<->" + channel.ends[1];
  reader.define(NameDef::Kind::link, channel.name, "", ends.origin);
  read_settings(reader, fields, channel);
  check_faults(reader, fields, channel);
  if (reader.expanding()) // else nothing is built
    out.push_back(std::move(channel));
}

std::vector<std::string_view> channel_keys() {
  std::vector<std::string_view> keys{"mailbox", "link", "count"};
  keys.insert(keys.end(), setting_keys.begin(), setting_keys.end());
  return keys;
}

} // namespace

ChannelDefaults read_defaults(Reader &reader, const std::optional<Value> &value) {
  ChannelDefaults defaults;
  defaults.link.kind = ChannelSpec::Kind::link;
  // ChannelSpec's own default is nullopt (unbounded); the format's default capacity is 0 (rendezvous).
  defaults.mailbox.capacity = 0;
  defaults.link.capacity = 0;
  if (!value)
    return defaults;
  auto fields =
      reader.mapping(*value, "a mapping of channel settings, such as {capacity: 1}", "defaults", setting_keys);
  if (!fields)
    return defaults;
  read_settings(reader, *fields, defaults.mailbox);
  defaults.mailbox.mark = fields->origin().mark;
  // Links take the settings that apply to them; the mailbox-only ones stay at their defaults.
  defaults.link.capacity = defaults.mailbox.capacity;
  defaults.link.capacity_bytes = defaults.mailbox.capacity_bytes;
  defaults.link.message_size = defaults.mailbox.message_size;
  defaults.link.faults = defaults.mailbox.faults;
  defaults.link.mark = defaults.mailbox.mark;
  return defaults;
}

void read_channels(Reader &reader, const Value &value, const ChannelDefaults &defaults, std::vector<ChannelSpec> &out) {
  auto items = reader.sequence(value, "a list of channels");
  if (!items)
    return;
  static const std::vector<std::string_view> keys = channel_keys();
  for (const Value &item : *items) {
    auto fields = reader.mapping(item, "a channel (a mapping with 'mailbox: NAME' or 'link: [A, B]')", "channel", keys);
    if (!fields)
      continue;
    bool mailbox = fields->has("mailbox");
    bool link = fields->has("link");
    if (mailbox && link)
      reader.error(fields->get("link")->origin, "a channel is a mailbox or a link, not both");
    else if (!mailbox && !link)
      reader.error(fields->origin(), "a channel needs 'mailbox: NAME' or 'link: [A, B]'");
    else if (mailbox)
      read_mailbox(reader, *fields, defaults, out);
    else
      read_link(reader, *fields, defaults, out);
  }
}

} // namespace ipcsim::loader
