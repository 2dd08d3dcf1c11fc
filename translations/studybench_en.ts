<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CliCommands</name>
    <message numerus="yes">
        <source>Repaired %n run(s) of text that had been decoded as Mac Roman.</source>
        <translation>
            <numerusform>Repaired %n run of text that had been decoded as Mac Roman.</numerusform>
            <numerusform>Repaired %n runs of text that had been decoded as Mac Roman.</numerusform>
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
</TS>
