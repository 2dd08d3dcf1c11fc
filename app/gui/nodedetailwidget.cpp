#include "nodedetailwidget.h"

#include "curriculum/practicecollections.h"
#include "curriculumdelegate.h"
#include "curriculummodel.h"
#include "stateicons.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtMath>

namespace StudyBench {

namespace {

QString kindLabel(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Curriculum:
        return NodeDetailWidget::tr("Curriculum");
    case NodeKind::Section:
        return NodeDetailWidget::tr("Section");
    case NodeKind::Group:
        return NodeDetailWidget::tr("Group");
    case NodeKind::Topic:
        return NodeDetailWidget::tr("Topic");
    case NodeKind::Concept:
        return NodeDetailWidget::tr("Concept");
    case NodeKind::ChecklistItem:
        return NodeDetailWidget::tr("Skill checklist item");
    case NodeKind::Project:
        return NodeDetailWidget::tr("Practical project");
    case NodeKind::Milestone:
        return NodeDetailWidget::tr("Career milestone");
    case NodeKind::Bullet:
        return NodeDetailWidget::tr("Note");
    }
    return {};
}

// The least lines the notes show; a note a sync merge changed shows more, to be tidied.
constexpr int kNoteLines = 4;
constexpr int kMergedNoteLines = 8;

} // namespace

NodeDetailWidget::NodeDetailWidget(CurriculumModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_breadcrumb(new QLabel(this))
    , m_title(new QLabel(this))
    , m_practice(new QToolButton(this))
    , m_practiceFiles(new QLabel(this))
    , m_collections(new QLabel(this))
    , m_review(new QLabel(this))
    , m_kind(new QLabel(this))
    , m_text(new QLabel(this))
    , m_stateRow(new QWidget(this))
    , m_stateBox(new QComboBox(m_stateRow))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_progressText(new QLabel(m_progressRow))
    , m_childrenLabel(new QLabel(tr("Contents"), this))
    , m_children(new QTreeView(this))
    , m_notesLabel(new QLabel(tr("&Your notes"), this))
    , m_notes(new QPlainTextEdit(this))
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(12, 10, 12, 10);
    m_layout->setSpacing(6);
    buildTitleRow();
    buildLinks();
    buildStateRow();
    buildProgressRow();
    buildContents();
    buildNotes();

    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            if (!m_index.isValid())
                return refresh();
            if (m_index.parent() == topLeft.parent() && m_index.row() >= topLeft.row()
                && m_index.row() <= bottomRight.row())
                refresh();
        });
    connect(m_model, &CurriculumModel::talliesChanged, this, &NodeDetailWidget::refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { setNode({}); });
    setNode({});
}

void NodeDetailWidget::buildTitleRow()
{
    m_breadcrumb->setForegroundRole(QPalette::PlaceholderText);
    m_breadcrumb->setWordWrap(true);
    m_breadcrumb->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layout->addWidget(m_breadcrumb);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    // Practice: a scratch file for this item, in the workbench. The menu offers other kinds.
    m_practice->setText(tr("&Practice"));
    m_practice->setToolTip(tr("Open this item's practice notes in the workbench (created on first use)"));
    m_practice->setPopupMode(QToolButton::MenuButtonPopup);
    m_practice->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *practiceMenu = new QMenu(m_practice);
    const std::pair<QString, QString> kinds[] = {
        { tr("Notes (Markdown)"), QStringLiteral("practice.md") },
        { tr("HTTP requests (.http)"), QStringLiteral("requests.http") },
        { tr("SQL"), QStringLiteral("practice.sql") },
        { tr("Python"), QStringLiteral("practice.py") },
        { tr("JavaScript"), QStringLiteral("practice.js") },
        { tr("Go"), QStringLiteral("practice.go") },
        { tr("Shell"), QStringLiteral("practice.sh") },
        { tr("YAML"), QStringLiteral("practice.yaml") },
    };
    for (const auto &[label, fileName] : kinds) {
        practiceMenu->addAction(label, this, [this, fileName] {
            if (!nodeId().isEmpty())
                Q_EMIT practiceRequested(nodeId(), fileName);
        });
    }
    m_practice->setMenu(practiceMenu);
    connect(m_practice, &QToolButton::clicked, this, [this] {
        if (!nodeId().isEmpty())
            Q_EMIT practiceRequested(nodeId(), QStringLiteral("practice.md"));
    });
    titleRow->addWidget(m_practice, 0, Qt::AlignTop);
    m_layout->addLayout(titleRow);
}

