// Formats an analysis::CostReport: an aligned text table, JSON (schema
// "modelbench.analysis/1", docs/report_formats.md) or CSV (one row per node, then a total).
#ifndef MODELBENCH_REPORT_COST_REPORT_H_
#define MODELBENCH_REPORT_COST_REPORT_H_

#include <string>

#include "analysis/cost_analysis.h"
#include "ir/graph.h"

namespace mb::report {

std::string CostToText(const ir::Graph& graph, const analysis::CostReport& report);
std::string CostToJson(const ir::Graph& graph, const analysis::CostReport& report);
std::string CostToCsv(const ir::Graph& graph, const analysis::CostReport& report);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_COST_REPORT_H_
