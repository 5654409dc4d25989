#include "gradientsync.h"

#include "core/compat.h"
#include "core/error.h"
#include "core/train/distributedgroup.h"

#include <torch/torch.h>

namespace bcos::core {

struct GradientSynchronizer::Bucket {
    at::Tensor flat;                 ///< the gradients of its parameters, one after the other
    std::vector<size_t> parameters;  ///< indices into m_parameters
    size_t arrived = 0;
    DistributedGroup::Pending pending;
};

GradientSynchronizer::GradientSynchronizer(std::vector<at::Tensor> parameters, std::shared_ptr<DistributedGroup> group,
                                           int64_t bucketBytes)
    : m_parameters(std::move(parameters))
    , m_group(std::move(group))
    , m_slot(m_parameters.size())
    , m_arrived(m_parameters.size(), false)
{
    // Reverse order: the last layers' gradients come first in backward, so their bucket can start first.
    int64_t filled = 0;
    for (size_t i = m_parameters.size(); i-- > 0;) {
        const at::Tensor &parameter = m_parameters[i];
        const int64_t bytes = parameter.numel() * static_cast<int64_t>(parameter.element_size());
        const bool sameKind = !m_buckets.empty()
            && m_parameters[m_buckets.back().parameters.front()].scalar_type() == parameter.scalar_type()
            && m_parameters[m_buckets.back().parameters.front()].device() == parameter.device();
        if (!sameKind || filled + bytes > bucketBytes) {
            m_buckets.emplace_back();
            filled = 0;
        }
        m_slot[i] = {m_buckets.size() - 1, filled / static_cast<int64_t>(parameter.element_size())};
        m_buckets.back().parameters.push_back(i);
        filled += bytes;
    }
    for (auto &bucket : m_buckets) {
        int64_t numel = 0;
        for (size_t i : bucket.parameters)
            numel += m_parameters[i].numel();
        const at::Tensor &first = m_parameters[bucket.parameters.front()];
        bucket.flat = torch::zeros({numel}, first.options().requires_grad(false));
    }
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        at::Tensor &parameter = m_parameters[i];
        const unsigned handle = parameter.register_hook([this, i](const at::Tensor &gradient) { onGradient(i, gradient); });
        m_removeHooks.push_back([parameter, handle]() mutable { parameter.remove_hook(handle); });
    }
}

GradientSynchronizer::~GradientSynchronizer()
{
    for (auto &remove : m_removeHooks)
        remove();
}

int64_t GradientSynchronizer::bucketCount() const
{
    return static_cast<int64_t>(m_buckets.size());
}

void GradientSynchronizer::beginStep()
{
    std::lock_guard lock(m_mutex);
    std::fill(m_arrived.begin(), m_arrived.end(), false);
    for (auto &bucket : m_buckets) {
        bucket.arrived = 0;
        bucket.pending = nullptr;
    }
    m_nextLaunch = 0;
}

void GradientSynchronizer::onGradient(size_t parameter, const at::Tensor &gradient)
{
    std::lock_guard lock(m_mutex);
    const auto [index, offset] = m_slot[parameter];
    Bucket &bucket = m_buckets[index];
    torch::NoGradGuard noGrad;
    bucket.flat.narrow(0, offset, gradient.numel()).copy_(gradient.reshape(-1));
    if (!m_arrived[parameter]) {
        m_arrived[parameter] = true;
        ++bucket.arrived;
    }
    launchReadyBuckets(false);
}

void GradientSynchronizer::launchReadyBuckets(bool force)
{
    while (m_nextLaunch < m_buckets.size()) {
        Bucket &bucket = m_buckets[m_nextLaunch];
        if (!force && bucket.arrived < bucket.parameters.size())
            return;
        if (bucket.arrived < bucket.parameters.size()) { // unused on this rank: contributes zeros
            for (size_t i : bucket.parameters)
                if (!m_arrived[i])
                    bucket.flat.narrow(0, m_slot[i].second, m_parameters[i].numel()).zero_();
        }
        bucket.pending = m_group->startAllReduceSum(bucket.flat, "the gradient all-reduce");
        ++m_nextLaunch;
    }
}

void GradientSynchronizer::finishStep()
{
    {
        std::lock_guard lock(m_mutex);
        launchReadyBuckets(true);
    }
    torch::NoGradGuard noGrad;
    const double scale = 1.0 / static_cast<double>(m_group->worldSize());
    std::vector<at::Tensor> gradients, averages; // written back with one multi-tensor copy (compat::copyEach)
    for (auto &bucket : m_buckets) {
        bucket.pending();
        bucket.pending = nullptr;
        bucket.flat.mul_(scale);
        for (size_t i : bucket.parameters) {
            at::Tensor &parameter = m_parameters[i];
            const at::Tensor average = bucket.flat.narrow(0, m_slot[i].second, parameter.numel()).view_as(parameter);
            if (parameter.grad().defined()) {
                gradients.push_back(parameter.grad());
                averages.push_back(average);
            } else {
                parameter.mutable_grad() = average.clone();
            }
        }
    }
    compat::copyEach(gradients, averages);
}

} // namespace bcos::core
