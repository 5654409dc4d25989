#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace bcos::core {

/// SplitMix64 finaliser: a well-mixed 64-bit hash, used to derive independent seeds.
uint64_t mixSeed(uint64_t value);

/// The seed of one sample's augmentation RNG: a function of (seed, epoch, index) only, so results do not
/// depend on thread count or scheduling.
uint64_t sampleSeed(uint64_t seed, int64_t epoch, int64_t index);

/// A seeded Fisher-Yates permutation of [0, n); identical on every platform (no std distributions).
std::vector<int64_t> seededPermutation(int64_t n, uint64_t seed);

/// Uniform double in [0, 1) from a 64-bit engine (platform independent, unlike std::uniform_real_distribution).
double uniform01(std::mt19937_64 &rng);

} // namespace bcos::core
