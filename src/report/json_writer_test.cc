#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace mb::report {
namespace {

TEST(JsonWriterTest, NestedLayout) {
  JsonWriter json;
  json.BeginObject();
  json.Key("a").Int(-3);
  json.Key("list").BeginArray().String("x").Null().Bool(true).EndArray();
  json.Key("empty").BeginObject().EndObject();
  json.EndObject();
  EXPECT_EQ(json.str(),
            "{\n  \"a\": -3,\n  \"list\": [\n    \"x\",\n    null,\n    true\n  ],\n"
            "  \"empty\": {}\n}\n");
}

TEST(JsonWriterTest, EscapesStrings) {
  EXPECT_EQ(JsonEscape("a\"b\\c\n\x01"), "a\\\"b\\\\c\\n\\u0001");
}

TEST(JsonWriterTest, KeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(JsonEscape("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(JsonEscape("a\xff"
                       "b"),
            "a\\ufffdb");
  EXPECT_EQ(JsonEscape("\xc3"), "\\ufffd");             // truncated sequence
  EXPECT_EQ(JsonEscape("\xc0\xaf"), "\\ufffd\\ufffd");  // overlong form
}

TEST(JsonWriterTest, DoublesRoundTripAndNonFiniteIsNull) {
  JsonWriter json;
  json.BeginArray().Double(0.1).Double(1e300).Double(std::numeric_limits<double>::infinity());
  json.EndArray();
  EXPECT_EQ(json.str(), "[\n  0.1,\n  1e+300,\n  null\n]\n");
}

}  // namespace
}  // namespace mb::report
