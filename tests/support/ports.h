#pragma once

namespace bcos::test {

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
int freePort();

/// Whether something accepts connections on 127.0.0.1:port.
bool isListening(int port);

/// A port held open (listening on all addresses) while this object lives: "the port is in use".
class BusyPort {
public:
    BusyPort();
    ~BusyPort();
    BusyPort(const BusyPort &) = delete;
    BusyPort &operator=(const BusyPort &) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace bcos::test
