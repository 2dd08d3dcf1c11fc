#include "editor/findreplacebar.h"

#include "editor/codeeditor.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QToolButton>

namespace StudyBench {

FindReplaceBar::FindReplaceBar(QWidget *parent)
    : QWidget(parent)
    , m_findEdit(new QLineEdit(this))
    , m_replaceEdit(new QLineEdit(this))
    , m_caseBox(new QCheckBox(tr("Match &case"), this))
    , m_wordBox(new QCheckBox(tr("&Whole words"), this))
    , m_regexBox(new QCheckBox(tr("Regular e&xpression"), this))
    , m_countLabel(new QLabel(this))
    , m_replaceRow(new QWidget(this))
{
    m_findEdit->setPlaceholderText(tr("Find"));
    m_findEdit->setClearButtonEnabled(true);
    m_replaceEdit->setPlaceholderText(tr("Replace with"));
    m_replaceEdit->setClearButtonEnabled(true);
    m_countLabel->setMinimumWidth(
        fontMetrics().horizontalAdvance(tr("Matches: %1").arg(QLocale().toString(88888))));

    auto *previous = new QPushButton(tr("&Previous"), this);
    auto *next = new QPushButton(tr("&Next"), this);
    auto *close = new QToolButton(this);
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the find bar (Esc)"));
    close->setAutoRaise(true);
    auto *replace = new QPushButton(tr("&Replace"), m_replaceRow);
    auto *replaceAllButton = new QPushButton(tr("Replace &All"), m_replaceRow);

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_findEdit, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_caseBox);
    findRow->addWidget(m_wordBox);
    findRow->addWidget(m_regexBox);
    findRow->addWidget(m_countLabel);
    findRow->addWidget(close);

    auto *replaceLayout = new QHBoxLayout(m_replaceRow);
    replaceLayout->setContentsMargins(0, 0, 0, 0);
    replaceLayout->addWidget(m_replaceEdit, 1);
    replaceLayout->addWidget(replace);
    replaceLayout->addWidget(replaceAllButton);
    replaceLayout->addStretch(0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(120);
    connect(&m_countTimer, &QTimer::timeout, this, &FindReplaceBar::updateCount);
    connect(m_findEdit, &QLineEdit::textChanged, this, &FindReplaceBar::scheduleCount);
    connect(m_findEdit, &QLineEdit::returnPressed, this, &FindReplaceBar::findNext);
    connect(m_replaceEdit, &QLineEdit::returnPressed, this, &FindReplaceBar::replaceCurrent);
    for (QCheckBox *box : { m_caseBox, m_wordBox, m_regexBox })
        connect(box, &QCheckBox::toggled, this, &FindReplaceBar::scheduleCount);
    connect(previous, &QPushButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(next, &QPushButton::clicked, this, &FindReplaceBar::findNext);
    connect(replace, &QPushButton::clicked, this, &FindReplaceBar::replaceCurrent);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        if (m_editor)
            m_editor->setFocus();
        Q_EMIT closed();
    });
    updateCount();
}

void FindReplaceBar::setEditor(QPlainTextEdit *editor)
{
    if (m_editor == editor)
        return;
    if (m_editor)
        disconnect(m_editor, nullptr, this, nullptr);
    if (auto *code = qobject_cast<CodeEditor *>(m_editor.data()))
        code->setSearchHighlight({});
    m_editor = editor;
    if (m_editor)
        connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
            if (isVisible())
                scheduleCount();
        });
    scheduleCount();
}

QString FindReplaceBar::findText() const
{
    return m_findEdit->text();
}

void FindReplaceBar::setFindText(const QString &text)
{
    m_findEdit->setText(text);
    updateCount();
}

QString FindReplaceBar::replaceText() const
{
    return m_replaceEdit->text();
}

void FindReplaceBar::setReplaceText(const QString &text)
{
    m_replaceEdit->setText(text);
}

bool FindReplaceBar::caseSensitive() const
{
    return m_caseBox->isChecked();
}

void FindReplaceBar::setCaseSensitive(bool on)
{
    m_caseBox->setChecked(on);
    updateCount();
}

bool FindReplaceBar::wholeWords() const
{
    return m_wordBox->isChecked();
}

void FindReplaceBar::setWholeWords(bool on)
{
    m_wordBox->setChecked(on);
    updateCount();
}

bool FindReplaceBar::regularExpression() const
{
    return m_regexBox->isChecked();
}

void FindReplaceBar::setRegularExpression(bool on)
{
    m_regexBox->setChecked(on);
    updateCount();
}

QRegularExpression FindReplaceBar::pattern() const
{
    QString source = regularExpression() ? findText() : QRegularExpression::escape(findText());
    if (wholeWords())
        source = QStringLiteral("\\b(?:") + source + QStringLiteral(")\\b");
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!caseSensitive())
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(source, options);
}

int FindReplaceBar::matchCount() const
{
    bool complete = false;
    return countMatches(0, &complete);
}

int FindReplaceBar::countMatches(int milliseconds, bool *complete) const
{
    *complete = true;
    if (!m_editor || findText().isEmpty())
        return 0;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return -1;
    QElapsedTimer clock;
    clock.start();
    int count = 0;
    int blocks = 0;
    for (QTextBlock b = m_editor->document()->firstBlock(); b.isValid(); b = b.next(), ++blocks) {
        if (count >= MaxCountedMatches
            || (milliseconds > 0 && blocks % 256 == 255 && clock.elapsed() > milliseconds)) {
            *complete = false;
            break;
        }
        const QString text = b.text();
        auto it = re.globalMatchView(text);
        while (it.hasNext() && count < MaxCountedMatches) {
            const auto match = it.next();
            if (match.capturedLength() > 0)
                ++count;
        }
    }
    return count;
}

