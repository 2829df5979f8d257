#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CAPACITY 256

void strbuf_put(struct strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (n > b->max - b->n) {
        n = b->max - b->n;
        b->truncated = 1;
    }
    if (b->p != NULL && n == 0)
        return;
    if (b->p == NULL || b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : FIRST_CAPACITY;
        char *t;

        while (cap < b->n + n + 1)
            cap = cap > (b->max + 1) / 2 ? b->max + 1 : cap * 2;   /* max bounds it */
        t = realloc(b->p, cap);
        if (t == NULL) {
            b->failed = 1;
            return;
        }
        b->p = t;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

char *strbuf_take(struct strbuf *b)
{
    char *p;

    if (b->failed) {
        strbuf_free(b);
        return NULL;
    }
    p = b->p != NULL ? b->p : strdup("");
    b->p = NULL;
    b->n = b->cap = 0;
    return p;
}

void strbuf_free(struct strbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}