void NodeDetailWidget::buildLinks()
{
    m_kind->setForegroundRole(QPalette::PlaceholderText);
    m_layout->addWidget(m_kind);

    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    m_layout->addWidget(m_text);

    m_practiceFiles->setTextFormat(Qt::RichText);
    m_practiceFiles->setWordWrap(true);
    m_practiceFiles->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_practiceFiles, &QLabel::linkActivated, this,
        [this](const QString &link) { Q_EMIT openFileRequested(QUrl(link).toLocalFile()); });
    m_practiceFiles->hide();
    m_layout->addWidget(m_practiceFiles);

    // Request collections for the practice server that illustrate this item.
    m_collections->setTextFormat(Qt::RichText);
    m_collections->setWordWrap(true);
    m_collections->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_collections->setToolTip(tr("Requests to try against StudyBench's practice server, with tests"));
    connect(m_collections, &QLabel::linkActivated, this,
        [this](const QString &link) { Q_EMIT collectionRequested(link); });
    m_collections->hide();
    m_layout->addWidget(m_collections);

    // Whether the item is a review card, with Card Info or Add to Review.
    m_review->setTextFormat(Qt::RichText);
    m_review->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_review->setObjectName(QStringLiteral("reviewLine"));
    connect(m_review, &QLabel::linkActivated, this, [this](const QString &link) {
        QAction *action = link == QLatin1StringView("#info") ? m_cardInfo : m_addToReview;
        if (action && action->isEnabled())
            action->trigger();
    });
    m_review->hide();
    m_layout->addWidget(m_review);
}

void NodeDetailWidget::setReviewActions(QAction *cardInfo, QAction *addToReview)
{
    m_cardInfo = cardInfo;
    m_addToReview = addToReview;
}

void NodeDetailWidget::showReviewStatus(const QString &id, bool isCard, const QString &status)
{
    if (id != nodeId() || !m_cardInfo || !m_addToReview)
        return;
    QAction *action = isCard ? m_cardInfo : m_addToReview;
    const QString link = QStringLiteral("<a href=\"%1\">%2</a>")
                             .arg(isCard ? QStringLiteral("#info") : QStringLiteral("#add"),
                                 action->iconText().toHtmlEscaped());
    m_review->setText(tr("Review: %1 · %2").arg((isCard ? status : tr("not a card")).toHtmlEscaped(), link));
    m_review->setToolTip(action->toolTip());
    m_reviewKnown = true;
    m_review->show();
}

void NodeDetailWidget::buildStateRow()
{
    // State and confidence of a checkable node.
    auto *stateLayout = new QHBoxLayout(m_stateRow);
    stateLayout->setContentsMargins(0, 4, 0, 4);
    auto *stateCaption = new QLabel(tr("&State:"), m_stateRow);
    stateCaption->setBuddy(m_stateBox);
    stateLayout->addWidget(stateCaption);
    for (ItemState s : kAllStates)
        m_stateBox->addItem(StateIcons::icon(s), stateLabel(s), int(s));
    stateLayout->addWidget(m_stateBox);
    stateLayout->addSpacing(16);
    stateLayout->addWidget(new QLabel(tr("Confidence:"), m_stateRow));
    for (int i = 1; i <= 5; ++i) {
        auto *star = new QToolButton(m_stateRow);
        star->setAutoRaise(true);
        QFont starFont = star->font();
        starFont.setPointSizeF(starFont.pointSizeF() * 1.3);
        star->setFont(starFont);
        star->setCheckable(true);
        star->setToolTip(tr("Confidence %1 of 5 (click again to clear)").arg(i));
        star->setAccessibleName(tr("Confidence %1 of 5").arg(i));
        connect(star, &QToolButton::clicked, this, [this, i] {
            const CurriculumNode *node = m_model->nodeAt(m_index);
            if (!node || !m_index.isValid())
                return;
            const int current = m_index.data(CurriculumModel::ConfidenceRole).toInt();
            const int value = current == i ? 0 : i;
            refreshConfidence(value);
            Q_EMIT confidenceRequested(node->id, value, node->title);
        });
        m_stars.append(star);
        stateLayout->addWidget(star);
    }
    stateLayout->addStretch();
    m_layout->addWidget(m_stateRow);
    connect(m_stateBox, &QComboBox::activated, this, [this](int row) {
        m_model->requestState(m_index, static_cast<ItemState>(m_stateBox->itemData(row).toInt()));
    });
}

