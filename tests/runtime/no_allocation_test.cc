// "Nothing allocates inside Run": once prepared, the example and sample models run their
// steps without a heap allocation of ours, with and without per-step profiling (oneDNN's own
// per-call bookkeeping is counted separately). The test replaces the global operator new
// with a counting one, armed only around the runs.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "importers/importer.h"
#include "runtime/session.h"
#include "tests/testing/test_paths.h"

namespace {

std::atomic<bool> counting{false};
std::atomic<int64_t> allocations{0};

}  // namespace

// AddressSanitizer supplies its own operator new and reports ours as a mismatch, so under
// the sanitizer preset the counting replacement (and the test) is left out.
#if defined(__SANITIZE_ADDRESS__)
#define MB_COUNT_ALLOCATIONS 0
#else
#define MB_COUNT_ALLOCATIONS 1
#endif

#if MB_COUNT_ALLOCATIONS
// GCC pairs the replaced operator new's malloc with free across the program and warns on
// call sites it inlines; here they match by construction.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif  // MB_COUNT_ALLOCATIONS

namespace mb {
namespace {

using ::mb::testing::SourcePath;

struct Case {
  const char* model;
  const char* input;
  std::vector<int64_t> shape;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.model; }

class NoAllocationTest : public ::testing::TestWithParam<std::tuple<Case, int>> {};

TEST_P(NoAllocationTest, RunAllocatesNothing) {
  if (!MB_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  const auto& [c, threads] = GetParam();
  auto model = importers::LoadModel(SourcePath(c.model));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = runtime::Session::Create(std::move(model).value(), {.num_threads = threads});
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)->Prepare({{c.input, ir::DType::kFloat32, c.shape}}, {}).ok());
  runtime::RunProfile profile;
  // First runs: thread pools start, the profile sizes its vector.
  ASSERT_TRUE((*session)->Run().ok());
  ASSERT_TRUE((*session)->Run(&profile).ok());

  // Step by step: our own kernels must not allocate at all. oneDNN 2.6's execute keeps an
  // argument map in its execution context, a few small allocations per call that we cannot
  // avoid through its API; they are counted, not forbidden.
  int64_t onednn_allocations = 0;
  for (const runtime::Step& step : (*session)->steps()) {
    allocations = 0;
    counting = true;
    Status status = step.kernel->Run();
    counting = false;
    ASSERT_TRUE(status.ok());
    const std::string_view kernel = step.kernel->name();
    if (kernel.substr(0, 7) == "onednn:") {
      onednn_allocations += allocations.load();
    } else {
      EXPECT_EQ(allocations.load(), 0)
          << "kernel " << kernel << " of node '" << (*session)->graph().node(step.node).name << "'";
    }
  }
  // The session adds none of its own around the kernels, profiled or not.
  for (runtime::RunProfile* p : {static_cast<runtime::RunProfile*>(nullptr), &profile}) {
    allocations = 0;
    counting = true;
    Status status = (*session)->Run(p);
    counting = false;
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(allocations.load(), onednn_allocations) << (p ? "profiled" : "plain");
  }
  RecordProperty("onednn_allocations_per_run", static_cast<int>(onednn_allocations));
}

INSTANTIATE_TEST_SUITE_P(
    Models, NoAllocationTest,
    ::testing::Combine(
        ::testing::Values(
            Case{"examples/resnet20_cifar10.pb", "net_input", {1, 32, 32, 3}},
            Case{"../shared/samples/tf/emotion/model.pb", "input_1", {1, 64, 64, 1}},
            Case{"../shared/samples/tf/gender/model.pb", "input_1", {1, 64, 64, 1}},
            Case{"../shared/samples/tf/blazeface-front/model.pb", "input", {1, 128, 128, 3}}),
        ::testing::Values(1, 2)));

}  // namespace
}  // namespace mb
