#include "review/reviewsettingsdialog.h"

#include "common/appearance.h"
#include "review/reviewstore.h"
#include "util/asyncrun.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

namespace StudyBench {

namespace {

// A line under a field: its hint in the placeholder colour, or what is wrong in red.
void showMessage(QLabel *label, const QString &text, bool error)
{
    QPalette palette = label->parentWidget()->palette();
    if (error)
        palette.setColor(
            QPalette::WindowText, Appearance::isDark() ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28));
    else
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    label->setText(text);
}

} // namespace

ReviewSettingsDialog::ReviewSettingsDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_path(databasePath)
    , m_retention(new QDoubleSpinBox(this))
    , m_workload(new QLabel(this))
    , m_maximumInterval(new QSpinBox(this))
    , m_status(new QLabel(tr("Reading your settings…"), this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this))
    , m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Review Settings"));
    buildFields();
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout()->addWidget(m_status);
    layout()->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReviewSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        FsrsSettings defaults;
        defaults.weights = m_loaded.weights; // the optimizer's weights are not a setting here
        showSettings(defaults);
    });
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &ReviewSettingsDialog::estimateWorkload);
    okButton()->setEnabled(false);
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

QPushButton *ReviewSettingsDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ReviewSettingsDialog::buildFields()
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_retention->setRange(FsrsSettings::kMinRetention, FsrsSettings::kMaxRetention);
    m_retention->setDecimals(2);
    m_retention->setSingleStep(0.01);
    m_retention->setValue(FsrsSettings {}.desiredRetention);
    m_retention->setAccessibleName(tr("Desired retention"));
    m_workload->setToolTip(tr("Estimated by simulating a year of reviews with your scheduler's weights: "
                              "every card is reviewed whenever it is due, learning steps included."));
    m_workload->setWordWrap(true);
    auto *retentionRow = new QHBoxLayout;
    retentionRow->addWidget(m_retention);
    retentionRow->addWidget(m_workload, 1);
    auto *retentionCaption = new QLabel(tr("Desired &retention:"), this);
    retentionCaption->setBuddy(m_retention);
    form->addRow(retentionCaption, retentionRow);
    auto *retentionHint = new QLabel(this);
    retentionHint->setWordWrap(true);
    showMessage(retentionHint,
        tr("The chance you still remember a card when it comes due (%1–%2). Higher means more reviews.")
            .arg(QLocale().toString(FsrsSettings::kMinRetention, 'f', 2),
                QLocale().toString(FsrsSettings::kMaxRetention, 'f', 2)),
        false);
    form->addRow(QString(), retentionHint);

    m_learning = addStepsRow(form, tr("&Learning steps:"),
        tr("Waits before a new card's next reviews, e.g. 1m 10m (s, m, h, d), or none."), &m_learningMessage);
    m_relearning = addStepsRow(form, tr("R&elearning steps:"),
        tr("Waits after you forget a card, before it is scheduled in days again, e.g. 10m, or none."),
        &m_relearningMessage);

    m_maximumInterval->setRange(1, FsrsSettings {}.maximumIntervalDays);
    m_maximumInterval->setValue(FsrsSettings {}.maximumIntervalDays);
    m_maximumInterval->setAccessibleName(tr("Maximum interval in days"));
    auto *maximumCaption = new QLabel(tr("&Maximum interval (days):"), this);
    maximumCaption->setBuddy(m_maximumInterval);
    auto *maximumRow = new QHBoxLayout;
    maximumRow->addWidget(m_maximumInterval);
    maximumRow->addStretch(1);
    form->addRow(maximumCaption, maximumRow);

    connect(m_retention, &QDoubleSpinBox::valueChanged, this, &ReviewSettingsDialog::fieldsChanged);
    connect(m_learning, &QLineEdit::textChanged, this, &ReviewSettingsDialog::fieldsChanged);
    connect(m_relearning, &QLineEdit::textChanged, this, &ReviewSettingsDialog::fieldsChanged);
    connect(m_maximumInterval, &QSpinBox::valueChanged, this, &ReviewSettingsDialog::fieldsChanged);
}

QLineEdit *ReviewSettingsDialog::addStepsRow(
    QFormLayout *form, const QString &label, const QString &hint, QLabel **message)
{
    auto *edit = new QLineEdit(this);
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit);
    edit->setPlaceholderText(tr("none"));
    form->addRow(caption, edit);
    *message = new QLabel(this);
    (*message)->setWordWrap(true);
    (*message)->setProperty("hint", hint);
    showMessage(*message, hint, false);
    form->addRow(QString(), *message);
    return edit;
}

void ReviewSettingsDialog::load()
{
    runAsync(
        this,
        [path = m_path] {
            Loaded result;
            ReviewStore store;
            if (!store.open(path)) {
                result.error = store.errorString();
                return result;
            }
            result.settings = store.settings();
            result.cards = int(store.cards().size());
            return result;
        },
        [this](const Loaded &loaded) { present(loaded); });
}

