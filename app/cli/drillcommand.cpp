#include "drillcommand.h"

#include "cliprogress.h"
#include "curriculum/curriculum.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillcatalog.h"
#include "drill/drillrubric.h"
#include "drill/drillstore.h"
#include "progress/progressstore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cmath>

namespace StudyBench {

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

double rounded(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QJsonObject attemptJson(const DrillAttempt &a)
{
    QJsonObject scores;
    const auto dimensions = DrillRubric::standardDimensions();
    for (size_t i = 0; i < dimensions.size(); ++i)
        scores.insert(dimensions[i].key, a.scores[i]);
    return QJsonObject { { QStringLiteral("startedAt"), iso(a.startedAt) },
        { QStringLiteral("secondsUsed"), a.secondsUsed }, { QStringLiteral("scores"), scores },
        { QStringLiteral("mean"), rounded(a.meanScore()) }, { QStringLiteral("toFix"), a.toFix },
        { QStringLiteral("answerPath"), a.answerPath } };
}

// "C,P,T,V": four scores 1-4 in the rubric's order; std::nullopt with @p error otherwise.
std::optional<std::array<int, kDrillDimensionCount>> scoresFrom(const QString &text, QString *error)
{
    const QStringList parts = text.split(u',');
    std::array<int, kDrillDimensionCount> scores {};
    const auto dimensions = DrillRubric::standardDimensions();
    if (parts.size() != kDrillDimensionCount) {
        *error = DrillCommand::tr(
            "--scores '%1' needs four scores, 1 to 4, separated by commas: "
            "communication, problem solving, technical depth, verification (e.g. 3,2,4,3).")
                     .arg(text);
        return std::nullopt;
    }
    for (int i = 0; i < kDrillDimensionCount; ++i) {
        bool ok = false;
        scores[size_t(i)] = parts.at(i).trimmed().toInt(&ok);
        if (!ok || scores[size_t(i)] < kDrillMinScore || scores[size_t(i)] > kDrillMaxScore) {
            *error
                = DrillCommand::tr("--scores: the %1 score '%2' is not a whole number from 1 to 4. Nothing "
                                   "was recorded.")
                      .arg(dimensions[size_t(i)].name.toLower(), parts.at(i).trimmed());
            return std::nullopt;
        }
    }
    return scores;
}

} // namespace

DrillCommand::DrillCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int DrillCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("drill"),
        QStringLiteral("list|rubric ID|attempts ID|record ID|surprise"),
        tr("What to do; 'list' when none is given."));
    commandLine.parser().setApplicationDescription(
        tr("Interview drills: the curriculum's system design questions, coding challenges and projects. "
           "'list' shows them with their attempts, 'rubric ID' what a drill is scored against, 'attempts ID' "
           "one drill's attempts and trend, 'record ID' "
           "stores an attempt (a dimension scored 1 or 2 makes the drill's least confident concepts due "
           "for review), 'surprise' picks one, leaning to never-tried and weak drills."));
    const QCommandLineOption nowOption(QStringLiteral("now"),
        tr("Act as if it were TIME (ISO 8601, e.g. 2026-05-01T09:00:00Z); the attempt ends then."),
        tr("TIME"));
    const QCommandLineOption scoresOption(QStringLiteral("scores"),
        tr("'record': communication, problem solving, technical depth and verification, 1-4 each (3,2,4,3)."),
        tr("C,P,T,V"));
    const QCommandLineOption minutesOption(
        QStringLiteral("minutes"), tr("'record': the minutes the attempt took."), tr("N"));
    const QCommandLineOption answerOption(
        QStringLiteral("answer"), tr("'record': the file the answer is written in."), tr("FILE"));
    const QCommandLineOption fixOption(
        QStringLiteral("fix"), tr("'record': what to fix next time."), tr("TEXT"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), tr("'surprise': pick with this seed, the same drill every time."), tr("N"));
    commandLine.parser().addOptions(
        { nowOption, scoresOption, minutesOption, answerOption, fixOption, seedOption });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QCommandLineParser &parser = commandLine.parser();
    m_json = globals.json;
    if (!commandLine.readTime(nowOption, m_now, m_err))
        return 2;
    if (parser.isSet(seedOption)) {
        m_seed = parser.value(seedOption).toUInt(&m_seeded);
        if (!m_seeded)
            return commandLine.usageError(
                m_err, tr("--seed '%1' is not a whole number.").arg(parser.value(seedOption)));
    }
    CliProfile profile;
    if (!profile.open(globals, m_err))
        return 1;
    DrillStore store;
    if (!store.open(profile.progress.path())) {
        m_err << store.errorString() << Qt::endl;
        return 1;
    }
    const DrillCatalog catalog(*profile.curriculum);
    const RecordOptions record { parser.value(scoresOption), parser.value(minutesOption),
        parser.value(answerOption), parser.value(fixOption) };
    return dispatch(store, catalog, parser.positionalArguments(), commandLine, record);
}

