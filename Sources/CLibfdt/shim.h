#ifndef MBVIZ_CLIBFDT_SHIM_H
#define MBVIZ_CLIBFDT_SHIM_H
// Debian's libfdt-dev ships no pkg-config file: the header and libfdt.a are in the
// default search paths.
#include <libfdt.h>
#endif
