/* Tests of the handout writer: page sizes, pages added as cards overflow, and a failed write that leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/figure.h"
#include "formats/handout.h"
#include "lib/error.h"
#include "lib/strbuf.h"

static char *const steps[] = {
	"Stand tall on one leg, knee slightly bent, chest up.",
	"Tap the floor in front of you with your other foot, then bring it back.",
	"Tap out to the side, then bring it back.",
	"Count each round of three taps as one rep.",
};
static char *const see_pt[] = { "Your pain reaches 8 out of 10 or more, at any time." };
static char *const experts[] = { "A physical therapist" };

static void fill(struct handout *h, struct handout_section *s, struct handout_item *items,
		 size_t n, const struct figure_set *figures)
{
	for (size_t i = 0; i < n; i++)
		items[i] = (struct handout_item){
			.name = "Single-leg toe tap",
			.figure_id = "single-leg-toe-tap",
			.steps = steps,
			.nsteps = 4,
			.dose = "2 sets × 12–15 each side",
			.dose_extra = "rest 45 s",
		};
	*s = (struct handout_section){ .title = "Strength", .when = "Twice a week", .items = items,
				       .nitems = n };
	memset(h, 0, sizeof(*h));
	h->created = 1796716800;
	h->title = "Hip pain";
	h->level = "Beginner";
	h->start = day_from_civil(2026, 12, 8);
	h->today = h->start;
	h->sections = s;
	h->nsections = 1;
	h->figures = figures;
	h->weeks = 6;
	h->grid_from = h->start;
	h->first_week_number = 1;
	h->strength_weekdays = (1u << 1) | (1u << 4);
	h->see_pt = see_pt;
	h->nsee_pt = 1;
	h->source_title = "An article";
	h->source_publication = "A magazine";
	h->source_experts = experts;
	h->nsource_experts = 1;
}

static void temp_path(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/hipcoach-handout-test-%ld.pdf", (long)getpid());
}

static void test_handout_paper(void **state)
{
	double w, h;

	(void)state;
	handout_paper_size(HANDOUT_A4, &w, &h);
	assert_true(w > 595 && w < 596 && h > 841 && h < 842);
	handout_paper_size(HANDOUT_LETTER, &w, &h);
	assert_true(w == 612 && h == 792);
}

/* Two cards, the tick grid and the boxes on when to get help fit on one page; twenty cards need
 * more pages. */
static void test_handout_pages(void **state)
{
	struct figure_set *figures;
	struct handout_item items[20];
	struct handout_section s;
	struct handout h;
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	int small, large;

	(void)state;
	assert_int_equal(figure_set_load_default(&figures), 0);
	temp_path(path, sizeof(path));
	fill(&h, &s, items, 2, figures);
	assert_int_equal(handout_write(&h, path, &small), 0);
	assert_int_equal(small, 1);
	assert_int_equal(strbuf_read_file(&sb, path, 0), 0);
	assert_memory_equal(sb.buf, "%PDF-", 5);
	assert_non_null(memmem(sb.buf, sb.len, "/Count 1", 8));
	strbuf_release(&sb);

	fill(&h, &s, items, 20, figures);
	h.paper = HANDOUT_LETTER;
	assert_int_equal(handout_write(&h, path, &large), 0);
	assert_true(large >= 4);
	assert_int_equal(unlink(path), 0);
	figure_set_free(figures);
}

/*
 * A whole program as a beginner prints it: six strength cards and seven
 * stretches (an odd one, which spans the page), four short steps each, the
 * advice on pain, the tick grid and both boxes on getting help: with every
 * drawing at its largest, four pages; kept to three, the people lying down
 * are drawn smaller, on A4 and on Letter.
 */
