#pragma once

#include "curriculum/curriculum.h"
#include "drill/drillclock.h"
#include "drill/drillstore.h"

#include <QDateTime>
#include <QWidget>

#include <array>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTimer;

namespace StudyBench {

class DrillCatalog;

/// One drill being run: a countdown (45 minutes unless set before Start; Pause/Resume; past zero it
/// keeps counting, in red), a Markdown answer editor whose text autosaves to
/// ANSWERS/<drill ID, '/' as '_'>/<UTC start time>.md, and the rubric beside it. Finish asks for the
/// four scores and records the attempt on a worker thread; the window then says which concepts
/// review made due. A deleted answer file is reported and written again from the editor.
class DrillWindow : public QWidget
{
    Q_OBJECT

public:
    DrillWindow(const QString &databasePath, CurriculumPtr curriculum, const QString &drillId,
        const QString &answersDir, QWidget *parent = nullptr);
    ~DrillWindow() override;

    QString drillId() const { return m_drillId; }
    DrillClock &clock() { return m_clock; }
    QPlainTextEdit *editor() const { return m_editor; }
    QString answerPath() const { return m_answerPath; }
    QString statusText() const;
    /// The countdown as shown ("12:34", "−03:10", "12:34 (paused)").
    QString timeText() const;
    bool isFinished() const { return m_finished; }
    /// The answer file for a drill started at @p startedAt under @p answersDir.
    static QString answerPathFor(
        const QString &answersDir, const QString &drillId, const QDateTime &startedAt);

public Q_SLOTS:
    void start();
    void togglePause();
    /// Writes the answer now (also done a moment after each edit).
    void saveNow();
    /// Records the attempt with @p scores (1-4 each) and @p toFix on a worker thread.
    void finish(const std::array<int, kDrillDimensionCount> &scores, const QString &toFix);

Q_SIGNALS:
    /// After each write of the answer file: @p ok, and whether it had been deleted meanwhile.
    void saved(bool ok, bool wasDeleted);
    /// After Finish: whether DrillStore::record() stored the attempt, and the concepts it made due.
    void recorded(bool ok, const QStringList &madeDue);
    /// A message for the main window's status bar.
    void message(const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct WriteState;
    struct SaveResult
    {
        QString error;
        bool wasDeleted = false;
    };

    void buildUi();
    QWidget *buildTopBar();
    QString rubricHtml() const;
    void tick();
    void askToFinish();
    void onSaved(const SaveResult &result);
    void showOutcome(const SaveResult &save, const DrillRecordOutcome &outcome);
    void setStatus(const QString &text, bool warning = false);

    QString m_databasePath;
    CurriculumPtr m_curriculum;
    std::shared_ptr<const DrillCatalog> m_catalog;
    QString m_drillId;
    QString m_answersDir;
    QString m_answerPath;
    QDateTime m_startedAt;
    DrillClock m_clock;
    std::shared_ptr<WriteState> m_writes;
    bool m_finished = false;
    bool m_recording = false;
    QLabel *m_title = nullptr;
    QSpinBox *m_minutes = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_finish = nullptr;
    QLabel *m_time = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QTextBrowser *m_rubric = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_ticker = nullptr;
    QTimer *m_saveTimer = nullptr;
};

} // namespace StudyBench
