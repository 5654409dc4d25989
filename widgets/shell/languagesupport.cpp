#include "languagesupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace bcos::widgets {

QList<QPair<QString, QString>> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("fr"), QStringLiteral("Français")}};
}

QString translationResource(const QString &language)
{
    return QStringLiteral(":/i18n/bcos_studio_%1.qm").arg(language);
}

QString installTranslations(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    const QString code = locale.name().section(QLatin1Char('_'), 0, 0);
    if (code == QLatin1String("en") || !QFile::exists(translationResource(code)))
        return QStringLiteral("en");
    auto *ours = new QTranslator(&app);
    if (!ours->load(translationResource(code))) {
        delete ours;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return code;
}

} // namespace bcos::widgets
