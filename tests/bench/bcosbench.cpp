// bcos-bench: timings of the workloads the issues set goals for, printed as one JSON object.
//   bcos-bench explain  --arch resnet50 [--size 224] [--batch 1] [--iters 20]   W(x)x latency
//   bcos-bench train    --arch resnet18 [--size 224] [--batch 64] [--iters 10] [--bf16] [--channels-last] [--no-agc]
//   bcos-bench slider   [--size 224] [--iters 50] [--chunk N] [--clip-passes P]  CLIP RN50 precompute + slider update
//   bcos-bench forward  --arch vit_b_16 [--size 224] [--batch 8]                  inference (BLAS comparisons)
// Data are synthetic (uniform images, random labels); weights are freshly initialised. Medians over --iters
// after 2 warm-up iterations. --device cpu|cuda (default: cuda when available). --keep-denormals: without
// core::flushDenormals() (for before/after comparisons). --no-fused: the B-cos layers' ATen composition instead of
// the fused CUDA kernels (core::setFusedKernels(false); "fused_kernels" in the JSON says which ran).
// --torch-optimizer: train with LibTorch's per-parameter Adam and zero_grad() instead of the multi-tensor Adam bcos
// train uses. --profile N adds "profile": the N operators (name and input shapes, i.e. per layer for convolutions)
// with the most self time in one more run (on CUDA: GPU self time, "self_cuda_ms", from CUDA events per operator).
// train also reports "kernel_ops": per phase of one step, the operators that run a kernel and call no other (about
// one launch each on a GPU: what CUDA graphs and multi-tensor kernels remove; a _foreach_ operator counts once),
// counted on any device. BCOS_BENCH_OPS=1 lists them by name on stderr.
// --clip-passes one-forward|batched (slider): the per-location maps from one forward pass and a backward pass per
// location, or from batched passes over copies of the image (--chunk N per pass); default: ClipPasses::Automatic.
// --cuda-graph (explain, train; a CUDA LibTorch and a GPU): the W(x)x pass, or the training step's forward,
// backward and AGC, captured once as a CUDA graph and replayed (the optimiser steps eagerly); "graph_check" compares
// the graph's result with an eager pass (contributions on new images; the loss).
#include "core/buildinfo.h"
#include "core/compat.h"
#include "core/cudagraph.h"
#include "core/device.h"
#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/explain/wxx.h"
#include "core/explain/wxxgraphs.h"
#include "core/models/clipimage.h"
#include "core/models/family.h"
#include "core/nn/fusedbcosscale.h"
#include "core/train/agc.h"
#include "core/train/losses.h"
#include "core/train/multitensoroptim.h"
#include "core/train/trainoptions.h"
#include "core/train/trainsetup.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace bcos;
using Clock = std::chrono::steady_clock;

struct BenchOptions {
    std::string workload;
    std::string arch = "resnet50";
    int64_t size = 224;
    int64_t batch = 1;
    int iters = 10;
    bool bf16 = false;
    bool channelsLast = false;
    bool agc = true;
    int profileTop = 0; ///< > 0: profile one more run and report this many operators
    bool keepDenormals = false; ///< skip core::flushDenormals() (what the code did before; for comparisons)
    bool fused = true;          ///< the fused B-cos kernels on CUDA where built (--no-fused: the ATen composition)
    int64_t chunk = 0;          ///< slider: locations per batched pass (0: chosen by ClipLocalization)
    core::ClipPasses clipPasses = core::ClipPasses::Automatic; ///< slider: how the per-location maps are computed
    bool torchOptimizer = false; ///< train: LibTorch's per-parameter Adam and zero_grad() (before/after comparisons)
    bool cudaGraph = false;      ///< explain, train: the pass as one captured CUDA graph (core/cudagraph.h)
    torch::Device device = torch::kCPU;
};

void synchronize(const torch::Device &device)
{
    if (device.is_cuda())
        torch::cuda::synchronize();
}

