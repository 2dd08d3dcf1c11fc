#include "synccommand.h"

#include "sync/syncengine.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace StudyBench {

namespace {

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs)
                  : QString();
}

QJsonObject passJson(const SyncPassReport &report)
{
    QJsonObject from;
    for (auto i = report.changesFrom.cbegin(); i != report.changesFrom.cend(); ++i)
        from.insert(i.key(), i.value());
    return QJsonObject { { QStringLiteral("device"), report.deviceId },
        { QStringLiteral("exported"), report.exported }, { QStringLiteral("changesFrom"), from },
        { QStringLiteral("messages"), QJsonArray::fromStringList(report.messages) },
        { QStringLiteral("error"), report.error } };
}

QJsonObject statusJson(const SyncStatus &status)
{
    QJsonArray peers;
    for (const SyncPeer &p : status.peers) {
        peers.append(
            QJsonObject { { QStringLiteral("device"), p.deviceId }, { QStringLiteral("lastSeq"), p.lastSeq },
                { QStringLiteral("mergedAt"), iso(p.mergedAt) }, { QStringLiteral("changes"), p.changes } });
    }
    return QJsonObject { { QStringLiteral("device"), status.deviceId },
        { QStringLiteral("folder"), status.folder }, { QStringLiteral("lastSync"), iso(status.lastPassAt) },
        { QStringLiteral("pending"), status.pending },
        { QStringLiteral("devicesInFolder"), QJsonArray::fromStringList(status.devices) },
        { QStringLiteral("merged"), peers } };
}

} // namespace

SyncCommand::SyncCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int SyncCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("sync"), QStringLiteral("[status]"),
        tr("'status' shows the device, the folder and what was merged instead of syncing."));
    commandLine.parser().setApplicationDescription(
        tr("Progress on every device through a folder a sync engine replicates (Syncthing, Nextcloud). "
           "Each device appends its changes to its own logs under FOLDER/devices/ID and merges every "
           "other device's: the latest state wins, notes edited on two devices keep both texts, reviews "
           "and drill attempts are united. 'sync' writes what is pending and merges the others once."));
    const QCommandLineOption folderOption(
        QStringLiteral("folder"), tr("Sync through DIR from now on (then sync once)."), tr("DIR"));
    commandLine.parser().addOption(folderOption);
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList args = commandLine.parser().positionalArguments();
    const QString profileDir = globals.profileDirectory();
    const QString curriculumId = SyncEngine::curriculumId(globals.curriculum());
    if (args == QStringList { QStringLiteral("status") })
        return status(profileDir, curriculumId, globals.json);
    if (!args.isEmpty())
        return commandLine.usageError(m_err, tr("Unknown sync command '%1'.").arg(args.join(u' ')));
    if (commandLine.parser().isSet(folderOption)) {
        const QString folder = commandLine.parser().value(folderOption);
        QString error;
        if (folder.isEmpty() || !QDir().mkpath(folder)
            || !SyncDevice::setFolder(profileDir, folder, &error)) {
            m_err << tr("Cannot sync through '%1': %2")
                         .arg(folder, error.isEmpty() ? tr("cannot create it") : error)
                  << Qt::endl;
            return 1;
        }
    }
    return pass(profileDir, curriculumId, globals.json);
}

void SyncCommand::printPass(const SyncPassReport &report, const QString &folder)
{
    m_out << tr("This device: %1").arg(report.deviceId) << Qt::endl;
    m_out << tr("Changes written to %1: %2")
                 .arg(QDir::toNativeSeparators(SyncDevice::deviceFolder(folder, report.deviceId)))
                 .arg(report.exported)
          << Qt::endl;
    for (auto i = report.changesFrom.cbegin(); i != report.changesFrom.cend(); ++i)
        m_out << tr("Changes merged from device %1: %2").arg(i.key()).arg(i.value()) << Qt::endl;
    if (report.changesFrom.isEmpty())
        m_out << tr("Nothing new from other devices") << Qt::endl;
}

int SyncCommand::pass(const QString &profileDir, const QString &curriculumId, bool json)
{
    SyncEngine engine(profileDir, curriculumId);
    const SyncPassReport report = engine.pass();
    for (const QString &message : report.messages)
        m_err << message << Qt::endl;
    if (json)
        m_out << QJsonDocument(passJson(report)).toJson();
    else if (report.ok())
        printPass(report, SyncDevice::load(profileDir).folder);
    if (!report.ok())
        m_err << report.error << Qt::endl;
    return report.ok() ? 0 : 1;
}

int SyncCommand::status(const QString &profileDir, const QString &curriculumId, bool json)
{
    SyncEngine engine(profileDir, curriculumId);
    const SyncStatus s = engine.status();
    if (!s.error.isEmpty()) {
        m_err << s.error << Qt::endl;
        return 1;
    }
    if (json) {
        m_out << QJsonDocument(statusJson(s)).toJson();
        return 0;
    }
    m_out << tr("Device: %1").arg(s.deviceId) << Qt::endl;
    m_out << tr("Folder: %1").arg(s.folder.isEmpty() ? tr("none (set one with sync --folder DIR)") : s.folder)
          << Qt::endl;
    m_out << tr("Last sync: %1").arg(s.lastPassAt > 0 ? iso(s.lastPassAt) : tr("never")) << Qt::endl;
    m_out << tr("Changes not written yet: %1").arg(s.pending) << Qt::endl;
    for (const SyncPeer &p : s.peers)
        m_out << tr("Merged from %1: up to record %2, changes in all: %3, last at %4")
                     .arg(p.deviceId)
                     .arg(p.lastSeq)
                     .arg(p.changes)
                     .arg(iso(p.mergedAt))
              << Qt::endl;
    return 0;
}

} // namespace StudyBench
