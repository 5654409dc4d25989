<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>GridExporter</name>
    <message>
        <source>not computed</source>
        <translation>non calculé</translation>
    </message>
</context>
<context>
    <name>ImageListCommand</name>
    <message numerus="yes">
        <source>Add %n image(s)</source>
        <translation>
            <numerusform>Ajouter %n image</numerusform>
            <numerusform>Ajouter %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>Supprimer %n image</numerusform>
            <numerusform>Supprimer %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 training images, %2 validation images on %3 (%4)</source>
        <translation>%1 images d&apos;entraînement, %2 images de validation sur %3 (%4)</translation>
    </message>
    <message>
        <source>model written to %1</source>
        <translation>modèle écrit dans %1</translation>
    </message>
</context>
<context>
    <name>VersionInfo</name>
    <message>
        <source>CUDA: available (%1 device(s))</source>
        <translation>CUDA&#xa0;: disponible (%1 périphérique(s))</translation>
    </message>
    <message>
        <source>CUDA: built in, no usable device</source>
        <translation>CUDA&#xa0;: intégré, aucun périphérique utilisable</translation>
    </message>
    <message>
        <source>CUDA: not available (CPU-only LibTorch)</source>
        <translation>CUDA&#xa0;: non disponible (LibTorch pour CPU uniquement)</translation>
    </message>
    <message>
        <source>B-cos Studio %1</source>
        <translation>B-cos Studio %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (compilé avec %2)</translation>
    </message>
    <message>
        <source>LibTorch %1</source>
        <translation>LibTorch %1</translation>
    </message>
    <message>
        <source>OpenCV %1</source>
        <translation>OpenCV %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ArchitectureDialog</name>
    <message>
        <source>Architecture of %1</source>
        <translation>Architecture de %1</translation>
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
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>optional: one class name per line</source>
        <translation>facultatif&#xa0;: un nom de classe par ligne</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architecture&#xa0;:</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>Classes&#xa0;:</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>Prétraitement&#xa0;:</translation>
    </message>
    <message>
        <source>Mean (R, G, B):</source>
        <translation>Moyenne (R, V, B)&#xa0;:</translation>
    </message>
    <message>
        <source>Std (R, G, B):</source>
        <translation>Écart type (R, V, B)&#xa0;:</translation>
    </message>
    <message>
        <source>Labels file:</source>
        <translation>Fichier des étiquettes&#xa0;:</translation>
    </message>
    <message>
        <source>Labels file</source>
        <translation>Fichier des étiquettes</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Fichiers texte (*.txt);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::Document</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>Échec de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not load model %1: %2</source>
        <translation>Impossible de charger le modèle %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Loading images</source>
        <translation>Chargement des images</translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>Impossible d&apos;ajouter %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n non-image file(s) in the folder(s).</source>
        <translation>
            <numerusform>%n fichier qui n&apos;est pas une image ignoré dans le(s) dossier(s).</numerusform>
            <numerusform>%n fichiers qui ne sont pas des images ignorés dans le(s) dossier(s).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image(s).</source>
        <translation>
            <numerusform>%n image ajoutée.</numerusform>
            <numerusform>%n images ajoutées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>Supprimer %n image</numerusform>
            <numerusform>Supprimer %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading model %1…</source>
        <translation>Chargement du modèle %1…</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Chargement du modèle</translation>
    </message>
    <message>
        <source>Loaded model %1 (%2, %3 classes, %4)</source>
        <translation>Modèle %1 chargé (%2, %3 classes, %4)</translation>
    </message>
    <message>
        <source>unknown family</source>
        <translation>famille inconnue</translation>
    </message>
    <message>
        <source>B-cos</source>
        <translation>B-cos</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <source>Preparing images for the model</source>
        <translation>Préparation des images pour le modèle</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>W(x)x</source>
        <translation>W(x)x</translation>
    </message>
    <message>
        <source>needs a B-cos model</source>
        <translation>nécessite un modèle B-cos</translation>
    </message>
    <message>
        <source>Cosine-power</source>
        <translation>Puissance du cosinus</translation>
    </message>
    <message>
        <source>needs a B-cos ViT/CLIP model</source>
        <translation>nécessite un modèle ViT/CLIP B-cos</translation>
    </message>
    <message>
        <source>Demo: the first 16 Fashion-MNIST test images from %1.</source>
        <translation>Démo&#xa0;: les 16 premières images de test Fashion-MNIST de %1.</translation>
    </message>
    <message>
        <source>Demo: Fashion-MNIST not found in %1; adding synthetic test patterns instead (no model was trained on them).</source>
        <translation>Démo&#xa0;: Fashion-MNIST introuvable dans %1&#xa0;; ajout de motifs de test synthétiques à la place (aucun modèle n&apos;a été entraîné dessus).</translation>
    </message>
    <message>
        <source>B-cosifying %1 with B = %2…</source>
        <translation>B-cosification de %1 avec B = %2…</translation>
    </message>
    <message>
        <source>B-cosifying the model</source>
        <translation>B-cosification du modèle</translation>
    </message>
    <message>
        <source>B-cosified: %1</source>
        <translation>B-cosifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>B-cosify the model first</source>
        <translation>B-cosifiez d&apos;abord le modèle</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <source>GradCAM (original)</source>
        <translation>GradCAM (original)</translation>
    </message>
    <message>
        <source>needs a standard model</source>
        <translation>nécessite un modèle standard</translation>
    </message>
    <message>
        <source>GradCAM (B-cos)</source>
        <translation>GradCAM (B-cos)</translation>
    </message>
    <message>
        <source>Input×Gradient (B-cos)</source>
        <translation>Entrée×Gradient (B-cos)</translation>
    </message>
    <message>
        <source>Integrated Gradients (B-cos)</source>
        <translation>Gradients intégrés (B-cos)</translation>
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
        <translation>%1 n&apos;est pas disponible&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2&#xa0;%</translation>
    </message>
    <message>
        <source>%1
