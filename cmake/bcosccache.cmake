# Compiles go through ccache when it is installed and no launcher was chosen (-DCMAKE_CXX_COMPILER_LAUNCHER=...;
# -DBCOS_USE_CCACHE=OFF turns it off). Set so that a second checkout of the same sources at another path (CI clones
# the repository afresh) finds what the first compiled:
# - CCACHE_BASEDIR: paths under the checkout are hashed relative to the build directory;
# - CCACHE_NOHASHDIR: the build directory itself is not hashed (the debug info then names the first checkout's
#   directory as the compile directory; file:line in backtraces are relative paths either way);
# - CCACHE_SLOPPINESS=pch_defines,time_macros: what ccache needs to cache a compile that uses a precompiled header
#   (BCOS_USE_PCH; without it every such compile is uncacheable). No source of ours uses __DATE__ or __TIME__.
# - CCACHE_DIR, CCACHE_MAXSIZE: the project's own cache beside the PyPI torch of bootstrap.sh's test mode
#   (~/.cache/bcos-studio/ccache, 16 GB at most): the four builds of that mode held 4-5 GB compressed, near ccache's
#   default 5 GB, where one build's entries pushed out another's; the user's own ccache and its settings stay untouched.
# A compile whose command line holds an absolute path outside the checkout (widgets/session/demodata.cpp's
# BCOS_SOURCE_DIR, the generated tests/support/buildpaths.cpp) is still compiled per checkout: ccache never returns an
# object made from other input. So is every compile with Clang's precompiled header, which CMake passes as
# `-Xclang -include -Xclang /abs/cmake_pch.hxx` (ccache does not relativize after -Xclang): the fuzz preset, the one
# Clang build, keeps BCOS_USE_PCH off for that (docs/fuzzing.md).
option(BCOS_USE_CCACHE "Compile through ccache when it is installed" ON)
if(BCOS_USE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(BCOS_CCACHE_PROGRAM ccache)
  if(BCOS_CCACHE_PROGRAM)
    if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
      set(bcos_cache_home "$ENV{XDG_CACHE_HOME}")
    else()
      set(bcos_cache_home "$ENV{HOME}/.cache")
    endif()
    set(BCOS_CCACHE_DIR "${bcos_cache_home}/bcos-studio/ccache" CACHE PATH "The project's ccache directory")
    set(CMAKE_CXX_COMPILER_LAUNCHER /usr/bin/env "CCACHE_DIR=${BCOS_CCACHE_DIR}" CCACHE_MAXSIZE=16G
        "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
        "${BCOS_CCACHE_PROGRAM}")
  endif()
endif()