static void test_handout_program_fits(void **state)
{
	static const char *const strength[] = {"single-leg-toe-tap", "single-leg-step-down",
					       "single-leg-glute-bridge", "clamshell", "deadlift",
					       "squat"};
	static const char *const stretch[] = {"half-kneeling-hip-flexor-stretch", "figure-4-stretch",
					      "knee-hug-stretch", "cat-cow", "quad-stretch",
					      "butterfly-stretch", "hamstring-stretch"};
	static char *const short_steps[] = {"Stand on one leg, knee soft, chest up.",
					    "Tap the other foot in front, to the side.",
					    "Come back to the middle each time.",
					    "Stay tall: three taps make one rep."};
	static const char *const tips[] = {
	    "During these moves, pain up to 5 out of 10 is acceptable. Above 5, stop the move that "
	    "hurts for today and use its easier version next time.",
	    "Pain after exercise should settle by the next morning.",
	    "Your pain should not rise from week to week."};
	static char *const pt[] = {
	    "Your hip is no better, or worse, after 2 weeks of doing the program and running less.",
	    "Your pain has dropped by less than 2 points out of 10 after 6 weeks.",
	    "Your pain reaches 8 out of 10 or more, at any time.",
	    "You have skipped the same exercise three times because it hurt.",
	    "You are unsure whether it is safe to keep running. Getting checked early can get you "
	    "back sooner."};
	static const char *const urgent[] = {
	    "You have a fever, feel unwell, or your hip is hot, red or swollen.",
	    "The pain started after a fall or another injury.",
	    "You suddenly cannot put weight on the leg, or it looks shorter or turned out.",
	    "The pain has suddenly become much worse.",
	    "You have had cancer and this is a new bone pain.",
	    "Numbness or weakness in your leg is getting worse.",
	    "The skin around your bottom, genitals or inner thighs is numb.",
	    "You have new trouble passing or holding urine or stool.",
	    "Both of your legs feel weak."};
	struct figure_set *figures;
	struct handout_item items[13];
	struct handout_section s[2];
	struct handout h;
	char path[64];
	int n;

	(void)state;
	assert_int_equal(figure_set_load_default(&figures), 0);
	temp_path(path, sizeof(path));
	fill(&h, &s[0], items, 13, figures);
	for (size_t i = 0; i < 13; i++) {
		items[i].figure_id = i < 6 ? strength[i] : stretch[i - 6];
		items[i].steps = short_steps;
		if (i >= 6) {
			items[i].dose = "hold 60 s each side";
			items[i].dose_extra = NULL;
		}
	}
	s[0].nitems = 6;
	s[0].tips_title = "How much pain is fine";
	s[0].tips = tips;
	s[0].ntips = 3;
	s[1] = (struct handout_section){.title = "Stretches", .when = "Every day",
					.items = items + 6, .nitems = 7};
	h.sections = s;
	h.nsections = 2;
	h.see_pt = pt;
	h.nsee_pt = 5;
	h.urgent_title = "Stop exercising and get care today if…";
	h.urgent = urgent;
	h.nurgent = 9;
	h.name = "Sam Taylor";
	h.paper = HANDOUT_A4;
	assert_int_equal(handout_write(&h, path, &n), 0);
	assert_int_equal(n, 4);
	h.max_pages = 3;
	assert_int_equal(handout_write(&h, path, &n), 0);
	assert_int_equal(n, 3);
	h.paper = HANDOUT_LETTER;
	assert_int_equal(handout_write(&h, path, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(unlink(path), 0);
	figure_set_free(figures);
}

/*
 * Cards of people standing, more than one page holds in the roomy layout:
 * kept to one page, the dense sheet (drawings beside their words, two to a
 * row) takes them. The count of cards is the
 * first that needs a second page roomy.
 */
static void test_handout_dense_sheet(void **state)
{
	struct figure_set *figures;
	struct handout_item items[12];
	struct handout_section s;
	struct handout h;
	char path[64];
	int roomy = 0, dense = 0;
	size_t n;

	(void)state;
	assert_int_equal(figure_set_load_default(&figures), 0);
	temp_path(path, sizeof(path));
	for (n = 2; n <= 12; n++) {
		fill(&h, &s, items, n, figures);
		assert_int_equal(handout_write(&h, path, &roomy), 0);
		if (roomy > 1)
			break;
	}
	assert_int_equal(roomy, 2);
	h.max_pages = 1;
	assert_int_equal(handout_write(&h, path, &dense), 0);
	assert_int_equal(dense, 1);
	assert_int_equal(unlink(path), 0);
	figure_set_free(figures);
}

/* Without a figure set the cards are drawn without drawings. */
static void test_handout_no_figures(void **state)
{
	struct handout_item items[3];
	struct handout_section s;
	struct handout h;
	char path[64];
	int n;

	(void)state;
	temp_path(path, sizeof(path));
	fill(&h, &s, items, 3, NULL);
	assert_int_equal(handout_write(&h, path, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(unlink(path), 0);
}

static void test_handout_cannot_write(void **state)
{
	struct handout_item items[1];
	struct handout_section s;
	struct handout h;
	const char *path = "/nonexistent-dir/handout.pdf";

	(void)state;
	fill(&h, &s, items, 1, NULL);
	assert_int_equal(handout_write(&h, path, NULL), -1);
	assert_string_equal(error_last(),
			    "cannot write '/nonexistent-dir/handout.pdf': No such file or directory");
	assert_int_equal(access("/nonexistent-dir/handout.pdf.tmp", F_OK), -1);
}

/* Pango and cairo keep their font caches for the process; free them so the leak check sees ours. */
static int teardown(void **state)
{
	(void)state;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	return 0;
}

/* Fontconfig's configuration lives until exit by design (only FcFini() frees it). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handout_paper),
		cmocka_unit_test(test_handout_pages),
		cmocka_unit_test(test_handout_program_fits),
		cmocka_unit_test(test_handout_dense_sheet),
		cmocka_unit_test(test_handout_no_figures),
		cmocka_unit_test(test_handout_cannot_write),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
