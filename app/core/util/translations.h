#pragma once

class QCoreApplication;

namespace StudyBench {

/// Installs StudyBench's translations for the user's language on @p app; English, the source
/// language, brings its plural forms ("1 card", "2 cards"). The executable must embed the .qm
/// files under ":/i18n" (both studybench and studybench-cli do, from translations/).
void installTranslator(QCoreApplication &app);

} // namespace StudyBench
