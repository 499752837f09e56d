/* Passwords, tokens and invite codes of the clinic server (clinic-secret.h). */
#include "clinic-secret.h"

#include <errno.h>
#include <sodium.h>
#include <string.h>
#include <sys/random.h>

#include "lib/dlib.h"
#include "lib/error.h"

/* libsodium, loaded by `clinic serve` and `clinic add-therapist` only (lib/dlib.h). */
static struct {
	DLIB_FN(sodium_init);
	DLIB_FN(crypto_pwhash_str_alg);
	DLIB_FN(crypto_pwhash_str_verify);
} na;

static struct dlib na_lib = {.soname = "libsodium.so.23", .package = "libsodium23"};

static const struct dlib_sym na_syms[] = {
    DLIB_SYM(na, sodium_init),
    DLIB_SYM(na, crypto_pwhash_str_alg),
    DLIB_SYM(na, crypto_pwhash_str_verify),
    {0},
};

/* Crockford's base32: no I, L, O or U, so that what is read out loud is typed right. */
static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

_Static_assert(CLINIC_HASH_SIZE >= crypto_pwhash_STRBYTES, "hash string too small");

/*
 * A hash of no one's password, made once at start: a login for an unknown
 * email is checked against it, so that it takes as long as a wrong password.
 */
static char dummy_hash[CLINIC_HASH_SIZE];

int clinic_secret_init(void)
{
	if (dlib_open(&na_lib, na_syms))
		return -1;
	if (na.sodium_init() < 0)
		return error_set("cannot start libsodium");
	if (!dummy_hash[0] && na.crypto_pwhash_str_alg(dummy_hash, "no one's password", 17,
						       crypto_pwhash_OPSLIMIT_INTERACTIVE,
						       crypto_pwhash_MEMLIMIT_INTERACTIVE,
						       crypto_pwhash_ALG_ARGON2ID13))
		return error_set("cannot hash a password: out of memory");
	return 0;
}

int clinic_password_hash(const char *password, char out[CLINIC_HASH_SIZE])
{
	if (clinic_secret_init())
		return -1;
	/* Interactive limits (2 passes over 64 MiB): libsodium's choice for a login on a server. */
	if (na.crypto_pwhash_str_alg(
		out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
		return error_set("cannot hash a password: out of memory");
	return 0;
}

int clinic_password_check(const char *password, const char *hash)
{
	if (!hash || !*hash || clinic_secret_init())
		return 0;
	return na.crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void clinic_password_waste(const char *password)
{
	clinic_password_check(password, dummy_hash);
}

static int random_bytes(unsigned char *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(b + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return error_set("cannot get random bytes: %s", strerror(errno));
		}
		got += (size_t)r;
	}
	return 0;
}

int clinic_token(char out[CLINIC_TOKEN_HEX + 1])
{
	unsigned char b[CLINIC_TOKEN_HEX / 2];

	if (random_bytes(b, sizeof(b)))
		return -1;
	for (size_t i = 0; i < sizeof(b); i++) {
		out[2 * i] = "0123456789abcdef"[b[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[b[i] & 15];
	}
	out[CLINIC_TOKEN_HEX] = '\0';
	return 0;
}

int clinic_code(char out[CLINIC_CODE_SIZE])
{
	unsigned char b[CLINIC_CODE_CHARS];
	size_t o = 0;

	if (random_bytes(b, sizeof(b)))
		return -1;
	for (size_t i = 0; i < CLINIC_CODE_CHARS; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = code_alphabet[b[i] & 31]; /* 32 letters: each byte's low 5 bits, even */
	}
	out[o] = '\0';
	return 0;
}

int clinic_code_normal(const char *typed, char out[CLINIC_CODE_SIZE])
{
	size_t n = 0, o = 0;
	char c[CLINIC_CODE_CHARS];

	for (const char *p = typed; *p; p++) {
		char ch = *p;

		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (!strchr(code_alphabet, ch) || !ch || n == CLINIC_CODE_CHARS)
			return -1;
		c[n++] = ch;
	}
	if (n != CLINIC_CODE_CHARS)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = c[i];
	}
	out[o] = '\0';
	return 0;
}
