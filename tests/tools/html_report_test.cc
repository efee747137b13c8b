// modelbench's HTML reports rendered in headless Chromium (Debian `chromium`, installed by
// scripts/install-deps.sh): the page must draw without script errors and show the expected
// data. Chromium runs the page's script, then --dump-dom prints the resulting DOM; the test
// reads the drawn sections (by id) after removing the <script> elements, so data that sits
// only in the embedded JSON does not count as shown.
//
// Expected values are facts of the ResNet-20 example (examples/README.md): 272 nodes in the
// file (100 Const, 97 Identity reads of them, 75 others), 74 nodes the engine executes, and
// 40,551,040 MACs (tests/tools/modelbench_analyze_test.cc works them out).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kChromium = "/usr/bin/chromium";

struct Page {
  std::string dom;  // the DOM after scripts ran, without <script> and <style> contents
  std::string log;  // Chromium's stderr, with the page's console messages
};

std::string WithoutElements(std::string html, const std::string& tag) {
  const std::string open = "<" + tag, close = "</" + tag + ">";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
    const size_t end = html.find(close, at);
    if (end == std::string::npos) break;
    html.erase(at, end + close.size() - at);
  }
  return html;
}

// Runs `modelbench <command> MODEL --html=...` and renders the report; `dir` is the test's
// scratch directory.
Page RenderReport(const std::string& command, const std::string& model, const std::string& flags,
                  const std::string& dir) {
  const std::string html = dir + "/report.html";
  auto made = RunCommand(
      BinaryPath("bin/modelbench") + " " + command + " " + model + " " + flags + " --html=" + html,
      dir);
  EXPECT_EQ(made.exit_code, 0) << made.err;
  if (!std::filesystem::exists(kChromium)) {
    ADD_FAILURE() << kChromium << " not found: this test renders the HTML report in headless "
                  << "Chromium. Install Debian's chromium package (scripts/install-deps.sh).";
    return {};
  }
  // --no-sandbox: tests may run as root, where Chromium's sandbox refuses to start. A profile
  // directory of its own lets tests run in parallel. --virtual-time-budget lets the page's
  // script finish before the DOM is dumped.
  auto rendered = RunCommand(std::string("timeout 120 ") + kChromium +
                                 " --headless --disable-gpu --no-sandbox --no-first-run"
                                 " --user-data-dir=" +
                                 dir +
                                 "/chromium-profile --enable-logging=stderr"
                                 " --virtual-time-budget=5000 --dump-dom file://" +
                                 html,
                             dir);
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  return {WithoutElements(WithoutElements(rendered.out, "script"), "style"), rendered.err};
}

Page RenderResNet20(const std::string& command, const std::string& flags) {
  return RenderReport(command, SourcePath("examples/resnet20_cifar10.pb"), flags, ScratchDir());
}

