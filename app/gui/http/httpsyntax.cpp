#include "http/httpsyntax.h"

#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QPlainTextEdit>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace StudyBench::HttpSyntax {

void highlight(QPlainTextEdit *edit, const QString &definition)
{
    auto *highlighter = edit->document()->findChild<KSyntaxHighlighting::SyntaxHighlighter *>();
    if (definition.isEmpty()) {
        delete highlighter;
        return;
    }
    const KSyntaxHighlighting::Definition def = syntaxRepository().definitionForName(definition);
    if (!def.isValid()) {
        delete highlighter;
        return;
    }
    if (!highlighter) {
        highlighter = new KSyntaxHighlighting::SyntaxHighlighter(edit->document());
    }
    highlighter->setTheme(syntaxRepository().themeForPalette(edit->palette()));
    highlighter->setDefinition(def);
}

namespace {
template<typename Input>
QString indentedXml(const Input &input)
{
    QString out;
    QXmlStreamReader reader(input);
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isWhitespace())
            continue;
        writer.writeCurrentToken(reader);
    }
    return reader.hasError() ? QString() : out;
}
} // namespace

QString prettyXml(const QString &text)
{
    return indentedXml(text);
}

QString prettyXml(const QByteArray &bytes)
{
    return indentedXml(bytes);
}

} // namespace StudyBench::HttpSyntax
