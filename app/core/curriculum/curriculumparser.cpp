#include "curriculum/curriculumparser.h"

#include "util/textdecoding.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <md4c.h>

#include <algorithm>
#include <vector>

namespace StudyBench {

QString CurriculumError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
    return QStringLiteral("%1: %2").arg(file, message);
}

QString slugify(const QString &title)
{
    static const QRegularExpression numbering(QStringLiteral("^\\s*\\d+(\\.\\d+)*[.)]?\\s+"));
    QString source = title;
    source.remove(numbering);
    const QString decomposed = source.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    slug.reserve(decomposed.size());
    bool pendingDash = false;
    for (QChar c : decomposed) {
        if (c.isMark())
            continue;
        if (c.isLetterOrNumber()) {
            if (pendingDash && !slug.isEmpty())
                slug.append(QLatin1Char('-'));
            pendingDash = false;
            slug.append(c);
        } else if (c != QLatin1Char('\'') && c != QChar(0x2019)) {
            pendingDash = true;
        }
    }
    constexpr qsizetype maxLength = 80;
    if (slug.size() > maxLength) {
        const qsizetype cut = slug.lastIndexOf(QLatin1Char('-'), maxLength);
        slug.truncate(cut > maxLength / 2 ? cut : maxLength);
    }
    return slug.isEmpty() ? QStringLiteral("item") : slug;
}

