// `modelbench benchmark`, `compare`, `peak` and `analyze --target`, run as a user runs them.
//
// Timings come from the fake clock (MODELBENCH_FAKE_CLOCK=1, tools/modelbench/measure.h):
// every clock read advances 1 ms and step s of a session's run r takes 10 + 5 (s % 3) + r % 4
// microseconds. So for golden/modelbench/relu1000.pbtxt (one Relu step over 1000 floats)
// with --runs 4 --warmup 0, the measured runs are r = 1..4: 11, 12, 13, 10 us of step time,
// each run reading 1 ms more between its two clock reads. The expectations below are worked
// out from that by hand; the golden files hold the same figures in each format (regenerate
// with MODELBENCH_UPDATE_GOLDEN=1 and review the diff).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/testing/json_parse.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::CommandResult;
using ::mb::testing::Json;
using ::mb::testing::ParseJson;
using ::mb::testing::ReadTextFile;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::DoubleNear;
using ::testing::HasSubstr;

constexpr const char* kRelu = "tests/tools/golden/modelbench/relu1000.pbtxt";
constexpr const char* kResNet = "examples/resnet20_cifar10.pb";

// modelbench from the source root (so model paths in reports are relative), fake clock on.
CommandResult Modelbench(const std::string& flags, bool fake_clock = true) {
  return RunCommand("cd " + SourcePath("") + " && " +
                        (fake_clock ? "MODELBENCH_FAKE_CLOCK=1 " : "") +
                        BinaryPath("bin/modelbench") + " " + flags,
                    ScratchDir());
}

void ExpectGolden(const std::string& actual, const std::string& name) {
  const std::string path = SourcePath("tests/tools/golden/modelbench/" + name);
  if (std::getenv("MODELBENCH_UPDATE_GOLDEN") != nullptr) WriteTextFile(path, actual);
  EXPECT_EQ(actual, ReadTextFile(path)) << "golden " << name;
}

Json ParseOrFail(const std::string& text) {
  std::string error;
  std::optional<Json> json = ParseJson(text, &error);
  EXPECT_TRUE(json.has_value()) << error << "\n" << text;
  return json.value_or(Json{});
}

// Schema checks: the field exists and has the JSON type the docs promise.
void ExpectNumber(const Json& object, const std::string& key) {
  ASSERT_TRUE(object.Has(key)) << key;
  EXPECT_EQ(object[key].type, Json::Type::kNumber) << key;
}
void ExpectInteger(const Json& object, const std::string& key) {
  ExpectNumber(object, key);
  if (object.Has(key)) {
    EXPECT_TRUE(object[key].is_integer) << key;
  }
}
void ExpectString(const Json& object, const std::string& key) {
  ASSERT_TRUE(object.Has(key)) << key;
  EXPECT_EQ(object[key].type, Json::Type::kString) << key;
}
void ExpectObject(const Json& object, const std::string& key) {
  ASSERT_TRUE(object.Has(key)) << key;
  EXPECT_EQ(object[key].type, Json::Type::kObject) << key;
}
void ExpectArray(const Json& object, const std::string& key) {
  ASSERT_TRUE(object.Has(key)) << key;
  EXPECT_EQ(object[key].type, Json::Type::kArray) << key;
}

const std::string kReluBenchmark =
    std::string("benchmark ") + kRelu + " --runs 4 --warmup 0 --peak=1 --target=1,1";

