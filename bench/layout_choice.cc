// Which internal activation layout wins for NCHW models: the model's own (plain NCHW, what
// oneDNN and our kernels get without the channels-last pass) or NHWC (runtime/layout.h, the
// default). Both sessions of each model run in interleaved rounds, so machine noise hits both
// alike; it prints the median latency of each, their ratio, and the share of the NHWC run
// spent in the Reorder nodes the pass inserts (the price of the conversion, charged to the
// nodes that need it).
//
// Usage: layout_choice [--threads=N] [--rounds=R] [--runs=K] MODEL.onnx...
// Every graph input gets its declared shape, with unknown dimensions as 1, and random values.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "importers/importer.h"
#include "runtime/session.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::unique_ptr<mb::runtime::Session> Open(const std::string& path, int threads,
                                           bool channels_last) {
  auto model = mb::importers::LoadModel(path);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    std::exit(1);
  }
  std::vector<mb::runtime::TensorSpec> specs;
  for (mb::ir::ValueId id : model->graph.inputs()) {
    const mb::ir::Value& value = model->graph.value(id);
    std::vector<int64_t> dims;
    for (const mb::ir::Dim& dim : value.shape.dims())
      dims.push_back(dim.is_known() ? dim.size() : 1);
    specs.push_back({value.name, value.dtype, dims});
  }
  mb::runtime::SessionOptions options;
  options.num_threads = threads;
  options.channels_last = channels_last;
  auto session = mb::runtime::Session::Create(std::move(model).value(), options);
  mb::Status status = session.ok() ? (*session)->Prepare(specs, {}) : session.status();
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), status.ToString().c_str());
    std::exit(1);
  }
  std::mt19937 random(1);
  for (int i = 0; i < (*session)->num_inputs(); ++i) {
    const mb::ops::TensorView& input = (*session)->input(i);
    if (input.dtype != mb::ir::DType::kFloat32) continue;
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    for (int64_t k = 0; k < input.num_elements(); ++k) input.As<float>()[k] = uniform(random);
  }
  return std::move(session).value();
}

// Median microseconds of `runs` runs; `reorder_us` gets the median time in Reorder nodes.
double TimeRuns(mb::runtime::Session& session, int runs, double* reorder_us) {
  std::vector<double> times, reorders;
  mb::runtime::RunProfile profile;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    mb::Status status = session.Run(reorder_us != nullptr ? &profile : nullptr);
    times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    if (!status.ok()) {
      std::fprintf(stderr, "run failed: %s\n", status.ToString().c_str());
      std::exit(1);
    }
    if (reorder_us != nullptr) {
      double ns = 0;
      for (size_t s = 0; s < session.steps().size(); ++s) {
        if (session.graph().node(session.steps()[s].node).op_type == "Reorder") {
          ns += static_cast<double>(profile.step_ns[s]);
        }
      }
      reorders.push_back(ns / 1000.0);
    }
  }
  if (reorder_us != nullptr) *reorder_us = Median(reorders);
  return Median(times);
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 1, rounds = 5, runs = 10;
  std::vector<std::string> models;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      threads = std::atoi(argv[i] + 10);
    } else if (std::strncmp(argv[i], "--rounds=", 9) == 0) {
      rounds = std::atoi(argv[i] + 9);
    } else if (std::strncmp(argv[i], "--runs=", 7) == 0) {
      runs = std::atoi(argv[i] + 7);
    } else {
      models.push_back(argv[i]);
    }
  }
  if (models.empty() || threads < 1 || rounds < 1 || runs < 1) {
    std::fprintf(stderr, "usage: layout_choice [--threads=N] [--rounds=R] [--runs=K] MODEL...\n");
    return 2;
  }
  std::printf("%-28s %7s %12s %12s %8s %10s\n", "model", "threads", "NCHW ms", "NHWC ms",
              "NCHW/NHWC", "reorder %");
  for (const std::string& path : models) {
    auto plain = Open(path, threads, false);
    auto channels_last = Open(path, threads, true);
    TimeRuns(*plain, 1, nullptr);  // warm-up
    TimeRuns(*channels_last, 1, nullptr);
    std::vector<double> plain_us, nhwc_us, reorder_share;
    for (int r = 0; r < rounds; ++r) {
      plain_us.push_back(TimeRuns(*plain, runs, nullptr));
      double reorder = 0;
      const double t = TimeRuns(*channels_last, runs, &reorder);
      nhwc_us.push_back(t);
      reorder_share.push_back(100.0 * reorder / t);
    }
    const double a = Median(plain_us), b = Median(nhwc_us);
    std::string name = path;
    if (name.size() > 28) name = "..." + name.substr(name.size() - 25);
    std::printf("%-28s %7d %12.2f %12.2f %8.2fx %9.1f%%\n", name.c_str(), threads, a / 1000,
                b / 1000, a / b, Median(reorder_share));
  }
  return 0;
}