QString FindReplaceBar::matchCountText() const
{
    return m_countLabel->text();
}

void FindReplaceBar::scheduleCount()
{
    m_countTimer.start();
}

void FindReplaceBar::updateCount()
{
    m_countTimer.stop();
    if (auto *code = qobject_cast<CodeEditor *>(m_editor.data()))
        code->setSearchHighlight(isVisible() && !findText().isEmpty() ? pattern() : QRegularExpression());
    // Counting in a huge file must not stall typing: a tenth of a second, then "at least".
    bool complete = true;
    const int count = countMatches(100, &complete);
    if (findText().isEmpty())
        m_countLabel->clear();
    else if (count < 0)
        m_countLabel->setText(tr("Invalid pattern"));
    else if (!complete)
        m_countLabel->setText(tr("Matches: at least %1").arg(QLocale().toString(count)));
    else
        m_countLabel->setText(tr("Matches: %1").arg(QLocale().toString(count)));
    Q_EMIT matchCountChanged(count);
}

void FindReplaceBar::activate(bool withReplace)
{
    if (m_editor) {
        const QString selected = m_editor->textCursor().selectedText();
        if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
            m_findEdit->setText(regularExpression() ? QRegularExpression::escape(selected) : selected);
    }
    m_replaceRow->setVisible(withReplace);
    show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
    updateCount();
}

bool FindReplaceBar::find(bool backward)
{
    if (!m_editor || findText().isEmpty())
        return false;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return false;
    QTextDocument *doc = m_editor->document();
    const QTextDocument::FindFlags flags
        = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    QTextCursor found = doc->find(re, m_editor->textCursor(), flags);
    // Empty matches (say "^") cannot be selected; step over them.
    for (int guard = 0; !found.isNull() && !found.hasSelection() && guard < 2; ++guard) {
        QTextCursor from = found;
        if (!from.movePosition(backward ? QTextCursor::PreviousCharacter : QTextCursor::NextCharacter))
            break;
        found = doc->find(re, from, flags);
    }
    if (found.isNull() || !found.hasSelection()) {
        QTextCursor wrap(doc);
        if (backward)
            wrap.movePosition(QTextCursor::End);
        found = doc->find(re, wrap, flags);
    }
    if (found.isNull() || !found.hasSelection())
        return false;
    m_editor->setTextCursor(found);
    m_editor->ensureCursorVisible();
    return true;
}

bool FindReplaceBar::findNext()
{
    return find(false);
}

bool FindReplaceBar::findPrevious()
{
    return find(true);
}

bool FindReplaceBar::selectionIsMatch(QRegularExpressionMatch *match) const
{
    const QTextCursor cursor = m_editor->textCursor();
    if (!cursor.hasSelection())
        return false;
    const QTextBlock block = cursor.block();
    if (block != m_editor->document()->findBlock(cursor.selectionStart()))
        return false;
    // Match in the whole line, so that \b and lookarounds see the neighbours.
    const int start = cursor.selectionStart() - block.position();
    const QString text = block.text();
    *match = pattern().match(
        text, start, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    return match->hasMatch() && match->capturedEnd() == cursor.selectionEnd() - block.position();
}

QString FindReplaceBar::expandReplacement(const QRegularExpressionMatch &match) const
{
    const QString replacement = replaceText();
    if (!regularExpression())
        return replacement;
    QString out;
    out.reserve(replacement.size());
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == QLatin1Char('\\') && i + 1 < replacement.size()) {
            const QChar n = replacement.at(i + 1);
            if (n.isDigit()) {
                out += match.captured(n.digitValue());
                ++i;
                continue;
            }
            if (n == QLatin1Char('t')) {
                out += QLatin1Char('\t');
                ++i;
                continue;
            }
            if (n == QLatin1Char('\\')) {
                out += QLatin1Char('\\');
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

bool FindReplaceBar::replaceCurrent()
{
    if (!m_editor || m_editor->isReadOnly())
        return false;
    QRegularExpressionMatch match;
    if (!selectionIsMatch(&match)) {
        findNext();
        return false;
    }
    QTextCursor cursor = m_editor->textCursor();
    cursor.insertText(expandReplacement(match));
    m_editor->setTextCursor(cursor);
    findNext();
    updateCount();
    return true;
}

int FindReplaceBar::replaceAll()
{
    if (!m_editor || m_editor->isReadOnly() || findText().isEmpty())
        return 0;
    const QRegularExpression re = pattern();
    if (!re.isValid())
        return 0;
    int replaced = 0;
    QTextCursor edit(m_editor->document());
    edit.beginEditBlock();
    for (QTextBlock b = m_editor->document()->firstBlock(); b.isValid(); b = b.next()) {
        const QString text = b.text();
        QList<QRegularExpressionMatch> matches;
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedLength() > 0)
                matches.append(m);
        }
        // From the end of the line backwards, so that earlier offsets stay right.
        for (auto m = matches.crbegin(); m != matches.crend(); ++m) {
            edit.setPosition(b.position() + int(m->capturedStart()));
            edit.setPosition(b.position() + int(m->capturedEnd()), QTextCursor::KeepAnchor);
            edit.insertText(expandReplacement(*m));
            ++replaced;
        }
    }
    edit.endEditBlock();
    updateCount();
    return replaced;
}

void FindReplaceBar::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (auto *code = qobject_cast<CodeEditor *>(m_editor.data()))
        code->setSearchHighlight({});
}

void FindReplaceBar::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    scheduleCount();
}

void FindReplaceBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        Q_EMIT closed();
        return;
    }
    if (event->key() == Qt::Key_F3
        || ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            && (event->modifiers() & Qt::ShiftModifier))) {
        if (event->modifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace StudyBench
