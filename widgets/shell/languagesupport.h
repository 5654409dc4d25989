#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QCoreApplication;

namespace bcos::widgets {

/// Languages the studio ships translations for: code ("en", "de", "fr") and native name.
QList<QPair<QString, QString>> availableLanguages();

/// The resource path of our compiled translation for `language` (":/i18n/bcos_studio_de.qm").
QString translationResource(const QString &language);

/// Installs Qt's and our translators on `app` for `language` ("" = the system locale). Returns the
/// language actually loaded ("en" when none matched: the source strings are English).
QString installTranslations(QCoreApplication &app, const QString &language);

} // namespace bcos::widgets
