// `modelbench analyze`: static cost per node, no run.
#include "analysis/cost_analysis.h"
#include "analysis/shape_inference.h"
#include "importers/importer.h"
#include "report/cost_report.h"
#include "report/html_report.h"
#include "tools/modelbench/cli_util.h"
#include "tools/modelbench/efficiency.h"

namespace mb::tools {

// `modelbench analyze`: the static cost of every node, no run.
int Analyze(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed =
      ParseArgs(args, 1, {"flops", "input", "format", "output", "target", "html"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: analyze takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string& model_path = parsed->positional[0];
  const std::string format = parsed->Get("format", "text");
  const std::string flops = parsed->Get("flops", "full");
  if ((format != "text" && format != "json" && format != "csv") ||
      (flops != "full" && flops != "tf")) {
    io.err << "error: --format must be text, json or csv and --flops full or tf\n";
    return kExitUsage;
  }
  auto target = ParseTarget(parsed->Get("target", ""));
  if (!target.ok()) {
    io.err << "error: " << target.status().message() << "\n";
    return kExitUsage;
  }
  auto input_shapes = ParseInputShapes(*parsed, io.err);
  if (!input_shapes) return kExitUsage;
  auto fail = [&](const Status& status) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  };
  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail(model.status());
  auto specs = DefaultInputSpecs(model->graph, model_path, std::move(*input_shapes));
  if (!specs.ok()) return fail(specs.status());
  analysis::ShapeInferenceOptions inference;
  for (const runtime::TensorSpec& spec : *specs) {
    std::optional<ir::ValueId> id = model->graph.FindValue(spec.name);
    if (!id) return fail(NotFoundError(model_path + ": no input named '" + spec.name + "'"));
    model->graph.value(*id).dtype = spec.dtype;
    inference.input_shapes[spec.name] = ir::Shape::Static(spec.shape);
  }
  if (Status inferred = analysis::InferShapes(&model->graph, inference); !inferred.ok()) {
    return fail(inferred.WithContext(model_path));
  }
  auto report =
      analysis::AnalyzeCost(model->graph, flops == "tf" ? analysis::FlopsConvention::kTensorFlow
                                                        : analysis::FlopsConvention::kFull);
  if (!report.ok()) return fail(report.status().WithContext(model_path));
  if (parsed->Has("html")) {
    report::HtmlReport html{"modelbench analyze " + model_path, "analyze", {}, {}};
    html.models.push_back(report::HtmlModelFromGraph(model->graph, model->info));
    report::AddCost(*report, &html.models.back());
    if (Status written = report::WriteHtmlReport(parsed->Get("html", ""), html); !written.ok()) {
      return fail(written);
    }
  }
  auto memory = EstimateMemory(model->graph);
  if (!memory.ok()) return fail(memory.status().WithContext(model_path));
  report::CostExtras extras;
  extras.memory = &*memory;
  analysis::Projection projection;
  if (*target) {
    projection = analysis::ProjectCost(*report, **target);
    extras.projection = &projection;
  }
  const std::string text = format == "json"  ? report::CostToJson(model->graph, *report, extras)
                           : format == "csv" ? report::CostToCsv(model->graph, *report, extras)
                                             : report::CostToText(model->graph, *report, extras);
  return Emit(text, *parsed, io);
}

}  // namespace mb::tools
