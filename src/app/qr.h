/* QR codes of links (libqrencode, loaded on first use): printed in a terminal by `hipcoach ui`,
 * drawn as SVG for a clinic's invite. */
#ifndef HIPCOACH_QR_H
#define HIPCOACH_QR_H

#include "lib/strbuf.h"

/* A code's modules: width x width, row by row, 1 dark. */
struct qr {
	int width;
	unsigned char *dark; /* malloc'd */
};

/* Loads libqrencode now (before a server's threads start, lib/dlib.h). 0 or -1. */
int qr_init(void);
/* Encodes `text` (error correction L): 0 with *out (qr_release() it), or -1 after error_set(). */
int qr_encode(const char *text, struct qr *out);
void qr_release(struct qr *q);
/* 1 when the module at (x, y) is dark; 0 outside the code (the quiet zone is light). */
int qr_dark(const struct qr *q, int x, int y);
/* `text`'s code as an SVG document (black on white, 4 modules of quiet zone) appended to `out`. */
int qr_svg(const char *text, struct strbuf *out);

#endif
