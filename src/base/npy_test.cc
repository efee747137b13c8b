#include "base/npy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::ReadTextFile;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Written by numpy for the TF.js run recorded in meta.json beside them (shapes from there).
std::string EmotionPath(const std::string& file) {
  return SourcePath("../shared/samples/tf/emotion/" + file);
}

float FloatAt(const std::string& data, size_t index) {
  float value;
  std::memcpy(&value, data.data() + index * sizeof(float), sizeof(float));
  return value;
}

// A .npy file built by hand, independently of SerializeNpy: magic, version, little-endian
// header length (2 bytes for 1.0, 4 for 2.0), header text, data.
std::string HandMadeNpy(const std::string& header, const std::string& data, int major = 1) {
  std::string bytes("\x93NUMPY", 6);
  bytes += static_cast<char>(major);
  bytes += '\0';
  int length_bytes = major == 1 ? 2 : 4;
  for (int i = 0; i < length_bytes; ++i) bytes += static_cast<char>((header.size() >> (8 * i)));
  return bytes + header + data;
}

std::string F32Header(const std::string& shape) {
  return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }\n";
}

Status ParseError(const std::string& bytes) {
  auto parsed = ParseNpy(bytes);
  EXPECT_FALSE(parsed.ok()) << "parsed without error";
  return parsed.ok() ? OkStatus() : parsed.status();
}

TEST(NpyTest, ReadsNumpyWrittenInput) {
  auto array = ReadNpy(EmotionPath("input_0.npy"));
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_EQ(array->dtype, "<f4");
  EXPECT_THAT(array->shape, ElementsAre(1, 64, 64, 1));
  ASSERT_EQ(array->data.size(), 64u * 64u * 4u);
  // The first and last elements, decoded from the file's bytes (37 3e 07 3f and cc 28 d1 3e)
  // with Python's struct module.
  EXPECT_FLOAT_EQ(FloatAt(array->data, 0), 0.5282930731773376f);
  EXPECT_FLOAT_EQ(FloatAt(array->data, 4095), 0.4085143804550171f);
}

TEST(NpyTest, ReadsNumpyWrittenOutput) {
  auto array = ReadNpy(EmotionPath("output_0.npy"));
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_EQ(array->dtype, "<f4");
  EXPECT_THAT(array->shape, ElementsAre(1, 7));
  ASSERT_EQ(array->data.size(), 7u * 4u);
  // Decoded with Python's struct module; a softmax, so they sum to 1.
  const float expected[7] = {0.0010518681956455112f, 2.2338379039865686e-06f, 0.022673124447464943f,
                             3.017640301550273e-05f, 0.8835805654525757f,     0.09262966364622116f,
                             3.238653516746126e-05f};
  float sum = 0;
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_FLOAT_EQ(FloatAt(array->data, i), expected[i]) << "element " << i;
    sum += FloatAt(array->data, i);
  }
  EXPECT_NEAR(sum, 1.0f, 1e-6f);
}

TEST(NpyTest, SerializeReproducesNumpyBytesExactly) {
  for (const char* file : {"input_0.npy", "output_0.npy"}) {
    std::string original = ReadTextFile(EmotionPath(file));
    ASSERT_FALSE(original.empty()) << file;
    auto array = ParseNpy(original);
    ASSERT_TRUE(array.ok()) << file << ": " << array.status().ToString();
    EXPECT_EQ(SerializeNpy(*array), original) << file;
  }
}

TEST(NpyTest, HeaderLayoutMatchesNumpyByHand) {
  NpyArray array{"<i4", {3}, std::string(12, '\0')};
  std::string bytes = SerializeNpy(array);
  // Dict text 57 bytes, then 20 spaces of room for the first dim to grow to 21 digits, then
  // padding so that magic (6) + version (2) + length (2) + header ends at 128 with '\n'.
  ASSERT_EQ(bytes.size(), 128u + 12u);
  EXPECT_EQ(bytes.substr(0, 10), std::string("\x93NUMPY\x01\x00\x76\x00", 10));
  std::string dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }";
  ASSERT_EQ(dict.size(), 57u);
  EXPECT_EQ(bytes.substr(10, 57), dict);
  EXPECT_EQ(bytes.substr(67, 60), std::string(60, ' '));
  EXPECT_EQ(bytes[127], '\n');
}

