#include "reviewcommand.h"

#include "cliprogress.h"
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "review/reviewdeck.h"
#include "review/reviewstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace StudyBench {

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

double rounded(double value, int decimals = 4)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QString cardStateKey(CardState state)
{
    switch (state) {
    case CardState::New:
        return QStringLiteral("new");
    case CardState::Learning:
        return QStringLiteral("learning");
    case CardState::Review:
        return QStringLiteral("review");
    case CardState::Relearning:
        return QStringLiteral("relearning");
    }
    return {};
}

QString ratingKey(Rating rating)
{
    static const QStringList keys { QStringLiteral("again"), QStringLiteral("hard"), QStringLiteral("good"),
        QStringLiteral("easy") };
    return keys.value(int(rating) - 1);
}

QJsonObject cardJson(ReviewDeck &deck, const ReviewCardRecord &c, const QDateTime &now)
{
    const Fsrs fsrs = deck.scheduler();
    const ReviewCardText text = deck.text(c);
    const double interval
        = c.card.lastReview.isValid() ? c.card.lastReview.secsTo(c.card.due) / 86400.0 : 0.0;
    return QJsonObject {
        { QStringLiteral("id"), c.nodeId },
        { QStringLiteral("term"), text.term },
        { QStringLiteral("place"), text.place },
        { QStringLiteral("state"), cardStateKey(c.card.state) },
        { QStringLiteral("step"), c.card.step },
        { QStringLiteral("added"), iso(c.added) },
        { QStringLiteral("lastReview"), iso(c.card.lastReview) },
        { QStringLiteral("due"), iso(c.card.due) },
        { QStringLiteral("intervalDays"), rounded(interval) },
        { QStringLiteral("stability"), rounded(c.card.stability) },
        { QStringLiteral("difficulty"), rounded(c.card.difficulty) },
        { QStringLiteral("retrievability"), rounded(fsrs.retrievability(c.card, now)) },
        { QStringLiteral("reps"), c.card.reps },
        { QStringLiteral("lapses"), c.card.lapses },
    };
}

QJsonObject logJson(const ReviewLogRow &row)
{
    return QJsonObject {
        { QStringLiteral("reviewedAt"), iso(row.entry.reviewedAt) },
        { QStringLiteral("grade"), ratingKey(row.entry.rating) },
        { QStringLiteral("elapsedDays"), row.entry.elapsedDays },
        { QStringLiteral("scheduledDays"), row.entry.scheduledDays },
        { QStringLiteral("stateBefore"), cardStateKey(row.entry.stateBefore) },
        { QStringLiteral("state"), cardStateKey(row.stateAfter) },
        { QStringLiteral("step"), row.stepAfter },
        { QStringLiteral("stability"), rounded(row.entry.stabilityAfter) },
        { QStringLiteral("difficulty"), rounded(row.entry.difficultyAfter) },
        { QStringLiteral("due"), iso(row.dueAfter) },
    };
}

QJsonObject metricsJson(const FsrsMetrics &m)
{
    return QJsonObject { { QStringLiteral("logLoss"), rounded(m.logLoss, 6) },
        { QStringLiteral("rmseBins"), rounded(m.rmseBins, 6) },
        { QStringLiteral("predictions"), m.predictions } };
}

} // namespace

