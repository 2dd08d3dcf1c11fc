#include "drill/drillwindow.h"

#include "common/appearance.h"
#include "common/workbenchloader.h"
#include "drill/drillcatalog.h"
#include "drill/drillfinishdialog.h"
#include "drill/drillrubric.h"
#include "util/asyncrun.h"

#include <QBoxLayout>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMutex>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>

namespace StudyBench {

/// Shared with the worker jobs that write the answer: one write at a time, and never an older
/// text over a newer one.
struct DrillWindow::WriteState
{
    QMutex mutex;
    int written = 0; ///< the sequence number of the last text written
    int next = 0;
};

namespace {

constexpr int kSaveDelayMs = 700;

} // namespace

DrillWindow::DrillWindow(const QString &databasePath, CurriculumPtr curriculum, const QString &drillId,
    const QString &answersDir, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_databasePath(databasePath)
    , m_curriculum(std::move(curriculum))
    , m_catalog(std::make_shared<DrillCatalog>(*m_curriculum))
    , m_drillId(drillId)
    , m_answersDir(answersDir)
    , m_writes(std::make_shared<WriteState>())
    , m_ticker(new QTimer(this))
    , m_saveTimer(new QTimer(this))
{
    buildUi();
    m_ticker->setInterval(250);
    connect(m_ticker, &QTimer::timeout, this, &DrillWindow::tick);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &DrillWindow::saveNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_clock.isStarted())
            m_saveTimer->start();
    });
    tick();
}

DrillWindow::~DrillWindow()
{
    // A pending edit still reaches the file (the job runs on; only its report is dropped).
    if (m_saveTimer->isActive())
        saveNow();
}

QString DrillWindow::answerPathFor(
    const QString &answersDir, const QString &drillId, const QDateTime &startedAt)
{
    QString folder = drillId;
    folder.replace(QLatin1Char('/'), QLatin1Char('_'));
    const QString stamp = startedAt.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    return QDir(answersDir).filePath(folder + QLatin1Char('/') + stamp + QStringLiteral(".md"));
}

QString DrillWindow::statusText() const
{
    return m_status->text();
}

QString DrillWindow::timeText() const
{
    return m_time->text();
}

void DrillWindow::buildUi()
{
    const Drill *drill = m_catalog->find(m_drillId);
    setWindowTitle(tr("Drill: %1").arg(drill ? drill->title : m_drillId));
    // The workbench module's editor (syntax highlighting): the drill window opens on request, when
    // the module is loaded or may be.
    m_editor = WorkbenchLoader::createCodeEditor(QStringLiteral("Markdown"), this);
    m_editor->setPlaceholderText(
        tr("Press Start, then write your answer here (Markdown). It is saved as you type."));
    m_editor->setReadOnly(true);
    m_rubric = new QTextBrowser(this);
    m_rubric->setHtml(rubricHtml());
    m_rubric->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_rubric);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildTopBar());
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    setStatus(tr("Set the time limit, then press Start. Answers are saved under %1.")
            .arg(QDir::toNativeSeparators(m_answersDir)));
    resize(1100, 700);
}

QWidget *DrillWindow::buildTopBar()
{
    auto *bar = new QWidget(this);
    const Drill *drill = m_catalog->find(m_drillId);
    m_title = new QLabel(drill
            ? tr("<b>%1</b><br>%2").arg(drill->title.toHtmlEscaped(), drillKindName(drill->kind))
            : m_drillId.toHtmlEscaped(),
        bar);
    m_title->setWordWrap(true);
    m_minutes = new QSpinBox(bar);
    m_minutes->setRange(1, 240);
    m_minutes->setValue(45);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setToolTip(tr("The time limit, set before Start"));
    m_start = new QPushButton(tr("&Start"), bar);
    m_pause = new QPushButton(tr("&Pause"), bar);
    m_pause->setEnabled(false);
    m_finish = new QPushButton(tr("&Finish…"), bar);
    m_finish->setEnabled(false);
    m_time = new QLabel(bar);
    QFont big = m_time->font();
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    m_time->setFont(big);
    // Room for "−00:00" so the buttons do not move as the clock runs past zero.
    m_time->setMinimumWidth(QFontMetrics(big).horizontalAdvance(QStringLiteral("\u221200:00")) + 4);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_time->setToolTip(tr("Time left; past zero it keeps counting, in red"));
    connect(m_minutes, &QSpinBox::valueChanged, this, &DrillWindow::tick);
    connect(m_start, &QPushButton::clicked, this, &DrillWindow::start);
    connect(m_pause, &QPushButton::clicked, this, &DrillWindow::togglePause);
    connect(m_finish, &QPushButton::clicked, this, &DrillWindow::askToFinish);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_title, 1);
    for (QWidget *w : std::initializer_list<QWidget *> { m_minutes, m_start, m_pause, m_time, m_finish })
        row->addWidget(w);
    return bar;
}

