#include "report/ankiexport.h"

#include "curriculum/curriculum.h"
#include "report/progressexport.h"

#include <QRegularExpression>
#include <QSet>

namespace StudyBench {

using namespace Qt::StringLiterals;

QString AnkiExport::field(const QString &html)
{
    QString out = html;
    out.remove(u'\r');
    static const QRegularExpression betweenTags(u">\\s*\\n\\s*<"_s);
    out.replace(betweenTags, u"><"_s);
    out.replace(u'\n', u"<br>"_s);
    out.replace(u'\t', u"&#9;"_s);
    out.replace(u'"', u"&quot;"_s);
    return out;
}

QString AnkiExport::tag(const CurriculumNode *node)
{
    static const QRegularExpression spaces(u"\\s+"_s);
    QStringList parts;
    for (const CurriculumNode *p = node ? node->parent : nullptr; p && p->parent; p = p->parent) {
        QString part = p->title.trimmed();
        part.replace(spaces, u"_"_s);
        part.replace(u"::"_s, u":"_s);
        parts.prepend(part);
    }
    return parts.join(u"::"_s);
}

QString AnkiExport::tsv(const Curriculum &curriculum, const ProgressSnapshot &snapshot)
{
    QHash<QString, QString> titles;
    QHash<QString, QString> notes;
    for (const QVariantMap &row : snapshot.rows.value(u"review_card"_s))
        titles.insert(row.value(u"node_id"_s).toString(), row.value(u"title"_s).toString());
    for (const QVariantMap &row : snapshot.rows.value(u"note"_s))
        notes.insert(row.value(u"node_id"_s).toString(), row.value(u"body"_s).toString());
    QString out = u"#separator:tab\n#html:true\n#tags column:3\n"_s;
    const auto line = [&](const QString &id, const CurriculumNode *node) {
        const QString title = node ? node->title : titles.value(id);
        QString back
            = node && !node->text.isEmpty() ? u"<p>%1</p>"_s.arg(node->text.toHtmlEscaped()) : QString();
        if (!notes.value(id).trimmed().isEmpty())
            back += u"<hr>"_s + noteToHtml(notes.value(id));
        out += field(title.toHtmlEscaped()) + u'\t' + field(back) + u'\t' + field(tag(node)) + u'\n';
    };
    QSet<QString> written;
    for (const CurriculumNode *node : curriculum.allNodes()) {
        if (titles.contains(node->id) && !written.contains(node->id)) {
            line(node->id, node);
            written.insert(node->id);
        }
    }
    QStringList rest;
    for (auto it = titles.cbegin(); it != titles.cend(); ++it) {
        if (!written.contains(it.key()))
            rest.append(it.key());
    }
    rest.sort();
    for (const QString &id : std::as_const(rest))
        line(id, nullptr);
    return out;
}

} // namespace StudyBench
