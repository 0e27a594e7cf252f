#ifndef MBVIZ_CNCURSESW_SHIM_H
#define MBVIZ_CNCURSESW_SHIM_H
// SwiftPM drops ncursesw.pc's -D_XOPEN_SOURCE=600, and with it the wide API.
#define NCURSES_WIDECHAR 1
#include <wchar.h>
#include <locale.h>
#include <ncursesw/ncurses.h>
#endif
