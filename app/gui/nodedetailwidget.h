#pragma once

#include "progress/itemstate.h"

#include <QPersistentModelIndex>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTreeView;
class QVBoxLayout;

namespace StudyBench {

class CurriculumModel;

/// The pane beside the tree: the selected node's title, explanation and state, its children as
/// a checklist, and the learner's notes on it.
class NodeDetailWidget : public QWidget
{
    Q_OBJECT

public:
    explicit NodeDetailWidget(CurriculumModel *model, QWidget *parent = nullptr);

    /// Shows the node at @p sourceIndex of the model (invalid: the whole curriculum).
    void setNode(const QModelIndex &sourceIndex);
    QString nodeId() const;
    /// The note loaded for @p nodeId (ignored when another node is shown by now).
    void showNote(const QString &nodeId, const QString &text);
    /// Sends a note edit that is still waiting for its debounce.
    void flushNote();
    QTreeView *childrenView() const { return m_children; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QComboBox *stateBox() const { return m_stateBox; }
    QToolButton *practiceButton() const { return m_practice; }
    QLabel *collectionsLabel() const { return m_collections; }
    /// The practice files of @p nodeId (ignored when another node is shown by now).
    void showPracticeFiles(const QString &nodeId, const QStringList &paths);
    /// The actions the review line's links trigger (ReviewActions::itemActions()).
    void setReviewActions(QAction *cardInfo, QAction *addToReview);
    /// The review line of @p nodeId (ignored when another node is shown by now): when it is a
    /// card, "Review: <status> · Card Info", else "Review: not a card · Add to Review".
    void showReviewStatus(const QString &nodeId, bool isCard, const QString &status);
    QLabel *reviewLabel() const { return m_review; }
    /// The bar above the notes saying a sync merge kept another device's text in them.
    QFrame *mergedNoteBar() const { return m_mergedBar; }
    QLabel *mergedNoteText() const { return m_mergedText; }
    QPushButton *mergedNoteDismiss() const { return m_mergedDismiss; }

Q_SIGNALS:
    void noteEdited(const QString &nodeId, const QString &text);
    /// The learner dismissed the merged-note bar of @p nodeId (editing the note clears it too).
    void noteMergeDismissed(const QString &nodeId);
    void confidenceRequested(const QString &nodeId, int confidence, const QString &title);
    void nodeActivated(const QModelIndex &sourceIndex);
    /// The learner wants to practise @p nodeId in a file named @p fileName.
    void practiceRequested(const QString &nodeId, const QString &fileName);
    void openFileRequested(const QString &path);
    /// The learner wants to open the shipped request collection @p fileName.
    void collectionRequested(const QString &fileName);

private:
    void buildTitleRow();
    void buildLinks();
    void buildStateRow();
    void buildProgressRow();
    void buildContents();
    void buildNotes();
    void buildMergedBar();
    void refreshMergedBar();
    void clearMergedBar();
    /// The notes' height for @p lines lines of their font, with frame and margins (never below
    /// their own minimumSizeHint()).
    int notesHeight(int lines) const;
    void refresh();
    void refreshConfidence(int confidence);

    CurriculumModel *m_model;
    QVBoxLayout *m_layout = nullptr;
    QPersistentModelIndex m_index;
    QLabel *m_breadcrumb;
    QLabel *m_title;
    QToolButton *m_practice;
    QLabel *m_practiceFiles;
    QLabel *m_collections;
    QLabel *m_review;
    QAction *m_cardInfo = nullptr;
    QAction *m_addToReview = nullptr;
    bool m_reviewKnown = false;
    QLabel *m_kind;
    QLabel *m_text;
    QWidget *m_stateRow;
    QComboBox *m_stateBox;
    QList<QToolButton *> m_stars;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QLabel *m_childrenLabel;
    QTreeView *m_children;
    QLabel *m_notesLabel;
    QPlainTextEdit *m_notes;
    QFrame *m_mergedBar = nullptr;
    QLabel *m_mergedText = nullptr;
    QPushButton *m_mergedDismiss = nullptr;
    QTimer m_noteTimer;
    QString m_noteNodeId;
    bool m_loadingNote = false;
};

} // namespace StudyBench
