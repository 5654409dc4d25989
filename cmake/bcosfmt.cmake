# bcos::fmt — the one fmt the whole project compiles and links against.
#
# LibTorch 2.x ships its own fmt headers (v11, v12, ...) in its include directory, which imported targets pass
# as -isystem. The fmt package's headers in a default directory such as /usr/include come after it, so a TU
# would compile against LibTorch's fmt and link the package's libfmt (undefined fmt::v12::vformat). When LibTorch
# bundles fmt, the package's fmt/ folder is staged in the build tree and passed with -I, which GCC and Clang
# search before every -isystem directory, whatever version LibTorch bundles. A configure-time check compiles a TU that includes
# <torch/torch.h> and <fmt/format.h> exactly so and compares the FMT_VERSION it sees with the version of the
# package whose library is linked.
#
# Without an fmt package, LibTorch's bundled headers are used in header-only mode (no library to match;
# every TU then compiles fmt's implementation, which makes the build slower).

find_package(fmt QUIET)
add_library(bcos_fmt INTERFACE)
add_library(bcos::fmt ALIAS bcos_fmt)

if(NOT fmt_FOUND)
  find_path(BCOS_TORCH_FMT_DIR fmt/format.h PATHS ${TORCH_INCLUDE_DIRS} NO_DEFAULT_PATH)
  if(NOT BCOS_TORCH_FMT_DIR)
    message(FATAL_ERROR "fmt not found: install it (Debian: libfmt-dev) or point CMAKE_PREFIX_PATH at it")
  endif()
  message(STATUS "fmt: no fmt package; LibTorch's bundled headers in ${BCOS_TORCH_FMT_DIR}, header-only")
  target_include_directories(bcos_fmt BEFORE INTERFACE ${BCOS_TORCH_FMT_DIR})
  target_compile_definitions(bcos_fmt INTERFACE FMT_HEADER_ONLY=1)
  return()
endif()

get_target_property(bcosFmtIncludes fmt::fmt INTERFACE_INCLUDE_DIRECTORIES)
find_path(BCOS_FMT_PACKAGE_DIR fmt/format.h PATHS ${bcosFmtIncludes} NO_DEFAULT_PATH)
if(NOT BCOS_FMT_PACKAGE_DIR)
  message(FATAL_ERROR "fmt ${fmt_VERSION}: no fmt/format.h under its include directories (${bcosFmtIncludes})")
endif()
# LibTorch's include directories as CMake passes them (the compiler's own, such as Debian's /usr/include, are left
# out of compile lines). Only when one of them holds an fmt/ is the package's fmt staged ahead of it; otherwise the
# compile lines stay as they are (and so do compiler caches).
set(bcosTorchIncludes "")
set(bcosTorchBundlesFmt FALSE)
foreach(dir IN LISTS TORCH_INCLUDE_DIRS)
  if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    list(APPEND bcosTorchIncludes "${dir}")
    if(EXISTS "${dir}/fmt/format.h")
      set(bcosTorchBundlesFmt TRUE)
    endif()
  endif()
endforeach()
set(bcosFmtStage "")
if(bcosTorchBundlesFmt)
  set(bcosFmtStage "${PROJECT_BINARY_DIR}/fmt-first")
  file(MAKE_DIRECTORY "${bcosFmtStage}")
  file(CREATE_LINK "${BCOS_FMT_PACKAGE_DIR}/fmt" "${bcosFmtStage}/fmt" SYMBOLIC)
  target_include_directories(bcos_fmt BEFORE INTERFACE "${bcosFmtStage}")
endif()
target_link_libraries(bcos_fmt INTERFACE fmt::fmt)

