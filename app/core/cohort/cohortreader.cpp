#include "cohort/cohortreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

// What a message says to do for each problem with a file.
QString problemMessage(CohortSummary::Problem problem, const QString &where, const QString &error)
{
    switch (problem) {
    case CohortSummary::Problem::CutShort:
        return CohortReader::tr("%1: %2, probably because it is still being synced. Skipped for now: it is "
                                "read again when it changes.")
            .arg(where, error);
    case CohortSummary::Problem::Newer:
        return CohortReader::tr("%1: %2. Skipped: update StudyBench to see this learner.").arg(where, error);
    case CohortSummary::Problem::NotJson:
    case CohortSummary::Problem::Invalid:
    case CohortSummary::Problem::None:
        break;
    }
    return CohortReader::tr(
        "%1: %2. Skipped: ask the learner to share again (File \u203a Share Progress with "
        "Cohort\u2026 or 'studybench-cli cohort share'), which rewrites the file.")
        .arg(where, error);
}

// Reads one learner's summary; false (with a message) when it cannot be used.
bool readSummary(const QString &path, const QString &where, LearnerSummary &summary, CohortFolder &result)
{
    QFile file(path);
    if (QFileInfo(path).size() > CohortReader::kMaxFileSize) {
        result.messages.append(
            CohortReader::tr("%1: larger than %2 MB, too large for a summary. Skipped: ask the "
                             "learner to share again.")
                .arg(where)
                .arg(CohortReader::kMaxFileSize / (1024 * 1024)));
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.messages.append(
            CohortReader::tr("%1: cannot be read (%2). Skipped: check that you may read the "
                             "cohort folder.")
                .arg(where, file.errorString()));
        return false;
    }
    QString error;
    const CohortSummary::Problem problem = CohortSummary::fromJson(file.readAll(), summary, &error);
    if (problem == CohortSummary::Problem::None)
        return true;
    if (problem == CohortSummary::Problem::CutShort)
        ++result.cutShort;
    result.messages.append(problemMessage(problem, where, error));
    return false;
}

// Whether @p summary belongs in this view; a message for what is skipped or used with a caveat.
bool fits(const LearnerSummary &summary, const QString &where, const QString &device,
    const QString &curriculumId, const QString &curriculumVersion, CohortFolder &result)
{
    if (summary.deviceId != device) {
        result.messages.append(
            CohortReader::tr("%1: it is the summary of device %2, not of %3 whose folder it is "
                             "in (copied by hand?). Skipped: each learner's summary stays in "
                             "its own device's folder.")
                .arg(where, summary.deviceId, device));
        return false;
    }
    if (summary.curriculumId != curriculumId) {
        result.messages.append(
            CohortReader::tr("%1: %2 shares progress in the curriculum '%3', not '%4'. Skipped: "
                             "open the cohort with that curriculum (File \u203a Curriculum, or "
                             "--curriculum %3.md) to see it.")
                .arg(where, summary.name, summary.curriculumId, curriculumId));
        return false;
    }
    if (!summary.curriculumVersion.isEmpty() && summary.curriculumVersion != curriculumVersion) {
        result.messages.append(
            CohortReader::tr("%1: %2 uses another revision of '%3' (items %4, here %5). Used: "
                             "items this revision does not have are left out.")
                .arg(where, summary.name, curriculumId, summary.curriculumVersion, curriculumVersion));
    }
    return true;
}

