#include "report/benchmark_report.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"
#include "report/cost_report.h"
#include "report/json_writer.h"
#include "report/text_table.h"

namespace mb::report {
namespace {

// Achieved GFLOP/s of `flops` in `us` microseconds; 0 when either is 0.
double Gflops(int64_t flops, double us) {
  return flops > 0 && us > 0 ? static_cast<double>(flops) / us / 1e3 : 0;
}

double PercentOfPeak(double gflops, double peak) { return peak > 0 ? gflops / peak * 100 : 0; }

double NodesTotalUs(const BenchmarkReport& report) {
  double total = 0;
  for (const BenchmarkNode& node : report.nodes) total += node.mean_us;
  return total;
}

}  // namespace

std::string FormatFixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

std::string CsvQuote(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string BenchmarkToText(const BenchmarkReport& report) {
  const LatencySummary& l = report.latency;
  char buffer[1024];
  std::snprintf(buffer, sizeof(buffer),
                "Model        %s\nThreads      %d\nLoad         %.2f ms\nPrepare      %.2f ms\n"
                "First run    %.3f ms\nRuns         %lld (after %lld warm-up)\n"
                "Latency      p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  (mean %.3f, min %.3f, "
                "max %.3f)\nThroughput   %.1f inferences/s\n",
                report.model.c_str(), report.num_threads, report.load_ms, report.prepare_ms,
                report.first_run_ms, static_cast<long long>(l.runs),
                static_cast<long long>(report.warmup_runs), l.p50_ms, l.p90_ms, l.p99_ms, l.mean_ms,
                l.min_ms, l.max_ms, l.mean_ms > 0 ? 1e3 / l.mean_ms * report.batch : 0.0);
  std::string out = buffer;
  out += MemoryToText(report.memory);
  const double gflops = Gflops(report.flops, l.mean_ms * 1e3);
  out += "Compute      " + WithThousandsSeparators(report.flops) + " FLOPs per run, " +
         FormatFixed(gflops, 2) + " GFLOP/s";
  if (report.peak_gflops > 0) {
    out += " = " + FormatFixed(PercentOfPeak(gflops, report.peak_gflops), 1) + "% of " +
           FormatFixed(report.peak_gflops, 1) + " GFLOP/s peak (" + report.peak_source + ")";
  }
  out += "\n";
  if (report.target) {
    int compute = 0, memory = 0;
    for (const BenchmarkNode& node : report.nodes) {
      if (!node.projected) continue;
      compute += node.projected->bound == analysis::Bound::kCompute;
      memory += node.projected->bound == analysis::Bound::kMemory;
    }
    const analysis::Device& d = *report.target;
    out += "Projection   " + FormatFixed(report.projected_s * 1e3, 4) + " ms on " + d.name + " (" +
           d.description + "; " + FormatFixed(d.gflops, 0) + " GFLOP/s, " + FormatFixed(d.gbps, 1) +
           " GB/s; roofline, sum over nodes): " + std::to_string(compute) +
           " nodes compute-bound, " + std::to_string(memory) + " memory-bound\n";
  }

  // Per node.
  const double total_us = NodesTotalUs(report);
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"op type", "name", "mean us", "time %", "FLOPs", "GFLOP/s", "% peak", "act B"});
  if (report.target) {
    rows[0].push_back(report.target->name + " us");
    rows[0].push_back("bound");
  }
  for (const BenchmarkNode& node : report.nodes) {
    const double node_gflops = Gflops(node.flops, node.mean_us);
    rows.push_back({node.op_type, node.name, FormatFixed(node.mean_us, 3),
                    FormatFixed(total_us > 0 ? node.mean_us / total_us * 100 : 0, 1),
                    WithThousandsSeparators(node.flops), FormatFixed(node_gflops, 2),
                    FormatFixed(PercentOfPeak(node_gflops, report.peak_gflops), 1),
                    WithThousandsSeparators(node.activation_bytes)});
    if (report.target) {
      rows.back().push_back(node.projected ? FormatFixed(node.projected->time_s * 1e6, 3) : "");
      rows.back().push_back(node.projected ? analysis::BoundName(node.projected->bound) : "");
    }
  }
  const double all_gflops = Gflops(report.flops, total_us);
  int64_t activation_bytes = 0;
  for (const BenchmarkNode& node : report.nodes) activation_bytes += node.activation_bytes;
  rows.push_back({"total", std::to_string(report.nodes.size()) + " nodes", FormatFixed(total_us, 3),
                  "100.0", WithThousandsSeparators(report.flops), FormatFixed(all_gflops, 2),
                  FormatFixed(PercentOfPeak(all_gflops, report.peak_gflops), 1),
                  WithThousandsSeparators(activation_bytes)});
  if (report.target) {
    rows.back().push_back(FormatFixed(report.projected_s * 1e6, 3));
    rows.back().push_back("");
  }
  out += "\nPer node (mean of " + std::to_string(l.runs) +
         " runs; a fused node's time is in the node it was fused into):\n";
  out += TextTable(rows, 2);
  return out;
}

