// A self-contained HTML report: one file with inline CSS and JavaScript, no network access,
// that draws what a command knows about one or more models: facts, node counts (and time or
// FLOPs) by op type as bar charts, a per-node timeline of one profiled run, top-N tables (by
// time, FLOPs, memory), the cost table and the graph (a layered SVG drawing, or an adjacency
// list for big graphs).
//
// The C++ side only gathers data: RenderHtmlReport embeds it as JSON (schema
// "modelbench.report-data/1", docs/report_formats.md) in a <script type="application/json">
// element, and the page's script renders it. Sections whose data a command does not have
// (times for summarize and analyze) are left out. The inputs are generic so that any command
// (summarize, analyze, benchmark, compare) can fill them: a report holds any number of
// models and of free-form tables.
#ifndef MODELBENCH_REPORT_HTML_REPORT_H_
#define MODELBENCH_REPORT_HTML_REPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analysis/cost_analysis.h"
#include "analysis/summary.h"
#include "base/status.h"
#include "ir/graph.h"

namespace mb::report {

inline constexpr const char* kHtmlDataSchema = "modelbench.report-data/1";

// A table shown as is, e.g. compare's side-by-side figures.
struct HtmlTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;  // a line under the table; may be empty
};

struct HtmlNode {
  std::string name;
  std::string op_type;
  std::string output_shape;        // may be empty
  std::vector<int> inputs;         // indices into HtmlModel::nodes of the nodes feeding this one
  bool reads_graph_input = false;  // reads a value no node produces that is no constant
  bool has_cost = false;           // the fields below are set
  int64_t parameters = 0;
  int64_t flops = 0;
  int64_t macs = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  double time_ns = -1;  // mean measured time per run; < 0 when not measured
};

// One step of the profiled run drawn in the timeline.
struct HtmlTimelineStep {
  int node = 0;  // index into HtmlModel::nodes
  int64_t start_ns = 0;
  int64_t duration_ns = 0;
};

struct HtmlModel {
  std::string label;                                       // e.g. the model path
  std::vector<std::pair<std::string, std::string>> facts;  // shown in order
  std::vector<analysis::OpTypeCount> op_types;             // node counts; empty: counted from nodes
  std::string flops_convention;  // "full", "tf"; empty when there is no cost
  std::vector<HtmlNode> nodes;
  std::vector<int> cost_order;  // the nodes with a cost, in the cost table's order
  int profiled_runs = 0;        // runs that time_ns averages
  std::vector<HtmlTimelineStep> timeline;
};

struct HtmlReport {
  std::string title;              // e.g. "modelbench benchmark resnet20_cifar10.pb"
  std::string command;            // "summarize", "analyze", "benchmark", "compare"
  std::vector<HtmlTable> tables;  // shown first, before the models
  std::vector<HtmlModel> models;
};

// The whole HTML document.
std::string RenderHtmlReport(const HtmlReport& report);
// RenderHtmlReport written to `path` atomically (a failed write leaves no partial file).
Status WriteHtmlReport(const std::string& path, const HtmlReport& report);

// Helpers that fill an HtmlModel from what the analyses produce.

// One HtmlNode per graph node (same index as the NodeId), with data edges, output shapes as
// far as known, and the model's path, format, producer, file size and node count as facts.
HtmlModel HtmlModelFromGraph(const ir::Graph& graph, const ir::ModelInfo& info);
// Facts of a summary: inputs, outputs, parameters, op types (replaces the op type counts).
void AddSummary(const analysis::ModelSummary& summary, HtmlModel* model);
// Cost per node, the convention and the totals as facts.
void AddCost(const analysis::CostReport& cost, HtmlModel* model);
// Profiled runs: runs_ns[r][s] is step s's time in run r, step_nodes[s] the node of step s.
// Sets each node's mean time and draws the run whose total is the median as the timeline.
// Runs whose length differs from step_nodes are ignored.
void AddProfile(const std::vector<ir::NodeId>& step_nodes,
                const std::vector<std::vector<int64_t>>& runs_ns, HtmlModel* model);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_HTML_REPORT_H_
