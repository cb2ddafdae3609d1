#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// Wide-character ncurses: must be defined before the header is included.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>

// Swift cannot use C macros with arguments or C globals (Swift 6 rejects them as not
// concurrency-safe), so the few we need are wrapped here.
static inline WINDOW *termlabel_stdscr(void) { return stdscr; }
static inline int termlabel_colors(void) { return COLORS; }
static inline int termlabel_color_pairs(void) { return COLOR_PAIRS; }
static inline int termlabel_lines(void) { return LINES; }
static inline int termlabel_cols(void) { return COLS; }
static inline int termlabel_maxy(WINDOW *window) { return getmaxy(window); }
static inline int termlabel_maxx(WINDOW *window) { return getmaxx(window); }
static inline attr_t termlabel_a_bold(void) { return A_BOLD; }
static inline attr_t termlabel_a_dim(void) { return A_DIM; }
static inline attr_t termlabel_a_underline(void) { return A_UNDERLINE; }
static inline attr_t termlabel_a_reverse(void) { return A_REVERSE; }
static inline attr_t termlabel_a_italic(void) { return A_ITALIC; }
static inline attr_t termlabel_a_normal(void) { return A_NORMAL; }
static inline int termlabel_key_resize(void) { return KEY_RESIZE; }
static inline int termlabel_key_mouse(void) { return KEY_MOUSE; }
static inline int termlabel_key_f(int n) { return KEY_F(n); }
static inline int termlabel_err(void) { return ERR; }
static inline int termlabel_ok(void) { return OK; }
static inline int termlabel_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t termlabel_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t termlabel_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t termlabel_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t termlabel_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t termlabel_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t termlabel_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t termlabel_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline void termlabel_set_escdelay(int ms) { set_escdelay(ms); }
static inline SCREEN *termlabel_newterm(const char *name) { return newterm(name, stdout, stdin); }
// Where ncurses believes the terminal's cursor is, after a refresh.
static inline int termlabel_physical_y(void) { return getcury(curscr); }
static inline int termlabel_physical_x(void) { return getcurx(curscr); }

#endif
