#include "cohortcommand.h"

#include "cohort/cohortoverview.h"
#include "cohort/cohortshare.h"
#include "curriculum/curriculumparser.h"
#include "sync/syncengine.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

QString iso(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue confidenceJson(const CohortCell &cell)
{
    return cell.rated > 0 ? QJsonValue(qRound(cell.confidence * 100) / 100.0) : QJsonValue(QJsonValue::Null);
}

QJsonObject cellJson(const CohortCell &cell)
{
    return QJsonObject { { u"done"_s, cell.tally.done }, { u"inProgress"_s, cell.tally.inProgress },
        { u"skipped"_s, cell.tally.skipped }, { u"total"_s, cell.tally.total },
        { u"percent"_s, qRound(cell.tally.percent() * 10) / 10.0 },
        { u"averageConfidence"_s, confidenceJson(cell) }, { u"rated"_s, cell.rated },
        { u"lastActivity"_s, iso(cell.lastActivity) } };
}

QJsonObject rowJson(const CohortRow &row, const QList<CohortSection> &sections)
{
    QJsonArray cells;
    for (int i = 0; i < sections.size(); ++i) {
        QJsonObject cell = cellJson(row.sections.at(i));
        cell.insert(u"section"_s, sections.at(i).id);
        cells.append(cell);
    }
    return QJsonObject { { u"device"_s, row.deviceId },
        { u"devices"_s, QJsonArray::fromStringList(row.devices) }, { u"name"_s, row.name },
        { u"generatedAt"_s, iso(row.generatedAt) }, { u"lastActivity"_s, iso(row.lastActivity) },
        { u"inactive"_s, row.inactive }, { u"overall"_s, cellJson(row.overall) }, { u"sections"_s, cells },
        { u"drills"_s,
            QJsonObject { { u"attempted"_s, row.drills }, { u"attempts"_s, row.drillAttempts },
                { u"meanLastScore"_s, qRound(row.drillMean * 100) / 100.0 } } } };
}

QJsonObject stuckJson(const StuckItem &item)
{
    QJsonArray learners;
    for (const StuckLearner &l : item.learners) {
        QJsonObject o { { u"name"_s, l.name },
            { u"reason"_s, l.reason == StuckLearner::Stalled ? u"stalled"_s : u"unsure"_s } };
        o.insert(l.reason == StuckLearner::Stalled ? u"days"_s : u"confidence"_s,
            l.reason == StuckLearner::Stalled ? l.days : l.confidence);
        if (!l.note.isEmpty())
            o.insert(u"note"_s, l.note);
        learners.append(o);
    }
    return QJsonObject { { u"id"_s, item.nodeId }, { u"title"_s, item.title },
        { u"section"_s, item.sectionTitle }, { u"count"_s, int(item.learners.size()) },
        { u"learners"_s, learners } };
}

QJsonObject overviewJson(const CohortOverview &o)
{
    QJsonArray sections;
    for (const CohortSection &s : o.sections)
        sections.append(QJsonObject { { u"id"_s, s.id }, { u"title"_s, s.title } });
    QJsonArray rows;
    for (const CohortRow &row : o.rows)
        rows.append(rowJson(row, o.sections));
    QJsonArray stuck;
    for (const StuckItem &item : o.stuck)
        stuck.append(stuckJson(item));
    QJsonArray inactive;
    for (const CohortRow *row : o.inactive())
        inactive.append(
            QJsonObject { { u"name"_s, row->name }, { u"lastActivity"_s, iso(row->lastActivity) } });
    return QJsonObject { { u"folder"_s, o.folder }, { u"curriculum"_s, o.curriculumId },
        { u"now"_s, iso(o.now) }, { u"stuckRule"_s, CohortOverview::stuckRule() },
        { u"inactiveRule"_s, CohortOverview::inactiveRule() }, { u"sections"_s, sections },
        { u"learners"_s, rows }, { u"stuck"_s, stuck }, { u"inactive"_s, inactive },
        { u"messages"_s, QJsonArray::fromStringList(o.messages) } };
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    return u'"' + QString(text).replace(u"\""_s, u"\"\""_s) + u'"';
}

QString csvRow(const CohortRow &row, const QString &sectionId, const QString &section, const CohortCell &cell)
{
    const QStringList fields { row.name, row.deviceId, sectionId, section, QString::number(cell.tally.done),
        QString::number(cell.tally.counted()), QString::number(cell.tally.percent(), 'f', 1),
        cell.rated > 0 ? QString::number(cell.confidence, 'f', 2) : QString(), QString::number(cell.rated),
        iso(cell.lastActivity), iso(row.lastActivity), row.inactive ? u"yes"_s : u"no"_s };
    QStringList quoted;
    for (const QString &field : fields)
        quoted.append(csvField(field));
    return quoted.join(u',');
}

// One row per learner and section, then one for all sections (an empty section ID).
QString overviewCsv(const CohortOverview &o)
{
    QString csv = u"learner,device,section_id,section,done,counted,percent,average_confidence,rated,"
                  "section_last_activity,learner_last_activity,inactive\r\n"_s;
    for (const CohortRow &row : o.rows) {
        for (int i = 0; i < o.sections.size(); ++i)
            csv += csvRow(row, o.sections.at(i).id, o.sections.at(i).title, row.sections.at(i)) + u"\r\n"_s;
        csv += csvRow(row, QString(), CohortCommand::tr("All sections"), row.overall) + u"\r\n"_s;
    }
    return csv;
}

// "50% 3.2": percent done and the average confidence ("-" when nothing is rated).
QString cellText(const CohortCell &cell)
{
    return u"%1% %2"_s.arg(cell.tally.percent(), 0, 'f', 0)
        .arg(cell.rated > 0 ? QString::number(cell.confidence, 'f', 1) : u"-"_s);
}

} // namespace

