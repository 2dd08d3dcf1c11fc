#pragma once

#include "httpclient/httpmessage.h"

#include <QList>
#include <QWidget>

namespace StudyBench {

/// Where a response's time went, as a waterfall: DNS lookup, TCP connect, sending, waiting for the
/// first byte, downloading. Phases that were not measured (HTTPS requests, reused connections) are
/// left out and a note says why.
class TimingView : public QWidget
{
    Q_OBJECT

public:
    struct Phase
    {
        QString name;
        qint64 startMs = 0;
        qint64 durationMs = 0;
        QColor color;
    };

    explicit TimingView(QWidget *parent = nullptr);

    void setTimings(const HttpTimings &timings, bool detailed);
    void clear();

    const QList<Phase> &phases() const { return m_phases; }
    QString note() const { return m_note; }
    /// One line for a tooltip: "DNS 1 ms · connect 0 ms · wait 12 ms · download 3 ms".
    QString summary() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int rowHeight() const;

    HttpTimings m_timings;
    bool m_viaHttp1 = false;
    bool m_set = false;
    QList<Phase> m_phases;
    qint64 m_totalMs = -1;
    QString m_note;
};

} // namespace StudyBench
