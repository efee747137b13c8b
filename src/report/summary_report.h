// Formats an analysis::ModelSummary as text for people, JSON for programs, or CSV for
// spreadsheets (one row per fact: section,name,field,value). The layouts are documented in
// docs/report_formats.md; the JSON one is versioned by its "schema" field.
#ifndef MODELBENCH_REPORT_SUMMARY_REPORT_H_
#define MODELBENCH_REPORT_SUMMARY_REPORT_H_

#include <string>

#include "analysis/summary.h"

namespace mb::report {

inline constexpr const char* kSummarySchema = "modelbench.summary/1";

std::string SummaryToText(const analysis::ModelSummary& summary);
std::string SummaryToJson(const analysis::ModelSummary& summary);
std::string SummaryToCsv(const analysis::ModelSummary& summary);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_SUMMARY_REPORT_H_
