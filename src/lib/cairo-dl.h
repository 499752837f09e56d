/* cairo, pango and pangocairo opened on first use: only the handout, the report and the figures
 * draw, and linking them cost every command about 4.7 MB and 2.6 ms at start. */
#ifndef HIPCOACH_CAIRO_DL_H
#define HIPCOACH_CAIRO_DL_H

/*
 * A file that draws includes this after <cairo.h>, <cairo-pdf.h>,
 * <cairo-svg.h> and <pango/pangocairo.h>: every function named below then
 * calls through a table that src/lib/cairo-dl.c fills by dlopen (src/lib/
 * dlib.h), typed from the libraries' own headers. The entry points that
 * draw call draw_open() first, so that a missing library is an error
 * naming its package rather than a crash.
 *
 * A function not listed here is called directly and, since hipcoach no
 * longer links cairo or pango, fails the link: add it to its list.
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "dlib.h"

/* clang-format off */
#define DRAW_CAIRO_FNS(X) \
	X(cairo_arc) \
	X(cairo_clip) \
	X(cairo_close_path) \
	X(cairo_create) \
	X(cairo_curve_to) \
	X(cairo_destroy) \
	X(cairo_fill) \
	X(cairo_fill_preserve) \
	X(cairo_image_surface_create) \
	X(cairo_line_to) \
	X(cairo_move_to) \
	X(cairo_new_path) \
	X(cairo_new_sub_path) \
	X(cairo_paint) \
	X(cairo_pdf_surface_create) \
	X(cairo_pdf_surface_create_for_stream) \
	X(cairo_pdf_surface_set_metadata) \
	X(cairo_rectangle) \
	X(cairo_restore) \
	X(cairo_save) \
	X(cairo_scale) \
	X(cairo_select_font_face) \
	X(cairo_set_dash) \
	X(cairo_set_font_size) \
	X(cairo_set_line_cap) \
	X(cairo_set_line_join) \
	X(cairo_set_line_width) \
	X(cairo_set_source_rgb) \
	X(cairo_set_source_rgba) \
	X(cairo_show_page) \
	X(cairo_show_text) \
	X(cairo_status) \
	X(cairo_status_to_string) \
	X(cairo_stroke) \
	X(cairo_stroke_preserve) \
	X(cairo_surface_destroy) \
	X(cairo_surface_finish) \
	X(cairo_surface_status) \
	X(cairo_surface_write_to_png) \
	X(cairo_surface_write_to_png_stream) \
	X(cairo_svg_surface_create) \
	X(cairo_svg_surface_create_for_stream) \
	X(cairo_svg_surface_set_document_unit) \
	X(cairo_text_extents) \
	X(cairo_translate)

#define DRAW_GOBJECT_FNS(X) \
	X(g_object_unref)

#define DRAW_PANGO_FNS(X) \
	X(pango_attr_list_insert) \
	X(pango_attr_list_new) \
	X(pango_attr_list_unref) \
	X(pango_attr_weight_new) \
	X(pango_font_description_free) \
	X(pango_font_description_from_string) \
	X(pango_font_description_set_absolute_size) \
	X(pango_font_description_set_style) \
	X(pango_font_description_set_weight) \
	X(pango_layout_get_pixel_size) \
	X(pango_layout_get_size) \
	X(pango_layout_set_alignment) \
	X(pango_layout_set_attributes) \
	X(pango_layout_set_font_description) \
	X(pango_layout_set_spacing) \
	X(pango_layout_set_text) \
	X(pango_layout_set_width) \
	X(pango_layout_set_wrap)

#define DRAW_PANGOCAIRO_FNS(X) \
	X(pango_cairo_create_layout) \
	X(pango_cairo_show_layout)

#define DRAW_ALL_FNS(X) DRAW_CAIRO_FNS(X) DRAW_GOBJECT_FNS(X) DRAW_PANGO_FNS(X) \
	DRAW_PANGOCAIRO_FNS(X)
/* clang-format on */

#define DRAW_FIELD(fn) DLIB_FN(fn);
struct draw_dl {
	DRAW_ALL_FNS(DRAW_FIELD)
};
#undef DRAW_FIELD

extern struct draw_dl draw_dl;
extern int draw_loaded;

/*
 * Opens cairo, GObject, pango and pangocairo (libcairo.so.2,
 * libgobject-2.0.so.0, libpango-1.0.so.0, libpangocairo-1.0.so.0) and fills
 * draw_dl, once. 0, or -1 after error_set() naming the library and the
 * Debian package to install. Not thread-safe: call it before starting
 * threads, or from the one thread that draws.
 */
int draw_open(void);

/*
 * The table, opened if an entry point forgot to: a library that is missing
 * then still fails loudly (a NULL call), never silently.
 */
static inline struct draw_dl *draw_table(void)
{
	if (!draw_loaded)
		draw_open();
	return &draw_dl;
}

