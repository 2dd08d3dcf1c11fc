#include "clicommands.h"

#include "cliprogress.h"
#include "cohortcommand.h"
#include "curriculum/curriculumparser.h"
#include "drillcommand.h"
#include "exportcommand.h"
#include "httpcommand.h"
#include "progress/backupmanager.h"
#include "progress/progressopener.h"
#include "progress/progressreconciler.h"
#include "progress/progressstore.h"
#include "progress/progresssummary.h"
#include "report/progressimport.h"
#include "reviewcommand.h"
#include "searchcommand.h"
#include "servecommand.h"
#include "synccommand.h"
#include "util/datalocation.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace StudyBench {

namespace {

QJsonObject nodeToJson(const CurriculumNode *node)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), node->id);
    o.insert(QStringLiteral("kind"), kindName(node->kind));
    o.insert(QStringLiteral("title"), node->title);
    o.insert(QStringLiteral("text"), node->text);
    o.insert(QStringLiteral("line"), node->line);
    if (node->kind == NodeKind::ChecklistItem || node->kind == NodeKind::Milestone)
        o.insert(QStringLiteral("checkedInSource"), node->markedDoneInSource);
    QJsonArray children;
    for (const auto &child : node->children)
        children.append(nodeToJson(child.get()));
    o.insert(QStringLiteral("children"), children);
    return o;
}

QJsonObject tallyToJson(const Tally &t)
{
    return QJsonObject {
        { QStringLiteral("total"), t.total },
        { QStringLiteral("done"), t.done },
        { QStringLiteral("inProgress"), t.inProgress },
        { QStringLiteral("skipped"), t.skipped },
        { QStringLiteral("percent"), qRound(t.percent() * 10) / 10.0 },
    };
}

QString formatTally(const Tally &t)
{
    return QStringLiteral("%1/%2  %3%").arg(t.done).arg(t.counted()).arg(t.percent(), 0, 'f', 0);
}

// Orders the kinds for output: as they nest in a curriculum.
QList<NodeKind> kindsInOrder()
{
    return { NodeKind::Section, NodeKind::Group, NodeKind::Topic, NodeKind::Concept, NodeKind::ChecklistItem,
        NodeKind::Project, NodeKind::Milestone, NodeKind::Bullet };
}

/// The subcommands of 'progress', over one opened store and its curriculum.
class ProgressCommand
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)

