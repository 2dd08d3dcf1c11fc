// ProgressExport's PDF and file writing (QtGui: QTextDocument, QPainter, QPdfWriter).
#include "curriculum/curriculum.h"
#include "report/ankiexport.h"
#include "report/progressexport.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace StudyBench {

using namespace Qt::StringLiterals;
using namespace ReportColor;

namespace {

// A4 in points: the document's page, as QTextDocument::print lays it out.
const QSizeF kA4Points(595, 842);

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = ProgressExport::tr("Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QImage ProgressExport::chartImage(int width) const
{
    const qreal scale = width / 680.0;
    const int rowHeight = 24;
    QImage image(width, int((rowHeight * m_sections.size() + 30) * scale), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(scale, scale);
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);
    const QList<QPair<QColor, QString>> legend { { kDone, tr("Done") }, { kInProgress, tr("In progress") },
        { kSkipped, tr("Skipped") } };
    for (qsizetype i = 0; i < legend.size(); ++i) {
        p.fillRect(QRectF(260 + i * 110, 4, 12, 12), legend.at(i).first);
        p.drawText(QPointF(276 + i * 110, 14), legend.at(i).second);
    }
    int y = 28;
    for (const ExportSection &s : m_sections) {
        const double total = std::max(1, s.tally.total);
        p.drawText(QRectF(0, y, 252, rowHeight - 4), Qt::AlignRight | Qt::AlignVCenter,
            p.fontMetrics().elidedText(s.node->title, Qt::ElideRight, 250));
        p.fillRect(QRectF(260, y + 2, 340, 16), kRest);
        double x = 260;
        for (const auto &[count, color] : { std::pair { s.tally.done, kDone },
                 std::pair { s.tally.inProgress, kInProgress }, std::pair { s.tally.skipped, kSkipped } }) {
            p.fillRect(QRectF(x, y + 2, 340 * count / total, 16), color);
            x += 340 * count / total;
        }
        p.drawText(QPointF(608, y + 15), u"%1%"_s.arg(s.tally.percent(), 0, 'f', 0));
        y += rowHeight;
    }
    return image;
}

std::unique_ptr<QTextDocument> ProgressExport::document(bool notes) const
{
    auto doc = std::make_unique<QTextDocument>();
    QFont font(u"DejaVu Sans"_s);
    font.setPointSizeF(7.5);
    doc->setDefaultFont(font);
    doc->setDocumentMargin(36);
    doc->setDefaultStyleSheet(
        u"h1{font-size:16pt} h2{font-size:12pt;color:#1d3557} h4{font-size:9pt}"
        "th{background-color:#e3e6ea;text-align:left} .w{white-space:nowrap} .tally{color:#555555}"
        "td.s2{color:#2e7d32} td.s1{color:#a86c00} td.s3{color:#607d8b}"_s);
    doc->addResource(QTextDocument::ImageResource, QUrl(u"studybench:chart.png"_s), chartImage(1360));
    const QString chart = u"<p><img src=\"studybench:chart.png\" width=\"480\"></p>"_s;
    // PDF writers cannot embed colour emoji fonts (the titles' decorations would print as gaps).
    static const QRegularExpression emoji(
        u"[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}\\x{FE0F}\\x{200D}]+\\s?"_s);
    doc->setHtml(u"<html><body>%1</body></html>"_s.arg(htmlBody(notes, chart).remove(emoji)));
    doc->setPageSize(kA4Points);
    return doc;
}

QImage ProgressExport::pageImage(QTextDocument &document, int page, qreal scale)
{
    const QSizeF size = document.pageSize();
    QImage image((size * scale).toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(scale, scale);
    p.translate(0, -page * size.height());
    document.drawContents(&p, QRectF(QPointF(0, page * size.height()), size));
    return image;
}

bool ProgressExport::writePdf(const QString &path, bool notes, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(tr("Progress in %1").arg(m_curriculum.title()));
        writer.setCreator(u"StudyBench"_s);
        std::unique_ptr<QTextDocument> doc = document(notes);
        doc->print(&writer);
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ProgressExport::write(Format format, const QString &path, bool notes, QString *error) const
{
    switch (format) {
    case Format::Markdown:
        return saveBytes(path, markdown(notes).toUtf8(), error);
    case Format::Html:
        return saveBytes(path, html(notes).toUtf8(), error);
    case Format::Json:
        return saveBytes(path, json(), error);
    case Format::Anki:
        return saveBytes(path, AnkiExport::tsv(m_curriculum, m_snapshot).toUtf8(), error);
    case Format::Pdf:
        return writePdf(path, notes, error);
    }
    return false;
}

bool ProgressExport::exportFile(const Curriculum &curriculum, const QString &databasePath, Format format,
    bool notes, const QString &path, QString *error)
{
    ProgressSnapshot snapshot;
    if (!ProgressSnapshot::readFile(databasePath, snapshot, error))
        return false;
    return ProgressExport(curriculum, std::move(snapshot)).write(format, path, notes, error);
}

} // namespace StudyBench
