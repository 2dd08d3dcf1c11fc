#include "report/progressexport.h"

#include "curriculum/curriculum.h"
#include "report/ankiexport.h"
#include "report/progressjson.h"

#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QTimeZone>
#include <QUrl>
#include <md4c-html.h>

namespace StudyBench {

using namespace Qt::StringLiterals;
using namespace ReportColor;

namespace {

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : u"\u2013"_s;
}

QString day(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd"_s) : u"\u2013"_s;
}

QString confidenceText(int confidence)
{
    return confidence > 0 ? u"%1/5"_s.arg(confidence) : u"\u2013"_s;
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Markdown table cells: pipes and line breaks would end the cell.
QString cell(const QString &text)
{
    QString out = text;
    out.replace(u'\\', u"\\\\"_s).replace(u'|', u"\\|"_s).replace(u'\n', u' ');
    return out;
}

const CurriculumNode *sectionOf(const CurriculumNode *node)
{
    for (const CurriculumNode *n = node; n; n = n->parent) {
        if (n->kind == NodeKind::Section)
            return n;
    }
    return nullptr;
}

void appendMd(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

} // namespace

QString noteToHtml(const QString &markdown)
{
    const QByteArray input = markdown.toUtf8();
    QByteArray output;
    md_html(
        input.constData(), MD_SIZE(input.size()), appendMd, &output, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
    return QString::fromUtf8(output).trimmed();
}

std::optional<ProgressExport::Format> ProgressExport::formatFromName(const QString &name)
{
    for (Format f : { Format::Markdown, Format::Html, Format::Pdf, Format::Json, Format::Anki }) {
        if (formatName(f) == name.toLower())
            return f;
    }
    return std::nullopt;
}

QString ProgressExport::formatName(Format format)
{
    switch (format) {
    case Format::Markdown:
        return u"md"_s;
    case Format::Html:
        return u"html"_s;
    case Format::Pdf:
        return u"pdf"_s;
    case Format::Json:
        return u"json"_s;
    case Format::Anki:
        return u"anki"_s;
    }
    return {};
}

QString ProgressExport::suffix(Format format)
{
    return format == Format::Anki ? u"tsv"_s : formatName(format);
}

ProgressExport::ProgressExport(const Curriculum &curriculum, ProgressSnapshot snapshot, const QDateTime &now)
    : m_curriculum(curriculum)
    , m_snapshot(std::move(snapshot))
    , m_now(now)
{
    QHash<QString, QVariantMap> items;
    QHash<QString, QVariantMap> cards;
    QHash<QString, QString> notes;
    for (const QVariantMap &row : m_snapshot.rows.value(u"item"_s))
        items.insert(row.value(u"node_id"_s).toString(), row);
    for (const QVariantMap &row : m_snapshot.rows.value(u"review_card"_s))
        cards.insert(row.value(u"node_id"_s).toString(), row);
    for (const QVariantMap &row : m_snapshot.rows.value(u"note"_s))
        notes.insert(row.value(u"node_id"_s).toString(), row.value(u"body"_s).toString());
    StateMap states;
    for (const CurriculumNode *section : curriculum.sections())
        m_sections.append(ExportSection { section, {}, {} });
    for (const CurriculumNode *node : curriculum.checkableNodes()) {
        ExportItem item;
        item.node = node;
        const QVariantMap row = items.value(node->id);
        item.state = static_cast<ItemState>(row.value(u"state"_s).toInt());
        item.confidence = row.value(u"confidence"_s).toInt();
        item.lastChange = fromMs(row.value(u"updated_at"_s));
        const QVariantMap card = cards.value(node->id);
        item.isCard = !card.isEmpty();
        item.reps = card.value(u"reps"_s).toInt();
        item.lapses = card.value(u"lapses"_s).toInt();
        item.due = fromMs(card.value(u"due_at"_s));
        item.stability = card.value(u"stability"_s).toDouble();
        item.note = notes.value(node->id);
        states.insert(node->id, item.state);
        for (ExportSection &s : m_sections) {
            if (s.node == sectionOf(node))
                s.items.append(item);
        }
    }
    for (ExportSection &s : m_sections)
        s.tally = tallyOf(s.node, states);
    m_overall = tallyOf(curriculum.root(), states);
}

QString ProgressExport::markdownSection(const ExportSection &section, bool notes) const
{
    QString md = u"## %1\n\n"_s.arg(cell(section.node->title));
    md += tr("%1 of %2 done (%3%), %4 in progress, %5 skipped.")
              .arg(section.tally.done)
              .arg(section.tally.total)
              .arg(section.tally.percent(), 0, 'f', 0)
              .arg(section.tally.inProgress)
              .arg(section.tally.skipped)
        + u"\n\n"_s;
    md += u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n|---|---|---|---|---:|---:|---|---:|\n"_s.arg(
        tr("Item"), tr("State"), tr("Confidence"), tr("Last change"), tr("Reviews"), tr("Lapses"), tr("Due"),
        tr("Stability (days)"));
    QString noteText;
    for (const ExportItem &item : section.items) {
        md += u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n"_s.arg(cell(item.node->title),
            stateLabel(item.state), confidenceText(item.confidence), when(item.lastChange),
            item.isCard ? QString::number(item.reps) : u"\u2013"_s,
            item.isCard ? QString::number(item.lapses) : u"\u2013"_s,
            item.isCard ? day(item.due) : u"\u2013"_s,
            item.isCard ? QString::number(item.stability, 'f', 1) : u"\u2013"_s);
        if (notes && !item.note.trimmed().isEmpty()) {
            QString quoted = item.note.trimmed();
            quoted.replace(u'\n', u"\n> "_s);
            noteText += u"#### %1\n\n> %2\n\n"_s.arg(cell(item.node->title), quoted);
        }
    }
    if (!noteText.isEmpty())
        md += u"\n### %1\n\n"_s.arg(tr("Notes")) + noteText;
    return md + u"\n"_s;
}

QString ProgressExport::markdown(bool notes) const
{
    QString md = u"# %1\n\n"_s.arg(tr("Progress in %1").arg(cell(m_curriculum.title())));
    md += tr("Exported %1. Overall: %2 of %3 done (%4%), %5 in progress, %6 skipped.")
              .arg(when(m_now))
              .arg(m_overall.done)
              .arg(m_overall.total)
              .arg(m_overall.percent(), 0, 'f', 0)
              .arg(m_overall.inProgress)
              .arg(m_overall.skipped)
        + u"\n\n"_s;
    for (const ExportSection &section : m_sections)
        md += markdownSection(section, notes);
    return md;
}

QString ProgressExport::itemRowHtml(const ExportItem &item) const
{
    const QString none = u"\u2013"_s;
    return u"<tr><td>%1</td><td class=\"s%2\">%3</td><td>%4</td><td class=\"w\">%5</td><td "
           u"class=\"n\">%6</td>"
           "<td class=\"n\">%7</td><td>%8</td><td class=\"n\">%9</td></tr>\n"_s.arg(esc(item.node->title))
               .arg(int(item.state))
               .arg(esc(stateLabel(item.state)), confidenceText(item.confidence), when(item.lastChange),
                   item.isCard ? QString::number(item.reps) : none,
                   item.isCard ? QString::number(item.lapses) : none, item.isCard ? day(item.due) : none,
                   item.isCard ? QString::number(item.stability, 'f', 1) : none);
}

QString ProgressExport::htmlBody(bool notes, const QString &chart) const
{
    QString html = u"<h1>%1</h1>\n<p>%2</p>\n"_s.arg(esc(tr("Progress in %1").arg(m_curriculum.title())),
        esc(tr("Exported %1. Overall: %2 of %3 done (%4%), %5 in progress, %6 skipped.")
                .arg(when(m_now))
                .arg(m_overall.done)
                .arg(m_overall.total)
                .arg(m_overall.percent(), 0, 'f', 0)
                .arg(m_overall.inProgress)
                .arg(m_overall.skipped)));
    html += chart;
    const QString header
        = u"<tr><th width=\"30%\">%1</th><th width=\"10%\" class=\"w\">%2</th><th width=\"11%\" "
          u"class=\"w\">%3</th>"
          "<th width=\"15%\" class=\"w\">%4</th><th width=\"8%\" class=\"w\">%5</th><th width=\"8%\" "
          "class=\"w\">%6</th>"
          "<th width=\"9%\" class=\"w\">%7</th><th width=\"9%\" class=\"w\">%8</th></tr>\n"_s.arg(
              esc(tr("Item")), esc(tr("State")), esc(tr("Confidence")), esc(tr("Last change")),
              esc(tr("Reviews")), esc(tr("Lapses")), esc(tr("Due")), esc(tr("Stability (d)")));
    for (const ExportSection &section : m_sections) {
        html += u"<h2>%1</h2>\n<p class=\"tally\">%2</p>\n"_s.arg(esc(section.node->title),
            esc(tr("%1 of %2 done (%3%), %4 in progress, %5 skipped.")
                    .arg(section.tally.done)
                    .arg(section.tally.total)
                    .arg(section.tally.percent(), 0, 'f', 0)
                    .arg(section.tally.inProgress)
                    .arg(section.tally.skipped)));
        html += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\">\n"_s + header;
        QString noteHtml;
        for (const ExportItem &item : section.items) {
            html += itemRowHtml(item);
            if (notes && !item.note.trimmed().isEmpty())
                noteHtml += u"<div class=\"note\"><h4>%1</h4>\n%2</div>\n"_s.arg(
                    esc(item.node->title), noteToHtml(item.note));
        }
        html += u"</table>\n"_s;
        if (!noteHtml.isEmpty())
            html += u"<h3>%1</h3>\n"_s.arg(esc(tr("Notes"))) + noteHtml;
    }
    return html;
}

QString ProgressExport::chartSvg() const
{
    const int rowHeight = 24;
    const int labelWidth = 260;
    const int barWidth = 340;
    const int height = rowHeight * int(m_sections.size()) + 30;
    QString svg = u"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"680\" height=\"%1\" "
                  "viewBox=\"0 0 680 %1\" role=\"img\" aria-label=\"%2\">\n"_s.arg(height)
                      .arg(esc(tr("Progress per section")));
    const QList<QPair<QColor, QString>> legend { { kDone, tr("Done") }, { kInProgress, tr("In progress") },
        { kSkipped, tr("Skipped") } };
    for (qsizetype i = 0; i < legend.size(); ++i)
        svg += u"<rect x=\"%1\" y=\"4\" width=\"12\" height=\"12\" fill=\"%2\"/><text x=\"%3\" y=\"14\">%4</text>\n"_s
                   .arg(labelWidth + i * 110)
                   .arg(legend.at(i).first.name())
                   .arg(labelWidth + i * 110 + 16)
                   .arg(esc(legend.at(i).second));
    int y = 28;
    for (const ExportSection &s : m_sections) {
        const double total = std::max(1, s.tally.total);
        double x = labelWidth;
        svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>\n"_s.arg(labelWidth - 8)
                   .arg(y + 14)
                   .arg(esc(s.node->title.left(40)));
        svg += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"16\" fill=\"%4\"/>\n"_s.arg(x)
                   .arg(y + 2)
                   .arg(barWidth)
                   .arg(kRest.name());
        for (const auto &[count, color] : { std::pair { s.tally.done, kDone },
                 std::pair { s.tally.inProgress, kInProgress }, std::pair { s.tally.skipped, kSkipped } }) {
            const double w = barWidth * count / total;
            svg += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"16\" fill=\"%4\"/>\n"_s.arg(x)
                       .arg(y + 2)
                       .arg(w)
                       .arg(color.name());
            x += w;
        }
        svg += u"<text x=\"%1\" y=\"%2\">%3%</text>\n"_s.arg(labelWidth + barWidth + 8)
                   .arg(y + 14)
                   .arg(s.tally.percent(), 0, 'f', 0);
        y += rowHeight;
    }
    return svg + u"</svg>\n"_s;
}

QString ProgressExport::html(bool notes) const
{
    const QString style
        = u"body{font-family:system-ui,'DejaVu Sans',sans-serif;color:#1d1f21;background:#fff;"
          "max-width:60rem;margin:2rem auto;padding:0 1rem}"
          "table{border-collapse:collapse;width:100%;font-size:.9rem;margin-bottom:1rem}"
          "th,td{border-bottom:1px solid #d0d4d9;padding:.25rem .4rem;text-align:left}"
          "td.n{text-align:right}td.s2{color:#2e7d32;font-weight:600}td.s1{color:#a86c00}"
          "td.s3{color:#607d8b}.tally{color:#555}.chart text{font-size:12px;fill:#1d1f21}"
          ".note{border-left:3px solid #90a4ae;padding-left:.8rem;margin:.5rem 0}"
          "h2{break-after:avoid;border-top:1px solid #d0d4d9;padding-top:.6rem}"
          "@media print{body{margin:0;max-width:none}tr,.note{break-inside:avoid}}"_s;
    return u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%1</title>\n"
           "<style>%2</style>\n</head><body>\n%3</body></html>\n"_s.arg(
               esc(tr("Progress in %1").arg(m_curriculum.title())), style, htmlBody(notes, chartSvg()));
}

QByteArray ProgressExport::json() const
{
    return ProgressJson::write(m_snapshot, ProgressJson::curriculumId(m_curriculum), m_now);
}

} // namespace StudyBench
