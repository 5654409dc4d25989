<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FigureLayout</name>
    <message>
        <source>per image: %1 to %2</source>
        <translation>pro Bild: %1 bis %2</translation>
    </message>
    <message>
        <source>per image</source>
        <translation>pro Bild</translation>
    </message>
</context>
<context>
    <name>GridExporter</name>
    <message>
        <source>not computed</source>
        <translation>nicht berechnet</translation>
    </message>
</context>
<context>
    <name>ImageListCommand</name>
    <message numerus="yes">
        <source>Add %n image(s)</source>
        <translation>
            <numerusform>%n Bild hinzufügen</numerusform>
            <numerusform>%n Bilder hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>%n Bild entfernen</numerusform>
            <numerusform>%n Bilder entfernen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 training images, %2 validation images on %3 (%4)</source>
        <translation>%1 Trainingsbilder, %2 Validierungsbilder auf %3 (%4)</translation>
    </message>
    <message>
        <source>model written to %1</source>
        <translation>Modell nach %1 geschrieben</translation>
    </message>
</context>
<context>
    <name>VersionInfo</name>
    <message>
        <source>CUDA: built in, no usable device</source>
        <translation>CUDA: eingebaut, kein nutzbares Gerät</translation>
    </message>
    <message>
        <source>CUDA: not available (CPU-only LibTorch)</source>
        <translation>CUDA: nicht verfügbar (LibTorch nur für CPU)</translation>
    </message>
    <message>
        <source>B-cos Studio %1</source>
        <translation>B-cos Studio %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (gebaut mit %2)</translation>
    </message>
    <message>
        <source>LibTorch %1</source>
        <translation>LibTorch %1</translation>
    </message>
    <message>
        <source>OpenCV %1</source>
        <translation>OpenCV %1</translation>
    </message>
    <message>
        <source>CUDA: available (%1 device(s); CUDA %2, cuDNN %3)</source>
        <translation>CUDA: verfügbar (%1 Gerät(e); CUDA %2, cuDNN %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <source>%1, %2 GiB</source>
        <translation>%1, %2 GiB</translation>
    </message>
    <message>
        <source>CUDA device %1</source>
        <translation>CUDA-Gerät %1</translation>
    </message>
    <message>
        <source>The preferred device %1 is not on this machine; using %2.</source>
        <translation>Das bevorzugte Gerät %1 gibt es auf diesem Rechner nicht; %2 wird verwendet.</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ArchitectureDialog</name>
    <message>
        <source>Architecture of %1</source>
        <translation>Architektur von %1</translation>
    </message>
    <message>
        <source>ImageNet</source>
        <translation>ImageNet</translation>
    </message>
    <message>
        <source>CLIP</source>
        <translation>CLIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>optional: one class name per line</source>
        <translation>optional: ein Klassenname pro Zeile</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>Klassen:</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>Vorverarbeitung:</translation>
    </message>
    <message>
        <source>Mean (R, G, B):</source>
        <translation>Mittelwert (R, G, B):</translation>
    </message>
    <message>
        <source>Std (R, G, B):</source>
        <translation>Standardabweichung (R, G, B):</translation>
    </message>
    <message>
        <source>Labels file:</source>
        <translation>Datei mit Klassennamen:</translation>
    </message>
    <message>
        <source>Labels file</source>
        <translation>Datei mit Klassennamen</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>from the weights</source>
        <translation>aus den Gewichten</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::BcosifyDialog</name>
    <message>
        <source>B-cosify</source>
        <translation>B-cosifizieren</translation>
    </message>
    <message>
        <source>Turns the loaded standard model into a B-cos network (B-cosification, Arya et al., NeurIPS 2024). Fine-tune it afterwards in the Training dock: before fine-tuning its accuracy is low.</source>
        <translation>Macht aus dem geladenen Standardmodell ein B-cos-Netz (B-Cosifizierung, Arya et al., NeurIPS 2024). Danach im Bereich „Training“ feinjustieren: vorher ist seine Genauigkeit gering.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Alignment exponent B:</source>
        <translation>Ausrichtungsexponent B:</translation>
    </message>
    <message>
        <source>How strongly each unit is scaled down for inputs not aligned with its weights; B = 1 is the linear layer, larger B gives sparser, more input-aligned explanations. Paper default: %1.</source>
        <translation>Wie stark jede Einheit für Eingaben abgeschwächt wird, die nicht zu ihren Gewichten ausgerichtet sind; B = 1 ist die lineare Schicht, größeres B gibt dünnere, stärker an der Eingabe ausgerichtete Erklärungen. Standard im Paper: %1.</translation>
    </message>
    <message>
        <source>Keep biases</source>
        <translation>Biases behalten</translation>
    </message>
    <message>
        <source>Keeps the (folded) biases of convolutions and norms. Without them the model is dynamic linear and W(x)x sums to the logit. Paper default: %1 (biases removed).</source>
        <translation>Behält die (eingefalteten) Biases der Faltungen und Normierungen. Ohne sie ist das Modell dynamisch linear und W(x)x summiert sich zum Logit. Standard im Paper: %1 (Biases entfernt).</translation>
    </message>
    <message>
        <source>Mean-free input</source>
        <translation>Mittelwertfreie Eingabe</translation>
    </message>
    <message>
        <source>Normalises the [x, 1−x] input with mean 0, so the network is exactly dynamic linear in the raw image. Default: %1 (the dataset mean is subtracted).</source>
        <translation>Normiert die Eingabe [x, 1−x] mit Mittelwert 0, sodass das Netz im Rohbild exakt dynamisch linear ist. Standard: %1 (der Mittelwert des Datensatzes wird abgezogen).</translation>
    </message>
    <message>
        <source>Max-out units:</source>
        <translation>Max-out-Einheiten:</translation>
    </message>
    <message>
        <source>Each output is the maximum of this many B-cos units (units are copied, so the converted function is unchanged; more parameters to fine-tune). Paper default: %1.</source>
        <translation>Jede Ausgabe ist das Maximum so vieler B-cos-Einheiten (die Einheiten werden kopiert, die umgewandelte Funktion bleibt gleich; mehr Parameter zum Feinjustieren). Standard im Paper: %1.</translation>
    </message>
    <message>
        <source>Keep max-pooling</source>
        <translation>Max-Pooling behalten</translation>
    </message>
    <message>
        <source>Keeps max-pooling instead of replacing it by average pooling (max-pooling is not dynamic linear; useful for B = 1 checks). Paper default: %1 (replaced).</source>
        <translation>Behält das Max-Pooling, statt es durch Average-Pooling zu ersetzen (Max-Pooling ist nicht dynamisch linear; nützlich für Prüfungen mit B = 1). Standard im Paper: %1 (ersetzt).</translation>
    </message>
    <message>
        <source>Counting the layers that change…</source>
        <translation>Die sich ändernden Schichten werden gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%n convolution(s)</source>
        <translation>
            <numerusform>%n Faltung</numerusform>
            <numerusform>%n Faltungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n linear layer(s)</source>
        <translation>
            <numerusform>%n lineare Schicht</numerusform>
            <numerusform>%n lineare Schichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n norm layer(s)</source>
        <translation>
            <numerusform>%n Normierungsschicht</numerusform>
            <numerusform>%n Normierungsschichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n max-pool(s) → average pool</source>
        <translation>
            <numerusform>%n Max-Pooling → Average-Pooling</numerusform>
            <numerusform>%n Max-Poolings → Average-Pooling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other layer(s)</source>
        <translation>
            <numerusform>%n andere Schicht</numerusform>
            <numerusform>%n andere Schichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) of the loaded model will change: %1.</source>
        <translation>
            <numerusform>%n Schicht des geladenen Modells ändert sich: %1.</numerusform>
            <numerusform>%n Schichten des geladenen Modells ändern sich: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Could not count the layers that change: %1</source>
        <translation>Die sich ändernden Schichten konnten nicht gezählt werden: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::BrowserFilterBar</name>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Incorrect</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Ohne Label</translation>
    </message>
    <message>
        <source>Correct/incorrect compare the model&apos;s prediction with the label of images opened from a dataset split</source>
        <translation>Richtig/Falsch vergleicht die Vorhersage des Modells mit dem Label von Bildern, die aus einer Teilmenge eines Datensatzes geöffnet wurden</translation>
    </message>
    <message>
        <source>Order added</source>
        <translation>Reihenfolge des Hinzufügens</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Confidence (high first)</source>
        <translation>Konfidenz (hohe zuerst)</translation>
    </message>
    <message>
        <source>Confidence (low first)</source>
        <translation>Konfidenz (niedrige zuerst)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>Sortieren:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Predicted:</source>
        <translation>Vorhergesagt:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>Beliebiges Label</translation>
    </message>
    <message>
        <source>Any prediction</source>
        <translation>Beliebige Vorhersage</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>%1 von %n Bild angezeigt</numerusform>
            <numerusform>%1 von %n Bildern angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Whose predictions the list shows, sorts and filters by</source>
        <translation>Wessen Vorhersagen die Liste zeigt, sortiert und filtert</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>Value (high first)</source>
        <translation>Wert (hohe zuerst)</translation>
    </message>
    <message>
        <source>Value (low first)</source>
        <translation>Wert (niedrige zuerst)</translation>
    </message>
    <message>
        <source>Confidence: the probability of the predicted class; Value: the per-image value chosen below (a metric or the agreement of two methods)</source>
        <translation>Konfidenz: die Wahrscheinlichkeit der vorhergesagten Klasse; Wert: der unten gewählte Wert pro Bild (eine Metrik oder die Übereinstimmung zweier Methoden)</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>A per-image value from an explanation store or the Metrics view: sort by it (Sort: Value) and show only the images within min..max (empty: no bound). Low agreement/A~B: the two methods disagree</source>
        <translation>Ein Wert pro Bild aus einem Erklärungsspeicher oder dem Bereich „Metriken“: danach sortieren (Sortieren: Wert) und nur die Bilder innerhalb von min..max anzeigen (leer: keine Grenze). Niedriges agreement/A~B: die beiden Methoden stimmen nicht überein</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ClipPromptController</name>
    <message>
        <source>load a B-cos CLIP model (File &gt; Open Model)</source>
        <translation>ein B-cos-CLIP-Modell laden (Datei &gt; Modell öffnen)</translation>
    </message>
    <message>
        <source>the loaded model is not a CLIP model; text prompts need a B-cosified CLIP model</source>
        <translation>das geladene Modell ist kein CLIP-Modell; Text-Prompts erfordern ein B-cosifiziertes CLIP-Modell</translation>
    </message>
    <message>
        <source>the CLIP model file has no text tower to encode prompts</source>
        <translation>die CLIP-Modelldatei enthält keinen Text-Encoder zum Kodieren der Prompts</translation>
    </message>
    <message>
        <source>needs CLIP&apos;s BPE vocabulary (bpe_simple_vocab_16e6.txt.gz): choose it in the Text prompts panel</source>
        <translation>erfordert das BPE-Vokabular von CLIP (bpe_simple_vocab_16e6.txt.gz): im Bereich „Text-Prompts“ auswählen</translation>
    </message>
    <message>
        <source>BPE vocabulary %1 not found: choose bpe_simple_vocab_16e6.txt.gz in the Text prompts panel</source>
        <translation>BPE-Vokabular %1 nicht gefunden: bpe_simple_vocab_16e6.txt.gz im Bereich „Text-Prompts“ auswählen</translation>
    </message>
    <message>
        <source>cannot read the BPE vocabulary: %1</source>
        <translation>BPE-Vokabular kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>invalid templates: %1</source>
        <translation>ungültige Vorlagen: %1</translation>
    </message>
    <message>
        <source>CLIP: %1</source>
        <translation>CLIP: %1</translation>
    </message>
    <message>
        <source>CLIP text localisation</source>
        <translation>CLIP-Textlokalisierung</translation>
    </message>
    <message>
        <source>CLIP: %1 (%2 of %3)</source>
        <translation>CLIP: %1 (%2 von %3)</translation>
    </message>
    <message>
        <source>Cosine power %1</source>
        <translation>Kosinus-Potenz %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ClipPromptPanel</name>
    <message>
        <source>Prompts (one grid column each)</source>
        <translation>Prompts (je eine Rasterspalte)</translation>
    </message>
    <message>
        <source>e.g. a photo of a dog</source>
        <translation>z. B. a photo of a dog</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Prompt templates ({} = the prompt; the embeddings are averaged)</source>
        <translation>Prompt-Vorlagen ({} = der Prompt; die Einbettungen werden gemittelt)</translation>
    </message>
    <message>
        <source>None: the prompt as written</source>
        <translation>Keine: der Prompt wie eingegeben</translation>
    </message>
    <message>
        <source>CLIP&apos;s 80 ImageNet templates</source>
        <translation>Die 80 ImageNet-Vorlagen von CLIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>one template per line, e.g. a photo of a {}.</source>
        <translation>eine Vorlage pro Zeile, z. B. a photo of a {}.</translation>
    </message>
    <message>
        <source>Apply templates</source>
        <translation>Vorlagen anwenden</translation>
    </message>
    <message>
        <source>bpe_simple_vocab_16e6.txt.gz (from OpenAI&apos;s CLIP)</source>
        <translation>bpe_simple_vocab_16e6.txt.gz (aus CLIP von OpenAI)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>BPE vocabulary:</source>
        <translation>BPE-Vokabular:</translation>
    </message>
    <message>
        <source>p = 0: the best-matching location only; p = 1: the mean cosine; larger p focuses on the locations that match the prompt best</source>
        <translation>p = 0: nur die am besten passende Stelle; p = 1: der mittlere Kosinus; ein größeres p konzentriert sich auf die Stellen, die am besten zum Prompt passen</translation>
    </message>
    <message>
        <source>Cosine power:</source>
        <translation>Kosinus-Potenz:</translation>
    </message>
    <message>
        <source>CLIP BPE vocabulary</source>
        <translation>CLIP-BPE-Vokabular</translation>
    </message>
    <message>
        <source>CLIP BPE merges (*.txt.gz *.txt);;All files (*)</source>
        <translation>CLIP-BPE-Merges (*.txt.gz *.txt);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n prompt(s).</source>
        <translation>
            <numerusform>Bereit: %n Prompt.</numerusform>
            <numerusform>Bereit: %n Prompts.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text prompts unavailable: %1</source>
        <translation>Text-Prompts nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ComparisonView</name>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (+, wheel)</source>
        <translation>Vergrößern (+, Mausrad)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (-, wheel)</source>
        <translation>Verkleinern (-, Mausrad)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the image into the panes (0)</source>
        <translation>Das Bild in die Felder einpassen (0)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Tatsächliche Pixel (1)</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Choose the grid columns shown side by side</source>
        <translation>Die nebeneinander gezeigten Rasterspalten wählen</translation>
    </message>
    <message>
        <source>Compare — %1</source>
        <translation>Vergleich — %1</translation>
    </message>
    <message>
        <source>No image: choose Compare on a grid row</source>
        <translation>Kein Bild: in einer Rasterzeile „Vergleichen“ wählen</translation>
    </message>
    <message>
        <source>The grid has no column “%1”</source>
        <translation>Das Raster hat keine Spalte „%1“</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::Document</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Could not load model %1: %2</source>
        <translation>Modell %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Loading images</source>
        <translation>Bilder werden geladen</translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>%1 konnte nicht hinzugefügt werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n non-image file(s) in the folder(s).</source>
        <translation>
            <numerusform>%n Datei ohne Bildinhalt in den Ordnern übersprungen.</numerusform>
            <numerusform>%n Dateien ohne Bildinhalt in den Ordnern übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image(s).</source>
        <translation>
            <numerusform>%n Bild hinzugefügt.</numerusform>
            <numerusform>%n Bilder hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>%n Bild entfernen</numerusform>
            <numerusform>%n Bilder entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading model %1…</source>
        <translation>Modell %1 wird geladen…</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Loaded model %1 (%2, %3 classes, %4)</source>
        <translation>Modell %1 geladen (%2, %3 Klassen, %4)</translation>
    </message>
    <message>
        <source>unknown family</source>
        <translation>unbekannte Familie</translation>
    </message>
    <message>
        <source>B-cos</source>
        <translation>B-cos</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>W(x)x</source>
        <translation>W(x)x</translation>
    </message>
    <message>
        <source>needs a B-cos model</source>
        <translation>erfordert ein B-cos-Modell</translation>
    </message>
    <message>
        <source>Cosine-power</source>
        <translation>Kosinus-Potenz</translation>
    </message>
    <message>
        <source>needs a B-cos ViT/CLIP model</source>
        <translation>erfordert ein B-cos-ViT/CLIP-Modell</translation>
    </message>
    <message>
        <source>Demo: the first 16 Fashion-MNIST test images from %1.</source>
        <translation>Demo: die ersten 16 Fashion-MNIST-Testbilder aus %1.</translation>
    </message>
    <message>
        <source>Demo: Fashion-MNIST not found in %1; adding synthetic test patterns instead (no model was trained on them).</source>
        <translation>Demo: Fashion-MNIST nicht in %1 gefunden; stattdessen werden synthetische Testmuster hinzugefügt (kein Modell wurde darauf trainiert).</translation>
    </message>
    <message>
        <source>B-cosifying %1 with B = %2…</source>
        <translation>%1 wird mit B = %2 B-cosifiziert…</translation>
    </message>
    <message>
        <source>B-cosifying the model</source>
        <translation>Modell wird B-cosifiziert</translation>
    </message>
    <message>
        <source>B-cosified: %1</source>
        <translation>B-cosifiziert: %1</translation>
    </message>
    <message>
        <source>B-cosify the model first</source>
        <translation>Zuerst das Modell B-cosifizieren</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <source>GradCAM (original)</source>
        <translation>GradCAM (Original)</translation>
    </message>
    <message>
        <source>needs a standard model</source>
        <translation>erfordert ein Standardmodell</translation>
    </message>
    <message>
        <source>GradCAM (B-cos)</source>
        <translation>GradCAM (B-cos)</translation>
    </message>
    <message>
        <source>Input×Gradient (B-cos)</source>
        <translation>Eingabe×Gradient (B-cos)</translation>
    </message>
    <message>
        <source>Integrated Gradients (B-cos)</source>
        <translation>Integrierte Gradienten (B-cos)</translation>
    </message>
    <message numerus="yes">
        <source>Adding the first %n image(s) of the %1 split of %2.</source>
        <translation>
            <numerusform>%n Bild vom Anfang der Teilmenge „%1“ von %2 wird hinzugefügt.</numerusform>
            <numerusform>Die ersten %n Bilder der Teilmenge „%1“ von %2 werden hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Loaded CLIP model %1 (%2; %3)</source>
        <translation>CLIP-Modell %1 geladen (%2; %3)</translation>
    </message>
    <message>
        <source>with text tower</source>
        <translation>mit Text-Encoder</translation>
    </message>
    <message>
        <source>no text tower</source>
        <translation>ohne Text-Encoder</translation>
    </message>
    <message>
        <source>B-cosified on load, not fine-tuned</source>
        <translation>beim Laden B-cosifiziert, nicht feinjustiert</translation>
    </message>
    <message>
        <source>needs a classifier; CLIP: use text prompts</source>
        <translation>erfordert einen Klassifikator; CLIP: Text-Prompts verwenden</translation>
    </message>
    <message>
        <source>CLIP: one column per text prompt</source>
        <translation>CLIP: eine Spalte pro Text-Prompt</translation>
    </message>
    <message>
        <source>Counting the layers B-cosify changes</source>
        <translation>Die beim B-Cosifizieren geänderten Schichten werden gezählt</translation>
    </message>
    <message>
        <source>Opening the model of run %1…</source>
        <translation>Öffne das Modell des Laufs %1…</translation>
    </message>
    <message>
        <source>Loading the run&apos;s model</source>
        <translation>Lade das Modell des Laufs</translation>
    </message>
    <message>
        <source>Run %1 holds a CLIP model; open it with File &gt; Open.</source>
        <translation>Lauf %1 enthält ein CLIP-Modell; öffnen Sie es mit Datei &gt; Öffnen.</translation>
    </message>
    <message>
        <source>Fine-tuned model of run %1: %2</source>
        <translation>Feinabgestimmtes Modell des Laufs %1: %2</translation>
    </message>
    <message>
        <source>Loading model %1 and its fine-tuned version %2…</source>
        <translation>Lade Modell %1 und seine feinabgestimmte Version %2…</translation>
    </message>
    <message>
        <source>Fine-tuned model of %1: %2</source>
        <translation>Feinabgestimmtes Modell von %1: %2</translation>
    </message>
    <message>
        <source>the run fine-tuned a standard network: no W(x)x</source>
        <translation>der Lauf hat ein Standardnetz feinabgestimmt: kein W(x)x</translation>
    </message>
    <message>
        <source>W(x)x (fine-tuned)</source>
        <translation>W(x)x (feinabgestimmt)</translation>
    </message>
    <message>
        <source>Contributions (fine-tuned)</source>
        <translation>Beiträge (feinabgestimmt)</translation>
    </message>
    <message>
        <source>GradCAM (fine-tuned)</source>
        <translation>GradCAM (feinabgestimmt)</translation>
    </message>
    <message>
        <source>W(x)x (before fine-tuning)</source>
        <translation>W(x)x (vor der Feinabstimmung)</translation>
    </message>
    <message>
        <source>Contributions (before fine-tuning)</source>
        <translation>Beiträge (vor der Feinabstimmung)</translation>
    </message>
    <message>
        <source>Opening explanation store %1…</source>
        <translation>Erklärungsspeicher %1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Opening explanation store</source>
        <translation>Erklärungsspeicher wird geöffnet</translation>
    </message>
    <message>
        <source>Could not open explanation store %1: its model %2 is not a classifier</source>
        <translation>Erklärungsspeicher %1 konnte nicht geöffnet werden: sein Modell %2 ist kein Klassifikator</translation>
    </message>
    <message>
        <source>explanation store %1</source>
        <translation>Erklärungsspeicher %1</translation>
    </message>
    <message numerus="yes">
        <source>Opened explanation store %1: %n image(s), methods %2, %3 per-image value(s)%4.</source>
        <translation>
            <numerusform>Erklärungsspeicher %1 geöffnet: %n Bild, Methoden %2, %3 Wert(e) pro Bild%4.</numerusform>
            <numerusform>Erklärungsspeicher %1 geöffnet: %n Bilder, Methoden %2, %3 Wert(e) pro Bild%4.</numerusform>
        </translation>
    </message>
    <message>
        <source> (incomplete: its run was stopped)</source>
        <translation> (unvollständig: sein Lauf wurde abgebrochen)</translation>
    </message>
    <message>
        <source>Could not read %1 again: %2</source>
        <translation>%1 konnte nicht erneut gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not move the models to %1: %2</source>
        <translation>Die Modelle konnten nicht nach %1 verschoben werden: %2</translation>
    </message>
    <message>
        <source>Moving the models to %1</source>
        <translation>Modelle werden nach %1 verschoben</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExplanationGridModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1
