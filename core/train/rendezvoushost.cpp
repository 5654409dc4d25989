#include "rendezvoushost.h"

#include "core/error.h"

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace bcos::core {

struct RendezvousHost::Engine {
    c10::intrusive_ptr<c10d::TCPStore> store;
};

RendezvousHost::RendezvousHost(const std::string &address, int port, std::chrono::milliseconds timeout)
    : m_engine(std::make_unique<Engine>())
{
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(port);
    options.isServer = true;
    options.waitWorkers = false;
    options.timeout = timeout;
    try {
        m_engine->store = c10::make_intrusive<c10d::TCPStore>(address, options);
    } catch (const std::exception &error) {
        fail(ErrorCode::Io, "cannot listen on {}:{} for the workers' rendezvous ({}); is the port in use? choose "
             "another with --master-port", address, port, torchMessage(error));
    }
}

RendezvousHost::~RendezvousHost() = default;

int RendezvousHost::port() const
{
    return m_engine->store->getPort();
}

} // namespace bcos::core