QString DrillWindow::rubricHtml() const
{
    const Drill *drill = m_catalog->find(m_drillId);
    if (!drill)
        return tr("<p>%1 is not a drill of this curriculum.</p>").arg(m_drillId.toHtmlEscaped());
    const DrillRubric rubric = DrillRubric::forDrill(*m_catalog, *drill);
    QString html = tr("<h3>Rubric</h3>");
    for (const RubricDimension &d : rubric.dimensions)
        html += tr("<p><b>%1</b><br><i>Strong:</i> %2<br><i>Weak:</i> %3</p>")
                    .arg(d.name.toHtmlEscaped(), d.strong.toHtmlEscaped(), d.weak.toHtmlEscaped());
    html += tr("<h3>Checklist</h3>");
    QString section;
    for (const RubricChecklistItem &item : rubric.checklist) {
        if (item.section != section) {
            html += (section.isEmpty() ? QString() : QStringLiteral("</ul>"))
                + QStringLiteral("<p><b>%1</b></p><ul>").arg(item.section.toHtmlEscaped());
            section = item.section;
        }
        html += QStringLiteral("<li>%1</li>").arg(item.title.toHtmlEscaped());
    }
    return section.isEmpty() ? html : html + QStringLiteral("</ul>");
}

void DrillWindow::start()
{
    if (m_clock.isStarted())
        return;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_answerPath = answerPathFor(m_answersDir, m_drillId, m_startedAt);
    m_clock.setLimitMs(qint64(m_minutes->value()) * 60 * 1000);
    m_clock.start();
    m_minutes->setEnabled(false);
    m_start->setEnabled(false);
    m_pause->setEnabled(true);
    m_finish->setEnabled(true);
    m_editor->setReadOnly(false);
    m_editor->setFocus();
    m_ticker->start();
    tick();
    setStatus(tr("Answer file: %1").arg(QDir::toNativeSeparators(m_answerPath)));
    saveNow(); // creates the file
}

void DrillWindow::togglePause()
{
    if (m_clock.isRunning()) {
        m_clock.pause();
        m_pause->setText(tr("&Resume"));
    } else {
        m_clock.resume();
        m_pause->setText(tr("&Pause"));
    }
    tick();
}

void DrillWindow::tick()
{
    const qint64 remaining = m_clock.remainingMs();
    const QString text
        = DrillClock::format(m_clock.isStarted() ? remaining : qint64(m_minutes->value()) * 60000);
    m_time->setText(m_clock.isStarted() && !m_clock.isRunning() ? tr("%1 (paused)").arg(text) : text);
    QPalette palette = m_time->palette();
    const QColor red = Appearance::isDark() ? QColor(0xff, 0x6e, 0x6e) : QColor(0xc6, 0x28, 0x28);
    palette.setColor(QPalette::WindowText, remaining < 0 ? red : this->palette().color(QPalette::WindowText));
    m_time->setPalette(palette);
}

namespace {

struct WriteOutcome
{
    QString error;
    bool wasDeleted = false;
};

// Writes @p text to @p path unless a newer text (higher @p sequence) was written already.
// wasDeleted: the file had been written before (sequence > 1) and was gone.
template<typename State>
WriteOutcome writeAnswer(State &state, int sequence, const QString &path, const QString &text)
{
    QMutexLocker lock(&state.mutex);
    WriteOutcome outcome;
    if (sequence <= state.written)
        return outcome;
    outcome.wasDeleted = sequence > 1 && !QFileInfo::exists(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        outcome.error = DrillWindow::tr("Could not save the answer to %1: %2. Your text is still in the "
                                        "editor; check the folder, then type on to save again.")
                            .arg(QDir::toNativeSeparators(path), file.errorString());
        return outcome;
    }
    state.written = sequence;
    return outcome;
}

} // namespace

void DrillWindow::saveNow()
{
    m_saveTimer->stop();
    if (m_answerPath.isEmpty())
        return;
    const int sequence = ++m_writes->next;
    runAsync(
        this,
        [writes = m_writes, sequence, path = m_answerPath, text = m_editor->toPlainText()] {
            const WriteOutcome w = writeAnswer(*writes, sequence, path, text);
            return SaveResult { w.error, w.wasDeleted };
        },
        [this](const SaveResult &result) { onSaved(result); });
}