/// One run of `work` under LibTorch's profiler: the `top` operators by self time, keyed by name and input shapes
/// (ranges nest per thread, so an operator's self time is its time minus that of the operators it called). On CUDA
/// the profiler also records a CUDA event where each operator starts and ends (LibTorch's legacy CUDA profiling),
/// so "self_cuda_ms" is the GPU time of the kernels an operator itself launched; the rows are then sorted by it
/// (the per-kernel profile; CPU self time there is launch overhead).
nlohmann::json profileOnce(const std::function<void()> &work, int top, const torch::Device &device)
{
    namespace profiler = torch::autograd::profiler;
    const bool cuda = device.is_cuda();
    struct OpTime {
        double selfUs = 0;
        double totalUs = 0;
        double selfCudaUs = 0;
        double totalCudaUs = 0;
        int64_t calls = 0;
    };
    std::map<std::string, OpTime> ops;
    auto collect = [&](const profiler::thread_event_lists &lists) {
        for (const auto &events : lists) {
            struct Open {
                const profiler::LegacyEvent *event;
                double childUs = 0;
                double childCudaUs = 0;
            };
            std::vector<Open> stack;
            for (const auto &event : events) {
                if (event.kind() == profiler::EventKind::PushRange) {
                    stack.push_back({&event});
                } else if (event.kind() == profiler::EventKind::PopRange && !stack.empty()) {
                    const Open open = stack.back();
                    stack.pop_back();
                    const double total = open.event->cpuElapsedUs(event);
                    const double totalCuda =
                        cuda && open.event->hasCuda() && event.hasCuda() ? open.event->cudaElapsedUs(event) : 0;
                    std::string key = open.event->name();
                    for (const auto &shape : open.event->shapes()) {
                        key += " [";
                        for (std::size_t d = 0; d < shape.size(); ++d)
                            key += (d ? ", " : "") + std::to_string(shape[d]);
                        key += "]";
                    }
                    OpTime &op = ops[key];
                    op.totalUs += total;
                    op.selfUs += total - open.childUs;
                    op.totalCudaUs += totalCuda;
                    op.selfCudaUs += totalCuda - open.childCudaUs;
                    ++op.calls;
                    if (!stack.empty()) {
                        stack.back().childUs += total;
                        stack.back().childCudaUs += totalCuda;
                    }
                }
            }
        }
    };
    {
        using torch::profiler::impl::ProfilerState;
        profiler::TLSLegacyProfilerGuard guard(
            torch::profiler::impl::ProfilerConfig(cuda ? ProfilerState::CUDA : ProfilerState::CPU,
                                                  /*report_input_shapes=*/true),
            collect);
        work();
        synchronize(device); // every CUDA event recorded before the guard reads them
    }
    const auto selfOf = [cuda](const OpTime &op) { return cuda ? op.selfCudaUs : op.selfUs; };
    std::vector<std::pair<std::string, OpTime>> sorted(ops.begin(), ops.end());
    std::sort(sorted.begin(), sorted.end(),
              [&](const auto &a, const auto &b) { return selfOf(a.second) > selfOf(b.second); });
    double selfSum = 0;
    for (const auto &[key, op] : sorted)
        selfSum += selfOf(op);
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < sorted.size() && int(i) < top; ++i) {
        const OpTime &op = sorted[i].second;
        nlohmann::json row{{"op", sorted[i].first}, {"calls", op.calls}, {"self_ms", op.selfUs / 1000},
                           {"total_ms", op.totalUs / 1000}, {"self_share", selfOf(op) / std::max(selfSum, 1e-9)}};
        if (cuda) {
            row["self_cuda_ms"] = op.selfCudaUs / 1000;
            row["total_cuda_ms"] = op.totalCudaUs / 1000;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool isMultiTensor(const std::string &name)
{
    return name.rfind("aten::_foreach_", 0) == 0;
}

/// Operators that only make a tensor's metadata or allocate (views, detach, empty): no kernel on any device.
bool launchesNothing(const std::string &name)
{
    static const std::set<std::string> names{
        "aten::empty", "aten::empty_strided", "aten::as_strided", "aten::as_strided_", "aten::view", "aten::_reshape_alias",
        "aten::reshape", "aten::detach", "detach", "detach_", "aten::detach_", "aten::alias", "aten::unsqueeze",
        "aten::squeeze", "aten::slice", "aten::select", "aten::expand", "aten::permute", "aten::transpose", "aten::t",
        "aten::unflatten", "aten::flatten", "aten::narrow", "aten::result_type", "aten::resize_", "aten::set_",
        "aten::lift_fresh", "aten::_unsafe_view", "aten::contiguous", "aten::to", "aten::_to_copy", "aten::split",
        "aten::chunk", "aten::unbind", "aten::view_as", "aten::expand_as", "aten::empty_like"};
    return names.count(name) > 0;
}

/// Operators of one run of `work` that call no other operator and run a kernel (LibTorch's profiler, all threads;
/// views and allocations left out): on a GPU each is about one kernel launch, so their count is the launch overhead
/// of a step, measurable without a GPU. A multi-tensor operator (_foreach_) counts once: a CPU runs it tensor by
/// tensor, a GPU in one launch (or one per few hundred tensors). A `to` or `contiguous` that copies counts by its
/// copy_.
int64_t countKernelOps(const std::function<void()> &work, std::map<std::string, int64_t> *byName = nullptr)
{
    namespace profiler = torch::autograd::profiler;
    int64_t leaves = 0;
    auto collect = [&](const profiler::thread_event_lists &lists) {
        for (const auto &events : lists) {
            std::vector<std::pair<const profiler::LegacyEvent *, bool>> open; // range, has a child
            int multiTensor = 0; // open _foreach_ ranges: their per-tensor operators on a CPU are one kernel on a GPU
            for (const auto &event : events) {
                if (event.kind() == profiler::EventKind::PushRange) {
                    if (!open.empty())
                        open.back().second = true;
                    open.emplace_back(&event, false);
                    multiTensor += isMultiTensor(event.name()) ? 1 : 0;
                } else if (event.kind() == profiler::EventKind::PopRange && !open.empty()) {
                    const std::string name = open.back().first->name();
                    const bool counted = multiTensor == 0 ? !open.back().second && !launchesNothing(name)
                                                          : multiTensor == 1 && isMultiTensor(name);
                    if (counted) {
                        ++leaves;
                        if (byName)
                            ++(*byName)[name];
                    }
                    multiTensor -= isMultiTensor(name) ? 1 : 0;
                    open.pop_back();
                }
            }
        }
    };
    {
        profiler::TLSLegacyProfilerGuard guard(
            torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU, false), collect);
        work();
    }
    return leaves;
}

/// The profile of the last medianMs() run when --profile is given (printed with the result).
nlohmann::json profileResult;

/// Median wall time in milliseconds of `work` over `iters` runs after two warm-ups (then one profiled run when
/// --profile asks for it).
double medianMs(const BenchOptions &options, const std::function<void()> &work)
{
    for (int i = 0; i < 2; ++i)
        work();
    synchronize(options.device);
    std::vector<double> times;
    for (int i = 0; i < options.iters; ++i) {
        const auto start = Clock::now();
        work();
        synchronize(options.device);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    if (options.profileTop > 0)
        profileResult = profileOnce(work, options.profileTop, options.device);
    return times[times.size() / 2];
}

core::Network makeNetwork(const BenchOptions &options, bool bcos)
{
    core::ModelDescription description;
    description.architecture = core::resolveArchitecture(options.arch);
    description.bcos.enabled = bcos;
    core::Network network = core::buildNetwork(description);
    network->to(options.device);
    if (options.channelsLast) {
        torch::NoGradGuard noGrad;
        for (auto &parameter : network->parameters())
            if (parameter.dim() == 4)
                parameter.set_data(parameter.data().contiguous(at::MemoryFormat::ChannelsLast));
    }
    return network;
}

nlohmann::json benchExplain(const BenchOptions &options)
{
    core::Network network = makeNetwork(options, true);
    network->eval();
    const auto images = torch::rand({options.batch, 3, options.size, options.size}, torch::TensorOptions(options.device));
    if (!options.cudaGraph) {
        const double ms = medianMs(options, [&] { core::explainWxx(*network, images); });
        return {{"explain_ms", ms}, {"images_per_s", options.batch * 1000.0 / ms}};
    }
    // The whole pass (forward, backward to the input, contributions) as one graph on `images`; checked on other
    // images against an eager pass before it is timed.
    core::WxxResult result;
    core::CapturedWork graph([&] { result = core::explainWxx(*network, images); });
    const auto fresh = torch::rand_like(images);
    images.copy_(fresh);
    graph.replay();
    const core::WxxResult eager = core::explainWxx(*network, fresh);
    const double difference = (result.contributions - eager.contributions).abs().max().item<double>();
    const double magnitude = eager.contributions.abs().max().item<double>();
    const double ms = medianMs(options, [&] { graph.replay(); });
    // What the studio and explanation stores get with graphs on (core::WxxGraphs): the images copied in, the replay,
    // the results copied out (medianMs' two warm-ups are the size's eager pass and its capture).
    core::WxxGraphs graphs;
    const double wxxGraphsMs = medianMs(options, [&] { graphs.explain(*network, images); });
    return {{"explain_ms", ms}, {"images_per_s", options.batch * 1000.0 / ms},
            {"wxx_graphs_ms", options.batch <= core::WxxGraphs::kMaxImages ? nlohmann::json(wxxGraphsMs) : nlohmann::json()},
            {"wxx_graphs_replays", graphs.replays()}, {"wxx_graphs_off", graphs.disabledReason()},
            {"graph_check", {{"max_abs_difference", difference}, {"max_abs_contribution", magnitude},
                             {"same_targets", result.targets.equal(eager.targets)}}}};
}

nlohmann::json benchTrain(const BenchOptions &options)
{
    core::Network network = makeNetwork(options, true);
    network->train();
    const auto parameters = network->parameters();
    core::TrainOptions trainOptions; // the optimiser `bcos train` makes (Adam, learning rate 1e-4)
    trainOptions.learningRate = 1e-4;
    const std::unique_ptr<torch::optim::Optimizer> optimizer = options.torchOptimizer
        ? std::make_unique<torch::optim::Adam>(parameters, torch::optim::AdamOptions(trainOptions.learningRate))
        : core::makeOptimizer(trainOptions, parameters);
    const int64_t classes = network->description().numClasses();
    auto images = torch::rand({options.batch, 3, options.size, options.size}, torch::TensorOptions(options.device));
    auto input = network->encode(images);
    if (options.channelsLast)
        input = input.contiguous(at::MemoryFormat::ChannelsLast);
    const auto labels = torch::randint(classes, {options.batch}, torch::TensorOptions(options.device).dtype(torch::kLong));
    at::Tensor loss;
    const auto forward = [&] {
        if (options.bf16 && options.device.is_cuda())
            compat::setCudaAutocast(true, at::kBFloat16);
        const auto logits = network->forward(input);
        if (options.bf16 && options.device.is_cuda())
            compat::setCudaAutocast(false, at::kBFloat16);
        return core::uniformOffLabelsBceWithLogits(logits.to(torch::kFloat), labels);
    };
    // The phases of one step, as Trainer::trainStep runs them.
    const std::vector<std::pair<std::string, std::function<void()>>> phases{
        {"zero_grad", [&] {
             if (options.torchOptimizer)
                 optimizer->zero_grad();
             else
                 core::clearGradients(parameters);
         }},
        {"forward", [&] { loss = forward(); }},
        {"backward", [&] { loss.backward(); }},
        {"agc", [&] {
             if (options.agc)
                 core::adaptiveClipGrad(parameters);
         }},
        {"optimizer", [&] { optimizer->step(); }},
    };
    const auto step = [&] {
        for (const auto &phase : phases)
            phase.second();
    };
    if (options.cudaGraph) {
        // Forward, loss, backward and AGC as one graph (the gradients are cleared before it runs, so backward hands
        // each parameter a gradient buffer of the graph, rewritten by every replay); the optimiser steps eagerly
        // after the replay (its bias correction changes every step). Checked: the graph's loss against an eager
        // forward pass on the same weights.
        core::CapturedWork graph([&] {
            core::clearGradients(parameters);
            for (const auto &phase : phases)
                if (phase.first == "forward" || phase.first == "backward" || phase.first == "agc")
                    phase.second();
        });
        graph.replay();
        const double graphLoss = loss.item<double>(); // `loss` is the graph's output: each replay rewrites it
        double eagerLoss = 0;
        {
            torch::NoGradGuard noGrad;
            eagerLoss = forward().item<double>();
        }
        const double ms = medianMs(options, [&] {
            graph.replay();
            optimizer->step();
        });
        return {{"step_ms", ms}, {"images_per_s", options.batch * 1000.0 / ms}, {"parameters", parameters.size()},
                {"graph_check", {{"loss_graph", graphLoss}, {"loss_eager", eagerLoss}}}};
    }
    const double ms = medianMs(options, step);
    nlohmann::json kernelOps;
    int64_t total = 0;
    for (const auto &[name, work] : phases) {
        std::map<std::string, int64_t> byName;
        const int64_t count = countKernelOps(work, &byName);
        if (std::getenv("BCOS_BENCH_OPS"))
            for (const auto &[op, n] : byName)
                std::cerr << name << " " << op << " " << n << "\n";
        kernelOps[name] = count;
        total += count;
    }
    kernelOps["step"] = total;
    return {{"step_ms", ms}, {"images_per_s", options.batch * 1000.0 / ms}, {"kernel_ops", kernelOps},
            {"parameters", parameters.size()}};
}

nlohmann::json benchSlider(const BenchOptions &options)
{
    core::BcosSettings settings;
    settings.enabled = true;
    auto arch = core::ClipResNetOptions::preset("RN50").toJson();
    arch["input_resolution"] = options.size;
    core::ClipModifiedResNet encoder = core::buildClipImageEncoder(arch, settings);
    encoder->to(options.device);
    encoder->eval();
    const auto image = torch::rand({3, options.size, options.size}, torch::TensorOptions(options.device));
    const auto image6 = torch::cat({image, 1 - image}, 0);
    const auto text = torch::randn({encoder->options().outputDim}, torch::TensorOptions(options.device));
    const auto start = Clock::now();
    const core::ClipLocalizationOptions passes{options.chunk, options.clipPasses};
    auto localization = core::ClipLocalization::compute(*encoder, image6, text, passes);
    synchronize(options.device);
    const double precomputeMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    double power = 1.0;
    const double sliderMs = medianMs(options, [&] {
        power = power > 9 ? 1.0 : power + 0.37;
        localization.contributionsForPower(power);
    });
    if (options.profileTop > 0) // the precompute is what costs, not the updates medianMs() profiled
        profileResult = profileOnce([&] { core::ClipLocalization::compute(*encoder, image6, text, passes); },
                                    options.profileTop, options.device);
    return {{"precompute_ms", precomputeMs}, {"slider_update_ms", sliderMs},
            {"locations", localization.cosines().size(0)}, {"chunk", localization.chunk().size},
            {"clip_passes", localization.passes() == core::ClipPasses::OneForward ? "one-forward" : "batched"},
            {"bytes_per_location", localization.chunk().bytesPerItem},
            {"available_bytes", localization.chunk().availableBytes}};
}

nlohmann::json benchForward(const BenchOptions &options)
{
    core::Network network = makeNetwork(options, false);
    network->eval();
    torch::NoGradGuard noGrad;
    const auto input = network->encode(torch::rand({options.batch, 3, options.size, options.size},
                                                   torch::TensorOptions(options.device)));
    const double ms = medianMs(options, [&] { network->forward(input); });
    return {{"forward_ms", ms}, {"images_per_s", options.batch * 1000.0 / ms}};
}

core::ClipPasses clipPasses(const std::string &name)
{
    if (name == "one-forward")
        return core::ClipPasses::OneForward;
    if (name == "batched")
        return core::ClipPasses::Batched;
    throw std::runtime_error("--clip-passes takes one-forward or batched, not '" + name + "'");
}

BenchOptions parse(int argc, char **argv)
{
    BenchOptions options;
    if (argc < 2)
        throw std::runtime_error("usage: bcos-bench explain|train|slider|forward [--arch A] [--size S] [--batch B] "
                                 "[--iters N] [--bf16] [--channels-last] [--no-agc] [--device cpu|cuda] [--profile TOP] [--keep-denormals] "
                                 "[--no-fused] [--chunk N] [--clip-passes one-forward|batched] [--torch-optimizer] "
                                 "[--cuda-graph]");
    options.workload = argv[1];
    options.device = core::resolveDevice("auto");
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error("option " + arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--arch") options.arch = next();
        else if (arg == "--size") options.size = std::stoll(next());
        else if (arg == "--batch") options.batch = std::stoll(next());
        else if (arg == "--iters") options.iters = std::stoi(next());
        else if (arg == "--bf16") options.bf16 = true;
        else if (arg == "--channels-last") options.channelsLast = true;
        else if (arg == "--no-agc") options.agc = false;
        else if (arg == "--device") options.device = core::resolveDevice(next());
        else if (arg == "--profile") options.profileTop = std::stoi(next());
        else if (arg == "--keep-denormals") options.keepDenormals = true;
        else if (arg == "--no-fused") options.fused = false;
        else if (arg == "--chunk") options.chunk = std::stoll(next());
        else if (arg == "--clip-passes") options.clipPasses = clipPasses(next());
        else if (arg == "--torch-optimizer") options.torchOptimizer = true;
        else if (arg == "--cuda-graph") options.cudaGraph = true;
        else throw std::runtime_error("unknown option " + arg);
    }
    if (options.cudaGraph && !options.device.is_cuda())
        throw std::runtime_error("--cuda-graph needs --device cuda (a CUDA graph runs on a GPU)");
    if (options.cudaGraph && options.workload != "explain" && options.workload != "train")
        throw std::runtime_error("--cuda-graph times explain and train");
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const BenchOptions options = parse(argc, argv);
        if (options.keepDenormals)
            at::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        else
            core::configureThreads();
        core::setFusedKernels(options.fused);
        const std::map<std::string, std::function<nlohmann::json(const BenchOptions &)>> workloads{
            {"explain", benchExplain}, {"train", benchTrain}, {"slider", benchSlider}, {"forward", benchForward}};
        const auto found = workloads.find(options.workload);
        if (found == workloads.end())
            throw std::runtime_error("unknown workload '" + options.workload + "'");
        const auto info = core::queryBuildInfo();
        nlohmann::json result = found->second(options);
        result["workload"] = options.workload;
        result["arch"] = options.workload == "slider" ? "clip_rn50" : options.arch;
        result["size"] = options.size;
        result["batch"] = options.batch;
        result["iters"] = options.iters;
        result["precision"] = options.bf16 ? "bf16-autocast" : "fp32";
        result["channels_last"] = options.channelsLast;
        result["device"] = options.device.str();
        result["threads"] = info.intraOpThreads;
        result["denormals"] = options.keepDenormals ? "kept" : "flushed";
        result["fused_kernels"] = options.device.is_cuda() && core::fusedCudaKernelsBuilt() && options.fused;
        result["libtorch"] = info.torchVersion;
        if (options.workload == "train")
            result["optimizer"] = options.torchOptimizer ? "libtorch-adam" : "multi-tensor-adam";
        result["cuda_graph"] = options.cudaGraph;
        if (options.profileTop > 0)
            result["profile"] = profileResult;
        std::cout << result.dump() << std::endl;
        return 0;
    } catch (const std::exception &error) {
        std::cerr << "bcos-bench: " << bcos::core::torchMessage(error) << std::endl;
        return 1;
    }
}