// The drawn section with this id, from its start tag to its end.
std::string Section(const std::string& dom, const std::string& id) {
  const size_t begin = dom.find("<section id=\"" + id + "\"");
  if (begin == std::string::npos) return "";
  return dom.substr(begin, dom.find("</section>", begin) - begin);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void ExpectDrawnWithoutErrors(const Page& page) {
  EXPECT_THAT(page.dom, HasSubstr("<div id=\"render-status\" class=\"ok\">ok</div>"))
      << "the report's script failed; its error is in #render-status";
  // The page logs nothing; a console line is an uncaught error or a warning.
  EXPECT_THAT(page.log, Not(HasSubstr(":CONSOLE")));
}

TEST(HtmlReportChromiumTest, Benchmark) {
  const Page page = RenderResNet20("benchmark", "--runs=3 --warmup=0");
  ExpectDrawnWithoutErrors(page);
  const std::string facts = Section(page.dom, "m0-facts");
  EXPECT_THAT(facts, HasSubstr("resnet20_cifar10.pb"));
  EXPECT_THAT(facts, HasSubstr(">Nodes</td><td data-v=\"272\">272</td>"));
  EXPECT_THAT(facts, HasSubstr(">Latency</td>"));
  // Time by op type: a bar per op type the engine ran, the convolutions among them.
  const std::string by_time = Section(page.dom, "m0-op-time");
  EXPECT_THAT(by_time, HasSubstr(">Conv2D</text>"));
  EXPECT_THAT(by_time, HasSubstr(">FusedBatchNormV3</text>"));
  // The timeline: one bar per executed step.
  EXPECT_EQ(Count(Section(page.dom, "m0-timeline"), "<rect "), 74u);
  EXPECT_EQ(Count(Section(page.dom, "m0-top-time"), "<tr>"), 1u + 15u);  // header + top 15
  const std::string cost = Section(page.dom, "m0-cost");
  EXPECT_THAT(cost, HasSubstr(">stage1/block1/conv1/Conv2D</td>"));
  EXPECT_THAT(cost, HasSubstr(">40,551,040</td>"));  // total MACs
  const std::string graph = Section(page.dom, "m0-graph");
  EXPECT_EQ(Count(graph, "class=\"node\""), 75u);
  EXPECT_THAT(graph, HasSubstr("75 nodes; 197 constant nodes"));
}

TEST(HtmlReportChromiumTest, Analyze) {
  const Page page = RenderResNet20("analyze", "");
  ExpectDrawnWithoutErrors(page);
  EXPECT_THAT(Section(page.dom, "m0-facts"), HasSubstr(">MACs</td><td data-v=\"40,551,040\">"));
  EXPECT_THAT(Section(page.dom, "m0-op-flops"), HasSubstr(">Conv2D</text>"));
  // No run, so no times: those sections are left out.
  EXPECT_EQ(Section(page.dom, "m0-op-time"), "");
  EXPECT_EQ(Section(page.dom, "m0-timeline"), "");
  EXPECT_EQ(Section(page.dom, "m0-top-time"), "");
  const std::string cost = Section(page.dom, "m0-cost");
  EXPECT_THAT(cost, HasSubstr(">conv1/Conv2D</td>"));
  EXPECT_THAT(cost, HasSubstr(">74 nodes</td>"));
  EXPECT_THAT(cost, Not(HasSubstr("time</th>")));
  EXPECT_EQ(Count(Section(page.dom, "m0-graph"), "class=\"node\""), 75u);
}

TEST(HtmlReportChromiumTest, Summarize) {
  const Page page = RenderResNet20("summarize", "");
  ExpectDrawnWithoutErrors(page);
  EXPECT_THAT(Section(page.dom, "m0-facts"), HasSubstr(">Nodes</td><td data-v=\"272\">272</td>"));
  const std::string counts = Section(page.dom, "m0-op-count");
  EXPECT_THAT(counts, HasSubstr(">Const</text>"));
  EXPECT_THAT(counts, HasSubstr(">100  (36.8%)</text>"));  // 100 of 272 nodes
  EXPECT_THAT(Section(page.dom, "m0-cost"), HasSubstr("no cost analysis"));
  EXPECT_EQ(Count(Section(page.dom, "m0-graph"), "class=\"node\""), 75u);
}

// Two models side by side: the figures and op-type tables first, then each model's sections.
// ResNet-20 runs 74 nodes, 19 of them Conv2D (examples/README.md); control_edges.pbtxt runs 6,
// none a convolution.
TEST(HtmlReportChromiumTest, Compare) {
  const Page page = RenderReport("compare",
                                 SourcePath("examples/resnet20_cifar10.pb") + " " +
                                     SourcePath("examples/graphs/control_edges.pbtxt"),
                                 "--static", ScratchDir());
  ExpectDrawnWithoutErrors(page);
  const std::string figures = Section(page.dom, "t0");
  EXPECT_THAT(figures, HasSubstr("A and B"));
  EXPECT_THAT(figures, HasSubstr(">Nodes</td>"));
  EXPECT_THAT(figures, HasSubstr(">74</td>"));
  const std::string op_types = Section(page.dom, "t1");
  EXPECT_THAT(op_types, HasSubstr(">Conv2D</td>"));
  EXPECT_THAT(op_types, HasSubstr(">-19</td>"));
  EXPECT_THAT(Section(page.dom, "m0-facts"), HasSubstr("resnet20_cifar10.pb"));
  EXPECT_THAT(Section(page.dom, "m1-facts"), HasSubstr("control_edges.pbtxt"));
  EXPECT_NE(Section(page.dom, "m1-graph"), "");
}

// A chain of 600 Relu nodes is too big to draw: the page lists the nodes with their inputs.
// A node name with markup shows as text and runs nothing.
TEST(HtmlReportChromiumTest, BigGraphAndHostileNames) {
  const std::string dir = ScratchDir();
  std::string graph =
      "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } "
      "attr { key: 'shape' value { shape { dim { size: 2 } } } } }\n";
  std::string previous = "x";
  for (int i = 0; i < 600; ++i) {
    // Appended piece by piece: `"r" + std::to_string(i)` trips GCC 12's -Wrestrict.
    std::string name = "r";
    name.append(std::to_string(i));
    if (i == 5) name = "</script><img src=x onerror=alert(1)>";
    graph += "node { name: '" + name + "' op: 'Relu' input: '" + previous + "' }\n";
    previous = name;
  }
  mb::testing::WriteTextFile(dir + "/big.pbtxt", graph);
  const Page page = RenderReport("analyze", dir + "/big.pbtxt", "", dir);
  ExpectDrawnWithoutErrors(page);
  const std::string drawn = Section(page.dom, "m0-graph");
  EXPECT_THAT(drawn, HasSubstr("601 nodes are too many to draw"));
  EXPECT_THAT(drawn, HasSubstr(">r599</td><td data-v=\"Relu\">Relu</td>"));
  EXPECT_THAT(drawn, HasSubstr(">&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</td>"));
  EXPECT_THAT(page.dom, Not(HasSubstr("<img")));
  EXPECT_THAT(Section(page.dom, "m0-facts"), HasSubstr(">Nodes</td><td data-v=\"601\">601</td>"));
}

}  // namespace
}  // namespace mb
