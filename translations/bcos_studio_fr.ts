<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FigureLayout</name>
    <message>
        <source>per image: %1 to %2</source>
        <translation>par image&#xa0;: %1 à %2</translation>
    </message>
    <message>
        <source>per image</source>
        <translation>par image</translation>
    </message>
</context>
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
    <message>
        <source>CUDA: available (%1 device(s); CUDA %2, cuDNN %3)</source>
        <translation>CUDA : disponible (%1 périphérique(s) ; CUDA %2, cuDNN %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU : %1</translation>
    </message>
    <message>
        <source>%1, %2 GiB</source>
        <translation>%1, %2 Gio</translation>
    </message>
    <message>
        <source>CUDA device %1</source>
        <translation>Périphérique CUDA %1</translation>
    </message>
    <message>
        <source>The preferred device %1 is not on this machine; using %2.</source>
        <translation>Le périphérique préféré %1 n’existe pas sur cette machine&#xa0;; utilisation de %2.</translation>
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
    <message>
        <source>from the weights</source>
        <translation>depuis les poids</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::BcosifyDialog</name>
    <message>
        <source>B-cosify</source>
        <translation>B-cosifier</translation>
    </message>
    <message>
        <source>Turns the loaded standard model into a B-cos network (B-cosification, Arya et al., NeurIPS 2024). Fine-tune it afterwards in the Training dock: before fine-tuning its accuracy is low.</source>
        <translation>Transforme le modèle standard chargé en réseau B-cos (B-cosification, Arya et al., NeurIPS 2024). Affinez-le ensuite dans le panneau Entraînement&#xa0;: avant l&apos;affinage, son exactitude est faible.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Alignment exponent B:</source>
        <translation>Exposant d&apos;alignement B&#xa0;:</translation>
    </message>
    <message>
        <source>How strongly each unit is scaled down for inputs not aligned with its weights; B = 1 is the linear layer, larger B gives sparser, more input-aligned explanations. Paper default: %1.</source>
        <translation>À quel point chaque unité est atténuée pour les entrées non alignées avec ses poids&#xa0;; B = 1 est la couche linéaire, un B plus grand donne des explications plus parcimonieuses et plus alignées sur l&apos;entrée. Valeur par défaut de l&apos;article&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Keep biases</source>
        <translation>Garder les biais</translation>
    </message>
    <message>
        <source>Keeps the (folded) biases of convolutions and norms. Without them the model is dynamic linear and W(x)x sums to the logit. Paper default: %1 (biases removed).</source>
        <translation>Garde les biais (repliés) des convolutions et normalisations. Sans eux, le modèle est dynamiquement linéaire et W(x)x a pour somme le logit. Valeur par défaut de l&apos;article&#xa0;: %1 (biais retirés).</translation>
    </message>
    <message>
        <source>Mean-free input</source>
        <translation>Entrée de moyenne nulle</translation>
    </message>
    <message>
        <source>Normalises the [x, 1−x] input with mean 0, so the network is exactly dynamic linear in the raw image. Default: %1 (the dataset mean is subtracted).</source>
        <translation>Normalise l&apos;entrée [x, 1−x] avec une moyenne nulle, de sorte que le réseau est exactement dynamiquement linéaire dans l&apos;image brute. Par défaut&#xa0;: %1 (la moyenne du jeu de données est soustraite).</translation>
    </message>
    <message>
        <source>Max-out units:</source>
        <translation>Unités max-out&#xa0;:</translation>
    </message>
    <message>
        <source>Each output is the maximum of this many B-cos units (units are copied, so the converted function is unchanged; more parameters to fine-tune). Paper default: %1.</source>
        <translation>Chaque sortie est le maximum de ce nombre d&apos;unités B-cos (les unités sont copiées, la fonction convertie est inchangée&#xa0;; plus de paramètres à affiner). Valeur par défaut de l&apos;article&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Keep max-pooling</source>
        <translation>Garder le max-pooling</translation>
    </message>
    <message>
        <source>Keeps max-pooling instead of replacing it by average pooling (max-pooling is not dynamic linear; useful for B = 1 checks). Paper default: %1 (replaced).</source>
        <translation>Garde le max-pooling au lieu de le remplacer par un average pooling (le max-pooling n&apos;est pas dynamiquement linéaire&#xa0;; utile pour les vérifications avec B = 1). Valeur par défaut de l&apos;article&#xa0;: %1 (remplacé).</translation>
    </message>
    <message>
        <source>Counting the layers that change…</source>
        <translation>Comptage des couches modifiées…</translation>
    </message>
    <message numerus="yes">
        <source>%n convolution(s)</source>
        <translation>
            <numerusform>%n convolution</numerusform>
            <numerusform>%n convolutions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n linear layer(s)</source>
        <translation>
            <numerusform>%n couche linéaire</numerusform>
            <numerusform>%n couches linéaires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n norm layer(s)</source>
        <translation>
            <numerusform>%n couche de normalisation</numerusform>
            <numerusform>%n couches de normalisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n max-pool(s) → average pool</source>
        <translation>
            <numerusform>%n max-pooling → average pooling</numerusform>
            <numerusform>%n max-poolings → average pooling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other layer(s)</source>
        <translation>
            <numerusform>%n autre couche</numerusform>
            <numerusform>%n autres couches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) of the loaded model will change: %1.</source>
        <translation>
            <numerusform>%n couche du modèle chargé va changer&#xa0;: %1.</numerusform>
            <numerusform>%n couches du modèle chargé vont changer&#xa0;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Could not count the layers that change: %1</source>
        <translation>Impossible de compter les couches modifiées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::BrowserFilterBar</name>
    <message>
        <source>All images</source>
        <translation>Toutes les images</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Correctes</translation>
    </message>
    <message>
        <source>Incorrect</source>
        <translation>Incorrectes</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Sans étiquette</translation>
    </message>
    <message>
        <source>Correct/incorrect compare the model&apos;s prediction with the label of images opened from a dataset split</source>
        <translation>Correctes/Incorrectes compare la prédiction du modèle à l&apos;étiquette des images ouvertes depuis un sous-ensemble de jeu de données</translation>
    </message>
    <message>
        <source>Order added</source>
        <translation>Ordre d&apos;ajout</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Confidence (high first)</source>
        <translation>Confiance (élevée d&apos;abord)</translation>
    </message>
    <message>
        <source>Confidence (low first)</source>
        <translation>Confiance (faible d&apos;abord)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>Trier&#xa0;:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Étiquette&#xa0;:</translation>
    </message>
    <message>
        <source>Predicted:</source>
        <translation>Prédiction&#xa0;:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>Toute étiquette</translation>
    </message>
    <message>
        <source>Any prediction</source>
        <translation>Toute prédiction</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>Affichage de %1 sur %n image</numerusform>
            <numerusform>Affichage de %1 sur %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>Whose predictions the list shows, sorts and filters by</source>
        <translation>Le modèle dont la liste affiche, trie et filtre les prédictions</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Valeur&#xa0;:</translation>
    </message>
    <message>
        <source>Value (high first)</source>
        <translation>Valeur (élevée d&apos;abord)</translation>
    </message>
    <message>
        <source>Value (low first)</source>
        <translation>Valeur (faible d&apos;abord)</translation>
    </message>
    <message>
        <source>Confidence: the probability of the predicted class; Value: the per-image value chosen below (a metric or the agreement of two methods)</source>
        <translation>Confiance&#xa0;: la probabilité de la classe prédite&#xa0;; Valeur&#xa0;: la valeur par image choisie ci-dessous (une métrique ou la concordance de deux méthodes)</translation>
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
        <translation>Une valeur par image issue d&apos;un magasin d&apos;explications ou de la vue Métriques&#xa0;: triez selon elle (Trier&#xa0;: Valeur) et n&apos;affichez que les images comprises dans min..max (vide&#xa0;: pas de borne). agreement/A~B faible&#xa0;: les deux méthodes divergent</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ClipPromptController</name>
    <message>
        <source>load a B-cos CLIP model (File &gt; Open Model)</source>
        <translation>chargez un modèle CLIP B-cos (Fichier &gt; Ouvrir un modèle)</translation>
    </message>
    <message>
        <source>the loaded model is not a CLIP model; text prompts need a B-cosified CLIP model</source>
        <translation>le modèle chargé n&apos;est pas un modèle CLIP&#xa0;; les prompts textuels nécessitent un modèle CLIP B-cosifié</translation>
    </message>
    <message>
        <source>the CLIP model file has no text tower to encode prompts</source>
        <translation>le fichier du modèle CLIP n&apos;a pas d&apos;encodeur de texte pour encoder les prompts</translation>
    </message>
    <message>
        <source>needs CLIP&apos;s BPE vocabulary (bpe_simple_vocab_16e6.txt.gz): choose it in the Text prompts panel</source>
        <translation>nécessite le vocabulaire BPE de CLIP (bpe_simple_vocab_16e6.txt.gz)&#xa0;: choisissez-le dans le panneau «&#xa0;Prompts textuels&#xa0;»</translation>
    </message>
    <message>
        <source>BPE vocabulary %1 not found: choose bpe_simple_vocab_16e6.txt.gz in the Text prompts panel</source>
        <translation>vocabulaire BPE %1 introuvable&#xa0;: choisissez bpe_simple_vocab_16e6.txt.gz dans le panneau «&#xa0;Prompts textuels&#xa0;»</translation>
    </message>
    <message>
        <source>cannot read the BPE vocabulary: %1</source>
        <translation>impossible de lire le vocabulaire BPE&#xa0;: %1</translation>
    </message>
    <message>
        <source>invalid templates: %1</source>
        <translation>gabarits invalides&#xa0;: %1</translation>
    </message>
    <message>
        <source>CLIP: %1</source>
        <translation>CLIP&#xa0;: %1</translation>
    </message>
    <message>
        <source>CLIP text localisation</source>
        <translation>Localisation par texte CLIP</translation>
    </message>
    <message>
        <source>CLIP: %1 (%2 of %3)</source>
        <translation>CLIP&#xa0;: %1 (%2 sur %3)</translation>
    </message>
    <message>
        <source>Cosine power %1</source>
        <translation>Puissance du cosinus %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ClipPromptPanel</name>
    <message>
        <source>Prompts (one grid column each)</source>
        <translation>Prompts (une colonne de la grille chacun)</translation>
    </message>
    <message>
        <source>e.g. a photo of a dog</source>
        <translation>p. ex. a photo of a dog</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Prompt templates ({} = the prompt; the embeddings are averaged)</source>
        <translation>Gabarits de prompt ({} = le prompt&#xa0;; les plongements sont moyennés)</translation>
    </message>
    <message>
        <source>None: the prompt as written</source>
        <translation>Aucun&#xa0;: le prompt tel quel</translation>
    </message>
    <message>
        <source>CLIP&apos;s 80 ImageNet templates</source>
        <translation>Les 80 gabarits ImageNet de CLIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>one template per line, e.g. a photo of a {}.</source>
        <translation>un gabarit par ligne, p. ex. a photo of a {}.</translation>
    </message>
    <message>
        <source>Apply templates</source>
        <translation>Appliquer les gabarits</translation>
    </message>
    <message>
        <source>bpe_simple_vocab_16e6.txt.gz (from OpenAI&apos;s CLIP)</source>
        <translation>bpe_simple_vocab_16e6.txt.gz (du CLIP d&apos;OpenAI)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>BPE vocabulary:</source>
        <translation>Vocabulaire BPE&#xa0;:</translation>
    </message>
    <message>
        <source>p = 0: the best-matching location only; p = 1: the mean cosine; larger p focuses on the locations that match the prompt best</source>
        <translation>p = 0&#xa0;: uniquement la position la plus concordante&#xa0;; p = 1&#xa0;: le cosinus moyen&#xa0;; un p plus grand se concentre sur les positions qui correspondent le mieux au prompt</translation>
    </message>
    <message>
        <source>Cosine power:</source>
        <translation>Puissance du cosinus&#xa0;:</translation>
    </message>
    <message>
        <source>CLIP BPE vocabulary</source>
        <translation>Vocabulaire BPE de CLIP</translation>
    </message>
    <message>
        <source>CLIP BPE merges (*.txt.gz *.txt);;All files (*)</source>
        <translation>Fusions BPE de CLIP (*.txt.gz *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n prompt(s).</source>
        <translation>
            <numerusform>Prêt&#xa0;: %n prompt.</numerusform>
            <numerusform>Prêt&#xa0;: %n prompts.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text prompts unavailable: %1</source>
        <translation>Prompts textuels non disponibles&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ComparisonView</name>
    <message>
        <source>Compare</source>
        <translation>Comparaison</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom in (+, wheel)</source>
        <translation>Zoom avant (+, molette)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom out (-, wheel)</source>
        <translation>Zoom arrière (-, molette)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the image into the panes (0)</source>
        <translation>Ajuster l&apos;image aux volets (0)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>Pixels réels (1)</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>Volets</translation>
    </message>
    <message>
        <source>Choose the grid columns shown side by side</source>
        <translation>Choisir les colonnes de la grille affichées côte à côte</translation>
    </message>
    <message>
        <source>Compare — %1</source>
        <translation>Comparaison — %1</translation>
    </message>
    <message>
        <source>No image: choose Compare on a grid row</source>
        <translation>Aucune image&#xa0;: choisissez «&#xa0;Comparer&#xa0;» sur une ligne de la grille</translation>
    </message>
    <message>
        <source>The grid has no column “%1”</source>
        <translation>La grille n&apos;a pas de colonne «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
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
    <message numerus="yes">
        <source>Adding the first %n image(s) of the %1 split of %2.</source>
        <translation>
            <numerusform>Ajout de %n image (la première) du sous-ensemble «&#xa0;%1&#xa0;» de %2.</numerusform>
            <numerusform>Ajout des %n premières images du sous-ensemble «&#xa0;%1&#xa0;» de %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>training</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>Loaded CLIP model %1 (%2; %3)</source>
        <translation>Modèle CLIP %1 chargé (%2&#xa0;; %3)</translation>
    </message>
    <message>
        <source>with text tower</source>
        <translation>avec encodeur de texte</translation>
    </message>
    <message>
        <source>no text tower</source>
        <translation>sans encodeur de texte</translation>
    </message>
    <message>
        <source>B-cosified on load, not fine-tuned</source>
        <translation>B-cosifié au chargement, non affiné</translation>
    </message>
    <message>
        <source>needs a classifier; CLIP: use text prompts</source>
        <translation>nécessite un classifieur&#xa0;; CLIP&#xa0;: utilisez des prompts textuels</translation>
    </message>
    <message>
        <source>CLIP: one column per text prompt</source>
        <translation>CLIP&#xa0;: une colonne par prompt textuel</translation>
    </message>
    <message>
        <source>Counting the layers B-cosify changes</source>
        <translation>Comptage des couches que la B-cosification modifie</translation>
    </message>
    <message>
        <source>Opening the model of run %1…</source>
        <translation>Ouverture du modèle de l&apos;entraînement %1…</translation>
    </message>
    <message>
        <source>Loading the run&apos;s model</source>
        <translation>Chargement du modèle de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Run %1 holds a CLIP model; open it with File &gt; Open.</source>
        <translation>L&apos;entraînement %1 contient un modèle CLIP ; ouvrez-le avec Fichier &gt; Ouvrir.</translation>
    </message>
    <message>
        <source>Fine-tuned model of run %1: %2</source>
        <translation>Modèle affiné de l&apos;entraînement %1 : %2</translation>
    </message>
    <message>
        <source>Loading model %1 and its fine-tuned version %2…</source>
        <translation>Chargement du modèle %1 et de sa version affinée %2…</translation>
    </message>
    <message>
        <source>Fine-tuned model of %1: %2</source>
        <translation>Modèle affiné de %1 : %2</translation>
    </message>
    <message>
        <source>the run fine-tuned a standard network: no W(x)x</source>
        <translation>l&apos;entraînement a affiné un réseau standard : pas de W(x)x</translation>
    </message>
    <message>
        <source>W(x)x (fine-tuned)</source>
        <translation>W(x)x (affiné)</translation>
    </message>
    <message>
        <source>Contributions (fine-tuned)</source>
        <translation>Contributions (affiné)</translation>
    </message>
    <message>
        <source>GradCAM (fine-tuned)</source>
        <translation>GradCAM (affiné)</translation>
    </message>
    <message>
        <source>W(x)x (before fine-tuning)</source>
        <translation>W(x)x (avant l&apos;affinage)</translation>
    </message>
    <message>
        <source>Contributions (before fine-tuning)</source>
        <translation>Contributions (avant l&apos;affinage)</translation>
    </message>
    <message>
        <source>Opening explanation store %1…</source>
        <translation>Ouverture du magasin d&apos;explications %1…</translation>
    </message>
    <message>
        <source>Opening explanation store</source>
        <translation>Ouverture du magasin d&apos;explications</translation>
    </message>
    <message>
        <source>Could not open explanation store %1: its model %2 is not a classifier</source>
        <translation>Impossible d&apos;ouvrir le magasin d&apos;explications %1&#xa0;: son modèle %2 n&apos;est pas un classifieur</translation>
    </message>
    <message>
        <source>explanation store %1</source>
        <translation>magasin d&apos;explications %1</translation>
    </message>
    <message numerus="yes">
        <source>Opened explanation store %1: %n image(s), methods %2, %3 per-image value(s)%4.</source>
        <translation>
            <numerusform>Magasin d&apos;explications %1 ouvert&#xa0;: %n image, méthodes %2, %3 valeur(s) par image%4.</numerusform>
            <numerusform>Magasin d&apos;explications %1 ouvert&#xa0;: %n images, méthodes %2, %3 valeur(s) par image%4.</numerusform>
        </translation>
    </message>
    <message>
        <source> (incomplete: its run was stopped)</source>
        <translation> (incomplet&#xa0;: son exécution a été interrompue)</translation>
    </message>
    <message>
        <source>Could not read %1 again: %2</source>
        <translation>Impossible de relire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not move the models to %1: %2</source>
        <translation>Impossible de déplacer les modèles vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Moving the models to %1</source>
        <translation>Déplacement des modèles vers %1</translation>
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
    <message>
        <source>%1: %2 %3 %</source>
        <translation>%1 : %2 %3 %</translation>
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
        <translation>Affiné</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ExplanationJobs</name>
    <message>
        <source>Explaining: %1</source>
        <translation>Calcul de l&apos;explication&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reading stored maps: %1</source>
        <translation>Lecture des cartes enregistrées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation>Lecture des images</translation>
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
    <message>
        <source>Cells at their exact pixels</source>
        <translation>Cellules à leurs pixels exacts</translation>
    </message>
    <message>
        <source>Single column (%1 in)</source>
        <translation>Une colonne (%1 in)</translation>
    </message>
    <message>
        <source>Double column (%1 in)</source>
        <translation>Deux colonnes (%1 in)</translation>
    </message>
    <message>
        <source>A paper column: the figure is exactly that wide, so the fonts keep their point size when it is included at \linewidth.</source>
        <translation>Une colonne d&apos;article&#xa0;: la figure a exactement cette largeur, les polices gardent leur taille en points quand elle est incluse à \linewidth.</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Class and confidence under the names</source>
        <translation>Classe et confiance sous les noms</translation>
    </message>
    <message>
        <source>Colour bars with the value range (signed maps)</source>
        <translation>Barres de couleur avec la plage de valeurs (cartes signées)</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Largeur&#xa0;:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>Taille de police&#xa0;:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>as computed</source>
        <translation>telle que calculée</translation>
    </message>
    <message>
        <source>Exact pixels: small cells are enlarged by a whole factor (pixels stay blocks) to at least this side.</source>
        <translation>Pixels exacts&#xa0;: les petites cellules sont agrandies d&apos;un facteur entier (les pixels restent des blocs) jusqu&apos;à au moins ce côté.</translation>
    </message>
    <message>
        <source>Smallest cell:</source>
        <translation>Plus petite cellule&#xa0;:</translation>
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
    <message>
        <source>
Label: %1</source>
        <translation>
Étiquette&#xa0;: %1</translation>
    </message>
    <message>
        <source>
Predicted: %1 (%2 %)</source>
        <translation>
Prédiction&#xa0;: %1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>
Unreadable: %1</source>
        <translation>
Illisible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::ImageValuesTableModel</name>
    <message>
        <source>left out: the map is all zero</source>
        <translation>exclue&#xa0;: la carte est entièrement nulle</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>%1 of %2: higher is better</source>
        <translation>%1 de %2&#xa0;: plus c&apos;est élevé, mieux c&apos;est</translation>
    </message>
    <message>
        <source>%1 of %2: lower is better</source>
        <translation>%1 de %2&#xa0;: plus c&apos;est bas, mieux c&apos;est</translation>
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
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
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
        <source>Predicted class</source>
        <translation>Classe prédite</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Pointing game</source>
        <translation>Pointing game</translation>
    </message>
    <message>
        <source>Text prompts</source>
        <translation>Prompts textuels</translation>
    </message>
    <message>
        <source>Open &amp;dataset split…</source>
        <translation>Ouvrir un &amp;sous-ensemble de jeu de données…</translation>
    </message>
    <message>
        <source>Open dataset split (MNIST/Fashion-MNIST IDX or CIFAR)</source>
        <translation>Ouvrir un sous-ensemble de jeu de données (IDX MNIST/Fashion-MNIST ou CIFAR)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Dataset split</source>
        <translation>Sous-ensemble du jeu de données</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Sous-ensemble&#xa0;:</translation>
    </message>
    <message>
        <source>Number of images (the first ones):</source>
        <translation>Nombre d&apos;images (les premières)&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Compare Original and B-cosified</source>
        <translation>&amp;Comparer l&apos;original et la version B-cosifiée</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Show the current image&apos;s maps side by side, zoomed and panned together</source>
        <translation>Afficher côte à côte les cartes de l&apos;image courante, zoomées et déplacées ensemble</translation>
    </message>
    <message>
        <source>Compare Original and B-cosified…</source>
        <translation>Comparer l&apos;original et la version B-cosifiée…</translation>
    </message>
    <message>
        <source>Demo CLIP: fashion-mnist-clip.safetensors was not found (&lt;install&gt;/share/bcos-studio/demo, resources/demo).</source>
        <translation>CLIP de démonstration : fashion-mnist-clip.safetensors est introuvable (&lt;install&gt;/share/bcos-studio/demo, resources/demo).</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Entraînements</translation>
    </message>
    <message>
        <source>the demo</source>
        <translation>la démo</translation>
    </message>
    <message>
        <source>cuda:%1 — %2</source>
        <translation>cuda:%1 — %2</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Open e&amp;xplanation store…</source>
        <translation>Ouvrir un magasin d&apos;&amp;explications…</translation>
    </message>
    <message>
        <source> (lower is better)</source>
        <translation> (plus c&apos;est bas, mieux c&apos;est)</translation>
    </message>
    <message>
        <source>Open explanation store (a folder written by bcos explain --out FOLDER/)</source>
        <translation>Ouvrir un magasin d&apos;explications (un dossier écrit par bcos explain --out FOLDER/)</translation>
    </message>
    <message>
        <source>All %1 GPUs of this machine (one rank each)</source>
        <translation>Les %1 GPU de cette machine (un rang chacun)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>le CPU</translation>
    </message>
    <message>
        <source>Explanations, predictions and CLIP prompt maps run on %1.</source>
        <translation>Les explications, les prédictions et les cartes des prompts CLIP s’exécutent sur %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (cuda:%2 of %n GPUs)</source>
        <translation>
            <numerusform>%1 (cuda:%2 sur %n GPU)</numerusform>
            <numerusform>%1 (cuda:%2 sur %n GPU)</numerusform>
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
        <translation>Entrée×Gradient</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>Gradients intégrés</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <source>Insertion</source>
        <translation>Insertion</translation>
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
        <translation>Baisse moyenne</translation>
    </message>
    <message>
        <source>Increase in confidence</source>
        <translation>Hausse de la confiance</translation>
    </message>
    <message>
        <source>Sparseness (Gini)</source>
        <translation>Parcimonie (Gini)</translation>
    </message>
    <message>
        <source>Complexity (entropy)</source>
        <translation>Complexité (entropie)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Exporter la figure…</translation>
    </message>
    <message>
        <source>Explain every image with each checked method on the selected model and score the maps (the predicted class; the same values as bcos explain --out STORE/ --metrics)</source>
        <translation>Expliquer chaque image avec chaque méthode cochée sur le modèle sélectionné et évaluer les cartes (la classe prédite&#xa0;; les mêmes valeurs que bcos explain --out STORE/ --metrics)</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Méthodes</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>Intervalle à 95&#xa0;%</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>Meilleur</translation>
    </message>
    <message>
        <source>Click a column header to sort by it; click an image to select it in the browser</source>
        <translation>Cliquez sur un en-tête de colonne pour trier selon celle-ci&#xa0;; cliquez sur une image pour la sélectionner dans la liste des images</translation>
    </message>
    <message>
        <source>W(x)x needs a B-cos model (select it in the browser&apos;s Model choice)</source>
        <translation>W(x)x nécessite un modèle B-cos (sélectionnez-le dans le choix «&#xa0;Modèle&#xa0;» de la liste des images)</translation>
    </message>
    <message>
        <source>Open a classifier model and images, then Compute.</source>
        <translation>Ouvrez un modèle classifieur et des images, puis cliquez sur «&#xa0;Calculer&#xa0;».</translation>
    </message>
    <message>
        <source>Add images (or open an explanation store), then Compute.</source>
        <translation>Ajoutez des images (ou ouvrez un magasin d&apos;explications), puis cliquez sur «&#xa0;Calculer&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>Compute scores the checked methods on all %n image(s) with %1.</source>
        <translation>
            <numerusform>«&#xa0;Calculer&#xa0;» évalue les méthodes cochées sur %n image avec %1.</numerusform>
            <numerusform>«&#xa0;Calculer&#xa0;» évalue les méthodes cochées sur les %n images avec %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>computed on %n image(s) with %1</source>
        <translation>
            <numerusform>calculées sur %n image avec %1</numerusform>
            <numerusform>calculées sur %n images avec %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing on %n image(s)…</source>
        <translation>
            <numerusform>Calcul sur %n image…</numerusform>
            <numerusform>Calcul sur %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Computing metrics</source>
        <translation>Calcul des métriques</translation>
    </message>
    <message numerus="yes">
        <source>Metrics on %n image(s)</source>
        <translation>
            <numerusform>Métriques sur %n image</numerusform>
            <numerusform>Métriques sur %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Computing the metrics failed: %1</source>
        <translation>Échec du calcul des métriques&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled; the values shown are the previous ones.</source>
        <translation>Annulé&#xa0;; les valeurs affichées sont les précédentes.</translation>
    </message>
    <message numerus="yes">
        <source>Summarising %n image(s)…</source>
        <translation>
            <numerusform>Synthèse de %n image…</numerusform>
            <numerusform>Synthèse de %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Summarising metrics</source>
        <translation>Synthèse des métriques</translation>
    </message>
    <message>
        <source>%1 .. %2</source>
        <translation>%1 .. %2</translation>
    </message>
    <message>
        <source>%1 (%2 left out)</source>
        <translation>%1 (%2 exclues)</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>plus élevé</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>plus bas</translation>
    </message>
    <message>
        <source>Values: %1.</source>
        <translation>Valeurs&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Exporter les métriques en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 écrit.</translation>
    </message>
    <message>
        <source>Export metrics figure</source>
        <translation>Exporter la figure des métriques</translation>
    </message>
    <message>
        <source>Figures (*.pdf *.svg *.png)</source>
        <translation>Figures (*.pdf *.svg *.png)</translation>
    </message>
    <message>
        <source>Wrote %1 and its recipe %1.json.</source>
        <translation>%1 et sa recette %1.json écrits.</translation>
    </message>
    <message>
        <source>Random maps (the floor)</source>
        <translation>Cartes aléatoires (le plancher)</translation>
    </message>
    <message>
        <source>Scores seeded random maps (seed 0) beside the checked methods: the floor a method has to beat (the maps of bcos evaluate --method random)</source>
        <translation>Évalue, à côté des méthodes cochées, des cartes aléatoires de graine fixe (0)&#xa0;: le plancher qu&apos;une méthode doit dépasser (les cartes de bcos evaluate --method random)</translation>
    </message>
    <message>
        <source>Check at least one explanation method (random maps are scored beside them).</source>
        <translation>Cochez au moins une méthode d&apos;explication (les cartes aléatoires sont évaluées à côté).</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MetricsPlot</name>
    <message>
        <source>fraction of pixels removed (most relevant first)</source>
        <translation>fraction des pixels supprimés (les plus pertinents d&apos;abord)</translation>
    </message>
    <message>
        <source>fraction of pixels inserted (most relevant first)</source>
        <translation>fraction des pixels insérés (les plus pertinents d&apos;abord)</translation>
    </message>
    <message>
        <source>percentile of pixels imputed</source>
        <translation>centile des pixels imputés</translation>
    </message>
    <message>
        <source>%1: mean score of the explained class</source>
        <translation>%1&#xa0;: score moyen de la classe expliquée</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no %1 values yet</source>
        <translation>pas encore de valeurs pour %1</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::MetricsReport</name>
    <message>
        <source>Attribution metrics: %1 images, model %2</source>
        <translation>Métriques d&apos;attribution&#xa0;: %1 images, modèle %2</translation>
    </message>
    <message>
        <source>Values: %1. Mean with its 95 % percentile-bootstrap interval (2000 resamples).</source>
        <translation>Valeurs&#xa0;: %1. Moyenne avec son intervalle bootstrap par percentiles à 95&#xa0;% (2000 rééchantillonnages).</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>métrique</translation>
    </message>
    <message>
        <source>method</source>
        <translation>méthode</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>intervalle à 95&#xa0;%</translation>
    </message>
    <message>
        <source>images</source>
        <translation>images</translation>
    </message>
    <message>
        <source>better</source>
        <translation>meilleur</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>plus élevé</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>plus bas</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1&#xa0;: écriture impossible (%2)</translation>
    </message>
    <message>
        <source>Attribution metrics</source>
        <translation>Métriques d&apos;attribution</translation>
    </message>
    <message>
        <source>%1: cannot write the SVG file</source>
        <translation>%1&#xa0;: impossible d&apos;écrire le fichier SVG</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF file</source>
        <translation>%1&#xa0;: impossible d&apos;écrire le fichier PDF</translation>
    </message>
    <message>
        <source>%1: unknown figure format &apos;%2&apos; (expected png, svg or pdf)</source>
        <translation>%1&#xa0;: format de figure inconnu «&#xa0;%2&#xa0;» (attendu&#xa0;: png, svg ou pdf)</translation>
    </message>
    <message>
        <source>%1: no file was written</source>
        <translation>%1&#xa0;: aucun fichier n’a été écrit</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PointingGameTool</name>
    <message>
        <source>Pointing game</source>
        <translation>Pointing game</translation>
    </message>
    <message>
        <source>Pointing game: drag a box on an Input cell; each view shows the share of its positive attribution inside the box</source>
        <translation>Pointing game&#xa0;: tracez un cadre sur une cellule Entrée&#xa0;; chaque vue affiche la part de son attribution positive à l&apos;intérieur du cadre</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Positive attribution in box</source>
        <translation>Attribution positive dans le cadre</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>no box: check &quot;Pointing game&quot; and drag a box on an Input cell</source>
        <translation>aucun cadre&#xa0;: cochez «&#xa0;Pointing game&#xa0;» et tracez un cadre sur une cellule Entrée</translation>
    </message>
    <message>
        <source>%1: x %2, y %3, %4 × %5 px</source>
        <translation>%1&#xa0;: x %2, y %3, %4 × %5 px</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Cadre</translation>
    </message>
    <message>
        <source>waiting for the explanation…</source>
        <translation>en attente de l&apos;explication…</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::PredictionJobs</name>
    <message>
        <source>Predicting classes</source>
        <translation>Prédiction des classes</translation>
    </message>
    <message>
        <source>Reading stored predictions</source>
        <translation>Lecture des prédictions enregistrées</translation>
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
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>Model inputs decoded from the image files are kept up to this size; the least recently used are decoded again when a job needs them. The thumbnails on screen get an eighth of it on top. The status bar shows what is kept.</source>
        <translation>Les entrées du modèle décodées depuis les fichiers image sont conservées jusqu&apos;à cette taille&#xa0;; les moins récemment utilisées sont décodées à nouveau quand une tâche en a besoin. Les vignettes à l&apos;écran disposent en plus d&apos;un huitième de cette taille. La barre d&apos;état indique ce qui est conservé.</translation>
    </message>
    <message>
        <source>Memory for decoded images:</source>
        <translation>Mémoire pour les images décodées&#xa0;:</translation>
    </message>
    <message>
        <source>Replay explanations as CUDA graphs</source>
        <translation>Rejouer les explications comme graphes CUDA</translation>
    </message>
    <message>
        <source>On a GPU, the second W(x)x explanation of a given image size is captured as one CUDA graph and later ones replay it: one launch instead of hundreds of small kernels.</source>
        <translation>Sur un GPU, la deuxième explication W(x)x d&apos;une taille d&apos;image est capturée en un graphe CUDA et les suivantes le rejouent&#xa0;: un lancement au lieu de centaines de petits noyaux.</translation>
    </message>
    <message>
        <source>Needs a build against a CUDA LibTorch; this one is CPU-only.</source>
        <translation>Nécessite une compilation avec une LibTorch CUDA&#xa0;; celle-ci ne tourne que sur le CPU.</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU&#xa0;:</translation>
    </message>
    <message>
        <source>Automatic: the first GPU</source>
        <translation>Automatique&#xa0;: le premier GPU</translation>
    </message>
    <message>
        <source>Automatic: the CPU (no GPU)</source>
        <translation>Automatique&#xa0;: le CPU (pas de GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Where explanations, predictions and CLIP prompt maps run. The CPU keeps a GPU free for training; the loaded models move when the dialog is accepted. Training has its own device in the Training dock.</source>
        <translation>Où s’exécutent les explications, les prédictions et les cartes des prompts CLIP. Le CPU laisse un GPU libre pour l’entraînement&#xa0;; les modèles chargés sont déplacés quand la boîte de dialogue est validée. L’entraînement a son propre périphérique dans le panneau Entraînement.</translation>
    </message>
    <message>
        <source>Explanations run on:</source>
        <translation>Explications sur&#xa0;:</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::RunsPanel</name>
    <message>
        <source>Open run</source>
        <translation>Ouvrir l&apos;entraînement</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Val top-1</source>
        <translation>Val. top-1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>The run&apos;s model joins the grid as the fine-tuned model; its curves go on the chart and its settings into the training form</source>
        <translation>Le modèle de l&apos;entraînement rejoint la grille comme modèle affiné ; ses courbes vont sur le graphique et ses réglages dans le formulaire d&apos;entraînement</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
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
        <translation>aucun</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>No runs in %1 yet: start one in the Training dock.</source>
        <translation>Aucun entraînement dans %1 pour l&apos;instant : lancez-en un dans le panneau Entraînement.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%n entraînement dans %1</numerusform>
            <numerusform>%n entraînements dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>curves</source>
        <translation>courbes</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>réglages</translation>
    </message>
    <message>
        <source>%1: not a settings file (%2)</source>
        <translation>%1 : pas un fichier de réglages (%2)</translation>
    </message>
    <message>
        <source>Run %1 has no model, curves or settings to open.</source>
        <translation>L&apos;entraînement %1 n&apos;a ni modèle, ni courbes, ni réglages à ouvrir.</translation>
    </message>
    <message>
        <source>Opened run %1: %2</source>
        <translation>Entraînement %1 ouvert : %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StallProbe</name>
    <message>
        <source>%1: cannot write the stall report (%2)</source>
        <translation>%1&#xa0;: impossible d’écrire le rapport des blocages (%2)</translation>
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
    <message>
        <source>GPU memory: unknown</source>
        <translation>Mémoire GPU : inconnue</translation>
    </message>
    <message>
        <source>GPU memory: %1</source>
        <translation>Mémoire GPU : %1</translation>
    </message>
    <message>
        <source>Model inputs decoded from the image files and kept in memory, up to the budget set in Edit &gt; Preferences; the least recently used are decoded again when needed.</source>
        <translation>Entrées du modèle décodées depuis les fichiers image et conservées en mémoire, dans la limite fixée dans Édition &gt; Préférences&#xa0;; les moins récemment utilisées sont décodées à nouveau au besoin.</translation>
    </message>
    <message numerus="yes">
        <source>Cache: %Ln input(s) · %1 of %2</source>
        <translation>
            <numerusform>Cache&#xa0;: %Ln entrée · %1 sur %2</numerusform>
            <numerusform>Cache&#xa0;: %Ln entrées · %1 sur %2</numerusform>
        </translation>
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
    <message>
        <source>Open Demo &amp;CLIP</source>
        <translation>Ouvrir le &amp;CLIP de démonstration</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Load the demo CLIP (trained on Fashion-MNIST mosaics) and its mosaics; then type a prompt such as &quot;a photo of a sneaker&quot; in the Text prompts panel</source>
        <translation>Charger le CLIP de démonstration (entraîné sur des mosaïques Fashion-MNIST) et ses mosaïques ; puis saisir un prompt tel que &quot;a photo of a sneaker&quot; dans le panneau « Prompts textuels »</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::StudioSession</name>
    <message>
        <source>Training: %1</source>
        <translation>Entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (en pause)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>bcos::widgets::TaskRunner</name>
    <message>
        <source>out of memory</source>
        <translation>mémoire insuffisante</translation>
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
    <message>
        <source>%1: train loss</source>
        <translation>%1&#xa0;: perte d&apos;entraînement</translation>
    </message>
    <message>
        <source>%1: train accuracy</source>
        <translation>%1&#xa0;: exactitude d&apos;entraînement</translation>
    </message>
    <message>
        <source>%1: validation accuracy</source>
        <translation>%1&#xa0;: exactitude de validation</translation>
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
    <message>
        <source>GPU memory –</source>
        <translation>Mémoire GPU –</translation>
    </message>
    <message>
        <source>GPU memory: n/a (CPU)</source>
        <translation>Mémoire GPU&#xa0;: n/d (CPU)</translation>
    </message>
    <message>
        <source>GPU memory %1 GiB</source>
        <translation>Mémoire GPU %1 Gio</translation>
    </message>
    <message>
        <source>Compare with run…</source>
        <translation>Comparer avec un entraînement…</translation>
    </message>
    <message>
        <source>Show the curves of a finished run (its folder with metrics.csv) dashed on the chart</source>
        <translation>Afficher en pointillés sur le graphique les courbes d&apos;un entraînement terminé (son dossier avec metrics.csv)</translation>
    </message>
    <message>
        <source>Remove comparison</source>
        <translation>Supprimer la comparaison</translation>
    </message>
    <message>
        <source>Choose a run folder</source>
        <translation>Choisir le dossier d&apos;un entraînement</translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1: %n epoch(s)</source>
        <translation>
            <numerusform>Comparaison avec %1&#xa0;: %n époque</numerusform>
            <numerusform>Comparaison avec %1&#xa0;: %n époques</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2, top-1 %3 %, top-5 %4 %</source>
        <translation>Époque %1&#xa0;: perte de validation %2, top-1 %3&#xa0;%, top-5 %4&#xa0;%</translation>
    </message>
    <message>
        <source>Cluster script</source>
        <translation>Script de cluster</translation>
    </message>
    <message>
        <source>Write a launch script that runs this training data-parallel on a cluster</source>
        <translation>Écrire un script de lancement qui exécute cet entraînement en parallèle de données sur un cluster</translation>
    </message>
    <message>
        <source>torchrun (every node)…</source>
        <translation>torchrun (chaque nœud)…</translation>
    </message>
    <message>
        <source>SLURM sbatch…</source>
        <translation>SLURM sbatch…</translation>
    </message>
    <message>
        <source>Write the launch script</source>
        <translation>Écrire le script de lancement</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>B-cosify without labels (distil from the original)</source>
        <translation>B-cosifier sans étiquettes (distiller depuis l&apos;original)</translation>
    </message>
    <message>
        <source>The loaded model, frozen, teaches its B-cosified copy to give the same outputs. The images need no labels: an image folder without class folders will do. Labels, where the data has the model&apos;s classes, only report accuracy.</source>
        <translation>Le modèle chargé, figé, apprend à sa copie B-cosifiée à donner les mêmes sorties. Les images n&apos;ont pas besoin d&apos;étiquettes : un dossier d&apos;images sans dossiers de classes suffit. Les étiquettes, quand les données ont les classes du modèle, servent seulement à mesurer la précision.</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>Époque %1 : perte de validation %2</translation>
    </message>
    <message>
        <source>, agrees with the teacher on %1 %</source>
        <translation>, d&apos;accord avec l&apos;enseignant sur %1 %</translation>
    </message>
    <message>
        <source>CUDA graphs</source>
        <translation>Graphes CUDA</translation>
    </message>
    <message>
        <source>After 3 warm-up steps, each training step (forward, backward, gradient clipping, optimiser) is replayed as one CUDA graph: far fewer kernel launches. On one GPU only; the training log says when it is not used.</source>
        <translation>Après 3 étapes d&apos;échauffement, chaque étape d&apos;entraînement (passe avant, arrière, écrêtage des gradients, optimiseur) est rejouée comme un graphe CUDA&#xa0;: bien moins de lancements de noyaux. Sur un seul GPU&#xa0;; le journal d&apos;entraînement indique quand il n&apos;est pas utilisé.</translation>
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
    <message>
        <source>Measure how long the interface is blocked and write the distribution to &lt;file&gt; (JSON) when the studio quits.</source>
        <translation>Mesurer combien de temps l’interface est bloquée et écrire la distribution dans &lt;file&gt; (JSON) à la fermeture du studio.</translation>
    </message>
    <message>
        <source>Benchmark: scroll the browser, sort by confidence and scroll the grid once the images are in (with --measure-stalls).</source>
        <translation>Banc d’essai&#xa0;: une fois les images chargées, faire défiler la liste, trier par confiance et faire défiler la grille (avec --measure-stalls).</translation>
    </message>
</context>
</TS>
