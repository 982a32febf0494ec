// Every step of a scenario's step lists as written, the nested ones included, for the passes that read the
// scenario itself rather than the compiled program (the Promela export's refusals).
#pragma once

#include "models/scenario.hpp"

#include <variant>

namespace ipcsim {

// Calls visit(op, mark) for each step of `steps` and, right after it, for the steps nested in it: the bodies
// of repeat, forever, while and the branches of choose and if, and the `else` of send, receive and acquire.
template <class Visit> void for_each_step(const Steps &steps, Visit &&visit) {
  for (const Step &step : steps)
    std::visit(
        [&](const auto &op) {
          visit(op, step.mark);
          using Op = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<Op, RepeatStep> || std::is_same_v<Op, ForeverStep> ||
                        std::is_same_v<Op, WhileStep>)
            for_each_step(op.body, visit);
          else if constexpr (std::is_same_v<Op, ChooseStep>)
            for (const Steps &branch : op.branches)
              for_each_step(branch, visit);
          else if constexpr (std::is_same_v<Op, IfStep>) {
            for_each_step(op.then, visit);
            for_each_step(op.otherwise, visit);
          } else if constexpr (std::is_same_v<Op, SendStep> || std::is_same_v<Op, ReceiveStep> ||
                               std::is_same_v<Op, SemaphoreStep>)
            for_each_step(op.on_fail, visit);
        },
        step.op);
}

} // namespace ipcsim
