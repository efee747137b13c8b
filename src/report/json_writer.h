// A small streaming JSON writer: objects, arrays, strings (escaped), numbers, booleans and
// null, with two-space indentation. Reports build their JSON with it; nothing here knows
// what a model is.
#ifndef MODELBENCH_REPORT_JSON_WRITER_H_
#define MODELBENCH_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mb::report {

class JsonWriter {
 public:
  JsonWriter() = default;

  // Containers. Inside an object every value must be preceded by Key().
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& UInt(uint64_t value);
  // Non-finite doubles have no JSON spelling and are written as null.
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // The document so far, with a trailing newline once the top-level value is closed.
  std::string str() const { return out_ + (stack_.empty() && !out_.empty() ? "\n" : ""); }

 private:
  void BeforeValue();
  void Newline();

  std::string out_;
  // For each open container: is it an object, and has it any member yet.
  struct Frame {
    bool is_object;
    bool has_members;
  };
  std::vector<Frame> stack_;
  bool after_key_ = false;
};

// JSON string escaping, without the quotes.
std::string JsonEscape(std::string_view text);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_JSON_WRITER_H_