# The check, once per fmt package and LibTorch (it compiles <torch/torch.h>: ~15 s).
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)\\.([0-9]+)" bcosFmtMatched "${fmt_VERSION}")
math(EXPR bcosFmtLinked "${CMAKE_MATCH_1} * 10000 + ${CMAKE_MATCH_2} * 100 + ${CMAKE_MATCH_3}")
set(bcosFmtKey "${fmt_VERSION}|${BCOS_FMT_PACKAGE_DIR}|${Torch_DIR}|${TORCH_INCLUDE_DIRS}")
if(NOT BCOS_FMT_CHECKED STREQUAL bcosFmtKey)
  set(bcosFmtDir "${PROJECT_BINARY_DIR}/CMakeFiles/bcos-fmt-check")
  file(WRITE "${bcosFmtDir}/fmtcheck.cpp" [=[
#include <torch/torch.h>
#include <fmt/format.h>
#define BCOS_STR2(x) #x
#define BCOS_STR(x) BCOS_STR2(x)
extern const char bcosFmtVersionSeen[];
const char bcosFmtVersionSeen[] = "BCOS_FMT_VERSION[" BCOS_STR(FMT_VERSION) "]";
]=])
  message(STATUS "fmt: checking that <torch/torch.h> + <fmt/format.h> see fmt ${fmt_VERSION}")
  # LibTorch's include directories as its imported target passes them (-isystem), ours with -I. Compiled into a
  # static library, not linked: LibTorch's imported targets do not carry over into a try_compile project.
  set(bcosFmtFlags ${TORCH_CXX_FLAGS})
  foreach(dir IN LISTS bcosTorchIncludes)
    list(APPEND bcosFmtFlags "-isystem" "${dir}")
  endforeach()
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
  try_compile(bcosFmtBuilt "${bcosFmtDir}/build" "${bcosFmtDir}/fmtcheck.cpp"
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${bcosFmtStage}"
    COMPILE_DEFINITIONS ${bcosFmtFlags}
    CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON
    OUTPUT_VARIABLE bcosFmtOutput
    COPY_FILE "${bcosFmtDir}/fmtcheck")
  unset(CMAKE_TRY_COMPILE_TARGET_TYPE)
  set(bcosFmtStageNote "")
  if(bcosFmtStage)
    set(bcosFmtStageNote " staged in ${bcosFmtStage}")
  endif()
  set(bcosFmtSeen "")
  if(EXISTS "${bcosFmtDir}/fmtcheck")
    file(STRINGS "${bcosFmtDir}/fmtcheck" bcosFmtSeen REGEX "BCOS_FMT_VERSION\\[[0-9]+\\]" LIMIT_COUNT 1)
    string(REGEX REPLACE ".*BCOS_FMT_VERSION\\[([0-9]+)\\].*" "\\1" bcosFmtSeen "${bcosFmtSeen}")
  endif()
  if(NOT bcosFmtBuilt)
    file(WRITE "${bcosFmtDir}/output.log" "${bcosFmtOutput}")
    message(FATAL_ERROR "fmt: a TU including <torch/torch.h> and <fmt/format.h> does not compile with "
      "fmt ${fmt_VERSION} (FMT_VERSION ${bcosFmtLinked}) from ${BCOS_FMT_PACKAGE_DIR} with LibTorch ${Torch_VERSION} "
      "from ${Torch_DIR}; compiler output in ${bcosFmtDir}/output.log")
  endif()
  if(NOT bcosFmtSeen STREQUAL bcosFmtLinked)
    message(FATAL_ERROR "fmt: the headers a TU sees are FMT_VERSION ${bcosFmtSeen}, the library linked is fmt "
      "${fmt_VERSION} (${bcosFmtLinked}) from ${BCOS_FMT_PACKAGE_DIR}; LibTorch ${Torch_VERSION} (${Torch_DIR}) "
      "or another include directory shadows the package's headers${bcosFmtStageNote}")
  endif()
  set(BCOS_FMT_CHECKED "${bcosFmtKey}" CACHE INTERNAL "fmt package and LibTorch of the last passing fmt check")
endif()
if(bcosFmtStage)
  message(STATUS "fmt: ${fmt_VERSION} from ${BCOS_FMT_PACKAGE_DIR}, staged first in ${bcosFmtStage} (LibTorch bundles fmt)")
else()
  message(STATUS "fmt: ${fmt_VERSION} from ${BCOS_FMT_PACKAGE_DIR} (LibTorch bundles no fmt)")
endif()
