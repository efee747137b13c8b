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

std::string CostToText(const ir::Graph& graph, const analysis::CostReport& report) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"op type", "name", "output shape", "params", "FLOPs", "MACs", "read B",
                  "written B", "FLOP/B"});
  for (const analysis::NodeCost& cost : report.nodes) {
    const ir::Node& node = graph.node(cost.node);
    rows.push_back({node.op_type, node.name, cost.output_shape,
                    WithThousandsSeparators(cost.parameters), WithThousandsSeparators(cost.flops),
                    WithThousandsSeparators(cost.macs), WithThousandsSeparators(cost.bytes_read),
                    WithThousandsSeparators(cost.bytes_written), Fixed(Intensity(cost), 2)});
  }
  const analysis::NodeCost& t = report.total;
  rows.push_back({"total", std::to_string(report.nodes.size()) + " nodes", "",
                  WithThousandsSeparators(t.parameters), WithThousandsSeparators(t.flops),
                  WithThousandsSeparators(t.macs), WithThousandsSeparators(t.bytes_read),
                  WithThousandsSeparators(t.bytes_written), Fixed(Intensity(t), 2)});
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
      const bool left = c < 3;  // text columns left-aligned, numbers right-aligned
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
  return out;
}

std::string CostToJson(const ir::Graph& graph, const analysis::CostReport& report) {
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
  };
  json.Key("nodes").BeginArray();
  for (const analysis::NodeCost& cost : report.nodes) {
    const ir::Node& node = graph.node(cost.node);
    json.BeginObject();
    json.Key("name").String(node.name);
    json.Key("op_type").String(node.op_type);
    json.Key("output_shape").String(cost.output_shape);
    write_cost(cost);
    json.EndObject();
  }
  json.EndArray();
  json.Key("total").BeginObject();
  write_cost(report.total);
  json.EndObject();
  json.Key("uncounted_op_types").BeginObject();
  for (const auto& [op, count] : report.uncounted_op_types) json.Key(op).Int(count);
  json.EndObject();
  json.EndObject();
  return json.str();
}

std::string CostToCsv(const ir::Graph& graph, const analysis::CostReport& report) {
  std::string out =
      "name,op_type,output_shape,parameters,flops,macs,bytes_read,bytes_written,flops_per_byte\n";
  auto row = [&](const std::string& name, const std::string& op, const std::string& shape,
                 const analysis::NodeCost& cost) {
    out += CsvField(name) + "," + CsvField(op) + "," + CsvField(shape) + "," +
           std::to_string(cost.parameters) + "," + std::to_string(cost.flops) + "," +
           std::to_string(cost.macs) + "," + std::to_string(cost.bytes_read) + "," +
           std::to_string(cost.bytes_written) + "," + Fixed(Intensity(cost), 4) + "\n";
  };
  for (const analysis::NodeCost& cost : report.nodes) {
    const ir::Node& node = graph.node(cost.node);
    row(node.name, node.op_type, cost.output_shape, cost);
  }
  row("total", "", "", report.total);
  return out;
}

}  // namespace mb::report
