// Paths the tests read: the source tree (examples/, golden files), the build tree, the
// read-only shared/ folder beside the checkout, and a per-test scratch directory.
#ifndef MODELBENCH_TESTS_TESTING_TEST_PATHS_H_
#define MODELBENCH_TESTS_TESTING_TEST_PATHS_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mb::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(MODELBENCH_SOURCE_DIR) + "/" + relative;
}

inline std::string BinaryPath(const std::string& relative) {
  return std::string(MODELBENCH_BINARY_DIR) + "/" + relative;
}

// A fresh, empty directory for the running test, removed by the next run of the same test.
inline std::string ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "modelbench_tests" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void WriteTextFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_TEST_PATHS_H_
