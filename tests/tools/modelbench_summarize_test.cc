// `modelbench summarize`, run as a user runs it. Expected facts are worked out by hand from
// the example models' definitions (examples/README.md), not captured from the tool.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::ReadTextFile;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Modelbench() { return BinaryPath("bin/modelbench"); }

// Counts '\n'-terminated lines.
int LineCount(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(ModelbenchSummarizeTest, ResNet20Text) {
  std::string scratch = ScratchDir();
  auto result = RunCommand(
      Modelbench() + " summarize " + SourcePath("examples/resnet20_cifar10.pb"), scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  // One input, NHWC with an unknown batch shown as '?'.
  EXPECT_THAT(result.out, HasSubstr("Inputs (1)\n  net_input  float32  [?,32,32,3]\n"));
  EXPECT_THAT(result.out, HasSubstr("Outputs (1)\n  net_output"));
  EXPECT_THAT(result.out, HasSubstr("Softmax"));
  // Weights: conv 267,696 + BN 4 x 688 = 2,752 + fc 650 = 271,098 floats in 97 tensors; plus
  // 18 int32 shape constants in 3 tensors (2 shortcut paddings x 8 + 2 mean axes), 72 bytes.
  // 97 + 3 = 100 Const nodes; the shortcuts' MaxPool subsampling takes no constant inputs.
  EXPECT_THAT(result.out, HasSubstr("Parameters  271,098 floating-point; 271,116 elements in "
                                    "100 constant tensors"));
  EXPECT_THAT(result.out, HasSubstr("  float32           97      271,098    1,084,392\n"));
  EXPECT_THAT(result.out, HasSubstr("  int32              3           18           72\n"));
  EXPECT_THAT(result.out, HasSubstr("Op types (13)\n  100  Const\n   97  Identity\n"));
  EXPECT_THAT(result.out, HasSubstr("Nodes       272\n"));
  EXPECT_THAT(result.out, HasSubstr("File size   1.1 MiB (1,113,947 bytes)"));
}

TEST(ModelbenchSummarizeTest, ResNet20Json) {
  std::string scratch = ScratchDir();
  auto result = RunCommand(
      Modelbench() + " summarize --format=json " + SourcePath("examples/resnet20_cifar10.pb"),
      scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string& json = result.out;
  EXPECT_THAT(json, StartsWith("{\n  \"schema\": \"modelbench.summary/1\",\n"));
  EXPECT_THAT(json, HasSubstr("\"name\": \"net_input\",\n      \"dtype\": \"float32\",\n"
                              "      \"shape\": [\n        null,\n        32,\n        32,\n"
                              "        3\n      ],"));
  EXPECT_THAT(json, HasSubstr("\"floating_point\": 271098,"));
  EXPECT_THAT(json, HasSubstr("\"constant_elements\": 271116,"));
  EXPECT_THAT(json, HasSubstr("\"file_bytes\": 1113947,\n"));
  EXPECT_THAT(json, HasSubstr("\"properties\": {\n      \"graph_def_producer\": \"27\"\n    }"));
  EXPECT_THAT(json, HasSubstr("\"op_type\": \"Conv2D\",\n      \"count\": 19\n"));
  EXPECT_EQ(json.back(), '\n');
}

TEST(ModelbenchSummarizeTest, FunctionBodiesCountInOpTypes) {
  std::string scratch = ScratchDir();
  auto result = RunCommand(
      Modelbench() + " summarize " + SourcePath("examples/graphs/function_library.pb"), scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // 3 top-level nodes; square_plus_one has Mul, Const, AddV2 and unused_helper one Relu.
  EXPECT_THAT(result.out, HasSubstr("Nodes       3 (+4 in 2 functions)\n"));
  EXPECT_THAT(result.out, HasSubstr("  1  AddV2\n"));
  EXPECT_THAT(result.out, HasSubstr("  1  Relu\n"));
}

TEST(ModelbenchSummarizeTest, VariablesAndControlEdges) {
  std::string scratch = ScratchDir();
  auto result = RunCommand(
      Modelbench() + " summarize " + SourcePath("examples/graphs/variables.pbtxt"), scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Variables (2)\n  w  float32  [4,2]"));
  EXPECT_THAT(result.out, HasSubstr("  b  float32  [2]"));
  EXPECT_THAT(result.out, HasSubstr("Control edges  2\n"));
  EXPECT_THAT(result.out, HasSubstr("Format      TensorFlow GraphDef (text)"));
}

TEST(ModelbenchSummarizeTest, OutputFileIsWrittenWhole) {
  std::string scratch = ScratchDir();
  std::string report = scratch + "/summary.json";
  auto result = RunCommand(Modelbench() + " summarize --format=json --output=" + report + " " +
                               SourcePath("examples/graphs/multi_io.pbtxt"),
                           scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  std::string json = ReadTextFile(report);
  EXPECT_THAT(json, HasSubstr("\"name\": \"label\",\n      \"dtype\": \"string\",\n"
                              "      \"shape\": [],"));
  // `scale` has no shape attr: unknown rank is null.
  EXPECT_THAT(json, HasSubstr("\"name\": \"scale\",\n      \"dtype\": \"float32\",\n"
                              "      \"shape\": null,"));
  // Only the report itself is left in the directory: no temporary file.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(scratch)) {
    files += entry.path().filename().string().find("summary.json") == 0;
  }
  EXPECT_EQ(files, 1);
}

// The CSV form of examples/graphs/multi_io.pbtxt, worked out from the file: 19 nodes; inputs
// are the 4 Placeholders in file order (ids has size -1: "[?]"; label a scalar; scale no
// shape attr: unknown rank, an empty value); outputs are the unread non-Const nodes features
// (Relu), ids_float (Cast) and label_out (Identity), with nothing inferred (empty dtype and
// shape). Constants: offset float32 [3] (12 B), gain float32 [1,1,1,3] (12 B), paddings
// int32 [4,2] (32 B), training/input bool scalar (1 B), prefix string "label:" (6 B): 5
// tensors, 16 elements, 6 floating-point, 63 bytes. Op types by count, then name. The model
// is copied to a name with a comma and quotes, so the path field must be quoted (RFC 4180).
TEST(ModelbenchSummarizeTest, MultiIoCsv) {
  std::string scratch = ScratchDir();
  WriteTextFile(scratch + "/m,\"x\".pbtxt",
                ReadTextFile(SourcePath("examples/graphs/multi_io.pbtxt")));
  // Run from the scratch directory, so the path is exactly that name.
  auto result = RunCommand(
      "cd '" + scratch + "' && " + Modelbench() + " summarize --format=csv 'm,\"x\".pbtxt'",
      scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "section,name,field,value\n"
            "model,,path,\"m,\"\"x\"\".pbtxt\"\n"
            "model,,format,TensorFlow GraphDef (text)\n"
            "model,,producer,TensorFlow GraphDef version 27\n"
            "model,,file_bytes,4360\n"
            "property,graph_def_producer,,27\n"
            "graph,,nodes,19\n"
            "graph,,functions,0\n"
            "graph,,function_nodes,0\n"
            "graph,,control_edges,0\n"
            "input,image,dtype,float32\n"
            "input,image,shape,\"[1,8,8,3]\"\n"
            "input,image,op_type,Placeholder\n"
            "input,ids,dtype,int32\n"
            "input,ids,shape,[?]\n"
            "input,ids,op_type,Placeholder\n"
            "input,label,dtype,string\n"
            "input,label,shape,[]\n"
            "input,label,op_type,Placeholder\n"
            "input,scale,dtype,float32\n"
            "input,scale,shape,\n"
            "input,scale,op_type,Placeholder\n"
            "output,features,dtype,\n"
            "output,features,shape,\n"
            "output,features,op_type,Relu\n"
            "output,ids_float,dtype,\n"
            "output,ids_float,shape,\n"
            "output,ids_float,op_type,Cast\n"
            "output,label_out,dtype,\n"
            "output,label_out,shape,\n"
            "output,label_out,op_type,Identity\n"
            "parameters,,floating_point,6\n"
            "parameters,,constant_tensors,5\n"
            "parameters,,constant_elements,16\n"
            "parameters,,constant_bytes,63\n"
            "parameters,,shared_constants,0\n"
            "parameters_by_dtype,float32,tensors,2\n"
            "parameters_by_dtype,float32,elements,6\n"
            "parameters_by_dtype,float32,bytes,24\n"
            "parameters_by_dtype,int32,tensors,1\n"
            "parameters_by_dtype,int32,elements,8\n"
            "parameters_by_dtype,int32,bytes,32\n"
            "parameters_by_dtype,bool,tensors,1\n"
            "parameters_by_dtype,bool,elements,1\n"
            "parameters_by_dtype,bool,bytes,1\n"
            "parameters_by_dtype,string,tensors,1\n"
            "parameters_by_dtype,string,elements,1\n"
            "parameters_by_dtype,string,bytes,6\n"
            "op_type,Const,count,5\n"
            "op_type,Placeholder,count,4\n"
            "op_type,Mul,count,2\n"
            "op_type,Add,count,1\n"
            "op_type,Cast,count,1\n"
            "op_type,Identity,count,1\n"
            "op_type,Pad,count,1\n"
            "op_type,PlaceholderWithDefault,count,1\n"
            "op_type,Relu,count,1\n"
            "op_type,SelectV2,count,1\n"
            "op_type,Sub,count,1\n");
}

TEST(ModelbenchSummarizeTest, FailedRunLeavesNoReportFile) {
  std::string scratch = ScratchDir();
  std::string report = scratch + "/summary.json";
  auto result = RunCommand(
      Modelbench() + " summarize --output=" + report + " " + scratch + "/missing.pb", scratch);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(report));
}

// Each bad input: exactly one line "error: <file>: <reason>", exit status 1, no crash.
struct BadInput {
  const char* name;
  std::string contents;  // written to <scratch>/<name> unless empty and name is special
  const char* reason;
};

void PrintTo(const BadInput& bad, std::ostream* os) { *os << bad.name; }

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, OneLineErrorAndExitCodeOne) {
  const BadInput& bad = GetParam();
  std::string scratch = ScratchDir();
  std::string path = scratch + "/" + bad.name;
  if (std::string(bad.name) == "a_directory") {
    std::filesystem::create_directory(path);
  } else if (std::string(bad.name) != "missing.pb") {
    WriteTextFile(path, bad.contents);
  }
  auto result = RunCommand(Modelbench() + " summarize " + path, scratch);
  EXPECT_FALSE(result.signaled) << result.err;
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, StartsWith("error: " + path + ": "));
  EXPECT_THAT(result.err, HasSubstr(bad.reason));
}

std::string RandomBytes(int count) {
  std::mt19937 rng(42);
  std::string bytes(count, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  return bytes;
}

std::string TruncatedResNet() {
  std::string bytes = ReadTextFile(SourcePath("examples/resnet20_cifar10.pb"));
  return bytes.substr(0, bytes.size() / 3);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadInputTest,
    ::testing::Values(
        BadInput{"missing.pb", "", "no such file"}, BadInput{"a_directory", "", "is a directory"},
        BadInput{"empty.pb", "", "file is empty"},
        BadInput{"random.pb", RandomBytes(4096), "not a valid binary GraphDef"},
        BadInput{"truncated.pb", TruncatedResNet(), "truncated or corrupt"},
        // A node name that is not UTF-8: protobuf's own log line must not leak to stderr.
        BadInput{"bad_utf8.pb", std::string("\x0a\x04\x0a\x02\xff\xfe", 6),
                 "not a valid binary GraphDef"},
        BadInput{"syntax.pbtxt", "node {\n  name: \"x\"\n  op: \"Relu\n}\n",
                 "text-format GraphDef: line 3, column"},
        BadInput{"unknown_dtype.pbtxt",
                 "node { name: \"x\" op: \"Placeholder\" "
                 "attr { key: \"dtype\" value { type: 95 } } }\n",
                 "node 'x' (Placeholder): attr 'dtype': unknown dtype enum value 95"},
        BadInput{"negative_dim.pbtxt",
                 "node { name: \"x\" op: \"Placeholder\" "
                 "attr { key: \"shape\" value { shape { dim { size: -3 } } } } }\n",
                 "node 'x' (Placeholder): attr 'shape': shape has negative dimension -3"},
        BadInput{"content_size.pbtxt",
                 "node { name: \"w\" op: \"Const\" attr { key: \"value\" value { tensor { "
                 "dtype: DT_FLOAT tensor_shape { dim { size: 2 } } "
                 "tensor_content: \"\\000\\000\\000\" } } } }\n",
                 "node 'w' (Const): attr 'value': tensor_content has 3 bytes but shape [2] "
                 "of float32 needs 8"}),
    [](const ::testing::TestParamInfo<BadInput>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(ModelbenchCliTest, UsageErrorsExitWithTwo) {
  std::string scratch = ScratchDir();
  EXPECT_EQ(RunCommand(Modelbench(), scratch).exit_code, 2);
  EXPECT_EQ(RunCommand(Modelbench() + " frobnicate", scratch).exit_code, 2);
  EXPECT_EQ(RunCommand(Modelbench() + " summarize", scratch).exit_code, 2);
  auto bad_format = RunCommand(Modelbench() + " summarize --format=xml x.pb", scratch);
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_THAT(bad_format.err, HasSubstr("unknown --format 'xml'"));
  EXPECT_EQ(RunCommand(Modelbench() + " help", scratch).exit_code, 0);
}

}  // namespace
}  // namespace mb
