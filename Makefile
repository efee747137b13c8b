# The two commands of the README, and the steps they are made of.
#   make demo   install dependencies, build (Release), run on the bundled example model
#   make test   install dependencies, build, run the whole test suite through ctest
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo test test-asan fuzz-smoke clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DMODELBENCH_WERROR=ON $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

# TensorFlow's own documentation example, as people already type it, on the bundled model.
demo: build
	$(BUILD_DIR)/bin/summarize_graph --in_graph=examples/resnet20_cifar10.pb
	@echo
	$(BUILD_DIR)/bin/benchmark_model --graph=examples/resnet20_cifar10.pb \
	  --input_layer="net_input" --input_layer_shape="1,32,32,3" --input_layer_type="float" \
	  --output_layer="net_output" --show_flops=true --show_run_order=false --show_time=false \
	  --num_threads=1

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	cmake --preset asan
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan -j$(JOBS)

# Every libFuzzer harness briefly (scripts/fuzz.sh SECONDS for longer runs).
fuzz-smoke: deps
	bash scripts/fuzz.sh 20

clean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz
