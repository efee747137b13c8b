// Helpers for op tests: building a node's canonical params.
#ifndef MODELBENCH_TESTS_TESTING_OP_TESTING_H_
#define MODELBENCH_TESTS_TESTING_OP_TESTING_H_

#include <string>
#include <vector>

#include "ir/attribute.h"

namespace mb::testing {

// Builds a node's canonical params: ParamsBuilder().Set("axis", int64_t{1}).map().
class ParamsBuilder {
 public:
  ParamsBuilder& Set(const std::string& name, const char* value) {
    map_[name] = ir::Attribute{std::string(value)};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, const std::string& value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, int64_t value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, float value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, bool value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, std::vector<int64_t> value) {
    map_[name] = ir::Attribute{std::move(value)};
    return *this;
  }
  const ir::AttributeMap& map() const { return map_; }

 private:
  ir::AttributeMap map_;
};

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_OP_TESTING_H_
