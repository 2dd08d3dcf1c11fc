#pragma once
#include "util/sqliteutil.h" // a folder with no rule
