#include "viewcolumn.h"

namespace bcos::widgets {

ViewSettings ViewSettings::defaults(core::ExplainMethod method, bool colour)
{
    ViewSettings s;
    if (method == core::ExplainMethod::Wxx && colour) {
        s.smooth = 3; // the reference's 15 is for 224 px; small inputs need a small window
    } else if (method == core::ExplainMethod::GradCam) {
        s.colormap = QStringLiteral("jet");
        s.alpha = 0.5;
        s.percentile = 100.0;
    }
    return s;
}

ColumnSpec ColumnSpec::explanation(core::ExplainMethod method, bool colour, ModelRole model)
{
    ColumnSpec spec;
    spec.kind = Kind::Explanation;
    spec.method = method;
    spec.colour = colour;
    spec.model = model;
    spec.view = ViewSettings::defaults(method, colour);
    return spec;
}

QJsonObject ColumnSpec::toJson() const
{
    // QJsonObject keeps its keys sorted, so equal specs give equal text (the cache key relies on it).
    const QString modelName = model == ModelRole::Standard ? QStringLiteral("standard") : QStringLiteral("bcos");
    switch (kind) {
    case Kind::Input:
        return {};
    case Kind::CosinePower:
        return {{QStringLiteral("method"), QStringLiteral("cosine_power")}};
    case Kind::ClipPrompt:
        return {{QStringLiteral("method"), QStringLiteral("clip_prompt")}, {QStringLiteral("model"), modelName},
                {QStringLiteral("prompt"), prompt}, {QStringLiteral("templates"), templates},
                {QStringLiteral("vocab"), vocab}};
    case Kind::Explanation:
        break;
    }
    const QString methodName = method == core::ExplainMethod::Wxx && !colour
        ? QStringLiteral("contributions")
        : QString::fromLatin1(core::explainMethodName(method).data(), int(core::explainMethodName(method).size()));
    return {{QStringLiteral("method"), methodName},         {QStringLiteral("model"), modelName},
            {QStringLiteral("target"), target},             {QStringLiteral("colormap"), view.colormap},
            {QStringLiteral("alpha"), view.alpha},          {QStringLiteral("percentile"), view.percentile},
            {QStringLiteral("smooth"), view.smooth},        {QStringLiteral("sharedScale"), view.sharedScale},
            {QStringLiteral("background"), view.background}};
}

} // namespace bcos::widgets
