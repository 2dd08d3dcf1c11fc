#include "util/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace StudyBench {

void installTranslator(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(
            QLocale(), QStringLiteral("studybench"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/studybench_en.qm")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace StudyBench
