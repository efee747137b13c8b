#include "runtime/session.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_set>

#include "analysis/shape_inference.h"
#include "ir/topological_order.h"
#include "ir/verifier.h"
#include "runtime/control_flow.h"
#include "runtime/fusion.h"
#include "runtime/layout.h"
#include "runtime/memory_planner.h"

namespace mb::runtime {
namespace {

constexpr int64_t kAlignment = 64;

void* AllocateAligned(int64_t bytes) {
  const int64_t size =
      std::max<int64_t>(kAlignment, (bytes + kAlignment - 1) / kAlignment * kAlignment);
  return std::aligned_alloc(kAlignment, static_cast<size_t>(size));
}

// Nodes the given values depend on, through data and control edges.
std::vector<bool> NeededNodes(const ir::Graph& graph, const std::vector<ir::ValueId>& values) {
  std::vector<bool> needed(graph.nodes().size(), false);
  std::vector<ir::NodeId> stack;
  for (ir::ValueId v : values) {
    if (graph.value(v).producer != ir::kNoNode) stack.push_back(graph.value(v).producer);
  }
  while (!stack.empty()) {
    ir::NodeId id = stack.back();
    stack.pop_back();
    if (needed[id]) continue;
    needed[id] = true;
    const ir::Node& node = graph.node(id);
    // Folded values need nothing upstream; a live node needs its operands' producers.
    const std::vector<ir::ValueId>& inputs =
        node.kind == ir::OpKind::kUnsupported ? node.inputs : node.operands;
    for (ir::ValueId input : inputs) {
      if (input == ir::kNoValue) continue;
      const ir::Value& value = graph.value(input);
      if (value.producer != ir::kNoNode && !value.constant) stack.push_back(value.producer);
    }
    for (const std::string& control : node.control_inputs) {
      if (auto producer = graph.FindNode(control)) stack.push_back(*producer);
    }
  }
  return needed;
}

}  // namespace

Status CheckSupported(const ir::Graph& graph, const std::vector<ir::NodeId>& needed) {
  struct Missing {
    int64_t count = 0;
    std::string first;
    std::string reason;
  };
  std::map<std::string, Missing> missing;
  std::vector<std::string> order;
  for (ir::NodeId id : needed) {
    const ir::Node& node = graph.node(id);
    if (node.kind != ir::OpKind::kUnsupported) continue;
    auto [it, inserted] = missing.try_emplace(node.op_type);
    if (inserted) {
      it->second.first = node.name;
      it->second.reason = node.unsupported_reason;
      order.push_back(node.op_type);
    }
    ++it->second.count;
  }
  if (missing.empty()) return OkStatus();
  std::string message = std::to_string(missing.size()) + " unsupported op type" +
                        (missing.size() == 1 ? "" : "s") + ": ";
  for (size_t i = 0; i < order.size(); ++i) {
    const Missing& m = missing[order[i]];
    if (i > 0) message += ", ";
    message += order[i] + " (" + std::to_string(m.count) + (m.count == 1 ? " node" : " nodes") +
               ", first '" + m.first + "'" + (m.reason.empty() ? "" : ": " + m.reason) + ")";
  }
  return UnimplementedError(message);
}

Session::Session(ir::Model model, const SessionOptions& options)
    : model_(std::move(model)), options_(options) {}

Session::~Session() {
  steps_.clear();  // kernels may reference buffers
  for (void* allocation : allocations_) std::free(allocation);
}

StatusOr<std::unique_ptr<Session>> Session::Create(ir::Model model, const SessionOptions& options) {
  if (options.num_threads < 1) return InvalidArgumentError("num_threads must be at least 1");
  return std::unique_ptr<Session>(new Session(std::move(model), options));
}

StatusOr<ir::ValueId> Session::ResolveTensor(const std::string& name) const {
  const ir::Graph& graph = model_.graph;
  if (auto id = graph.FindValue(name)) return *id;
  // TF names output 0 of node x both "x" and "x:0".
  if (name.size() > 2 && name.compare(name.size() - 2, 2, ":0") == 0) {
    if (auto id = graph.FindValue(name.substr(0, name.size() - 2))) return *id;
  }
  return NotFoundError("no tensor named '" + name + "' in the model");
}

Status Session::CheckRunnable(const std::vector<std::string>& outputs) const {
  std::vector<ir::ValueId> output_ids;
  if (outputs.empty()) output_ids = model_.graph.outputs();
  for (const std::string& name : outputs) {
    ASSIGN_OR_RETURN(ir::ValueId id, ResolveTensor(name));
    output_ids.push_back(id);
  }
  std::vector<bool> needed = NeededNodes(model_.graph, output_ids);
  std::vector<ir::NodeId> needed_ids;
  for (ir::NodeId id = 0; id < static_cast<ir::NodeId>(needed.size()); ++id) {
    if (needed[id]) needed_ids.push_back(id);
  }
  return CheckSupported(model_.graph, needed_ids);
}

Status Session::Prepare(const std::vector<TensorSpec>& inputs,
                        const std::vector<std::string>& outputs) {
  if (prepared_) return FailedPreconditionError("session is already prepared");
  ir::Graph& graph = model_.graph;
  kernels::ConfigureThreads(options_.num_threads);

  // Inputs: fix shapes and dtypes.
  analysis::ShapeInferenceOptions inference;
  inference.max_folded_bytes = options_.max_folded_bytes;
  std::vector<ir::ValueId> input_ids;
  for (const TensorSpec& spec : inputs) {
    ASSIGN_OR_RETURN(ir::ValueId id, ResolveTensor(spec.name));
    ir::Value& value = graph.value(id);
    if (std::find(graph.inputs().begin(), graph.inputs().end(), id) == graph.inputs().end()) {
      return InvalidArgumentError("'" + spec.name + "' is not an input of the model");
    }
    if (value.dtype != ir::DType::kInvalid && value.dtype != spec.dtype) {
      return InvalidArgumentError("input '" + spec.name + "' has dtype " +
                                  std::string(ir::DTypeName(value.dtype)) + ", not " +
                                  std::string(ir::DTypeName(spec.dtype)));
    }
    if (value.shape.rank_known()) {
      bool compatible = value.shape.rank() == static_cast<int>(spec.shape.size());
      for (size_t d = 0; compatible && d < spec.shape.size(); ++d) {
        const ir::Dim& dim = value.shape.dim(static_cast<int>(d));
        compatible = !dim.is_known() || dim.size() == spec.shape[d];
      }
      if (!compatible) {
        return InvalidArgumentError("input '" + spec.name + "' has shape " +
                                    value.shape.ToString() + ", which " +
                                    ir::Shape::Static(spec.shape).ToString() + " does not fit");
      }
    }
    for (int64_t d : spec.shape) {
      if (d < 0) return InvalidArgumentError("input '" + spec.name + "' has a negative dimension");
    }
    value.dtype = spec.dtype;
    inference.input_shapes[value.name] = ir::Shape::Static(spec.shape);
    input_ids.push_back(id);
    input_names_.push_back(spec.name);
  }
  for (ir::ValueId id : graph.inputs()) {
    if (std::find(input_ids.begin(), input_ids.end(), id) == input_ids.end()) {
      const ir::Value& value = graph.value(id);
      if (!value.shape.IsFullyKnown() || value.dtype == ir::DType::kInvalid) continue;
      // A fully declared input nobody fed is still fed (with zeros) if the outputs need it.
      input_ids.push_back(id);
      input_names_.push_back(value.name);
    }
  }

  // Outputs.
  std::vector<ir::ValueId> output_ids;
  if (outputs.empty()) {
    output_ids = graph.outputs();
    for (ir::ValueId id : output_ids) output_names_.push_back(graph.value(id).name);
  } else {
    for (const std::string& name : outputs) {
      ASSIGN_OR_RETURN(ir::ValueId id, ResolveTensor(name));
      output_ids.push_back(id);
      output_names_.push_back(name);
    }
  }
  if (output_ids.empty()) return InvalidArgumentError("nothing to compute: no outputs");

  // Everything the outputs need must be runnable; say all of what is not at once.
  {
    std::vector<bool> needed = NeededNodes(graph, output_ids);
    std::vector<ir::NodeId> needed_ids;
    for (ir::NodeId id = 0; id < static_cast<ir::NodeId>(needed.size()); ++id) {
      if (needed[id]) needed_ids.push_back(id);
    }
    RETURN_IF_ERROR(CheckSupported(graph, needed_ids));
    for (ir::ValueId id : graph.inputs()) {
      const ir::Value& value = graph.value(id);
      if (value.producer == ir::kNoNode || !needed[value.producer]) continue;
      if (std::find(input_ids.begin(), input_ids.end(), id) == input_ids.end()) {
        return InvalidArgumentError("input '" + value.name + "' (" +
                                    std::string(ir::DTypeName(value.dtype)) + " " +
                                    value.shape.ToString() + ") was not given");
      }
    }
  }

  RETURN_IF_ERROR(analysis::InferShapes(&graph, inference));
  // An If whose condition is now known becomes its branch (runtime/control_flow.h); a branch
  // may hold further Ifs, so repeat, within a bound that no real model's nesting reaches.
  for (int depth = 0; depth < 16; ++depth) {
    ASSIGN_OR_RETURN(int inlined, InlineKnownIfs(&graph));
    if (inlined == 0) break;
    RETURN_IF_ERROR(analysis::InferShapes(&graph, inference));
    std::vector<bool> needed = NeededNodes(graph, output_ids);
    std::vector<ir::NodeId> needed_ids;
    for (ir::NodeId id = 0; id < static_cast<ir::NodeId>(needed.size()); ++id) {
      if (needed[id]) needed_ids.push_back(id);
    }
    RETURN_IF_ERROR(CheckSupported(graph, needed_ids));
  }
  if (options_.channels_last) {
    ASSIGN_OR_RETURN(int converted, ConvertToChannelsLast(&graph, output_ids));
    if (converted > 0) RETURN_IF_ERROR(analysis::InferShapes(&graph, inference));
  }

  // Steps: needed nodes in topological order that compute something at run time.
  std::vector<bool> needed = NeededNodes(graph, output_ids);
  ASSIGN_OR_RETURN(std::vector<ir::NodeId> order, ir::TopologicalOrder(graph));
  std::vector<ir::NodeId> step_nodes;
  for (ir::NodeId id : order) {
    const ir::Node& node = graph.node(id);
    if (!needed[id] || node.kind == ir::OpKind::kInput || node.kind == ir::OpKind::kConstant ||
        analysis::IsFolded(graph, node)) {
      continue;
    }
    for (ir::ValueId output : node.outputs) {
      const ir::Value& value = graph.value(output);
      if (!value.shape.IsFullyKnown() || !ir::IsPlainData(value.dtype)) {
        return InvalidArgumentError(ir::DescribeNode(node) + ": output '" + value.name +
                                    "' has shape " + value.shape.ToString() + " of " +
                                    std::string(ir::DTypeName(value.dtype)) +
                                    ", which is not known before running");
      }
    }
    step_nodes.push_back(id);
  }

  // Element-wise nodes after convolutions fold into them (oneDNN post-ops).
  ASSIGN_OR_RETURN(FusionPlan fusion, PlanFusions(&graph, step_nodes, output_ids));
  const int num_steps = static_cast<int>(step_nodes.size());
  // The node each step's kernel runs: the graph's, or a fusing replacement.
  auto executed_node = [&](int s) -> const ir::Node& {
    auto it = fusion.replacement_nodes.find(s);
    return it != fusion.replacement_nodes.end() ? *it->second : graph.node(step_nodes[s]);
  };
  auto is_fused = [&](int s) { return fusion.computed_by[s] != s; };
  // A value's buffer owner: itself, or the convolution output a fused node shares.
  auto owner = [&](ir::ValueId id) {
    auto it = fusion.aliases.find(id);
    return it == fusion.aliases.end() ? id : it->second;
  };

  // Memory plan over the steps' outputs; fetched outputs live to the end.
  std::map<ir::ValueId, int> last_use;
  for (int s = 0; s < num_steps; ++s) {
    if (is_fused(s)) continue;
    for (ir::ValueId operand : executed_node(s).operands) {
      if (operand != ir::kNoValue) last_use[owner(operand)] = s;
    }
  }
  for (ir::ValueId id : output_ids) last_use[owner(id)] = num_steps;
  std::vector<BufferRequest> requests;
  std::vector<ir::ValueId> request_values;
  for (int s = 0; s < num_steps; ++s) {
    if (is_fused(s)) continue;
    for (ir::ValueId output : graph.node(step_nodes[s]).outputs) {
      const ir::Value& value = graph.value(output);
      BufferRequest request;
      auto bytes = ir::CheckedMultiply(*value.shape.NumElements(),
                                       static_cast<int64_t>(ir::DTypeSize(value.dtype)));
      if (!bytes || *bytes > options_.memory_limit_bytes) {
        return ResourceExhaustedError(ir::DescribeNode(graph.node(step_nodes[s])) + ": output '" +
                                      value.name + "' of shape " + value.shape.ToString() +
                                      " exceeds the memory limit of " +
                                      std::to_string(options_.memory_limit_bytes) + " bytes");
      }
      request.bytes = *bytes;
      request.first_step = s;
      auto it = last_use.find(output);
      request.last_step = it == last_use.end() ? s : std::max(s, it->second);
      requests.push_back(request);
      request_values.push_back(output);
    }
  }
  MemoryPlan plan = PlanMemory(requests, kAlignment);
  arena_bytes_ = plan.arena_bytes;
  naive_bytes_ = plan.naive_bytes;
  int64_t input_bytes = 0;
  for (ir::ValueId id : input_ids) {
    const ir::Value& value = graph.value(id);
    auto bytes = ir::CheckedMultiply(value.shape.NumElements().value_or(0),
                                     static_cast<int64_t>(ir::DTypeSize(value.dtype)));
    input_bytes += bytes.value_or(options_.memory_limit_bytes + 1);
    if (input_bytes > options_.memory_limit_bytes) break;
  }
  if (arena_bytes_ >
          options_.memory_limit_bytes - std::min(input_bytes, options_.memory_limit_bytes) ||
      input_bytes > options_.memory_limit_bytes) {
    return ResourceExhaustedError("the model needs " + std::to_string(arena_bytes_) +
                                  " bytes of activations and " + std::to_string(input_bytes) +
                                  " of inputs, over the memory limit of " +
                                  std::to_string(options_.memory_limit_bytes) + " bytes");
  }
  char* arena = static_cast<char*>(AllocateAligned(plan.arena_bytes));
  if (arena == nullptr) return ResourceExhaustedError("cannot allocate the activation arena");
  allocations_.push_back(arena);

  // Buffer of every value a step reads or writes.
  std::map<ir::ValueId, void*> buffers;
  for (size_t i = 0; i < requests.size(); ++i) buffers[request_values[i]] = arena + plan.offsets[i];
  for (const auto& [alias, root] : fusion.aliases) buffers[alias] = buffers[root];
  for (size_t i = 0; i < input_ids.size(); ++i) {
    const ir::Value& value = graph.value(input_ids[i]);
    const int64_t bytes =
        value.shape.NumElements().value_or(0) * static_cast<int64_t>(ir::DTypeSize(value.dtype));
    void* buffer = AllocateAligned(bytes);
    if (buffer == nullptr) return ResourceExhaustedError("cannot allocate an input buffer");
    std::memset(buffer, 0, static_cast<size_t>(bytes));
    allocations_.push_back(buffer);
    buffers[input_ids[i]] = buffer;
    inputs_.push_back({value.dtype, value.shape.Sizes(), buffer});
  }
  auto view_of = [&](ir::ValueId id) -> StatusOr<ops::TensorView> {
    const ir::Value& value = graph.value(id);
    ops::TensorView view;
    view.dtype = value.dtype;
    if (!value.shape.IsFullyKnown()) {
      return InvalidArgumentError("tensor '" + value.name + "' has no known shape");
    }
    view.sizes = value.shape.Sizes();
    if (value.constant) {
      view.data = const_cast<char*>(value.constant->bytes().data());
    } else if (auto it = buffers.find(id); it != buffers.end()) {
      view.data = it->second;
    } else {
      return InvalidArgumentError("tensor '" + value.name +
                                  "' is not computed by this plan "
                                  "(an input that was not fed?)");
    }
    return view;
  };
  for (ir::ValueId id : output_ids) {
    ASSIGN_OR_RETURN(ops::TensorView view, view_of(id));
    outputs_.push_back(std::move(view));
  }

  // Kernels. A fused step keeps its place (and its row in profiles) but computes nothing.
  for (int s = 0; s < num_steps; ++s) {
    const ir::NodeId id = step_nodes[s];
    if (is_fused(s)) {
      Step step;
      step.node = id;
      step.kernel = kernels::CreateFusedKernel(graph.node(step_nodes[fusion.computed_by[s]]).name);
      steps_.push_back(std::move(step));
      continue;
    }
    const ir::Node& node = executed_node(s);
    std::vector<ops::TensorView> in_views, out_views;
    std::unique_ptr<bool[]> is_constant(new bool[node.operands.size() + 1]);
    for (size_t i = 0; i < node.operands.size(); ++i) {
      const ir::ValueId operand = node.operands[i];
      if (operand == ir::kNoValue) {
        in_views.emplace_back();
        is_constant[i] = false;
        continue;
      }
      ASSIGN_OR_RETURN(ops::TensorView view, view_of(operand));
      in_views.push_back(std::move(view));
      is_constant[i] = graph.value(operand).constant != nullptr;
    }
    Step step;
    step.node = id;
    for (ir::ValueId output : node.outputs) {
      ASSIGN_OR_RETURN(ops::TensorView view, view_of(output));
      step.output_bytes += view.num_elements() * static_cast<int64_t>(ir::DTypeSize(view.dtype));
      out_views.push_back(std::move(view));
    }
    kernels::KernelContext context{node,
                                   ops::Params(node.params),
                                   in_views,
                                   out_views,
                                   std::span<const bool>(is_constant.get(), node.operands.size()),
                                   options_.num_threads};
    auto kernel = kernels::CreateKernel(context);
    if (!kernel.ok()) return kernel.status().WithContext(ir::DescribeNode(graph.node(id)));
    step.kernel = std::move(kernel).value();
    steps_.push_back(std::move(step));
  }
  for (auto& [s, node] : fusion.replacement_nodes) fused_nodes_.push_back(std::move(node));
  prepared_ = true;
  return OkStatus();
}

Status Session::Run(RunProfile* profile) {
  if (!prepared_) return FailedPreconditionError("session is not prepared");
  if (profile != nullptr) profile->step_ns.resize(steps_.size());
  for (size_t s = 0; s < steps_.size(); ++s) {
    Status status;
    if (profile == nullptr) {
      status = steps_[s].kernel->Run();
    } else {
      const auto start = std::chrono::steady_clock::now();
      status = steps_[s].kernel->Run();
      profile->step_ns[s] = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
    }
    if (!status.ok())
      return status.WithContext(ir::DescribeNode(model_.graph.node(steps_[s].node)));
  }
  return OkStatus();
}

}  // namespace mb::runtime
