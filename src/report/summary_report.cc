#include "report/summary_report.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"
#include "report/benchmark_report.h"
#include "report/json_writer.h"

namespace mb::report {
namespace {

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string PadLeft(const std::string& text, size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string DTypeText(ir::DType dtype) {
  return dtype == ir::DType::kInvalid ? "?" : std::string(ir::DTypeName(dtype));
}

// Unknown dims and an unknown rank alike read "?" for people.
std::string ShapeText(const ir::Shape& shape) {
  return shape.rank_known() ? shape.ToString() : "?";
}

// Rows of "name  dtype  shape  [op]" with aligned columns.
void AppendTensorTable(const std::vector<analysis::TensorSummary>& tensors, bool with_op,
                       std::string* out) {
  size_t name_width = 0, dtype_width = 0, shape_width = 0;
  for (const auto& t : tensors) {
    name_width = std::max(name_width, t.name.size());
    dtype_width = std::max(dtype_width, DTypeText(t.dtype).size());
    shape_width = std::max(shape_width, ShapeText(t.shape).size());
  }
  for (const auto& t : tensors) {
    std::string row = "  " + Pad(t.name, name_width) + "  " + Pad(DTypeText(t.dtype), dtype_width);
    row += "  " +
           (with_op ? Pad(ShapeText(t.shape), shape_width) + "  " + t.op_type : ShapeText(t.shape));
    while (!row.empty() && row.back() == ' ') row.pop_back();
    *out += row + "\n";
  }
}

void WriteShape(const ir::Shape& shape, JsonWriter& json) {
  if (!shape.rank_known()) {
    json.Null();
    return;
  }
  json.BeginArray();
  for (const ir::Dim& dim : shape.dims()) {
    if (dim.is_known()) {
      json.Int(dim.size());
    } else if (dim.is_symbolic()) {
      json.String(dim.symbol());
    } else {
      json.Null();
    }
  }
  json.EndArray();
}

void WriteTensors(const char* key, const std::vector<analysis::TensorSummary>& tensors,
                  JsonWriter& json) {
  json.Key(key).BeginArray();
  for (const auto& t : tensors) {
    json.BeginObject();
    json.Key("name").String(t.name);
    json.Key("dtype");
    if (t.dtype == ir::DType::kInvalid) {
      json.Null();
    } else {
      json.String(ir::DTypeName(t.dtype));
    }
    json.Key("shape");
    WriteShape(t.shape, json);
    json.Key("op_type").String(t.op_type);
    json.EndObject();
  }
  json.EndArray();
}

// One CSV row: section,name,field,value, each quoted when it needs it (RFC 4180).
void AppendCsvRow(const std::string& section, const std::string& name, const std::string& field,
                  const std::string& value, std::string* out) {
  *out += CsvQuote(section) + "," + CsvQuote(name) + "," + CsvQuote(field) + "," + CsvQuote(value) +
          "\n";
}

// Three rows per tensor. An unknown dtype or rank is an empty value; unknown dims read "?".
void AppendCsvTensors(const std::string& section,
                      const std::vector<analysis::TensorSummary>& tensors, std::string* out) {
  for (const auto& t : tensors) {
    AppendCsvRow(section, t.name, "dtype",
                 t.dtype == ir::DType::kInvalid ? "" : std::string(ir::DTypeName(t.dtype)), out);
    AppendCsvRow(section, t.name, "shape", t.shape.rank_known() ? t.shape.ToString() : "", out);
    AppendCsvRow(section, t.name, "op_type", t.op_type, out);
  }
}

}  // namespace

std::string SummaryToText(const analysis::ModelSummary& s) {
  std::string out;
  out += "Model       " + s.info.path + "\n";
  out += "Format      " + s.info.format;
  if (!s.info.producer.empty()) out += ", " + s.info.producer;
  out += "\n";
  // ONNX models say which IR version and operator sets they were written for.
  if (auto it = s.info.properties.find("ir_version"); it != s.info.properties.end()) {
    out += "IR version  " + it->second + "\n";
  }
  if (auto it = s.info.properties.find("opset_import"); it != s.info.properties.end()) {
    out += "Opsets      " + it->second + "\n";
  }
  out += "File size   " + HumanBytes(s.info.file_bytes) + " (" +
         WithThousandsSeparators(static_cast<int64_t>(s.info.file_bytes)) + " bytes)\n";
  out += "Nodes       " + WithThousandsSeparators(s.num_nodes);
  if (s.num_functions > 0) {
    out += " (+" + WithThousandsSeparators(s.num_function_nodes) + " in " +
           std::to_string(s.num_functions) + (s.num_functions == 1 ? " function)" : " functions)");
  }
  out += "\n";

  out += "\nInputs (" + std::to_string(s.inputs.size()) + ")\n";
  if (s.inputs.empty()) out += "  none\n";
  AppendTensorTable(s.inputs, /*with_op=*/false, &out);

  out += "\nOutputs (" + std::to_string(s.outputs.size()) + ")\n";
  if (s.outputs.empty()) out += "  none\n";
  AppendTensorTable(s.outputs, /*with_op=*/true, &out);

  if (!s.variables.empty()) {
    out += "\nVariables (" + std::to_string(s.variables.size()) + ")\n";
    AppendTensorTable(s.variables, /*with_op=*/true, &out);
  }

  out += "\nParameters  " + WithThousandsSeparators(s.floating_point_parameters) +
         " floating-point; " + WithThousandsSeparators(s.constant_elements) + " elements in " +
         WithThousandsSeparators(s.constant_tensors) + " constant tensors, " +
         HumanBytes(s.constant_bytes);
  if (s.shared_constants > 0) {
    out += "; " + std::to_string(s.shared_constants) + " shared (counted once)";
  }
  out += "\n";
  if (!s.parameters_by_dtype.empty()) {
    out += "  dtype        tensors     elements        bytes\n";
    for (const auto& p : s.parameters_by_dtype) {
      out += "  " + Pad(std::string(ir::DTypeName(p.dtype)), 10) +
             PadLeft(WithThousandsSeparators(p.tensors), 10) +
             PadLeft(WithThousandsSeparators(p.elements), 13) +
             PadLeft(WithThousandsSeparators(static_cast<int64_t>(p.bytes)), 13) + "\n";
    }
  }

  out += "\nOp types (" + std::to_string(s.op_types.size()) + ")\n";
  size_t count_width = 1;
  for (const auto& op : s.op_types) {
    count_width = std::max(count_width, std::to_string(op.count).size());
  }
  for (const auto& op : s.op_types) {
    out += "  " + PadLeft(std::to_string(op.count), count_width) + "  " + op.op_type + "\n";
  }

  out += "\nControl edges  " + std::to_string(s.control_edges) + "\n";
  if (!s.nodes_by_device.empty()) {
    out += "Devices\n";
    for (const auto& [device, count] : s.nodes_by_device) {
      out += "  " + std::to_string(count) + "  " + device + "\n";
    }
  }
  return out;
}

std::string SummaryToJson(const analysis::ModelSummary& s) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema").String(kSummarySchema);
  json.Key("model").BeginObject();
  json.Key("path").String(s.info.path);
  json.Key("format").String(s.info.format);
  json.Key("producer").String(s.info.producer);
  json.Key("file_bytes").UInt(s.info.file_bytes);
  json.Key("properties").BeginObject();
  for (const auto& [key, value] : s.info.properties) json.Key(key).String(value);
  json.EndObject();
  json.EndObject();
  json.Key("nodes").Int(s.num_nodes);
  json.Key("functions").Int(s.num_functions);
  json.Key("function_nodes").Int(s.num_function_nodes);
  WriteTensors("inputs", s.inputs, json);
  WriteTensors("outputs", s.outputs, json);
  WriteTensors("variables", s.variables, json);
  json.Key("parameters").BeginObject();
  json.Key("floating_point").Int(s.floating_point_parameters);
  json.Key("constant_tensors").Int(s.constant_tensors);
  json.Key("constant_elements").Int(s.constant_elements);
  json.Key("constant_bytes").UInt(s.constant_bytes);
  json.Key("shared_constants").Int(s.shared_constants);
  json.Key("by_dtype").BeginArray();
  for (const auto& p : s.parameters_by_dtype) {
    json.BeginObject();
    json.Key("dtype").String(ir::DTypeName(p.dtype));
    json.Key("tensors").Int(p.tensors);
    json.Key("elements").Int(p.elements);
    json.Key("bytes").UInt(p.bytes);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  json.Key("op_types").BeginArray();
  for (const auto& op : s.op_types) {
    json.BeginObject();
    json.Key("op_type").String(op.op_type);
    json.Key("count").Int(op.count);
    json.EndObject();
  }
  json.EndArray();
  json.Key("control_edges").Int(s.control_edges);
  json.Key("nodes_by_device").BeginObject();
  for (const auto& [device, count] : s.nodes_by_device) json.Key(device).Int(count);
  json.EndObject();
  json.EndObject();
  return json.str();
}

std::string SummaryToCsv(const analysis::ModelSummary& s) {
  std::string out = "section,name,field,value\n";
  auto row = [&](const std::string& section, const std::string& name, const std::string& field,
                 const std::string& value) { AppendCsvRow(section, name, field, value, &out); };
  row("model", "", "path", s.info.path);
  row("model", "", "format", s.info.format);
  row("model", "", "producer", s.info.producer);
  row("model", "", "file_bytes", std::to_string(s.info.file_bytes));
  for (const auto& [key, value] : s.info.properties) row("property", key, "", value);
  row("graph", "", "nodes", std::to_string(s.num_nodes));
  row("graph", "", "functions", std::to_string(s.num_functions));
  row("graph", "", "function_nodes", std::to_string(s.num_function_nodes));
  row("graph", "", "control_edges", std::to_string(s.control_edges));
  AppendCsvTensors("input", s.inputs, &out);
  AppendCsvTensors("output", s.outputs, &out);
  AppendCsvTensors("variable", s.variables, &out);
  row("parameters", "", "floating_point", std::to_string(s.floating_point_parameters));
  row("parameters", "", "constant_tensors", std::to_string(s.constant_tensors));
  row("parameters", "", "constant_elements", std::to_string(s.constant_elements));
  row("parameters", "", "constant_bytes", std::to_string(s.constant_bytes));
  row("parameters", "", "shared_constants", std::to_string(s.shared_constants));
  for (const auto& p : s.parameters_by_dtype) {
    const std::string dtype(ir::DTypeName(p.dtype));
    row("parameters_by_dtype", dtype, "tensors", std::to_string(p.tensors));
    row("parameters_by_dtype", dtype, "elements", std::to_string(p.elements));
    row("parameters_by_dtype", dtype, "bytes", std::to_string(p.bytes));
  }
  for (const auto& op : s.op_types) row("op_type", op.op_type, "count", std::to_string(op.count));
  for (const auto& [device, count] : s.nodes_by_device) {
    row("device", device, "nodes", std::to_string(count));
  }
  return out;
}

}  // namespace mb::report
