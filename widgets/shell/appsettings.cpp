#include "appsettings.h"

#include "core/explain/wxxgraphs.h"

#include <QDir>
#include <QJsonDocument>

#include <algorithm>

#include <unistd.h>

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

qint64 AppSettings::defaultMemoryBudget()
{
    const qint64 physical = qint64(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE);
    const qint64 mib = qint64(1) << 20;
    const qint64 budget = physical > 0 ? std::min<qint64>(512 * mib, physical / 4) : 512 * mib;
    return std::max<qint64>(budget, minMemoryBudgetMiB() * mib);
}

qint64 AppSettings::memoryBudget() const
{
    const qint64 mib = qint64(1) << 20;
    const qint64 stored = m_settings.value(QStringLiteral("memory/budgetMiB"), 0).toLongLong();
    if (stored <= 0)
        return defaultMemoryBudget();
    return std::clamp<qint64>(stored, minMemoryBudgetMiB(), maxMemoryBudgetMiB()) * mib;
}

void AppSettings::setMemoryBudget(qint64 bytes)
{
    const qint64 mib = std::clamp<qint64>((bytes + (qint64(1) << 19)) >> 20, minMemoryBudgetMiB(), maxMemoryBudgetMiB());
    m_settings.setValue(QStringLiteral("memory/budgetMiB"), mib);
}

bool AppSettings::explanationGraphs() const
{
    const QVariant stored = m_settings.value(QStringLiteral("gpu/explanationGraphs"));
    return stored.isValid() ? stored.toBool() : core::wxxGraphsEnabled();
}

void AppSettings::setExplanationGraphs(bool enabled)
{
    m_settings.setValue(QStringLiteral("gpu/explanationGraphs"), enabled);
}

QString AppSettings::computeDevice() const
{
    return m_settings.value(QStringLiteral("gpu/computeDevice"), QStringLiteral("auto")).toString();
}

void AppSettings::setComputeDevice(const QString &device)
{
    m_settings.setValue(QStringLiteral("gpu/computeDevice"), device);
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

QJsonObject AppSettings::trainingForm() const
{
    return QJsonDocument::fromJson(m_settings.value(QStringLiteral("training/form")).toByteArray()).object();
}

void AppSettings::setTrainingForm(const QJsonObject &form)
{
    m_settings.setValue(QStringLiteral("training/form"), QJsonDocument(form).toJson(QJsonDocument::Compact));
}

QJsonObject AppSettings::exportForm() const
{
    return QJsonDocument::fromJson(m_settings.value(QStringLiteral("export/form")).toByteArray()).object();
}

void AppSettings::setExportForm(const QJsonObject &form)
{
    m_settings.setValue(QStringLiteral("export/form"), QJsonDocument(form).toJson(QJsonDocument::Compact));
}

core::BcosSettings AppSettings::bcosifySettings() const
{
    core::BcosSettings s;
    s.enabled = true;
    s.b = m_settings.value(QStringLiteral("bcosify/b"), s.b).toDouble();
    s.keepBiases = m_settings.value(QStringLiteral("bcosify/keepBiases"), s.keepBiases).toBool();
    s.meanFree = m_settings.value(QStringLiteral("bcosify/meanFree"), s.meanFree).toBool();
    s.maxOut = m_settings.value(QStringLiteral("bcosify/maxOut"), qint64(s.maxOut)).toLongLong();
    s.keepMaxPool = m_settings.value(QStringLiteral("bcosify/keepMaxPool"), s.keepMaxPool).toBool();
    return s;
}

void AppSettings::setBcosifySettings(const core::BcosSettings &s)
{
    m_settings.setValue(QStringLiteral("bcosify/b"), s.b);
    m_settings.setValue(QStringLiteral("bcosify/keepBiases"), s.keepBiases);
    m_settings.setValue(QStringLiteral("bcosify/meanFree"), s.meanFree);
    m_settings.setValue(QStringLiteral("bcosify/maxOut"), qint64(s.maxOut));
    m_settings.setValue(QStringLiteral("bcosify/keepMaxPool"), s.keepMaxPool);
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