void ReviewSettingsDialog::present(const Loaded &loaded)
{
    if (!loaded.error.isEmpty()) {
        showMessage(m_status,
            tr("Cannot read your review settings: %1\nNothing was changed. Check that the progress "
               "database can be read, then open Review › Settings again.")
                .arg(loaded.error),
            true);
        Q_EMIT this->loaded();
        return;
    }
    m_loaded = loaded.settings;
    m_cards = loaded.cards;
    m_ready = true;
    m_status->clear();
    showSettings(m_loaded);
    Q_EMIT this->loaded();
}

void ReviewSettingsDialog::showSettings(const FsrsSettings &settings)
{
    m_retention->setValue(settings.desiredRetention);
    m_learning->setText(FsrsSteps::format(settings.learningSteps));
    m_relearning->setText(FsrsSteps::format(settings.relearningSteps));
    m_maximumInterval->setValue(settings.maximumIntervalDays);
    fieldsChanged();
    // Shown at once, not after the debounce: the dialog has just opened or been reset.
    m_debounce->stop();
    estimateWorkload();
}

bool ReviewSettingsDialog::checkSteps(QLineEdit *edit, QLabel *message, const QString &hint)
{
    QString error;
    const bool ok = FsrsSteps::parse(edit->text(), &error).has_value();
    showMessage(message, ok ? hint : error, !ok);
    return ok;
}

std::optional<FsrsSettings> ReviewSettingsDialog::edited()
{
    FsrsSettings settings = m_loaded;
    QString ignored;
    const auto learning = FsrsSteps::parse(m_learning->text(), &ignored);
    const auto relearning = FsrsSteps::parse(m_relearning->text(), &ignored);
    if (!learning || !relearning)
        return std::nullopt;
    settings.desiredRetention = m_retention->value();
    settings.learningSteps = *learning;
    settings.relearningSteps = *relearning;
    settings.maximumIntervalDays = m_maximumInterval->value();
    if (!settings.validate().isEmpty())
        return std::nullopt;
    return settings;
}

void ReviewSettingsDialog::fieldsChanged()
{
    const bool learningOk
        = checkSteps(m_learning, m_learningMessage, m_learningMessage->property("hint").toString());
    const bool relearningOk
        = checkSteps(m_relearning, m_relearningMessage, m_relearningMessage->property("hint").toString());
    const bool usable = learningOk && relearningOk && edited().has_value();
    okButton()->setEnabled(m_ready && !m_saving && usable);
    m_workload->setEnabled(false); // greyed until the estimate for these values is in
    if (usable)
        m_debounce->start();
}

void ReviewSettingsDialog::estimateWorkload()
{
    const std::optional<FsrsSettings> settings = edited();
    if (!settings)
        return;
    const int request = ++m_workloadRequest;
    runAsync(
        this,
        [scheduler = Fsrs(*settings)] {
            return scheduler.expectedReviewsPerYear(scheduler.settings().desiredRetention);
        },
        [this, request](double perCardYear) {
            if (request == m_workloadRequest)
                showWorkload(perCardYear);
        });
}

void ReviewSettingsDialog::showWorkload(double reviewsPerCardYear)
{
    const QLocale locale;
    if (m_cards > 0) {
        const double perYear = reviewsPerCardYear * m_cards;
        const double perDay = perYear / 365.0;
        m_workload->setText(tr("≈ %1 reviews a day, %2 a year, for your %n card(s)", nullptr, m_cards)
                .arg(locale.toString(perDay, 'f', perDay < 10 ? 1 : 0), locale.toString(qRound64(perYear))));
    } else {
        m_workload->setText(
            tr("≈ %1 reviews per card in its first year").arg(locale.toString(reviewsPerCardYear, 'f', 1)));
    }
    m_workload->setEnabled(true);
    Q_EMIT workloadShown(reviewsPerCardYear);
}

void ReviewSettingsDialog::save()
{
    const std::optional<FsrsSettings> settings = edited();
    if (!settings || !m_ready || m_saving)
        return;
    m_saving = true;
    m_buttons->setEnabled(false);
    showMessage(m_status, tr("Saving…"), false);
    runAsync(
        this,
        [path = m_path, edited = *settings] {
            ReviewStore store;
            if (!store.open(path))
                return store.errorString();
            // The weights as they are on disk now (the optimizer may have saved new ones).
            FsrsSettings saved = store.settings();
            saved.desiredRetention = edited.desiredRetention;
            saved.learningSteps = edited.learningSteps;
            saved.relearningSteps = edited.relearningSteps;
            saved.maximumIntervalDays = edited.maximumIntervalDays;
            return store.saveSettings(saved) ? QString() : store.errorString();
        },
        [this](const QString &error) { saveFinished(error); });
}

void ReviewSettingsDialog::reject()
{
    // A save under way finishes first: Cancel must not leave it unknown whether it was saved.
    if (!m_saving)
        QDialog::reject();
}

void ReviewSettingsDialog::saveFinished(const QString &error)
{
    m_saving = false;
    m_buttons->setEnabled(true);
    if (error.isEmpty()) {
        accept();
        return;
    }
    showMessage(m_status,
        tr("Your settings were not saved: %1\nThey are still in this dialog. Check that the progress "
           "database can be written (free disk space, permissions) and press OK again, or Cancel to "
           "keep the old settings.")
            .arg(error),
        true);
    fieldsChanged();
    Q_EMIT saveFailed(error);
}

} // namespace StudyBench
