# LibTorch, all of it from one installation.
#
# TorchConfig.cmake looks its libraries up with find_library(... PATHS <prefix>/lib), which searches the
# system directories first: with CMAKE_PREFIX_PATH=<prefix>/share/cmake (what torch.utils.cmake_prefix_path
# says) on a machine that also has Debian's libtorch-dev, a PyPI LibTorch 2.x build links Debian's
# libtorch.so and libc10.so 1.13 beside its own libtorch_cpu.so. Refuse that with the fix in the message.
find_package(Torch REQUIRED)

foreach(bcosTorchLibrary IN ITEMS TORCH_LIBRARY c10_LIBRARY)
  if(${bcosTorchLibrary})
    cmake_path(IS_PREFIX TORCH_INSTALL_PREFIX "${${bcosTorchLibrary}}" NORMALIZE bcosTorchInside)
    if(NOT bcosTorchInside)
      message(FATAL_ERROR "LibTorch ${Torch_VERSION} from ${TORCH_INSTALL_PREFIX}: its TorchConfig.cmake found "
        "${bcosTorchLibrary}=${${bcosTorchLibrary}}, another installation's library. Configure a fresh build "
        "directory with -DCMAKE_PREFIX_PATH=${TORCH_INSTALL_PREFIX} (the LibTorch root, not <root>/share/cmake).")
    endif()
  endif()
endforeach()
message(STATUS "LibTorch ${Torch_VERSION} from ${TORCH_INSTALL_PREFIX}")
