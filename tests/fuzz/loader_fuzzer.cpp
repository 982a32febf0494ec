// libFuzzer target for the scenario loader: any bytes in, a Scenario or a ScenarioError out. Anything else
// (another exception, a crash, a sanitizer report, a hang, memory beyond -rss_limit_mb) is a bug that the
// fuzzer keeps as a file; each one found becomes a regression case in tests/models/loader/fuzz/.
// Built by cmake/fuzz.sh (clang, -DIPCSIM_FUZZ=ON).
#include "models/loader.hpp"
#include "models/model.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  try {
    ipcsim::Model model = ipcsim::compile(ipcsim::load_scenario_text(text, "fuzz.yaml"));
    (void)model;
  } catch (const ipcsim::ScenarioError &) {
    // a clean refusal: what the loader owes bad input
  }
  return 0;
}