void DrillWindow::onSaved(const SaveResult &result)
{
    if (!result.error.isEmpty())
        setStatus(result.error, true);
    else if (result.wasDeleted)
        setStatus(tr("The answer file %1 was deleted while the drill ran. Nothing is lost: your text is "
                     "still here and has been saved to it again.")
                      .arg(QDir::toNativeSeparators(m_answerPath)),
            true);
    else if (!m_finished && !m_recording)
        setStatus(tr("Saved to %1").arg(QDir::toNativeSeparators(m_answerPath)));
    Q_EMIT saved(result.error.isEmpty(), result.wasDeleted);
}

void DrillWindow::askToFinish()
{
    auto *dialog = new DrillFinishDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { finish(dialog->scores(), dialog->toFix()); });
    dialog->open();
}

void DrillWindow::finish(const std::array<int, kDrillDimensionCount> &scores, const QString &toFix)
{
    if (!m_clock.isStarted() || m_finished || m_recording)
        return;
    m_recording = true;
    m_clock.pause();
    m_saveTimer->stop();
    m_pause->setEnabled(false);
    m_finish->setEnabled(false);
    DrillAttempt attempt;
    attempt.nodeId = m_drillId;
    attempt.startedAt = m_startedAt;
    attempt.secondsUsed = int(m_clock.usedMs() / 1000);
    attempt.scores = scores;
    attempt.toFix = toFix;
    attempt.answerPath = m_answerPath;
    setStatus(tr("Recording the attempt…"));
    const int sequence = ++m_writes->next;
    runAsync(
        this,
        [writes = m_writes, sequence, text = m_editor->toPlainText(), path = m_databasePath,
            catalog = m_catalog, attempt] {
            const WriteOutcome w = writeAnswer(*writes, sequence, attempt.answerPath, text);
            DrillStore store;
            DrillRecordOutcome outcome;
            if (!store.open(path))
                outcome.error = store.errorString();
            else
                outcome = store.record(*catalog, attempt, QDateTime::currentDateTimeUtc());
            return std::pair(SaveResult { w.error, w.wasDeleted }, outcome);
        },
        [this](const std::pair<SaveResult, DrillRecordOutcome> &result) {
            showOutcome(result.first, result.second);
        });
}

void DrillWindow::showOutcome(const SaveResult &save, const DrillRecordOutcome &outcome)
{
    m_recording = false;
    if (!outcome.ok()) {
        m_finish->setEnabled(true);
        m_pause->setEnabled(true);
        m_pause->setText(tr("&Resume"));
        tick();
        setStatus(tr("The attempt was not recorded: %1 Your answer is kept; press Finish to try again.")
                      .arg(outcome.error),
            true);
        Q_EMIT recorded(false, {});
        return;
    }
    m_finished = true;
    m_ticker->stop();
    m_editor->setReadOnly(true);
    QStringList titles;
    for (const QString &id : outcome.madeDue) {
        const CurriculumNode *node = m_curriculum->find(id);
        titles.append(node ? node->title : id);
    }
    QString text
        = tr("Attempt recorded: mean score %1.").arg(QLocale().toString(outcome.attempt.meanScore(), 'f', 1));
    text += QLatin1Char(' ')
        + (titles.isEmpty() ? tr("No dimension scored 1 or 2, so no concept was made due.")
                            : tr("Now due in review: %1.").arg(titles.join(QStringLiteral(", "))));
    if (save.wasDeleted)
        text += QLatin1Char(' ') + tr("The answer file had been deleted; it was saved again.");
    if (!save.error.isEmpty())
        text += QLatin1Char(' ') + save.error;
    setStatus(text, save.wasDeleted || !save.error.isEmpty());
    Q_EMIT recorded(true, outcome.madeDue);
    Q_EMIT message(text);
}

void DrillWindow::setStatus(const QString &text, bool warning)
{
    m_status->setText(text);
    QFont font = m_status->font();
    font.setBold(warning);
    m_status->setFont(font);
}

void DrillWindow::closeEvent(QCloseEvent *event)
{
    if (!m_clock.isStarted() || m_finished) {
        event->accept();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Discard the Attempt?"),
        tr("The drill is still running. Close it and discard this attempt? Nothing is recorded; your "
           "answer stays in %1.")
            .arg(QDir::toNativeSeparators(m_answerPath)),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Discard)
        event->accept();
    else
        event->ignore();
}

} // namespace StudyBench
