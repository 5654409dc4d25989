// The shipped translations are complete and current, and the language follows the system locale with the
// preferences' override. When a test here fails after new tr() strings: `ninja -C build update_translations`,
// translate the new entries in translations/*.ts (Qt Linguist or an editor), rebuild.
#include "widgets/shell/appsettings.h"
#include "widgets/shell/languagesupport.h"
#include "widgets/shell/preferencesdialog.h"
#include "widgets/shell/versioninfo.h"
#include "widgets/shell/studioactions.h"

#include "tests/support/buildpaths.h"
#include "tests/support/tempdir.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTranslator>
#include <QUndoStack>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace bcos::widgets {
namespace {

/// One <message> of a .ts file.
struct TsEntry {
    QString type; ///< "" (finished), "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList forms; ///< the translation, or one string per numerus form
};

/// Key: context + '\x1f' + source + '\x1f' + comment.
using TsFile = std::map<QString, TsEntry>;

QString ruleText(const QString &key)
{
    QStringList parts = key.split(QChar(0x1f));
    return QStringLiteral("[%1] \"%2\"").arg(parts.value(0), parts.value(1));
}

TsFile readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        ADD_FAILURE() << "cannot open " << path.toStdString();
    QXmlStreamReader xml(&file);
    TsFile entries;
    QString context, source, comment;
    TsEntry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                entry = TsEntry{};
                entry.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                source.clear();
                comment.clear();
            } else if (name == QLatin1String("source"))
                source = xml.readElementText();
            else if (name == QLatin1String("comment"))
                comment = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                entry.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!entry.numerus)
                    entry.forms << xml.readElementText();
            } else if (name == QLatin1String("numerusform"))
                entry.forms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            entries[context + QChar(0x1f) + source + QChar(0x1f) + comment] = entry;
        }
    }
    if (xml.hasError())
        ADD_FAILURE() << path.toStdString() << ": " << xml.errorString().toStdString();
    return entries;
}

QString tsPath(const QString &language)
{
    return QString::fromStdString(test::sourceDir() + "/translations/bcos_studio_%1.ts").arg(language);
}

/// Sorted placeholders (%1..%99, %n), HTML tags and the number of accelerator ampersands ("&&" is literal).
QStringList markers(const QString &text)
{
    QStringList found;
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)|<[^>]+>"));
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    QString withoutLiteral = text;
    withoutLiteral.remove(QStringLiteral("&&"));
    found << QStringLiteral("&x%1").arg(withoutLiteral.count(QLatin1Char('&')));
    return found;
}

class TranslationFiles : public ::testing::TestWithParam<const char *> {};

TEST_P(TranslationFiles, EveryEntryIsFinishedAndKeepsPlaceholdersAcceleratorsAndHtml)
{
    const TsFile entries = readTs(tsPath(QString::fromLatin1(GetParam())));
    ASSERT_GT(entries.size(), 100u);
    for (const auto &[key, entry] : entries) {
        EXPECT_TRUE(entry.type.isEmpty()) << ruleText(key).toStdString() << " is " << entry.type.toStdString();
        ASSERT_EQ(entry.forms.size(), entry.numerus ? 2 : 1) << ruleText(key).toStdString();
        const QString source = key.section(QChar(0x1f), 1, 1);
        for (const QString &form : entry.forms) {
            EXPECT_FALSE(form.trimmed().isEmpty()) << ruleText(key).toStdString() << " has an empty translation";
            EXPECT_EQ(markers(form), markers(source)) << ruleText(key).toStdString() << " -> \"" << form.toStdString() << '"';
        }
    }
}

