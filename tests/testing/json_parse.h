// A small JSON parser for tests that check reports' structure (schema tests): objects,
// arrays, strings (with \uXXXX for the BMP), numbers, true/false/null. Not for production
// input; a parse error is reported as nullopt with the offset in *error.
#ifndef MODELBENCH_TESTS_TESTING_JSON_PARSE_H_
#define MODELBENCH_TESTS_TESTING_JSON_PARSE_H_

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mb::testing {

struct Json {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  bool is_integer = false;  // the literal had no fraction or exponent
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  bool Has(const std::string& key) const { return object.count(key) > 0; }
  const Json& operator[](const std::string& key) const { return object.at(key); }
};

class JsonParser {
 public:
  explicit JsonParser(const std::string& text) : text_(text) {}

  std::optional<Json> Parse(std::string* error) {
    Json value;
    if (!ParseValue(&value) || (SkipSpace(), pos_ != text_.size())) {
      if (error) *error = "JSON parse error at offset " + std::to_string(pos_);
      return std::nullopt;
    }
    return value;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::string(" \t\r\n").find(text_[pos_]) != std::string::npos) {
      ++pos_;
    }
  }
  bool Literal(const char* word) {
    const std::string w(word);
    if (text_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }
  bool ParseString(std::string* out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (pos_ >= text_.size()) return false;
      c = text_[pos_++];
      switch (c) {
        case '"':
        case '\\':
        case '/':
          *out += c;
          break;
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'n':
          *out += '\n';
          break;
        case 'r':
          *out += '\r';
          break;
        case 't':
          *out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return false;
          const unsigned code = std::stoul(text_.substr(pos_, 4), nullptr, 16);
          pos_ += 4;
          if (code < 0x80) {
            *out += static_cast<char>(code);
          } else if (code < 0x800) {
            *out += static_cast<char>(0xC0 | (code >> 6));
            *out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            *out += static_cast<char>(0xE0 | (code >> 12));
            *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            *out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          return false;
      }
    }
    if (pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }
  bool ParseValue(Json* value) {
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '{') {
      value->type = Json::Type::kObject;
      ++pos_;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
      while (true) {
        SkipSpace();
        std::string key;
        if (!ParseString(&key)) return false;
        SkipSpace();
        if (pos_ >= text_.size() || text_[pos_++] != ':') return false;
        Json member;
        if (!ParseValue(&member)) return false;
        if (!value->object.emplace(key, std::move(member)).second) return false;  // duplicate
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        return pos_ < text_.size() && text_[pos_++] == '}';
      }
    }
    if (c == '[') {
      value->type = Json::Type::kArray;
      ++pos_;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
      while (true) {
        Json element;
        if (!ParseValue(&element)) return false;
        value->array.push_back(std::move(element));
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        return pos_ < text_.size() && text_[pos_++] == ']';
      }
    }
    if (c == '"') {
      value->type = Json::Type::kString;
      return ParseString(&value->string);
    }
    if (Literal("true")) return value->type = Json::Type::kBool, value->boolean = true, true;
    if (Literal("false")) return value->type = Json::Type::kBool, true;
    if (Literal("null")) return value->type = Json::Type::kNull, true;
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    bool integer = true;
    while (pos_ < text_.size() &&
           std::string("0123456789.eE+-").find(text_[pos_]) != std::string::npos) {
      integer &= std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0;
      ++pos_;
    }
    if (pos_ == start) return false;
    const std::string literal = text_.substr(start, pos_ - start);
    char* end = nullptr;
    value->type = Json::Type::kNumber;
    value->number = std::strtod(literal.c_str(), &end);
    value->is_integer = integer;
    return end == literal.c_str() + literal.size();
  }

  const std::string& text_;
  size_t pos_ = 0;
};

inline std::optional<Json> ParseJson(const std::string& text, std::string* error = nullptr) {
  return JsonParser(text).Parse(error);
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_JSON_PARSE_H_
