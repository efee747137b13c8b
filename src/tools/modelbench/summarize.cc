// `modelbench summarize`: what is in a model file.
#include "analysis/summary.h"
#include "importers/importer.h"
#include "report/html_report.h"
#include "report/summary_report.h"
#include "tools/modelbench/cli_util.h"

namespace mb::tools {

int Summarize(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(args, 1, {"format", "output", "html"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: summarize takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string format = parsed->Get("format", "text");
  if (format != "text" && format != "json" && format != "csv") {
    io.err << "error: unknown --format '" << format << "' (expected text, json or csv)\n";
    return kExitUsage;
  }
  importers::LoadOptions load_options;
  load_options.map_to_engine_ops = false;  // a summary is about the file, not the engine
  auto model = importers::LoadModel(parsed->positional[0], load_options);
  if (!model.ok()) {
    io.err << "error: " << model.status().message() << "\n";
    return kExitError;
  }
  analysis::ModelSummary summary = analysis::SummarizeModel(*model);
  if (parsed->Has("html")) {
    report::HtmlReport html{"modelbench summarize " + parsed->positional[0], "summarize", {}, {}};
    html.models.push_back(report::HtmlModelFromGraph(model->graph, model->info));
    report::AddSummary(summary, &html.models.back());
    if (Status written = report::WriteHtmlReport(parsed->Get("html", ""), html); !written.ok()) {
      io.err << "error: " << written.message() << "\n";
      return kExitError;
    }
  }
  return Emit(format == "json"  ? report::SummaryToJson(summary)
              : format == "csv" ? report::SummaryToCsv(summary)
                                : report::SummaryToText(summary),
              *parsed, io);
}

}  // namespace mb::tools
