#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

class ReviewDeck;
struct ReviewCardRecord;

/// `studybench-cli review`: spaced review of the curriculum's items with FSRS-6 (due, add, grade,
/// show, optimize, stats). Every grade is committed to the progress database before the command
/// returns. Exit code: 0 done, 1 refused or failed (nothing changed), 2 misused.
class ReviewCommand
{
    Q_DECLARE_TR_FUNCTIONS(ReviewCommand)

public:
    ReviewCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("review").
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    int dispatch(
        ReviewDeck &deck, const QStringList &args, const CommandLine &commandLine, const QString &section);
    int due(ReviewDeck &deck, const QString &section);
    int add(ReviewDeck &deck, const QStringList &args);
    int grade(ReviewDeck &deck, const QStringList &args);
    int show(ReviewDeck &deck, const QStringList &args);
    int optimize(ReviewDeck &deck);
    int stats(ReviewDeck &deck);
    void printCard(ReviewDeck &deck, const ReviewCardRecord &card);

    QTextStream &m_out;
    QTextStream &m_err;
    QDateTime m_now;
    bool m_json = false;
};

} // namespace StudyBench
