#include "analysis/roofline.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "base/strings.h"

namespace mb::analysis {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A whole string as a positive finite double.
bool ParsePositive(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(*value) && *value > 0;
}

}  // namespace

StatusOr<std::vector<Device>> ParseDeviceTable(std::string_view tsv) {
  std::vector<Device> devices;
  int line_number = 0;
  bool header_seen = false;
  for (std::string line : Split(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = Split(line, '\t');
    if (!header_seen) {  // the first non-comment line names the columns
      header_seen = true;
      continue;
    }
    Device device;
    if (fields.size() != 5 || fields[0].empty() || !ParsePositive(fields[2], &device.gflops) ||
        !ParsePositive(fields[3], &device.gbps)) {
      return InvalidArgumentError("device table line " + std::to_string(line_number) +
                                  ": want name, description, fp32_gflops > 0, memory_gbps > 0, "
                                  "source (tab-separated)");
    }
    device.name = fields[0];
    device.description = fields[1];
    device.source = fields[4];
    devices.push_back(std::move(device));
  }
  return devices;
}

StatusOr<Device> ResolveDevice(std::string_view target, const std::vector<Device>& table) {
  const size_t comma = target.find(',');
  if (comma != std::string_view::npos) {
    Device device;
    device.name = "custom";
    if (!ParsePositive(std::string(target.substr(0, comma)), &device.gflops) ||
        !ParsePositive(std::string(target.substr(comma + 1)), &device.gbps)) {
      return InvalidArgumentError("--target=GFLOPS,GBPS wants two positive numbers, not '" +
                                  std::string(target) + "'");
    }
    device.description = "--target=" + std::string(target);
    device.source = "--target";
    return device;
  }
  for (const Device& device : table) {
    if (Lower(device.name) == Lower(target)) return device;
  }
  std::string known;
  for (const Device& device : table) known += (known.empty() ? "" : ", ") + device.name;
  return NotFoundError("unknown --target '" + std::string(target) + "'; known devices: " + known +
                       " (or give --target=GFLOPS,GBPS)");
}

const char* BoundName(Bound bound) {
  switch (bound) {
    case Bound::kCompute:
      return "compute";
    case Bound::kMemory:
      return "memory";
    case Bound::kNone:
      break;
  }
  return "-";
}

RooflineTime Roofline(double flops, double bytes, const Device& device) {
  RooflineTime time;
  time.compute_s = flops / (device.gflops * 1e9);
  time.memory_s = bytes / (device.gbps * 1e9);
  time.time_s = std::max(time.compute_s, time.memory_s);
  if (flops > 0 || bytes > 0) {
    time.bound = time.compute_s >= time.memory_s ? Bound::kCompute : Bound::kMemory;
  }
  return time;
}

Projection ProjectCost(const CostReport& report, const Device& device) {
  Projection projection;
  projection.device = device;
  for (const NodeCost& cost : report.nodes) {
    RooflineTime time = Roofline(
        static_cast<double>(cost.flops),
        static_cast<double>(cost.bytes_read) + static_cast<double>(cost.bytes_written), device);
    projection.total_s += time.time_s;
    projection.compute_bound += time.bound == Bound::kCompute;
    projection.memory_bound += time.bound == Bound::kMemory;
    projection.nodes.push_back(time);
  }
  return projection;
}

}  // namespace mb::analysis
