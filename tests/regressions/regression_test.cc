// Replays every input a fuzzer once crashed on (tests/regressions/<harness>/*) through the
// harness itself (tests/fuzz/fuzz_<harness>.cc, compiled into this binary by the normal
// build), so each finding stays fixed without clang or libFuzzer. The harness aborts on a
// crash, a sanitizer report (in the asan preset) or a broken invariant; returning is a pass.
// Which harness and folder: MB_REGRESSION_HARNESS, set by tests/regressions/CMakeLists.txt.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/testing/test_paths.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace mb {
namespace {

std::vector<std::string> RegressionInputs() {
  std::vector<std::string> files;
  const std::filesystem::path dir =
      ::mb::testing::SourcePath(std::string("tests/regressions/") + MB_REGRESSION_HARNESS);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path().filename().string());
  }
  return files;
}

class FuzzRegressionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegressionTest, EndsCleanly) {
  const std::string input = ::mb::testing::ReadTextFile(::mb::testing::SourcePath(
      std::string("tests/regressions/") + MB_REGRESSION_HARNESS + "/" + GetParam()));
  ASSERT_FALSE(input.empty());
  EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size()),
            0);
}

INSTANTIATE_TEST_SUITE_P(Findings, FuzzRegressionTest, ::testing::ValuesIn(RegressionInputs()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace mb