CohortCommand::CohortCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int CohortCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(u"cohort"_s, u"[share] [DIR]"_s,
        tr("'cohort DIR' shows the cohort in folder DIR; 'cohort share DIR' shares your progress into it."));
    commandLine.parser().setApplicationDescription(
        tr("The cohort view: learners share a summary of their progress (states, confidence, drill scores; "
           "notes "
           "only with --notes) into a folder the bootcamp syncs, DIR/learners/DEVICE-ID/summary.json; an "
           "instructor sees every learner by section, the items most learners are stuck on and who has been "
           "inactive for a week. Viewing never writes into DIR.\n\n%1\n%2")
            .arg(CohortOverview::stuckRule(), CohortOverview::inactiveRule()));
    const QCommandLineOption nameOption(u"name"_s, tr("'share': the name the instructor sees."), tr("NAME"));
    const QCommandLineOption notesOption(u"notes"_s, tr("'share': include your notes."));
    const QCommandLineOption noNotesOption(u"no-notes"_s, tr("'share': leave your notes out (the default)."));
    const QCommandLineOption stopOption(u"stop"_s, tr("'share': stop sharing and remove your summary."));
    const QCommandLineOption csvOption(
        u"csv"_s, tr("Print the view as CSV: one row per learner and section."));
    const QCommandLineOption nowOption(u"now"_s,
        tr("Act as if it were TIME (ISO 8601, e.g. 2026-12-07T09:00:00Z): who is inactive, what is stuck."),
        tr("TIME"));
    commandLine.parser().addOptions(
        { nameOption, notesOption, noNotesOption, stopOption, csvOption, nowOption });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    if (!commandLine.readTime(nowOption, m_now, m_err))
        return 2;
    const QCommandLineParser &parser = commandLine.parser();
    const QStringList args = parser.positionalArguments();
    const bool shareOptions
        = parser.isSet(nameOption) || parser.isSet(notesOption) || parser.isSet(noNotesOption);
    if (args.value(0) == u"share"_s) {
        if (args.size() > 2)
            return commandLine.usageError(
                m_err, tr("'cohort share' takes one folder, not %1.").arg(args.size() - 1));
        if (parser.isSet(notesOption) && parser.isSet(noNotesOption))
            return commandLine.usageError(m_err, tr("Choose one of --notes and --no-notes."));
        if (parser.isSet(stopOption) && (args.size() > 1 || shareOptions))
            return commandLine.usageError(
                m_err, tr("'cohort share --stop' takes no folder, name or notes option."));
        return parser.isSet(stopOption) ? stop(globals) : share(args.value(1), globals, parser);
    }
    if (shareOptions || parser.isSet(stopOption))
        return commandLine.usageError(
            m_err, tr("--name, --notes, --no-notes and --stop go with 'cohort share'."));
    if (args.size() != 1)
        return commandLine.usageError(m_err, tr("Name the cohort folder: 'studybench-cli cohort DIR'."));
    if (parser.isSet(csvOption) && globals.json)
        return commandLine.usageError(m_err, tr("Choose one of --json and --csv."));
    return view(args.first(), globals, parser.isSet(csvOption));
}

