// Plain-text tables with aligned columns, for the text reports.
#ifndef MODELBENCH_REPORT_TEXT_TABLE_H_
#define MODELBENCH_REPORT_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace mb::report {

// One line per row, cells separated by two spaces and padded to their column's widest cell:
// the first `left_columns` columns left-aligned (names), the rest right-aligned (numbers).
// Trailing spaces are trimmed; every line ends in '\n'. Rows may have different lengths.
std::string TextTable(const std::vector<std::vector<std::string>>& rows, size_t left_columns);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_TEXT_TABLE_H_
