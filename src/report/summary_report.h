// Formats an analysis::ModelSummary as text for people or JSON for programs. The JSON layout
// is documented in docs/report_formats.md and versioned by its "schema" field.
#ifndef MODELBENCH_REPORT_SUMMARY_REPORT_H_
#define MODELBENCH_REPORT_SUMMARY_REPORT_H_

#include <string>

#include "analysis/summary.h"

namespace mb::report {

inline constexpr const char* kSummarySchema = "modelbench.summary/1";

std::string SummaryToText(const analysis::ModelSummary& summary);
std::string SummaryToJson(const analysis::ModelSummary& summary);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_SUMMARY_REPORT_H_
