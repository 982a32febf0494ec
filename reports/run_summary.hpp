// The summary of a simulated run: a table for people, JSON for programs (`ipcsim run --json`).
#pragma once

#include "models/model.hpp"
#include "reports/run_result.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace ipcsim {

std::string run_summary_text(const Model& model, const RunResult& result);
// Times in seconds to the picosecond; every floating-point number with 15 significant digits (output_numbers.hpp).
nlohmann::ordered_json run_summary_json(const Model& model, const RunResult& result);

} // namespace ipcsim