TEST(NpyTest, ScalarAndEmptyShapesUsePythonTupleSyntax) {
  std::string scalar = SerializeNpy({"<f8", {}, std::string(8, '\0')});
  EXPECT_THAT(scalar, HasSubstr("'shape': (), }"));
  std::string empty = SerializeNpy({"|u1", {0, 5}, ""});
  EXPECT_THAT(empty, HasSubstr("'shape': (0, 5), }"));
  EXPECT_THAT(SerializeNpy({"|u1", {2, 5}, std::string(10, 'x')}), HasSubstr("(2, 5)"));
}

TEST(NpyTest, RoundTripsEveryDtypeThroughAFile) {
  std::mt19937 rng(20240601);
  std::string dir = ScratchDir();
  for (const char* dtype : {"<f4", "<f8", "<f2", "<i4", "<i8", "<i2", "<u2", "|i1", "|u1", "|b1"}) {
    NpyArray array{dtype, {2, 3, 4}, ""};
    for (size_t i = 0; i < 24 * NpyItemSize(dtype); ++i) {
      array.data += static_cast<char>(rng() & 0xff);
    }
    std::string path = dir + "/array.npy";
    ASSERT_TRUE(WriteNpy(path, array).ok()) << dtype;
    auto back = ReadNpy(path);
    ASSERT_TRUE(back.ok()) << dtype << ": " << back.status().ToString();
    EXPECT_EQ(back->dtype, array.dtype);
    EXPECT_EQ(back->shape, array.shape);
    EXPECT_EQ(back->data, array.data) << dtype;
  }
}

TEST(NpyTest, RoundTripsScalarAndEmptyArrays) {
  std::string dir = ScratchDir();
  for (const NpyArray& array : {NpyArray{"<i8", {}, std::string("\x2a\0\0\0\0\0\0\0", 8)},
                                NpyArray{"<f4", {0}, ""}, NpyArray{"<f4", {3, 0, 7}, ""}}) {
    ASSERT_TRUE(WriteNpy(dir + "/a.npy", array).ok());
    auto back = ReadNpy(dir + "/a.npy");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->shape, array.shape);
    EXPECT_EQ(back->data, array.data);
  }
}

TEST(NpyTest, ReadsVersion2Header) {
  std::string data("\x00\x00\x80\x3f\x00\x00\x00\x40", 8);  // 1.0f, 2.0f
  auto array = ParseNpy(HandMadeNpy(F32Header("(2,)"), data, 2));
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_THAT(array->shape, ElementsAre(2));
  EXPECT_FLOAT_EQ(FloatAt(array->data, 0), 1.0f);
  EXPECT_FLOAT_EQ(FloatAt(array->data, 1), 2.0f);
}

TEST(NpyTest, ReadsVersion2FromFile) {
  std::string path = ScratchDir() + "/v2.npy";
  WriteTextFile(path, HandMadeNpy(F32Header("(1,)"), std::string(4, '\0'), 2));
  auto array = ReadNpy(path);
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_THAT(array->shape, ElementsAre(1));
}

TEST(NpyTest, AcceptsPythonLiteralVariants) {
  // Double quotes, other key order, no trailing comma, extra whitespace, Python 2 longs.
  std::string header = "{ \"shape\" : (2L,3L) ,\"fortran_order\":False,'descr':'<i2'}   \n";
  auto array = ParseNpy(HandMadeNpy(header, std::string(12, '\0')));
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_EQ(array->dtype, "<i2");
  EXPECT_THAT(array->shape, ElementsAre(2, 3));
}

TEST(NpyTest, SingleByteDtypeWithByteOrderIsNormalized) {
  // cnpy and others write '<u1' where numpy writes '|u1'.
  std::string header = "{'descr': '<u1', 'fortran_order': False, 'shape': (2,), }\n";
  auto array = ParseNpy(HandMadeNpy(header, "ab"));
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  EXPECT_EQ(array->dtype, "|u1");
}

TEST(NpyTest, ItemSizes) {
  EXPECT_EQ(NpyItemSize("<f4"), 4u);
  EXPECT_EQ(NpyItemSize("<f8"), 8u);
  EXPECT_EQ(NpyItemSize("<f2"), 2u);
  EXPECT_EQ(NpyItemSize("<i4"), 4u);
  EXPECT_EQ(NpyItemSize("<i8"), 8u);
  EXPECT_EQ(NpyItemSize("<i2"), 2u);
  EXPECT_EQ(NpyItemSize("<u2"), 2u);
  EXPECT_EQ(NpyItemSize("|i1"), 1u);
  EXPECT_EQ(NpyItemSize("|u1"), 1u);
  EXPECT_EQ(NpyItemSize("|b1"), 1u);
  EXPECT_EQ(NpyItemSize(">f4"), 0u);
  EXPECT_EQ(NpyItemSize("<c8"), 0u);
  EXPECT_EQ(NpyItemSize(""), 0u);
}

