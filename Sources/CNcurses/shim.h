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

/* TerminalBackend additions. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* `stdout`/`stdin` are mutable C globals, which Swift 6 refuses to touch; newterm (unlike initscr) returns
   NULL instead of exiting when TERM is unknown. */
static inline SCREEN *sf_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int sf_colors(void) { return COLORS; }
static inline int sf_ok(void) { return OK; }
static inline int sf_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sf_key_f(int n) { return KEY_F(n); }

static inline int sf_ccharw_max(void) { return CCHARW_MAX; }
/* One cell: a spacing character plus up to CCHARW_MAX - 1 combining marks, NUL-terminated.
   Text ncurses refuses (a lone combining mark) shows as U+FFFD rather than leaving the old cell on screen. */
static inline int sf_put_cell(WINDOW *w, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    static const wchar_t replacement[] = { 0xFFFD, 0 };
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR && setcchar(&cell, replacement, attrs, pair, NULL) == ERR)
        return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

/* Signal dispositions: `struct sigaction` holds a union Swift cannot fill portably. */
static inline int sf_handle_exit_signal(int sig, void (*handler)(int), struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigfillset(&action.sa_mask);
    action.sa_handler = handler;
    return sigaction(sig, &action, previous);
}
/* Crash handlers run once (SA_RESETHAND) and may re-raise their own signal from inside (SA_NODEFER). */
static inline int sf_handle_crash_signal(int sig, void (*handler)(int), struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = handler;
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    return sigaction(sig, &action, previous);
}
static inline int sf_was_ignored(const struct sigaction *action) { return action->sa_handler == SIG_IGN; }
static inline int sf_restore_signal(int sig, const struct sigaction *previous) {
    return sigaction(sig, previous, NULL);
}
static inline int sf_default_signal(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = SIG_DFL;
    return sigaction(sig, &action, NULL);
}
#endif