std::string BenchmarkToJson(const BenchmarkReport& report) {
  const LatencySummary& l = report.latency;
  JsonWriter json;
  json.BeginObject();
  json.Key("schema").String(kBenchmarkSchema);
  json.Key("model").String(report.model);
  json.Key("num_threads").Int(report.num_threads);
  json.Key("inputs").BeginArray();
  for (const BenchmarkInput& input : report.inputs) {
    json.BeginObject().Key("name").String(input.name);
    json.Key("dtype").String(input.dtype);
    json.Key("shape").BeginArray();
    for (int64_t d : input.shape) json.Int(d);
    json.EndArray().EndObject();
  }
  json.EndArray();
  json.Key("load_ms").Double(report.load_ms);
  json.Key("prepare_ms").Double(report.prepare_ms);
  json.Key("first_run_ms").Double(report.first_run_ms);
  json.Key("warmup_runs").Int(report.warmup_runs);
  json.Key("runs").Int(l.runs);
  json.Key("latency_ms").BeginObject();
  json.Key("mean").Double(l.mean_ms).Key("min").Double(l.min_ms).Key("max").Double(l.max_ms);
  json.Key("p50").Double(l.p50_ms).Key("p90").Double(l.p90_ms);
  json.Key("p99").Double(l.p99_ms).EndObject();
  json.Key("throughput_per_s").Double(l.mean_ms > 0 ? 1e3 / l.mean_ms * report.batch : 0.0);
  json.Key("arena_bytes").Int(report.memory.planned_peak_bytes);
  json.Key("naive_activation_bytes").Int(report.memory.naive_peak_bytes);
  json.Key("memory");
  WriteMemoryJson(report.memory, json);
  const double gflops = Gflops(report.flops, l.mean_ms * 1e3);
  json.Key("flops").Int(report.flops);
  json.Key("gflops_per_s").Double(gflops);
  json.Key("peak_gflops").Double(report.peak_gflops);
  json.Key("peak_source").String(report.peak_source);
  json.Key("percent_of_peak").Double(PercentOfPeak(gflops, report.peak_gflops));
  if (report.target) {
    json.Key("target");
    WriteDeviceJson(*report.target, json);
    json.Key("projected_ms").Double(report.projected_s * 1e3);
  }
  json.Key("nodes").BeginArray();
  for (const BenchmarkNode& node : report.nodes) {
    const double node_gflops = Gflops(node.flops, node.mean_us);
    json.BeginObject();
    json.Key("name").String(node.name);
    json.Key("op_type").String(node.op_type);
    json.Key("mean_us").Double(node.mean_us);
    json.Key("flops").Int(node.flops);
    json.Key("gflops_per_s").Double(node_gflops);
    json.Key("percent_of_peak").Double(PercentOfPeak(node_gflops, report.peak_gflops));
    json.Key("activation_bytes").Int(node.activation_bytes);
    if (node.projected) {
      json.Key("projected_us").Double(node.projected->time_s * 1e6);
      json.Key("bound").String(analysis::BoundName(node.projected->bound));
    }
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str();
}

std::string BenchmarkToCsv(const BenchmarkReport& report) {
  std::string out =
      "name,op_type,mean_us,percent_of_time,flops,gflops_per_s,percent_of_peak,activation_bytes";
  out += report.target ? ",projected_us,bound\n" : "\n";
  const double total_us = NodesTotalUs(report);
  auto row = [&](const std::string& name, const std::string& op, double us, int64_t flops,
                 int64_t activation_bytes, const std::optional<analysis::RooflineTime>& projected,
                 double projected_s) {
    const double gflops = Gflops(flops, us);
    out += CsvQuote(name) + "," + CsvQuote(op) + "," + FormatFixed(us, 3) + "," +
           FormatFixed(total_us > 0 ? us / total_us * 100 : 0, 2) + "," + std::to_string(flops) +
           "," + FormatFixed(gflops, 3) + "," +
           FormatFixed(PercentOfPeak(gflops, report.peak_gflops), 2) + "," +
           std::to_string(activation_bytes);
    if (report.target) {
      out += ',';
      out += FormatFixed((projected ? projected->time_s : projected_s) * 1e6, 4);
      out += ',';
      if (projected) out += analysis::BoundName(projected->bound);
    }
    out += "\n";
  };
  int64_t activation_bytes = 0;
  for (const BenchmarkNode& node : report.nodes) {
    row(node.name, node.op_type, node.mean_us, node.flops, node.activation_bytes, node.projected,
        0);
    activation_bytes += node.activation_bytes;
  }
  row("total", "", total_us, report.flops, activation_bytes, std::nullopt, report.projected_s);
  return out;
}

}  // namespace mb::report