#ifndef CAIRO_DL_NO_MACROS
#define cairo_arc			    (draw_table()->cairo_arc)
#define cairo_clip			    (draw_table()->cairo_clip)
#define cairo_close_path		    (draw_table()->cairo_close_path)
#define cairo_create			    (draw_table()->cairo_create)
#define cairo_curve_to			    (draw_table()->cairo_curve_to)
#define cairo_destroy			    (draw_table()->cairo_destroy)
#define cairo_fill			    (draw_table()->cairo_fill)
#define cairo_fill_preserve		    (draw_table()->cairo_fill_preserve)
#define cairo_image_surface_create	    (draw_table()->cairo_image_surface_create)
#define cairo_line_to			    (draw_table()->cairo_line_to)
#define cairo_move_to			    (draw_table()->cairo_move_to)
#define cairo_new_path			    (draw_table()->cairo_new_path)
#define cairo_new_sub_path		    (draw_table()->cairo_new_sub_path)
#define cairo_paint			    (draw_table()->cairo_paint)
#define cairo_pdf_surface_create	    (draw_table()->cairo_pdf_surface_create)
#define cairo_pdf_surface_create_for_stream (draw_table()->cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata	    (draw_table()->cairo_pdf_surface_set_metadata)
#define cairo_rectangle			    (draw_table()->cairo_rectangle)
#define cairo_restore			    (draw_table()->cairo_restore)
#define cairo_save			    (draw_table()->cairo_save)
#define cairo_scale			    (draw_table()->cairo_scale)
#define cairo_select_font_face		    (draw_table()->cairo_select_font_face)
#define cairo_set_dash			    (draw_table()->cairo_set_dash)
#define cairo_set_font_size		    (draw_table()->cairo_set_font_size)
#define cairo_set_line_cap		    (draw_table()->cairo_set_line_cap)
#define cairo_set_line_join		    (draw_table()->cairo_set_line_join)
#define cairo_set_line_width		    (draw_table()->cairo_set_line_width)
#define cairo_set_source_rgb		    (draw_table()->cairo_set_source_rgb)
#define cairo_set_source_rgba		    (draw_table()->cairo_set_source_rgba)
#define cairo_show_page			    (draw_table()->cairo_show_page)
#define cairo_show_text			    (draw_table()->cairo_show_text)
#define cairo_status			    (draw_table()->cairo_status)
#define cairo_status_to_string		    (draw_table()->cairo_status_to_string)
#define cairo_stroke			    (draw_table()->cairo_stroke)
#define cairo_stroke_preserve		    (draw_table()->cairo_stroke_preserve)
#define cairo_surface_destroy		    (draw_table()->cairo_surface_destroy)
#define cairo_surface_finish		    (draw_table()->cairo_surface_finish)
#define cairo_surface_status		    (draw_table()->cairo_surface_status)
#define cairo_surface_write_to_png	    (draw_table()->cairo_surface_write_to_png)
#define cairo_surface_write_to_png_stream   (draw_table()->cairo_surface_write_to_png_stream)
#define cairo_svg_surface_create	    (draw_table()->cairo_svg_surface_create)
#define cairo_svg_surface_create_for_stream (draw_table()->cairo_svg_surface_create_for_stream)
#define cairo_svg_surface_set_document_unit (draw_table()->cairo_svg_surface_set_document_unit)
#define cairo_text_extents		    (draw_table()->cairo_text_extents)
#define cairo_translate			    (draw_table()->cairo_translate)
#define g_object_unref			    (draw_table()->g_object_unref)
#define pango_attr_list_insert		    (draw_table()->pango_attr_list_insert)
#define pango_attr_list_new		    (draw_table()->pango_attr_list_new)
#define pango_attr_list_unref		    (draw_table()->pango_attr_list_unref)
#define pango_attr_weight_new		    (draw_table()->pango_attr_weight_new)
#define pango_cairo_create_layout	    (draw_table()->pango_cairo_create_layout)
#define pango_cairo_show_layout		    (draw_table()->pango_cairo_show_layout)
#define pango_font_description_free	    (draw_table()->pango_font_description_free)
#define pango_font_description_from_string  (draw_table()->pango_font_description_from_string)
#define pango_font_description_set_absolute_size                                                   \
	(draw_table()->pango_font_description_set_absolute_size)
#define pango_font_description_set_style  (draw_table()->pango_font_description_set_style)
#define pango_font_description_set_weight (draw_table()->pango_font_description_set_weight)
#define pango_layout_get_pixel_size	  (draw_table()->pango_layout_get_pixel_size)
#define pango_layout_get_size		  (draw_table()->pango_layout_get_size)
#define pango_layout_set_alignment	  (draw_table()->pango_layout_set_alignment)
#define pango_layout_set_attributes	  (draw_table()->pango_layout_set_attributes)
#define pango_layout_set_font_description (draw_table()->pango_layout_set_font_description)
#define pango_layout_set_spacing	  (draw_table()->pango_layout_set_spacing)
#define pango_layout_set_text		  (draw_table()->pango_layout_set_text)
#define pango_layout_set_width		  (draw_table()->pango_layout_set_width)
#define pango_layout_set_wrap		  (draw_table()->pango_layout_set_wrap)
#endif

#endif