Top classes:
%2</source>
        <translation>%1
Classes les plus probables&#xa0;:
%2</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExplanationScheduler</name>
    <message>
        <source>Explaining: %1</source>
        <translation>Calcul de l&apos;explication&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExportDialog</name>
    <message>
        <source>Export grid</source>
        <translation>Exporter la grille</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> ppp</translation>
    </message>
    <message>
        <source>all on one page</source>
        <translation>tout sur une page</translation>
    </message>
    <message>
        <source>Image names</source>
        <translation>Noms des images</translation>
    </message>
    <message>
        <source>Column titles</source>
        <translation>Titres des colonnes</translation>
    </message>
    <message>
        <source>Selected cells only</source>
        <translation>Cellules sélectionnées uniquement</translation>
    </message>
    <message>
        <source>Write a JSON recipe beside the file</source>
        <translation>Écrire une recette JSON à côté du fichier</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre&#xa0;:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Résolution&#xa0;:</translation>
    </message>
    <message>
        <source>PDF rows per page:</source>
        <translation>Lignes PDF par page&#xa0;:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Légendes&#xa0;:</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageBrowser</name>
    <message>
        <source>Drop images or folders here</source>
        <translation>Déposez des images ou des dossiers ici</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageListModel</name>
    <message>
        <source>%1
%2 × %3 pixels</source>
        <translation>%1
