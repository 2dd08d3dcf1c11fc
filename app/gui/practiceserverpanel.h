#pragma once

#include "practice/practiceserver.h"

#include <QThread>
#include <QUrl>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace StudyBench {

/// Runs a PracticeServer on a thread of its own, so that its database work never blocks the
/// window; everything it reports arrives as queued signals.
class PracticeServerController : public QObject
{
    Q_OBJECT

public:
    explicit PracticeServerController(const QString &dataDir, QObject *parent = nullptr);
    ~PracticeServerController() override;

    void start(quint16 port);
    void stop();
    void resetData();
    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void started(const QUrl &url);
    void stopped();
    /// Could not start; @p suggestedPort is a free port to offer when the one asked for is taken.
    void startFailed(const QString &message, quint16 suggestedPort);
    void resetFinished(bool ok, const QString &message);
    void requestLogged(const StudyBench::PracticeLogEntry &entry);

private:
    QThread m_thread;
    PracticeServer *m_server;
    bool m_running = false;
    QUrl m_url;
};

/// The practice server's controls: on/off, port, the URL with a copy button, reset, and the
/// access log.
class PracticeServerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PracticeServerPanel(PracticeServerController *controller, QWidget *parent = nullptr);

    QPushButton *toggleButton() const { return m_toggle; }
    QSpinBox *portBox() const { return m_port; }
    QPlainTextEdit *log() const { return m_log; }
    QLabel *message() const { return m_message; }
    QPushButton *useSuggestedPortButton() const { return m_useSuggested; }
    QLabel *urlLabel() const { return m_url; }

private:
    void buildControls();
    void buildLog();
    void connectControls();
    void connectController();
    void showState();

    PracticeServerController *m_controller;
    QPushButton *m_toggle;
    QSpinBox *m_port;
    QLabel *m_url;
    QToolButton *m_copy;
    QPushButton *m_reset;
    QPlainTextEdit *m_log;
    QLabel *m_message;
    QPushButton *m_useSuggested;
    quint16 m_suggestedPort = 0;
};

} // namespace StudyBench
