#include "tools/modelbench/efficiency.h"

#include <map>
#include <set>

#include "analysis/shape_inference.h"
#include "base/check.h"
#include "ir/topological_order.h"
#include "runtime/memory_planner.h"

namespace mb::tools {

extern const char* const kDevicesTsv;  // devices_data.cc, generated

const std::vector<analysis::Device>& KnownDevices() {
  static const std::vector<analysis::Device>* devices = [] {
    auto parsed = analysis::ParseDeviceTable(kDevicesTsv);
    MB_CHECK(parsed.ok()) << parsed.status().message();
    return new std::vector<analysis::Device>(std::move(parsed).value());
  }();
  return *devices;
}

StatusOr<std::optional<analysis::Device>> ParseTarget(const std::string& text) {
  if (text.empty()) return std::optional<analysis::Device>();
  ASSIGN_OR_RETURN(analysis::Device device, analysis::ResolveDevice(text, KnownDevices()));
  return std::optional<analysis::Device>(std::move(device));
}

namespace {

int64_t ValueBytes(const ir::Value& value) {
  auto count = value.shape.NumElements();
  return count ? *count * static_cast<int64_t>(ir::DTypeSize(value.dtype)) : -1;
}

bool Computes(const ir::Graph& graph, const ir::Node& node) {
  return node.kind != ir::OpKind::kInput && node.kind != ir::OpKind::kConstant &&
         !analysis::IsFolded(graph, node);
}

}  // namespace

int64_t ParameterBytes(const ir::Graph& graph) {
  std::set<ir::ValueId> seen;
  int64_t bytes = 0;
  for (ir::NodeId id = 0; id < static_cast<ir::NodeId>(graph.nodes().size()); ++id) {
    const ir::Node& node = graph.node(id);
    if (!Computes(graph, node)) continue;
    const std::vector<ir::ValueId>& reads =
        node.kind == ir::OpKind::kUnsupported ? node.inputs : node.operands;
    for (ir::ValueId input : reads) {
      if (input == ir::kNoValue || !seen.insert(input).second) continue;
      const ir::Value& value = graph.value(input);
      if (value.constant && ir::IsFloatingPoint(value.dtype)) {
        bytes += value.constant->num_elements() * static_cast<int64_t>(ir::DTypeSize(value.dtype));
      }
    }
  }
  return bytes;
}

StatusOr<analysis::MemorySummary> EstimateMemory(const ir::Graph& graph) {
  analysis::MemorySummary memory;
  memory.parameter_bytes = ParameterBytes(graph);
  ASSIGN_OR_RETURN(std::vector<ir::NodeId> order, ir::TopologicalOrder(graph));
  std::vector<ir::NodeId> steps;
  for (ir::NodeId id : order) {
    if (Computes(graph, graph.node(id))) steps.push_back(id);
  }
  const int num_steps = static_cast<int>(steps.size());
  std::map<ir::ValueId, int> last_use;
  for (int s = 0; s < num_steps; ++s) {
    const ir::Node& node = graph.node(steps[s]);
    for (ir::ValueId input : node.inputs) {
      if (input != ir::kNoValue) last_use[input] = s;
    }
  }
  for (ir::ValueId id : graph.outputs()) last_use[id] = num_steps;
  std::vector<runtime::BufferRequest> requests;
  for (int s = 0; s < num_steps; ++s) {
    for (ir::ValueId output : graph.node(steps[s]).outputs) {
      const int64_t bytes = ValueBytes(graph.value(output));
      if (bytes < 0) continue;  // unknown shape: nothing to plan
      auto it = last_use.find(output);
      requests.push_back({bytes, s, it == last_use.end() ? s : std::max(s, it->second)});
    }
  }
  runtime::MemoryPlan plan = runtime::PlanMemory(requests);
  memory.planned_peak_bytes = plan.arena_bytes;
  memory.naive_peak_bytes = plan.naive_bytes;
  memory.plan = "estimate";
  return memory;
}

analysis::MemorySummary EngineMemory(const runtime::Session& session) {
  analysis::MemorySummary memory;
  memory.parameter_bytes = ParameterBytes(session.graph());
  memory.planned_peak_bytes = session.arena_bytes();
  memory.naive_peak_bytes = session.naive_activation_bytes();
  memory.plan = "engine";
  return memory;
}

}  // namespace mb::tools
