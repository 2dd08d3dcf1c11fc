#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

struct SearchHit;

/// `studybench-cli search QUERY [--kind KIND]`: searches the curriculum, the notes, the practice
/// and drill files and the request history through the profile's search index, bringing the
/// index up to date first (only what changed is read). Exit code: 0 done (with or without hits),
/// 1 the index cannot be used, 2 misused.
class SearchCommand
{
    Q_DECLARE_TR_FUNCTIONS(SearchCommand)

public:
    SearchCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("search").
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    void printText(const QList<SearchHit> &hits, const QString &query);
    void printJson(const QList<SearchHit> &hits);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
