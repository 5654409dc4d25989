#pragma once

namespace torch::nn {
class Module;
}

namespace bcos::core {

/// Mixin for layers with dynamic terms that are detached in explanation mode (B-cos v2 `DetachableModule`):
/// with detaching on, the input gradient of a B-cos network is its dynamic linear map W(x).
class Detachable {
public:
    virtual ~Detachable() = default;
    void setDetach(bool detach) { m_detach = detach; }
    bool detach() const { return m_detach; }

private:
    bool m_detach = false;
};

/// Turns explanation mode on or off for every Detachable layer below (and including) `root`.
void setExplanationMode(torch::nn::Module &root, bool on);

/// RAII: explanation mode on for a scope (restores "off" afterwards).
class ExplanationModeGuard {
public:
    explicit ExplanationModeGuard(torch::nn::Module &root);
    ~ExplanationModeGuard();
    ExplanationModeGuard(const ExplanationModeGuard &) = delete;
    ExplanationModeGuard &operator=(const ExplanationModeGuard &) = delete;

private:
    torch::nn::Module &m_root;
};

} // namespace bcos::core
