// File › Curriculum (issue #10): installed curricula are offered, and choosing one that keeps its
// progress elsewhere asks the application for a window of its own profile.
#include "drill/drillactions.h"
#include "mainwindow.h"
#include "progress/progressservice.h"
#include "util/datalocation.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestCurriculumChoice : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_bootcamp;

    static QMenu *curriculumMenu(MainWindow &w)
    {
        for (QAction *a : w.menuBar()->actions()) {
            if (!a->menu() || a->text() != u"&File"_s)
                continue;
            for (QAction *item : a->menu()->actions()) {
                if (item->menu() && item->text() == u"&Curriculum"_s)
                    return item->menu();
            }
        }
        return nullptr;
    }

    static QStringList entries(QMenu *menu)
    {
        Q_EMIT menu->aboutToShow();
        QStringList out;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator() && !a->text().isEmpty())
                out.append(a->text() + (a->isChecked() ? u" *"_s : QString()));
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_bootcamp = m_root.filePath(u"share/studybench/curricula/bootcamp.md"_s);
        QVERIFY(QDir().mkpath(QFileInfo(m_bootcamp).absolutePath()));
        QSaveFile f(m_bootcamp);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Bootcamp\n\n## Week One\n\n- [ ] Send a request\n");
        QVERIFY(f.commit());
        qputenv("XDG_DATA_DIRS", m_root.filePath(u"share"_s).toLocal8Bit());
        qputenv("XDG_CONFIG_DIRS", m_root.filePath(u"no-admin"_s).toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_root.filePath(u"config"_s).toLocal8Bit());
    }

    void installedCurriculaAreOffered()
    {
        MainWindow w(m_root.filePath(u"data"_s));
        w.loadCurriculum({});
        QMenu *menu = curriculumMenu(w);
        QVERIFY(menu);
        // The folders are listed off the GUI thread; the menu has them once that is done.
        QTRY_VERIFY(entries(menu).contains(u"bootcamp"_s));
        const QStringList shown = entries(menu);
        QVERIFY2(
            shown.contains(u"Backend Developer Mastery (built in) *"_s), qPrintable(shown.join(u", "_s)));
        QVERIFY(shown.contains(u"&Open Curriculum File…"_s));
    }

    void anotherProfileAsksForAnotherWindow()
    {
        const QString data = m_root.filePath(u"data"_s);
        MainWindow w(data);
        w.loadCurriculum({});
        QSignalSpy switchRequested(&w, &MainWindow::curriculumSwitchRequested);
        w.chooseCurriculum(m_bootcamp);
        QCOMPARE(switchRequested.size(), 1);
        QCOMPARE(switchRequested.at(0).at(0).toString(), m_bootcamp);

        // The window for that profile keeps its progress apart from the built-in curriculum's.
        MainWindow other(data, profileDirectory(data, m_bootcamp));
        QSignalSpy ready(&other, &MainWindow::curriculumReady);
        other.loadCurriculum(m_bootcamp);
        QVERIFY(ready.wait(10000));
        QCOMPARE(other.profileDir(), data + u"/curricula/bootcamp"_s);
        QSignalSpy saved(other.progress(), &ProgressService::stateSaved);
        other.progress()->setState(u"week-one/send-a-request"_s, ItemState::Done, u"Send a request"_s);
        QVERIFY(saved.wait(10000));
        QVERIFY(QFileInfo::exists(data + u"/curricula/bootcamp/progress.sqlite"_s));
        // So do its drill answers (which Search Everything indexes from the profile).
        QCOMPARE(other.drills()->answersDir(), data + u"/curricula/bootcamp/drills"_s);
        // Choosing the same curriculum again stays in this window.
        QSignalSpy again(&other, &MainWindow::curriculumSwitchRequested);
        other.chooseCurriculum(m_bootcamp);
        QCOMPARE(again.size(), 0);
    }
};

QTEST_MAIN(TestCurriculumChoice)
#include "TestCurriculumChoice.moc"
