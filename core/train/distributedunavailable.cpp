// Stand-ins for DistributedGroup and RendezvousHost in a build without a process group (CMake found neither gloo's
// headers nor, with a CUDA LibTorch, NCCL's): a single process trains as before, joining a group says what the
// build lacks.
#include "distributedgroup.h"
#include "rendezvoushost.h"

#include "core/error.h"

namespace bcos::core {
namespace {

[[noreturn]] void unavailable()
{
    fail(ErrorCode::Unsupported, "this build of bcos has no distributed engine (gloo's headers were missing when it "
         "was built; Debian: install libgloo-dev and rebuild); run a single process");
}

} // namespace

BuiltBackends builtBackends() { return {}; }

struct DistributedGroup::Engine {};
struct RendezvousHost::Engine {};

DistributedGroup::DistributedGroup(DistributedConfig config) : m_config(std::move(config)) {}
DistributedGroup::~DistributedGroup() = default;
std::shared_ptr<DistributedGroup> DistributedGroup::join(const DistributedConfig &) { unavailable(); }
void DistributedGroup::failCollective(std::string_view, const std::exception &) const { unavailable(); }
DistributedGroup::Pending DistributedGroup::startAllReduceSum(at::Tensor, std::string_view) { unavailable(); }
void DistributedGroup::allReduceSum(at::Tensor &, std::string_view) { unavailable(); }
bool DistributedGroup::anyRank(bool, std::string_view) { unavailable(); }
std::string DistributedGroup::silentRanks(std::string_view) const { return {}; }
void DistributedGroup::broadcastFromRankZero(std::vector<at::Tensor> &, std::string_view) { unavailable(); }

RendezvousHost::RendezvousHost(const std::string &, int, std::chrono::milliseconds) { unavailable(); }
RendezvousHost::~RendezvousHost() = default;
int RendezvousHost::port() const { unavailable(); }

} // namespace bcos::core
