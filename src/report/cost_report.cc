#include "report/cost_report.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"
#include "report/json_writer.h"

namespace mb::report {
namespace {

const char* ConventionName(analysis::FlopsConvention convention) {
  return convention == analysis::FlopsConvention::kTensorFlow ? "tf" : "full";
}

// FLOPs per byte moved; 0 when nothing moves.
double Intensity(const analysis::NodeCost& cost) {
  const int64_t bytes = cost.bytes_read + cost.bytes_written;
  return bytes > 0 ? static_cast<double>(cost.flops) / static_cast<double>(bytes) : 0.0;
}

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string CostToText(const ir::Graph& graph, const analysis::CostReport& report,
                       const CostExtras& extras) {
  const analysis::Projection* projection = extras.projection;
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"op type", "name", "output shape", "params", "FLOPs", "MACs", "read B",
                  "written B", "FLOP/B", "act B"});
  if (projection) {
    rows[0].push_back(projection->device.name + " us");
    rows[0].push_back("bound");
  }
  for (size_t i = 0; i < report.nodes.size(); ++i) {
    const analysis::NodeCost& cost = report.nodes[i];
    const ir::Node& node = graph.node(cost.node);
    rows.push_back({node.op_type, node.name, cost.output_shape,
                    WithThousandsSeparators(cost.parameters), WithThousandsSeparators(cost.flops),
                    WithThousandsSeparators(cost.macs), WithThousandsSeparators(cost.bytes_read),
                    WithThousandsSeparators(cost.bytes_written), Fixed(Intensity(cost), 2),
                    WithThousandsSeparators(cost.activation_bytes)});
    if (projection) {
      rows.back().push_back(Fixed(projection->nodes[i].time_s * 1e6, 3));
      rows.back().push_back(analysis::BoundName(projection->nodes[i].bound));
    }
  }
  const analysis::NodeCost& t = report.total;
  rows.push_back({"total", std::to_string(report.nodes.size()) + " nodes", "",
                  WithThousandsSeparators(t.parameters), WithThousandsSeparators(t.flops),
                  WithThousandsSeparators(t.macs), WithThousandsSeparators(t.bytes_read),
                  WithThousandsSeparators(t.bytes_written), Fixed(Intensity(t), 2),
                  WithThousandsSeparators(t.activation_bytes)});
  if (projection) {
    rows.back().push_back(Fixed(projection->total_s * 1e6, 3));
    rows.back().push_back("");
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out = std::string("FLOPs convention: ") + ConventionName(report.convention) +
                    (report.convention == analysis::FlopsConvention::kTensorFlow
                         ? " (benchmark_model's estimate: Conv2D, DepthwiseConv2dNative, MatMul)\n"
                         : " (every op's cost function)\n");
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& cell = rows[r][c];
      // Text columns left-aligned, numbers right-aligned.
      const bool left = c < 3 || (projection && c == rows[r].size() - 1);
      const std::string pad(widths[c] - cell.size(), ' ');
      line += (c > 0 ? "  " : "") + (left ? cell + pad : pad + cell);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  if (!report.uncounted_op_types.empty()) {
    out += "Not counted by this convention:";
    bool first = true;
    for (const auto& [op, count] : report.uncounted_op_types) {
      out += (first ? " " : ", ") + std::to_string(count) + " " + op;
      first = false;
    }
    out += "\n";
  }
  if (extras.memory) out += MemoryToText(*extras.memory);
  if (projection) out += ProjectionSummaryText(*projection);
  return out;
}

std::string MemoryToText(const analysis::MemorySummary& memory) {
  return "Parameters   " + HumanBytes(memory.parameter_bytes) + " (" +
         WithThousandsSeparators(memory.parameter_bytes) + " B)\nActivations  " +
         HumanBytes(memory.planned_peak_bytes) + " peak with buffer reuse (" +
         WithThousandsSeparators(memory.planned_peak_bytes) + " B, " +
         (memory.plan == "engine" ? "the engine's plan" : "estimated without fusion") + "), " +
         HumanBytes(memory.naive_peak_bytes) + " without reuse (" +
         WithThousandsSeparators(memory.naive_peak_bytes) + " B)\n";
}

std::string ProjectionSummaryText(const analysis::Projection& projection) {
  const analysis::Device& device = projection.device;
  return "Projection   " + Fixed(projection.total_s * 1e3, 4) + " ms on " + device.name + " (" +
         device.description + "; " + Fixed(device.gflops, 0) + " GFLOP/s, " +
         Fixed(device.gbps, 1) +
         " GB/s; roofline, sum over nodes): " + std::to_string(projection.compute_bound) +
         " nodes compute-bound, " + std::to_string(projection.memory_bound) + " memory-bound\n";
}

void WriteMemoryJson(const analysis::MemorySummary& memory, JsonWriter& json) {
  json.BeginObject();
  json.Key("parameter_bytes").Int(memory.parameter_bytes);
  json.Key("planned_peak_activation_bytes").Int(memory.planned_peak_bytes);
  json.Key("naive_peak_activation_bytes").Int(memory.naive_peak_bytes);
  json.Key("plan").String(memory.plan);
  json.EndObject();
}

void WriteDeviceJson(const analysis::Device& device, JsonWriter& json) {
  json.BeginObject();
  json.Key("name").String(device.name);
  json.Key("description").String(device.description);
  json.Key("fp32_gflops").Double(device.gflops);
  json.Key("memory_gbps").Double(device.gbps);
  json.Key("source").String(device.source);
  json.EndObject();
}

std::string CostToJson(const ir::Graph& graph, const analysis::CostReport& report,
                       const CostExtras& extras) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema").String("modelbench.analysis/1");
  json.Key("flops_convention").String(ConventionName(report.convention));
  auto write_cost = [&](const analysis::NodeCost& cost) {
    json.Key("parameters").Int(cost.parameters);
    json.Key("flops").Int(cost.flops);
    json.Key("macs").Int(cost.macs);
    json.Key("bytes_read").Int(cost.bytes_read);
    json.Key("bytes_written").Int(cost.bytes_written);
    json.Key("flops_per_byte").Double(Intensity(cost));
    json.Key("parameter_bytes").Int(cost.parameter_bytes);
    json.Key("activation_bytes").Int(cost.activation_bytes);
  };
  const analysis::Projection* projection = extras.projection;
  json.Key("nodes").BeginArray();
  for (size_t i = 0; i < report.nodes.size(); ++i) {
    const analysis::NodeCost& cost = report.nodes[i];
    const ir::Node& node = graph.node(cost.node);
    json.BeginObject();
    json.Key("name").String(node.name);
    json.Key("op_type").String(node.op_type);
    json.Key("output_shape").String(cost.output_shape);
    write_cost(cost);
    if (projection) {
      json.Key("projected_us").Double(projection->nodes[i].time_s * 1e6);
      json.Key("bound").String(analysis::BoundName(projection->nodes[i].bound));
    }
    json.EndObject();
  }
  json.EndArray();
  json.Key("total").BeginObject();
  write_cost(report.total);
  if (projection) json.Key("projected_us").Double(projection->total_s * 1e6);
  json.EndObject();
  if (extras.memory) {
    json.Key("memory");
    WriteMemoryJson(*extras.memory, json);
  }
  if (projection) {
    json.Key("target");
    WriteDeviceJson(projection->device, json);
  }
  json.Key("uncounted_op_types").BeginObject();
  for (const auto& [op, count] : report.uncounted_op_types) json.Key(op).Int(count);
  json.EndObject();
  json.EndObject();
  return json.str();
}