namespace {

bool titleNames(const CurriculumNode *node, QLatin1StringView word)
{
    for (; node; node = node->parent) {
        if (isContainer(node->kind) && node->kind != NodeKind::Curriculum
            && node->title.contains(word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString decodeEntity(QByteArrayView entity)
{
    if (entity == "&amp;")
        return QStringLiteral("&");
    if (entity == "&lt;")
        return QStringLiteral("<");
    if (entity == "&gt;")
        return QStringLiteral(">");
    if (entity == "&quot;")
        return QStringLiteral("\"");
    if (entity == "&apos;")
        return QStringLiteral("'");
    if (entity == "&nbsp;")
        return QString(QChar(0xA0));
    if (entity.startsWith("&#") && entity.endsWith(";")) {
        bool ok = false;
        const QByteArrayView digits = entity.sliced(2, entity.size() - 3);
        const uint cp = (digits.startsWith('x') || digits.startsWith('X')) ? digits.sliced(1).toUInt(&ok, 16)
                                                                           : digits.toUInt(&ok, 10);
        if (ok && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            const char32_t c = cp;
            return QString::fromUcs4(&c, 1);
        }
    }
    return QString::fromUtf8(entity);
}

class Builder
{
    Q_DECLARE_TR_FUNCTIONS(CurriculumParser)

public:
    Builder(const QByteArray &utf8, QString fileName)
        : m_bytes(utf8)
        , m_fileName(std::move(fileName))
        , m_root(std::make_unique<CurriculumNode>())
    {
        m_root->kind = NodeKind::Curriculum;
        m_root->line = 1;
        for (qsizetype i = m_bytes.indexOf('\n'); i >= 0; i = m_bytes.indexOf('\n', i + 1))
            m_newlines.push_back(i);
    }

    bool run()
    {
        MD_PARSER parser {};
        parser.abi_version = 0;
        parser.flags = MD_FLAG_TASKLISTS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
        parser.enter_block = [](MD_BLOCKTYPE t, void *d, void *u) {
            return self(u)->enterBlock(t, d);
        };
        parser.leave_block = [](MD_BLOCKTYPE t, void *d, void *u) {
            return self(u)->leaveBlock(t, d);
        };
        parser.enter_span = [](MD_SPANTYPE t, void *d, void *u) {
            return self(u)->enterSpan(t, d);
        };
        parser.leave_span = [](MD_SPANTYPE t, void *d, void *u) {
            return self(u)->leaveSpan(t, d);
        };
        parser.text = [](MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *u) {
            return self(u)->onText(t, s, n);
        };
        const int rc = md_parse(m_bytes.constData(), MD_SIZE(m_bytes.size()), &parser, this);
        if (!m_error.isNull())
            return false;
        if (rc != 0) {
            fail(0, tr("the Markdown parser gave up on this file (error %1)").arg(rc));
            return false;
        }
        closeSection();
        if (m_root->title.isEmpty())
            m_root->title = QFileInfo(m_fileName).completeBaseName();
        if (std::none_of(m_root->children.begin(), m_root->children.end(),
                [](const auto &c) { return c->kind == NodeKind::Section; })) {
            fail(lineAt(m_bytes.trimmed().isEmpty() ? 0 : m_bytes.size() - 1 - trailingSpace()),
                tr("no sections found; expected at least one '## Section' heading with topics or items under "
                   "it"));
            return false;
        }
        assignIds(m_root.get());
        return true;
    }

    qsizetype trailingSpace() const
    {
        qsizetype n = 0;
        while (n < m_bytes.size() && QChar::isSpace(uchar(m_bytes.at(m_bytes.size() - 1 - n))))
            ++n;
        return n;
    }

    std::unique_ptr<CurriculumNode> takeRoot() { return std::move(m_root); }
    CurriculumError error() const { return m_error; }
    QStringList warnings() const { return m_warnings; }

private:
    struct Item
    {
        CurriculumNode *node = nullptr;
        bool task = false;
        bool sawContent = false; // any text or span inside the item so far
        bool leadingStrong = false;
        int strongDepth = 0;
        bool termDone = false;
        int anchorLinks = 0; // links to "#…" in this item
        bool textOutsideLinks = false;
        QString term;
        QString rest;
    };

    static Builder *self(void *userdata) { return static_cast<Builder *>(userdata); }

    int fail(int line, const QString &message)
    {
        if (m_error.isNull())
            m_error = CurriculumError { m_fileName, line, message };
        return 1; // a non-zero return stops md4c
    }

    // The 1-based line of @p offset, as lineOfOffset() has it; that one counts the newlines from
    // the start of the file at each call, which made parsing quadratic in the file's size.
    int lineAt(qsizetype offset) const
    {
        offset = qBound(qsizetype(0), offset, m_bytes.size());
        return int(std::lower_bound(m_newlines.cbegin(), m_newlines.cend(), offset) - m_newlines.cbegin())
            + 1;
    }

    int currentLine() const { return lineAt(m_lastOffset); }

    // The line of the next ATX heading of @p level at or after the last seen text (for
    // headings that carry no text of their own).
    int nextHeadingLine(unsigned level) const
    {
        const QByteArray marker = QByteArray(int(level), '#');
        qsizetype pos = m_lastOffset < 0 ? 0 : m_bytes.lastIndexOf('\n', m_lastOffset) + 1;
        while (pos < m_bytes.size()) {
            qsizetype end = m_bytes.indexOf('\n', pos);
            if (end < 0)
                end = m_bytes.size();
            const QByteArray line = m_bytes.mid(pos, end - pos).trimmed();
            if (line.startsWith(marker) && (line.size() == qsizetype(level) || line.at(level) == ' '))
                return lineAt(pos);
            pos = end + 1;
        }
        return currentLine();
    }

    CurriculumNode *deepestContainer() const
    {
        for (int level = 4; level >= 2; --level) {
            if (m_headings[level])
                return m_headings[level];
        }
        return m_root.get();
    }

    CurriculumNode *addChild(CurriculumNode *parent, NodeKind kind, int line)
    {
        auto node = std::make_unique<CurriculumNode>();
        node->kind = kind;
        node->line = line;
        node->parent = parent;
        CurriculumNode *raw = node.get();
        parent->children.push_back(std::move(node));
        return raw;
    }

    static void appendParagraph(QString &text, const QString &paragraph)
    {
        const QString p = paragraph.trimmed();
        if (p.isEmpty())
            return;
        if (!text.isEmpty())
            text.append(QStringLiteral("\n\n"));
        text.append(p);
    }

    // A section that held nothing but navigation links (a table of contents) is dropped.
    void closeSection()
    {
        CurriculumNode *section = m_headings[2];
        if (section && section->children.empty() && section->text.isEmpty() && m_sectionNavigationItems > 0)
            m_root->children.pop_back();
        m_sectionNavigationItems = 0;
    }

    int enterBlock(MD_BLOCKTYPE type, void *detail)
    {
        switch (type) {
        case MD_BLOCK_H:
            m_inHeading = true;
            m_headingLevel = static_cast<MD_BLOCK_H_DETAIL *>(detail)->level;
            m_headingText.clear();
            m_headingOffset = -1;
            break;
        case MD_BLOCK_LI: {
            const auto *li = static_cast<MD_BLOCK_LI_DETAIL *>(detail);
            Item item;
            item.task = li->is_task;
            int line = currentLine() + (m_items.empty() && m_lastOffset >= 0 ? 1 : 0);
            if (li->is_task)
                line = lineAt(qsizetype(li->task_mark_offset));
            CurriculumNode *parent = m_items.empty() ? deepestContainer() : m_items.back().node;
            item.node = addChild(parent, NodeKind::Bullet, line);
            item.node->markedDoneInSource = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
            m_items.push_back(std::move(item));
            break;
        }
        case MD_BLOCK_P:
            if (m_items.empty()) {
                m_inParagraph = true;
                m_paragraph.clear();
            } else if (m_items.back().sawContent && m_items.back().termDone) {
                m_items.back().rest.append(QLatin1Char('\n'));
            }
            break;
        case MD_BLOCK_HR:
            m_afterRule = true;
            break;
        case MD_BLOCK_CODE:
            if (m_items.empty()) {
                m_inParagraph = true;
                m_paragraph.clear();
            }
            break;
        default:
            break;
        }
        return 0;
    }

    int leaveBlock(MD_BLOCKTYPE type, void *)
    {
        switch (type) {
        case MD_BLOCK_H:
            m_inHeading = false;
            return addHeading();
        case MD_BLOCK_LI:
            return finishItem();
        case MD_BLOCK_P:
        case MD_BLOCK_CODE:
            if (m_items.empty() && m_inParagraph) {
                m_inParagraph = false;
                CurriculumNode *target = (m_afterRule || !m_headings[2]) ? m_root.get() : deepestContainer();
                appendParagraph(target->text, m_paragraph);
            }
            break;
        case MD_BLOCK_TR:
            if (m_inParagraph)
                m_paragraph.append(QLatin1Char('\n'));
            break;
        default:
            break;
        }
        return 0;
    }

    int addHeading()
    {
        const unsigned level = m_headingLevel;
        const QString title = m_headingText.simplified();
        const int line = m_headingOffset >= 0 ? lineAt(m_headingOffset) : nextHeadingLine(level);
        if (title.isEmpty())
            return fail(line,
                tr("empty heading; expected a title after the '%1'")
                    .arg(QString(int(level), QLatin1Char('#'))));
        if (level > 4)
            return fail(line,
                tr("heading '%1' is nested too deep; expected '##' (section), '###' (group) or '####' "
                   "(topic)")
                    .arg(title));
        m_afterRule = false;
        if (level == 1) {
            if (!m_root->title.isEmpty())
                return fail(line,
                    tr("a second '# ' title ('%1'); a curriculum has one title, and its sections start with "
                       "'## '")
                        .arg(title));
            m_root->title = title;
            m_root->line = line;
            return 0;
        }
        if (level == 2) {
            closeSection();
            m_headings[2] = addChild(m_root.get(), NodeKind::Section, line);
            m_headings[2]->title = title;
            m_headings[3] = m_headings[4] = nullptr;
            return 0;
        }
        if (!m_headings[2])
            return fail(line,
                tr("'%1 %2' comes before the first section; expected a '## Section' heading first")
                    .arg(QString(int(level), QLatin1Char('#')), title));
        if (level == 3) {
            m_headings[3] = addChild(m_headings[2], NodeKind::Group, line);
            m_headings[3]->title = title;
            m_headings[4] = nullptr;
        } else {
            CurriculumNode *parent = m_headings[3] ? m_headings[3] : m_headings[2];
            m_headings[4] = addChild(parent, NodeKind::Topic, line);
            m_headings[4]->title = title;
        }
        return 0;
    }

    int finishItem()
    {
        Item item = std::move(m_items.back());
        m_items.pop_back();
        CurriculumNode *node = item.node;
        const QString term = item.term.simplified();
        QString rest = item.rest.trimmed();
        // Navigation: an item that is nothing but links to anchors of this same file.
        if (item.anchorLinks > 0 && !item.textOutsideLinks && node->children.empty()) {
            node->parent->children.pop_back();
            ++m_sectionNavigationItems;
            return 0;
        }
        if (!m_headings[2] && m_items.empty())
            return fail(node->line,
                tr("a list item comes before the first section; expected a '## Section' heading first"));
        if (item.leadingStrong && !term.isEmpty()) {
            node->kind = NodeKind::Concept;
            node->title = term;
            static const QRegularExpression separator(QStringLiteral("^[:\\-\u2013\u2014]\\s*"));
            rest.remove(separator);
            node->text = rest.trimmed();
        } else {
            const QString whole = (term.isEmpty() ? rest : term + QLatin1Char(' ') + rest).simplified();
            if (whole.isEmpty())
                return fail(node->line, tr("empty list item; expected text after the '-'"));
            node->title = whole;
            if (item.task)
                node->kind = titleNames(node->parent, QLatin1StringView("milestone"))
                    ? NodeKind::Milestone
                    : NodeKind::ChecklistItem;
            else if (titleNames(node->parent, QLatin1StringView("project")))
                node->kind = NodeKind::Project;
            else
                node->kind = NodeKind::Bullet;
        }
        return 0;
    }

    int enterSpan(MD_SPANTYPE type, void *detail)
    {
        if (m_items.empty())
            return 0;
        Item &item = m_items.back();
        if (type == MD_SPAN_STRONG) {
            if (!item.sawContent)
                item.leadingStrong = true;
            ++item.strongDepth;
        } else if (type == MD_SPAN_A) {
            const auto *a = static_cast<MD_SPAN_A_DETAIL *>(detail);
            if (a->href.size > 0 && a->href.text[0] == '#')
                ++item.anchorLinks;
            else
                item.textOutsideLinks = true;
            ++m_linkDepth;
        }
        item.sawContent = true;
        return 0;
    }

    int leaveSpan(MD_SPANTYPE type, void *)
    {
        if (m_items.empty())
            return 0;
        Item &item = m_items.back();
        if (type == MD_SPAN_STRONG && item.strongDepth > 0) {
            if (--item.strongDepth == 0 && item.leadingStrong)
                item.termDone = true;
        } else if (type == MD_SPAN_A && m_linkDepth > 0) {
            --m_linkDepth;
        }
        return 0;
    }

    int onText(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size)
    {
        QString chunk;
        switch (type) {
        case MD_TEXT_NORMAL:
        case MD_TEXT_CODE:
        case MD_TEXT_LATEXMATH:
            chunk = QString::fromUtf8(text, qsizetype(size));
            break;
        case MD_TEXT_ENTITY:
            chunk = decodeEntity(QByteArrayView(text, qsizetype(size)));
            break;
        case MD_TEXT_NULLCHAR:
            chunk = QString(QChar(0xFFFD));
            break;
        case MD_TEXT_BR:
            chunk = QStringLiteral("\n");
            break;
        case MD_TEXT_SOFTBR:
            chunk = QStringLiteral(" ");
            break;
        case MD_TEXT_HTML:
            chunk = QString::fromUtf8(text, qsizetype(size));
            break;
        }
        if (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE || type == MD_TEXT_ENTITY
            || type == MD_TEXT_HTML) {
            const qsizetype offset = text - m_bytes.constData();
            if (offset >= 0 && offset <= m_bytes.size())
                m_lastOffset = offset;
        }
        if (m_inHeading) {
            if (m_headingOffset < 0)
                m_headingOffset = m_lastOffset;
            m_headingText.append(chunk);
            return 0;
        }
        if (!m_items.empty()) {
            Item &item = m_items.back();
            const bool blank = chunk.trimmed().isEmpty();
            if (!blank && m_linkDepth == 0)
                item.textOutsideLinks = true;
            if (item.leadingStrong && !item.termDone)
                item.term.append(chunk);
            else
                item.rest.append(chunk);
            if (!blank)
                item.sawContent = true;
            return 0;
        }
        if (m_inParagraph)
            m_paragraph.append(chunk);
        return 0;
    }

    void assignIds(CurriculumNode *node)
    {
        QSet<QString> taken;
        for (auto &child : node->children) {
            const QString base = slugify(child->title);
            QString slug = base;
            for (int n = 2; taken.contains(slug); ++n)
                slug = base + QLatin1Char('-') + QString::number(n);
            if (slug != base)
                m_warnings.append(
                    tr("%1:%2: '%3' has the same title as an earlier item under '%4'; its ID is '%5'")
                        .arg(m_fileName)
                        .arg(child->line)
                        .arg(child->title, node->title, slug));
            taken.insert(slug);
            child->id = node->id.isEmpty() ? slug : node->id + QLatin1Char('/') + slug;
            assignIds(child.get());
        }
    }

    const QByteArray &m_bytes;
    std::vector<qsizetype> m_newlines; ///< offsets of '\n' in m_bytes, ascending
    QString m_fileName;
    std::unique_ptr<CurriculumNode> m_root;
    CurriculumNode *m_headings[5] = {};
    std::vector<Item> m_items;
    CurriculumError m_error;
    QStringList m_warnings;
    qsizetype m_lastOffset = -1;
    bool m_inHeading = false;
    unsigned m_headingLevel = 0;
    QString m_headingText;
    qsizetype m_headingOffset = -1;
    bool m_inParagraph = false;
    QString m_paragraph;
    bool m_afterRule = false;
    int m_linkDepth = 0;
    int m_sectionNavigationItems = 0;
};

} // namespace

CurriculumParseResult CurriculumParser::parse(const QByteArray &bytes, const QString &fileName)
{
    CurriculumParseResult result;
    if (bytes.trimmed().isEmpty()) {
        result.error = { fileName, 0,
            tr("the file is empty; expected a Markdown curriculum starting with '# Title'") };
        return result;
    }
    const DecodedText decoded = decodeCurriculumText(bytes);
    if (!decoded.ok()) {
        result.error = { fileName, decoded.errorLine, decoded.error };
        return result;
    }
    result.repairedRuns = decoded.repairedRuns;
    const QByteArray utf8 = decoded.text.toUtf8();
    Builder builder(utf8, fileName);
    if (!builder.run()) {
        result.error = builder.error();
        return result;
    }
    result.warnings = builder.warnings();
    result.curriculum = std::make_shared<const Curriculum>(builder.takeRoot(), fileName);
    return result;
}

CurriculumParseResult CurriculumParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        CurriculumParseResult result;
        result.error = { path, 0, tr("cannot read the file: %1").arg(file.errorString()) };
        return result;
    }
    constexpr qint64 maxSize = 16 * 1024 * 1024;
    if (file.size() > maxSize) {
        CurriculumParseResult result;
        result.error = { path, 0,
            tr("the file is %1 MB; a curriculum is expected to be under 16 MB of Markdown")
                .arg(file.size() / (1024 * 1024)) };
        return result;
    }
    return parse(file.readAll(), path);
}

QString CurriculumParser::builtinPath()
{
    return QStringLiteral(":/curriculum/backend-mastery.md");
}

CurriculumParseResult CurriculumParser::builtin()
{
    return parseFile(builtinPath());
}

CurriculumParseResult CurriculumParser::parseFileOrBuiltin(const QString &path)
{
    return path.isEmpty() ? builtin() : parseFile(path);
}

} // namespace StudyBench
