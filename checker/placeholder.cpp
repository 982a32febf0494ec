#include "models/diagnostics.hpp"
