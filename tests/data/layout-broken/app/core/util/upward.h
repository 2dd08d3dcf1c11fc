#pragma once
#include "progress/progressstore.h" // util may not use progress
