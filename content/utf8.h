/* Cleaning of untrusted text before it reaches the model or SDL_ttf. */
#ifndef HS_UTF8_H
#define HS_UTF8_H

#include <stddef.h>

/* Returns a newly allocated, NUL-terminated copy of buf[0..len) that is valid
 * UTF-8 (each maximal invalid subpart, overlong form, surrogate or code point
 * above U+10FFFF becomes one U+FFFD, as the WHATWG decoder does), free of C0/C1
 * control characters and DEL, with each run of white space (ASCII white space,
 * U+00A0 NO-BREAK SPACE, and the line breaks U+0085, U+2028, U+2029) collapsed
 * to one ASCII space and trimmed at both ends (U+202F NARROW NO-BREAK SPACE is
 * kept as is), and cut at a code point boundary so that it holds at most
 * max_bytes bytes before the NUL. buf may be NULL when len is 0. Returns NULL
 * only when memory runs out. Caller frees. */
char *utf8_clean(const char *buf, size_t len, size_t max_bytes);

/* utf8_clean for an optional, NUL-terminated field: sets *out to the cleaned
 * copy of s, or to NULL when s is NULL or nothing is left of it. Returns 0,
 * or -1 when memory runs out. Caller frees *out. */
int utf8_clean_opt(const char *s, size_t max_bytes, char **out);

/* Returns the number of bytes of the code point starting at s (1 to 4), or 0
 * when s[0..n) does not start with a valid UTF-8 sequence or n is 0. */
size_t utf8_seq_len(const char *s, size_t n);

/* Returns the offset of the start of the code point before offset pos in the
 * valid UTF-8 string s (0 when pos is 0). */
size_t utf8_prev(const char *s, size_t pos);

/* Returns 1 when s[0..n) is entirely valid UTF-8 (RFC 3629), else 0. */
int utf8_valid(const char *s, size_t n);

#endif