void NodeDetailWidget::buildProgressRow()
{
    // Progress of a heading.
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 4, 0, 4);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_progressText);
    m_layout->addWidget(m_progressRow);
}

void NodeDetailWidget::buildContents()
{
    QFont bold = m_childrenLabel->font();
    bold.setBold(true);
    m_childrenLabel->setFont(bold);
    m_layout->addWidget(m_childrenLabel);
    m_children->setModel(m_model);
    m_children->setItemDelegate(new CurriculumDelegate(m_children));
    m_children->setHeaderHidden(true);
    m_children->setRootIsDecorated(false);
    m_children->setItemsExpandable(false);
    m_children->setUniformRowHeights(true);
    m_children->setAlternatingRowColors(false);
    m_children->header()->setStretchLastSection(false);
    m_children->header()->setSectionResizeMode(CurriculumModel::TitleColumn, QHeaderView::Stretch);
    m_children->header()->setSectionResizeMode(
        CurriculumModel::ProgressColumn, QHeaderView::ResizeToContents);
    m_children->setAccessibleName(tr("Contents of the selected item"));
    connect(m_children, &QTreeView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT nodeActivated(index.siblingAtColumn(0)); });
    m_layout->addWidget(m_children, 1);
}

void NodeDetailWidget::buildNotes()
{
    QFont bold = m_notesLabel->font();
    bold.setBold(true);
    m_notesLabel->setFont(bold);
    m_notesLabel->setBuddy(m_notes);
    m_layout->addWidget(m_notesLabel);
    buildMergedBar();
    m_notes->setPlaceholderText(tr("Write what you learned, questions, links… Saved as you type."));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(notesHeight(kNoteLines));
    m_notes->setMaximumHeight(160);
    m_layout->addWidget(m_notes);
    m_noteTimer.setSingleShot(true);
    m_noteTimer.setInterval(700);
    connect(&m_noteTimer, &QTimer::timeout, this,
        [this] { Q_EMIT noteEdited(m_noteNodeId, m_notes->toPlainText()); });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loadingNote)
            return;
        m_noteTimer.start();
        if (m_mergedBar->isVisible())
            clearMergedBar(); // saving the note clears the flag on disk
    });
}

// A message bar (not a dialog: it waits until the learner looks) over a note into which a sync
// merge appended another device's text, with Dismiss.
void NodeDetailWidget::buildMergedBar()
{
    m_mergedBar = new QFrame(this);
    m_mergedBar->setObjectName(QStringLiteral("mergedNoteBar"));
    m_mergedBar->setFrameShape(QFrame::StyledPanel);
    m_mergedBar->setAutoFillBackground(true);
    m_mergedText = new QLabel(m_mergedBar);
    m_mergedText->setWordWrap(true);
    m_mergedDismiss = new QPushButton(tr("&Dismiss"), m_mergedBar);
    m_mergedDismiss->setToolTip(tr("Keep the note as it is and hide this message"));
    auto *row = new QHBoxLayout(m_mergedBar);
    row->setContentsMargins(10, 6, 6, 6);
    row->addWidget(m_mergedText, 1);
    row->addWidget(m_mergedDismiss, 0, Qt::AlignVCenter);
    m_layout->addWidget(m_mergedBar);
    m_mergedBar->hide();
    connect(m_mergedDismiss, &QPushButton::clicked, this, [this] {
        const QString id = m_noteNodeId;
        clearMergedBar();
        Q_EMIT noteMergeDismissed(id);
    });
}

