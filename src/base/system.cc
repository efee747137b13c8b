#include "base/system.h"

#include <unistd.h>

namespace mb {

uint64_t PhysicalMemoryBytes() {
  long pages = ::sysconf(_SC_PHYS_PAGES);
  long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
}

uint64_t DefaultMaxTensorBytes() {
  const uint64_t physical = PhysicalMemoryBytes();
  return physical > 0 ? physical / 2 : uint64_t{4} << 30;
}

}  // namespace mb