%2 × %3 pixels</translation>
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
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MainWindow</name>
    <message>
        <source>B-cos Studio</source>
        <translation>B-cos Studio</translation>
    </message>
    <message numerus="yes">
        <source>CUDA (%n device(s))</source>
        <translation>
            <numerusform>CUDA (%n périphérique)</numerusform>
            <numerusform>CUDA (%n périphériques)</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>CUDA device %1</source>
        <translation>Périphérique CUDA %1</translation>
    </message>
    <message>
        <source>CUDA (not available on this machine)</source>
        <translation>CUDA (non disponible sur cette machine)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Could not load %1</source>
        <translation>Impossible de charger %1</translation>
    </message>
    <message>
        <source>Training: %1</source>
        <translation>Entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>Labels file</source>
        <translation>Fichier des étiquettes</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Ouvrir un modèle</translation>
    </message>
    <message>
        <source>Model weights (*.safetensors *.pth *.pt *.ckpt);;All files (*)</source>
        <translation>Poids de modèle (*.safetensors *.pth *.pt *.ckpt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Ouvrir des images</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir un dossier</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>Export grid</source>
        <translation>Exporter la grille</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>Image PNG (*.png);;Dessin SVG (*.svg);;Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <source>Copied the grid to the clipboard</source>
        <translation>Grille copiée dans le presse-papiers</translation>
    </message>
    <message>
        <source>About B-cos Studio</source>
        <translation>À propos de B-cos Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;B-cos Studio&lt;/h3&gt;&lt;p&gt;Inherently interpretable B-cos networks: convert, train, explain.&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;h3&gt;B-cos Studio&lt;/h3&gt;&lt;p&gt;Réseaux B-cos intrinsèquement interprétables&#xa0;: convertir, entraîner, expliquer.&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>Explain: </source>
        <translation>Expliquer&#xa0;: </translation>
    </message>
    <message>
        <source>Demo: the demo model fashion-mnist-densenet.safetensors was not found ($BCOS_DEMO_MODEL, &lt;install&gt;/share/bcos-studio/demo, resources/demo); loading the images only.</source>
        <translation>Démo&#xa0;: le modèle de démonstration fashion-mnist-densenet.safetensors est introuvable ($BCOS_DEMO_MODEL, &lt;install&gt;/share/bcos-studio/demo, resources/demo)&#xa0;; seules les images sont chargées.</translation>
    </message>
    <message>
        <source>B-cosify</source>
        <translation>B-cosifier</translation>
    </message>
    <message>
        <source>Load a standard (non-B-cos) model first.</source>
        <translation>Chargez d&apos;abord un modèle standard (non B-cos).</translation>
    </message>
    <message>
        <source>Alignment exponent B:</source>
        <translation>Exposant d&apos;alignement B&#xa0;:</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>Classe prédite</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>La langue change au prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StatusIndicators</name>
    <message>
        <source>Device: %1</source>
        <translation>Périphérique&#xa0;: %1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Mémoire&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StudioActions</name>
    <message>
        <source>Open &amp;Model…</source>
        <translation>Ouvrir un &amp;modèle…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Load model weights (.safetensors, .pth, .pt, .ckpt)</source>
        <translation>Charger des poids de modèle (.safetensors, .pth, .pt, .ckpt)</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>&amp;Ouvrir des images…</translation>
    </message>
    <message>
        <source>Add image files</source>
        <translation>Ajouter des fichiers image</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Add every image in a folder</source>
        <translation>Ajouter toutes les images d&apos;un dossier</translation>
    </message>
    <message>
        <source>Start with the &amp;Demo</source>
        <translation>Comme&amp;ncer par la démo</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export the grid or the selected cells as PNG, SVG or PDF</source>
        <translation>Exporter la grille ou les cellules sélectionnées en PNG, SVG ou PDF</translation>
    </message>
    <message>
        <source>&amp;Copy Grid</source>
        <translation>&amp;Copier la grille</translation>
    </message>
    <message>
        <source>Copy the selected cells (or the whole grid) as an image</source>
        <translation>Copier les cellules sélectionnées (ou toute la grille) comme image</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit B-cos Studio</source>
        <translation>Quitter B-cos Studio</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Remove Images</source>
        <translation>&amp;Supprimer les images</translation>
    </message>
    <message>
        <source>Remove the selected images</source>
        <translation>Supprimer les images sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Language and other settings</source>
        <translation>Langue et autres réglages</translation>
    </message>
    <message>
        <source>&amp;About B-cos Studio</source>
        <translation>À &amp;propos de B-cos Studio</translation>
    </message>
    <message>
        <source>Versions and devices</source>
        <translation>Versions et périphériques</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Qt&apos;s licence and version</source>
        <translation>Licence et version de Qt</translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation>&amp;Fichiers récents</translation>
    </message>
    <message>
        <source>Load the demo model and the first Fashion-MNIST test images</source>
        <translation>Charger le modèle de démonstration et les premières images de test Fashion-MNIST</translation>
    </message>
    <message>
        <source>&amp;B-cosify…</source>
        <translation>&amp;B-cosifier…</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>Convert the loaded standard model into a B-cos network (the original is kept)</source>
        <translation>Convertir le modèle standard chargé en réseau B-cos (l&apos;original est conservé)</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingChartAdapter</name>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitude</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>Perte d&apos;entraînement</translation>
    </message>
    <message>
        <source>Train accuracy</source>
        <translation>Exactitude d&apos;entraînement</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Exactitude de validation</translation>
    </message>
    <message>
        <source>Reference accuracy</source>
        <translation>Exactitude de référence</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingController</name>
    <message>
        <source>Training is not available in this build: the trainer has not been linked in.</source>
        <translation>L&apos;entraînement n&apos;est pas disponible dans cette version&#xa0;: l&apos;entraîneur n&apos;a pas été lié.</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TrainingPanel</name>
    <message>
        <source>Adaptive gradient clipping</source>
        <translation>Écrêtage adaptatif des gradients</translation>
    </message>
    <message>
        <source>32-bit float</source>
        <translation>Flottant 32 bits</translation>
    </message>
    <message>
        <source>bfloat16 mixed</source>
        <translation>bfloat16 mixte</translation>
    </message>
    <message>
        <source>float16 mixed</source>
        <translation>float16 mixte</translation>
    </message>
    <message>
        <source>Alignment exponent B:</source>
        <translation>Exposant d&apos;alignement B&#xa0;:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Taux d&apos;apprentissage&#xa0;:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Époques&#xa0;:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Taille de lot&#xa0;:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Précision numérique&#xa0;:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Périphérique&#xa0;:</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Jeu de données&#xa0;:</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>Dossier d&apos;images</translation>
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
        <translation>Dossier du jeu de données</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>– img/s</source>
        <translation>– img/s</translation>
    </message>
    <message>
        <source>ETA –</source>
        <translation>Temps restant –</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>Choisir le dossier du jeu de données</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 img/s</translation>
    </message>
    <message>
        <source>ETA %1:%2:%3</source>
        <translation>Temps restant %1:%2:%3</translation>
    </message>
    <message>
        <source>B-cosify the loaded model</source>
        <translation>B-cosifier le modèle chargé</translation>
    </message>
    <message>
        <source>Fine-tune the loaded model (standard)</source>
        <translation>Affiner le modèle chargé (standard)</translation>
    </message>
    <message>
        <source>B-cos network from scratch</source>
        <translation>Réseau B-cos à partir de zéro</translation>
    </message>
    <message>
        <source>all</source>
        <translation>toutes</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode&#xa0;:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>Images d&apos;entraînement&#xa0;:</translation>
    </message>
    <message>
        <source>W(x)x of the first four images after each epoch</source>
        <translation>W(x)x des quatre premières images après chaque époque</translation>
    </message>
    <message>
        <source>W(x)x after epoch %1:</source>
        <translation>W(x)x après l&apos;époque %1&#xa0;:</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ViewSettingsDialog</name>
    <message>
        <source>View settings: %1</source>
        <translation>Réglages de la vue&#xa0;: %1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Noir</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Blanc</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Arrière-plan&#xa0;:</translation>
    </message>
    <message>
        <source>Alpha percentile:</source>
        <translation>Centile alpha&#xa0;:</translation>
    </message>
    <message>
        <source>Alpha smoothing (px):</source>
        <translation>Lissage alpha (px)&#xa0;:</translation>
    </message>
    <message>
        <source>One colour scale for all images</source>
        <translation>Une seule échelle de couleurs pour toutes les images</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Palette de couleurs&#xa0;:</translation>
    </message>
    <message>
        <source>Opacity over the input:</source>
        <translation>Opacité sur l&apos;entrée&#xa0;:</translation>
    </message>
    <message>
        <source>Clip percentile:</source>
        <translation>Centile d&apos;écrêtage&#xa0;:</translation>
    </message>
    <message>
        <source>Smoothing (px):</source>
        <translation>Lissage (px)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inherently interpretable B-cos networks: convert, train, explain.</source>
        <translation>Réseaux B-cos intrinsèquement interprétables&#xa0;: convertir, entraîner, expliquer.</translation>
    </message>
    <message>
        <source>Print versions and exit.</source>
        <translation>Afficher les versions et quitter.</translation>
    </message>
    <message>
        <source>Interface language (en, de, fr).</source>
        <translation>Langue de l&apos;interface (en, de, fr).</translation>
    </message>
    <message>
        <source>Save screenshots of the panels into &lt;dir&gt; and quit.</source>
        <translation>Enregistrer des captures d&apos;écran des panneaux dans &lt;dir&gt; et quitter.</translation>
    </message>
    <message>
        <source>Images, folders or model files to open.</source>
        <translation>Images, dossiers ou fichiers de modèle à ouvrir.</translation>
    </message>
    <message>
        <source>Start with the demo model and images.</source>
        <translation>Démarrer avec le modèle et les images de démonstration.</translation>
    </message>
    <message>
        <source>Quit after &lt;ms&gt; milliseconds, print the log and exit with 1 if it holds an error (smoke test).</source>
        <translation>Quitter après &lt;ms&gt; millisecondes, afficher le journal et sortir avec 1 s&apos;il contient une erreur (test de fumée).</translation>
    </message>
</context>
</TS>
