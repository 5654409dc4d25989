#include "torchscript.h"

#include "core/error.h"

#include <torch/script.h>

namespace bcos::core {
namespace {

void collect(const torch::jit::Module &module, const std::string &prefix, TensorMap &out)
{
    for (const auto &parameter : module.named_parameters(/*recurse=*/false))
        out.insert(prefix + parameter.name, parameter.value.detach());
    for (const auto &buffer : module.named_buffers(/*recurse=*/false))
        out.insert(prefix + buffer.name, buffer.value.detach());
    for (const auto &child : module.named_children())
        collect(child.value, prefix + child.name + ".", out);
}

} // namespace

TorchScriptContents readTorchScript(const std::filesystem::path &path)
{
    TorchScriptContents contents;
    try {
        const torch::jit::Module module = torch::jit::load(path.string(), torch::kCPU);
        collect(module, "", contents.tensors);
        if (const auto name = module.type()->name())
            contents.metadata.set("module_type", name->qualifiedName());
    } catch (const Error &) {
        throw;
    } catch (const std::bad_alloc &) {
        fail(ErrorCode::Numerical, "{}: out of memory while loading the TorchScript archive", path.string());
    } catch (const std::exception &error) { // c10::Error and the std exceptions torch::jit::load throws
        fail(ErrorCode::Format, "{}: cannot load TorchScript archive: {}", path.string(), torchMessage(error));
    }
    return contents;
}

} // namespace bcos::core
