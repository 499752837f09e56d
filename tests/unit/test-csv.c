/* Tests of the RFC 4180 CSV reader: quoting, line endings, BOM and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "lib/error.h"
#include "lib/strbuf.h"

/* Joins every row as "f1|f2|...\n" so a whole parse compares as one string. */
static int join_row(const char **fields, size_t nr, unsigned long line, void *ctx)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%lu:", line);
	for (size_t i = 0; i < nr; i++)
		strbuf_addf(sb, "%s%s", i ? "|" : "", fields[i]);
	strbuf_addch(sb, '\n');
	return 0;
}

static void check(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(csv_parse(in, len, join_row, &sb), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

#define CHECK(in, want) check(in, sizeof(in) - 1, want)

static void test_plain(void **state)
{
	(void)state;
	CHECK("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	CHECK("a,b,c\r\n1,2,3", "1:a|b|c\n2:1|2|3\n"); /* CRLF, no final newline */
	CHECK("a\rb\r", "1:a\n2:b\n");		       /* old Mac line ends */
	CHECK("a,,\n,\n", "1:a||\n2:|\n");	       /* empty fields are fields */
	CHECK("\n\na\n\n", "3:a\n");		       /* empty lines are no rows */
	CHECK("", "");
}

static void test_quoted(void **state)
{
	(void)state;
	CHECK("\"a,b\",c\n", "1:a,b|c\n");
	CHECK("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n");
	/* A newline inside quotes belongs to the field; the next row starts on line 3. */
	CHECK("\"line1\nline2\",z\nnext\n", "1:line1\nline2|z\n3:next\n");
	CHECK("\"a\"\"\"\n", "1:a\"\n");
	CHECK("\"\"\n", "1:\n");	 /* a quoted empty field is a row */
	CHECK("\"a\"b,c\n", "1:ab|c\n"); /* text after the closing quote is kept */
	CHECK("\"Oct 6, 2022, 11:19:20 PM\",\"10,02\"\r\n", "1:Oct 6, 2022, 11:19:20 PM|10,02\n");
}

static void test_bom(void **state)
{
	(void)state;
	CHECK("\xEF\xBB\xBF"
	      "Activity ID,Name\n1,x\n",
	      "1:Activity ID|Name\n2:1|x\n");
}

static void test_errors(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *big;
	size_t n;

	(void)state;
	assert_int_equal(csv_parse("a\n\"open,\nb\n", 11, join_row, &sb), -1);
	assert_string_equal(error_last(), "line 2: unterminated quoted field");
	/* Too many fields in one row. */
	n = CSV_MAX_FIELDS + 10;
	big = malloc(n + 1);
	memset(big, ',', n);
	big[n] = '\0';
	strbuf_reset(&sb);
	assert_int_equal(csv_parse(big, n, join_row, &sb), -1);
	assert_string_equal(error_last(), "line 1: too many fields");
	free(big);
	/* A row longer than the cap. */
	n = CSV_MAX_ROW + 10;
	big = malloc(n);
	memset(big, 'x', n);
	assert_int_equal(csv_parse(big, n, join_row, &sb), -1);
	assert_string_equal(error_last(), "line 1: row too long");
	free(big);
	strbuf_release(&sb);
}

static int stop_at_two(const char **fields, size_t nr, unsigned long line, void *ctx)
{
	(void)fields, (void)nr, (void)ctx;
	return line == 2 ? 7 : 0;
}

static void test_iterator_and_stop(void **state)
{
	const char doc[] = "h1,h2\nv1,\"v,2\"\n";
	struct csv_reader r;

	(void)state;
	assert_int_equal(csv_parse("a\nb\nc\n", 6, stop_at_two, NULL), 7);
	csv_reader_init(&r, doc, sizeof(doc) - 1);
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.nr, 2);
	assert_string_equal(r.fields[1], "h2");
	assert_int_equal(csv_next(&r), 1);
	assert_string_equal(r.fields[1], "v,2");
	assert_int_equal(r.line, 2);
	assert_int_equal(csv_next(&r), 0);
	assert_int_equal(csv_next(&r), 0);
	csv_reader_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_quoted),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_iterator_and_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
