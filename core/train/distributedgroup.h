#pragma once

#include "core/nn/crossreplicasum.h"
#include "core/train/distributedconfig.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <string>
#include <memory>
#include <string_view>
#include <vector>

namespace bcos::core {

/// A process group of PyTorch's distributed engine (c10d: TCPStore rendezvous, ProcessGroupGloo), the only
/// place that includes c10d. Collectives must be called in the same order on every rank. Errors of the engine
/// (a peer that died: connection closed; a peer that hangs: timeout) come back as Error{Internal} whose message
/// names this rank, the operation and the engine's reason.
class DistributedGroup : public CrossReplicaSum {
public:
    /// Joins the group: rank 0 hosts the TCPStore at masterAddress:masterPort unless config.agentStore, the
    /// others connect (waiting up to config.timeout). Error{Io} when the port is in use or the store is unreachable.
    static std::shared_ptr<DistributedGroup> join(const DistributedConfig &config);
    ~DistributedGroup() override;
    DistributedGroup(const DistributedGroup &) = delete;
    DistributedGroup &operator=(const DistributedGroup &) = delete;

    int rank() const { return m_config.rank; }
    int worldSize() const { return m_config.worldSize; }
    const DistributedConfig &config() const { return m_config; }

    /// Waits for a started collective (rethrowing its error, translated).
    using Pending = std::function<void()>;
    /// Starts the in-place sum of a dense contiguous tensor across ranks; call the returned function to wait.
    Pending startAllReduceSum(at::Tensor tensor, std::string_view what);
    /// In-place sum across ranks (blocks).
    void allReduceSum(at::Tensor &tensor, std::string_view what);
    void sumInPlace(at::Tensor &tensor) override { allReduceSum(tensor, "batch-norm statistics"); }
    int64_t replicas() const override { return worldSize(); }
    /// True on every rank when `flag` is true on any (a stop request seen by one rank stops all at the same step).
    bool anyRank(bool flag, std::string_view what);
    /// Copies rank 0's tensors into every rank's (in place; same shapes everywhere).
    void broadcastFromRankZero(std::vector<at::Tensor> &tensors, std::string_view what);

private:
    struct Engine;
    explicit DistributedGroup(DistributedConfig config);
    [[noreturn]] void failCollective(std::string_view what, const std::exception &error) const;
    /// After a failed collective: this rank reports the failure in the store and waits up to 2 s for the others'
    /// reports; the ranks that sent none died or hang: "; rank 1 did not report (it died or hangs)", or "" when
    /// all reported or the store is gone too.
    std::string silentRanks(std::string_view what) const;

    DistributedConfig m_config;
    std::unique_ptr<Engine> m_engine;
};

} // namespace bcos::core