void NodeDetailWidget::refreshMergedBar()
{
    const QDateTime at = m_index.data(CurriculumModel::NoteMergedRole).toDateTime();
    const bool merged = at.isValid() && !m_noteNodeId.isEmpty();
    m_mergedBar->setVisible(merged);
    // A merged note is to be read and tidied: it keeps room for that beside the bar, taken from
    // the workbench below (the splitter honours the pane's minimum) rather than from the note.
    m_notes->setMinimumHeight(notesHeight(merged ? kMergedNoteLines : kNoteLines));
    if (!at.isValid())
        return;
    m_mergedText->setText(
        tr("Edits from another device were merged into this note on %1 — review and tidy it.")
            .arg(QLocale().toString(at.toLocalTime(), QLocale::ShortFormat)));
    // A warm tint of the window colour, in light and dark appearances alike.
    QPalette p = m_mergedBar->palette();
    const QColor window = palette().color(QPalette::Window);
    const QColor amber(0xf0, 0xb4, 0x29);
    const qreal mix = window.lightness() < 128 ? 0.28 : 0.22;
    p.setColor(QPalette::Window,
        QColor::fromRgbF(window.redF() * (1 - mix) + amber.redF() * mix,
            window.greenF() * (1 - mix) + amber.greenF() * mix,
            window.blueF() * (1 - mix) + amber.blueF() * mix));
    m_mergedBar->setPalette(p);
}

void NodeDetailWidget::clearMergedBar()
{
    m_mergedBar->hide();
    m_notes->setMinimumHeight(notesHeight(kNoteLines));
    m_model->clearNoteMerged(m_noteNodeId);
}

int NodeDetailWidget::notesHeight(int lines) const
{
    const qreal text = QFontMetricsF(m_notes->font()).lineSpacing() * lines;
    const int height = qCeil(text + 2 * m_notes->document()->documentMargin()) + 2 * m_notes->frameWidth();
    return qMax(height, m_notes->minimumSizeHint().height());
}

QString NodeDetailWidget::nodeId() const
{
    const CurriculumNode *node = m_model->nodeAt(m_index);
    return node ? node->id : QString();
}

void NodeDetailWidget::setNode(const QModelIndex &sourceIndex)
{
    flushNote();
    m_index = sourceIndex.siblingAtColumn(0);
    const CurriculumNode *node = m_model->nodeAt(m_index);
    m_children->setRootIndex(m_index);
    m_loadingNote = true;
    m_notes->clear();
    m_loadingNote = false;
    m_noteNodeId = node ? node->id : QString();
    m_practiceFiles->hide();
    m_practice->setVisible(node && !node->id.isEmpty());
    QStringList links;
    for (const PracticeCollection &c : PracticeCollections::forNode(node ? node->id : QString()))
        links.append(
            QStringLiteral("<a href=\"%1\">%2</a>").arg(c.fileName.toHtmlEscaped(), c.title.toHtmlEscaped()));
    m_collections->setText(
        tr("Try it against the practice server: %1").arg(links.join(QStringLiteral(" · "))));
    m_collections->setVisible(!links.isEmpty());
    // Kept in place (no jump) while the new item's status is read.
    m_review->setText(tr("Review: …"));
    m_review->setVisible(m_reviewKnown && node && !node->id.isEmpty());
    // The whole curriculum has no notes of its own.
    const bool notesPossible = node && !node->id.isEmpty();
    m_notes->setEnabled(false);
    m_notes->setVisible(notesPossible);
    m_notesLabel->setVisible(notesPossible);
    refresh();
}

