#include "appsettings.h"

#include <QDir>

namespace bcos::widgets {

QStringList AppSettings::recentFiles() const
{
    return m_settings.value(QStringLiteral("recentFiles")).toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > maxRecentFiles())
        files.removeLast();
    m_settings.setValue(QStringLiteral("recentFiles"), files);
}

void AppSettings::clearRecentFiles()
{
    m_settings.remove(QStringLiteral("recentFiles"));
}

QString AppSettings::lastDir(const QString &kind) const
{
    return m_settings.value(QStringLiteral("lastDir/") + kind, QDir::homePath()).toString();
}

void AppSettings::setLastDir(const QString &kind, const QString &dir)
{
    m_settings.setValue(QStringLiteral("lastDir/") + kind, dir);
}

QByteArray AppSettings::geometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QString AppSettings::language() const
{
    return m_settings.value(QStringLiteral("language")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(QStringLiteral("language"), language);
}

QString AppSettings::clipVocabPath() const
{
    return m_settings.value(QStringLiteral("clip/vocab")).toString();
}

void AppSettings::setClipVocabPath(const QString &path)
{
    m_settings.setValue(QStringLiteral("clip/vocab"), path);
}

bool AppSettings::isFirstLaunch() const
{
    return !m_settings.value(QStringLiteral("launched"), false).toBool();
}

void AppSettings::markLaunched()
{
    m_settings.setValue(QStringLiteral("launched"), true);
}

} // namespace bcos::widgets
