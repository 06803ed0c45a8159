#ifndef STOREFRONT_CNCURSES_SHIM_H
#define STOREFRONT_CNCURSES_SHIM_H
/* Wide-character ncurses: the define must come before the header. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift cannot see macros with arguments or variadic calls: wrap each one it needs. */
static inline int sf_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t sf_a_bold(void) { return A_BOLD; }
static inline attr_t sf_a_dim(void) { return A_DIM; }
static inline attr_t sf_a_reverse(void) { return A_REVERSE; }
static inline attr_t sf_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sf_a_normal(void) { return A_NORMAL; }
static inline int sf_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int sf_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *sf_stdscr(void) { return stdscr; }
static inline int sf_key_resize(void) { return KEY_RESIZE; }
static inline int sf_err(void) { return ERR; }
#endif