void NodeDetailWidget::showNote(const QString &nodeId, const QString &text)
{
    if (nodeId != m_noteNodeId)
        return;
    m_loadingNote = true;
    m_notes->setPlainText(text);
    m_loadingNote = false;
    m_notes->setEnabled(true);
}

void NodeDetailWidget::showPracticeFiles(const QString &id, const QStringList &paths)
{
    if (id != nodeId())
        return;
    QStringList links;
    for (const QString &path : paths) {
        links.append(QStringLiteral("<a href=\"%1\">%2</a>")
                .arg(QUrl::fromLocalFile(path).toString().toHtmlEscaped(),
                    QFileInfo(path).fileName().toHtmlEscaped()));
    }
    m_practiceFiles->setText(tr("Practice files: %1").arg(links.join(QStringLiteral(" · "))));
    m_practiceFiles->setVisible(!paths.isEmpty());
}

void NodeDetailWidget::flushNote()
{
    if (!m_noteTimer.isActive())
        return;
    m_noteTimer.stop();
    Q_EMIT noteEdited(m_noteNodeId, m_notes->toPlainText());
}

void NodeDetailWidget::refreshConfidence(int confidence)
{
    for (int i = 0; i < m_stars.size(); ++i) {
        m_stars[i]->setChecked(i < confidence);
        m_stars[i]->setText(i < confidence ? QStringLiteral("\u2605") : QStringLiteral("\u2606"));
    }
}

void NodeDetailWidget::refresh()
{
    const CurriculumNode *node = m_model->nodeAt(m_index);
    if (!node) {
        m_title->setText(tr("No curriculum loaded"));
        m_breadcrumb->clear();
        m_kind->clear();
        m_text->clear();
        m_stateRow->hide();
        m_progressRow->hide();
        m_childrenLabel->hide();
        m_children->hide();
        m_mergedBar->hide();
        return;
    }
    QStringList trail;
    for (const CurriculumNode *p = node->parent; p && p->parent; p = p->parent)
        trail.prepend(p->title);
    m_breadcrumb->setText(trail.join(QStringLiteral("  \u203a  ")));
    m_breadcrumb->setVisible(!trail.isEmpty());
    m_title->setText(node->title);
    m_kind->setText(kindLabel(node->kind));
    m_text->setText(node->text);
    m_text->setVisible(!node->text.isEmpty());

    const bool checkable = isCheckable(node->kind);
    m_stateRow->setVisible(checkable);
    if (checkable) {
        const ItemState st = m_model->state(node->id);
        m_stateBox->setCurrentIndex(m_stateBox->findData(int(st)));
        m_stateBox->setToolTip(m_model->isPending(node->id) ? tr("Saving…") : tr("Saved"));
        refreshConfidence(m_index.data(CurriculumModel::ConfidenceRole).toInt());
    }
    const Tally t = m_model->tally(m_index);
    const bool heading = !checkable && t.total > 0;
    m_progressRow->setVisible(heading);
    if (heading) {
        m_progress->setValue(qRound(t.percent() * 10));
        QString summary = tr("%1 of %2 done (%3%)").arg(t.done).arg(t.counted()).arg(qRound(t.percent()));
        if (t.inProgress > 0)
            summary += tr(", %n in progress", nullptr, t.inProgress);
        if (t.skipped > 0)
            summary += tr(", %n skipped", nullptr, t.skipped);
        m_progressText->setText(summary);
    }
    const bool hasChildren = !node->children.empty();
    m_childrenLabel->setVisible(hasChildren);
    m_children->setVisible(hasChildren);
    // A heading's space goes to its contents; an item's to the learner's notes.
    m_layout->setStretchFactor(m_children, hasChildren ? 1 : 0);
    m_layout->setStretchFactor(m_notes, hasChildren ? 0 : 1);
    m_notes->setMaximumHeight(hasChildren ? 160 : QWIDGETSIZE_MAX);
    refreshMergedBar();
}

} // namespace StudyBench
