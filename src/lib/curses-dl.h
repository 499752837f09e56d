/* ncursesw opened on first use: only the full-screen guided session draws with it, and linking it
 * (with libtinfo) cost every command two more shared objects at start. */
#ifndef HIPCOACH_CURSES_DL_H
#define HIPCOACH_CURSES_DL_H

/*
 * The file that draws includes this after <curses.h>: every function and
 * variable named below (curses.h's macros, such as mvaddstr() or
 * refresh(), expand to them) then goes through a table that
 * src/lib/curses-dl.c fills by dlopen (src/lib/dlib.h), typed from
 * curses.h itself. Call curses_open() before the first of them, so that a
 * missing library is an error naming its package rather than a crash.
 *
 * A name not listed here is called directly and, since hipcoach no longer
 * links ncursesw, fails the link: add it to the list.
 */
#include <curses.h>

#include "dlib.h"

/* clang-format off */
#define CURSES_ALL_SYMS(X) \
	X(COLS) \
	X(LINES) \
	X(beep) \
	X(cbreak) \
	X(curs_set) \
	X(delscreen) \
	X(endwin) \
	X(has_colors) \
	X(init_pair) \
	X(keypad) \
	X(newterm) \
	X(noecho) \
	X(nonl) \
	X(set_term) \
	X(start_color) \
	X(stdscr) \
	X(use_default_colors) \
	X(waddnstr) \
	X(wattr_off) \
	X(wattr_on) \
	X(werase) \
	X(wgetch) \
	X(wmove) \
	X(wrefresh) \
	X(wtimeout)
/* clang-format on */

/* A function's field points to it; a variable's (COLS, LINES, stdscr) to the variable. */
#define CURSES_FIELD(sym) DLIB_FN(sym);
struct curses_dl {
	CURSES_ALL_SYMS(CURSES_FIELD)
};
#undef CURSES_FIELD

extern struct curses_dl curses_dl;
extern int curses_loaded;

/*
 * Opens ncursesw (libncursesw.so.6, which brings libtinfo) and fills
 * curses_dl, once. 0, or -1 after error_set() naming the library and the
 * Debian package to install.
 */
int curses_open(void);

/* The table, opened if a caller forgot to: a missing library then fails loudly (a NULL call). */
static inline struct curses_dl *curses_table(void)
{
	if (!curses_loaded)
		curses_open();
	return &curses_dl;
}

#ifndef CURSES_DL_NO_MACROS
#define COLS		   (*curses_table()->COLS)
#define LINES		   (*curses_table()->LINES)
#define beep		   (curses_table()->beep)
#define cbreak		   (curses_table()->cbreak)
#define curs_set	   (curses_table()->curs_set)
#define delscreen	   (curses_table()->delscreen)
#define endwin		   (curses_table()->endwin)
#define has_colors	   (curses_table()->has_colors)
#define init_pair	   (curses_table()->init_pair)
#define keypad		   (curses_table()->keypad)
#define newterm		   (curses_table()->newterm)
#define noecho		   (curses_table()->noecho)
#define nonl		   (curses_table()->nonl)
#define set_term	   (curses_table()->set_term)
#define start_color	   (curses_table()->start_color)
#define stdscr		   (*curses_table()->stdscr)
#define use_default_colors (curses_table()->use_default_colors)
#define waddnstr	   (curses_table()->waddnstr)
#define wattr_off	   (curses_table()->wattr_off)
#define wattr_on	   (curses_table()->wattr_on)
#define werase		   (curses_table()->werase)
#define wgetch		   (curses_table()->wgetch)
#define wmove		   (curses_table()->wmove)
#define wrefresh	   (curses_table()->wrefresh)
#define wtimeout	   (curses_table()->wtimeout)
#endif

#endif
