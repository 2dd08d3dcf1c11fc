#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QLineEdit;
class QTreeView;

namespace StudyBench {

class SearchResultModel;

/// Search Everything's panel: a field over the hits, grouped by kind, floating at the top of the
/// window it belongs to (a child of it, raised above the rest). The arrow keys move through the
/// hits from the field, Enter (or a double-click) activates one, Escape closes.
class SearchPopup : public QFrame
{
    Q_OBJECT

public:
    SearchPopup(SearchResultModel *model, QWidget *window);

    QLineEdit *edit() const { return m_edit; }
    QTreeView *view() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }

    /// Shows the panel over the window with the field focused and its text selected.
    void popUp();
    /// Shows the model's hits for @p text: every group open, the first hit current.
    void showHits(const QString &text);

Q_SIGNALS:
    void textEdited(const QString &text);
    void hitActivated(const QModelIndex &index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void place();
    void step(int hits);
    void activateCurrent();

    SearchResultModel *m_model;
    QLineEdit *m_edit;
    QTreeView *m_view;
    QLabel *m_status;
    QPointer<QWidget> m_returnFocus; ///< what had the focus before the panel took it
};

} // namespace StudyBench
