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
