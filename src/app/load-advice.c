/* Printing advice items as a wrapped list with their sources, for load, log run and import. */
#include "load-advice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/runs.h"

#define SRC_FRANDSEN "Frandsen et al., BJSM 2025, Garmin-RUNSAFE"
#define SRC_NIELSEN  "Nielsen et al., JOSPT 2014"

/* Prints `text` wrapped at `width` columns after `first`; later lines start with `indent`. */
static void print_wrapped(const char *first, const char *indent, const char *text, int width)
{
	int col = display_width(first), fresh = 1;

	fputs(first, stdout);
	for (;;) {
		size_t len;

		while (*text == ' ')
			text++;
		if (!*text)
			break;
		len = strcspn(text, " ");
		if (!fresh && col + 1 + (int)len > width) {
			printf("\n%s", indent);
			col = display_width(indent);
			fresh = 1;
		}
		if (!fresh) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)len, text);
		col += (int)len;
		fresh = 0;
		text += len;
	}
	putchar('\n');
}

void load_print_advice(const struct app *app, const struct advice_list *l)
{
	int width = term_width() < 80 ? term_width() : 80;

	for (size_t i = 0; i < l->n; i++) {
		print_wrapped("  • ", "    ", l->items[i].message, width - 1);
		printf("    %s(%s)%s\n", sty_dim(app), l->items[i].source, sty_reset(app));
	}
}
