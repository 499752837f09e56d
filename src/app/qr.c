/* QR codes of links through libqrencode, loaded when a code is first made (lib/dlib.h). */
#include "qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dlib.h"
#include "lib/error.h"
#include "lib/xalloc.h"

static struct {
	DLIB_FN(QRcode_encodeString);
	DLIB_FN(QRcode_free);
} qr_fn;

static struct dlib qr_lib = {.soname = "libqrencode.so.4", .package = "libqrencode4"};

static const struct dlib_sym qr_syms[] = {
    DLIB_SYM(qr_fn, QRcode_encodeString),
    DLIB_SYM(qr_fn, QRcode_free),
    {0},
};

int qr_init(void)
{
	return dlib_open(&qr_lib, qr_syms);
}

int qr_encode(const char *text, struct qr *out)
{
	QRcode *code;

	memset(out, 0, sizeof(*out));
	if (dlib_open(&qr_lib, qr_syms))
		return -1;
	code = qr_fn.QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (!code)
		return error_set("cannot make a QR code of a text of %zu bytes", strlen(text));
	out->width = code->width;
	out->dark = xmalloc((size_t)code->width * (size_t)code->width);
	for (int i = 0; i < code->width * code->width; i++)
		out->dark[i] = code->data[i] & 1;
	qr_fn.QRcode_free(code);
	return 0;
}

void qr_release(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof(*q));
}

int qr_dark(const struct qr *q, int x, int y)
{
	return x >= 0 && y >= 0 && x < q->width && y < q->width && q->dark[y * q->width + x];
}

int qr_svg(const char *text, struct strbuf *out)
{
	const int quiet = 4; /* the quiet zone the QR standard asks for (ISO/IEC 18004) */
	struct qr q;
	int n;

	if (qr_encode(text, &q))
		return -1;
	n = q.width + 2 * quiet;
	strbuf_addf(out,
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		    "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" "
		    "fill=\"#fff\"/><path fill=\"#000\" d=\"",
		    n, n, n, n);
	for (int y = 0; y < q.width; y++)
		for (int x = 0; x < q.width; x++)
			if (qr_dark(&q, x, y))
				strbuf_addf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	strbuf_addstr(out, "\"/></svg>");
	qr_release(&q);
	return 0;
}
