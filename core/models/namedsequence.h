#pragma once

#include "core/io/tensormap.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <utility>
#include <vector>

namespace bcos::core {

/// An nn.Sequential with chosen child names (torchvision's OrderedDict names in standard mode, the reference's
/// BcosSequential numbering 0, 1, 2... in B-cos mode). Unlike torch::nn::Sequential it has a plain
/// forward(Tensor), so sequences nest (DenseNet transitions inside "features").
class NamedSequenceImpl : public torch::nn::Module {
public:
    /// Appends a child; `name` is used as is (pass std::to_string(size()) to renumber).
    void add(const std::string &name, torch::nn::AnyModule module);
    size_t size() const { return m_steps.size(); }

    /// Applies the children in order: [N, ...] -> [N, ...].
    at::Tensor forward(const at::Tensor &input);
    /// Like forward(), also returning every child's output keyed "<prefix><child name>".
    at::Tensor forwardCollect(const at::Tensor &input, const std::string &prefix, TensorMap &outputs);

private:
    std::vector<std::pair<std::string, torch::nn::AnyModule>> m_steps;
};
TORCH_MODULE(NamedSequence);

} // namespace bcos::core
