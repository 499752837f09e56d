/* ncursesw loaded on first use (src/lib/curses-dl.h). */
#define CURSES_DL_NO_MACROS
#include "curses-dl.h"

struct curses_dl curses_dl;
int curses_loaded;

#define CURSES_SYM(sym) DLIB_SYM(curses_dl, sym),

static struct dlib lib = {.soname = "libncursesw.so.6", .package = "libncursesw6"};
static const struct dlib_sym syms[] = {CURSES_ALL_SYMS(CURSES_SYM){0}};

int curses_open(void)
{
	if (curses_loaded)
		return 0;
	if (dlib_open(&lib, syms))
		return -1;
	curses_loaded = 1;
	return 0;
}
