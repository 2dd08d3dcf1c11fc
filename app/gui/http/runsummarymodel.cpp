#include "http/runsummarymodel.h"

#include "common/appearance.h"

#include <QColor>
#include <QFont>

namespace StudyBench {

namespace {
// The same request, not run yet.
RunSummaryModel::Row notRun(const QString &name, const QString &method, const QString &url)
{
    RunSummaryModel::Row row;
    row.name = name;
    row.method = method;
    row.url = url;
    return row;
}
} // namespace

int RunSummaryModel::Row::passed() const
{
    int n = 0;
    for (const ScriptTestResult &t : script.tests)
        n += t.passed ? 1 : 0;
    return n;
}

int RunSummaryModel::Row::failed() const
{
    return int(script.tests.size()) - passed();
}

bool RunSummaryModel::Row::failedRun() const
{
    switch (state) {
    case State::NotRun:
    case State::Sending:
        return false;
    case State::NotSent:
    case State::Cancelled:
        return true;
    case State::Done:
        break;
    }
    // With a handler script, its tests judge (a test may expect a 404); without, a 4xx/5xx fails.
    if (!response.ok())
        return true;
    return hasScript ? (!script.ok() || failed() > 0) : response.status >= 400;
}

RunSummaryModel::RunSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RunSummaryModel::setFile(const HttpFile &file)
{
    beginResetModel();
    m_rows.clear();
    for (const HttpRequestTemplate &r : file.requests)
        m_rows.append(notRun(r.name.isEmpty() ? r.title : r.name, r.method, r.url));
    endResetModel();
    Q_EMIT totalsChanged();
}

void RunSummaryModel::resetRun()
{
    for (Row &r : m_rows)
        r = notRun(r.name, r.method, r.url);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT totalsChanged();
}

void RunSummaryModel::setSending(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row] = notRun(m_rows[row].name, m_rows[row].method, m_rows[row].url);
    m_rows[row].state = State::Sending;
    rowChanged(row);
}

void RunSummaryModel::setNotSent(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].state = State::NotSent;
    rowChanged(row);
}

void RunSummaryModel::setCancelled(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].state = State::Cancelled;
    rowChanged(row);
}

void RunSummaryModel::setResult(int row, const HttpResponse &response, const ScriptResult *script)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &r = m_rows[row];
    r.state = State::Done;
    r.response = response; // the body stays in its spooled file; only the file's handle is kept
    r.hasScript = script != nullptr;
    r.script = script ? *script : ScriptResult();
    rowChanged(row);
}

bool RunSummaryModel::hasResult(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).state == State::Done;
}

void RunSummaryModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT totalsChanged();
}

int RunSummaryModel::ranCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += (r.state == State::NotRun || r.state == State::Sending) ? 0 : 1;
    return n;
}

int RunSummaryModel::passedTests() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.passed();
    return n;
}

int RunSummaryModel::failedTests() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.failed();
    return n;
}

qint64 RunSummaryModel::totalMs() const
{
    qint64 ms = 0;
    for (const Row &r : m_rows)
        ms += (r.state == State::Done && r.response.timings.totalMs > 0) ? r.response.timings.totalMs : 0;
    return ms;
}

bool RunSummaryModel::anyFailure() const
{
    for (const Row &r : m_rows) {
        if (r.failedRun())
            return true;
    }
    return false;
}

QString RunSummaryModel::totalText() const
{
    // A line may wrap between the parts, not inside one ("120 ms" stays whole).
    const QStringList parts { ranCount() == 1 ? tr("1 request") : tr("%1 requests").arg(ranCount()),
        tr("tests: %1 passed, %2 failed").arg(passedTests()).arg(failedTests()), tr("%1 ms").arg(totalMs()) };
    QStringList whole;
    for (const QString &part : parts)
        whole.append(QString(part).replace(QLatin1Char(' '), QChar::Nbsp));
    return whole.join(QStringLiteral("  ·  "));
}

QString RunSummaryModel::statusText(const Row &row) const
{
    switch (row.state) {
    case State::NotRun:
        return {};
    case State::Sending:
        return tr("sending…");
    case State::NotSent:
        return tr("not sent");
    case State::Cancelled:
        return tr("cancelled");
    case State::Done:
        break;
    }
    if (!row.response.ok())
        return tr("error");
    return row.response.reason.isEmpty()
        ? QString::number(row.response.status)
        : QStringLiteral("%1 %2").arg(row.response.status).arg(row.response.reason);
}

QString RunSummaryModel::testsText(const Row &row) const
{
    if (row.state != State::Done || !row.hasScript)
        return {};
    QStringList parts;
    if (row.passed() > 0)
        parts.append(tr("PASS %1").arg(row.passed()));
    if (row.failed() > 0)
        parts.append(tr("FAIL %1").arg(row.failed()));
    if (!row.script.ok())
        parts.append(tr("script error"));
    return parts.join(QStringLiteral("  "));
}

int RunSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case StatusColumn:
            return statusText(r);
        case TimeColumn:
            return r.state == State::Done && r.response.timings.totalMs >= 0
                ? tr("%1 ms").arg(r.response.timings.totalMs)
                : QString();
        case TestsColumn:
            return testsText(r);
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2").arg(r.method, r.url);
    case Qt::TextAlignmentRole:
        return index.column() == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        if (r.failedRun())
            return Appearance::isDark() ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
        if (r.state == State::Done && index.column() != NameColumn)
            return Appearance::isDark() ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32);
        return {};
    case Qt::FontRole:
        if (r.failedRun()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    }
    return {};
}

QVariant RunSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Request");
    case StatusColumn:
        return tr("Status");
    case TimeColumn:
        return tr("Time");
    case TestsColumn:
        return tr("Tests");
    }
    return {};
}

} // namespace StudyBench
