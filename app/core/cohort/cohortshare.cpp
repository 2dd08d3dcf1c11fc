#include "cohort/cohortshare.h"

#include "curriculum/curriculum.h"
#include "drill/drillstore.h"
#include "progress/progressstore.h"
#include "sync/syncdevice.h"
#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlQuery>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

QString settingsPath(const QString &profileDir)
{
    return QDir(profileDir).filePath(DataFile::cohortSettings());
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        *error
            = CohortShare::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QList<CohortItem> itemsOf(
    const Curriculum &curriculum, const ItemRecords &records, const QHash<QString, QString> &notes)
{
    QList<CohortItem> items;
    for (const CurriculumNode *node : curriculum.checkableNodes()) {
        const auto record = records.constFind(node->id);
        const QString note = notes.value(node->id);
        if (record == records.cend() && note.isEmpty())
            continue;
        CohortItem item;
        item.nodeId = node->id;
        item.note = note;
        if (record != records.cend()) {
            item.state = record->state;
            item.confidence = record->confidence;
            item.changedAt = record->updatedAt;
        }
        items.append(item);
    }
    return items;
}

QList<CohortDrill> drillsOf(const Curriculum &curriculum, const QHash<QString, DrillSummary> &summaries)
{
    QList<CohortDrill> drills;
    for (const CurriculumNode *node : curriculum.allNodes()) {
        const auto s = summaries.constFind(node->id);
        if (s != summaries.cend() && s->attempts > 0)
            drills.append({ node->id, s->attempts, s->lastMean, s->lastStartedAt });
    }
    return drills;
}

// The devices whose logs this database has merged (sync_peer): the same learner's other devices.
QStringList syncPeersOf(const QString &path)
{
    SqliteDatabase db(u"cohortpeers"_s);
    QStringList peers;
    if (!db.open(path, ProgressStore::migrations()))
        return peers;
    QSqlQuery q(db.database());
    q.setForwardOnly(true);
    if (q.exec(u"SELECT device FROM sync_peer ORDER BY device"_s)) {
        while (q.next())
            peers.append(q.value(0).toString());
    }
    return peers;
}

} // namespace

CohortSettings CohortShare::settings(const QString &profileDir)
{
    CohortSettings settings;
    QFile file(settingsPath(profileDir));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        settings.folder = o.value(u"folder"_s).toString();
        settings.name = o.value(u"name"_s).toString().trimmed();
        settings.includeNotes = o.value(u"includeNotes"_s).toBool();
    }
    if (settings.name.isEmpty())
        settings.name = QDir::home().dirName();
    return settings;
}

bool CohortShare::saveSettings(const QString &profileDir, const CohortSettings &settings, QString *error)
{
    if (!makePrivateFolder(profileDir)) {
        *error = tr("Cannot create the data directory %1").arg(QDir::toNativeSeparators(profileDir));
        return false;
    }
    const QString folder
        = settings.folder.isEmpty() ? QString() : QFileInfo(settings.folder).absoluteFilePath();
    const QJsonObject o { { u"folder"_s, folder }, { u"name"_s, settings.name.trimmed() },
        { u"includeNotes"_s, settings.includeNotes } };
    return writeFile(settingsPath(profileDir), QJsonDocument(o).toJson(), error);
}

bool CohortShare::collect(const QString &profileDir, const Curriculum &curriculum,
    const QString &curriculumId, const CohortSettings &settings, const QDateTime &now,
    LearnerSummary &summary, QString *error)
{
    const QString path = progressDatabasePath(profileDir);
    ProgressStore progress;
    DrillStore drills;
    if (!progress.open(path) || !drills.open(path)) {
        *error = tr("Cannot read the progress in %1: %2")
                     .arg(QDir::toNativeSeparators(path),
                         progress.isOpen() ? drills.errorString() : progress.errorString());
        return false;
    }
    summary = {};
    summary.name = settings.name.trimmed();
    summary.curriculumId = curriculumId;
    summary.curriculumVersion = CohortSummary::curriculumVersion(curriculum);
    summary.generatedAt = now.toUTC();
    summary.notesIncluded = settings.includeNotes;
    summary.items = itemsOf(
        curriculum, progress.items(), settings.includeNotes ? progress.notes() : QHash<QString, QString>());
    summary.drills = drillsOf(curriculum, drills.summaries());
    summary.syncsWith = syncPeersOf(path);
    return true;
}

CohortShareResult CohortShare::share(const QString &profileDir, const Curriculum &curriculum,
    const QString &curriculumId, const QDateTime &now)
{
    CohortShareResult result;
    const CohortSettings s = settings(profileDir);
    if (!s.isSharing()) {
        result.error
            = tr("This profile does not share its progress with a cohort: choose a cohort folder first.");
        return result;
    }
    const SyncSettings device = SyncDevice::load(profileDir);
    if (!device.error.isEmpty()) {
        result.error = device.error;
        return result;
    }
    LearnerSummary summary;
    if (!collect(profileDir, curriculum, curriculumId, s, now, summary, &result.error))
        return result;
    summary.deviceId = result.deviceId = device.deviceId;
    result.path = CohortSummary::path(s.folder, device.deviceId);
    if (!QDir().mkpath(QFileInfo(result.path).path())) {
        result.error
            = tr("Cannot create the folder %1 in the cohort folder: check that it exists and that you "
                 "may write to it.")
                  .arg(QDir::toNativeSeparators(QFileInfo(result.path).path()));
        return result;
    }
    if (!writeFile(result.path, CohortSummary::toJson(summary), &result.error))
        return result;
    result.items = int(summary.items.size());
    result.drills = int(summary.drills.size());
    for (const CohortItem &item : std::as_const(summary.items))
        result.notes += item.note.isEmpty() ? 0 : 1;
    return result;
}

bool CohortShare::stop(const QString &profileDir, QString *removed, QString *error)
{
    CohortSettings s = settings(profileDir);
    if (s.isSharing()) {
        const QString path = CohortSummary::path(s.folder, SyncDevice::load(profileDir).deviceId);
        if (QFileInfo::exists(path)) {
            if (!QFile::remove(path)) {
                *error = tr(
                    "Cannot remove %1: remove it by hand, or check that you may write to the cohort folder.")
                             .arg(QDir::toNativeSeparators(path));
                return false;
            }
            *removed = path;
        }
        QDir().rmdir(QFileInfo(path).path()); // only when empty
    }
    s.folder.clear();
    return saveSettings(profileDir, s, error);
}

} // namespace StudyBench
