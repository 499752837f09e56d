/* A client's HTTP request: JSON posted to a server (a clinic's, for hipcoach link and sync),
 * through libcurl loaded on first use. */
#ifndef HIPCOACH_HTTP_H
#define HIPCOACH_HTTP_H

#include "strbuf.h"

/* How long a request may take: to connect, and in all (a sync of years of records included). */
#define HTTP_CONNECT_TIMEOUT_S 15
#define HTTP_TIMEOUT_S	       300
/* The most of an answer kept: a sync's answer is the program and a few rows. */
#define HTTP_ANSWER_MAX (16u << 20)

/*
 * POSTs `body` (JSON) to `url`, with "Authorization: Bearer TOKEN" when
 * `token` is not NULL, and no redirect followed; an https:// server's
 * certificate is checked. *status gets the HTTP status and `out` the
 * answer. 0, or -1 with error_last() saying why there was no answer
 * (libcurl missing, the server out of reach, a bad certificate, a timeout).
 */
int http_post_json(const char *url, const char *token, const char *body, long *status,
		   struct strbuf *out);

#endif