public:
    ProgressCommand(QTextStream &out, QTextStream &err, CommandLine &commandLine, ProgressStore &store,
        const Curriculum &curriculum)
        : m_out(out)
        , m_err(err)
        , m_commandLine(commandLine)
        , m_store(store)
        , m_curriculum(curriculum)
    { }

    /// 'progress set ID STATE'.
    int set(const QStringList &args)
    {
        if (args.size() != 3)
            return m_commandLine.usageError(m_err, tr("Usage: studybench-cli progress set ID STATE"));
        const QString id = args.at(1);
        const auto state = stateFromName(args.at(2));
        if (!state)
            return m_commandLine.usageError(m_err,
                tr("'%1' is not a state; use not-started, in-progress, done or skipped.").arg(args.at(2)));
        const CurriculumNode *node = m_curriculum.find(id);
        if (!node) {
            QStringList similar;
            for (const CurriculumNode *n : m_curriculum.checkableNodes()) {
                if (n->id.endsWith(id.section(QLatin1Char('/'), -1)) || n->id.contains(id))
                    similar.append(n->id);
            }
            m_err << tr("No item has the ID '%1'.").arg(id) << Qt::endl;
            if (!similar.isEmpty())
                m_err << tr("Did you mean:") << Qt::endl
                      << QStringLiteral("  ") << similar.mid(0, 5).join(QStringLiteral("\n  ")) << Qt::endl;
            else
                m_err << tr("'studybench-cli curriculum --json' lists every ID.") << Qt::endl;
            return 1;
        }
        if (!isCheckable(node->kind)) {
            m_err << tr("'%1' is a %2; only concepts, checklist items, projects and milestones have a state.")
                         .arg(id, kindName(node->kind))
                  << Qt::endl;
            return 1;
        }
        if (!m_store.setState(id, *state, node->title, QStringLiteral("cli"))) {
            m_err << m_store.errorString() << Qt::endl;
            return 1;
        }
        m_out << tr("%1: %2").arg(id, stateName(*state)) << Qt::endl;
        return 0;
    }

    /// 'progress reset SECTION_ID'.
    int reset(const QStringList &args, const QString &profileDirectory)
    {
        if (args.size() != 2)
            return m_commandLine.usageError(m_err, tr("Usage: studybench-cli progress reset SECTION_ID"));
        const SectionReset::Result result
            = SectionReset::run(m_curriculum, args.at(1), m_store.path(), profileDirectory);
        if (!result.ok()) {
            m_err << result.error << Qt::endl;
            return 1;
        }
        m_out << tr("%n item(s) set back to not started; notes, confidence and review cards are kept.",
            nullptr, result.reset)
              << Qt::endl
              << tr("To undo: studybench-cli backup restore %1").arg(result.backupPath) << Qt::endl;
        return 0;
    }

    /// 'progress history [ID]'.
    int history(const QStringList &args, bool json)
    {
        if (args.size() > 2)
            return m_commandLine.usageError(m_err, tr("Usage: studybench-cli progress history [ID]"));
        const QList<HistoryEntry> entries = m_store.history(args.value(1));
        if (json) {
            QJsonArray array;
            for (const HistoryEntry &e : entries) {
                array.append(QJsonObject { { QStringLiteral("id"), e.nodeId },
                    { QStringLiteral("from"), e.from ? QJsonValue(stateName(*e.from)) : QJsonValue() },
                    { QStringLiteral("to"), stateName(e.to) },
                    { QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs) },
                    { QStringLiteral("source"), e.source } });
            }
            m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        for (const HistoryEntry &e : entries) {
            m_out << e.at.toLocalTime().toString(Qt::ISODate) << "  " << e.nodeId << "  "
                  << (e.from ? stateName(*e.from) : QStringLiteral("-")) << " -> " << stateName(e.to) << "  ("
                  << e.source << ')' << Qt::endl;
        }
        return 0;
    }

    /// 'progress': done/total per section and kind, and the orphaned records.
    int summary(bool json)
    {
        const ItemRecords records = m_store.items();
        const StateMap states = statesOf(records);
        const QList<ItemRecord> orphans = orphanedRecords(m_curriculum, records);
        return json ? summaryJson(states, orphans) : summaryText(states, orphans);
    }

private:
    int summaryJson(const StateMap &states, const QList<ItemRecord> &orphans)
    {
        const Tally overall = tallyOf(m_curriculum.root(), states);
        const QMap<NodeKind, Tally> byKind = tallyByKind(m_curriculum, states);
        QJsonArray sections;
        for (const CurriculumNode *s : m_curriculum.sections()) {
            QJsonObject o = tallyToJson(tallyOf(s, states));
            o.insert(QStringLiteral("id"), s->id);
            o.insert(QStringLiteral("title"), s->title);
            sections.append(o);
        }
        QJsonObject kinds;
        for (auto it = byKind.begin(); it != byKind.end(); ++it)
            kinds.insert(kindName(it.key()), tallyToJson(it.value()));
        QJsonArray orphanArray;
        for (const ItemRecord &r : orphans) {
            orphanArray.append(QJsonObject { { QStringLiteral("id"), r.nodeId },
                { QStringLiteral("title"), r.title }, { QStringLiteral("state"), stateName(r.state) },
                { QStringLiteral("updatedAt"), r.updatedAt.toString(Qt::ISODateWithMs) } });
        }
        const QJsonObject root { { QStringLiteral("database"), m_store.path() },
            { QStringLiteral("overall"), tallyToJson(overall) }, { QStringLiteral("sections"), sections },
            { QStringLiteral("kinds"), kinds }, { QStringLiteral("orphaned"), orphanArray } };
        m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return 0;
    }

    int summaryText(const StateMap &states, const QList<ItemRecord> &orphans)
    {
        const Tally overall = tallyOf(m_curriculum.root(), states);
        const QMap<NodeKind, Tally> byKind = tallyByKind(m_curriculum, states);
        m_out << tr("Progress in %1").arg(m_store.path()) << Qt::endl << Qt::endl;
        m_out << tr("By section:") << Qt::endl;
        for (const CurriculumNode *s : m_curriculum.sections())
            m_out << QStringLiteral("  %1 %2").arg(s->title, -48).arg(formatTally(tallyOf(s, states)))
                  << Qt::endl;
        m_out << Qt::endl << tr("By kind:") << Qt::endl;
        for (auto it = byKind.begin(); it != byKind.end(); ++it)
            m_out << QStringLiteral("  %1 %2").arg(kindName(it.key()), -48).arg(formatTally(it.value()))
                  << Qt::endl;
        m_out << Qt::endl
              << tr("Overall: %1 done of %2 (%3 in progress, %4 skipped), %5%")
                     .arg(overall.done)
                     .arg(overall.total)
                     .arg(overall.inProgress)
                     .arg(overall.skipped)
                     .arg(overall.percent(), 0, 'f', 1)
              << Qt::endl;
        if (!orphans.isEmpty()) {
            m_out << Qt::endl
                  << tr("Orphaned progress (kept; these IDs are not in the curriculum any more):")
                  << Qt::endl;
            for (const ItemRecord &r : orphans)
                m_out << QStringLiteral("  %1  %2  (%3)").arg(r.nodeId, stateName(r.state), r.title)
                      << Qt::endl;
        }
        return 0;
    }

    QTextStream &m_out;
    QTextStream &m_err;
    CommandLine &m_commandLine;
    ProgressStore &m_store;
    const Curriculum &m_curriculum;
};

} // namespace