// The learner in learners/@p device, when it has a summary this view can use.
void readLearner(const QDir &learners, const QString &device, const QString &curriculumId,
    const QString &curriculumVersion, CohortFolder &result)
{
    const QDir dir(learners.filePath(device));
    const QString relative = u"learners/"_s + device + u'/';
    const QStringList files = dir.entryList({ u"*.json"_s }, QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &name : files) {
        if (CohortReader::isConflictCopy(name)) {
            result.messages.append(
                CohortReader::tr("%1: a conflict copy made by the sync engine. Ignored: the "
                                 "learner's %2 is read; the copy may be deleted.")
                    .arg(relative + name, CohortSummary::fileName()));
        }
    }
    const QString where = relative + CohortSummary::fileName();
    if (!files.contains(CohortSummary::fileName())) {
        result.messages.append(
            CohortReader::tr("%1: not there yet. Skipped: it appears with the learner's next "
                             "share, once the folder has synced.")
                .arg(where));
        return;
    }
    LearnerSummary summary;
    if (readSummary(dir.filePath(CohortSummary::fileName()), where, summary, result)
        && fits(summary, where, device, curriculumId, curriculumVersion, result)) {
        if (summary.name.isEmpty())
            summary.name = device;
        result.learners.append(summary);
    }
}

// The representative of @p device in the union-find @p parent (with path halving).
QString rootOf(QHash<QString, QString> &parent, const QString &device)
{
    QString at = device;
    while (parent.value(at, at) != at) {
        const QString up = parent.value(at);
        const QString next = parent.value(up, up);
        parent.insert(at, next);
        at = next;
    }
    return at;
}

// One summary per learner: summaries whose devices sync with each other (directly, or through a
// chain of devices) are one learner's; the most recently generated of them stands for all.
QList<LearnerSummary> groupedByDevices(const QList<LearnerSummary> &summaries)
{
    QHash<QString, QString> parent;
    for (const LearnerSummary &s : summaries) {
        for (const QString &peer : s.syncsWith) {
            const QString root = rootOf(parent, peer);
            const QString own = rootOf(parent, s.deviceId);
            if (root != own)
                parent.insert(root, own);
        }
    }
    QHash<QString, int> groupOf;
    QList<LearnerSummary> groups;
    for (const LearnerSummary &s : summaries) {
        const QString root = rootOf(parent, s.deviceId);
        if (!groupOf.contains(root)) {
            groupOf.insert(root, int(groups.size()));
            groups.append(s);
        }
        LearnerSummary &group = groups[groupOf.value(root)];
        QStringList devices
            = group.combinedDevices.isEmpty() ? QStringList { group.deviceId } : group.combinedDevices;
        if (!devices.contains(s.deviceId))
            devices.append(s.deviceId);
        if (s.generatedAt > group.generatedAt)
            group = s;
        devices.sort();
        group.combinedDevices = devices.size() > 1 ? devices : QStringList();
    }
    return groups;
}

} // namespace

CohortFolder CohortReader::read(
    const QString &folder, const QString &curriculumId, const QString &curriculumVersion)
{
    CohortFolder result;
    result.folder = QFileInfo(folder).absoluteFilePath();
    if (!QFileInfo(folder).isDir()) {
        result.error = tr("%1 is not a folder: choose the cohort folder your bootcamp syncs (the one holding "
                          "'learners').")
                           .arg(QDir::toNativeSeparators(result.folder));
        return result;
    }
    const QDir learners(CohortSummary::learnersFolder(folder));
    if (!learners.exists()) {
        result.messages.append(
            tr("No learner shares progress here yet (there is no 'learners' folder). Learners "
               "share with File \u203a Share Progress with Cohort\u2026 or 'studybench-cli "
               "cohort share %1'.")
                .arg(QDir::toNativeSeparators(result.folder)));
        return result;
    }
    const QStringList devices = learners.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &device : devices)
        readLearner(learners, device, curriculumId, curriculumVersion, result);
    result.learners = groupedByDevices(result.learners);
    std::sort(
        result.learners.begin(), result.learners.end(), [](const LearnerSummary &a, const LearnerSummary &b) {
            const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
            return byName != 0 ? byName < 0 : a.deviceId < b.deviceId;
        });
    return result;
}

bool CohortReader::isConflictCopy(const QString &fileName)
{
    return fileName.contains(u".sync-conflict-"_s)
        || fileName.contains(u"conflicted copy"_s, Qt::CaseInsensitive)
        || fileName.contains(u"'s conflicted"_s, Qt::CaseInsensitive);
}

} // namespace StudyBench
