#include "httpsyntax.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QPlainTextEdit>

namespace StudyBench::HttpSyntax {

namespace {
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
} // namespace

void highlight(QPlainTextEdit *edit, const QString &definition)
{
    auto *highlighter = edit->document()->findChild<KSyntaxHighlighting::SyntaxHighlighter *>();
    if (definition.isEmpty()) {
        delete highlighter;
        return;
    }
    const KSyntaxHighlighting::Definition def = repository().definitionForName(definition);
    if (!def.isValid()) {
        delete highlighter;
        return;
    }
    if (!highlighter) {
        highlighter = new KSyntaxHighlighting::SyntaxHighlighter(edit->document());
    }
    highlighter->setTheme(repository().themeForPalette(edit->palette()));
    highlighter->setDefinition(def);
}

} // namespace StudyBench::HttpSyntax
