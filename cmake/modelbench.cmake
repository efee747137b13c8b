# Helpers shared by every CMakeLists.txt in the tree.

set(MODELBENCH_WARNINGS -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(MODELBENCH_WERROR)
  list(APPEND MODELBENCH_WARNINGS -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # Clang reports `omp simd` loops it could not vectorize (always, under the sanitizers); the
  # pragma is a hint, not a requirement.
  list(APPEND MODELBENCH_WARNINGS -Wno-pass-failed)
endif()

set(MODELBENCH_SANITIZER_FLAGS "")
if(MODELBENCH_SANITIZE)
  set(MODELBENCH_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                                 -fno-sanitize-recover=all)
  add_compile_options(${MODELBENCH_SANITIZER_FLAGS})
  add_link_options(${MODELBENCH_SANITIZER_FLAGS})
endif()

# modelbench_library(NAME SOURCES ... DEPS ...): one static library per src/ folder.
function(modelbench_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${MODELBENCH_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# modelbench_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
# Tests run from the source tree so that they can read examples/ and ../shared/ by path.
function(modelbench_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${MODELBENCH_WARNINGS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    MODELBENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    MODELBENCH_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()
