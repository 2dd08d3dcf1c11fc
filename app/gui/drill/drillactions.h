#pragma once

#include "curriculum/curriculum.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace StudyBench {

class DrillsDialog;
class DrillWindow;

/// The Drills menu, for the main window to add:
///
///     auto *drills = new DrillActions(this, profileDir);
///     menuBar()->addMenu(drills->menu());
///     drills->setDatabase(progressPath, curriculum);      // on open and on curriculum change
///
/// Interview Drills… (Ctrl+Shift+D) lists the drills with their attempts; Surprise Me picks one
/// (leaning to never-tried and weak drills) and opens it. Answers are saved under
/// DATA/drills/. Disk work runs on worker threads.
class DrillActions : public QObject
{
    Q_OBJECT

public:
    DrillActions(QWidget *window, const QString &profileDir);

    void setDatabase(const QString &databasePath, CurriculumPtr curriculum);
    QMenu *menu() const { return m_menu; }
    QAction *drillsAction() const { return m_drills; }
    QAction *surpriseAction() const { return m_surprise; }
    /// Where the answers are saved: PROFILE/drills (each curriculum keeps its own; see profileDirectory()).
    QString answersDir() const;
    /// The open drills list, or null.
    DrillsDialog *drillsDialog() const;

public Q_SLOTS:
    void showDrills();
    /// Opens the drill @p drillId in a window of its own (the clock starts with its Start).
    DrillWindow *startDrill(const QString &drillId);
    void surprise();

Q_SIGNALS:
    /// A message for the status bar.
    void message(const QString &text);

private:
    QWidget *m_window;
    QString m_profileDir;
    QString m_path;
    CurriculumPtr m_curriculum;
    QMenu *m_menu;
    QAction *m_drills;
    QAction *m_surprise;
    QPointer<DrillsDialog> m_dialog;
};

} // namespace StudyBench
