#include "ports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace bcos::test {
namespace {

sockaddr_in ipv4(uint32_t host, int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(host);
    address.sin_port = htons(static_cast<uint16_t>(port));
    return address;
}

/// A socket bound to host:0; its port in `port`.
int bindSomePort(uint32_t host, int &port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = ipv4(host, 0);
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        close(fd);
        throw std::runtime_error("cannot bind a free port");
    }
    port = ntohs(address.sin_port);
    return fd;
}

} // namespace

int freePort()
{
    int port = 0;
    close(bindSomePort(INADDR_LOOPBACK, port));
    return port;
}

bool isListening(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in address = ipv4(INADDR_LOOPBACK, port);
    const bool connected = connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    close(fd);
    return connected;
}

BusyPort::BusyPort()
{
    m_fd = bindSomePort(INADDR_ANY, m_port);
    if (listen(m_fd, 1) != 0)
        throw std::runtime_error("cannot listen on a free port");
}

BusyPort::~BusyPort() { close(m_fd); }

} // namespace bcos::test
