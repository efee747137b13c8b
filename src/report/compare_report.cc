#include "report/compare_report.h"

#include <algorithm>
#include <set>
#include <vector>

#include "base/strings.h"
#include "report/json_writer.h"
#include "report/text_table.h"

namespace mb::report {
namespace {

// One numeric row of the comparison.
struct Metric {
  std::string name;   // CSV/JSON key
  std::string label;  // text label
  double a = 0, b = 0;
  bool integer = true;  // printed with thousands separators, else 3 decimals
};

std::vector<Metric> Metrics(const CompareReport& report) {
  const CompareSide &a = report.a, &b = report.b;
  std::vector<Metric> metrics = {
      {"nodes", "Nodes", double(a.nodes), double(b.nodes)},
      {"parameters", "Parameters", double(a.parameters), double(b.parameters)},
      {"parameter_bytes", "Parameter bytes", double(a.memory.parameter_bytes),
       double(b.memory.parameter_bytes)},
      {"flops", "FLOPs", double(a.flops), double(b.flops)},
      {"macs", "MACs", double(a.macs), double(b.macs)},
      {"planned_peak_activation_bytes", "Activations, reuse", double(a.memory.planned_peak_bytes),
       double(b.memory.planned_peak_bytes)},
      {"naive_peak_activation_bytes", "Activations, no reuse", double(a.memory.naive_peak_bytes),
       double(b.memory.naive_peak_bytes)},
  };
  if (a.latency && b.latency) {
    metrics.push_back(
        {"latency_p50_ms", "Latency p50 ms", a.latency->p50_ms, b.latency->p50_ms, false});
    metrics.push_back(
        {"latency_mean_ms", "Latency mean ms", a.latency->mean_ms, b.latency->mean_ms, false});
  }
  return metrics;
}

std::string Ratio(double a, double b) { return a > 0 ? FormatFixed(b / a, 3) : ""; }

std::string Value(const Metric& m, double v) {
  return m.integer ? WithThousandsSeparators(static_cast<int64_t>(v)) : FormatFixed(v, 3);
}

std::set<std::string> OpTypes(const CompareReport& report) {
  std::set<std::string> ops;
  for (const auto& [op, n] : report.a.op_types) ops.insert(op);
  for (const auto& [op, n] : report.b.op_types) ops.insert(op);
  return ops;
}

int64_t Count(const std::map<std::string, int64_t>& counts, const std::string& op) {
  auto it = counts.find(op);
  return it == counts.end() ? 0 : it->second;
}

std::string Signed(int64_t v) {
  std::string text = std::to_string(v);
  if (v > 0) text.insert(text.begin(), '+');
  return text;
}

void WriteSide(const CompareSide& side, JsonWriter& json) {
  json.BeginObject();
  json.Key("model").String(side.model);
  json.Key("nodes").Int(side.nodes);
  json.Key("parameters").Int(side.parameters);
  json.Key("parameter_bytes").Int(side.memory.parameter_bytes);
  json.Key("flops").Int(side.flops);
  json.Key("macs").Int(side.macs);
  json.Key("planned_peak_activation_bytes").Int(side.memory.planned_peak_bytes);
  json.Key("naive_peak_activation_bytes").Int(side.memory.naive_peak_bytes);
  json.Key("memory_plan").String(side.memory.plan);
  if (side.latency) {
    json.Key("latency_ms").BeginObject();
    json.Key("runs").Int(side.latency->runs);
    json.Key("mean").Double(side.latency->mean_ms);
    json.Key("min").Double(side.latency->min_ms).Key("max").Double(side.latency->max_ms);
    json.Key("p50").Double(side.latency->p50_ms).Key("p90").Double(side.latency->p90_ms);
    json.EndObject();
  }
  json.EndObject();
}

}  // namespace

std::string CompareToText(const CompareReport& report) {
  std::string out = "A  " + report.a.model + "\nB  " + report.b.model + "\n\n";
  std::vector<std::vector<std::string>> rows = {{"", "A", "B", "B/A"}};
  for (const Metric& m : Metrics(report)) {
    rows.push_back({m.label, Value(m, m.a), Value(m, m.b), Ratio(m.a, m.b)});
  }
  out += TextTable(rows, 1);
  if (report.rounds > 0) {
    out += "\nLatency ratio B/A over " + std::to_string(report.rounds) + " interleaved rounds (" +
           std::to_string(report.num_threads) + (report.num_threads == 1 ? " thread" : " threads") +
           "): median " + FormatFixed(report.ratio_p50, 3) + ", p10-p90 " +
           FormatFixed(report.ratio_p10, 3) + "-" + FormatFixed(report.ratio_p90, 3) + "\n";
  }
  std::vector<std::vector<std::string>> ops = {{"op type", "A", "B", "B-A"}};
  for (const std::string& op : OpTypes(report)) {
    const int64_t a = Count(report.a.op_types, op), b = Count(report.b.op_types, op);
    ops.push_back({op, std::to_string(a), std::to_string(b), a == b ? "" : Signed(b - a)});
  }
  out += "\nOp types:\n" + TextTable(ops, 1);
  return out;
}

std::string CompareToJson(const CompareReport& report) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema").String(kCompareSchema);
  json.Key("num_threads").Int(report.num_threads);
  json.Key("a");
  WriteSide(report.a, json);
  json.Key("b");
  WriteSide(report.b, json);
  json.Key("b_over_a").BeginObject();
  for (const Metric& m : Metrics(report)) {
    if (m.a > 0) {
      json.Key(m.name).Double(m.b / m.a);
    } else {
      json.Key(m.name).Null();
    }
  }
  json.EndObject();
  if (report.rounds > 0) {
    json.Key("latency_ratio").BeginObject();
    json.Key("rounds").Int(report.rounds);
    json.Key("p10").Double(report.ratio_p10);
    json.Key("median").Double(report.ratio_p50);
    json.Key("p90").Double(report.ratio_p90);
    json.EndObject();
  }
  json.Key("op_types").BeginArray();
  for (const std::string& op : OpTypes(report)) {
    const int64_t a = Count(report.a.op_types, op), b = Count(report.b.op_types, op);
    json.BeginObject().Key("op_type").String(op);
    json.Key("a").Int(a).Key("b").Int(b).Key("difference").Int(b - a).EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str();
}

std::string CompareToCsv(const CompareReport& report) {
  std::string out = "metric,a,b,b_over_a\n";
  out += "model," + CsvQuote(report.a.model) + "," + CsvQuote(report.b.model) + ",\n";
  for (const Metric& m : Metrics(report)) {
    out += m.name + "," +
           (m.integer ? std::to_string(static_cast<int64_t>(m.a)) : FormatFixed(m.a, 4)) + "," +
           (m.integer ? std::to_string(static_cast<int64_t>(m.b)) : FormatFixed(m.b, 4)) + "," +
           (m.a > 0 ? FormatFixed(m.b / m.a, 4) : "") + "\n";
  }
  if (report.rounds > 0) {
    out += "latency_ratio_p10,,," + FormatFixed(report.ratio_p10, 4) + "\n";
    out += "latency_ratio_median,,," + FormatFixed(report.ratio_p50, 4) + "\n";
    out += "latency_ratio_p90,,," + FormatFixed(report.ratio_p90, 4) + "\n";
  }
  for (const std::string& op : OpTypes(report)) {
    const int64_t a = Count(report.a.op_types, op), b = Count(report.b.op_types, op);
    out += CsvQuote("op_type:" + op) + "," + std::to_string(a) + "," + std::to_string(b) + "," +
           (a > 0 ? FormatFixed(static_cast<double>(b) / static_cast<double>(a), 4) : "") + "\n";
  }
  return out;
}

}  // namespace mb::report
