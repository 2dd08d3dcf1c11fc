#include "practiceserverpanel.h"

#include "util/preferences.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace StudyBench {

PracticeServerController::PracticeServerController(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_server(new PracticeServer(dataDir))
{
    qRegisterMetaType<StudyBench::PracticeLogEntry>();
    m_thread.setObjectName(QStringLiteral("practice-server"));
    m_server->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_server, &PracticeServer::requestLogged, this, &PracticeServerController::requestLogged);
    connect(m_server, &PracticeServer::started, this, [this](const QUrl &url) {
        m_running = true;
        m_url = url;
        Q_EMIT started(url);
    });
    connect(m_server, &PracticeServer::stopped, this, [this] {
        m_running = false;
        m_url.clear();
        Q_EMIT stopped();
    });
    m_thread.start();
}

PracticeServerController::~PracticeServerController()
{
    QMetaObject::invokeMethod(m_server, &PracticeServer::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void PracticeServerController::start(quint16 port)
{
    QMetaObject::invokeMethod(m_server, [this, port] {
        if (m_server->start(port))
            return;
        const quint16 suggestion = m_server->startError() == PracticeServer::StartError::PortInUse
            ? PracticeServer::nextFreePort(port)
            : 0;
        const QString message = m_server->errorString();
        // Reported from the window's thread, like everything else.
        QMetaObject::invokeMethod(
            this, [this, message, suggestion] { Q_EMIT startFailed(message, suggestion); });
    });
}

void PracticeServerController::stop()
{
    QMetaObject::invokeMethod(m_server, &PracticeServer::stop);
}

void PracticeServerController::resetData()
{
    QMetaObject::invokeMethod(m_server, [this] {
        const bool ok = m_server->resetData();
        const QString message = ok ? tr("Practice data reset: users, articles and comments are gone.")
                                   : m_server->errorString();
        QMetaObject::invokeMethod(this, [this, ok, message] { Q_EMIT resetFinished(ok, message); });
    });
}

PracticeServerPanel::PracticeServerPanel(PracticeServerController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_toggle(new QPushButton(this))
    , m_port(new QSpinBox(this))
    , m_url(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_reset(new QPushButton(tr("Reset Practice Data…"), this))
    , m_log(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_useSuggested(new QPushButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    buildControls();
    buildLog();
    connectControls();
    connectController();
    showState();
}

void PracticeServerPanel::buildControls()
{
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    auto *row = new QHBoxLayout;
    m_toggle->setCheckable(true);
    row->addWidget(m_toggle);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    row->addWidget(portLabel);
    m_port->setRange(1024, 65535);
    m_port->setValue(Preferences().practiceServerPort().value_or(PracticeServer::kDefaultPort));
    m_port->setAccessibleName(tr("Practice server port"));
    row->addWidget(m_port);
    m_url->setTextFormat(Qt::RichText);
    m_url->setOpenExternalLinks(false);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    row->addWidget(m_url, 1);
    m_copy->setText(tr("Copy URL"));
    m_copy->setToolTip(tr("Copy the server's address to the clipboard"));
    row->addWidget(m_copy);
    row->addWidget(m_reset);
    layout->addLayout(row);
    auto *messageRow = new QHBoxLayout;
    m_message->setWordWrap(true);
    m_message->hide();
    messageRow->addWidget(m_message, 1);
    m_useSuggested->hide();
    messageRow->addWidget(m_useSuggested);
    layout->addLayout(messageRow);
}

void PracticeServerPanel::buildLog()
{
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(
        tr("Requests to the practice server appear here: time, method, path, status and "
           "duration. The HTTP playground is under /http, the Conduit API under /api."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_log->setFont(mono);
    m_log->setAccessibleName(tr("Practice server access log"));
    layout->addWidget(m_log, 1);
}

void PracticeServerPanel::connectControls()
{
    connect(m_toggle, &QPushButton::clicked, this, [this](bool on) {
        m_message->hide();
        m_useSuggested->hide();
        if (on)
            m_controller->start(quint16(m_port->value()));
        else
            m_controller->stop();
        m_toggle->setEnabled(false);
    });
    connect(m_copy, &QToolButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_controller->url().toString()); });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Reset Practice Data"),
                tr("Delete every user, article and comment of the practice APIs? Your progress "
                   "and notes are not touched."))
            == QMessageBox::Yes)
            m_controller->resetData();
    });
}

void PracticeServerPanel::connectController()
{
    connect(m_controller, &PracticeServerController::started, this, &PracticeServerPanel::showState);
    connect(m_controller, &PracticeServerController::stopped, this, &PracticeServerPanel::showState);
    connect(
        m_controller, &PracticeServerController::resetFinished, this, [this](bool, const QString &message) {
            m_message->setText(message);
            m_message->show();
        });
    connect(m_useSuggested, &QPushButton::clicked, this, [this] {
        m_port->setValue(m_suggestedPort);
        m_message->hide();
        m_useSuggested->hide();
        m_toggle->setChecked(true);
        m_toggle->setEnabled(false);
        m_controller->start(m_suggestedPort);
    });
    connect(m_controller, &PracticeServerController::startFailed, this,
        [this](const QString &message, quint16 suggestion) {
            showState();
            m_message->setText(message);
            m_message->show();
            m_suggestedPort = suggestion;
            m_useSuggested->setText(tr("Use Port %1").arg(suggestion));
            m_useSuggested->setVisible(suggestion != 0);
        });
    connect(m_controller, &PracticeServerController::requestLogged, this,
        [this](const PracticeLogEntry &entry) { m_log->appendPlainText(entry.toLine()); });
}

void PracticeServerPanel::showState()
{
    const bool on = m_controller->isRunning();
    m_toggle->setEnabled(true);
    m_toggle->setChecked(on);
    m_toggle->setText(on ? tr("&Stop Server") : tr("&Start Server"));
    m_port->setEnabled(!on);
    m_copy->setEnabled(on);
    if (on) {
        const QString url = m_controller->url().toString();
        m_url->setText(tr("Serving %1 · playground %2/http · Conduit %2/api")
                .arg(QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toHtmlEscaped()), url.toHtmlEscaped()));
    } else {
        m_url->setText(tr("Stopped"));
    }
}

} // namespace StudyBench
