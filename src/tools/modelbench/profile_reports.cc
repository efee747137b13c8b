#include "tools/modelbench/profile_reports.h"

#include <map>

#include "analysis/cost_analysis.h"
#include "base/file.h"
#include "report/html_report.h"
#include "report/trace_report.h"

namespace mb::tools {

Status WriteProfileReports(const runtime::Session& session, std::vector<report::TraceRun> runs,
                           const ProfileReportOptions& options) {
  if (options.trace_path.empty() && options.html_path.empty()) return OkStatus();
  const ir::Graph& graph = session.graph();
  std::vector<ir::NodeId> step_nodes;
  for (const runtime::Step& step : session.steps()) step_nodes.push_back(step.node);

  // Each run's start from the first's, so the trace shows the real gaps between runs.
  std::vector<std::vector<int64_t>> runs_ns;
  const int64_t first_start = runs.empty() ? 0 : runs.front().start_ns;
  for (report::TraceRun& run : runs) {
    run.start_ns -= first_start;
    runs_ns.push_back(run.step_ns);
  }
  std::vector<report::TraceRun>& trace_runs = runs;

  // FLOPs per node (every op's cost function). A model the cost analysis cannot count still
  // gets its times: the reports then just lack FLOPs.
  auto cost = analysis::AnalyzeCost(graph, analysis::FlopsConvention::kFull);
  std::map<ir::NodeId, const analysis::NodeCost*> cost_of;
  if (cost.ok()) {
    for (const analysis::NodeCost& c : cost->nodes) cost_of[c.node] = &c;
  }

  if (!options.trace_path.empty()) {
    report::TraceInput trace;
    trace.process_name = "modelbench benchmark " + options.model_path;
    trace.model = options.model_path;
    trace.num_threads = options.num_threads;
    for (ir::NodeId id : step_nodes) {
      const ir::Node& node = graph.node(id);
      report::TraceStep step{node.name, node.op_type, "", -1};
      if (!node.outputs.empty() && graph.value(node.outputs[0]).shape.rank_known()) {
        step.output_shape = graph.value(node.outputs[0]).shape.ToString();
      }
      if (auto it = cost_of.find(id); it != cost_of.end()) step.flops = it->second->flops;
      trace.steps.push_back(std::move(step));
    }
    trace.runs = std::move(trace_runs);
    ASSIGN_OR_RETURN(std::string json, report::ChromeTraceJson(trace));
    RETURN_IF_ERROR(WriteFileAtomically(options.trace_path, json));
  }

  if (!options.html_path.empty()) {
    report::HtmlReport html{"modelbench benchmark " + options.model_path, "benchmark", {}, {}};
    report::HtmlModel model = report::HtmlModelFromGraph(graph, session.model_info());
    model.facts.insert(model.facts.begin() + 1, options.facts.begin(), options.facts.end());
    if (cost.ok()) report::AddCost(*cost, &model);
    report::AddProfile(step_nodes, runs_ns, &model);
    html.models.push_back(std::move(model));
    RETURN_IF_ERROR(report::WriteHtmlReport(options.html_path, html));
  }
  return OkStatus();
}

}  // namespace mb::tools
