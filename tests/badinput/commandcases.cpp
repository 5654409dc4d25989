// Catalogue rows for the command line itself: every bcos command with missing, unknown or malformed options.
#include "tests/badinput/badinputcase.h"
#include "tests/badinput/inputbuilders.h"

namespace bcos::test {
namespace {

BadInputCase usage(std::string name, std::string what, std::string arguments, std::string message)
{
    BadInputCase row{std::move(name), "command line", std::move(what), {}, {}, 2, std::move(message)};
    row.cli = [arguments](const std::filesystem::path &) { return arguments; };
    return row;
}

/// A row whose arguments mention DIR/model.safetensors (a valid tiny model) and DIR/images.safetensors.
BadInputCase withModel(std::string name, std::string what, std::string arguments, int status, std::string message)
{
    BadInputCase row{std::move(name), "command line", std::move(what), {}, {}, status, std::move(message)};
    row.cli = [arguments](const std::filesystem::path &dir) {
        writeTinyModel(dir / "model.safetensors");
        writeTinyImages(dir / "images.safetensors");
        std::string text = arguments;
        for (std::size_t at = text.find("DIR"); at != std::string::npos; at = text.find("DIR", at))
            text.replace(at, 3, dir.string());
        return text;
    };
    return row;
}

} // namespace

std::vector<BadInputCase> commandLineCases()
{
    std::vector<BadInputCase> rows;
    rows.push_back(usage("cli.unknown-command", "bcos frobnicate", "frobnicate",
                         "bcos: unknown command 'frobnicate' (see bcos --help)"));
    rows.push_back(usage("cli.inspect-no-file", "inspect without FILE", "inspect",
                         "bcos inspect: expected exactly one FILE (see bcos inspect --help)"));
    rows.push_back(usage("cli.inspect-unknown-option", "inspect --verbose", "inspect --verbose x",
                         "bcos inspect: unknown option --verbose"));
    rows.push_back(usage("cli.convert-missing-arch", "convert without --arch",
                         "convert --weights w.pth --out m.safetensors",
                         "bcos convert: missing required option --arch"));
    rows.push_back(usage("cli.predict-no-model", "predict without --model or --arch",
                         "predict --input x.png --out o.safetensors",
                         "bcos predict: give either --model MODEL or --arch ARCH --weights FILE"));
    rows.push_back(usage("cli.predict-missing-value", "--out given without a value",
                         "predict --model m.safetensors --out", "bcos predict: option --out needs a value"));
    rows.push_back(
        usage("cli.explain-unknown-method", "explain --method magic",
              "explain --model m.safetensors --input i.safetensors --out o.safetensors --method magic",
              "bcos explain: --method: unknown explanation method 'magic' (expected one of: wxx, gradcam, ixg, "
              "intgrad, guided, occlusion, rise)"));
    rows.push_back(
        withModel("cli.explain-target-out-of-range", "explain --target 50 for a 10-class model (class count)",
                  "explain --model DIR/model.safetensors --input DIR/images.safetensors --out DIR/o.safetensors "
                  "--target 50",
                  1, "bcos explain: explain: target classes must be in [0, 10), got 50 to 50"));
    rows.push_back(
        withModel("cli.explain-bad-number", "explain --steps ten",
                  "explain --model DIR/model.safetensors --input DIR/images.safetensors --out DIR/o.safetensors "
                  "--method intgrad --steps ten",
                  2, "bcos explain: option --steps expects an integer, got 'ten'"));
    rows.push_back(usage("cli.stray-argument", "a plain argument no option takes (convert)",
                         "convert --arch resnet18 --weights w.pth extra.pth --out m.safetensors",
                         "bcos convert: unexpected argument 'extra.pth': every value belongs to an option"));
    rows.push_back(usage("cli.stray-argument-after-input", "a plain argument after another option than --input",
                         "explain --model m.safetensors --input a.png --out o.safetensors b.png",
                         "bcos explain: unexpected argument 'b.png': every value belongs to an option"));
    rows.push_back(usage("cli.train-stray-argument", "train with a plain argument",
                         "train --mode bcosify data/",
                         "bcos train: unexpected argument 'data/': every value belongs to an option"));
    rows.push_back(usage("cli.localize-no-model", "localize without --model",
                         "localize --input x.png --cosine-power 1 --out o.safetensors",
                         "bcos localize: give either --text PROMPT (with --vocab) or --text-embedding FILE"));
    rows.push_back(usage("cli.localize-two-prompts", "localize with --text given twice (one map per run)",
                         "localize --model m.safetensors --input i.png --vocab v.txt.gz --cosine-power 1 --out o "
                         "--text sneaker --text trouser",
                         "bcos localize: --text given 2 times: bcos localize maps one prompt per run (run it once per "
                         "prompt; the studio's Text prompts dock holds several)"));
    rows.push_back(usage("cli.evaluate-unknown-metric", "evaluate frobnicate", "evaluate frobnicate",
                         "bcos evaluate: unknown subcommand 'frobnicate' (expected gridpg, accuracy, clip-mosaic or a "
                         "metric: deletion, insertion, road-morf, road-lerf, epg, average-drop, confidence-increase, "
                         "sparseness, complexity, randomisation)"));
    rows.push_back(
        withModel("cli.evaluate-metric-unknown-method", "evaluate deletion --method magic",
                  "evaluate deletion --model DIR/model.safetensors --images DIR/images.safetensors --method magic "
                  "--out DIR/r.safetensors",
                  2, "bcos evaluate: --method: unknown attribution method 'magic' (expected one of: wxx, gradcam, ixg, "
                     "intgrad, guided, occlusion, rise, random)"));
    rows.push_back(withModel("cli.evaluate-device-gpu", "evaluate accuracy --device gpu (not a device name)",
                             "evaluate accuracy --model DIR/model.safetensors --images DIR/images.safetensors "
                             "--device gpu",
                             2, "bcos evaluate: option --device expects cpu, cuda, cuda:N or auto, got 'gpu'"));
    rows.push_back(withModel("cli.evaluate-epg-no-regions", "evaluate epg without --regions",
                             "evaluate epg --model DIR/model.safetensors --images DIR/images.safetensors --out "
                             "DIR/r.safetensors",
                             2, "bcos evaluate: epg needs --regions R.safetensors (with 'masks' or 'boxes') or --regions "
                                "foreground"));
    rows.push_back(withModel("cli.evaluate-regions-not-a-file", "evaluate epg --regions naming a missing file",
                             "evaluate epg --model DIR/model.safetensors --images DIR/images.safetensors --regions "
                             "DIR/missing.safetensors --out DIR/r.safetensors",
                             1, "bcos evaluate: {dir}/missing.safetensors: cannot open: No such file or directory"));
    rows.push_back(withModel("cli.evaluate-road-percentile-100", "evaluate road-morf --percentiles 50,100 (all pixels)",
                             "evaluate road-morf --model DIR/model.safetensors --images DIR/images.safetensors "
                             "--percentiles 50,100 --out DIR/r.safetensors",
                             2, "bcos evaluate: --percentiles must lie in (0, 100), got 100"));
    rows.push_back(withModel("cli.evaluate-gridpg-threshold", "evaluate gridpg --threshold 1 (no confidence is above)",
                             "evaluate gridpg --model DIR/model.safetensors --images DIR/images.safetensors --grid 2 "
                             "--threshold 1 --out DIR/g.safetensors",
                             2, "bcos evaluate: --threshold must be at least 0 and below 1 (a sigmoid confidence), "
                             "got 1"));
    rows.push_back(withModel("cli.evaluate-bad-percentiles", "evaluate road-lerf --percentiles 10:20",
                             "evaluate road-lerf --model DIR/model.safetensors --images DIR/images.safetensors "
                             "--percentiles 10:20 --out DIR/r.safetensors",
                             2, "bcos evaluate: --percentiles expects numbers separated by commas, got '10:20'"));
    rows.push_back(withModel("cli.evaluate-deletion-patch-size", "evaluate deletion --patch 3 on 8 x 8 inputs",
                             "evaluate deletion --model DIR/model.safetensors --images DIR/images.safetensors --patch 3 "
                             "--out DIR/r.safetensors",
                             1, "bcos evaluate: deletion: the 8 x 8 maps are not divisible into 3 x 3 patches"));
    rows.push_back(usage("cli.train-no-mode", "train without --mode",
                         "train --arch resnet18 --data x --epochs 1 --out r",
                         "bcos train: missing required option --mode"));
    rows.push_back(
        usage("cli.train-bad-mode", "train --mode sideways (a core argument error: status 1)",
              "train --mode sideways --arch resnet18 --data x --epochs 1 --out r",
              "bcos train: unknown training mode 'sideways' (expected pretrain, bcosify, scratch, clip-distill or distill)"));
    rows.back().status = 1;
    rows.push_back(usage("cli.train-negative-epochs", "train --epochs -1",
                         "train --mode scratch --arch simplecnn --data x --epochs -1 --out r",
                         "bcos train: --epochs must be a positive number, got -1"));
    rows.push_back(usage("cli.train-nan-lr", "train --lr nan (no option takes nan or inf)",
                         "train --mode scratch --arch simplecnn --data x --epochs 1 --out r --lr nan",
                         "bcos train: option --lr expects a finite number, got 'nan'"));
    rows.push_back(usage("cli.train-epochs-beyond-64-bits", "train --epochs 99999999999999999999",
                         "train --mode scratch --arch simplecnn --data x --epochs 99999999999999999999 --out r",
                         "bcos train: option --epochs expects an integer, got '99999999999999999999' (out of range)"));
    rows.push_back(usage("cli.train-negative-workers", "train --workers -2",
                         "train --mode scratch --arch simplecnn --data x --epochs 1 --out r --workers -2",
                         "bcos train: --workers must be from 0 to 256, got -2"));
    rows.push_back(usage("cli.train-val-fraction", "train --val-fraction 1.5 (a share of the images)",
                         "train --mode scratch --arch simplecnn --data x --epochs 1 --out r --val-fraction 1.5",
                         "bcos train: --val-fraction must be at least 0 and below 1, got 1.5"));
    rows.push_back(usage("cli.convert-b-below-one", "convert --b 0.5 (B-cos needs B >= 1)",
                         "convert --arch resnet18 --weights w.pth --out m.safetensors --b 0.5",
                         "bcos convert: --b must be at least 1, got 0.5"));
    rows.push_back(usage("cli.doctor-extra-argument", "doctor with an argument", "doctor now",
                         "bcos doctor: takes no arguments (see bcos doctor --help)"));
    return rows;
}

std::vector<BadInputCase> badInputCatalogue()
{
    std::vector<BadInputCase> all;
    for (auto part : {weightsFileCases(), modelFileCases(), dataFileCases(), commandLineCases()})
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    return all;
}

} // namespace bcos::test
