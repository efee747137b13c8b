// Einsum (ONNX): Einstein summation over any number of operands.
//
// Operands: X1 ... Xn (float32 or float64, one dtype).
// Params: equation (required), e.g. "bij,bjk->bik"; spaces are ignored. Each term names its
//   operand's dimensions with letters (a-z, A-Z) and at most one "..." standing for the same
//   number of broadcast dimensions in every term. Without "->" the output is "..." followed
//   by the letters that appear exactly once, sorted (ASCII, as NumPy). A letter repeated in
//   one term takes that term's diagonal ("ii->i"); letters (and "..." dimensions) absent
//   from the output are summed, as in NumPy.
//
// The reference walks every combination of label values once (the product of all label
// sizes), which covers matmul, transposes, reductions, outer products and diagonals alike.
// Cost: with P that product and n operands, MACs = P * (n - 1), FLOPs = P * n (n - 1
// multiplies and one add per combination).
#include <algorithm>
#include <map>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

constexpr int kEllipsis = -1;  // in a parsed term, stands for the "..." dimensions

// A parsed equation: per term, its labels (letters as their char value, or kEllipsis).
struct Equation {
  std::vector<std::vector<int>> inputs;
  std::vector<int> output;
  bool explicit_output = false;
};

StatusOr<std::vector<int>> ParseTerm(const std::string& term) {
  std::vector<int> labels;
  bool seen_ellipsis = false;
  for (size_t i = 0; i < term.size(); ++i) {
    const char ch = term[i];
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
      labels.push_back(ch);
    } else if (ch == '.') {
      if (term.compare(i, 3, "...") != 0 || seen_ellipsis) {
        return InvalidArgumentError("bad ellipsis in einsum term '" + term + "'");
      }
      seen_ellipsis = true;
      labels.push_back(kEllipsis);
      i += 2;
    } else {
      return InvalidArgumentError(std::string("unexpected character '") + ch +
                                  "' in einsum term '" + term + "'");
    }
  }
  return labels;
}

StatusOr<Equation> ParseEquation(const std::string& raw) {
  std::string equation;
  for (char ch : raw) {
    if (ch != ' ') equation.push_back(ch);
  }
  if (equation.empty()) return InvalidArgumentError("einsum equation is empty");
  Equation e;
  std::string lhs = equation;
  const size_t arrow = equation.find("->");
  if (arrow != std::string::npos) {
    lhs = equation.substr(0, arrow);
    e.explicit_output = true;
    ASSIGN_OR_RETURN(e.output, ParseTerm(equation.substr(arrow + 2)));
  }
  size_t start = 0;
  while (true) {
    const size_t comma = lhs.find(',', start);
    ASSIGN_OR_RETURN(std::vector<int> term,
                     ParseTerm(lhs.substr(
                         start, comma == std::string::npos ? std::string::npos : comma - start)));
    e.inputs.push_back(std::move(term));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!e.explicit_output) {
    std::map<int, int> counts;
    bool any_ellipsis = false;
    for (const auto& term : e.inputs) {
      for (int label : term) {
        if (label == kEllipsis) {
          any_ellipsis = true;
        } else {
          ++counts[label];
        }
      }
    }
    if (any_ellipsis) e.output.push_back(kEllipsis);
    for (const auto& [label, count] : counts) {  // std::map: sorted by char value
      if (count == 1) e.output.push_back(label);
    }
  }
  return e;
}

// The equation resolved against operand sizes: every dimension a label index (letters and
// then the ellipsis dimensions, one label each) with a size.
struct Plan {
  std::vector<int64_t> label_sizes;
  std::vector<std::vector<int>> input_labels;  // per operand, per dimension
  std::vector<int> output_labels;
  std::vector<int64_t> output_sizes;
  int64_t combinations = 1;  // product of all label sizes
};

