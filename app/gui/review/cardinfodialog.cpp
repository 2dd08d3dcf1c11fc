#include "review/cardinfodialog.h"

#include "review/forgettingcurve.h"
#include "review/reviewdeck.h"
#include "util/asyncrun.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>

namespace StudyBench {

struct CardInfoDialog::Info
{
    std::optional<ReviewCardRecord> card;
    ReviewCardText text;
    QList<ReviewLogRow> log;
    FsrsSettings settings;
    QString error;
};

CardInfoDialog::CardInfoDialog(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum,
    const QString &nodeId, QWidget *parent)
    : QDialog(parent)
    , m_path(databasePath)
    , m_curriculum(std::move(curriculum))
    , m_nodeId(nodeId)
    , m_summary(new QLabel(this))
    , m_curve(new ForgettingCurve(this))
    , m_log(new QStandardItemModel(0, 5, this))
{
    setWindowTitle(tr("Card Info"));
    auto *layout = new QVBoxLayout(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_log->setHorizontalHeaderLabels(
        { tr("Reviewed"), tr("Grade"), tr("Elapsed"), tr("Stability"), tr("Due") });
    auto *table = new QTableView(this);
    table->setModel(m_log);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_summary);
    layout->addWidget(m_curve, 1);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    resize(560, 560);
}

void CardInfoDialog::load()
{
    if (!m_now.isValid())
        m_now = QDateTime::currentDateTimeUtc();
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, id = m_nodeId] {
            Info info;
            ReviewStore store;
            if (!store.open(path)) {
                info.error = store.errorString();
                return info;
            }
            ReviewDeck deck(store, curriculum.get());
            info.card = store.card(id);
            if (info.card)
                info.text = deck.text(*info.card);
            info.log = store.log(id);
            info.settings = store.settings();
            return info;
        },
        [this](const Info &info) { present(info); });
}

void CardInfoDialog::present(const Info &info)
{
    if (!info.card) {
        m_summary->setText(info.error.isEmpty() ? tr("%1 is not a review card.").arg(m_nodeId.toHtmlEscaped())
                                                : info.error.toHtmlEscaped());
        Q_EMIT loadedForTest();
        return;
    }
    const FsrsCard &c = info.card->card;
    const Fsrs fsrs(info.settings);
    const QLocale locale;
    m_summary->setText(
        tr("<h3>%1</h3><p>%2</p><table>"
           "<tr><td>Added</td><td>%3</td></tr><tr><td>Reviews</td><td>%4 (%5 lapses)</td></tr>"
           "<tr><td>Stability</td><td>%6 days</td></tr><tr><td>Difficulty</td><td>%7 / 10</td></tr>"
           "<tr><td>Retrievability now</td><td>%8%</td></tr><tr><td>Due</td><td>%9</td></tr></table>")
            .arg(info.text.term.toHtmlEscaped(), info.text.place.toHtmlEscaped(),
                locale.toString(info.card->added.toLocalTime(), QLocale::ShortFormat))
            .arg(c.reps)
            .arg(c.lapses)
            .arg(c.stability, 0, 'f', 2)
            .arg(c.difficulty, 0, 'f', 2)
            .arg(fsrs.retrievability(c, m_now) * 100, 0, 'f', 1)
            .arg(locale.toString(c.due.toLocalTime(), QLocale::ShortFormat)));
    m_curve->setCard(c, info.settings, m_now);
    m_log->removeRows(0, m_log->rowCount());
    for (const ReviewLogRow &row : info.log) {
        m_log->appendRow(
            { new QStandardItem(locale.toString(row.entry.reviewedAt.toLocalTime(), QLocale::ShortFormat)),
                new QStandardItem(ratingName(row.entry.rating)),
                new QStandardItem(tr("%1 d").arg(row.entry.elapsedDays)),
                new QStandardItem(tr("%1 d").arg(row.entry.stabilityAfter, 0, 'f', 2)),
                new QStandardItem(locale.toString(row.dueAfter.toLocalTime(), QLocale::ShortFormat)) });
    }
    Q_EMIT loadedForTest();
}

} // namespace StudyBench