int DrillCommand::dispatch(DrillStore &store, const DrillCatalog &catalog, const QStringList &args,
    const CommandLine &commandLine, const RecordOptions &options)
{
    const QString sub = args.value(0, QStringLiteral("list"));
    if (sub == QLatin1StringView("list") && args.size() <= 1)
        return list(store, catalog);
    if (sub == QLatin1StringView("attempts"))
        return args.size() == 2
            ? attempts(store, catalog, args.at(1))
            : commandLine.usageError(m_err, tr("Usage: studybench-cli drill attempts ID"));
    if (sub == QLatin1StringView("record"))
        return args.size() == 2 ? record(store, catalog, args.at(1), options, commandLine)
                                : commandLine.usageError(m_err,
                                      tr("Usage: studybench-cli drill record ID --scores C,P,T,V --minutes N "
                                         "[--answer FILE] [--fix TEXT]"));
    if (sub == QLatin1StringView("surprise") && args.size() == 1)
        return surprise(store, catalog);
    if (sub == QLatin1StringView("rubric"))
        return args.size() == 2 ? rubric(catalog, args.at(1))
                                : commandLine.usageError(m_err, tr("Usage: studybench-cli drill rubric ID"));
    return commandLine.usageError(m_err,
        tr("Unknown drill command '%1'; use list, rubric, attempts, record or surprise.")
            .arg(args.join(u' ')));
}

