#pragma once

namespace StudyBench {

/// The GUI's main(): options, the main window, the event loop.
int runApplication(int argc, char *argv[]);

} // namespace StudyBench
