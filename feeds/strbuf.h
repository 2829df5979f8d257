/* A growable, NUL-terminated string with a cap (the shape of curl's dynbuf):
 * what the feed readers append text into. */
#ifndef HS_STRBUF_H
#define HS_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *p;             /* NUL-terminated once anything was put; NULL before */
    size_t n, cap;
    size_t max;          /* bytes kept at most, without the NUL */
    int truncated;       /* something was dropped at max */
    int failed;          /* memory ran out: p is no longer extended */
};

#define STRBUF_INIT(max_bytes) {NULL, 0, 0, (max_bytes), 0, 0}

/* Appends s[0..n) to b, cut at b->max (then truncated is set; the cut may
 * fall inside a UTF-8 sequence, which utf8_clean repairs). */
void strbuf_put(struct strbuf *b, const char *s, size_t n);

/* Returns the string built (caller frees; "" when nothing was put) and
 * empties b, or NULL when memory ran out (b is then freed). */
char *strbuf_take(struct strbuf *b);

/* Frees what b holds. */
void strbuf_free(struct strbuf *b);

#endif