int DrillCommand::list(DrillStore &store, const DrillCatalog &catalog)
{
    const QHash<QString, DrillSummary> summaries = store.summaries();
    QJsonArray array;
    for (const Drill &drill : catalog.drills()) {
        const DrillSummary summary = summaries.value(drill.id);
        const QJsonValue lastMean = summary.attempts ? QJsonValue(rounded(summary.lastMean)) : QJsonValue();
        if (m_json) {
            array.append(QJsonObject { { QStringLiteral("id"), drill.id },
                { QStringLiteral("title"), drill.title },
                { QStringLiteral("kind"), drillKindKey(drill.kind) },
                { QStringLiteral("sources"), QJsonArray::fromStringList(drill.sources) },
                { QStringLiteral("attempts"), summary.attempts }, { QStringLiteral("lastMean"), lastMean } });
            continue;
        }
        const QString score
            = summary.attempts ? QString::number(summary.lastMean, 'f', 2) : QStringLiteral("-");
        m_out << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(drillKindName(drill.kind), -17)
                     .arg(summary.attempts, 3)
                     .arg(score, 4)
                     .arg(drill.title, drill.id)
              << Qt::endl;
        m_out << QStringLiteral("    ") << tr("draws on: %1").arg(drill.sources.join(QStringLiteral(", ")))
              << Qt::endl;
    }
    if (m_json) {
        m_out << QJsonDocument(QJsonObject { { QStringLiteral("count"), int(array.size()) },
                                   { QStringLiteral("drills"), array } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("%n drill(s); columns: kind, attempts, mean score of the last attempt, title, ID.", nullptr,
        int(catalog.drills().size()))
          << Qt::endl;
    return 0;
}

const Drill *DrillCommand::drillOrSay(const DrillCatalog &catalog, const QString &id)
{
    const Drill *drill = catalog.find(id);
    if (!drill)
        m_err << tr(
            "'%1' is not a drill of this curriculum. List the drills with 'studybench-cli drill list'.")
                     .arg(id)
              << Qt::endl;
    return drill;
}

int DrillCommand::rubric(const DrillCatalog &catalog, const QString &id)
{
    const Drill *drill = drillOrSay(catalog, id);
    if (!drill)
        return 1;
    const DrillRubric rubric = DrillRubric::forDrill(catalog, *drill);
    QJsonArray dimensions;
    QJsonArray checklist;
    for (const RubricDimension &d : rubric.dimensions)
        dimensions.append(QJsonObject { { QStringLiteral("key"), d.key }, { QStringLiteral("name"), d.name },
            { QStringLiteral("strong"), d.strong }, { QStringLiteral("weak"), d.weak } });
    for (const RubricChecklistItem &item : rubric.checklist)
        checklist.append(QJsonObject { { QStringLiteral("id"), item.id },
            { QStringLiteral("title"), item.title }, { QStringLiteral("section"), item.section } });
    if (m_json) {
        m_out << QJsonDocument(
            QJsonObject { { QStringLiteral("id"), drill->id }, { QStringLiteral("title"), drill->title },
                { QStringLiteral("dimensions"), dimensions }, { QStringLiteral("checklist"), checklist } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << drill->title << "  (" << drillKindName(drill->kind) << ")" << Qt::endl;
    for (const RubricDimension &d : rubric.dimensions) {
        m_out << d.name << Qt::endl
              << QStringLiteral("  ") << tr("4, strong: %1").arg(d.strong) << Qt::endl
              << QStringLiteral("  ") << tr("1, weak: %1").arg(d.weak) << Qt::endl;
    }
    m_out << tr("Skill checklist:") << Qt::endl;
    for (const RubricChecklistItem &item : rubric.checklist)
        m_out << QStringLiteral("  [ ] %1  (%2)").arg(item.title, item.section) << Qt::endl;
    return 0;
}

int DrillCommand::attempts(DrillStore &store, const DrillCatalog &catalog, const QString &id)
{
    const Drill *drill = drillOrSay(catalog, id);
    if (!drill)
        return 1;
    const QList<DrillAttempt> attempts = store.attempts(id);
    const QList<double> trend = DrillStore::trend(attempts);
    if (m_json) {
        QJsonArray list;
        QJsonArray means;
        for (qsizetype i = 0; i < attempts.size(); ++i) {
            list.append(attemptJson(attempts.at(i)));
            means.append(rounded(trend.at(i)));
        }
        m_out << QJsonDocument(
            QJsonObject { { QStringLiteral("id"), drill->id }, { QStringLiteral("title"), drill->title },
                { QStringLiteral("attempts"), list }, { QStringLiteral("trend"), means } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << drill->title << "  (" << drillKindName(drill->kind) << ")" << Qt::endl;
    QStringList means;
    for (const DrillAttempt &a : attempts) {
        m_out << tr("  %1  %2 min  scores %3  mean %4")
                     .arg(iso(a.startedAt))
                     .arg(a.secondsUsed / 60)
                     .arg(QStringLiteral("%1,%2,%3,%4")
                             .arg(a.scores[0])
                             .arg(a.scores[1])
                             .arg(a.scores[2])
                             .arg(a.scores[3]))
                     .arg(a.meanScore(), 0, 'f', 2)
              << Qt::endl;
        if (!a.toFix.isEmpty())
            m_out << tr("    to fix: %1").arg(a.toFix) << Qt::endl;
        if (!a.answerPath.isEmpty())
            m_out << tr("    answer: %1").arg(a.answerPath) << Qt::endl;
        means.append(QString::number(a.meanScore(), 'f', 2));
    }
    m_out << (attempts.isEmpty()
            ? tr("No attempts yet; record one with 'studybench-cli drill record %1'.").arg(id)
            : tr("Trend (mean score per attempt): %1").arg(means.join(QStringLiteral(" → "))))
          << Qt::endl;
    return 0;
}

int DrillCommand::record(DrillStore &store, const DrillCatalog &catalog, const QString &id,
    const RecordOptions &options, const CommandLine &commandLine)
{
    if (options.scores.isEmpty() || options.minutes.isEmpty())
        return commandLine.usageError(m_err,
            tr("'drill record' needs --scores C,P,T,V and --minutes N (the time the attempt took). Nothing "
               "was recorded."));
    QString error;
    const auto scores = scoresFrom(options.scores, &error);
    if (!scores)
        return commandLine.usageError(m_err, error);
    bool ok = false;
    const int minutes = options.minutes.toInt(&ok);
    if (!ok || minutes < 0 || minutes > 24 * 60)
        return commandLine.usageError(m_err,
            tr("--minutes '%1' is not a number of minutes from 0 to 1440. Nothing was recorded.")
                .arg(options.minutes));
    DrillAttempt attempt;
    attempt.nodeId = id;
    attempt.secondsUsed = minutes * 60;
    attempt.startedAt = m_now.addSecs(-attempt.secondsUsed);
    attempt.scores = *scores;
    attempt.toFix = options.fix;
    attempt.answerPath = options.answer.isEmpty() ? QString() : QFileInfo(options.answer).absoluteFilePath();
    const DrillRecordOutcome outcome = store.record(catalog, attempt, m_now);
    if (!outcome.ok()) {
        m_err << outcome.error << Qt::endl;
        return 1;
    }
    const Drill *drill = catalog.find(id);
    if (m_json) {
        QJsonObject o = attemptJson(outcome.attempt);
        o.insert(QStringLiteral("id"), id);
        o.insert(QStringLiteral("madeDue"), QJsonArray::fromStringList(outcome.madeDue));
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("Recorded an attempt at %1: mean score %2 in %3 minutes.")
                 .arg(drill->title)
                 .arg(outcome.attempt.meanScore(), 0, 'f', 2)
                 .arg(minutes)
          << Qt::endl;
    if (outcome.madeDue.isEmpty())
        return 0;
    m_out << tr("A dimension scored 2 or lower, so these concepts you rated lowest are due for review now:")
          << Qt::endl;
    for (const QString &dueId : outcome.madeDue)
        m_out << QStringLiteral("  %1  (%2)").arg(catalog.curriculum().find(dueId)->title, dueId) << Qt::endl;
    return 0;
}

int DrillCommand::surprise(DrillStore &store, const DrillCatalog &catalog)
{
    QRandomGenerator random = m_seeded ? QRandomGenerator(m_seed) : QRandomGenerator::securelySeeded();
    const Drill *drill = store.surprise(catalog, random);
    if (!drill) {
        m_err << tr(
            "This curriculum has no drills: no items under System Design Questions, Coding Challenges, "
            "Practical Projects or Portfolio Projects.")
              << Qt::endl;
        return 1;
    }
    if (m_json) {
        m_out << QJsonDocument(
            QJsonObject { { QStringLiteral("id"), drill->id }, { QStringLiteral("title"), drill->title },
                { QStringLiteral("kind"), drillKindKey(drill->kind) } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << QStringLiteral("%1  (%2)  %3").arg(drill->title, drillKindName(drill->kind), drill->id)
          << Qt::endl;
    return 0;
}

} // namespace StudyBench