(%2)</source>
        <translation>%1
(%2)</translation>
    </message>
    <message>
        <source>%1 is not available: %2</source>
        <translation>%1 ist nicht verfügbar: %2</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>%1
Top classes:
%2</source>
        <translation>%1
Wahrscheinlichste Klassen:
%2</translation>
    </message>
    <message>
        <source>%1: %2 %3 %</source>
        <translation>%1: %2 %3 %</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>B-cos</source>
        <translation>B-cos</translation>
    </message>
    <message>
        <source>Fine-tuned</source>
        <translation>Feinabgestimmt</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExplanationJobs</name>
    <message>
        <source>Explaining: %1</source>
        <translation>Erklärung wird berechnet: %1</translation>
    </message>
    <message>
        <source>Reading stored maps: %1</source>
        <translation>Gespeicherte Karten werden gelesen: %1</translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation>Bilder werden gelesen</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExportDialog</name>
    <message>
        <source>Export grid</source>
        <translation>Raster exportieren</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>all on one page</source>
        <translation>alles auf einer Seite</translation>
    </message>
    <message>
        <source>Image names</source>
        <translation>Bildnamen</translation>
    </message>
    <message>
        <source>Column titles</source>
        <translation>Spaltentitel</translation>
    </message>
    <message>
        <source>Selected cells only</source>
        <translation>Nur ausgewählte Zellen</translation>
    </message>
    <message>
        <source>Write a JSON recipe beside the file</source>
        <translation>Ein JSON-Rezept neben die Datei schreiben</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <source>PDF rows per page:</source>
        <translation>PDF-Zeilen pro Seite:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Beschriftungen:</translation>
    </message>
    <message>
        <source>Cells at their exact pixels</source>
        <translation>Zellen mit ihren exakten Pixeln</translation>
    </message>
    <message>
        <source>Single column (%1 in)</source>
        <translation>Einspaltig (%1 in)</translation>
    </message>
    <message>
        <source>Double column (%1 in)</source>
        <translation>Zweispaltig (%1 in)</translation>
    </message>
    <message>
        <source>A paper column: the figure is exactly that wide, so the fonts keep their point size when it is included at \linewidth.</source>
        <translation>Eine Spalte eines Papers: die Abbildung ist genau so breit, damit die Schriften ihre Punktgröße behalten, wenn sie mit \linewidth eingebunden wird.</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Class and confidence under the names</source>
        <translation>Klasse und Konfidenz unter den Namen</translation>
    </message>
    <message>
        <source>Colour bars with the value range (signed maps)</source>
        <translation>Farbbalken mit dem Wertebereich (vorzeichenbehaftete Karten)</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>Schriftgröße:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>as computed</source>
        <translation>wie berechnet</translation>
    </message>
    <message>
        <source>Exact pixels: small cells are enlarged by a whole factor (pixels stay blocks) to at least this side.</source>
        <translation>Exakte Pixel: kleine Zellen werden um einen ganzzahligen Faktor (Pixel bleiben Blöcke) auf mindestens diese Seitenlänge vergrößert.</translation>
    </message>
    <message>
        <source>Smallest cell:</source>
        <translation>Kleinste Zelle:</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageBrowser</name>
    <message>
        <source>Drop images or folders here</source>
        <translation>Bilder oder Ordner hier ablegen</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageListModel</name>
    <message>
        <source>%1
