// Small string helpers shared by the importers, reports and command-line front ends.
#ifndef MODELBENCH_BASE_STRINGS_H_
#define MODELBENCH_BASE_STRINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mb {

// Splits on `delimiter`, keeping empty tokens ("a,,b" -> a, "", b); "" gives no tokens.
// This is TF's str_util::Split, which its command-line tools rely on.
std::vector<std::string> Split(std::string_view text, char delimiter);

std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// Parses a whole string as a base-10 integer; nullopt on any leftover character or overflow.
std::optional<int64_t> ParseInt64(std::string_view text);

// Thousands separators for people: 1234567 -> "1,234,567".
std::string WithThousandsSeparators(int64_t value);

// Bytes for people: 1536 -> "1.5 KiB".
std::string HumanBytes(uint64_t bytes);

// C-escapes control characters, quotes and backslashes (octal \ooo for other control bytes)
// and leaves bytes >= 0x80 alone, so UTF-8 stays readable (absl's Utf8SafeCEscape rules).
std::string Utf8SafeCEscape(std::string_view text);

}  // namespace mb

#endif  // MODELBENCH_BASE_STRINGS_H_
