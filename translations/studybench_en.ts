<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CliCommands</name>
    <message numerus="yes">
        <source>%n item(s) set back to not started; notes, confidence and review cards are kept.</source>
        <translation>
            <numerusform>%n item set back to not started; notes, confidence and review cards are kept.</numerusform>
            <numerusform>%n items set back to not started; notes, confidence and review cards are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %n run(s) of text that had been decoded as Mac Roman.</source>
        <translation>
            <numerusform>Repaired %n run of text that had been decoded as Mac Roman.</numerusform>
            <numerusform>Repaired %n runs of text that had been decoded as Mac Roman.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Progress of %n item(s) followed their renamed or moved headings.</source>
        <translation>
            <numerusform>Progress of %n item followed its renamed or moved heading.</numerusform>
            <numerusform>Progress of %n items followed their renamed or moved headings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CohortCommand</name>
    <message numerus="yes">
        <source>Cohort in %1: %n learner(s), curriculum %2, as of %3</source>
        <translation>
            <numerusform>Cohort in %1: %n learner, curriculum %2, as of %3</numerusform>
            <numerusform>Cohort in %1: %n learners, curriculum %2, as of %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (--json lists them all)</source>
        <translation>
            <numerusform>and %n more (--json lists them all)</numerusform>
            <numerusform>and %n more (--json lists them all)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CohortOverview</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in progress %n day(s)</source>
        <translation>
            <numerusform>in progress %n day</numerusform>
            <numerusform>in progress %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillCommand</name>
    <message numerus="yes">
        <source>%n drill(s); columns: kind, attempts, mean score of the last attempt, title, ID.</source>
        <translation>
            <numerusform>%n drill; columns: kind, attempts, mean score of the last attempt, title, ID.</numerusform>
            <numerusform>%n drills; columns: kind, attempts, mean score of the last attempt, title, ID.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FsrsOptimizer</name>
    <message numerus="yes">
        <source>Left out %n card(s) whose log does not start at the first review (earlier reviews are missing): %1.</source>
        <translation>
            <numerusform>Left out %n card whose log does not start at the first review (earlier reviews are missing): %1.</numerusform>
            <numerusform>Left out %n cards whose log does not start at the first review (earlier reviews are missing): %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out %n card(s) with reviews that have no valid time: %1.</source>
        <translation>
            <numerusform>Left out %n card with reviews that have no valid time: %1.</numerusform>
            <numerusform>Left out %n cards with reviews that have no valid time: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HttpCommand</name>
    <message numerus="yes">
        <source>%n request(s), </source>
        <translation>
            <numerusform>%n request, </numerusform>
            <numerusform>%n requests, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) passed</source>
        <translation>
            <numerusform>%n test passed</numerusform>
            <numerusform>%n tests passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressOpener</name>
    <message numerus="yes">
        <source>StudyBench restored the backup from %1 (%n item(s) with progress). Changes made after that time could not be recovered.</source>
        <translation>
            <numerusform>StudyBench restored the backup from %1 (%n item with progress). Changes made after that time could not be recovered.</numerusform>
            <numerusform>StudyBench restored the backup from %1 (%n items with progress). Changes made after that time could not be recovered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewCommand</name>
    <message numerus="yes">
        <source>%n card(s) due.</source>
        <translation>
            <numerusform>%n card due.</numerusform>
            <numerusform>%n cards due.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lapse(s)</source>
        <translation>
            <numerusform>%n lapse</numerusform>
            <numerusform>%n lapses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchCommand</name>
    <message numerus="yes">
        <source>%n hit(s); columns: kind, ID or path:line, title, rank (bm25, lower is better).</source>
        <translation>
            <numerusform>%n hit; columns: kind, ID or path:line, title, rank (bm25, lower is better).</numerusform>
            <numerusform>%n hits; columns: kind, ID or path:line, title, rank (bm25, lower is better).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::CohortStuckModel</name>
    <message numerus="yes">
        <source>%n learner(s)</source>
        <translation>
            <numerusform>%n learner</numerusform>
            <numerusform>%n learners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n other(s)</source>
        <translation>
            <numerusform>%1 and %n other</numerusform>
            <numerusform>%1 and %n others</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::CohortTableModel</name>
    <message numerus="yes">
        <source>From %n devices: %1 (they sync with each other; the latest summary is shown)</source>
        <translation>
            <numerusform>From %n devices: %1 (they sync with each other; the latest summary is shown)</numerusform>
            <numerusform>From %n devices: %1 (they sync with each other; the latest summary is shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::CohortWindow</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%n learner(s) in the curriculum %2, as of %3. Each cell: percent done of the items not skipped, and the average confidence as dots (of 5).</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%n learner in the curriculum %2, as of %3. Each cell: percent done of the items not skipped, and the average confidence as dots (of 5).</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%n learners in the curriculum %2, as of %3. Each cell: percent done of the items not skipped, and the average confidence as dots (of 5).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::DrillAttemptModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::DrillsDialog</name>
    <message numerus="yes">
        <source>%n attempt(s) at %1 (double-click an answer to open it):</source>
        <translation>
            <numerusform>%n attempt at %1 (double-click an answer to open it):</numerusform>
            <numerusform>%n attempts at %1 (double-click an answer to open it):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::HttpClientWidget</name>
    <message numerus="yes">
        <source>Opened %1: %n request(s)</source>
        <translation>
            <numerusform>Opened %1: %n request</numerusform>
            <numerusform>Opened %1: %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::HttpFileView</name>
    <message numerus="yes">
        <source>%1: choose one of %n request(s)</source>
        <translation>
            <numerusform>%1: choose one of %n request</numerusform>
            <numerusform>%1: choose one of %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::HttpResponseView</name>
    <message numerus="yes">
        <source>Binary, %n bytes (%1). The first 64 KB:</source>
        <translation>
            <numerusform>Binary, %n byte (%1). The first 64 KB:</numerusform>
            <numerusform>Binary, %n bytes (%1). The first 64 KB:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Binary, %n bytes (%1).</source>
        <translation>
            <numerusform>Binary, %n byte (%1).</numerusform>
            <numerusform>Binary, %n bytes (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::MainWindow</name>
    <message numerus="yes">
        <source>%n orphaned item(s)</source>
        <translation>
            <numerusform>%n orphaned item</numerusform>
            <numerusform>%n orphaned items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) being written to disk</source>
        <translation>
            <numerusform>%n change being written to disk</numerusform>
            <numerusform>%n changes being written to disk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Progress of %n item(s) followed their renamed or moved headings.</source>
        <translation>
            <numerusform>Progress of %n item followed its renamed or moved heading.</numerusform>
            <numerusform>Progress of %n items followed their renamed or moved headings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::NodeDetailWidget</name>
    <message numerus="yes">
        <source>, %n in progress</source>
        <translation>
            <numerusform>, %n in progress</numerusform>
            <numerusform>, %n in progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>, %n skipped</numerusform>
            <numerusform>, %n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::ProgressService</name>
    <message numerus="yes">
        <source>Backed up %n item(s) to %1.</source>
        <translation>
            <numerusform>Backed up %n item to %1.</numerusform>
            <numerusform>Backed up %n items to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::ReportActions</name>
    <message numerus="yes">
        <source>%n item(s) of %1 set back to not started.</source>
        <translation>
            <numerusform>%n item of %1 set back to not started.</numerusform>
            <numerusform>%n items of %1 set back to not started.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::ReviewActions</name>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n due</numerusform>
            <numerusform>%n due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>due in %n day</numerusform>
            <numerusform>due in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::ReviewSettingsDialog</name>
    <message numerus="yes">
        <source>≈ %1 reviews a day, %2 a year, for your %n card(s)</source>
        <translation>
            <numerusform>≈ %1 reviews a day, %2 a year, for your %n card</numerusform>
            <numerusform>≈ %1 reviews a day, %2 a year, for your %n cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::SearchPopup</name>
    <message numerus="yes">
        <source>%n result(s). ↑↓ move, Enter opens, Esc closes.</source>
        <translation>
            <numerusform>%n result. ↑↓ move, Enter opens, Esc closes.</numerusform>
            <numerusform>%n results. ↑↓ move, Enter opens, Esc closes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyBench::Workbench</name>
    <message numerus="yes">
        <source>%n file(s) from last time are gone: %1</source>
        <translation>
            <numerusform>%n file from last time is gone: %1</numerusform>
            <numerusform>%n files from last time are gone: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
