/* Cleaning of untrusted text: partners' feeds arrive in any shape, and
 * SDL_ttf must only ever see valid, printable UTF-8 (RFC 3629). */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHAR 0xFFFDu

/* Decodes the code point at s[0..n), n > 0, following the well-formed byte
 * sequences of RFC 3629 section 4 (no overlongs, no surrogates, nothing above
 * U+10FFFF). Returns its length and sets *cp; or returns 0 and sets *bad to
 * the length of the maximal invalid subpart, the unit that the Unicode
 * Standard (chapter 3, "U+FFFD Substitution of Maximal Subparts") and the
 * WHATWG decoder replace with one U+FFFD. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad)
{
    unsigned char lo = 0x80, hi = 0xBF;
    uint32_t c;
    size_t need, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xC2) {          /* continuation byte, or C0/C1: overlong lead */
        *bad = 1;
        return 0;
    }
    if (s[0] < 0xE0) {
        need = 1;
        c = s[0] & 0x1Fu;
    } else if (s[0] < 0xF0) {
        need = 2;
        c = s[0] & 0x0Fu;
        if (s[0] == 0xE0)
            lo = 0xA0;          /* overlong below U+0800 */
        else if (s[0] == 0xED)
            hi = 0x9F;          /* U+D800..U+DFFF are surrogates */
    } else if (s[0] < 0xF5) {
        need = 3;
        c = s[0] & 0x07u;
        if (s[0] == 0xF0)
            lo = 0x90;          /* overlong below U+10000 */
        else if (s[0] == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    for (i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *bad = i;
            return 0;
        }
        c = (c << 6) | (s[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return need + 1;
}

static size_t encode(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* White space that collapses into one ASCII space: ASCII white space, U+00A0,
 * and the line breaks NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (a line
 * break becomes a space; the layout wraps lines itself). U+202F NARROW
 * NO-BREAK SPACE is kept: French typography puts it before ":" and inside
 * guillemets, and it must not become a break opportunity. */
static int is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029;
}

/* C0 controls, DEL and C1 controls: nothing a font should be asked to draw. */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

char *utf8_clean(const char *buf, size_t len, size_t max_bytes)
{
    const unsigned char *in = (const unsigned char *)buf;
    unsigned char enc[4];
    size_t cap, pos = 0, out_len = 0, k, bad = 0;
    int pending_space = 0;
    char *out;
    uint32_t cp;

    if (buf == NULL)
        len = 0;
    /* Each invalid byte may become the 3 bytes of U+FFFD; nothing else grows. */
    cap = max_bytes;
    if (len <= (SIZE_MAX - 1) / 3 && len * 3 < cap)
        cap = len * 3;
    if (cap > SIZE_MAX - 1)
        cap = SIZE_MAX - 1;
    out = malloc(cap + 1);
    if (out == NULL)
        return NULL;

    while (pos < len) {
        k = decode(in + pos, len - pos, &cp, &bad);
        if (k == 0) {
            cp = REPLACEMENT_CHAR;
            k = bad;
        }
        pos += k;
        if (is_space(cp)) {
            /* Only between two printed code points: trims both ends. */
            pending_space = out_len > 0;
            continue;
        }
        if (is_control(cp))
            continue;
        k = encode(cp, enc);
        if (out_len + (size_t)pending_space + k > cap)
            break;
        if (pending_space)
            out[out_len++] = ' ';
        pending_space = 0;
        for (size_t i = 0; i < k; i++)
            out[out_len++] = (char)enc[i];
    }
    out[out_len] = '\0';
    return out;
}

size_t utf8_seq_len(const char *s, size_t n)
{
    uint32_t cp;
    size_t bad;

    if (s == NULL || n == 0)
        return 0;
    return decode((const unsigned char *)s, n, &cp, &bad);
}

size_t utf8_prev(const char *s, size_t pos)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i, steps = 0;

    if (pos == 0)
        return 0;
    i = pos - 1;
    /* A code point has at most 3 continuation bytes (RFC 3629 section 3). */
    while (i > 0 && steps < 3 && (u[i] & 0xC0) == 0x80) {
        i--;
        steps++;
    }
    return i;
}

int utf8_valid(const char *s, size_t n)
{
    size_t pos = 0, k;

    while (pos < n) {
        k = utf8_seq_len(s + pos, n - pos);
        if (k == 0)
            return 0;
        pos += k;
    }
    return 1;
}

int utf8_clean_opt(const char *s, size_t max_bytes, char **out)
{
    char *t;

    *out = NULL;
    if (s == NULL)
        return 0;
    t = utf8_clean(s, strlen(s), max_bytes);
    if (t == NULL)
        return -1;
    if (t[0] == '\0')
        free(t);
    else
        *out = t;
    return 0;
}
