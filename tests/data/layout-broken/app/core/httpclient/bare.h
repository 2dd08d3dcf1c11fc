#pragma once
#include "httpengine.h" // a bare include in core

#include <QWidget>
