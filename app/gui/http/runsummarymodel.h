#pragma once

#include "httpclient/httpfile.h"
#include "httpclient/httpmessage.h"
#include "httpclient/responsescript.h"

#include <QAbstractTableModel>

namespace StudyBench {

/// The outcome of each request of the open .http file in the last run (Send All, or Send of one
/// of its requests), like an IDE's run window: name, status, time and the handler tests' PASS/FAIL
/// counts, plus the response itself (its body stays in its spooled file on disk, not in memory).
class RunSummaryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        TimeColumn,
        TestsColumn,
        ColumnCount,
    };
    enum class State
    {
        NotRun,
        Sending,
        Done, ///< a response (or a transfer error) arrived
        NotSent, ///< the request could not be resolved
        Cancelled,
    };
    struct Row
    {
        QString name;
        QString method;
        QString url;
        State state = State::NotRun;
        HttpResponse response;
        ScriptResult script;
        bool hasScript = false;

        int passed() const;
        int failed() const;
        bool failedRun() const; ///< an error, a 4xx/5xx status, a failed test or a script error
    };

    explicit RunSummaryModel(QObject *parent = nullptr);

    /// One row per request of @p file, none of them run yet.
    void setFile(const HttpFile &file);
    /// Every row back to "not run" (a new Send All).
    void resetRun();
    void setSending(int row);
    void setNotSent(int row);
    void setCancelled(int row);
    void setResult(int row, const HttpResponse &response, const ScriptResult *script);
    const Row &row(int index) const { return m_rows.at(index); }
    bool hasResult(int row) const;

    /// "3 requests · 5 tests passed, 1 failed · 120 ms" for the rows that ran.
    QString totalText() const;
    int ranCount() const;
    int passedTests() const;
    int failedTests() const;
    qint64 totalMs() const;
    bool anyFailure() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    /// The totals changed (a row got a result, or the run was reset).
    void totalsChanged();

private:
    QString statusText(const Row &row) const;
    QString testsText(const Row &row) const;
    void rowChanged(int row);

    QList<Row> m_rows;
};

} // namespace StudyBench
