#pragma once

#include <QString>

namespace bcos::test {

/// Writes a width x height PNG with imaging::writePng whose pixel (x, y) is exactly
/// (x * 8 mod 256, y * 8 mod 256, 128) in 8-bit RGB.
void writeTestPng(const QString &path, int width, int height);
/// Writes `bytes` to `path` (for corrupt or non-image files).
void writeBytes(const QString &path, const QByteArray &bytes);

} // namespace bcos::test
