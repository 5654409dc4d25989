#include "random.h"

namespace bcos::core {

uint64_t mixSeed(uint64_t value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

uint64_t sampleSeed(uint64_t seed, int64_t epoch, int64_t index)
{
    return mixSeed(mixSeed(mixSeed(seed) ^ static_cast<uint64_t>(epoch)) ^ static_cast<uint64_t>(index));
}

std::vector<int64_t> seededPermutation(int64_t n, uint64_t seed)
{
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        order[static_cast<size_t>(i)] = i;
    std::mt19937_64 rng(mixSeed(seed));
    for (int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<int64_t>(rng() % static_cast<uint64_t>(i + 1));
        std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(j)]);
    }
    return order;
}

double uniform01(std::mt19937_64 &rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

} // namespace bcos::core
