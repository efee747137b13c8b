// Roofline projection: how long a model's nodes would take on another device, given only that
// device's FP32 peak and memory bandwidth. A node takes
//   time = max(FLOPs / peak, bytes / bandwidth)
// and is compute-bound when the first term is the larger, memory-bound otherwise
// (Williams, Waterman and Patterson, "Roofline", CACM 2009). The model's time is the sum over
// its nodes, which run one after another. It is a lower bound: no launch overhead, no cache
// reuse beyond each node's own inputs and outputs, perfect overlap of compute and memory.
#ifndef MODELBENCH_ANALYSIS_ROOFLINE_H_
#define MODELBENCH_ANALYSIS_ROOFLINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/cost_analysis.h"
#include "base/status.h"

namespace mb::analysis {

struct Device {
  std::string name;         // "p40", or "custom" for --target=GFLOPS,GBPS
  std::string description;  // "NVIDIA Tesla P40"
  double gflops = 0;        // FP32 peak, 1e9 FLOP/s
  double gbps = 0;          // memory bandwidth, 1e9 bytes/s
  std::string source;       // where the figures come from
};

// Parses a device table (data/devices.tsv): tab-separated name, description, fp32_gflops,
// memory_gbps, source; '#' lines and the header line are skipped. An error names the line.
StatusOr<std::vector<Device>> ParseDeviceTable(std::string_view tsv);

// `target` is a name from `table` (case-insensitive) or "GFLOPS,GBPS" (both positive). An
// unknown name is an error listing the known ones.
StatusOr<Device> ResolveDevice(std::string_view target, const std::vector<Device>& table);

enum class Bound { kNone, kCompute, kMemory };  // kNone: no FLOPs and no bytes
const char* BoundName(Bound bound);             // "-", "compute", "memory"

struct RooflineTime {
  double compute_s = 0;  // FLOPs / peak
  double memory_s = 0;   // bytes / bandwidth
  double time_s = 0;     // the larger
  Bound bound = Bound::kNone;
};

// REQUIRES: device.gflops > 0 and device.gbps > 0.
RooflineTime Roofline(double flops, double bytes, const Device& device);

struct Projection {
  Device device;
  std::vector<RooflineTime> nodes;  // one per CostReport::nodes entry
  double total_s = 0;               // sum of the nodes' times
  int compute_bound = 0, memory_bound = 0;
};

// Each node's bytes are bytes_read + bytes_written.
Projection ProjectCost(const CostReport& report, const Device& device);

}  // namespace mb::analysis

#endif  // MODELBENCH_ANALYSIS_ROOFLINE_H_