ReviewCommand::ReviewCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int ReviewCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("review"),
        QStringLiteral("due|add ID|grade ID again|hard|good|easy|show ID|optimize|stats"),
        tr("What to do; 'due' when none is given."));
    commandLine.parser().setApplicationDescription(
        tr("Spaced review with FSRS-6. Concepts and checklist items in progress or done become cards; "
           "'add ID' adds any other item. 'due' lists the cards due, 'grade' records a review, 'show' "
           "prints a card's memory state and log, 'optimize' fits the scheduler to the log (400 reviews "
           "or more), 'stats' counts."));
    const QCommandLineOption nowOption(QStringLiteral("now"),
        tr("Act as if it were TIME (ISO 8601, e.g. 2026-05-01T09:00:00Z); turns interval fuzz off."),
        tr("TIME"));
    const QCommandLineOption stepsOption(QStringLiteral("learning-steps"),
        tr("Learning steps for this command, e.g. \"1m 10m\" or none (default: the saved ones)."),
        tr("STEPS"));
    const QCommandLineOption sectionOption(
        QStringLiteral("section"), tr("'due': only cards under the section (or any item) ID."), tr("ID"));
    commandLine.parser().addOptions({ nowOption, stepsOption, sectionOption });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QCommandLineParser &parser = commandLine.parser();
    const QStringList args = parser.positionalArguments();
    m_json = globals.json;
    if (!commandLine.readTime(nowOption, m_now, m_err))
        return 2;
    std::optional<QList<qint64>> steps;
    if (parser.isSet(stepsOption)) {
        QString error;
        steps = FsrsSteps::parse(parser.value(stepsOption), &error);
        if (!steps)
            return commandLine.usageError(m_err, tr("--learning-steps: %1").arg(error));
    }
    CliProfile profile;
    if (!profile.open(globals, m_err))
        return 1;
    ReviewStore store;
    if (!store.open(profile.progress.path())) {
        m_err << store.errorString() << Qt::endl;
        return 1;
    }
    ReviewDeck deck(store, profile.curriculum.get());
    deck.setFuzz(!parser.isSet(nowOption));
    if (steps)
        deck.setLearningSteps(*steps);
    deck.addFromProgress(profile.progress.items(), m_now);
    return dispatch(deck, args, commandLine, parser.value(sectionOption));
}

int ReviewCommand::dispatch(
    ReviewDeck &deck, const QStringList &args, const CommandLine &commandLine, const QString &section)
{
    const QString sub = args.value(0, QStringLiteral("due"));
    if (sub == QLatin1StringView("due") && args.size() <= 1)
        return due(deck, section);
    if (sub == QLatin1StringView("add"))
        return args.size() == 2 ? add(deck, args)
                                : commandLine.usageError(m_err, tr("Usage: studybench-cli review add ID"));
    if (sub == QLatin1StringView("grade"))
        return args.size() == 3
            ? grade(deck, args)
            : commandLine.usageError(m_err, tr("Usage: studybench-cli review grade ID again|hard|good|easy"));
    if (sub == QLatin1StringView("show"))
        return args.size() == 2 ? show(deck, args)
                                : commandLine.usageError(m_err, tr("Usage: studybench-cli review show ID"));
    if (sub == QLatin1StringView("optimize") && args.size() == 1)
        return optimize(deck);
    if (sub == QLatin1StringView("stats") && args.size() == 1)
        return stats(deck);
    return commandLine.usageError(m_err,
        tr("Unknown review command '%1'; use due, add, grade, show, optimize or stats.")
            .arg(args.join(u' ')));
}

