#include "importers/tensorflow/graphdef_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "tests/testing/test_paths.h"

namespace mb::importers::tf {
namespace {

using ::mb::testing::ReadTextFile;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(GraphDefLoaderTest, ReadsBinaryByContent) {
  auto loaded = LoadGraphDef(SourcePath("examples/resnet20_cifar10.pb"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->encoding, GraphDefEncoding::kBinary);
  EXPECT_EQ(loaded->graph_def.node_size(), 272);
  EXPECT_EQ(loaded->graph_def.versions().producer(), 27);
}

TEST(GraphDefLoaderTest, ReadsTextByContent) {
  auto loaded = LoadGraphDef(SourcePath("examples/graphs/variables.pbtxt"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->encoding, GraphDefEncoding::kText);
  EXPECT_EQ(loaded->graph_def.node_size(), 12);
}

TEST(GraphDefLoaderTest, FileExtensionDoesNotMatter) {
  std::string dir = ScratchDir();
  std::filesystem::copy_file(SourcePath("examples/graphs/variables.pbtxt"), dir + "/model.pb");
  std::filesystem::copy_file(SourcePath("examples/graphs/function_library.pb"),
                             dir + "/model.pbtxt");
  auto text = LoadGraphDef(dir + "/model.pb");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->encoding, GraphDefEncoding::kText);
  auto binary = LoadGraphDef(dir + "/model.pbtxt");
  ASSERT_TRUE(binary.ok());
  EXPECT_EQ(binary->encoding, GraphDefEncoding::kBinary);
}

TEST(GraphDefLoaderTest, MissingFileIsAnError) {
  EXPECT_EQ(LoadGraphDef("/nonexistent/model.pb").status().message(), "no such file");
}

TEST(GraphDefLoaderTest, DirectoryIsAnError) {
  EXPECT_THAT(LoadGraphDef(ScratchDir()).status().message(), HasSubstr("is a directory"));
}

TEST(GraphDefLoaderTest, EmptyFileIsAnError) {
  std::string path = ScratchDir() + "/empty.pb";
  WriteTextFile(path, "");
  EXPECT_EQ(LoadGraphDef(path).status().message(), "file is empty");
}

TEST(GraphDefLoaderTest, RandomBytesAreAnError) {
  std::mt19937 rng(1234);
  std::string path = ScratchDir() + "/random.pb";
  for (int trial = 0; trial < 20; ++trial) {
    std::string bytes(1000 + trial * 37, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    WriteTextFile(path, bytes);
    Status status = LoadGraphDef(path).status();
    EXPECT_FALSE(status.ok()) << "trial " << trial;
    EXPECT_THAT(status.message(), HasSubstr("GraphDef")) << "trial " << trial;
  }
}

TEST(GraphDefLoaderTest, TruncatedBinaryIsAnError) {
  std::string bytes = ReadTextFile(SourcePath("examples/resnet20_cifar10.pb"));
  std::string path = ScratchDir() + "/truncated.pb";
  for (size_t cut : {size_t{1}, size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    WriteTextFile(path, bytes.substr(0, cut));
    Status status = LoadGraphDef(path).status();
    EXPECT_FALSE(status.ok()) << "cut at " << cut;
    EXPECT_THAT(status.message(), HasSubstr("truncated or corrupt")) << "cut at " << cut;
  }
}

TEST(GraphDefLoaderTest, TextSyntaxErrorGivesLineAndColumn) {
  std::string path = ScratchDir() + "/broken.pbtxt";
  WriteTextFile(path, "node {\n  name: \"a\"\n  op: Placeholder\"\n}\n");
  Status status = LoadGraphDef(path).status();
  EXPECT_THAT(status.message(), StartsWith("text-format GraphDef: line 3, column 7:"));
}

TEST(GraphDefLoaderTest, TextFieldsOfNewerTfVersionsAreSkipped) {
  std::string path = ScratchDir() + "/newer_fields.pbtxt";
  WriteTextFile(path,
                "node { name: \"a\" op: \"Relu\" colour: 3 future { x: 1 } }\n"
                "debug_info { traces { key: \"a\" value { } } }\n");
  auto loaded = LoadGraphDef(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->graph_def.node(0).op(), "Relu");
}

TEST(GraphDefLoaderTest, TextTypeMismatchIsAnError) {
  std::string path = ScratchDir() + "/type_mismatch.pbtxt";
  WriteTextFile(path, "node { name: \"a\" op: 5 }\n");
  EXPECT_THAT(LoadGraphDef(path).status().message(), HasSubstr("line 1, column"));
}

TEST(GraphDefLoaderTest, DeepTextNestingIsRefused) {
  std::string text = "node { name: \"a\" op: \"Const\" attr { key: \"value\" value { list { ";
  for (int i = 0; i < 200; ++i) text += "func { name: \"f\" attr { key: \"k\" value { list { ";
  std::string path = ScratchDir() + "/deep.pbtxt";
  WriteTextFile(path, text);
  Status status = LoadGraphDef(path).status();
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("line 1"));
}

TEST(GraphDefLoaderTest, FilesOverTwoGibibytesAreRefusedUpFront) {
  // A sparse file: 3 GiB long, no disk blocks, and nothing is read before the refusal.
  std::string path = ScratchDir() + "/huge.pb";
  WriteTextFile(path, "");
  std::filesystem::resize_file(path, uint64_t{3} << 30);
  EXPECT_EQ(LoadGraphDef(path).status().message(),
            "file is 3221225472 bytes; protobuf models are limited to 2 GiB");
  std::filesystem::remove(path);
}

TEST(GraphDefLoaderTest, TextWithNoNodesIsAnError) {
  std::string path = ScratchDir() + "/comment.pbtxt";
  WriteTextFile(path, "# nothing here\n");
  EXPECT_THAT(LoadGraphDef(path).status().message(), HasSubstr("no nodes"));
}

}  // namespace
}  // namespace mb::importers::tf
