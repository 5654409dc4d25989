<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ExplanationGridModel</name>
    <message>
        <location filename="../widgets/gridexporter.cpp" line="122"/>
        <source>not computed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageListCommand</name>
    <message numerus="yes">
        <location filename="../widgets/imagelistcommand.cpp" line="17"/>
        <source>Add %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/imagelistcommand.cpp" line="18"/>
        <source>Remove %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bcos::widgets</name>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="30"/>
        <source>CUDA: available (%1 device(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="32"/>
        <source>CUDA: built in, no usable device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="34"/>
        <source>CUDA: not available (CPU-only LibTorch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="35"/>
        <source>B-cos Studio %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="35"/>
        <source>Qt %1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="36"/>
        <source>LibTorch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/versioninfo.cpp" line="36"/>
        <source>OpenCV %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ArchitectureDialog</name>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="47"/>
        <source>Architecture of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="54"/>
        <source>ImageNet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="55"/>
        <source>CLIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="56"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="58"/>
        <source>optional: one class name per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="59"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="63"/>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="64"/>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="65"/>
        <source>Preprocessing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="66"/>
        <source>Mean (R, G, B):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="67"/>
        <source>Std (R, G, B):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="68"/>
        <source>Labels file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="111"/>
        <source>Labels file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/architecturedialog.cpp" line="112"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::Document</name>
    <message>
        <location filename="../widgets/document.cpp" line="26"/>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="30"/>
        <source>Could not load model %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="49"/>
        <source>Demo: synthetic test patterns in %1. A demo B-cos model comes with the model loader; until then the explanation columns stay empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="57"/>
        <source>Loading images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="67"/>
        <source>Could not add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/document.cpp" line="69"/>
        <source>Skipped %n non-image file(s) in the folder(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/document.cpp" line="74"/>
        <source>Added %n image(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/document.cpp" line="83"/>
        <source>Remove %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="116"/>
        <source>Loading model %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="117"/>
        <source>Loading model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="131"/>
        <source>Loaded model %1 (%2, %3 classes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="142"/>
        <source>method not in this build yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="144"/>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="145"/>
        <source>W(x)x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="145"/>
        <source>needs a B-cos model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="147"/>
        <source>GradCAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="147"/>
        <source>needs a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="149"/>
        <source>Cosine-power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/document.cpp" line="149"/>
        <source>needs a B-cos ViT/CLIP model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExplanationGridModel</name>
    <message>
        <location filename="../widgets/explanationgridmodel.cpp" line="59"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/explanationgridmodel.cpp" line="77"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/explanationgridmodel.cpp" line="95"/>
        <source>%1 is not available: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExportDialog</name>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="14"/>
        <source>Export grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="21"/>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="24"/>
        <source>all on one page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="25"/>
        <source>Image names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="27"/>
        <source>Column titles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="29"/>
        <source>Selected cells only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="32"/>
        <source>Write a JSON recipe beside the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="34"/>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="35"/>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="36"/>
        <source>PDF rows per page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/exportdialog.cpp" line="37"/>
        <source>Labels:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageBrowser</name>
    <message>
        <location filename="../widgets/imagebrowser.cpp" line="23"/>
        <source>Drop images or folders here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageListModel</name>
    <message>
        <location filename="../widgets/imagelistmodel.cpp" line="42"/>
        <source>%1
%2 × %3 pixels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::LogModel</name>
    <message>
        <location filename="../widgets/logmodel.cpp" line="26"/>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/logmodel.cpp" line="27"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/logmodel.cpp" line="28"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/logmodel.cpp" line="57"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/logmodel.cpp" line="58"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/logmodel.cpp" line="59"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="42"/>
        <source>B-cos Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/mainwindow.cpp" line="66"/>
        <source>CUDA (%n device(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="66"/>
        <location filename="../widgets/mainwindow.cpp" line="98"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="93"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="100"/>
        <source>CUDA device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="102"/>
        <source>CUDA (not available on this machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="104"/>
        <location filename="../widgets/mainwindow.cpp" line="164"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="112"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="119"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="123"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="126"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="133"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="160"/>
        <source>Could not load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="163"/>
        <source>Training: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="167"/>
        <source>%1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="36"/>
        <source>Labels file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="48"/>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="49"/>
        <source>Model weights (*.safetensors *.pth *.pt *.ckpt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="59"/>
        <source>Open images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="60"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="69"/>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="96"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="106"/>
        <source>Export grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="107"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="112"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="124"/>
        <source>Copied the grid to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="139"/>
        <source>About B-cos Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/mainwindowslots.cpp" line="140"/>
        <source>&lt;h3&gt;B-cos Studio&lt;/h3&gt;&lt;p&gt;Inherently interpretable B-cos networks: convert, train, explain.&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PreferencesDialog</name>
    <message>
        <location filename="../widgets/preferencesdialog.cpp" line="17"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/preferencesdialog.cpp" line="20"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/preferencesdialog.cpp" line="24"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/preferencesdialog.cpp" line="25"/>
        <source>The language changes at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StatusIndicators</name>
    <message>
        <location filename="../widgets/statusindicators.cpp" line="23"/>
        <source>Device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/statusindicators.cpp" line="40"/>
        <source>Memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StudioActions</name>
    <message>
        <location filename="../widgets/studioactions.cpp" line="14"/>
        <source>Open &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="14"/>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="15"/>
        <source>Load model weights (.safetensors, .pth, .pt, .ckpt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="16"/>
        <source>&amp;Open Images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="16"/>
        <source>Add image files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="17"/>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="17"/>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="18"/>
        <source>Add every image in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="19"/>
        <source>Start with the &amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="19"/>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="20"/>
        <source>Add the built-in test patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="21"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="21"/>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="22"/>
        <source>Export the grid or the selected cells as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="23"/>
        <source>&amp;Copy Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="24"/>
        <source>Copy the selected cells (or the whole grid) as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="25"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="25"/>
        <source>Quit B-cos Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="26"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="28"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="30"/>
        <source>&amp;Remove Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="30"/>
        <source>Remove the selected images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="31"/>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="31"/>
        <source>Language and other settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="32"/>
        <source>&amp;About B-cos Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="32"/>
        <source>Versions and devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="33"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="33"/>
        <source>Qt&apos;s licence and version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/studioactions.cpp" line="34"/>
        <source>Recent &amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingChartAdapter</name>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="32"/>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="34"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="36"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="41"/>
        <source>Train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="42"/>
        <source>Train accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="43"/>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingchartadapter.cpp" line="44"/>
        <source>Reference accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingController</name>
    <message>
        <location filename="../widgets/trainingcontroller.cpp" line="96"/>
        <source>Training is not available in this build: the trainer has not been linked in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingPanel</name>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="57"/>
        <source>Adaptive gradient clipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="60"/>
        <source>32-bit float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="61"/>
        <source>bfloat16 mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="62"/>
        <source>float16 mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="66"/>
        <source>Alignment exponent B:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="67"/>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="68"/>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="69"/>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="71"/>
        <source>Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="72"/>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="73"/>
        <source>Dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="83"/>
        <source>Image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="84"/>
        <source>IDX (MNIST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="85"/>
        <source>CIFAR-10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="87"/>
        <source>Folder with the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="88"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="101"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="102"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="103"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="104"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="106"/>
        <source>– img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="107"/>
        <source>ETA –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="127"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="138"/>
        <source>Choose the dataset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="162"/>
        <source>%1 img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/trainingpanel.cpp" line="166"/>
        <source>ETA %1:%2:%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
