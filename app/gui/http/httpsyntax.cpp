#include "httpsyntax.h"

#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QPlainTextEdit>

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

} // namespace StudyBench::HttpSyntax
