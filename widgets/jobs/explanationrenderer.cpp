#include "explanationrenderer.h"

#include "core/error.h"
#include "core/explain/colormap.h"
#include "core/explain/explainchunks.h"
#include "core/explain/explainer.h"
#include "core/explain/rgba.h"
#include "core/explain/wxx.h"
#include "core/models/moduledevice.h"
#include "core/models/network.h"
#include "widgets/jobs/tensorimage.h"

#include <torch/torch.h>

#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bcos::widgets {
namespace {

constexpr int64_t topK = 5;

/// Bytes per image of an explanation pass, measured on a column's first image and kept per network, method and
/// image size, so that later columns of the same kind start with a full pass (core::forEachChunk).
class PassSizes {
public:
    int64_t find(const core::NetworkImpl &network, const ColumnSpec &spec, const at::Tensor &images) const
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        const auto found = m_bytes.find(keyOf(network, spec, images));
        return found == m_bytes.end() ? -1 : found->second;
    }
    void remember(const core::NetworkImpl &network, const ColumnSpec &spec, const at::Tensor &images, int64_t bytes)
    {
        if (bytes <= 0)
            return;
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_bytes.size() > 256) // networks come and go: forget them all now and then
            m_bytes.clear();
        m_bytes[keyOf(network, spec, images)] = bytes;
    }

private:
    // The network's address and its parameter count: another network at a freed one's address is a new key.
    using Key = std::tuple<const void *, int64_t, int, bool, int64_t, int64_t, std::string>;
    static Key keyOf(const core::NetworkImpl &network, const ColumnSpec &spec, const at::Tensor &images)
    {
        int64_t parameters = 0;
        for (const auto &parameter : network.parameters())
            parameters += parameter.numel();
        return {&network, parameters, static_cast<int>(spec.method), spec.colour, images.size(2), images.size(3),
                images.device().str()};
    }
    mutable std::mutex m_mutex;
    std::map<Key, int64_t> m_bytes;
};

PassSizes &passSizes()
{
    static PassSizes sizes;
    return sizes;
}

/// Box filter over maps [N, H, W] (stride 1, zero padding counted in the mean, as the reference smooths alpha).
at::Tensor smoothMaps(const at::Tensor &maps, int smooth)
{
    if (smooth <= 1)
        return maps;
    const int64_t k = smooth | 1; // odd, so the map keeps its size
    return torch::avg_pool2d(maps.unsqueeze(1), {k, k}, {1, 1}, {k / 2, k / 2}).squeeze(1);
}

std::optional<at::Tensor> targetsFor(const core::NetworkImpl &network, const ColumnSpec &spec, int64_t n)
{
    if (spec.target < 0)
        return std::nullopt;
    if (spec.target >= network.description().numClasses())
        core::fail(core::ErrorCode::InvalidArgument, "class {} does not exist: the model has {} classes",
                   spec.target, network.description().numClasses());
    return torch::full({n}, spec.target, torch::kLong);
}

/// Colour W(x)x (B-cos paper, Fig. 1): rgb of the dynamic weights composited over a black or white background.
at::Tensor wxxColours(core::NetworkImpl &network, const ColumnSpec &spec, const at::Tensor &images,
                      at::Tensor &logits, at::Tensor &contributions)
{
    const ViewSettings &settings = spec.view;
    const auto targets = targetsFor(network, spec, images.size(0));
    const core::WxxResult result = core::explainWxx(network, images, targets ? *targets : at::Tensor());
    logits = result.logits;
    contributions = result.contributions.detach();
    const at::Tensor rgba = core::gradientToRgba(network.encode(images), result.dynamicWeights,
                                                 settings.smooth > 1 ? (settings.smooth | 1) : 0, settings.percentile);
    const at::Tensor alpha = rgba.slice(3, 3, 4);
    const double background = settings.background == QLatin1String("white") ? 1.0 : 0.0;
    return rgba.slice(3, 0, 3) * alpha + background * (1 - alpha);
}

