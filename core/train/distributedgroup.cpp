#include "distributedgroup.h"

#include "core/compat.h"
#include "core/error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef BCOS_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef BCOS_C10D_NCCL
#include <c10/cuda/CUDAFunctions.h>
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <torch/torch.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <thread>

namespace bcos::core {
namespace {

bool isLoopback(const std::string &address)
{
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

} // namespace

BuiltBackends builtBackends()
{
    BuiltBackends built;
#ifdef BCOS_C10D_GLOO
    built.gloo = true;
#endif
#ifdef BCOS_C10D_NCCL
    built.nccl = true;
#endif
    return built;
}

/// The store and the one process group of this rank. Gloo's and NCCL's classes share no base across LibTorch
/// versions (c10d::ProcessGroup in 1.13, c10d::Backend in 2.x), so each has its pointer and `apply` calls the
/// one that is set.
struct DistributedGroup::Engine {
    c10::intrusive_ptr<c10d::Store> store;
#ifdef BCOS_C10D_GLOO
    c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#endif
#ifdef BCOS_C10D_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif
    /// Where the collectives' tensors must live: this rank's GPU for NCCL, anywhere for Gloo (nullopt).
    std::optional<at::Device> device;

    template <class Operation>
    c10::intrusive_ptr<c10d::Work> apply(Operation &&operation)
    {
#ifdef BCOS_C10D_NCCL
        if (nccl)
            return operation(*nccl);
#endif
#ifdef BCOS_C10D_GLOO
        if (gloo)
            return operation(*gloo);
#endif
        fail(ErrorCode::Internal, "the process group was not created");
    }
};

DistributedGroup::DistributedGroup(DistributedConfig config)
    : m_config(std::move(config))
    , m_engine(std::make_unique<Engine>())
{
}

DistributedGroup::~DistributedGroup() = default;

std::shared_ptr<DistributedGroup> DistributedGroup::join(const DistributedConfig &config)
{
    std::shared_ptr<DistributedGroup> self(new DistributedGroup(config));
    const std::string where = fmt::format("{}:{}", config.masterAddress, config.masterPort);
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(config.masterPort);
    options.isServer = !config.agentStore && config.rank == 0;
    options.waitWorkers = false;
    options.timeout = config.timeout;
    try {
        c10::intrusive_ptr<c10d::Store> store = c10::make_intrusive<c10d::TCPStore>(config.masterAddress, options);
        if (config.agentStore) // torchrun's workers share the agent's store under this prefix
            store = c10::make_intrusive<c10d::PrefixStore>(fmt::format("/worker/attempt_{}", config.restartCount), store);
        self->m_engine->store = store;
    } catch (const std::exception &error) {
        if (options.isServer)
            fail(ErrorCode::Io, "rank 0 cannot listen on MASTER_ADDR:MASTER_PORT = {} ({}); is the port in use? "
                 "choose another MASTER_PORT", where, torchMessage(error));
        fail(ErrorCode::Io, "rank {} cannot reach the rendezvous store at MASTER_ADDR:MASTER_PORT = {} within {} s ({})",
             config.rank, where, config.timeout.count() / 1000, torchMessage(error));
    }
    try {
        if (config.backend == DistributedBackend::Nccl) {
#ifdef BCOS_C10D_NCCL
            const at::Device device(config.device);
            if (!device.is_cuda() || !device.has_index())
                fail(ErrorCode::InvalidArgument, "rank {}: NCCL needs the rank's GPU as cuda:<index>, got '{}'",
                     config.rank, config.device);
            c10::cuda::set_device(device.index()); // NCCL's communicator and streams follow the current device
            auto nccl = c10d::ProcessGroupNCCL::Options::create();
            nccl->timeout = config.timeout;
            self->m_engine->nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(self->m_engine->store, config.rank,
                                                                              config.worldSize, nccl);
            self->m_engine->device = device;
#else
            resolveBackend(DistributedBackend::Nccl, config.device, builtBackends()); // says what is missing
#endif
        } else {
#ifdef BCOS_C10D_GLOO
            auto gloo = c10d::ProcessGroupGloo::Options::create(config.timeout);
            gloo->devices.push_back(isLoopback(config.masterAddress)
                                        ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                        : c10d::ProcessGroupGloo::createDefaultDevice());
            self->m_engine->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(self->m_engine->store, config.rank,
                                                                              config.worldSize, gloo);
#else
            resolveBackend(DistributedBackend::Gloo, config.device, builtBackends());
#endif
        }
    } catch (const Error &) {
        throw;
    } catch (const std::exception &error) {
        // torchrun's agent hosts the store then: its TCPStore protocol must be our LibTorch's (1.13 and 2.x differ).
        const std::string hint = config.agentStore
            ? fmt::format("; the store is the launcher's: a torchrun must come from the same PyTorch version as this "
                          "bcos's LibTorch {} (or start the ranks with bcos train --nproc-per-node)",
                          compat::torchVersion())
            : std::string();
        fail(ErrorCode::Io, "rank {}: the {} ranks did not all join through {} within {} s ({}){}", config.rank,
             config.worldSize, where, config.timeout.count() / 1000, torchMessage(error), hint);
    }
    return self;
}

std::string DistributedGroup::silentRanks(std::string_view what) const
{
    const auto key = [](int rank) { return fmt::format("bcos/failed/{}", rank); };
    std::vector<int> silent;
    try {
        const std::string text(what);
        m_engine->store->set(key(m_config.rank), std::vector<uint8_t>(text.begin(), text.end()));
        const auto deadline = std::chrono::steady_clock::now() + std::min<std::chrono::milliseconds>(m_config.timeout, std::chrono::seconds(2));
        do {
            silent.clear();
            for (int rank = 0; rank < m_config.worldSize; ++rank)
                if (!m_engine->store->check({key(rank)}))
                    silent.push_back(rank);
            if (silent.empty())
                return {};
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } while (std::chrono::steady_clock::now() < deadline);
    } catch (const std::exception &) {
        return {}; // the store's host is gone too
    }
    std::string names;
    for (int rank : silent)
        names += (names.empty() ? "" : ", ") + std::to_string(rank);
    return fmt::format("; rank{} {} did not report (died or hangs)", silent.size() > 1 ? "s" : "", names);
}

void DistributedGroup::failCollective(std::string_view what, const std::exception &error) const
{
    fail(ErrorCode::Internal, "rank {}: {} across {} ranks failed: another rank died, hangs or stopped early "
         "(timeout {} s; the engine says: {}){}", m_config.rank, what, m_config.worldSize,
         m_config.timeout.count() / 1000, torchMessage(error), silentRanks(what));
}

DistributedGroup::Pending DistributedGroup::startAllReduceSum(at::Tensor tensor, std::string_view what)
{
    // NCCL reduces on the rank's GPU: a CPU tensor (a flag, host-side counts) goes there and its sum comes back.
    const bool moved = m_engine->device && tensor.device() != *m_engine->device;
    std::vector<at::Tensor> tensors{moved ? tensor.to(*m_engine->device) : tensor};
    try {
        auto work = m_engine->apply([&](auto &group) { return group.allreduce(tensors); });
        return [this, work, tensors, target = moved ? tensor : at::Tensor(), name = std::string(what)]() mutable {
            try {
                work->wait();
                if (target.defined())
                    target.copy_(tensors.front());
            } catch (const std::exception &error) {
                failCollective(name, error);
            }
        };
    } catch (const std::exception &error) {
        failCollective(what, error);
    }
}

void DistributedGroup::allReduceSum(at::Tensor &tensor, std::string_view what)
{
    startAllReduceSum(tensor, what)();
}

bool DistributedGroup::anyRank(bool flag, std::string_view what)
{
    at::Tensor value = torch::tensor({flag ? 1 : 0}, torch::kInt);
    allReduceSum(value, what);
    return value.item<int>() > 0;
}

void DistributedGroup::broadcastFromRankZero(std::vector<at::Tensor> &tensors, std::string_view what)
{
    // One broadcast per dtype and device of all tensors flattened together (DDP's coalesced broadcast): a
    // network's few dozen small buffers cost one round trip, not one each.
    std::map<std::pair<int, std::string>, std::vector<size_t>> groups;
    for (size_t i = 0; i < tensors.size(); ++i)
        groups[{static_cast<int>(tensors[i].scalar_type()), tensors[i].device().str()}].push_back(i);
    torch::NoGradGuard noGrad;
    try {
        for (const auto &[kind, members] : groups) {
            std::vector<at::Tensor> flat;
            for (size_t i : members)
                flat.push_back(tensors[i].reshape(-1));
            std::vector<at::Tensor> packed{torch::cat(flat)};
            if (m_engine->device && packed.front().device() != *m_engine->device)
                packed.front() = packed.front().to(*m_engine->device);
            m_engine->apply([&](auto &group) { return group.broadcast(packed); })->wait();
            int64_t offset = 0;
            for (size_t i : members) {
                tensors[i].copy_(packed.front().narrow(0, offset, tensors[i].numel()).view_as(tensors[i]));
                offset += tensors[i].numel();
            }
        }
    } catch (const std::exception &error) {
        failCollective(what, error);
    }
}

} // namespace bcos::core
