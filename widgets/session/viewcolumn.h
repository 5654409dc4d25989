#pragma once

#include <QJsonObject>
#include <QString>

namespace bcos::widgets {

/// One column of the explanation grid: the input, or an explanation method with its parameters.
/// `available` is false while the method cannot run (no suitable model, method not in this build); the
/// grid then shows `requirement` instead of a map. Never fake a map for an unavailable column.
struct ViewColumn {
    QString id;          ///< "input", "wxx", "gradcam", "cosine"...
    QString title;       ///< header text
    QString requirement; ///< why it is unavailable ("needs a B-cos model"); empty when available
    bool available = false;
    QJsonObject params;  ///< method parameters (part of the cache key and the export recipe)
};

} // namespace bcos::widgets
