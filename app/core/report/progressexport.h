#pragma once

#include "progress/progresssummary.h"
#include "review/progressmerge.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>

#include <optional>

class QTextDocument;

namespace StudyBench {

class Curriculum;

/// The section chart's colours, the same in the HTML and the PDF report.
namespace ReportColor {
inline const QColor kDone { 0x2e, 0x7d, 0x32 };
inline const QColor kInProgress { 0xf9, 0xa8, 0x25 };
inline const QColor kSkipped { 0x90, 0xa4, 0xae };
inline const QColor kRest { 0xe3, 0xe6, 0xea };
} // namespace ReportColor

/// One item of a report: its progress and its review card's numbers.
struct ExportItem
{
    const CurriculumNode *node = nullptr;
    ItemState state = ItemState::NotStarted;
    int confidence = 0;
    QDateTime lastChange; ///< invalid when never changed
    bool isCard = false;
    int reps = 0;
    int lapses = 0;
    QDateTime due;
    double stability = 0;
    QString note;
};

/// One section ("##") of a report, in the curriculum's order.
struct ExportSection
{
    const CurriculumNode *node = nullptr;
    Tally tally;
    QList<ExportItem> items;
};

/// The learner's progress as a report, per section in tree order: each item's state,
/// confidence, last change and review stats (reps, lapses, due, stability), notes optionally.
/// Markdown, self-contained HTML (an inline SVG bar chart of section progress, print-friendly,
/// everything escaped), PDF (QTextDocument on QPdfWriter, the chart drawn too; needs a
/// QGuiApplication) and the JSON that ProgressImport reads.
class ProgressExport
{
    Q_DECLARE_TR_FUNCTIONS(ProgressExport)

public:
    enum class Format
    {
        Markdown,
        Html,
        Pdf,
        Json,
        Anki,
    };
    /// "md", "html", "pdf", "json", "anki".
    static std::optional<Format> formatFromName(const QString &name);
    static QString formatName(Format format);
    /// The usual file extension for a format ("tsv" for Anki).
    static QString suffix(Format format);

    ProgressExport(const Curriculum &curriculum, ProgressSnapshot snapshot,
        const QDateTime &now = QDateTime::currentDateTimeUtc());

    const QList<ExportSection> &sections() const { return m_sections; }
    QString markdown(bool notes) const;
    QString html(bool notes) const;
    QByteArray json() const;
    /// The report laid out for PDF (A4 in points): the HTML with the chart as a drawn image.
    std::unique_ptr<QTextDocument> document(bool notes) const;
    /// The section chart drawn at @p width pixels wide (QGuiApplication needed for its text).
    QImage chartImage(int width) const;
    /// Page @p page (0-based) of document() drawn at @p scale.
    static QImage pageImage(QTextDocument &document, int page, qreal scale);

    /// Writes @p format to @p path (QSaveFile: all or nothing). False with @p error set.
    bool write(Format format, const QString &path, bool notes, QString *error) const;
    /// Reads the progress database at @p databasePath and writes the export to @p path.
    static bool exportFile(const Curriculum &curriculum, const QString &databasePath, Format format,
        bool notes, const QString &path, QString *error);

private:
    QString htmlBody(bool notes, const QString &chart) const;
    QString chartSvg() const;
    QString itemRowHtml(const ExportItem &item) const;
    QString markdownSection(const ExportSection &section, bool notes) const;
    bool writePdf(const QString &path, bool notes, QString *error) const;

    const Curriculum &m_curriculum;
    ProgressSnapshot m_snapshot;
    QDateTime m_now;
    QList<ExportSection> m_sections;
    Tally m_overall;
};

/// Renders a note (Markdown) to HTML with md4c, raw HTML in it escaped.
QString noteToHtml(const QString &markdown);

} // namespace StudyBench
