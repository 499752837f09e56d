/* The clinic server's secrets: passwords hashed with Argon2id (libsodium, loaded on first use),
 * random tokens for cookies and links, and invite codes a patient can type. */
#ifndef HIPCOACH_CLINIC_SECRET_H
#define HIPCOACH_CLINIC_SECRET_H

#include <stddef.h>

/* A token (a session cookie, a set-password link): 256 bits as 64 hex digits. */
#define CLINIC_TOKEN_HEX 64
/*
 * An invite code: 12 characters of Crockford's base32 (60 bits) shown as
 * XXXX-XXXX-XXXX, easy to read out and type on a phone; guesses are
 * rate-limited by address like logins.
 */
#define CLINIC_CODE_CHARS 12
#define CLINIC_CODE_SIZE  (CLINIC_CODE_CHARS + 3) /* with its two dashes and the NUL */

/* Passwords: at least this many bytes (NIST SP 800-63B asks for 8 at least), at most 256. */
#define CLINIC_PASSWORD_MIN 10
#define CLINIC_PASSWORD_MAX 256
/* The size of a hash string (libsodium's crypto_pwhash_STRBYTES). */
#define CLINIC_HASH_SIZE 128

/*
 * Loads libsodium and makes the hash clinic_password_waste() checks
 * against (once, before the server's threads start; the single-user
 * program never does). 0, or -1 after error_set() naming the package to
 * install.
 */
int clinic_secret_init(void);
/* `password`'s Argon2id string (crypto_pwhash_str, interactive limits) into `out`. 0 or -1. */
int clinic_password_hash(const char *password, char out[CLINIC_HASH_SIZE]);
/* 1 when `password` matches `hash`, else 0 (also for an empty or damaged hash). */
int clinic_password_check(const char *password, const char *hash);
/* A dummy check that takes as long as a real one: a login for an unknown email is not quicker. */
void clinic_password_waste(const char *password);
/* A new random token, CLINIC_TOKEN_HEX hex digits. 0 or -1. */
int clinic_token(char out[CLINIC_TOKEN_HEX + 1]);
/* A new random invite code, "XXXX-XXXX-XXXX". 0 or -1. */
int clinic_code(char out[CLINIC_CODE_SIZE]);
/*
 * An invite code as typed (any case, with or without dashes and spaces, O
 * for 0, I or L for 1) in its stored form into `out`: 0, or -1 when it
 * cannot be a code.
 */
int clinic_code_normal(const char *typed, char out[CLINIC_CODE_SIZE]);

#endif
