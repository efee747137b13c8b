#include "tools/common/tf_flags.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "base/strings.h"

namespace mb::tools {
namespace {

bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (text->substr(0, prefix.size()) != prefix) return false;
  text->remove_prefix(prefix.size());
  return true;
}

std::string Printf(const char* format, const char* name, const char* value) {
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), format, name, value);
  return buffer;
}

}  // namespace

TfFlag::TfFlag(const char* name, int32_t* destination, const char* usage)
    : name_(name),
      type_(Type::kInt32),
      destination_(destination),
      default_for_display_(std::to_string(*destination)),
      usage_(usage) {}
TfFlag::TfFlag(const char* name, int64_t* destination, const char* usage)
    : name_(name),
      type_(Type::kInt64),
      destination_(destination),
      default_for_display_(std::to_string(*destination)),
      usage_(usage) {}
TfFlag::TfFlag(const char* name, bool* destination, const char* usage)
    : name_(name),
      type_(Type::kBool),
      destination_(destination),
      default_for_display_(*destination ? "true" : "false"),
      usage_(usage) {}
TfFlag::TfFlag(const char* name, std::string* destination, const char* usage)
    : name_(name),
      type_(Type::kString),
      destination_(destination),
      default_for_display_("\"" + *destination + "\""),
      usage_(usage) {}
TfFlag::TfFlag(const char* name, float* destination, const char* usage)
    : name_(name), type_(Type::kFloat), destination_(destination), usage_(usage) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%f", static_cast<double>(*destination));
  default_for_display_ = buffer;
}

bool TfFlag::Parse(const std::string& arg_string, bool* value_ok, std::ostream& log) const {
  *value_ok = true;
  std::string_view arg = arg_string;
  if (type_ == Type::kBool) {
    // "--name" then nothing, "=true" or "=false"; anything else after the name is an error
    // that still counts as this flag (TF's ParseBoolFlag).
    if (!ConsumePrefix(&arg, "--") || !ConsumePrefix(&arg, name_)) return false;
    bool* destination = static_cast<bool*>(destination_);
    if (arg.empty() || arg == "=true") {
      *destination = true;
    } else if (arg == "=false") {
      *destination = false;
    } else {
      log << "Couldn't interpret value " << arg << " for flag " << name_ << ".\n";
      *value_ok = false;
    }
    return true;
  }
  if (!ConsumePrefix(&arg, "--") || !ConsumePrefix(&arg, name_) || !ConsumePrefix(&arg, "=")) {
    return false;
  }
  switch (type_) {
    case Type::kString:
      *static_cast<std::string*>(destination_) = std::string(arg);
      return true;
    case Type::kInt32:
    case Type::kInt64: {
      std::optional<int64_t> parsed = ParseInt64(arg);
      bool fits =
          parsed && (type_ == Type::kInt64 || (*parsed >= INT32_MIN && *parsed <= INT32_MAX));
      if (!fits) {
        log << "Couldn't interpret value " << arg << " for flag " << name_ << ".\n";
        *value_ok = false;
      } else if (type_ == Type::kInt32) {
        *static_cast<int32_t*>(destination_) = static_cast<int32_t>(*parsed);
      } else {
        *static_cast<int64_t*>(destination_) = *parsed;
      }
      return true;
    }
    case Type::kFloat: {
      std::string value(arg);
      char* end = nullptr;
      float parsed = std::strtof(value.c_str(), &end);
      if (value.empty() || end != value.c_str() + value.size()) {
        log << "Couldn't interpret value " << arg << " for flag " << name_ << ".\n";
        *value_ok = false;
      } else {
        *static_cast<float*>(destination_) = parsed;
      }
      return true;
    }
    case Type::kBool:
      break;
  }
  return false;
}

std::string TfFlag::UsageLine() const {
  const char* type_name = "";
  switch (type_) {
    case Type::kInt32:
      type_name = "int32";
      break;
    case Type::kInt64:
      type_name = "int64";
      break;
    case Type::kBool:
      type_name = "bool";
      break;
    case Type::kString:
      type_name = "string";
      break;
    case Type::kFloat:
      type_name = "float";
      break;
  }
  std::string flag_string = Printf("--%s=%s", name_.c_str(), default_for_display_.c_str());
  char buffer[1024];
  std::snprintf(buffer, sizeof(buffer), "\t%-33s\t%s\t%s\n", flag_string.c_str(), type_name,
                usage_.c_str());
  return buffer;
}

bool ParseTfFlags(int* argc, char** argv, const std::vector<TfFlag>& flags, std::ostream& log) {
  bool result = true;
  std::vector<char*> unknown;
  for (int i = 1; i < *argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      while (i < *argc) unknown.push_back(argv[i++]);
      break;
    }
    bool found = false;
    for (const TfFlag& flag : flags) {
      bool value_ok = true;
      found = flag.Parse(argv[i], &value_ok, log);
      if (!value_ok) result = false;
      if (found) break;
    }
    if (!found) unknown.push_back(argv[i]);
  }
  int destination = 1;
  for (char* arg : unknown) argv[destination++] = arg;
  argv[destination] = nullptr;
  *argc = static_cast<int>(unknown.size()) + 1;
  return result && (*argc < 2 || std::strcmp(argv[1], "--help") != 0);
}

std::string TfFlagsUsage(const std::string& cmdline, const std::vector<TfFlag>& flags) {
  std::string usage = "usage: " + cmdline + "\n";
  if (!flags.empty()) usage += "Flags:\n";
  for (const TfFlag& flag : flags) usage += flag.UsageLine();
  return usage;
}

void TfLogger::Write(char severity, int line, const std::string& message) {
  int64_t now_us = fixed_time_us_;
  if (now_us < 0) {
    now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  }
  std::time_t seconds = static_cast<std::time_t>(now_us / 1000000);
  std::tm local_time{};
  localtime_r(&seconds, &local_time);  // TF logs local time
  char stamp[64];
  std::snprintf(stamp, sizeof(stamp), "%04d-%02d-%02d %02d:%02d:%02d.%06lld",
                local_time.tm_year + 1900, local_time.tm_mon + 1, local_time.tm_mday,
                local_time.tm_hour, local_time.tm_min, local_time.tm_sec,
                static_cast<long long>(now_us % 1000000));
  out_ << stamp << ": " << severity << " " << source_ << ":" << line << "] " << message << "\n";
  out_.flush();
}

}  // namespace mb::tools