std::string CostToCsv(const ir::Graph& graph, const analysis::CostReport& report,
                      const CostExtras& extras) {
  const analysis::Projection* projection = extras.projection;
  std::string out =
      "name,op_type,output_shape,parameters,flops,macs,bytes_read,bytes_written,flops_per_byte,"
      "parameter_bytes,activation_bytes";
  out += projection ? ",projected_us,bound\n" : "\n";
  auto row = [&](const std::string& name, const std::string& op, const std::string& shape,
                 const analysis::NodeCost& cost, const analysis::RooflineTime* time,
                 double total_s) {
    out += CsvField(name) + "," + CsvField(op) + "," + CsvField(shape) + "," +
           std::to_string(cost.parameters) + "," + std::to_string(cost.flops) + "," +
           std::to_string(cost.macs) + "," + std::to_string(cost.bytes_read) + "," +
           std::to_string(cost.bytes_written) + "," + Fixed(Intensity(cost), 4) + "," +
           std::to_string(cost.parameter_bytes) + "," + std::to_string(cost.activation_bytes);
    if (projection) {
      out += ',';
      out += Fixed((time ? time->time_s : total_s) * 1e6, 4);
      out += ',';
      if (time) out += analysis::BoundName(time->bound);
    }
    out += "\n";
  };
  for (size_t i = 0; i < report.nodes.size(); ++i) {
    const analysis::NodeCost& cost = report.nodes[i];
    const ir::Node& node = graph.node(cost.node);
    row(node.name, node.op_type, cost.output_shape, cost,
        projection ? &projection->nodes[i] : nullptr, 0);
  }
  row("total", "", "", report.total, nullptr, projection ? projection->total_s : 0);
  return out;
}

}  // namespace mb::report
