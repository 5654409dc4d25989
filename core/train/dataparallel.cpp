#include "dataparallel.h"

#include "core/data/dataloader.h"
#include "core/error.h"
#include "core/nn/batchnormuncentered.h"
#include "core/train/distributedgroup.h"
#include "core/train/gradientsync.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// Connects every BatchNormUncentered2d to the group; the count of standard BatchNorm2d layers left unsynchronised.
int64_t synchronizeBatchNorms(torch::nn::Module &module, const std::shared_ptr<DistributedGroup> &group)
{
    int64_t standard = 0;
    for (const auto &child : module.modules()) {
        if (auto *norm = dynamic_cast<BatchNormUncentered2dImpl *>(child.get()))
            norm->synchronizeWith(group);
        else if (dynamic_cast<torch::nn::BatchNorm2dImpl *>(child.get()))
            ++standard;
    }
    return standard;
}

std::vector<at::Tensor> stateTensors(torch::nn::Module &module, bool parameters)
{
    std::vector<at::Tensor> tensors;
    for (const auto &tensor : parameters ? module.parameters() : module.buffers())
        tensors.push_back(tensor.detach());
    return tensors;
}

} // namespace

DataParallel::DataParallel(std::shared_ptr<DistributedGroup> group, torch::nn::Module &module,
                           const std::vector<at::Tensor> &parameters, bool syncBatchNorm)
    : m_group(std::move(group))
    , m_module(module)
    , m_syncBatchNorm(syncBatchNorm)
{
    if (m_syncBatchNorm) {
        if (const int64_t standard = synchronizeBatchNorms(m_module, m_group))
            fail(ErrorCode::Unsupported, "--sync-bn synchronises the uncentered BatchNorm of B-cos networks; this "
                 "network has {} standard BatchNorm2d layers (--mode pretrain), which keep per-rank statistics: "
                 "leave out --sync-bn", standard);
    }
    m_gradients = std::make_unique<GradientSynchronizer>(parameters, m_group);
}

DataParallel::~DataParallel() = default;

int DataParallel::rank() const { return m_group->rank(); }
int DataParallel::worldSize() const { return m_group->worldSize(); }

void DataParallel::shard(LoaderOptions &options, bool pad) const
{
    options.shardIndex = m_group->rank();
    options.shardCount = m_group->worldSize();
    options.padShards = pad;
}

void DataParallel::broadcastState()
{
    torch::NoGradGuard noGrad;
    auto parameters = stateTensors(m_module, true);
    m_group->broadcastFromRankZero(parameters, "the broadcast of rank 0's weights");
    auto buffers = stateTensors(m_module, false);
    m_group->broadcastFromRankZero(buffers, "the broadcast of rank 0's buffers");
}

void DataParallel::beginStep()
{
    if (!m_syncBatchNorm) { // DDP's broadcast_buffers: every rank steps from rank 0's running statistics
        torch::NoGradGuard noGrad;
        auto buffers = stateTensors(m_module, false);
        m_group->broadcastFromRankZero(buffers, "the broadcast of rank 0's buffers");
    }
    m_gradients->beginStep();
}

void DataParallel::finishBackward() { m_gradients->finishStep(); }

void DataParallel::sum(std::vector<double> &values, std::string_view what)
{
    at::Tensor tensor = torch::tensor(values, torch::kDouble);
    m_group->allReduceSum(tensor, what);
    const double *data = tensor.data_ptr<double>();
    values.assign(data, data + values.size());
}

bool DataParallel::anyRank(bool flag, std::string_view what) { return m_group->anyRank(flag, what); }

} // namespace bcos::core
