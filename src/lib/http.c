/* JSON posted over HTTP with libcurl, loaded on first use (src/lib/http.h). */
#include "http.h"

/* curl_easy_setopt() and curl_easy_getinfo() are macros unless told not to be: here they are
 * pointers of the table below. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <string.h>

#include "dlib.h"
#include "error.h"

static struct {
	DLIB_FN(curl_global_init);
	DLIB_FN(curl_easy_init);
	DLIB_FN(curl_easy_setopt);
	DLIB_FN(curl_easy_perform);
	DLIB_FN(curl_easy_getinfo);
	DLIB_FN(curl_easy_cleanup);
	DLIB_FN(curl_easy_strerror);
	DLIB_FN(curl_slist_append);
	DLIB_FN(curl_slist_free_all);
} cu;

static struct dlib cu_lib = {.soname = "libcurl.so.4", .package = "libcurl4"};
static const struct dlib_sym cu_syms[] = {
    DLIB_SYM(cu, curl_global_init),   DLIB_SYM(cu, curl_easy_init),
    DLIB_SYM(cu, curl_easy_setopt),   DLIB_SYM(cu, curl_easy_perform),
    DLIB_SYM(cu, curl_easy_getinfo),  DLIB_SYM(cu, curl_easy_cleanup),
    DLIB_SYM(cu, curl_easy_strerror), DLIB_SYM(cu, curl_slist_append),
    DLIB_SYM(cu, curl_slist_free_all), {0},
};

/* The answer's bytes, kept up to HTTP_ANSWER_MAX; more ends the transfer. */
static size_t keep(char *data, size_t size, size_t n, void *arg)
{
	struct strbuf *out = arg;
	size_t len = size * n;

	if (out->len + len > HTTP_ANSWER_MAX)
		return 0;
	strbuf_add(out, data, len);
	return len;
}

int http_post_json(const char *url, const char *token, const char *body, long *status,
		   struct strbuf *out)
{
	static int ready;
	struct curl_slist *headers = NULL;
	struct strbuf auth = STRBUF_INIT;
	CURL *h;
	CURLcode rc;

	if (dlib_open(&cu_lib, cu_syms))
		return -1;
	if (!ready && cu.curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return error_set("cannot start libcurl");
	ready = 1;
	h = cu.curl_easy_init();
	if (!h)
		return error_set("cannot start libcurl");
	headers = cu.curl_slist_append(headers, "Content-Type: application/json");
	headers = cu.curl_slist_append(headers, "Accept: application/json");
	if (token) {
		strbuf_addf(&auth, "Authorization: Bearer %s", token);
		headers = cu.curl_slist_append(headers, auth.buf);
	}
	cu.curl_easy_setopt(h, CURLOPT_URL, url);
	cu.curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	cu.curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	cu.curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	cu.curl_easy_setopt(h, CURLOPT_USERAGENT, "hipcoach");
	cu.curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)HTTP_CONNECT_TIMEOUT_S);
	cu.curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)HTTP_TIMEOUT_S);
	cu.curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	cu.curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep);
	cu.curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	rc = cu.curl_easy_perform(h);
	if (rc == CURLE_OK)
		cu.curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	else
		error_set("cannot reach %s: %s", url,
			  rc == CURLE_WRITE_ERROR ? "its answer is too large"
						  : cu.curl_easy_strerror(rc));
	cu.curl_easy_cleanup(h);
	cu.curl_slist_free_all(headers);
	strbuf_release(&auth);
	return rc == CURLE_OK ? 0 : -1;
}
