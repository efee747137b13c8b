// The pieces of `analyze`, `benchmark` and `compare` about efficiency and memory: the device
// table compiled in from data/devices.tsv, --target and --peak parsing, and the memory
// summary (the engine's plan, or an estimate from the graph alone).
#ifndef MODELBENCH_TOOLS_MODELBENCH_EFFICIENCY_H_
#define MODELBENCH_TOOLS_MODELBENCH_EFFICIENCY_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/cost_analysis.h"
#include "analysis/memory_summary.h"
#include "analysis/roofline.h"
#include "base/status.h"
#include "ir/graph.h"
#include "runtime/session.h"

namespace mb::tools {

// data/devices.tsv as compiled in. CHECK-fails if the committed table does not parse (a
// test parses it too).
const std::vector<analysis::Device>& KnownDevices();

// --target's value (a table name or GFLOPS,GBPS); nullopt when not given.
StatusOr<std::optional<analysis::Device>> ParseTarget(const std::string& text);

// Every distinct floating-point constant read by a node that runs (not folded away).
int64_t ParameterBytes(const ir::Graph& graph);

// The memory planner over the graph's nodes in topological order, without the engine's
// fusion: each computing node's outputs live from it to their last reader (graph outputs to
// the end). Nodes with unknown output shapes are left out. REQUIRES: shapes inferred.
StatusOr<analysis::MemorySummary> EstimateMemory(const ir::Graph& graph);

// The engine's real plan. REQUIRES: session prepared.
analysis::MemorySummary EngineMemory(const runtime::Session& session);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_EFFICIENCY_H_
