#include "tools/common/tf_flags.h"

#include <gtest/gtest.h>

#include <sstream>

namespace mb::tools {
namespace {

// Owns argv storage for a parse.
class Args {
 public:
  explicit Args(std::vector<std::string> args) : storage_(std::move(args)) {
    for (std::string& arg : storage_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
    argc_ = static_cast<int>(storage_.size());
  }
  int* argc() { return &argc_; }
  char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<char*> pointers_;
  int argc_;
};

struct Fixture {
  std::string graph = "/data/local/tmp/tensorflow_inception_graph.pb";
  int32_t runs = 1000;
  bool show = true;
  std::vector<TfFlag> flags() {
    return {TfFlag("graph", &graph, "graph file name"), TfFlag("max_num_runs", &runs, "runs"),
            TfFlag("show_flops", &show, "show flops")};
  }
};

TEST(TfFlagsTest, ParsesEachFlagForm) {
  Fixture f;
  Args args({"tool", "--graph=a.pb", "--max_num_runs=12", "--show_flops=false"});
  std::ostringstream log;
  EXPECT_TRUE(ParseTfFlags(args.argc(), args.argv(), f.flags(), log));
  EXPECT_EQ(f.graph, "a.pb");
  EXPECT_EQ(f.runs, 12);
  EXPECT_FALSE(f.show);
  EXPECT_EQ(*args.argc(), 1);
}

TEST(TfFlagsTest, BareBoolMeansTrueAndOtherSpellingsFail) {
  Fixture f;
  f.show = false;
  Args bare({"tool", "--show_flops"});
  std::ostringstream log;
  EXPECT_TRUE(ParseTfFlags(bare.argc(), bare.argv(), f.flags(), log));
  EXPECT_TRUE(f.show);
  for (const char* spelling : {"--show_flops=1", "--show_flops=True", "--show_flops=0"}) {
    Args bad({"tool", spelling});
    EXPECT_FALSE(ParseTfFlags(bad.argc(), bad.argv(), f.flags(), log)) << spelling;
    EXPECT_EQ(*bad.argc(), 1) << "a bad bool value still counts as the flag";
  }
}

TEST(TfFlagsTest, IntegerMustBeWhole) {
  Fixture f;
  Args args({"tool", "--max_num_runs=10x"});
  std::ostringstream log;
  EXPECT_FALSE(ParseTfFlags(args.argc(), args.argv(), f.flags(), log));
  EXPECT_EQ(log.str(), "Couldn't interpret value 10x for flag max_num_runs.\n");
  EXPECT_EQ(f.runs, 1000);
}

TEST(TfFlagsTest, SpaceSeparatedValueIsNotAccepted) {
  Fixture f;
  Args args({"tool", "--graph", "a.pb"});
  std::ostringstream log;
  EXPECT_TRUE(ParseTfFlags(args.argc(), args.argv(), f.flags(), log));
  ASSERT_EQ(*args.argc(), 3);
  EXPECT_STREQ(args.argv()[1], "--graph");
  EXPECT_STREQ(args.argv()[2], "a.pb");
}

TEST(TfFlagsTest, UnknownArgumentsAndDoubleDashPassThrough) {
  Fixture f;
  Args args({"tool", "--num_runs=5", "--graph=g", "--", "--max_num_runs=3"});
  std::ostringstream log;
  EXPECT_TRUE(ParseTfFlags(args.argc(), args.argv(), f.flags(), log));
  ASSERT_EQ(*args.argc(), 4);
  EXPECT_STREQ(args.argv()[1], "--num_runs=5");
  EXPECT_STREQ(args.argv()[2], "--");
  EXPECT_STREQ(args.argv()[3], "--max_num_runs=3");
  EXPECT_EQ(f.runs, 1000);
}

TEST(TfFlagsTest, HelpAsFirstLeftoverFailsTheParse) {
  Fixture f;
  Args args({"tool", "--help"});
  std::ostringstream log;
  EXPECT_FALSE(ParseTfFlags(args.argc(), args.argv(), f.flags(), log));
}

TEST(TfFlagsTest, UsageLayout) {
  Fixture f;
  EXPECT_EQ(TfFlagsUsage("tool", f.flags()),
            "usage: tool\n"
            "Flags:\n"
            "\t--graph=\"/data/local/tmp/tensorflow_inception_graph.pb\"\tstring\tgraph file name\n"
            "\t--max_num_runs=1000              \tint32\truns\n"
            "\t--show_flops=true                \tbool\tshow flops\n");
}

TEST(TfLoggerTest, PrefixMatchesTensorFlow) {
  std::ostringstream out;
  TfLogger logger(out, "tensorflow/tools/x.cc");
  logger.set_fixed_time_us(0);
  logger.Error(42, "boom");
  // The date depends on the local time zone; the rest of the layout does not.
  const std::string line = out.str();
  EXPECT_EQ(line.size(),
            std::string("1970-01-01 00:00:00.000000: E tensorflow/tools/x.cc:42] boom\n").size());
  EXPECT_EQ(line.substr(19), ".000000: E tensorflow/tools/x.cc:42] boom\n");
}

}  // namespace
}  // namespace mb::tools