StatusOr<Plan> MakePlan(const std::string& equation_text,
                        const std::vector<std::vector<int64_t>>& sizes) {
  ASSIGN_OR_RETURN(Equation e, ParseEquation(equation_text));
  if (e.inputs.size() != sizes.size()) {
    return InvalidArgumentError("einsum equation has " + std::to_string(e.inputs.size()) +
                                " terms for " + std::to_string(sizes.size()) + " operands");
  }
  // Ellipsis rank: each operand's dimensions not named by letters; broadcast right-aligned.
  int ellipsis_rank = 0;
  std::vector<int> operand_ellipsis(sizes.size(), 0);
  for (size_t i = 0; i < sizes.size(); ++i) {
    const auto& term = e.inputs[i];
    const bool has_ellipsis = std::count(term.begin(), term.end(), kEllipsis) > 0;
    const int letters = static_cast<int>(term.size()) - (has_ellipsis ? 1 : 0);
    const int rank = static_cast<int>(sizes[i].size());
    if (has_ellipsis ? rank < letters : rank != letters) {
      return InvalidArgumentError("einsum term " + std::to_string(i) + " names " +
                                  std::to_string(letters) + " dimensions of an operand of rank " +
                                  std::to_string(rank));
    }
    operand_ellipsis[i] = rank - letters;
    ellipsis_rank = std::max(ellipsis_rank, operand_ellipsis[i]);
  }
  Plan plan;
  std::map<int, int> letter_index;
  // Ellipsis dimensions are labels 0..ellipsis_rank-1, sized by broadcasting.
  plan.label_sizes.assign(ellipsis_rank, 1);
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::vector<int> labels;
    size_t dim = 0;
    for (int label : e.inputs[i]) {
      if (label == kEllipsis) {
        for (int k = 0; k < operand_ellipsis[i]; ++k, ++dim) {
          const int index = ellipsis_rank - operand_ellipsis[i] + k;
          int64_t& size = plan.label_sizes[index];
          if (size != sizes[i][dim] && size != 1 && sizes[i][dim] != 1) {
            return InvalidArgumentError("einsum \"...\" dimensions do not broadcast");
          }
          if (sizes[i][dim] != 1) size = sizes[i][dim];
          labels.push_back(index);
        }
        continue;
      }
      auto [it, inserted] = letter_index.try_emplace(label, plan.label_sizes.size());
      if (inserted) {
        plan.label_sizes.push_back(sizes[i][dim]);
      } else if (plan.label_sizes[it->second] != sizes[i][dim]) {
        return InvalidArgumentError(std::string("einsum label '") + static_cast<char>(label) +
                                    "' has sizes " + std::to_string(plan.label_sizes[it->second]) +
                                    " and " + std::to_string(sizes[i][dim]));
      }
      labels.push_back(it->second);
      ++dim;
    }
    plan.input_labels.push_back(std::move(labels));
  }
  std::vector<bool> in_output(plan.label_sizes.size(), false);
  for (int label : e.output) {
    if (label == kEllipsis) {
      for (int k = 0; k < ellipsis_rank; ++k) {
        if (in_output[k]) return InvalidArgumentError("einsum output repeats \"...\"");
        in_output[k] = true;
        plan.output_labels.push_back(k);
      }
      continue;
    }
    auto it = letter_index.find(label);
    if (it == letter_index.end()) {
      return InvalidArgumentError(std::string("einsum output label '") + static_cast<char>(label) +
                                  "' is not in any input");
    }
    if (in_output[it->second]) {
      return InvalidArgumentError(std::string("einsum output repeats label '") +
                                  static_cast<char>(label) + "'");
    }
    in_output[it->second] = true;
    plan.output_labels.push_back(it->second);
  }
  for (int label : plan.output_labels) plan.output_sizes.push_back(plan.label_sizes[label]);
  // Sizes beyond 2^40 combinations are no real model's; the bound keeps the walk finite.
  for (int64_t size : plan.label_sizes) {
    auto product = ir::CheckedMultiply(plan.combinations, size);
    if (!product || *product > (int64_t{1} << 40)) {
      return InvalidArgumentError("einsum is too large");
    }
    plan.combinations = *product;
  }
  return plan;
}

std::vector<std::vector<int64_t>> OperandSizes(std::span<const TensorType> types) {
  std::vector<std::vector<int64_t>> sizes;
  for (const TensorType& t : types) sizes.push_back(t.shape.Sizes());
  return sizes;
}