TEST(NpyTest, BadMagicIsAnError) {
  std::string bytes = HandMadeNpy(F32Header("(1,)"), std::string(4, '\0'));
  bytes[1] = 'X';
  EXPECT_THAT(ParseError(bytes).message(), HasSubstr("bad magic"));
  EXPECT_THAT(ParseError("PK\x03\x04 a zip file").message(), HasSubstr("bad magic"));
}

TEST(NpyTest, EmptyInputIsAnError) { EXPECT_EQ(ParseError("").message(), "file is empty"); }

TEST(NpyTest, TruncatedPreambleIsAnError) {
  EXPECT_THAT(ParseError(std::string("\x93NUM", 4)).message(), HasSubstr("truncated"));
  EXPECT_THAT(ParseError(std::string("\x93NUMPY\x01", 7)).message(), HasSubstr("truncated"));
  EXPECT_THAT(ParseError(std::string("\x93NUMPY\x01\x00\x76", 9)).message(),
              HasSubstr("truncated header"));
  EXPECT_THAT(ParseError(std::string("\x93NUMPY\x02\x00\x76\x00\x00", 11)).message(),
              HasSubstr("truncated header"));
}

TEST(NpyTest, TruncatedHeaderIsAnError) {
  std::string bytes = HandMadeNpy(F32Header("(1,)"), "");
  Status status = ParseError(bytes.substr(0, 40));
  EXPECT_THAT(status.message(), HasSubstr("truncated header"));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
}

TEST(NpyTest, ImplausibleVersion2HeaderLengthIsAnError) {
  // A 4 GiB header length in a tiny file.
  std::string bytes("\x93NUMPY\x02\x00\xff\xff\xff\xff{}", 14);
  EXPECT_THAT(ParseError(bytes).message(), HasSubstr("implausible"));
}

TEST(NpyTest, UnknownVersionIsAnError) {
  std::string bytes = HandMadeNpy(F32Header("(1,)"), std::string(4, '\0'));
  bytes[6] = 9;
  EXPECT_THAT(ParseError(bytes).message(), HasSubstr("unknown .npy format version 9.0"));
  bytes[6] = 1;
  bytes[7] = 1;
  EXPECT_THAT(ParseError(bytes).message(), HasSubstr("unknown .npy format version 1.1"));
  bytes[6] = 3;
  bytes[7] = 0;
  EXPECT_EQ(ParseError(bytes).code(), StatusCode::kUnimplemented);
}

TEST(NpyTest, HeaderThatIsNotADictIsAnError) {
  EXPECT_THAT(ParseError(HandMadeNpy("['descr', '<f4']\n", "")).message(),
              HasSubstr("header is not a dict"));
  EXPECT_THAT(ParseError(HandMadeNpy(std::string(20, '\0'), "")).message(),
              HasSubstr("header is not a dict"));
}

TEST(NpyTest, MalformedDictIsAnError) {
  const char* headers[] = {
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ",     // unterminated dict
      "{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}",       // quote mismatch
      "{'descr' '<f4', 'fortran_order': False, 'shape': (1,)}",       // missing ':'
      "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",       // missing ','
      "{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}",      // not a Python bool
      "{'descr': '<f4', 'fortran_order': False, 'shape': [1]}",       // list, not tuple
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, x)}",    // not an integer
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,}",       // unterminated tuple
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} xyz",  // trailing bytes
      "{'descr': 4, 'fortran_order': False, 'shape': (1,)}",          // descr not a string
      "{descr: '<f4', 'fortran_order': False, 'shape': (1,)}",        // unquoted key
  };
  for (const char* header : headers) {
    Status status = ParseError(HandMadeNpy(header, std::string(4, '\0')));
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << header;
    EXPECT_THAT(status.message(), HasSubstr("header")) << header;
  }
}

