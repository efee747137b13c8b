// The HTML report's document and embedded data, checked without a browser (the headless
// Chromium test, tests/tools/html_report_test.cc, checks what the page draws).
#include "report/html_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/json_parse.h"

namespace mb::report {
namespace {

using ::mb::testing::Json;
using ::mb::testing::ParseJson;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

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
bool IsNull(const Json* json) { return json != nullptr && json->type == Json::Type::kNull; }

// x (input) -> conv(x, w) -> relu -> "</script><b>" ; w is a Const node.
ir::Graph SmallGraph() {
  ir::Graph g;
  const ir::ValueId x = g.AddValue({"x", ir::DType::kFloat32, ir::Shape::Static({1, 2})});
  g.inputs().push_back(x);
  auto add = [&](const std::string& name, const std::string& op, std::vector<ir::ValueId> inputs,
                 ir::Shape shape) {
    ir::Node node;
    node.name = name;
    node.op_type = op;
    node.inputs = std::move(inputs);
    const ir::NodeId id = static_cast<ir::NodeId>(g.nodes().size());
    ir::Value value{name, ir::DType::kFloat32, shape, id, 0, nullptr};
    node.outputs = {g.AddValue(value)};
    g.AddNode(std::move(node));
    return g.nodes().back().outputs[0];
  };
  const ir::ValueId w = add("w", "Const", {}, ir::Shape::Static({2, 2}));
  const ir::ValueId y = add("conv", "Conv2D", {x, w}, ir::Shape::Static({1, 2}));
  const ir::ValueId z = add("relu", "Relu", {y}, ir::Shape::UnknownRank());
  add("</script><b>", "Relu", {z}, ir::Shape::Static({1, 2}));
  return g;
}

ir::ModelInfo Info() {
  ir::ModelInfo info;
  info.path = "dir/m.pb";
  info.format = "TensorFlow GraphDef (binary)";
  info.file_bytes = 2048;
  return info;
}

// The JSON inside <script type="application/json" id="report-data">.
Json EmbeddedData(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const size_t begin = html.find(open);
  EXPECT_NE(begin, std::string::npos);
  const size_t end = html.find("</script>", begin);
  std::string error;
  auto data = ParseJson(html.substr(begin + open.size(), end - begin - open.size()), &error);
  EXPECT_TRUE(data) << error;
  return data ? *data : Json();
}

TEST(HtmlReportTest, SelfContainedAndEscaped) {
  HtmlReport report{"<t&>", "analyze", {}, {}};
  report.models.push_back(HtmlModelFromGraph(SmallGraph(), Info()));
  const std::string html = RenderHtmlReport(report);
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n"));
  EXPECT_THAT(html, HasSubstr("<title>&lt;t&amp;&gt;</title>"));
  // Nothing is fetched: no external scripts, styles, images or links.
  EXPECT_THAT(html, Not(HasSubstr(" src=")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  // The node name cannot close the data element: only the two real script elements end.
  size_t closes = 0;
  for (size_t at = html.find("</script>"); at != std::string::npos;
       at = html.find("</script>", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 2u);
  EXPECT_THAT(html, HasSubstr("\\u003c/script>\\u003cb>"));
  EXPECT_THAT(html, HasSubstr("<div id=\"render-status\">"));
}

TEST(HtmlReportTest, GraphNodesEdgesAndFacts) {
  HtmlReport report{"t", "summarize", {}, {}};
  report.models.push_back(HtmlModelFromGraph(SmallGraph(), Info()));
  const Json data = EmbeddedData(RenderHtmlReport(report));
  EXPECT_EQ(Str(data, "schema"), "modelbench.report-data/1");
  EXPECT_EQ(Str(data, "command"), "summarize");
  const Json& model = Find(data, "models")->array.at(0);
  EXPECT_EQ(Str(model, "label"), "dir/m.pb");
  const auto& facts = Find(model, "facts")->array;
  ASSERT_EQ(facts.size(), 4u);  // no producer: left out
  EXPECT_EQ(facts[0].array[0].string + "=" + facts[0].array[1].string, "Model=dir/m.pb");
  EXPECT_EQ(facts[2].array[1].string, "2.0 KiB (2,048 bytes)");
  EXPECT_EQ(facts[3].array[0].string + "=" + facts[3].array[1].string, "Nodes=4");
  const auto& nodes = Find(model, "nodes")->array;
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(Str(nodes[1], "name"), "conv");
  EXPECT_EQ(Str(nodes[1], "output_shape"), "[1,2]");
  EXPECT_EQ(Str(nodes[2], "output_shape"), "");  // unknown rank
  EXPECT_EQ(Str(nodes[3], "name"), "</script><b>");
  // conv reads the graph input (no producer node) and w (node 0).
  ASSERT_EQ(Find(nodes[1], "inputs")->array.size(), 1u);
  EXPECT_EQ(Find(nodes[1], "inputs")->array[0].number, 0);
  EXPECT_EQ(Find(nodes[3], "inputs")->array[0].number, 2);
  // Reading the graph input is what keeps conv from being taken for a constant.
  EXPECT_TRUE(Find(nodes[1], "reads_graph_input")->boolean);
  EXPECT_FALSE(Find(nodes[2], "reads_graph_input")->boolean);
  EXPECT_TRUE(IsNull(Find(nodes[1], "cost")));
  EXPECT_TRUE(IsNull(Find(nodes[1], "time_ns")));
  EXPECT_TRUE(Find(model, "timeline")->array.empty());
}

TEST(HtmlReportTest, CostAndProfile) {
  ir::Graph graph = SmallGraph();
  HtmlModel model = HtmlModelFromGraph(graph, Info());
  analysis::CostReport cost;
  analysis::NodeCost conv;
  conv.node = 1;
  conv.output_shape = "[1,2]";
  conv.parameters = 4;
  conv.flops = 8;
  conv.macs = 4;
  conv.bytes_read = 24;
  conv.bytes_written = 8;
  cost.nodes = {conv};
  cost.total = conv;
  cost.uncounted_op_types = {{"Relu", 2}};
  AddCost(cost, &model);
  // Steps conv, relu. Run totals 110, 330, 220 ns: the median run is the third. The 3-step
  // run does not match the 2 steps and is ignored.
  AddProfile({1, 2}, {{100, 10}, {300, 30}, {1, 2, 3}, {200, 20}}, &model);
  HtmlReport report{"t", "benchmark", {}, {model}};
  report.tables.push_back({"Compare", {"", "A", "B"}, {{"FLOPs", "1", "2"}}, "a note"});
  const Json data = EmbeddedData(RenderHtmlReport(report));

  const Json& table = Find(data, "tables")->array.at(0);
  EXPECT_EQ(Str(table, "title"), "Compare");
  EXPECT_EQ(Find(table, "rows")->array[0].array[2].string, "2");
  const Json& m = Find(data, "models")->array.at(0);
  EXPECT_EQ(Str(m, "flops_convention"), "full");
  EXPECT_EQ(Find(m, "profiled_runs")->number, 3);
  ASSERT_EQ(Find(m, "cost_order")->array.size(), 1u);
  EXPECT_EQ(Find(m, "cost_order")->array[0].number, 1);
  const auto& nodes = Find(m, "nodes")->array;
  const Json* c = Find(nodes[1], "cost");
  ASSERT_EQ(c->type, Json::Type::kObject);
  EXPECT_EQ(Find(*c, "flops")->number, 8);
  EXPECT_EQ(Find(*c, "bytes_read")->number, 24);
  EXPECT_TRUE(IsNull(Find(nodes[2], "cost")));
  EXPECT_EQ(Find(nodes[1], "time_ns")->number, 200);  // (100 + 300 + 200) / 3
  EXPECT_EQ(Find(nodes[2], "time_ns")->number, 20);   // (10 + 30 + 20) / 3
  EXPECT_TRUE(IsNull(Find(nodes[3], "time_ns")));
  const auto& timeline = Find(m, "timeline")->array;
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0].array[0].number, 1);
  EXPECT_EQ(timeline[0].array[1].number, 0);
  EXPECT_EQ(timeline[0].array[2].number, 200);
  EXPECT_EQ(timeline[1].array[0].number, 2);
  EXPECT_EQ(timeline[1].array[1].number, 200);
  EXPECT_EQ(timeline[1].array[2].number, 20);
  bool uncounted = false;
  for (const Json& fact : Find(m, "facts")->array) {
    uncounted |= fact.array[0].string == "Not counted" && fact.array[1].string == "2 Relu";
  }
  EXPECT_TRUE(uncounted);
}

}  // namespace
}  // namespace mb::report