CurriculumPtr CohortCommand::curriculum(const GlobalOptions &globals)
{
    CurriculumParseResult parsed = CurriculumParser::parseFileOrBuiltin(globals.curriculum());
    if (!parsed.ok())
        m_err << parsed.error.toString() << Qt::endl;
    return parsed.curriculum;
}

int CohortCommand::share(
    const QString &folder, const GlobalOptions &globals, const QCommandLineParser &parser)
{
    const QString profileDir = globals.profileDirectory();
    CohortSettings settings = CohortShare::settings(profileDir);
    if (!folder.isEmpty())
        settings.folder = folder;
    if (!settings.isSharing()) {
        m_err << tr("Name the cohort folder the first time: 'studybench-cli cohort share DIR'.") << Qt::endl;
        return 2;
    }
    if (parser.isSet(u"name"_s))
        settings.name = parser.value(u"name"_s).trimmed();
    if (settings.name.isEmpty()) {
        m_err << tr("--name needs a name the instructor will recognise, such as your first name.")
              << Qt::endl;
        return 2;
    }
    settings.includeNotes
        = parser.isSet(u"notes"_s) || (settings.includeNotes && !parser.isSet(u"no-notes"_s));
    if (!QDir().mkpath(settings.folder)) {
        m_err << tr("Cannot share into '%1': it cannot be created. Choose the folder your bootcamp syncs.")
                     .arg(QDir::toNativeSeparators(settings.folder))
              << Qt::endl;
        return 1;
    }
    const CurriculumPtr course = curriculum(globals);
    if (!course)
        return 1;
    QString error;
    if (!CohortShare::saveSettings(profileDir, settings, &error)) {
        m_err << error << Qt::endl;
        return 1;
    }
    const CohortShareResult result
        = CohortShare::share(profileDir, *course, SyncEngine::curriculumId(globals.curriculum()), m_now);
    if (!result.ok()) {
        m_err << result.error << Qt::endl;
        return 1;
    }
    printShare(result, settings.name, settings.includeNotes);
    return 0;
}

void CohortCommand::printShare(const CohortShareResult &result, const QString &name, bool notes)
{
    m_out << tr("Shared as '%1' into %2").arg(name, QDir::toNativeSeparators(result.path)) << Qt::endl;
    m_out << tr("Items: %1, drills: %2, notes: %3")
                 .arg(result.items)
                 .arg(result.drills)
                 .arg(notes ? QString::number(result.notes) : tr("not shared (share them with --notes)"))
          << Qt::endl;
    m_out << tr("The window keeps it current while it runs; after changes made on the command line, run "
                "'studybench-cli cohort share' again.")
          << Qt::endl;
}

int CohortCommand::stop(const GlobalOptions &globals)
{
    QString removed;
    QString error;
    if (!CohortShare::stop(globals.profileDirectory(), &removed, &error)) {
        m_err << error << Qt::endl;
        return 1;
    }
    if (removed.isEmpty())
        m_out << tr("Not sharing with a cohort (any more): nothing to remove.") << Qt::endl;
    else
        m_out << tr("Stopped sharing: removed %1").arg(QDir::toNativeSeparators(removed)) << Qt::endl;
    return 0;
}

int CohortCommand::view(const QString &folder, const GlobalOptions &globals, bool csv)
{
    const CurriculumPtr course = curriculum(globals);
    if (!course)
        return 1;
    const QString curriculumId = SyncEngine::curriculumId(globals.curriculum());
    const CohortFolder read
        = CohortReader::read(folder, curriculumId, CohortSummary::curriculumVersion(*course));
    if (!read.error.isEmpty()) {
        m_err << read.error << Qt::endl;
        return 1;
    }
    for (const QString &message : read.messages)
        m_err << message << Qt::endl;
    const CohortOverview o = CohortOverview::compute(read, *course, curriculumId, m_now);
    if (globals.json) {
        m_out << QJsonDocument(overviewJson(o)).toJson();
    } else if (csv) {
        m_out << overviewCsv(o);
    } else {
        printTable(o);
        printStuck(o);
        printInactive(o);
    }
    return 0;
}

