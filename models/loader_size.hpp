// The size of the model a scenario describes, counted before anything is built: the replicas from the
// counts, and the steps of every process from its `do` list, each replica and each use of a YAML alias
// counted as the copy the reader would make of it, without making it (loader_limits.hpp). Internal to the
// loader.
#pragma once

#include "models/loader_reader.hpp"

namespace ipcsim::loader {

// Reports each limit the scenario exceeds once, at the item that takes the total over it, and a list of
// steps nested too deeply (through aliases, or one that contains itself) where the reader would. False when
// the scenario is refused: then nothing may be expanded, and every item is read once as a template.
bool check_model_size(Reader &reader, const Fields &top);

} // namespace ipcsim::loader
