// Formats an analysis::CostReport: an aligned text table, JSON (schema
// "modelbench.analysis/1", docs/report_formats.md) or CSV (one row per node, then a total).
#ifndef MODELBENCH_REPORT_COST_REPORT_H_
#define MODELBENCH_REPORT_COST_REPORT_H_

#include <string>

#include "analysis/cost_analysis.h"
#include "analysis/memory_summary.h"
#include "analysis/roofline.h"
#include "ir/graph.h"

namespace mb::report {

// Optional sections: the memory summary, and a roofline projection on another device (one
// entry per report node: adds a projected time and the bound to each row).
struct CostExtras {
  const analysis::MemorySummary* memory = nullptr;
  const analysis::Projection* projection = nullptr;
};

std::string CostToText(const ir::Graph& graph, const analysis::CostReport& report,
                       const CostExtras& extras = {});
std::string CostToJson(const ir::Graph& graph, const analysis::CostReport& report,
                       const CostExtras& extras = {});
std::string CostToCsv(const ir::Graph& graph, const analysis::CostReport& report,
                      const CostExtras& extras = {});

// Shared by the reports: the memory lines of the text reports, and the "memory" and "target"
// JSON objects (written as the value after a Key()).
std::string MemoryToText(const analysis::MemorySummary& memory);
std::string ProjectionSummaryText(const analysis::Projection& projection);
class JsonWriter;
void WriteMemoryJson(const analysis::MemorySummary& memory, JsonWriter& json);
void WriteDeviceJson(const analysis::Device& device, JsonWriter& json);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_COST_REPORT_H_