%2 × %3 pixels</source>
        <translation>%1
%2 × %3 Pixel</translation>
    </message>
    <message>
        <source>
Label: %1</source>
        <translation>
Label: %1</translation>
    </message>
    <message>
        <source>
Predicted: %1 (%2 %)</source>
        <translation>
Vorhergesagt: %1 (%2 %)</translation>
    </message>
    <message>
        <source>
Unreadable: %1</source>
        <translation>
Nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageValuesTableModel</name>
    <message>
        <source>left out: the map is all zero</source>
        <translation>ausgelassen: die Karte ist überall null</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>%1 of %2: higher is better</source>
        <translation>%1 von %2: höher ist besser</translation>
    </message>
    <message>
        <source>%1 of %2: lower is better</source>
        <translation>%1 von %2: niedriger ist besser</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::LogModel</name>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MainWindow</name>
    <message>
        <source>B-cos Studio</source>
        <translation>B-cos Studio</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>CUDA (not available on this machine)</source>
        <translation>CUDA (auf diesem Rechner nicht verfügbar)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Could not load %1</source>
        <translation>%1 konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Labels file</source>
        <translation>Datei mit Klassennamen</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>Model weights (*.safetensors *.pth *.pt *.ckpt);;All files (*)</source>
        <translation>Modellgewichte (*.safetensors *.pth *.pt *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Export grid</source>
        <translation>Raster exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Copied the grid to the clipboard</source>
        <translation>Raster in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>About B-cos Studio</source>
        <translation>Über B-cos Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;B-cos Studio&lt;/h3&gt;&lt;p&gt;Inherently interpretable B-cos networks: convert, train, explain.&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;h3&gt;B-cos Studio&lt;/h3&gt;&lt;p&gt;Inhärent interpretierbare B-cos-Netze: konvertieren, trainieren, erklären.&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Explain: </source>
        <translation>Erklären: </translation>
    </message>
    <message>
        <source>Demo: the demo model fashion-mnist-densenet.safetensors was not found ($BCOS_DEMO_MODEL, &lt;install&gt;/share/bcos-studio/demo, resources/demo); loading the images only.</source>
        <translation>Demo: das Demomodell fashion-mnist-densenet.safetensors wurde nicht gefunden ($BCOS_DEMO_MODEL, &lt;install&gt;/share/bcos-studio/demo, resources/demo); es werden nur die Bilder geladen.</translation>
    </message>
    <message>
        <source>B-cosify</source>
        <translation>B-cosifizieren</translation>
    </message>
    <message>
        <source>Load a standard (non-B-cos) model first.</source>
        <translation>Zuerst ein Standardmodell (kein B-cos-Modell) laden.</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Pointing game</source>
        <translation>Pointing-Game</translation>
    </message>
    <message>
        <source>Text prompts</source>
        <translation>Text-Prompts</translation>
    </message>
    <message>
        <source>Open &amp;dataset split…</source>
        <translation>&amp;Teilmenge eines Datensatzes öffnen…</translation>
    </message>
    <message>
        <source>Open dataset split (MNIST/Fashion-MNIST IDX or CIFAR)</source>
        <translation>Teilmenge eines Datensatzes öffnen (MNIST/Fashion-MNIST-IDX oder CIFAR)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Dataset split</source>
        <translation>Teilmenge des Datensatzes</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Teilmenge:</translation>
    </message>
    <message>
        <source>Number of images (the first ones):</source>
        <translation>Anzahl der Bilder (die ersten):</translation>
    </message>
    <message>
        <source>&amp;Compare Original and B-cosified</source>
        <translation>Original und B-cosifiziert &amp;vergleichen</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Show the current image&apos;s maps side by side, zoomed and panned together</source>
        <translation>Die Karten des aktuellen Bildes nebeneinander zeigen, gemeinsam gezoomt und verschoben</translation>
    </message>
    <message>
        <source>Compare Original and B-cosified…</source>
        <translation>Original und B-cosifiziert vergleichen…</translation>
    </message>
    <message>
        <source>Demo CLIP: fashion-mnist-clip.safetensors was not found (&lt;install&gt;/share/bcos-studio/demo, resources/demo).</source>
        <translation>Demo-CLIP: fashion-mnist-clip.safetensors wurde nicht gefunden (&lt;install&gt;/share/bcos-studio/demo, resources/demo).</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>the demo</source>
        <translation>die Demo</translation>
    </message>
    <message>
        <source>cuda:%1 — %2</source>
        <translation>cuda:%1 — %2</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Open e&amp;xplanation store…</source>
        <translation>Erklärungs&amp;speicher öffnen…</translation>
    </message>
    <message>
        <source> (lower is better)</source>
        <translation> (niedriger ist besser)</translation>
    </message>
    <message>
        <source>Open explanation store (a folder written by bcos explain --out FOLDER/)</source>
        <translation>Erklärungsspeicher öffnen (ein von bcos explain --out FOLDER/ geschriebener Ordner)</translation>
    </message>
    <message>
        <source>All %1 GPUs of this machine (one rank each)</source>
        <translation>Alle %1 GPUs dieses Rechners (je ein Rang)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>der CPU</translation>
    </message>
    <message>
        <source>Explanations, predictions and CLIP prompt maps run on %1.</source>
        <translation>Erklärungen, Vorhersagen und CLIP-Prompt-Karten laufen auf %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (cuda:%2 of %n GPUs)</source>
        <translation>
            <numerusform>%1 (cuda:%2 von %n GPU)</numerusform>
            <numerusform>%1 (cuda:%2 von %n GPUs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MetricsPanel</name>
    <message>
        <source>W(x)x</source>
        <translation>W(x)x</translation>
    </message>
    <message>
        <source>GradCAM</source>
        <translation>GradCAM</translation>
    </message>
    <message>
        <source>Input×Gradient</source>
        <translation>Eingabe×Gradient</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>Integrierte Gradienten</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Insertion</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>ROAD MoRF</source>
        <translation>ROAD MoRF</translation>
    </message>
    <message>
        <source>ROAD LeRF</source>
        <translation>ROAD LeRF</translation>
    </message>
    <message>
        <source>Average drop</source>
        <translation>Durchschnittlicher Abfall</translation>
    </message>
    <message>
        <source>Increase in confidence</source>
        <translation>Anstieg der Konfidenz</translation>
    </message>
    <message>
        <source>Sparseness (Gini)</source>
        <translation>Sparsität (Gini)</translation>
    </message>
    <message>
        <source>Complexity (entropy)</source>
        <translation>Komplexität (Entropie)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <source>Explain every image with each checked method on the selected model and score the maps (the predicted class; the same values as bcos explain --out STORE/ --metrics)</source>
        <translation>Jedes Bild mit jeder aktivierten Methode am gewählten Modell erklären und die Karten bewerten (die vorhergesagte Klasse; dieselben Werte wie bcos explain --out STORE/ --metrics)</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>Besser</translation>
    </message>
    <message>
        <source>Click a column header to sort by it; click an image to select it in the browser</source>
        <translation>Auf eine Spaltenüberschrift klicken, um danach zu sortieren; auf ein Bild klicken, um es in der Bildliste auszuwählen</translation>
    </message>
    <message>
        <source>W(x)x needs a B-cos model (select it in the browser&apos;s Model choice)</source>
        <translation>W(x)x erfordert ein B-cos-Modell (in der Modellauswahl der Bildliste auswählen)</translation>
    </message>
    <message>
        <source>Open a classifier model and images, then Compute.</source>
        <translation>Einen Klassifikator und Bilder öffnen, dann „Berechnen“.</translation>
    </message>
    <message>
        <source>Add images (or open an explanation store), then Compute.</source>
        <translation>Bilder hinzufügen (oder einen Erklärungsspeicher öffnen), dann „Berechnen“.</translation>
    </message>
    <message numerus="yes">
        <source>Compute scores the checked methods on all %n image(s) with %1.</source>
        <translation>
            <numerusform>„Berechnen“ bewertet die aktivierten Methoden auf %n Bild mit %1.</numerusform>
            <numerusform>„Berechnen“ bewertet die aktivierten Methoden auf allen %n Bildern mit %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>computed on %n image(s) with %1</source>
        <translation>
            <numerusform>auf %n Bild mit %1 berechnet</numerusform>
            <numerusform>auf %n Bildern mit %1 berechnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing on %n image(s)…</source>
        <translation>
            <numerusform>Berechnung auf %n Bild…</numerusform>
            <numerusform>Berechnung auf %n Bildern…</numerusform>
        </translation>
    </message>
    <message>
        <source>Computing metrics</source>
        <translation>Metriken werden berechnet</translation>
    </message>
    <message numerus="yes">
        <source>Metrics on %n image(s)</source>
        <translation>
            <numerusform>Metriken für %n Bild</numerusform>
            <numerusform>Metriken für %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Computing the metrics failed: %1</source>
        <translation>Berechnung der Metriken fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled; the values shown are the previous ones.</source>
        <translation>Abgebrochen; die angezeigten Werte sind die vorherigen.</translation>
    </message>
    <message numerus="yes">
        <source>Summarising %n image(s)…</source>
        <translation>
            <numerusform>%n Bild wird zusammengefasst…</numerusform>
            <numerusform>%n Bilder werden zusammengefasst…</numerusform>
        </translation>
    </message>
    <message>
        <source>Summarising metrics</source>
        <translation>Metriken werden zusammengefasst</translation>
    </message>
    <message>
        <source>%1 .. %2</source>
        <translation>%1 .. %2</translation>
    </message>
    <message>
        <source>%1 (%2 left out)</source>
        <translation>%1 (%2 ausgelassen)</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>höher</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>niedriger</translation>
    </message>
    <message>
        <source>Values: %1.</source>
        <translation>Werte: %1.</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Metriken als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 geschrieben.</translation>
    </message>
    <message>
        <source>Export metrics figure</source>
        <translation>Abbildung der Metriken exportieren</translation>
    </message>
    <message>
        <source>Figures (*.pdf *.svg *.png)</source>
        <translation>Abbildungen (*.pdf *.svg *.png)</translation>
    </message>
    <message>
        <source>Wrote %1 and its recipe %1.json.</source>
        <translation>%1 und sein Rezept %1.json geschrieben.</translation>
    </message>
    <message>
        <source>Random maps (the floor)</source>
        <translation>Zufällige Karten (die Untergrenze)</translation>
    </message>
    <message>
        <source>Scores seeded random maps (seed 0) beside the checked methods: the floor a method has to beat (the maps of bcos evaluate --method random)</source>
        <translation>Bewertet neben den aktivierten Methoden zufällige Karten mit festem Seed (0): die Untergrenze, die eine Methode übertreffen muss (die Karten von bcos evaluate --method random)</translation>
    </message>
    <message>
        <source>Check at least one explanation method (random maps are scored beside them).</source>
        <translation>Mindestens eine Erklärungsmethode aktivieren (zufällige Karten werden neben ihnen bewertet).</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MetricsPlot</name>
    <message>
        <source>fraction of pixels removed (most relevant first)</source>
        <translation>Anteil entfernter Pixel (relevanteste zuerst)</translation>
    </message>
    <message>
        <source>fraction of pixels inserted (most relevant first)</source>
        <translation>Anteil eingefügter Pixel (relevanteste zuerst)</translation>
    </message>
    <message>
        <source>percentile of pixels imputed</source>
        <translation>Perzentil imputierter Pixel</translation>
    </message>
    <message>
        <source>%1: mean score of the explained class</source>
        <translation>%1: mittlerer Score der erklärten Klasse</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no %1 values yet</source>
        <translation>noch keine Werte für %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MetricsReport</name>
    <message>
        <source>Attribution metrics: %1 images, model %2</source>
        <translation>Attributionsmetriken: %1 Bilder, Modell %2</translation>
    </message>
    <message>
        <source>Values: %1. Mean with its 95 % percentile-bootstrap interval (2000 resamples).</source>
        <translation>Werte: %1. Mittelwert mit seinem 95-%-Perzentil-Bootstrap-Intervall (2000 Resamples).</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>höher</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>niedriger</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>Attribution metrics</source>
        <translation>Attributionsmetriken</translation>
    </message>
    <message>
        <source>%1: cannot write the SVG file</source>
        <translation>%1: die SVG-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF file</source>
        <translation>%1: die PDF-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: unknown figure format &apos;%2&apos; (expected png, svg or pdf)</source>
        <translation>%1: unbekanntes Abbildungsformat „%2“ (erwartet: png, svg oder pdf)</translation>
    </message>
    <message>
        <source>%1: no file was written</source>
        <translation>%1: es wurde keine Datei geschrieben</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PointingGameTool</name>
    <message>
        <source>Pointing game</source>
        <translation>Pointing-Game</translation>
    </message>
    <message>
        <source>Pointing game: drag a box on an Input cell; each view shows the share of its positive attribution inside the box</source>
        <translation>Pointing-Game: ein Rechteck auf einer Eingabe-Zelle aufziehen; jede Ansicht zeigt den Anteil ihrer positiven Attribution innerhalb des Rechtecks</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Positive attribution in box</source>
        <translation>Positive Attribution im Rechteck</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>no box: check &quot;Pointing game&quot; and drag a box on an Input cell</source>
        <translation>kein Rechteck: „Pointing-Game“ aktivieren und ein Rechteck auf einer Eingabe-Zelle aufziehen</translation>
    </message>
    <message>
        <source>%1: x %2, y %3, %4 × %5 px</source>
        <translation>%1: x %2, y %3, %4 × %5 px</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>waiting for the explanation…</source>
        <translation>warte auf die Erklärung…</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PredictionJobs</name>
    <message>
        <source>Predicting classes</source>
        <translation>Klassen werden vorhergesagt</translation>
    </message>
    <message>
        <source>Reading stored predictions</source>
        <translation>Gespeicherte Vorhersagen werden gelesen</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Die Sprache wechselt beim nächsten Start.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Model inputs decoded from the image files are kept up to this size; the least recently used are decoded again when a job needs them. The thumbnails on screen get an eighth of it on top. The status bar shows what is kept.</source>
        <translation>Aus den Bilddateien decodierte Modelleingaben werden bis zu dieser Größe behalten; die am längsten nicht benutzten werden erneut decodiert, wenn eine Aufgabe sie braucht. Die Vorschaubilder auf dem Bildschirm erhalten zusätzlich ein Achtel davon. Die Statusleiste zeigt, was behalten wird.</translation>
    </message>
    <message>
        <source>Memory for decoded images:</source>
        <translation>Speicher für decodierte Bilder:</translation>
    </message>
    <message>
        <source>Replay explanations as CUDA graphs</source>
        <translation>Erklärungen als CUDA-Graphen wiederholen</translation>
    </message>
    <message>
        <source>On a GPU, the second W(x)x explanation of a given image size is captured as one CUDA graph and later ones replay it: one launch instead of hundreds of small kernels.</source>
        <translation>Auf einer GPU wird die zweite W(x)x-Erklärung einer Bildgröße als ein CUDA-Graph aufgezeichnet, spätere spielen ihn ab: ein Start statt Hunderter kleiner Kernel.</translation>
    </message>
    <message>
        <source>Needs a build against a CUDA LibTorch; this one is CPU-only.</source>
        <translation>Benötigt einen Build mit CUDA-LibTorch; dieser läuft nur auf der CPU.</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU:</translation>
    </message>
    <message>
        <source>Automatic: the first GPU</source>
        <translation>Automatisch: die erste GPU</translation>
    </message>
    <message>
        <source>Automatic: the CPU (no GPU)</source>
        <translation>Automatisch: die CPU (keine GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Where explanations, predictions and CLIP prompt maps run. The CPU keeps a GPU free for training; the loaded models move when the dialog is accepted. Training has its own device in the Training dock.</source>
        <translation>Wo Erklärungen, Vorhersagen und CLIP-Prompt-Karten laufen. Die CPU hält eine GPU für das Training frei; die geladenen Modelle werden verschoben, sobald der Dialog bestätigt wird. Das Training hat sein eigenes Gerät im Training-Dock.</translation>
    </message>
    <message>
        <source>Explanations run on:</source>
        <translation>Erklärungen laufen auf:</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::RunsPanel</name>
    <message>
        <source>Open run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Val top-1</source>
        <translation>Val. Top-1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The run&apos;s model joins the grid as the fine-tuned model; its curves go on the chart and its settings into the training form</source>
        <translation>Das Modell des Laufs kommt als feinabgestimmtes Modell ins Raster; seine Kurven ins Diagramm und seine Einstellungen ins Trainingsformular</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>No runs in %1 yet: start one in the Training dock.</source>
        <translation>Noch keine Läufe in %1: starten Sie einen im Trainingsbereich.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%n Lauf in %1</numerusform>
            <numerusform>%n Läufe in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1: not a settings file (%2)</source>
        <translation>%1: keine Einstellungsdatei (%2)</translation>
    </message>
    <message>
        <source>Run %1 has no model, curves or settings to open.</source>
        <translation>Lauf %1 hat kein Modell, keine Kurven und keine Einstellungen zum Öffnen.</translation>
    </message>
    <message>
        <source>Opened run %1: %2</source>
        <translation>Lauf %1 geöffnet: %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StallProbe</name>
    <message>
        <source>%1: cannot write the stall report (%2)</source>
        <translation>%1: der Bericht über Blockaden kann nicht geschrieben werden (%2)</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StatusIndicators</name>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>GPU memory: unknown</source>
        <translation>GPU-Speicher: unbekannt</translation>
    </message>
    <message>
        <source>GPU memory: %1</source>
        <translation>GPU-Speicher: %1</translation>
    </message>
    <message>
        <source>Model inputs decoded from the image files and kept in memory, up to the budget set in Edit &gt; Preferences; the least recently used are decoded again when needed.</source>
        <translation>Aus den Bilddateien decodierte und im Speicher behaltene Modelleingaben, bis zur unter Bearbeiten &gt; Einstellungen festgelegten Grenze; die am längsten nicht benutzten werden bei Bedarf erneut decodiert.</translation>
    </message>
    <message numerus="yes">
        <source>Cache: %Ln input(s) · %1 of %2</source>
        <translation>
            <numerusform>Cache: %Ln Eingabe · %1 von %2</numerusform>
            <numerusform>Cache: %Ln Eingaben · %1 von %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StudioActions</name>
    <message>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Load model weights (.safetensors, .pth, .pt, .ckpt)</source>
        <translation>Modellgewichte laden (.safetensors, .pth, .pt, .ckpt)</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>Bilder ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Add image files</source>
        <translation>Bilddateien hinzufügen</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Add every image in a folder</source>
        <translation>Alle Bilder eines Ordners hinzufügen</translation>
    </message>
    <message>
        <source>Start with the &amp;Demo</source>
        <translation>Mit der &amp;Demo beginnen</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export the grid or the selected cells as PNG, SVG or PDF</source>
        <translation>Das Raster oder die ausgewählten Zellen als PNG, SVG oder PDF exportieren</translation>
    </message>
    <message>
        <source>&amp;Copy Grid</source>
        <translation>Raster &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected cells (or the whole grid) as an image</source>
        <translation>Die ausgewählten Zellen (oder das ganze Raster) als Bild kopieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit B-cos Studio</source>
        <translation>B-cos Studio beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Remove Images</source>
        <translation>Bilder ent&amp;fernen</translation>
    </message>
    <message>
        <source>Remove the selected images</source>
        <translation>Die ausgewählten Bilder entfernen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language and other settings</source>
        <translation>Sprache und weitere Einstellungen</translation>
    </message>
    <message>
        <source>&amp;About B-cos Studio</source>
        <translation>Ü&amp;ber B-cos Studio</translation>
    </message>
    <message>
        <source>Versions and devices</source>
        <translation>Versionen und Geräte</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Qt&apos;s licence and version</source>
        <translation>Lizenz und Version von Qt</translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation>&amp;Zuletzt geöffnete Dateien</translation>
    </message>
    <message>
        <source>Load the demo model and the first Fashion-MNIST test images</source>
        <translation>Das Demomodell und die ersten Fashion-MNIST-Testbilder laden</translation>
    </message>
    <message>
        <source>&amp;B-cosify…</source>
        <translation>&amp;B-cosifizieren…</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>Convert the loaded standard model into a B-cos network (the original is kept)</source>
        <translation>Das geladene Standardmodell in ein B-cos-Netz umwandeln (das Original bleibt erhalten)</translation>
    </message>
    <message>
        <source>Open Demo &amp;CLIP</source>
        <translation>Demo-&amp;CLIP öffnen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Load the demo CLIP (trained on Fashion-MNIST mosaics) and its mosaics; then type a prompt such as &quot;a photo of a sneaker&quot; in the Text prompts panel</source>
        <translation>Das Demo-CLIP (auf Fashion-MNIST-Mosaiken trainiert) und seine Mosaike laden; dann im Bereich „Text-Prompts“ einen Prompt wie &quot;a photo of a sneaker&quot; eingeben</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StudioSession</name>
    <message>
        <source>Training: %1</source>
        <translation>Training: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (pausiert)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Konnte %1 nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TaskRunner</name>
    <message>
        <source>out of memory</source>
        <translation>nicht genügend Arbeitsspeicher</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingChartAdapter</name>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Train accuracy</source>
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>Reference accuracy</source>
        <translation>Referenzgenauigkeit</translation>
    </message>
    <message>
        <source>%1: train loss</source>
        <translation>%1: Trainingsverlust</translation>
    </message>
    <message>
        <source>%1: train accuracy</source>
        <translation>%1: Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>%1: validation accuracy</source>
        <translation>%1: Validierungsgenauigkeit</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingController</name>
    <message>
        <source>Training is not available in this build: the trainer has not been linked in.</source>
        <translation>Training ist in diesem Build nicht verfügbar: der Trainer wurde nicht eingebunden.</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingPanel</name>
    <message>
        <source>Adaptive gradient clipping</source>
        <translation>Adaptives Gradient-Clipping</translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation>32-Bit-Gleitkomma</translation>
    </message>
    <message>
        <source>bfloat16 mixed</source>
        <translation>bfloat16 gemischt</translation>
    </message>
    <message>
        <source>Alignment exponent B:</source>
        <translation>Ausrichtungsexponent B:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Rechengenauigkeit:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <source>IDX (MNIST)</source>
        <translation>IDX (MNIST)</translation>
    </message>
    <message>
        <source>CIFAR-10</source>
        <translation>CIFAR-10</translation>
    </message>
    <message>
        <source>Folder with the dataset</source>
        <translation>Ordner mit dem Datensatz</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>– img/s</source>
        <translation>– Bilder/s</translation>
    </message>
    <message>
        <source>ETA –</source>
        <translation>Restzeit –</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>Ordner des Datensatzes wählen</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>ETA %1:%2:%3</source>
        <translation>Restzeit %1:%2:%3</translation>
    </message>
    <message>
        <source>B-cosify the loaded model</source>
        <translation>Das geladene Modell B-cosifizieren</translation>
    </message>
    <message>
        <source>Fine-tune the loaded model (standard)</source>
        <translation>Das geladene Modell feinjustieren (Standard)</translation>
    </message>
    <message>
        <source>B-cos network from scratch</source>
        <translation>B-cos-Netz von Grund auf</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>Trainingsbilder:</translation>
    </message>
    <message>
        <source>W(x)x of the first four images after each epoch</source>
        <translation>W(x)x der ersten vier Bilder nach jeder Epoche</translation>
    </message>
    <message>
        <source>W(x)x after epoch %1:</source>
        <translation>W(x)x nach Epoche %1:</translation>
    </message>
    <message>
        <source>GPU memory –</source>
        <translation>GPU-Speicher –</translation>
    </message>
    <message>
        <source>GPU memory: n/a (CPU)</source>
        <translation>GPU-Speicher: k. A. (CPU)</translation>
    </message>
    <message>
        <source>GPU memory %1 GiB</source>
        <translation>GPU-Speicher %1 GiB</translation>
    </message>
    <message>
        <source>Compare with run…</source>
        <translation>Mit Trainingslauf vergleichen…</translation>
    </message>
    <message>
        <source>Show the curves of a finished run (its folder with metrics.csv) dashed on the chart</source>
        <translation>Die Kurven eines abgeschlossenen Trainingslaufs (sein Ordner mit metrics.csv) gestrichelt im Diagramm zeigen</translation>
    </message>
    <message>
        <source>Remove comparison</source>
        <translation>Vergleich entfernen</translation>
    </message>
    <message>
        <source>Choose a run folder</source>
        <translation>Ordner eines Trainingslaufs wählen</translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1: %n epoch(s)</source>
        <translation>
            <numerusform>Vergleich mit %1: %n Epoche</numerusform>
            <numerusform>Vergleich mit %1: %n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2, top-1 %3 %, top-5 %4 %</source>
        <translation>Epoche %1: Validierungsverlust %2, Top-1 %3 %, Top-5 %4 %</translation>
    </message>
    <message>
        <source>Cluster script</source>
        <translation>Cluster-Skript</translation>
    </message>
    <message>
        <source>Write a launch script that runs this training data-parallel on a cluster</source>
        <translation>Ein Startskript schreiben, das dieses Training datenparallel auf einem Cluster ausführt</translation>
    </message>
    <message>
        <source>torchrun (every node)…</source>
        <translation>torchrun (jeder Knoten)…</translation>
    </message>
    <message>
        <source>SLURM sbatch…</source>
        <translation>SLURM sbatch…</translation>
    </message>
    <message>
        <source>Write the launch script</source>
        <translation>Startskript schreiben</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>B-cosify without labels (distil from the original)</source>
        <translation>Ohne Labels B-cosifizieren (vom Original destillieren)</translation>
    </message>
    <message>
        <source>The loaded model, frozen, teaches its B-cosified copy to give the same outputs. The images need no labels: an image folder without class folders will do. Labels, where the data has the model&apos;s classes, only report accuracy.</source>
        <translation>Das geladene Modell lehrt, eingefroren, seine B-cosifizierte Kopie, dieselben Ausgaben zu geben. Die Bilder brauchen keine Labels: ein Bildordner ohne Klassenordner genügt. Labels, wo die Daten die Klassen des Modells haben, dienen nur zur Angabe der Genauigkeit.</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>Epoche %1: Validierungsverlust %2</translation>
    </message>
    <message>
        <source>, agrees with the teacher on %1 %</source>
        <translation>, stimmt bei %1 % mit dem Lehrer überein</translation>
    </message>
    <message>
        <source>CUDA graphs</source>
        <translation>CUDA-Graphen</translation>
    </message>
    <message>
        <source>After 3 warm-up steps, each training step (forward, backward, gradient clipping, optimiser) is replayed as one CUDA graph: far fewer kernel launches. On one GPU only; the training log says when it is not used.</source>
        <translation>Nach 3 Aufwärmschritten wird jeder Trainingsschritt (Vorwärts, Rückwärts, Gradienten-Clipping, Optimierer) als ein CUDA-Graph abgespielt: weit weniger Kernelstarts. Nur auf einer GPU; das Trainingsprotokoll sagt, wenn er nicht genutzt wird.</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ViewSettingsDialog</name>
    <message>
        <source>View settings: %1</source>
        <translation>Ansichtseinstellungen: %1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Schwarz</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Weiß</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Hintergrund:</translation>
    </message>
    <message>
        <source>Alpha percentile:</source>
        <translation>Alpha-Perzentil:</translation>
    </message>
    <message>
        <source>Alpha smoothing (px):</source>
        <translation>Alpha-Glättung (px):</translation>
    </message>
    <message>
        <source>One colour scale for all images</source>
        <translation>Eine Farbskala für alle Bilder</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Farbtabelle:</translation>
    </message>
    <message>
        <source>Opacity over the input:</source>
        <translation>Deckkraft über der Eingabe:</translation>
    </message>
    <message>
        <source>Clip percentile:</source>
        <translation>Kappungsperzentil:</translation>
    </message>
    <message>
        <source>Smoothing (px):</source>
        <translation>Glättung (px):</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inherently interpretable B-cos networks: convert, train, explain.</source>
        <translation>Inhärent interpretierbare B-cos-Netze: konvertieren, trainieren, erklären.</translation>
    </message>
    <message>
        <source>Print versions and exit.</source>
        <translation>Versionen ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Interface language (en, de, fr).</source>
        <translation>Sprache der Oberfläche (en, de, fr).</translation>
    </message>
    <message>
        <source>Save screenshots of the panels into &lt;dir&gt; and quit.</source>
        <translation>Bildschirmfotos der Bereiche in &lt;dir&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>Images, folders or model files to open.</source>
        <translation>Zu öffnende Bilder, Ordner oder Modelldateien.</translation>
    </message>
    <message>
        <source>Start with the demo model and images.</source>
        <translation>Mit dem Demomodell und den Demobildern starten.</translation>
    </message>
    <message>
        <source>Quit after &lt;ms&gt; milliseconds, print the log and exit with 1 if it holds an error (smoke test).</source>
        <translation>Nach &lt;ms&gt; Millisekunden beenden, das Protokoll ausgeben und mit 1 enden, wenn es einen Fehler enthält (Rauchtest).</translation>
    </message>
    <message>
        <source>Measure how long the interface is blocked and write the distribution to &lt;file&gt; (JSON) when the studio quits.</source>
        <translation>Messen, wie lange die Oberfläche blockiert ist, und die Verteilung beim Beenden in &lt;file&gt; (JSON) schreiben.</translation>
    </message>
    <message>
        <source>Benchmark: scroll the browser, sort by confidence and scroll the grid once the images are in (with --measure-stalls).</source>
        <translation>Benchmark: sobald die Bilder da sind, die Bildliste durchblättern, nach Konfidenz sortieren und das Raster durchblättern (mit --measure-stalls).</translation>
    </message>
</context>
</TS>