Status InferEinsum(InferenceContext& context) {
  if (context.num_operands() < 1) return InvalidArgumentError("needs at least one operand");
  const ir::DType dtype = context.operand(0).dtype;
  if (dtype != ir::DType::kFloat32 && dtype != ir::DType::kFloat64) {
    return UnimplementedError("Einsum supports float32 and float64 only");
  }
  if (!context.params().Has("equation")) return InvalidArgumentError("equation is required");
  const std::string equation = context.params().String("equation", "");
  RETURN_IF_ERROR(ParseEquation(equation).status());
  std::vector<TensorType> types;
  bool known = true;
  for (int i = 0; i < context.num_operands(); ++i) {
    if (context.operand(i).dtype != dtype) {
      return InvalidArgumentError("Einsum operands must share one dtype");
    }
    known &= context.operand(i).shape.IsFullyKnown();
    types.push_back(context.operand(i));
  }
  if (!known) {
    context.set_output(0, {dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(Plan plan, MakePlan(equation, OperandSizes(types)));
  context.set_output(0, {dtype, ir::Shape::Static(plan.output_sizes)});
  return OkStatus();
}

OpCost CountEinsum(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  for (const TensorType& t : context.operands) {
    if (!t.shape.IsFullyKnown()) return cost;
  }
  auto plan = MakePlan(context.params.String("equation", ""), OperandSizes(context.operands));
  if (!plan.ok()) return cost;
  const int64_t n = static_cast<int64_t>(context.operands.size());
  cost.macs = plan->combinations * std::max<int64_t>(n - 1, 0);
  cost.flops = plan->combinations * n;
  return cost;
}

template <typename T>
void Contract(const Plan& plan, const ComputeContext& context) {
  const int num_labels = static_cast<int>(plan.label_sizes.size());
  const size_t num_inputs = context.inputs.size();
  // Per operand (and the output), the stride each label moves by: a sum for a label
  // repeated in a term (its diagonal), 0 for a broadcast size-1 ellipsis dimension.
  auto strides_for = [&](const std::vector<int>& labels, const std::vector<int64_t>& sizes) {
    std::vector<int64_t> strides(num_labels, 0);
    int64_t stride = 1;
    for (int d = static_cast<int>(labels.size()) - 1; d >= 0; --d) {
      if (sizes[d] != 1) strides[labels[d]] += stride;
      stride *= sizes[d];
    }
    return strides;
  };
  std::vector<std::vector<int64_t>> input_strides;
  for (size_t i = 0; i < num_inputs; ++i) {
    input_strides.push_back(strides_for(plan.input_labels[i], context.inputs[i].sizes));
  }
  const std::vector<int64_t> output_strides = strides_for(plan.output_labels, plan.output_sizes);
  const TensorView& y = context.outputs[0];
  std::vector<double> sums(y.num_elements(), 0.0);
  std::vector<int64_t> index(num_labels, 0);
  std::vector<int64_t> offsets(num_inputs, 0);
  int64_t out_offset = 0;
  for (int64_t step = 0; step < plan.combinations; ++step) {
    double product = 1.0;
    for (size_t i = 0; i < num_inputs; ++i) {
      product *= static_cast<double>(context.inputs[i].As<T>()[offsets[i]]);
    }
    sums[out_offset] += product;
    // Odometer over the labels, last fastest.
    for (int l = num_labels - 1; l >= 0; --l) {
      ++index[l];
      for (size_t i = 0; i < num_inputs; ++i) offsets[i] += input_strides[i][l];
      out_offset += output_strides[l];
      if (index[l] < plan.label_sizes[l]) break;
      for (size_t i = 0; i < num_inputs; ++i) offsets[i] -= input_strides[i][l] * index[l];
      out_offset -= output_strides[l] * index[l];
      index[l] = 0;
    }
  }
  T* out = y.As<T>();
  for (size_t i = 0; i < sums.size(); ++i) out[i] = static_cast<T>(sums[i]);
}

Status ComputeEinsum(const ComputeContext& context) {
  std::vector<std::vector<int64_t>> sizes;
  for (const TensorView& view : context.inputs) sizes.push_back(view.sizes);
  ASSIGN_OR_RETURN(Plan plan, MakePlan(context.params.String("equation", ""), sizes));
  if (context.outputs[0].sizes != plan.output_sizes) {
    return InvalidArgumentError("output is not allocated as the equation's shape");
  }
  if (context.inputs[0].dtype == ir::DType::kFloat64) {
    Contract<double>(plan, context);
  } else {
    Contract<float>(plan, context);
  }
  return OkStatus();
}

}  // namespace

const OpDef& EinsumOpDef() {
  static const OpDef def{.kind = OpKind::kEinsum,
                         .infer_shapes = InferEinsum,
                         .count_cost = CountEinsum,
                         .compute_reference = ComputeEinsum};
  return def;
}

}  // namespace mb::ops
