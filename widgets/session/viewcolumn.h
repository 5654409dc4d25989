#pragma once

#include "core/explain/explainer.h"

#include <QJsonObject>
#include <QString>

namespace bcos::widgets {

/// Which of the Document's models a column runs on.
enum class ModelRole { Standard, Bcos };

/// How an explanation column is drawn (display only, but part of the cache key and the export recipe).
struct ViewSettings {
    QString colormap = QStringLiteral("bwr"); ///< core colour map name (maps only)
    double alpha = 1.0;                     ///< map opacity over the input (maps only)
    double percentile = 99.5;               ///< clip percentile (maps) / alpha percentile (W(x)x colour)
    int smooth = 0;                         ///< odd box-filter side in pixels, 0 = off (W(x)x: alpha smoothing)
    bool sharedScale = false;               ///< one colour scale for all rows instead of per image
    QString background = QStringLiteral("black"); ///< W(x)x colour: "black" or "white" behind the rgba map

    /// The defaults for `method` (W(x)x colour when `colour`, else a map).
    static ViewSettings defaults(core::ExplainMethod method, bool colour);
};

/// What one grid column computes, typed. JSON only at the file boundary (the export recipe: toJson()).
struct ColumnSpec {
    enum class Kind {
        Input,       ///< the model's input image
        Explanation, ///< an attribution method on one of the models
        CosinePower, ///< the B-cos ViT/CLIP cosine-power view (not in this build: always unavailable)
        ClipPrompt,  ///< a CLIP text prompt (ClipPromptController computes it)
    };
    Kind kind = Kind::Input;
    core::ExplainMethod method = core::ExplainMethod::Wxx; ///< Explanation
    bool colour = false;        ///< Wxx: the colour W(x)x image; false: the signed contribution map
    ModelRole model = ModelRole::Bcos;
    int target = -1;            ///< explained class; -1 = each image's predicted class
    ViewSettings view;
    QString prompt;             ///< ClipPrompt: the prompt, its templates (one per line) and the BPE vocabulary
    QString templates;
    QString vocab;

    /// An explanation column with the method's default view settings.
    static ColumnSpec explanation(core::ExplainMethod method, bool colour, ModelRole model);
    /// Everything that determines the result, as JSON ("method": "wxx"/"contributions"/"gradcam"/..., "model",
    /// "target", the view settings, the prompt fields): the recipe's "params" and the cache key's text.
    QJsonObject toJson() const;
};

/// One column of the explanation grid: the input, or an explanation method with its parameters.
/// `available` is false while the method cannot run (no suitable model, method not in this build); the
/// grid then shows `requirement` instead of a map. Never fake a map for an unavailable column.
struct ViewColumn {
    QString id;          ///< "input", "wxx", "gradcam", "cosine", "clip:<prompt>"...
    QString title;       ///< header text
    QString requirement; ///< why it is unavailable ("needs a B-cos model"); empty when available
    bool available = false;
    ColumnSpec spec;     ///< what it computes (part of the cache key and the export recipe)
};

} // namespace bcos::widgets