// lupdate over the same sources as `update_translations` into a scratch file: every string in the code must be
// in the .ts, and the .ts must hold nothing the code no longer has.
TEST_P(TranslationFiles, MatchTheSourceStringsOfTheCode)
{
    test::TempDir dir;
    const QString scratch = QString::fromStdString((dir / "scratch.ts").string());
    QFile list(QString::fromStdString(test::translationSourcesFile()));
    ASSERT_TRUE(list.open(QIODevice::ReadOnly)) << test::translationSourcesFile();
    QStringList arguments = QString::fromUtf8(list.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GT(arguments.size(), 10);
    arguments << QStringLiteral("-locations") << QStringLiteral("none") << QStringLiteral("-ts") << scratch;
    QProcess lupdate;
    lupdate.start(QString::fromStdString(test::lupdatePath()), arguments);
    ASSERT_TRUE(lupdate.waitForFinished(120000));
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();

    const TsFile code = readTs(scratch);
    const TsFile shipped = readTs(tsPath(QString::fromLatin1(GetParam())));
    ASSERT_GT(code.size(), 100u);
    for (const auto &[key, entry] : code)
        EXPECT_TRUE(shipped.count(key)) << ruleText(key).toStdString()
                                        << " is not translated: run `ninja -C build update_translations`";
    for (const auto &[key, entry] : shipped)
        EXPECT_TRUE(code.count(key)) << ruleText(key).toStdString()
                                     << " is no longer in the code: run `ninja -C build update_translations`";
}

INSTANTIATE_TEST_SUITE_P(Languages, TranslationFiles, ::testing::Values("de", "fr"));

/// Removes the translators installTranslations() parented to the application.
void removeTranslators()
{
    for (QTranslator *translator : qApp->findChildren<QTranslator *>(QString(), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

QString openModelText()
{
    QUndoStack stack;
    StudioActions actions(stack, nullptr);
    return actions.openModel->text();
}

TEST(Language, PreferencesOverrideSelectsTheTranslation)
{
    AppSettings settings;
    PreferencesDialog dialog(settings, VersionInfo{});
    auto *combo = dialog.findChild<QComboBox *>();
    ASSERT_NE(combo, nullptr);
    const int german = combo->findData(QStringLiteral("de"));
    ASSERT_GE(german, 0);
    combo->setCurrentIndex(german);
    dialog.accept();
    ASSERT_EQ(settings.language(), QStringLiteral("de"));

    EXPECT_EQ(installTranslations(*qApp, settings.language()), QStringLiteral("de"));
    EXPECT_EQ(openModelText(), QStringLiteral("&Modell öffnen…"));
    removeTranslators();
    EXPECT_EQ(installTranslations(*qApp, QStringLiteral("fr")), QStringLiteral("fr"));
    EXPECT_EQ(openModelText(), QStringLiteral("Ouvrir un &modèle…"));
    removeTranslators();
    EXPECT_EQ(installTranslations(*qApp, QStringLiteral("en")), QStringLiteral("en"));
    EXPECT_EQ(installTranslations(*qApp, QStringLiteral("xx")), QStringLiteral("en"));
    EXPECT_EQ(openModelText(), QStringLiteral("Open &Model…"));
    settings.setLanguage(QString());
}

/// `bcos-studio --help` under `locale`, with a private settings home whose language override is `override`.
QString studioHelp(const QString &locale, const QString &override)
{
    test::TempDir home;
    const QString config = QString::fromStdString((home / "config").string());
    if (!override.isEmpty()) {
        QSettings stored(config + QStringLiteral("/B-cos Studio/bcos-studio.conf"), QSettings::IniFormat);
        stored.setValue(QStringLiteral("language"), override);
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("LC_ALL"), locale);
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QString::fromStdString(test::studioPath()), {QStringLiteral("--help")});
    if (!process.waitForFinished(60000))
        return QStringLiteral("(timeout)");
    return QString::fromUtf8(process.readAllStandardOutput());
}

TEST(Language, StudioFollowsTheSystemLocaleUnlessThePreferencesOverrideIt)
{
    EXPECT_TRUE(studioHelp(QStringLiteral("de_DE.UTF-8"), QString()).contains(QStringLiteral("Versionen ausgeben und beenden.")));
    EXPECT_TRUE(studioHelp(QStringLiteral("fr_FR.UTF-8"), QString()).contains(QStringLiteral("Afficher les versions et quitter.")));
    EXPECT_TRUE(studioHelp(QStringLiteral("C"), QString()).contains(QStringLiteral("Print versions and exit.")));
    EXPECT_TRUE(studioHelp(QStringLiteral("fr_FR.UTF-8"), QStringLiteral("de")).contains(QStringLiteral("Versionen ausgeben und beenden.")));
    EXPECT_TRUE(studioHelp(QStringLiteral("de_DE.UTF-8"), QStringLiteral("en")).contains(QStringLiteral("Print versions and exit.")));
}

} // namespace
} // namespace bcos::widgets
