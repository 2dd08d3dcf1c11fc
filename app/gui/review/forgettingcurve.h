#pragma once

#include "review/fsrs.h"

#include <QWidget>

namespace StudyBench {

/// A card's forgetting curve since its last review: retrievability over the days, drawn with
/// QPainter, with a line at the desired retention and a mark at now.
class ForgettingCurve : public QWidget
{
    Q_OBJECT

public:
    explicit ForgettingCurve(QWidget *parent = nullptr);
    void setCard(const FsrsCard &card, const FsrsSettings &settings, const QDateTime &now);
    QSize sizeHint() const override { return { 420, 200 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    FsrsCard m_card;
    FsrsSettings m_settings;
    QDateTime m_now;
};

} // namespace StudyBench
