#pragma once

#include "progress/itemstate.h"

#include <QIcon>

namespace StudyBench::StateIcons {

/// A small icon for a state, drawn in the current palette's colours (in progress: a half-filled
/// circle; done: a filled circle with a tick; skipped: a circle with an arrow over it).
QIcon icon(ItemState state);

} // namespace StudyBench::StateIcons
