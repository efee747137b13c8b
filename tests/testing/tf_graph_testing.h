// Helpers for tests that start from a TensorFlow graph written in text format.
#ifndef MODELBENCH_TESTS_TESTING_TF_GRAPH_TESTING_H_
#define MODELBENCH_TESTS_TESTING_TF_GRAPH_TESTING_H_

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>

#include "importers/tensorflow/graphdef_importer.h"

namespace mb::testing {

// Parses `text` as a text-format GraphDef (a test failure if it does not parse) and imports it.
inline StatusOr<ir::Graph> ImportTextGraph(const std::string& text) {
  tfproto::GraphDef graph_def;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph_def)) << text;
  return importers::tf::ImportGraphDef(std::move(graph_def));
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_TF_GRAPH_TESTING_H_