TEST(ModelbenchBenchmarkTest, FakeClockFiguresWorkedOutByHand) {
  auto result = Modelbench(kReluBenchmark + " --format=json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json json = ParseOrFail(result.out);
  EXPECT_EQ(json["load_ms"].number, 1.0);
  EXPECT_EQ(json["prepare_ms"].number, 1.0);
  EXPECT_THAT(json["first_run_ms"].number, DoubleNear(1.010, 1e-9));  // run 0: 10 us + 1 ms
  const Json& latency = json["latency_ms"];
  EXPECT_THAT(latency["mean"].number, DoubleNear(1.0115, 1e-9));  // (11 + 12 + 13 + 10) / 4
  EXPECT_THAT(latency["min"].number, DoubleNear(1.010, 1e-9));
  EXPECT_THAT(latency["max"].number, DoubleNear(1.013, 1e-9));
  EXPECT_THAT(latency["p50"].number, DoubleNear(1.0115, 1e-9));  // between 1.011 and 1.012
  // 1000 floats: 4000 bytes, rounded up to the planner's 64-byte alignment.
  EXPECT_EQ(json["arena_bytes"].number, 4032);
  const Json& node = json["nodes"].array.at(0);
  EXPECT_EQ(node["mean_us"].number, 11.5);
  EXPECT_EQ(node["flops"].number, 1000);  // Relu: one comparison per element
  // 1000 FLOPs / 11.5 us = 0.0869565 GFLOP/s, 8.69565 % of the 1 GFLOP/s given by --peak.
  EXPECT_THAT(node["gflops_per_s"].number, DoubleNear(1000 / 11.5e3, 1e-12));
  EXPECT_THAT(node["percent_of_peak"].number, DoubleNear(100000 / 11.5e3, 1e-9));
  // Roofline on 1 GFLOP/s, 1 GB/s: 1000 FLOPs = 1 us, 4000 + 4000 bytes = 8 us: memory-bound.
  EXPECT_EQ(node["projected_us"].number, 8);
  EXPECT_EQ(node["bound"].string, "memory");
}

TEST(ModelbenchBenchmarkTest, GoldenTextJsonCsv) {
  for (const auto& [format, golden] :
       {std::pair{"text", "benchmark_relu1000.txt"}, std::pair{"json", "benchmark_relu1000.json"},
        std::pair{"csv", "benchmark_relu1000.csv"}}) {
    auto result = Modelbench(kReluBenchmark + " --format=" + format);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ExpectGolden(result.out, golden);
  }
}

TEST(ModelbenchBenchmarkTest, JsonSchemaOfARealRun) {
  auto result = Modelbench(std::string("benchmark ") + kResNet +
                               " --runs 3 --warmup 0 --peak=50 --target=p40 --format=json",
                           /*fake_clock=*/false);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json json = ParseOrFail(result.out);
  ASSERT_EQ(json.type, Json::Type::kObject);
  EXPECT_EQ(json["schema"].string, "modelbench.benchmark/1");
  ExpectString(json, "model");
  ExpectInteger(json, "num_threads");
  ExpectArray(json, "inputs");
  for (const char* key : {"load_ms", "prepare_ms", "first_run_ms", "throughput_per_s",
                          "gflops_per_s", "peak_gflops", "percent_of_peak", "projected_ms"}) {
    ExpectNumber(json, key);
  }
  for (const char* key :
       {"warmup_runs", "runs", "arena_bytes", "naive_activation_bytes", "flops"}) {
    ExpectInteger(json, key);
  }
  ExpectString(json, "peak_source");
  ExpectObject(json, "latency_ms");
  for (const char* key : {"mean", "min", "max", "p50", "p90", "p99"}) {
    ExpectNumber(json["latency_ms"], key);
  }
  ExpectObject(json, "memory");
  for (const char* key :
       {"parameter_bytes", "planned_peak_activation_bytes", "naive_peak_activation_bytes"}) {
    ExpectInteger(json["memory"], key);
  }
  EXPECT_EQ(json["memory"]["plan"].string, "engine");
  // ResNet-20's 271,098 float parameters.
  EXPECT_EQ(json["memory"]["parameter_bytes"].number, 271098 * 4);
  ExpectObject(json, "target");
  EXPECT_EQ(json["target"]["fp32_gflops"].number, 12000);
  EXPECT_EQ(json["target"]["memory_gbps"].number, 346);
  ExpectArray(json, "nodes");
  ASSERT_FALSE(json["nodes"].array.empty());
  for (const Json& node : json["nodes"].array) {
    ExpectString(node, "name");
    ExpectString(node, "op_type");
    ExpectNumber(node, "mean_us");
    ExpectInteger(node, "flops");
    ExpectNumber(node, "gflops_per_s");
    ExpectNumber(node, "percent_of_peak");
    ExpectInteger(node, "activation_bytes");
    ExpectNumber(node, "projected_us");
    ExpectString(node, "bound");
  }
}

TEST(ModelbenchBenchmarkTest, BadPeakOrTargetIsAUsageError) {
  auto peak = Modelbench(std::string("benchmark ") + kRelu + " --peak=fast");
  EXPECT_EQ(peak.exit_code, 2);
  EXPECT_THAT(peak.err, HasSubstr("--peak wants GFLOP/s"));
  auto target = Modelbench(std::string("benchmark ") + kRelu + " --target=abacus");
  EXPECT_EQ(target.exit_code, 2);
  EXPECT_THAT(target.err, HasSubstr("unknown --target 'abacus'; known devices: p40, t4,"));
}

TEST(ModelbenchAnalyzeTest, TargetProjectsEveryNode) {
  auto result = Modelbench(std::string("analyze ") + kRelu + " --target=1,1 --format=csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // Relu over 1000 floats on 1 GFLOP/s, 1 GB/s: max(1 us, 8 us) = 8 us, memory-bound.
  EXPECT_THAT(result.out,
              HasSubstr("\ny,Relu,[1000],0,1000,0,4000,4000,0.1250,0,4000,8.0000,memory\n"));
  auto text = Modelbench(std::string("analyze ") + kResNet + " --target=P40");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("on p40 (NVIDIA Tesla P40; 12000 GFLOP/s, 346.0 GB/s"));
  EXPECT_THAT(text.out, HasSubstr("Parameters   1.0 MiB (1,084,392 B)\n"));
}

const std::string kStaticCompare =
    std::string("compare ") + kResNet + " examples/graphs/control_edges.pbtxt --static";

TEST(ModelbenchCompareTest, StaticGoldenOnTwoExampleModels) {
  for (const auto& [format, golden] :
       {std::pair{"text", "compare_static.txt"}, std::pair{"json", "compare_static.json"},
        std::pair{"csv", "compare_static.csv"}}) {
    auto result = Modelbench(kStaticCompare + " --format=" + format);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ExpectGolden(result.out, golden);
  }
  auto csv = Modelbench(kStaticCompare + " --format=csv");
  // ResNet-20 (examples/README.md): 271,098 parameters, 40,551,040 MACs; 19 Conv2D in A only.
  EXPECT_THAT(csv.out, HasSubstr("\nparameters,271098,"));
  EXPECT_THAT(csv.out, HasSubstr("\nmacs,40551040,"));
  EXPECT_THAT(csv.out, HasSubstr("\nop_type:Conv2D,19,0,0.0000\n"));
}

TEST(ModelbenchCompareTest, InterleavedRunsWithFakeClock) {
  // The same model twice: each round's two runs have the same run index, so the same fake
  // step times, and every ratio is exactly 1.
  auto result = Modelbench(std::string("compare ") + kRelu + " " + kRelu +
                           " --runs 4 --warmup 0 --format=json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectGolden(result.out, "compare_relu1000.json");
  const Json json = ParseOrFail(result.out);
  EXPECT_EQ(json["schema"].string, "modelbench.compare/1");
  for (const char* side : {"a", "b"}) {
    const Json& s = json[side];
    ExpectString(s, "model");
    for (const char* key : {"nodes", "parameters", "parameter_bytes", "flops", "macs",
                            "planned_peak_activation_bytes", "naive_peak_activation_bytes"}) {
      ExpectInteger(s, key);
    }
    ExpectObject(s, "latency_ms");
    // Runs 1..4 after the first run: 1 ms + 11, 12, 13, 10 us.
    EXPECT_THAT(s["latency_ms"]["p50"].number, DoubleNear(1.0115, 1e-9));
  }
  ExpectObject(json, "b_over_a");
  ExpectObject(json, "latency_ratio");
  EXPECT_EQ(json["latency_ratio"]["rounds"].number, 4);
  EXPECT_EQ(json["latency_ratio"]["median"].number, 1);
  EXPECT_EQ(json["latency_ratio"]["p10"].number, 1);
  EXPECT_EQ(json["latency_ratio"]["p90"].number, 1);
  ExpectArray(json, "op_types");
  ASSERT_EQ(json["op_types"].array.size(), 1u);
  EXPECT_EQ(json["op_types"].array[0]["op_type"].string, "Relu");
  EXPECT_EQ(json["op_types"].array[0]["difference"].number, 0);
}

TEST(ModelbenchCompareTest, NeedsTwoModels) {
  auto result = Modelbench(std::string("compare ") + kRelu + " --static");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("compare takes two model files"));
}

TEST(ModelbenchPeakTest, JsonHasPositiveFigures) {
  auto result = Modelbench("peak --rounds 1 --format=json", /*fake_clock=*/false);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json json = ParseOrFail(result.out);
  EXPECT_EQ(json["schema"].string, "modelbench.peak/1");
  ExpectInteger(json, "threads");
  ExpectString(json, "isa");
  for (const char* key : {"one_thread", "all_threads"}) {
    EXPECT_GT(json["fp32_gflops"][key].number, 0) << key;
    EXPECT_GT(json["memory_gbps"]["triad"][key].number, 0) << key;
    EXPECT_GT(json["memory_gbps"]["copy"][key].number, 0) << key;
  }
}

TEST(ModelbenchOutputTest, NoProgressLineWhenStderrIsNotATerminal) {
  auto result = Modelbench(kReluBenchmark);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace mb
