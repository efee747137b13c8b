// `modelbench compare A B [--static]`: two models side by side, e.g. before and after an
// optimization. Static facts always (parameters, FLOPs, memory, op types); unless --static,
// both run on this machine in interleaved rounds (A, B, A, B, ...), so drift in clock speed
// or load touches both alike, and each round gives one latency ratio B/A.
#include <algorithm>
#include <cstdio>
#include <iterator>

#include "analysis/cost_analysis.h"
#include "analysis/shape_inference.h"
#include "base/strings.h"
#include "importers/importer.h"
#include "profiling/stats.h"
#include "report/compare_report.h"
#include "report/html_report.h"
#include "tools/modelbench/cli_util.h"
#include "tools/modelbench/efficiency.h"
#include "tools/modelbench/measure.h"

namespace mb::tools {
namespace {

// Keeps the --input overrides that name one of the graph's inputs: one --input may serve
// both models when they share input names, and is ignored by a model without that input.
std::map<std::string, runtime::TensorSpec> OverridesFor(
    const ir::Graph& graph, const std::map<std::string, runtime::TensorSpec>& overrides) {
  std::map<std::string, runtime::TensorSpec> kept;
  for (const auto& [name, spec] : overrides) {
    if (graph.FindValue(name)) kept[name] = spec;
  }
  return kept;
}

// The static side of one model: counts, cost, memory estimate, op types.
// `html`, if given, receives the model's graph and cost for the HTML report.
StatusOr<report::CompareSide> Analyze(const std::string& path,
                                      const std::map<std::string, runtime::TensorSpec>& inputs,
                                      report::HtmlModel* html) {
  report::CompareSide side;
  side.model = path;
  ASSIGN_OR_RETURN(ir::Model model, importers::LoadModel(path));
  ASSIGN_OR_RETURN(std::vector<runtime::TensorSpec> specs,
                   DefaultInputSpecs(model.graph, path, OverridesFor(model.graph, inputs)));
  analysis::ShapeInferenceOptions inference;
  for (const runtime::TensorSpec& spec : specs) {
    std::optional<ir::ValueId> id = model.graph.FindValue(spec.name);
    if (!id) return NotFoundError(path + ": no input named '" + spec.name + "'");
    model.graph.value(*id).dtype = spec.dtype;
    inference.input_shapes[spec.name] = ir::Shape::Static(spec.shape);
  }
  RETURN_IF_ERROR(analysis::InferShapes(&model.graph, inference).WithContext(path));
  ASSIGN_OR_RETURN(analysis::CostReport cost,
                   analysis::AnalyzeCost(model.graph, analysis::FlopsConvention::kFull));
  ASSIGN_OR_RETURN(side.memory, EstimateMemory(model.graph));
  if (html != nullptr) {
    *html = report::HtmlModelFromGraph(model.graph, model.info);
    report::AddCost(cost, html);
  }
  for (const ir::Node& node : model.graph.nodes()) {
    // What runs: not inputs, constants or subgraphs folded into constants.
    if (node.kind == ir::OpKind::kInput || node.kind == ir::OpKind::kConstant ||
        analysis::IsFolded(model.graph, node)) {
      continue;
    }
    ++side.nodes;
    ++side.op_types[node.op_type];
  }
  side.parameters = cost.total.parameters;
  side.flops = cost.total.flops;
  side.macs = cost.total.macs;
  return side;
}

struct Measured {
  std::unique_ptr<runtime::Session> session;
  int64_t run_index = 0;
  profiling::Percentiles latency_ms;
};

StatusOr<Measured> PrepareToMeasure(const std::string& path,
                                    const std::map<std::string, runtime::TensorSpec>& inputs,
                                    const runtime::SessionOptions& options) {
  ASSIGN_OR_RETURN(ir::Model model, importers::LoadModel(path));
  ASSIGN_OR_RETURN(std::vector<runtime::TensorSpec> specs,
                   DefaultInputSpecs(model.graph, path, OverridesFor(model.graph, inputs)));
  Measured measured;
  ASSIGN_OR_RETURN(measured.session, runtime::Session::Create(std::move(model), options));
  RETURN_IF_ERROR(measured.session->Prepare(specs, {}).WithContext(path));
  for (int i = 0; i < measured.session->num_inputs(); ++i) {
    FillRandom(measured.session->input(i), 1234 + i);
  }
  return measured;
}

// The side-by-side figures and the op type difference, as the HTML report's tables.
std::vector<report::HtmlTable> CompareTables(const report::CompareReport& r) {
  auto ratio = [](double a, double b) {
    if (a == 0) return std::string("-");
    char text[32];
    std::snprintf(text, sizeof(text), "%.3f", b / a);
    return std::string(text);
  };
  auto row = [&](const std::string& name, int64_t a, int64_t b) {
    return std::vector<std::string>{name, WithThousandsSeparators(a), WithThousandsSeparators(b),
                                    ratio(static_cast<double>(a), static_cast<double>(b))};
  };
  report::HtmlTable figures{"A and B", {"", "A", "B", "B/A"}, {}, ""};
  figures.rows.push_back(row("Nodes", r.a.nodes, r.b.nodes));
  figures.rows.push_back(row("Parameters", r.a.parameters, r.b.parameters));
  figures.rows.push_back(
      row("Parameter bytes", r.a.memory.parameter_bytes, r.b.memory.parameter_bytes));
  figures.rows.push_back(row("FLOPs", r.a.flops, r.b.flops));
  figures.rows.push_back(row("MACs", r.a.macs, r.b.macs));
  figures.rows.push_back(row("Activation bytes, with reuse", r.a.memory.planned_peak_bytes,
                             r.b.memory.planned_peak_bytes));
  figures.rows.push_back(
      row("Activation bytes, no reuse", r.a.memory.naive_peak_bytes, r.b.memory.naive_peak_bytes));
  if (r.a.latency && r.b.latency) {
    char a_ms[32], b_ms[32], note[160];
    std::snprintf(a_ms, sizeof(a_ms), "%.3f", r.a.latency->p50_ms);
    std::snprintf(b_ms, sizeof(b_ms), "%.3f", r.b.latency->p50_ms);
    figures.rows.push_back(
        {"Latency p50 (ms)", a_ms, b_ms, ratio(r.a.latency->p50_ms, r.b.latency->p50_ms)});
    std::snprintf(note, sizeof(note),
                  "B/A latency over %lld interleaved rounds: p10 %.3f, median %.3f, p90 %.3f",
                  static_cast<long long>(r.rounds), r.ratio_p10, r.ratio_p50, r.ratio_p90);
    figures.note = note;
  }
  report::HtmlTable op_types{"Op types", {"op type", "A", "B", "B-A"}, {}, ""};
  std::map<std::string, std::pair<int64_t, int64_t>> counts;
  for (const auto& [type, n] : r.a.op_types) counts[type].first = n;
  for (const auto& [type, n] : r.b.op_types) counts[type].second = n;
  for (const auto& [type, n] : counts) {
    const int64_t diff = n.second - n.first;
    std::string signed_diff = std::to_string(diff);
    if (diff > 0) signed_diff.insert(signed_diff.begin(), '+');
    op_types.rows.push_back({type, std::to_string(n.first), std::to_string(n.second), signed_diff});
  }
  return {figures, op_types};
}

}  // namespace

int Compare(const std::vector<std::string>& args, const CliIo& io) {
  // --static is a flag without a value; take it out before the value options are parsed.
  std::vector<std::string> rest;
  bool static_only = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0 && (args[i] == "--static" || args[i] == "--static=true")) {
      static_only = true;
    } else {
      rest.push_back(args[i]);
    }
  }
  auto parsed = ParseArgs(
      rest, 1,
      {"input", "runs", "warmup", "num_threads", "memory_limit_mb", "format", "output", "html"},
      io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 2) {
    io.err << "error: compare takes two model files, A and B\n" << kUsage;
    return kExitUsage;
  }
  const std::string format = parsed->Get("format", "text");
  auto runs = ParseInt64(parsed->Get("runs", "50"));
  auto warmup = ParseInt64(parsed->Get("warmup", "3"));
  auto threads = ParseThreads(*parsed);
  if (!runs || *runs < 1 || !warmup || *warmup < 0 || !threads.ok() ||
      (format != "text" && format != "json" && format != "csv")) {
    io.err << "error: bad --runs, --warmup, --num_threads or --format\n";
    return kExitUsage;
  }
  auto inputs = ParseInputShapes(*parsed, io.err);
  if (!inputs) return kExitUsage;
  runtime::SessionOptions options;
  options.num_threads = *threads;
  if (Status limit = ParseMemoryLimit(*parsed, &options); !limit.ok()) {
    io.err << "error: " << limit.message() << "\n";
    return kExitUsage;
  }
  auto fail = [&](const Status& status) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  };

  report::CompareReport result;
  result.num_threads = *threads;
  const bool want_html = parsed->Has("html");
  report::HtmlModel html_models[2];
  auto a = Analyze(parsed->positional[0], *inputs, want_html ? &html_models[0] : nullptr);
  if (!a.ok()) return fail(a.status());
  auto b = Analyze(parsed->positional[1], *inputs, want_html ? &html_models[1] : nullptr);
  if (!b.ok()) return fail(b.status());
  result.a = std::move(a).value();
  result.b = std::move(b).value();

  if (!static_only) {
    auto measured_a = PrepareToMeasure(parsed->positional[0], *inputs, options);
    if (!measured_a.ok()) return fail(measured_a.status());
    auto measured_b = PrepareToMeasure(parsed->positional[1], *inputs, options);
    if (!measured_b.ok()) return fail(measured_b.status());
    std::unique_ptr<Clock> clock = MakeClock();
    Measured* both[2] = {&*measured_a, &*measured_b};
    const std::string* paths[2] = {&parsed->positional[0], &parsed->positional[1]};
    // First run and warm-up of each, then the interleaved rounds.
    for (int m = 0; m < 2; ++m) {
      for (int64_t i = 0; i <= *warmup; ++i) {
        double ms = 0;
        Status status = TimedRun(*both[m]->session, *clock, both[m]->run_index++, &ms);
        if (!status.ok()) return fail(status.WithContext(*paths[m]));
      }
    }
    profiling::Percentiles ratios;
    Progress progress(io.err, io.progress, "compare: round", *runs);
    for (int64_t r = 0; r < *runs; ++r) {
      progress.Update(r);
      double ms[2] = {0, 0};
      for (int m = 0; m < 2; ++m) {
        Status status = TimedRun(*both[m]->session, *clock, both[m]->run_index++, &ms[m]);
        if (!status.ok()) return fail(status.WithContext(*paths[m]));
        both[m]->latency_ms.Add(ms[m]);
      }
      if (ms[0] > 0) ratios.Add(ms[1] / ms[0]);
    }
    progress.Done();
    result.a.latency = Summarize(measured_a->latency_ms);
    result.b.latency = Summarize(measured_b->latency_ms);
    result.a.memory = EngineMemory(*measured_a->session);
    result.b.memory = EngineMemory(*measured_b->session);
    result.rounds = ratios.count();
    result.ratio_p10 = ratios.Percentile(10);
    result.ratio_p50 = ratios.p50();
    result.ratio_p90 = ratios.p90();
  }
  if (want_html) {
    report::HtmlReport html{
        "modelbench compare " + parsed->positional[0] + " " + parsed->positional[1],
        "compare",
        CompareTables(result),
        {}};
    html.models.assign(std::make_move_iterator(std::begin(html_models)),
                       std::make_move_iterator(std::end(html_models)));
    if (Status written = report::WriteHtmlReport(parsed->Get("html", ""), html); !written.ok()) {
      return fail(written);
    }
  }
  const std::string text = format == "json"  ? report::CompareToJson(result)
                           : format == "csv" ? report::CompareToCsv(result)
                                             : report::CompareToText(result);
  return Emit(text, *parsed, io);
}

}  // namespace mb::tools