TEST(NpyTest, MissingUnknownAndDuplicateKeysAreErrors) {
  EXPECT_THAT(ParseError(HandMadeNpy("{'descr': '<f4', 'fortran_order': False}", "")).message(),
              HasSubstr("header has no 'shape'"));
  EXPECT_THAT(ParseError(HandMadeNpy("{'fortran_order': False, 'shape': ()}", "")).message(),
              HasSubstr("header has no 'descr'"));
  EXPECT_THAT(ParseError(HandMadeNpy("{'descr': '<f4', 'shape': ()}", "")).message(),
              HasSubstr("header has no 'fortran_order'"));
  EXPECT_THAT(
      ParseError(HandMadeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}", ""))
          .message(),
      HasSubstr("unexpected key 'x'"));
  EXPECT_THAT(
      ParseError(
          HandMadeNpy("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': ()}", ""))
          .message(),
      HasSubstr("'descr' twice"));
}

TEST(NpyTest, FortranOrderIsUnsupported) {
  std::string header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n";
  Status status = ParseError(HandMadeNpy(header, std::string(16, '\0')));
  EXPECT_EQ(status.code(), StatusCode::kUnimplemented);
  EXPECT_THAT(status.message(), HasSubstr("fortran_order True"));
}

TEST(NpyTest, BigEndianIsUnsupported) {
  std::string header = "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n";
  Status status = ParseError(HandMadeNpy(header, std::string(4, '\0')));
  EXPECT_EQ(status.code(), StatusCode::kUnimplemented);
  EXPECT_EQ(status.message(), "big-endian dtype '>f4' is not supported");
}

TEST(NpyTest, UnsupportedDtypesAreErrors) {
  for (const char* descr : {"<c8", "<U10", "|O", "<M8[ns]", "=f4", "f4", ""}) {
    std::string header =
        std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (1,), }\n";
    Status status = ParseError(HandMadeNpy(header, std::string(16, '\0')));
    EXPECT_EQ(status.code(), StatusCode::kUnimplemented) << descr;
    EXPECT_EQ(status.message(), std::string("unsupported dtype '") + descr + "'");
  }
  std::string structured = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }";
  EXPECT_THAT(ParseError(HandMadeNpy(structured, std::string(4, '\0'))).message(),
              HasSubstr("structured dtypes"));
}

TEST(NpyTest, NegativeDimensionIsAnError) {
  Status status = ParseError(HandMadeNpy(F32Header("(2, -3)"), ""));
  EXPECT_EQ(status.message(), "shape (2, -3) has a negative dimension -3");
  // A zero elsewhere does not hide it.
  EXPECT_THAT(ParseError(HandMadeNpy(F32Header("(0, -1)"), "")).message(),
              HasSubstr("negative dimension -1"));
}

TEST(NpyTest, ElementCountOverflowIsAnError) {
  // 2^32 * 2^32 elements overflow 64 bits; so do 2^62 elements of 4 bytes.
  EXPECT_THAT(ParseError(HandMadeNpy(F32Header("(4294967296, 4294967296)"), "")).message(),
              HasSubstr("overflows"));
  EXPECT_THAT(ParseError(HandMadeNpy(F32Header("(4611686018427387904,)"), "")).message(),
              HasSubstr("overflows"));
  EXPECT_THAT(ParseError(HandMadeNpy(F32Header("(99999999999999999999,)"), "")).message(),
              HasSubstr("does not fit in 64 bits"));
}

TEST(NpyTest, TooManyDimensionsIsAnError) {
  std::string shape = "(";
  for (int i = 0; i < 65; ++i) shape += "1, ";
  shape += ")";
  EXPECT_EQ(ParseError(HandMadeNpy(F32Header(shape), std::string(4, '\0'))).code(),
            StatusCode::kUnimplemented);
}

TEST(NpyTest, ShortDataIsAnError) {
  Status status = ParseError(HandMadeNpy(F32Header("(2, 3)"), std::string(20, '\0')));
  EXPECT_EQ(status.message(),
            "truncated data: shape (2, 3) of '<f4' needs 24 data bytes, the file has 20");
}

TEST(NpyTest, LongDataIsAnError) {
  Status status = ParseError(HandMadeNpy(F32Header("(2, 3)"), std::string(25, '\0')));
  EXPECT_EQ(status.message(),
            "data longer than the shape: shape (2, 3) of '<f4' needs 24 data bytes, the file "
            "has 25");
}

TEST(NpyTest, ReadNpyChecksFileSizeBeforeAllocating) {
  // The header claims 8 TB of doubles; the file holds 8 bytes. Reading must fail on the size
  // check rather than try to allocate.
  std::string path = ScratchDir() + "/huge.npy";
  WriteTextFile(path, HandMadeNpy("{'descr': '<f8', 'fortran_order': False, "
                                  "'shape': (1000000000000,), }\n",
                                  std::string(8, '\0')));
  auto array = ReadNpy(path);
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.status().message(),
            "truncated data: shape (1000000000000,) of '<f8' needs 8000000000000 data bytes, "
            "the file has 8");
}