CliCommands::CliCommands(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int CliCommands::usageError(const QString &message)
{
    m_err << message << Qt::endl << tr("Run 'studybench-cli --help' for the commands.") << Qt::endl;
    return 2;
}

int CliCommands::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("StudyBench on the command line.\n\n"
           "Commands:\n"
           "  curriculum [FILE]           print the curriculum tree (the built-in one, or FILE)\n"
           "  progress                    print done/total and percent per section and per kind\n"
           "  progress set ID STATE       set an item's state: not-started, in-progress, done, skipped\n"
           "  progress history [ID]       print recorded changes, oldest first\n"
           "  progress reset SECTION_ID   set a section's items back to not started for revision\n"
           "  export --format FMT -o FILE progress as md, html, pdf or json, review cards for anki\n"
           "  import FILE [--dry-run]     merge a JSON export into this profile (backed up first)\n"
           "  backup [create]             back up the progress database now\n"
           "  backup list                 list backups with their dates and item counts\n"
           "  backup restore FILE         replace the progress with a backup (the current one is kept)\n"
           "  http FILE.http [OPTIONS]    send a .http file's requests\n"
           "  serve [--port N]            run the practice server on 127.0.0.1 until Ctrl+C\n"
           "  serve reset                 delete all practice server data\n"
           "  review [due|add|grade|show|optimize|stats]  spaced review with FSRS-6\n"
           "  drill [list|rubric|attempts|record|surprise]  interview drills, scored on a rubric\n"
           "  search QUERY [--kind KIND]  search curriculum, notes, practice files and request history\n"
           "  sync [--folder DIR|status]  sync progress with your other devices through a synced folder\n"
           "  cohort share DIR [--name N] share your progress with a cohort (an instructor's folder)\n"
           "  cohort DIR [--json|--csv]   the instructor's view of a cohort folder\n\n"
           "'studybench-cli COMMAND --help' shows a command's options. The options below go before or "
           "after the command."));
    parser.addHelpOption();
    parser.addVersionOption();
    GlobalOptions::addTo(parser);
    parser.addPositionalArgument(QStringLiteral("command"), tr("curriculum, progress, backup, http or serve"),
        tr("COMMAND [ARGUMENTS]"));
    // Everything from the command's name on is the command's to parse.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(arguments))
        return usageError(CommandLine::errorText(parser, QString()));
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
              << Qt::endl;
        return 0;
    }
    const QStringList commandArguments = parser.positionalArguments();
    if (commandArguments.isEmpty())
        return usageError(tr("No command given."));
    GlobalOptions globals;
    globals.readFrom(parser);
    const QString command = commandArguments.first();
    if (command == QLatin1StringView("curriculum"))
        return curriculum(commandArguments, globals);
    if (command == QLatin1StringView("backup"))
        return backup(commandArguments, globals);
    if (command == QLatin1StringView("progress"))
        return progress(commandArguments, globals);
    if (command == QLatin1StringView("serve"))
        return serve(commandArguments, globals);
    if (command == QLatin1StringView("http"))
        return HttpCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("review"))
        return ReviewCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("drill"))
        return DrillCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("sync"))
        return SyncCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("cohort"))
        return CohortCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("search"))
        return SearchCommand(m_out, m_err).run(commandArguments, globals);
    if (command == QLatin1StringView("export"))
        return ExportCommand(m_out, m_err).exportProgress(commandArguments, globals);
    if (command == QLatin1StringView("import"))
        return ExportCommand(m_out, m_err).importProgress(commandArguments, globals);
    return usageError(tr("Unknown command '%1'.").arg(command));
}

