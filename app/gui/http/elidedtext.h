#pragma once

#include <QLabel>
#include <QPushButton>

namespace StudyBench {

/// A one-line label that elides its text to the room it gets (the whole text is its tool tip),
/// so a long text never makes its layout wider than the window.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_text; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();
    QString m_text;
};

/// A push button whose text is elided to its width (the whole text is its tool tip).
class ElidedButton : public QPushButton
{
    Q_OBJECT

public:
    explicit ElidedButton(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_text; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();
    QString m_text;
};

} // namespace StudyBench
