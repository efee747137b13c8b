// The Chrome trace, parsed back with an independent JSON parser. Expected times are worked
// out by hand from the step durations (ns) and the format's microseconds.
#include "report/trace_report.h"

#include <gtest/gtest.h>

#include "tests/testing/json_parse.h"

namespace mb::report {
namespace {

using ::mb::testing::Json;
using ::mb::testing::ParseJson;

// The member `key` of an object, or nullptr.
const Json* Find(const Json& json, const std::string& key) {
  auto it = json.object.find(key);
  return it == json.object.end() ? nullptr : &it->second;
}
// The string member `key`, or "" when absent or not a string.
std::string Str(const Json& json, const std::string& key) {
  const Json* value = Find(json, key);
  return value != nullptr && value->type == Json::Type::kString ? value->string : "";
}

TraceInput TwoStepsTwoRuns() {
  TraceInput input;
  input.process_name = "modelbench benchmark m.pb";
  input.model = "m.pb";
  input.num_threads = 2;
  input.steps = {{"conv", "Conv2D", "[1,2]", 10}, {"relu", "Relu", "", -1}};
  // Run 1: 1.5 us + 0.5 us from t = 0. Run 2 claims to start at 1 us, inside run 1, so it
  // starts when run 1 ends (2 us); its negative first step (a clock step) lasts 0.
  input.runs = {{0, {1500, 500}}, {1000, {-5, 250}}};
  return input;
}

TEST(TraceReportTest, EventsLaidEndToEnd) {
  auto text = ChromeTraceJson(TwoStepsTwoRuns());
  ASSERT_TRUE(text.ok()) << text.status().message();
  std::string error;
  auto doc = ParseJson(*text, &error);
  ASSERT_TRUE(doc) << error;
  ASSERT_EQ(doc->type, Json::Type::kObject);
  EXPECT_EQ(Str(*doc, "displayTimeUnit"), "ms");
  const Json* other = Find(*doc, "otherData");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(Str(*other, "schema"), "modelbench.trace/1");
  EXPECT_EQ(Str(*other, "model"), "m.pb");
  EXPECT_EQ(Find(*other, "num_threads")->number, 2);
  EXPECT_EQ(Find(*other, "runs")->number, 2);

  const Json* events = Find(*doc, "traceEvents");
  ASSERT_NE(events, nullptr);
  ASSERT_EQ(events->type, Json::Type::kArray);
  struct Expected {
    const char* ph;
    const char* name;
    const char* cat;
    double ts, dur;
  };
  const Expected expected[] = {
      {"M", "process_name", "", 0, 0}, {"M", "thread_name", "", 0, 0},
      {"X", "run 1", "run", 0, 2},     {"X", "conv", "Conv2D", 0, 1.5},
      {"X", "relu", "Relu", 1.5, 0.5}, {"X", "run 2", "run", 2, 0.25},
      {"X", "conv", "Conv2D", 2, 0},   {"X", "relu", "Relu", 2, 0.25},
  };
  ASSERT_EQ(events->array.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(i);
    const Json& e = events->array[i];
    EXPECT_EQ(Str(e, "ph"), expected[i].ph);
    EXPECT_EQ(Str(e, "name"), expected[i].name);
    EXPECT_EQ(Find(e, "pid")->number, 1);
    ASSERT_NE(Find(e, "tid"), nullptr);
    if (std::string(expected[i].ph) == "M") continue;
    EXPECT_EQ(Str(e, "cat"), expected[i].cat);
    EXPECT_DOUBLE_EQ(Find(e, "ts")->number, expected[i].ts);
    EXPECT_DOUBLE_EQ(Find(e, "dur")->number, expected[i].dur);
  }
  EXPECT_EQ(Str(*Find(events->array[0], "args"), "name"), "modelbench benchmark m.pb");
  const Json* conv_args = Find(events->array[3], "args");
  EXPECT_EQ(Str(*conv_args, "op_type"), "Conv2D");
  EXPECT_EQ(Str(*conv_args, "output_shape"), "[1,2]");
  EXPECT_EQ(Find(*conv_args, "flops")->number, 10);
  // Unknown FLOPs are left out rather than written as a number.
  EXPECT_EQ(Find(*Find(events->array[4], "args"), "flops"), nullptr);
}

TEST(TraceReportTest, NoRunsIsAValidEmptyTrace) {
  TraceInput input = TwoStepsTwoRuns();
  input.runs.clear();
  auto text = ChromeTraceJson(input);
  ASSERT_TRUE(text.ok());
  auto doc = ParseJson(*text);
  ASSERT_TRUE(doc);
  EXPECT_EQ(Find(*doc, "traceEvents")->array.size(), 2u);  // the two metadata events
}

TEST(TraceReportTest, StepCountMismatchIsAnError) {
  TraceInput input = TwoStepsTwoRuns();
  input.runs[1].step_ns.pop_back();
  auto text = ChromeTraceJson(input);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), "trace: run 1 has 1 step times for 2 steps");
}

TEST(TraceReportTest, NamesAreEscaped) {
  TraceInput input;
  input.steps = {{"a\"b\\c\n", "Op", "", -1}};
  input.runs = {{0, {1}}};
  auto text = ChromeTraceJson(input);
  ASSERT_TRUE(text.ok());
  auto doc = ParseJson(*text);
  ASSERT_TRUE(doc);
  EXPECT_EQ(Str(Find(*doc, "traceEvents")->array[3], "name"), "a\"b\\c\n");
}

}  // namespace
}  // namespace mb::report