int CliCommands::serve(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("serve"), QStringLiteral("[reset]"),
        tr("'reset' deletes the practice data instead of serving."));
    commandLine.parser().setApplicationDescription(
        tr("Runs the practice server (the playground under /http, Conduit under /api) on 127.0.0.1 "
           "until Ctrl+C, with an access log on standard output. 'serve reset' deletes all practice "
           "data."));
    const QCommandLineOption portOption(
        QStringLiteral("port"), tr("Listen on PORT (default: 8787)."), tr("PORT"));
    commandLine.parser().addOption(portOption);
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    return ServeCommand(m_out, m_err)
        .run(commandLine.parser().positionalArguments(), commandLine.parser().value(portOption),
            globals.dataDirectory());
}

int CliCommands::backup(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("backup"), QStringLiteral("[create|list|restore FILE]"),
        tr("What to do; create when none is given."));
    commandLine.parser().setApplicationDescription(
        tr("Backs up the progress database now (create, the default), lists the backups, or "
           "restores one (the current progress is kept as a backup)."));
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList args = commandLine.parser().positionalArguments();
    const bool json = globals.json;
    const QString dataDir = globals.profileDirectory();
    BackupManager backups(dataDir);
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == QLatin1StringView("create")) {
        ProgressStore store;
        if (!openProgressStore(store, dataDir, m_err))
            return 1;
        const auto made = backups.backUp(store.path(), QStringLiteral("manual"));
        if (!made) {
            m_err << backups.errorString() << Qt::endl;
            return 1;
        }
        backups.prune();
        m_out << made->path << Qt::endl;
        return 0;
    }
    if (sub == QLatin1StringView("list")) {
        const QList<BackupInfo> all = backups.list(true);
        if (json) {
            QJsonArray array;
            for (const BackupInfo &b : all) {
                array.append(QJsonObject { { QStringLiteral("path"), b.path },
                    { QStringLiteral("createdAt"), b.createdAt.toString(Qt::ISODate) },
                    { QStringLiteral("reason"), b.reason }, { QStringLiteral("healthy"), b.healthy },
                    { QStringLiteral("items"), b.items }, { QStringLiteral("done"), b.done } });
            }
            m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        for (const BackupInfo &b : all) {
            m_out << b.createdAt.toLocalTime().toString(Qt::ISODate) << "  "
                  << QStringLiteral("%1").arg(b.reason, -14)
                  << (b.healthy ? tr("%1 items, %2 done").arg(b.items).arg(b.done) : tr("damaged")) << "  "
                  << b.path << Qt::endl;
        }
        if (all.isEmpty())
            m_out << tr("No backups in %1.").arg(backups.directory()) << Qt::endl;
        return 0;
    }
    if (sub == QLatin1StringView("restore")) {
        if (args.size() != 2)
            return commandLine.usageError(m_err, tr("Usage: studybench-cli backup restore FILE"));
        ProgressStore store;
        if (!openProgressStore(store, dataDir, m_err))
            return 1;
        BackupInfo chosen = BackupManager::inspect(QFileInfo(args.at(1)).absoluteFilePath());
        const OpenReport report = ProgressOpener::restore(store, dataDir, chosen);
        if (!report.ok) {
            m_err << report.error << Qt::endl;
            return 1;
        }
        m_out << tr("Restored %1 (%2 items). The previous progress is kept as a backup.")
                     .arg(chosen.path)
                     .arg(chosen.items)
              << Qt::endl;
        return 0;
    }
    return commandLine.usageError(
        m_err, tr("Unknown backup command '%1'; use create, list or restore.").arg(sub));
}

