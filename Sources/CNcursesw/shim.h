#ifndef MBVIZ_CNCURSESW_SHIM_H
#define MBVIZ_CNCURSESW_SHIM_H
// SwiftPM drops ncursesw.pc's -D_XOPEN_SOURCE=600 ("prohibited flag"), and with it the
// wide API (cchar_t, setcchar, wget_wch). Asking for it by name brings it back.
#define NCURSES_WIDECHAR 1
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ncursesw/ncurses.h>

// Swift 6 rejects C globals such as stdscr, COLS and stdout as concurrency-unsafe, and
// function-like or composite macros (A_BOLD, KEY_F(n), BUTTON1_PRESSED) don't import at
// all. Each accessor below exists only to hand one of them to Swift.

// MARK: - Globals

static inline WINDOW *mbviz_stdscr(void) { return stdscr; }
static inline int mbviz_cols(void) { return COLS; }
static inline int mbviz_lines(void) { return LINES; }
static inline int mbviz_colors(void) { return COLORS; }
static inline int mbviz_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *mbviz_stdout(void) { return stdout; }
static inline FILE *mbviz_stdin(void) { return stdin; }

// MARK: - Attributes

static inline attr_t mbviz_a_normal(void) { return A_NORMAL; }
static inline attr_t mbviz_a_bold(void) { return A_BOLD; }
static inline attr_t mbviz_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mbviz_a_reverse(void) { return A_REVERSE; }

// MARK: - Key codes (values of wget_wch when it returns KEY_CODE_YES)

static inline int mbviz_key_code_yes(void) { return KEY_CODE_YES; }
static inline int mbviz_key_up(void) { return KEY_UP; }
static inline int mbviz_key_down(void) { return KEY_DOWN; }
static inline int mbviz_key_left(void) { return KEY_LEFT; }
static inline int mbviz_key_right(void) { return KEY_RIGHT; }
static inline int mbviz_key_ppage(void) { return KEY_PPAGE; }
static inline int mbviz_key_npage(void) { return KEY_NPAGE; }
static inline int mbviz_key_home(void) { return KEY_HOME; }
static inline int mbviz_key_end(void) { return KEY_END; }
// The keypad's corner keys: some terminals send these for Home/End/PgUp/PgDn.
static inline int mbviz_key_a1(void) { return KEY_A1; }
static inline int mbviz_key_a3(void) { return KEY_A3; }
static inline int mbviz_key_c1(void) { return KEY_C1; }
static inline int mbviz_key_c3(void) { return KEY_C3; }
static inline int mbviz_key_beg(void) { return KEY_BEG; }
static inline int mbviz_key_enter(void) { return KEY_ENTER; }
static inline int mbviz_key_backspace(void) { return KEY_BACKSPACE; }
static inline int mbviz_key_btab(void) { return KEY_BTAB; }
static inline int mbviz_key_resize(void) { return KEY_RESIZE; }
static inline int mbviz_key_mouse(void) { return KEY_MOUSE; }
static inline int mbviz_key_f0(void) { return KEY_F0; }
/// The highest function key ncurses numbers (KEY_F(63)).
static inline int mbviz_key_fmax(void) { return KEY_F(63); }

// MARK: - Mouse

static inline mmask_t mbviz_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t mbviz_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t mbviz_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t mbviz_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t mbviz_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }
// The wheel: xterm reports scrolling as presses of buttons 4 (up) and 5 (down).
static inline mmask_t mbviz_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t mbviz_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t mbviz_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t mbviz_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

/// getmouse() flattened into out-parameters; returns OK or ERR.
static inline int mbviz_getmouse(int *x, int *y, mmask_t *bstate) {
    MEVENT event;
    memset(&event, 0, sizeof event);
    int rc = getmouse(&event);
    *x = event.x;
    *y = event.y;
    *bstate = event.bstate;
    return rc;
}

// MARK: - Cells

/// Fills one cchar_t: a spacing character `c0`, an optional combining character `c1`
/// (0 for none), attributes and a colour pair. Pairs above SHRT_MAX go through the
/// extended-colour `opts` argument, as setcchar(3X) documents.
static inline int mbviz_setcell(cchar_t *cell, wchar_t c0, wchar_t c1, attr_t attrs, int pair) {
    wchar_t text[3] = { c0, c1, 0 };
    return setcchar(cell, text, attrs, 0, &pair);
}

/// Writes `count` cells at (y, x) without moving the cursor or wrapping, so the
/// bottom-right cell is written without scrolling the screen.
static inline int mbviz_put_cells(WINDOW *win, int y, int x, const cchar_t *cells, int count) {
    return mvwadd_wchnstr(win, y, x, cells, count);
}

// MARK: - Restoring after a crash

/// Copies everything from file descriptor `from` (rewound to its start) to `to`.
/// Uses only read/write/lseek and a stack buffer, so a signal handler may call it.
static inline void mbviz_copy_fd(int from, int to) {
    char chunk[4096];
    if (lseek(from, 0, SEEK_SET) < 0) return;
    for (;;) {
        ssize_t n = read(from, chunk, sizeof chunk);
        if (n <= 0) return;
        ssize_t done = 0;
        while (done < n) {
            ssize_t w = write(to, chunk + done, (size_t)(n - done));
            if (w <= 0) return;
            done += w;
        }
    }
}

// glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM dropped (see above).
extern int wcwidth(wchar_t c);

/// The number of columns a character takes in the current locale (-1: not printable).
static inline int mbviz_wcwidth(wchar_t c) { return wcwidth(c); }

/// True when the current terminal can move the cursor to any cell (has `cup`); a
/// full screen can't be drawn on one that can't (TERM=dumb).
static inline int mbviz_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// True when the current locale's character set is UTF-8 (so block elements can be shown).
static inline int mbviz_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

#endif
