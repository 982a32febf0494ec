#include "reports/run_result.hpp"

namespace ipcsim {

std::string_view to_string(RunResult::Outcome outcome) {
  switch (outcome) {
  case RunResult::Outcome::completed: return "completed";
  case RunResult::Outcome::deadlock: return "deadlock";
  case RunResult::Outcome::invalid: return "invalid operation";
  case RunResult::Outcome::stopped: return "stopped";
  }
  return "?";
}

} // namespace ipcsim