/// Raw attribution maps [N, H, W] for the map methods.
at::Tensor attributionMaps(core::NetworkImpl &network, const ColumnSpec &spec, const at::Tensor &images,
                           at::Tensor &logits)
{
    const auto targets = targetsFor(network, spec, images.size(0));
    if (spec.method == core::ExplainMethod::Wxx) { // the signed contribution map
        const core::WxxResult result = core::explainWxx(network, images, targets ? *targets : at::Tensor());
        logits = result.logits;
        return result.contributions;
    }
    core::ExplainRequest request;
    request.images = images;
    request.targets = targets;
    const core::Explanation explanation = core::explain(network, spec.method, request);
    logits = explanation.logits;
    return explanation.attributions;
}

/// Colours the maps; `ranges` gets the values at the colour map's two ends per map ([N, 2], core::scaleRanges).
at::Tensor mapColours(const at::Tensor &maps, const ViewSettings &settings, const at::Tensor &images, at::Tensor &ranges)
{
    const core::Colormap colormap = core::parseColormap(settings.colormap.toStdString());
    core::ColorScale scale;
    scale.percentile = settings.percentile;
    scale.perImage = !settings.sharedScale;
    scale.symmetric = core::isSymmetric(colormap);
    const at::Tensor smoothed = smoothMaps(maps, settings.smooth);
    ranges = core::scaleRanges(smoothed, scale);
    const at::Tensor colours = core::colorizeMaps(smoothed, colormap, scale);
    return settings.alpha >= 1.0 ? colours : core::overlayColors(images, colours, settings.alpha);
}

QVector<QVector<ClassScore>> topClasses(const at::Tensor &logits)
{
    const at::Tensor probabilities = torch::softmax(logits.detach().to(torch::kCPU, torch::kFloat), 1);
    const auto [topValues, topIndices] = probabilities.topk(std::min<int64_t>(topK, probabilities.size(1)), 1);
    const at::Tensor values = topValues.contiguous();
    const at::Tensor indices = topIndices.contiguous();
    const auto p = values.accessor<float, 2>(); // element access without a tensor per value
    const auto c = indices.accessor<int64_t, 2>();
    QVector<QVector<ClassScore>> result(static_cast<int>(logits.size(0)));
    for (int64_t n = 0; n < p.size(0); ++n)
        for (int64_t k = 0; k < p.size(1); ++k)
            result[static_cast<int>(n)].append({static_cast<int>(c[n][k]), static_cast<double>(p[n][k])});
    return result;
}

at::Tensor stackOf(const QVector<at::Tensor> &tensors)
{
    return torch::stack(std::vector<at::Tensor>(tensors.begin(), tensors.end()));
}

/// The cells of a column from its maps [N, H, W] (coloured with the view settings; maps are coloured together, so a
/// shared scale spans every row) or, for colour W(x)x, its colours [N, H, W, 3]; logits [N, K] give the top classes.
RenderedColumn finishColumn(const ColumnSpec &spec, const at::Tensor &images, const at::Tensor &wxxColours,
                            const at::Tensor &maps, const at::Tensor &logits)
{
    RenderedColumn result;
    at::Tensor ranges;
    const at::Tensor rgb =
        (wxxColours.defined() ? wxxColours : mapColours(maps, spec.view, images.to(maps.device()), ranges)).to(torch::kCPU);
    if (ranges.defined())
        ranges = ranges.to(torch::kCPU);
    const at::Tensor raw = maps.to(torch::kCPU, torch::kFloat);
    for (int64_t n = 0; n < rgb.size(0); ++n) {
        QImage image = imageFromTensor(rgb[n]);
        if (ranges.defined())
            setColourScale(image, {spec.view.colormap, ranges[n][0].item<double>(), ranges[n][1].item<double>(),
                                   !spec.view.sharedScale});
        result.images.append(image);
        result.maps.append(raw[n].clone());
    }
    result.topK = topClasses(logits);
    return result;
}

} // namespace

QVector<QVector<ClassScore>> topClassesOf(const at::Tensor &logits)
{
    return topClasses(logits);
}

