#pragma once

#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace StudyBench {

/// A find and replace bar for one QPlainTextEdit at a time: match case, whole words, regular
/// expressions (with \1…\9 in the replacement), a match count, replace and replace all.
/// Matches never span lines.
class FindReplaceBar : public QWidget
{
    Q_OBJECT

public:
    /// Counting stops here, so that typing in the find field stays quick in huge files.
    static constexpr int MaxCountedMatches = 100000;

    explicit FindReplaceBar(QWidget *parent = nullptr);

    void setEditor(QPlainTextEdit *editor);
    QPlainTextEdit *editor() const { return m_editor; }

    QString findText() const;
    void setFindText(const QString &text);
    QString replaceText() const;
    void setReplaceText(const QString &text);
    bool caseSensitive() const;
    void setCaseSensitive(bool on);
    bool wholeWords() const;
    void setWholeWords(bool on);
    bool regularExpression() const;
    void setRegularExpression(bool on);

    /// The pattern the options describe; invalid when the regular expression is.
    QRegularExpression pattern() const;
    /// Matches in the whole document (at most MaxCountedMatches); -1 when the pattern is invalid.
    int matchCount() const;
    /// Like matchCount(), but gives up after about @p milliseconds (0: never); @p complete then
    /// says whether the whole document was searched.
    int countMatches(int milliseconds, bool *complete) const;
    /// What the bar shows, e.g. "Matches: 12".
    QString matchCountText() const;

    /// Shows the bar, with the replace row or without, seeded with the editor's selection.
    void activate(bool withReplace);

public Q_SLOTS:
    /// Selects the next (previous) match, wrapping around; false when there is none.
    bool findNext();
    bool findPrevious();
    /// Replaces the selected match and selects the next one; false when nothing was selected.
    bool replaceCurrent();
    /// Replaces every match in one undo step and returns how many.
    int replaceAll();

Q_SIGNALS:
    void closed();
    void matchCountChanged(int count);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    bool find(bool backward);
    QString expandReplacement(const QRegularExpressionMatch &match) const;
    bool selectionIsMatch(QRegularExpressionMatch *match) const;
    void updateCount();
    void scheduleCount();

    QPointer<QPlainTextEdit> m_editor;
    QLineEdit *m_findEdit;
    QLineEdit *m_replaceEdit;
    QCheckBox *m_caseBox;
    QCheckBox *m_wordBox;
    QCheckBox *m_regexBox;
    QLabel *m_countLabel;
    QWidget *m_replaceRow;
    QTimer m_countTimer;
};

} // namespace StudyBench