int ReviewCommand::due(ReviewDeck &deck, const QString &section)
{
    const QList<ReviewCardRecord> cards = deck.due(m_now, section);
    if (m_json) {
        QJsonArray array;
        for (const ReviewCardRecord &c : cards)
            array.append(cardJson(deck, c, m_now));
        m_out << QJsonDocument(
            QJsonObject { { QStringLiteral("now"), iso(m_now) },
                { QStringLiteral("count"), int(cards.size()) }, { QStringLiteral("due"), array } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    for (const ReviewCardRecord &c : cards) {
        const ReviewCardText text = deck.text(c);
        m_out << QStringLiteral("%1  %2  %3").arg(cardStateName(c.card.state), -10).arg(text.term, c.nodeId)
              << Qt::endl;
    }
    m_out << tr("%n card(s) due.", nullptr, int(cards.size())) << Qt::endl;
    return 0;
}

int ReviewCommand::add(ReviewDeck &deck, const QStringList &args)
{
    const ReviewOutcome outcome = deck.add(args.at(1), m_now);
    if (!outcome.ok()) {
        m_err << outcome.error << Qt::endl;
        return 1;
    }
    if (m_json) {
        m_out << QJsonDocument(cardJson(deck, outcome.card, m_now)).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("%1 is a card, due %2.").arg(outcome.card.nodeId, iso(outcome.card.card.due)) << Qt::endl;
    return 0;
}

int ReviewCommand::grade(ReviewDeck &deck, const QStringList &args)
{
    const std::optional<Rating> rating = ratingFromString(args.at(2));
    if (!rating) {
        m_err << tr("'%1' is not a grade; use again, hard, good or easy (or 1 to 4). Nothing was graded.")
                     .arg(args.at(2))
              << Qt::endl;
        return 2;
    }
    const ReviewOutcome outcome = deck.grade(args.at(1), *rating, m_now);
    if (!outcome.ok()) {
        m_err << outcome.error << Qt::endl;
        return 1;
    }
    if (m_json) {
        QJsonObject o = cardJson(deck, outcome.card, m_now);
        o.insert(QStringLiteral("grade"), ratingKey(*rating));
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("%1: %2; next review in %3 (%4).")
                 .arg(outcome.card.nodeId, ratingName(*rating),
                     ReviewDeck::formatInterval(m_now, outcome.card.card.due), iso(outcome.card.card.due))
          << Qt::endl;
    return 0;
}

int ReviewCommand::show(ReviewDeck &deck, const QStringList &args)
{
    const std::optional<ReviewCardRecord> card = deck.store().card(args.at(1));
    if (!card) {
        m_err << tr("'%1' is not a review card. Add it with 'studybench-cli review add %1'.").arg(args.at(1))
              << Qt::endl;
        return 1;
    }
    const QList<ReviewLogRow> log = deck.store().log(card->nodeId);
    if (m_json) {
        QJsonObject o = cardJson(deck, *card, m_now);
        QJsonArray entries;
        for (const ReviewLogRow &row : log)
            entries.append(logJson(row));
        o.insert(QStringLiteral("log"), entries);
        const ReviewCardText text = deck.text(*card);
        o.insert(QStringLiteral("explanation"), text.explanation);
        o.insert(QStringLiteral("note"), text.note);
        o.insert(QStringLiteral("practiceFiles"), QJsonArray::fromStringList(text.practiceFiles));
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    printCard(deck, *card);
    for (const ReviewLogRow &row : log) {
        m_out << QStringLiteral("  %1  %2  +%3d  S=%4  D=%5  due %6")
                     .arg(iso(row.entry.reviewedAt), ratingName(row.entry.rating).leftJustified(5))
                     .arg(row.entry.elapsedDays)
                     .arg(row.entry.stabilityAfter, 0, 'f', 2)
                     .arg(row.entry.difficultyAfter, 0, 'f', 2)
                     .arg(iso(row.dueAfter))
              << Qt::endl;
    }
    return 0;
}

void ReviewCommand::printCard(ReviewDeck &deck, const ReviewCardRecord &c)
{
    const QJsonObject o = cardJson(deck, c, m_now);
    m_out << o.value(QStringLiteral("term")).toString() << "  ("
          << o.value(QStringLiteral("place")).toString() << ")" << Qt::endl;
    m_out << tr("State: %1, %2, %3")
                 .arg(cardStateName(c.card.state), tr("%n review(s)", nullptr, c.card.reps),
                     tr("%n lapse(s)", nullptr, c.card.lapses))
          << Qt::endl;
    m_out << tr("Stability: %1 days  Difficulty: %2  Retrievability now: %3%")
                 .arg(c.card.stability, 0, 'f', 2)
                 .arg(c.card.difficulty, 0, 'f', 2)
                 .arg(o.value(QStringLiteral("retrievability")).toDouble() * 100, 0, 'f', 1)
          << Qt::endl;
    m_out << tr("Added %1; due %2 (interval %3 days)")
                 .arg(iso(c.added), iso(c.card.due))
                 .arg(o.value(QStringLiteral("intervalDays")).toDouble(), 0, 'f', 2)
          << Qt::endl;
}

int ReviewCommand::optimize(ReviewDeck &deck)
{
    const FsrsOptimizerResult result = deck.optimize();
    if (!result.error.isEmpty()) {
        m_err << result.error << Qt::endl;
        return 1;
    }
    for (const QString &note : result.notes)
        m_err << tr("note: %1").arg(note) << Qt::endl;
    if (m_json) {
        QJsonArray weights;
        for (const double w : result.weights)
            weights.append(w);
        m_out << QJsonDocument(
            QJsonObject { { QStringLiteral("reviews"), result.reviews },
                { QStringLiteral("cards"), result.cards },
                { QStringLiteral("before"), metricsJson(result.before) },
                { QStringLiteral("after"), metricsJson(result.after) },
                { QStringLiteral("kept"), result.improved }, { QStringLiteral("weights"), weights } })
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("%1 reviews of %2 cards.").arg(result.reviews).arg(result.cards) << Qt::endl;
    m_out << tr("Log loss: %1 before, %2 after; RMSE(bins): %3 before, %4 after.")
                 .arg(result.before.logLoss, 0, 'f', 4)
                 .arg(result.after.logLoss, 0, 'f', 4)
                 .arg(result.before.rmseBins, 0, 'f', 4)
                 .arg(result.after.rmseBins, 0, 'f', 4)
          << Qt::endl;
    m_out << (result.improved ? tr("The new weights are saved.")
                              : tr("The new weights predict no better; the old ones are kept."))
          << Qt::endl;
    return 0;
}

int ReviewCommand::stats(ReviewDeck &deck)
{
    const QList<ReviewCardRecord> cards = deck.store().cards();
    const QList<ReviewLogRow> log = deck.store().log();
    QJsonObject byState;
    for (const CardState s :
        { CardState::New, CardState::Learning, CardState::Review, CardState::Relearning })
        byState.insert(cardStateKey(s), 0);
    for (const ReviewCardRecord &c : cards)
        byState.insert(cardStateKey(c.card.state), byState.value(cardStateKey(c.card.state)).toInt() + 1);
    int recalled = 0;
    int scored = 0;
    for (const ReviewLogRow &row : log) {
        if (row.entry.stateBefore == CardState::Review) {
            ++scored;
            recalled += row.entry.rating != Rating::Again;
        }
    }
    const FsrsSettings settings = deck.scheduler().settings();
    const QJsonObject o { { QStringLiteral("cards"), int(cards.size()) },
        { QStringLiteral("byState"), byState }, { QStringLiteral("due"), int(deck.due(m_now).size()) },
        { QStringLiteral("reviews"), int(log.size()) },
        { QStringLiteral("trueRetention"), scored ? rounded(double(recalled) / scored) : QJsonValue() },
        { QStringLiteral("desiredRetention"), settings.desiredRetention },
        { QStringLiteral("learningSteps"), FsrsSteps::format(settings.learningSteps) } };
    if (m_json) {
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << tr("%1 (%2 new, %3 learning, %4 review, %5 relearning), %6 due now.")
                 .arg(tr("%n card(s)", nullptr, int(cards.size())))
                 .arg(byState.value(QStringLiteral("new")).toInt())
                 .arg(byState.value(QStringLiteral("learning")).toInt())
                 .arg(byState.value(QStringLiteral("review")).toInt())
                 .arg(byState.value(QStringLiteral("relearning")).toInt())
                 .arg(o.value(QStringLiteral("due")).toInt())
          << Qt::endl;
    m_out << tr("%1; recalled %2 of %3 reviews of cards in review (desired retention %4%).")
                 .arg(tr("%n review(s)", nullptr, int(log.size())))
                 .arg(recalled)
                 .arg(scored)
                 .arg(settings.desiredRetention * 100, 0, 'f', 0)
          << Qt::endl;
    return 0;
}

} // namespace StudyBench