int CliCommands::curriculum(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(
        QStringLiteral("curriculum"), QStringLiteral("[FILE]"), tr("A curriculum Markdown file."));
    commandLine.parser().setApplicationDescription(
        tr("Prints the curriculum tree and the counts per kind: the built-in curriculum, the one "
           "--curriculum names, or FILE."));
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList args = commandLine.parser().positionalArguments();
    const bool json = globals.json;
    const QString curriculumFile = globals.curriculum();
    if (args.size() > 1)
        return commandLine.usageError(m_err, tr("'curriculum' takes at most one FILE."));
    const QString file = !args.isEmpty() ? args.first() : curriculumFile;
    const CurriculumParseResult result = CurriculumParser::parseFileOrBuiltin(file);
    if (!result.ok()) {
        m_err << result.error.toString() << Qt::endl;
        return 1;
    }
    for (const QString &w : result.warnings)
        m_err << tr("warning: %1").arg(w) << Qt::endl;
    const Curriculum &c = *result.curriculum;
    const QMap<NodeKind, int> counts = c.countByKind();
    if (json) {
        QJsonObject root = nodeToJson(c.root());
        QJsonObject countObject;
        for (NodeKind k : kindsInOrder())
            countObject.insert(kindName(k), counts.value(k));
        root.insert(QStringLiteral("counts"), countObject);
        root.insert(QStringLiteral("source"), c.sourceName());
        root.insert(QStringLiteral("repairedEncoding"), result.repairedRuns > 0);
        m_out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << c.title() << Qt::endl;
    const QList<const CurriculumNode *> nodes = c.allNodes();
    for (const CurriculumNode *node : nodes) {
        if (node == c.root())
            continue;
        int depth = 0;
        for (const CurriculumNode *p = node->parent; p && p != c.root(); p = p->parent)
            ++depth;
        m_out << QString(2 * (depth + 1), QLatin1Char(' ')) << '[' << kindName(node->kind) << "] "
              << node->title;
        if (node->kind == NodeKind::Concept && !node->text.isEmpty())
            m_out << QStringLiteral(" \u2014 ") << node->text;
        m_out << Qt::endl;
    }
    m_out << Qt::endl << tr("Counts:") << Qt::endl;
    for (NodeKind k : kindsInOrder())
        m_out << QStringLiteral("  %1 %2").arg(kindName(k) + QLatin1Char(':'), -16).arg(counts.value(k))
              << Qt::endl;
    if (result.repairedRuns > 0)
        m_out << tr(
            "Repaired %n run(s) of text that had been decoded as Mac Roman.", nullptr, result.repairedRuns)
              << Qt::endl;
    return 0;
}

int CliCommands::progress(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("progress"),
        QStringLiteral("[set ID STATE|history [ID]|reset SECTION_ID]"),
        tr("What to do; a summary when none is given."));
    commandLine.parser().setApplicationDescription(
        tr("Prints done/total and percent per section and per kind; 'set ID STATE' sets an item's "
           "state (not-started, in-progress, done, skipped); 'history [ID]' prints recorded changes; "
           "'reset SECTION_ID' sets every item of a section back to not started (backed up first)."));
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList args = commandLine.parser().positionalArguments();
    const bool json = globals.json;
    const QString curriculumFile = globals.curriculum();
    const QString dataDir = globals.profileDirectory();
    const CurriculumParseResult parsed = CurriculumParser::parseFileOrBuiltin(curriculumFile);
    if (!parsed.ok()) {
        m_err << parsed.error.toString() << Qt::endl;
        return 1;
    }
    const Curriculum &c = *parsed.curriculum;
    ProgressStore store;
    if (!openProgressStore(store, dataDir, m_err))
        return 1;
    QString reconcileError;
    const int moved = ProgressReconciler::apply(store, c, dataDir, &reconcileError);
    if (moved < 0)
        m_err << tr("warning: progress of renamed items was not moved: %1").arg(reconcileError) << Qt::endl;
    else if (moved > 0)
        m_err << tr("Progress of %n item(s) followed their renamed or moved headings.", nullptr, moved)
              << Qt::endl;

    ProgressCommand command(m_out, m_err, commandLine, store, c);
    const QString sub = args.value(0);
    if (sub == QLatin1StringView("set"))
        return command.set(args);
    if (sub == QLatin1StringView("history"))
        return command.history(args, json);
    if (sub == QLatin1StringView("reset"))
        return command.reset(args, dataDir);
    if (!sub.isEmpty())
        return commandLine.usageError(m_err,
            tr("Unknown progress command '%1'; use 'set', 'history' or 'reset', or nothing for a summary.")
                .arg(sub));
    return command.summary(json);
}

} // namespace StudyBench
