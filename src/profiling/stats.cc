#include "profiling/stats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace mb::profiling {

double Percentiles::Percentile(double percent) const {
  if (samples_.empty() || std::isnan(percent)) return std::numeric_limits<double>::quiet_NaN();
  percent = std::clamp(percent, 0.0, 100.0);
  // numpy's "linear" method: rank r = p/100 * (n-1) between x[floor(r)] and x[floor(r)+1].
  const double rank = percent / 100.0 * static_cast<double>(samples_.size() - 1);
  const size_t lower = std::min(static_cast<size_t>(std::floor(rank)), samples_.size() - 1);
  const double fraction = rank - static_cast<double>(lower);

  // nth_element on a copy keeps this const and O(n); everything after position `lower` is
  // then >= x[lower], so the next order statistic is the minimum of that tail.
  std::vector<double> sorted = samples_;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(lower),
                   sorted.end());
  const double low_value = sorted[lower];
  if (fraction == 0.0 || lower + 1 >= sorted.size()) return low_value;
  const double high_value =
      *std::min_element(sorted.begin() + static_cast<std::ptrdiff_t>(lower) + 1, sorted.end());
  return low_value + fraction * (high_value - low_value);
}

void StatsCalculator::AddNodeStats(const std::string& name, const std::string& type,
                                   int64_t run_order, int64_t elapsed_time_us,
                                   int64_t mem_used_bytes) {
  auto [it, inserted] = details_.try_emplace(name);
  NodeStatsDetail& detail = it->second;
  if (inserted) {
    detail.name = name;
    detail.type = type;
    detail.run_order = run_order;
  }
  detail.elapsed_time.UpdateStat(elapsed_time_us);
  detail.mem_used.UpdateStat(mem_used_bytes);
  ++detail.times_called;
}

}  // namespace mb::profiling