void setColourScale(QImage &image, const ColourScale &scale)
{
    image.setText(QStringLiteral("bcos.colormap"), scale.colormap);
    image.setText(QStringLiteral("bcos.low"), QString::number(scale.low, 'g', 17));
    image.setText(QStringLiteral("bcos.high"), QString::number(scale.high, 'g', 17));
    image.setText(QStringLiteral("bcos.perImage"), scale.perImage ? QStringLiteral("1") : QStringLiteral("0"));
}

std::optional<ColourScale> colourScale(const QImage &image)
{
    bool lowOk = false, highOk = false;
    ColourScale scale;
    scale.colormap = image.text(QStringLiteral("bcos.colormap"));
    scale.low = image.text(QStringLiteral("bcos.low")).toDouble(&lowOk);
    scale.high = image.text(QStringLiteral("bcos.high")).toDouble(&highOk);
    scale.perImage = image.text(QStringLiteral("bcos.perImage")) == QLatin1String("1");
    if (scale.colormap.isEmpty() || !lowOk || !highOk)
        return std::nullopt;
    return scale;
}

RenderedColumn renderColumn(core::NetworkImpl &network, const ColumnSpec &spec, const QVector<QImage> &inputs,
                            const std::atomic<bool> *cancelled)
{
    if (inputs.isEmpty())
        return {};
    const at::Tensor all = tensorFromImages(inputs).to(core::moduleDevice(network));
    const bool wxx = spec.method == core::ExplainMethod::Wxx && spec.colour;
    std::vector<at::Tensor> colours, maps, logits;
    const auto pass = [&](int64_t start, int64_t count) {
        if (cancelled && cancelled->load())
            core::fail(core::ErrorCode::Cancelled, "explanation cancelled");
        const at::Tensor images = all.slice(0, start, start + count);
        at::Tensor chunkLogits;
        if (wxx) {
            at::Tensor contributions;
            colours.push_back(wxxColours(network, spec, images, chunkLogits, contributions));
            maps.push_back(contributions);
        } else {
            maps.push_back(attributionMaps(network, spec, images, chunkLogits).detach());
        }
        logits.push_back(chunkLogits);
    };
    const int64_t known = passSizes().find(network, spec, all);
    const core::MemoryChunk chunk = core::forEachChunk(all.device(), all.size(0), 0, core::explainChunkCap(all.device()),
                                                       core::kDefaultExplainChunk, pass, known);
    if (known <= 0)
        passSizes().remember(network, spec, all, chunk.bytesPerItem);
    return finishColumn(spec, all, wxx ? torch::cat(colours) : at::Tensor(), torch::cat(maps), torch::cat(logits));
}

RenderedColumn renderStoredColumn(const ColumnSpec &spec, const QVector<QImage> &inputs, const StoredColumn &stored)
{
    if (inputs.isEmpty())
        return {};
    const bool wxx = spec.method == core::ExplainMethod::Wxx && spec.colour;
    at::Tensor colours;
    if (wxx) { // the stored RGBA composited over the background, as wxxColours() does
        const at::Tensor rgba = stackOf(stored.rgba).to(torch::kFloat).div(255);
        const at::Tensor alpha = rgba.slice(3, 3, 4);
        const double background = spec.view.background == QLatin1String("white") ? 1.0 : 0.0;
        colours = rgba.slice(3, 0, 3) * alpha + background * (1 - alpha);
    }
    return finishColumn(spec, tensorFromImages(inputs), colours, stackOf(stored.maps),
                        stackOf(stored.logits));
}

QVector<QVector<ClassScore>> predictClasses(core::NetworkImpl &network, const QVector<QImage> &inputs)
{
    if (inputs.isEmpty())
        return {};
    const torch::NoGradGuard noGrad;
    const bool wasTraining = network.is_training();
    network.eval();
    at::Tensor logits;
    try {
        logits = network.forward(network.encode(tensorFromImages(inputs).to(core::moduleDevice(network))));
    } catch (...) {
        network.train(wasTraining);
        throw;
    }
    network.train(wasTraining);
    return topClasses(logits);
}

} // namespace bcos::widgets
