/* Renders every exercise figure to a folder, with a contact sheet, for looking at them by eye. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "formats/figure.h"
#include "lib/error.h"
#include "lib/strbuf.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: figures [--json FILE] OUTDIR\n"
		"       figures [--json FILE] --dump ID\n"
		"Writes ID.png, ID-dark.png, ID-print.png, ID.svg and ID.pdf for each figure,\n"
		"and contact.png: all of them at handout size (6 cm wide at 150 dpi).\n");
	return 2;
}

static void print_point(const char *name, struct figure_point p)
{
	printf("  %-14s %7.3f %7.3f\n", name, p.x, p.y);
}

static int figures_dump(const struct figure_set *set, const char *id)
{
	static const char *const side[] = {"near", "far"};

	for (int ph = 0; ph < 2; ph++) {
		struct figure_skeleton sk;
		char name[32];

		if (figure_skeleton(set, id, ph, &sk))
			return error("%s", error_last());
		printf("%s %s\n", id, ph ? "end" : "start");
		print_point("pelvis", sk.pelvis);
		print_point("neck", sk.neck);
		print_point("head", sk.head);
		for (int s = 0; s < 2; s++) {
			const struct {
				const char *n;
				struct figure_point p;
			} pts[] = {
			    {"knee", sk.knee[s]},	  {"ankle", sk.ankle[s]},
			    {"heel", sk.heel[s]},	  {"toe", sk.toe[s]},
			    {"shoulder", sk.shoulder[s]}, {"elbow", sk.elbow[s]},
			    {"hand", sk.hand[s]},
			};
			for (size_t i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
				snprintf(name, sizeof(name), "%s.%s", side[s], pts[i].n);
				print_point(name, pts[i].p);
			}
		}
	}
	return 0;
}

/* All figures at handout size, two columns, each with its id underneath. */
static int figures_contact(const struct figure_set *set, const char *dir)
{
	const int cell_w = 354, cell_h = 150, label = 22, cols = 2;
	size_t n = figure_set_count(set);
	int rows = (int)((n + cols - 1) / cols);
	cairo_surface_t *surface =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, cols * cell_w, rows * (cell_h + label));
	cairo_t *cr = cairo_create(surface);
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string("Sans 9");
	struct strbuf path = STRBUF_INIT;
	int ret = 0;

	pango_layout_set_font_description(layout, font);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (size_t i = 0; i < n; i++) {
		double x = (double)(i % cols) * cell_w, y = (double)(i / cols) * (cell_h + label);

		if (figure_draw(cr, set, figure_set_id(set, i), x + 4, y + 2, cell_w - 8, cell_h,
				NULL))
			ret = error("%s", error_last());
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_move_to(cr, x + 8, y + cell_h + 2);
		pango_layout_set_text(layout, figure_set_id(set, i), -1);
		pango_cairo_show_layout(cr, layout);
	}
	strbuf_addf(&path, "%s/contact.png", dir);
	if (cairo_surface_write_to_png(surface, path.buf) != CAIRO_STATUS_SUCCESS)
		ret = error("cannot write '%s'", path.buf);
	strbuf_release(&path);
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	return ret;
}

int main(int argc, char **argv)
{
	struct figure_set *set = NULL;
	struct figure_style style[3];
	static const char *const suffix[] = {"", "-dark", "-print"};
	const char *json = NULL, *dump = NULL, *dir = NULL;
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i + 1 < argc)
			json = argv[++i];
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump = argv[++i];
		else if (argv[i][0] == '-' || dir)
			return usage();
		else
			dir = argv[i];
	}
	if (!dump && !dir)
		return usage();
	if (json) {
		if (strbuf_read_file(&sb, json, 1 << 20)) {
			error("cannot read '%s': %s", json, strerror(errno));
			return 1;
		}
		ret = figure_set_load(&set, sb.buf, sb.len);
	} else {
		ret = figure_set_load_default(&set);
	}
	strbuf_release(&sb);
	if (ret) {
		error("%s", error_last());
		return 1;
	}
	if (dump) {
		ret = figures_dump(set, dump);
		figure_set_free(set);
		return ret ? 1 : 0;
	}
	if (mkdir(dir, 0777) && errno != EEXIST) {
		error("cannot create '%s': %s", dir, strerror(errno));
		figure_set_free(set);
		return 1;
	}
	figure_style_init(&style[0], FIGURE_THEME_LIGHT);
	figure_style_init(&style[1], FIGURE_THEME_DARK);
	figure_style_init(&style[2], FIGURE_THEME_PRINT);
	for (size_t i = 0; i < figure_set_count(set); i++) {
		const char *id = figure_set_id(set, i);
		struct strbuf path = STRBUF_INIT;

		for (int k = 0; k < 3; k++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s%s.png", dir, id, suffix[k]);
			if (figure_write(set, id, path.buf, 640, 300, &style[k]))
				ret = error("%s", error_last());
		}
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.svg", dir, id);
		if (figure_write(set, id, path.buf, 640, 300, NULL))
			ret = error("%s", error_last());
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.pdf", dir, id);
		if (figure_write(set, id, path.buf, 340, 160, NULL))
			ret = error("%s", error_last());
		strbuf_release(&path);
	}
	if (figures_contact(set, dir))
		ret = -1;
	figure_set_free(set);
	return ret ? 1 : 0;
}
