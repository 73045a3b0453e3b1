// Only the header matters (the driver itself is in libFuzzer); SwiftPM wants a source file per C target.
#include "CFuzzerDriver.h"
