#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <QMimeDatabase>

namespace StudyBench {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Definition definitionFor(const QString &fileName, const QString &content)
{
    auto &repository = syntaxRepository();
    if (!fileName.isEmpty()) {
        const auto byName = repository.definitionForFileName(fileName);
        if (byName.isValid())
            return byName;
    }
    const QMimeDatabase mimes;
    const QByteArray sample = content.left(4096).toUtf8();
    const QMimeType mime = fileName.isEmpty() ? mimes.mimeTypeForData(sample)
                                              : mimes.mimeTypeForFileNameAndData(fileName, sample);
    if (!mime.isValid() || mime.isDefault())
        return {};
    QStringList candidates { mime.name() };
    candidates += mime.aliases();
    candidates += mime.allAncestors();
    for (const QString &name : std::as_const(candidates)) {
        if (name == QLatin1StringView("text/plain") || name == QLatin1StringView("application/octet-stream"))
            continue;
        const auto byMime = repository.definitionForMimeType(name);
        if (byMime.isValid())
            return byMime;
    }
    return {};
}

} // namespace StudyBench
