#include "sim/cost_model.hpp"

#include "models/routes.hpp"

#include <algorithm>
#include <optional>

namespace ipcsim {

CostModel::CostModel(const Model &model) : model_(model), home_(channel_homes(model)) {}

double CostModel::call_seconds(const Instruction& i) const {
  const Costs& costs = model_.scenario.costs;
  switch (i.op) {
  case OpCode::send:
  case OpCode::create:
  case OpCode::remove:
  case OpCode::give:
  case OpCode::acquire:
  case OpCode::release:
    return costs.send;
  case OpCode::receive:
    return costs.receive;
  case OpCode::attach:
  case OpCode::detach:
    return costs.attach;
  case OpCode::read:
  case OpCode::write:
    return costs.memory_bandwidth > 0 ? static_cast<double>(i.size) / costs.memory_bandwidth : 0;
  default:
    return 0;
  }
}

bool CostModel::mapped(std::uint64_t size) const {
  const LargeMessage& large = model_.scenario.costs.large_message;
  return large.threshold > 0 && size >= large.threshold;
}

double CostModel::copy_seconds(std::uint64_t size) const {
  double bandwidth = model_.scenario.costs.copy_bandwidth;
  return bandwidth > 0 ? static_cast<double>(size) / bandwidth : 0;
}

CopyCost CostModel::sender_side(ChannelId c, std::uint64_t size) const {
  if (mapped(size))
    return {model_.scenario.costs.large_message.map, 0};
  if (model_.channels[c].rendezvous())
    return {}; // the one copy of a rendezvous is the receiver's
  return {copy_seconds(size), size};
}

CopyCost CostModel::receiver_side(std::uint64_t size) const {
  if (mapped(size))
    return {};
  return {copy_seconds(size), size};
}

std::uint64_t CostModel::reserved_memory(ChannelId c, std::uint64_t peak_bytes) const {
  const Channel& channel = model_.channels[c];
  if (channel.rendezvous())
    return 0;
  std::optional<std::uint64_t> reserved = channel.capacity_bytes;
  if (channel.capacity && channel.message_size.kind != MessageSize::Kind::any) {
    std::uint64_t slots = *channel.capacity * channel.message_size.bytes;
    reserved = std::min(slots, reserved.value_or(slots));
  }
  return reserved.value_or(peak_bytes);
}

} // namespace ipcsim
