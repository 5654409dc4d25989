#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace bcos::core {

/// The store a launcher hosts for its workers (they join with DistributedConfig::agentStore). Listening
/// stops when it is destroyed.
class RendezvousHost {
public:
    /// Listens on address:port (port 0: a free port). Error{Io} naming the port when it is in use.
    RendezvousHost(const std::string &address, int port, std::chrono::milliseconds timeout);
    ~RendezvousHost();
    RendezvousHost(const RendezvousHost &) = delete;
    RendezvousHost &operator=(const RendezvousHost &) = delete;
    int port() const;

private:
    struct Engine;
    std::unique_ptr<Engine> m_engine;
};

} // namespace bcos::core
