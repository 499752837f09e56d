/* cairo, pango and pangocairo loaded on first use (src/lib/cairo-dl.h). */
#define CAIRO_DL_NO_MACROS
#include "cairo-dl.h"

struct draw_dl draw_dl;
int draw_loaded;

#define DRAW_SYM(fn) DLIB_SYM(draw_dl, fn),

/* In the order they depend on each other: pangocairo needs the three before it. */
static struct dlib libs[] = {
    {.soname = "libcairo.so.2", .package = "libcairo2"},
    {.soname = "libgobject-2.0.so.0", .package = "libglib2.0-0"},
    {.soname = "libpango-1.0.so.0", .package = "libpango-1.0-0"},
    {.soname = "libpangocairo-1.0.so.0", .package = "libpangocairo-1.0-0"},
};
static const struct dlib_sym cairo_syms[] = {DRAW_CAIRO_FNS(DRAW_SYM){0}};
static const struct dlib_sym gobject_syms[] = {DRAW_GOBJECT_FNS(DRAW_SYM){0}};
static const struct dlib_sym pango_syms[] = {DRAW_PANGO_FNS(DRAW_SYM){0}};
static const struct dlib_sym pangocairo_syms[] = {DRAW_PANGOCAIRO_FNS(DRAW_SYM){0}};
static const struct dlib_sym *const syms[] = {cairo_syms, gobject_syms, pango_syms,
					      pangocairo_syms};

int draw_open(void)
{
	if (draw_loaded)
		return 0;
	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		if (dlib_open(&libs[i], syms[i]))
			return -1;
	draw_loaded = 1;
	return 0;
}
