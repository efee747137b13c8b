// Facts about the machine modelbench runs on.
#ifndef MODELBENCH_BASE_SYSTEM_H_
#define MODELBENCH_BASE_SYSTEM_H_

#include <cstdint>

namespace mb {

// Installed physical memory in bytes (0 if the system will not say).
uint64_t PhysicalMemoryBytes();

// The default ceiling for one tensor a model asks us to allocate: half of physical memory,
// so a hostile or corrupt file is refused with an error instead of driving the machine into
// swap or the OOM killer.
uint64_t DefaultMaxTensorBytes();

}  // namespace mb

#endif  // MODELBENCH_BASE_SYSTEM_H_
