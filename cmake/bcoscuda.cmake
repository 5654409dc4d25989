# BCOS_WITH_CUDA: the fused CUDA kernels (core/nn/cuda). They need a CUDA LibTorch (its torch_cuda target, whose
# libcudart and streams they share) and nvcc; either missing is a configure error that names it. CUDA is enabled
# here only then (a CUDA LibTorch's TorchConfig enables it as well, but sets CMAKE_CUDA_ARCHITECTURES to OFF and
# appends its own -gencode list: the kernels read the cached CMAKE_CUDA_ARCHITECTURES instead, 90 by default, set in
# the top-level CMakeLists.txt before project()).
if(NOT BCOS_WITH_CUDA)
  return()
endif()
if(NOT TARGET torch_cuda)
  message(FATAL_ERROR "BCOS_WITH_CUDA=ON needs a CUDA LibTorch: LibTorch ${Torch_VERSION} from ${TORCH_INSTALL_PREFIX} "
    "has no torch_cuda (a CPU-only build). Point CMAKE_PREFIX_PATH at a CUDA LibTorch or configure with "
    "-DBCOS_WITH_CUDA=OFF.")
endif()
include(CheckLanguage)
check_language(CUDA)
if(NOT CMAKE_CUDA_COMPILER)
  message(FATAL_ERROR "BCOS_WITH_CUDA=ON needs nvcc, the CUDA toolkit's compiler: none on PATH, in CUDACXX or in "
    "CMAKE_CUDA_COMPILER (e.g. -DCMAKE_CUDA_COMPILER=/usr/local/cuda/bin/nvcc). Install the CUDA toolkit or "
    "configure with -DBCOS_WITH_CUDA=OFF.")
endif()
# One CUDA runtime in the process: LibTorch's shared libcudart (its streams and errors), never a static second one
# that executables linking the kernels would otherwise get.
set(CMAKE_CUDA_RUNTIME_LIBRARY Shared)
enable_language(CUDA)
set(BCOS_CUDA_ARCHITECTURES "$CACHE{CMAKE_CUDA_ARCHITECTURES}")
if(NOT BCOS_CUDA_ARCHITECTURES)
  set(BCOS_CUDA_ARCHITECTURES 90)
endif()
message(STATUS "Fused CUDA kernels: nvcc ${CMAKE_CUDA_COMPILER_VERSION}, architectures ${BCOS_CUDA_ARCHITECTURES}")
