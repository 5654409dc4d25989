# bcos::runtime — the C++ runtime and zlib our code calls come first in every executable's load order, ahead of
# LibTorch.
#
# An executable's undefined symbols are resolved at run time in load order: the executable, then its DT_NEEDED
# libraries in link order. g++ puts libstdc++ last, so LibTorch comes before it, and whatever LibTorch exports
# interposes the system's copy. PyPI's LibTorch 2.x (built with GCC 13's devtoolset, whose libstdc++_nonshared.a is
# linked in) exports its own std::filesystem functions: its std::filesystem::remove_all(path, error_code&) calls
# recursive_directory_iterator::__erase, a weak reference that Debian 12's libstdc++ (GLIBCXX_3.4.30) cannot
# satisfy, i.e. a call to address 0 (SIGSEGV in every test that removes a temporary directory). The same would hold
# for a LibTorch exporting zlib-named functions (miniz's zlib-compatible names have other structs). So libstdc++
# and zlib are put on the link line before everything else (a link option precedes the objects and libraries), with
# --no-as-needed so they are kept there; LibTorch's own references then bind to them too, as they do in any process
# that loaded libstdc++ first. tests/io/interposition_test.cpp checks the order with a library in LibTorch's place
# that exports broken copies.
#
# Defines bcos::runtime (linked PUBLIC by bcos_core) and, when zlib is found, bcos::zlib (BCOS_HAVE_ZLIB=1, zlib.h,
# the library) for the core's gzip readers and zip inflater.
find_package(ZLIB)

add_library(bcos_runtime INTERFACE)
add_library(bcos::runtime ALIAS bcos_runtime)
if(ZLIB_FOUND)
  add_library(bcos_zlib INTERFACE)
  add_library(bcos::zlib ALIAS bcos_zlib)
  target_compile_definitions(bcos_zlib INTERFACE BCOS_HAVE_ZLIB=1)
  target_link_libraries(bcos_zlib INTERFACE ZLIB::ZLIB)
endif()

if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(bcosRuntimeFirst "-lstdc++")
  if(ZLIB_FOUND)
    list(APPEND bcosRuntimeFirst "${ZLIB_LIBRARIES}")
  endif()
  list(JOIN bcosRuntimeFirst "," bcosRuntimeFirst)
  target_link_options(bcos_runtime INTERFACE "LINKER:--push-state,--no-as-needed,${bcosRuntimeFirst},--pop-state")
endif()
