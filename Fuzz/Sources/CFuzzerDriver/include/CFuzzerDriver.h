// libFuzzer's driver, callable from Swift. SwiftPM links an executable's top-level code as `main`,
// so libFuzzer's own main() is never linked in; each target's main.swift starts the driver itself.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