TEST(NpyTest, ReadNpyRejectsTruncatedAndPaddedFiles) {
  std::string original = ReadTextFile(EmotionPath("output_0.npy"));
  ASSERT_EQ(original.size(), 156u);
  std::string dir = ScratchDir();
  WriteTextFile(dir + "/short.npy", original.substr(0, 150));
  EXPECT_THAT(ReadNpy(dir + "/short.npy").status().message(), HasSubstr("truncated data"));
  WriteTextFile(dir + "/long.npy", original + "x");
  EXPECT_THAT(ReadNpy(dir + "/long.npy").status().message(), HasSubstr("data longer"));
  WriteTextFile(dir + "/header.npy", original.substr(0, 60));
  EXPECT_THAT(ReadNpy(dir + "/header.npy").status().message(), HasSubstr("truncated header"));
  WriteTextFile(dir + "/empty.npy", "");
  EXPECT_EQ(ReadNpy(dir + "/empty.npy").status().message(), "file is empty");
}

TEST(NpyTest, ReadNpyMissingFileAndDirectory) {
  EXPECT_EQ(ReadNpy("/nonexistent/a.npy").status().code(), StatusCode::kNotFound);
  EXPECT_THAT(ReadNpy(ScratchDir()).status().message(), HasSubstr("directory"));
}

TEST(NpyTest, TinyHeaderFilesReadTheSameFromDiskAndMemory) {
  // Version 1.0 with a 0- or 1-byte header ends before byte 12, where ReadNpy's first read
  // stops; both paths must give the same error and never misplace bytes.
  std::string dir = ScratchDir();
  for (const std::string& bytes : {HandMadeNpy("", "ab"), HandMadeNpy("{", "ab"),
                                   HandMadeNpy("", ""), HandMadeNpy("{}", "")}) {
    WriteTextFile(dir + "/tiny.npy", bytes);
    auto from_disk = ReadNpy(dir + "/tiny.npy");
    auto from_memory = ParseNpy(bytes);
    ASSERT_FALSE(from_disk.ok());
    ASSERT_FALSE(from_memory.ok());
    EXPECT_EQ(from_disk.status(), from_memory.status());
  }
}

TEST(NpyTest, EveryTruncationOfAValidFileIsACleanError) {
  std::string original = ReadTextFile(EmotionPath("output_0.npy"));
  ASSERT_FALSE(original.empty());
  for (size_t size = 0; size < original.size(); ++size) {
    EXPECT_FALSE(ParseNpy(original.substr(0, size)).ok()) << "size " << size;
  }
}

TEST(NpyTest, RandomHeaderDamageNeverCrashes) {
  std::string original = ReadTextFile(EmotionPath("output_0.npy"));
  ASSERT_FALSE(original.empty());
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string damaged = original;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) {
      damaged[rng() % 128] = static_cast<char>(rng() & 0xff);
    }
    auto parsed = ParseNpy(damaged);
    if (!parsed.ok()) continue;
    // Damage that still parses (a changed digit, say) must still describe the data exactly.
    size_t count = 1;
    for (int64_t dim : parsed->shape) count *= static_cast<size_t>(dim);
    EXPECT_EQ(parsed->data.size(), count * NpyItemSize(parsed->dtype));
  }
}

TEST(NpyTest, WriteNpyRejectsInconsistentArrays) {
  std::string path = ScratchDir() + "/bad.npy";
  EXPECT_EQ(WriteNpy(path, {"<f4", {2}, std::string(4, '\0')}).message(),
            path + ": shape (2,) of '<f4' needs 8 data bytes, got 4");
  EXPECT_THAT(WriteNpy(path, {">f4", {1}, std::string(4, '\0')}).message(),
              HasSubstr("unsupported dtype '>f4'"));
  EXPECT_THAT(WriteNpy(path, {"<f4", {-1}, ""}).message(), HasSubstr("negative dimension"));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(NpyTest, WriteNpyToMissingDirectoryIsAnError) {
  EXPECT_FALSE(WriteNpy("/nonexistent/dir/a.npy", {"<f4", {1}, std::string(4, '\0')}).ok());
}

}  // namespace
}  // namespace mb