void CohortCommand::printTable(const CohortOverview &o)
{
    m_out << tr("Cohort in %1: %n learner(s), curriculum %2, as of %3", nullptr, int(o.rows.size()))
                 .arg(QDir::toNativeSeparators(o.folder), o.curriculumId,
                     o.now.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s))
          << Qt::endl;
    if (o.rows.isEmpty())
        return;
    QList<QStringList> lines;
    QStringList header { tr("Learner"), tr("All") };
    for (int i = 0; i < o.sections.size(); ++i)
        header.append(u"S%1"_s.arg(i + 1));
    header << tr("Drills") << tr("Last active");
    lines.append(header);
    for (const CohortRow &row : o.rows) {
        QStringList line { row.name, cellText(row.overall) };
        for (const CohortCell &cell : row.sections)
            line.append(cellText(cell));
        line << (row.drills > 0 ? u"%1 \u00d7 %2"_s.arg(row.drills).arg(row.drillMean, 0, 'f', 1) : u"-"_s)
             << CohortOverview::ago(row.lastActivity, o.now);
        lines.append(line);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : std::as_const(lines)) {
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = qMax(widths[i], line.at(i).size());
    }
    m_out << Qt::endl;
    for (const QStringList &line : std::as_const(lines)) {
        QString text;
        for (qsizetype i = 0; i < line.size(); ++i)
            text += line.at(i).leftJustified(widths[i] + 2);
        m_out << text.trimmed() << Qt::endl;
    }
    m_out << Qt::endl
          << tr("Each cell: percent done (of the items not skipped) and average confidence 1-5 (- when "
                "none rated). Drills: attempted \u00d7 mean last score (1-4).")
          << Qt::endl;
    for (int i = 0; i < o.sections.size(); ++i)
        m_out << u"  %1  %2"_s.arg(u"S%1"_s.arg(i + 1).leftJustified(3), o.sections.at(i).title) << Qt::endl;
}

void CohortCommand::printStuck(const CohortOverview &o)
{
    m_out << Qt::endl
          << tr("Stuck items, most learners first") << Qt::endl
          << "  " << CohortOverview::stuckRule() << Qt::endl;
    if (o.stuck.isEmpty())
        m_out << "  " << tr("none") << Qt::endl;
    constexpr int kShown = 10;
    for (qsizetype i = 0; i < qMin<qsizetype>(o.stuck.size(), kShown); ++i) {
        const StuckItem &item = o.stuck.at(i);
        QStringList who;
        for (const StuckLearner &l : item.learners)
            who.append(u"%1 (%2)"_s.arg(l.name, CohortOverview::reasonText(l)));
        m_out << "  "
              << tr("%1 of %2: %3 (%4): %5")
                     .arg(item.learners.size())
                     .arg(o.rows.size())
                     .arg(item.title, item.sectionTitle, who.join(u", "_s))
              << Qt::endl;
    }
    if (o.stuck.size() > kShown)
        m_out << "  " << tr("and %n more (--json lists them all)", nullptr, int(o.stuck.size() - kShown))
              << Qt::endl;
}

void CohortCommand::printInactive(const CohortOverview &o)
{
    m_out << Qt::endl
          << tr("Inactive learners, least recently active first") << Qt::endl
          << "  " << CohortOverview::inactiveRule() << Qt::endl;
    const QList<const CohortRow *> inactive = o.inactive();
    if (inactive.isEmpty())
        m_out << "  " << tr("none") << Qt::endl;
    for (const CohortRow *row : inactive) {
        m_out << "  "
              << (row->lastActivity.isValid()
                         ? tr("%1: last active %2")
                               .arg(row->name, CohortOverview::ago(row->lastActivity, o.now))
                         : tr("%1: no activity yet").arg(row->name))
              << Qt::endl;
    }
}

} // namespace StudyBench
