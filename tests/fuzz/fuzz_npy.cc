// libFuzzer harness: arbitrary bytes as a .npy file (the inputs of `modelbench run`).
#include <cstdint>
#include <string_view>

#include "base/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto array = mb::ParseNpy(std::string_view(reinterpret_cast<const char*>(data), size));
  if (array.ok()) mb::SerializeNpy(*array);
  return 0;
}
