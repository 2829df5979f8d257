/* The configuration parser. libinih 55 splits "key = value" lines, but its
 * handler gets no line number, so cfg_parse feeds it through its own reader
 * (fgets's contract, over the in-memory buffer) that counts lines, reads the
 * section headers itself and checks each line before inih sees it. Every
 * value is validated in full; the first error (lowest line) is reported on
 * one line: "FILE:LINE: what is wrong; expected what (hint: what to do)". */
#include "cfg.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "../content/editdist.h"

/* limits.h states the cap; inih's stack buffer is what enforces it. */
_Static_assert(HS_MAX_CONFIG_LINE == INI_MAX_LINE - 1, "config line cap disagrees with inih");

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define DEFAULT_NAME "Maison de quartier des Tilleuls"
#define DEFAULT_PAGE_SECONDS 20
#define MIN_PAGE_SECONDS 3
#define MAX_PAGE_SECONDS 600
#define DEFAULT_REFRESH_S 900
#define MIN_REFRESH_S 60
#define MAX_REFRESH_S 86400
#define MIN_TEXT_SCALE 0.5
#define MAX_TEXT_SCALE 3.0
#define SHOW_BYTES 64 /* room for a value quoted in a message */

static const char *const kind_names[] = {"semainier", "agenda", "notices", "ticker", "urgent"};
static const char *const theme_names[] = {"default", "dark", "high-contrast"};
static const char *const orient_names[] = {"auto", "landscape", "portrait"};
static const char *const render_names[] = {"auto", "gpu", "software"};
static const char *const page_names[] = {"semainier", "agenda", "now", "notices"};

enum screen_key {
    SK_NAME, SK_TIMEZONE, SK_ORIENTATION, SK_THEME, SK_TEXT_SCALE, SK_RENDERER, SK_DEMO,
    SK_PAGES, SK_STATE_DIR, SK_MONDAY, SK_TUESDAY, SK_WEDNESDAY, SK_THURSDAY, SK_FRIDAY, SK_SATURDAY,
    SK_SUNDAY, SK_COUNT
};
static const char *const screen_keys[SK_COUNT] = {
    "name", "timezone", "orientation", "theme", "text_scale", "renderer", "demo", "pages",
    "state_dir", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

enum source_key { SRC_URL, SRC_KIND, SRC_PARTNER, SRC_COLOUR, SRC_REFRESH, SRC_COUNT };
static const char *const source_keys[SRC_COUNT] = {"url", "kind", "partner", "colour",
                                                   "refresh"};

/* Names people write instead of ours: suggested whatever their distance. */
static const char *const aliases[][2] = {
    {"color", "colour"},     {"lundi", "monday"},  {"mardi", "tuesday"},
    {"mercredi", "wednesday"}, {"jeudi", "thursday"}, {"vendredi", "friday"},
    {"samedi", "saturday"},  {"dimanche", "sunday"},
};

enum section { SEC_NONE, SEC_SCREEN, SEC_SOURCE };

struct pstate {
    const char *buf;
    size_t len, pos;
    int lineno;                  /* line last handed to inih */
    char fname[512];             /* file name for messages, control bytes replaced */
    char *err;
    size_t errlen;
    int failed;                  /* an error is recorded: the reader stops */
    struct cfg *c;
    size_t cap;                  /* capacity of c->sources */
    enum section sec;
    size_t src;                  /* index of the open [source] when sec is SEC_SOURCE */
    int screen_line[SK_COUNT];   /* line where each [screen] key was set, or 0 */
    int source_line[SRC_COUNT];  /* the same for the open [source] */
};

/* ASCII classes by hand: <ctype.h> follows the locale the player may set. */
static int is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static int is_alpha(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static int is_blank(int ch) { return ch == ' ' || ch == '\t'; }
static int to_lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch; }

static int is_hex(int ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static int hex_value(int ch)
{
    if (is_digit(ch))
        return ch - '0';
    return to_lower(ch) - 'a' + 10;
}

static int ascii_casecmp(const char *a, const char *b)
{
    while (*a && to_lower((unsigned char)*a) == to_lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return to_lower((unsigned char)*a) - to_lower((unsigned char)*b);
}

static int starts_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (to_lower((unsigned char)*s) != *prefix)
            return 0;
    return 1;
}

/* Length of the UTF-8 sequence at s[0..n) (1 to 4), or 0 when it is not
 * valid: truncated, overlong, a surrogate or above U+10FFFF (RFC 3629 sec. 4). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        if (s[0] == 0xE0)
            lo = 0xA0;
        else if (s[0] == 0xED)
            hi = 0x9F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        if (s[0] == 0xF0)
            lo = 0x90;
        else if (s[0] == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* Copies s into buf for quoting in a message: invalid UTF-8 and control
 * characters become '?', and a long value is cut with "..." so that the
 * message stays one readable line. */
static const char *show(const char *s, char *buf, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, o = 0;
    while (i < len) {
        size_t k = utf8_len(u + i, len - i);
        if (o + (k ? k : 1) + 4 > n) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (k == 0 || u[i] < 0x20 || u[i] == 0x7F || (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0)) {
            buf[o++] = '?';
            i += k ? k : 1;
        } else {
            memcpy(buf + o, s + i, k);
            o += k;
            i += k;
        }
    }
    buf[o] = '\0';
    return buf;
}

static void fail(struct pstate *ps, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the error; only the first one counts, and the reader then stops,
 * so that the error reported is the one with the lowest line. */
static void fail(struct pstate *ps, int line, const char *fmt, ...)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    if (!ps->err || ps->errlen == 0)
        return;
    int k = line > 0 ? snprintf(ps->err, ps->errlen, "%s:%d: ", ps->fname, line)
                     : snprintf(ps->err, ps->errlen, "%s: ", ps->fname);
    if (k < 0) {
        ps->err[0] = '\0';
        return;
    }
    if ((size_t)k >= ps->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err + k, ps->errlen - (size_t)k, fmt, ap);
    va_end(ap);
}

static int lookup(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static int is_prefix(const char *p, const char *s)
{
    size_t n = strlen(p);
    return n >= 3 && strncmp(p, s, n) == 0;
}

/* Returns the known name closest to s (an alias, distance <= 2 or a prefix
 * either way), or NULL when none is close. */
static const char *suggest(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < COUNT(aliases); i++)
        if (ascii_casecmp(s, aliases[i][0]) == 0 && lookup(names, n, aliases[i][1]) >= 0)
            return aliases[i][1];
    const char *best = NULL;
    int best_d = 3;
    for (size_t i = 0; i < n; i++) {
        int d = editdist(s, names[i], 3);   /* beyond 2 is no useful hint */
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    if (best)
        return best;
    for (size_t i = 0; i < n; i++)
        if (is_prefix(s, names[i]) || is_prefix(names[i], s))
            return names[i];
    return NULL;
}

/* Parses the decimal digits s[0..n) (1 to 9 of them, nothing else) with
 * strtol. Returns 0, or -1 when s is not such a number. */
static int parse_digits(const char *s, size_t n, long *out)
{
    char tmp[16];
    if (n == 0 || n > 9)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!is_digit((unsigned char)s[i]))
            return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *end;
    errno = 0;
    long v = strtol(tmp, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = v;
    return 0;
}

/* strtod and printf in the "C" locale: the player may set a French locale,
 * whose decimal comma would break "text_scale = 1.5" and its printing. */
static double strtod_c(const char *s, char **end)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    double v = strtod(s, end);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return v;
}

/* Writes the shortest decimal that reads back as exactly v. */
static void format_scale(double v, char *buf, size_t n)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (c) {
        uselocale(old);
        freelocale(c);
    }
}

static void set_string(struct pstate *ps, char **dst, const char *v)
{
    char *dup = strdup(v);
    if (!dup) {
        fail(ps, 0, "out of memory");
        return;
    }
    free(*dst);
    *dst = dup;
}

/* Splits v at commas into trimmed entries of entries[]. Returns the number
 * of entries (max + 1 when there are more than max), or -1 when one does
 * not fit, which a line of at most INI_MAX_LINE bytes rules out. */
static int split_list(const char *v, char (*entries)[200], int max)
{
    int n = 0;
    const char *p = v;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && is_blank((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len > 0 && is_blank((unsigned char)p[len - 1]))
            len--;
        if (n == max)
            return max + 1;
        if (len >= 200)
            return -1;
        memcpy(entries[n], p, len);
        entries[n][len] = '\0';
        n++;
        if (!comma)
            return n;
        p = comma + 1;
    }
}

/* ---- [screen] values ---- */

/* An IANA zone name: letters, digits and "/_+-" only ('.' is refused, which
 * refuses ".." too), not absolute, so that it cannot leave the zone folder. */
static int tz_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 128 || s[0] == '/' || s[n - 1] == '/' || strstr(s, "..") ||
        strstr(s, "//"))
        return 0;
    for (size_t i = 0; i < n; i++) {
        int ch = (unsigned char)s[i];
        if (!is_alpha(ch) && !is_digit(ch) && !strchr("/_+-", ch))
            return 0;
    }
    return 1;
}

/* Whether $TZDIR/NAME (or /usr/share/zoneinfo/NAME) is a regular file that
 * starts with the "TZif" magic (RFC 8536 sec. 3.1): directories and the
 * folder's other files (leapseconds, zone.tab) are not zones. */
static int tz_exists(const char *name)
{
    const char *dir = getenv("TZDIR");
    char path[4096];
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    int k = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (k < 0 || (size_t)k >= sizeof path)
        return 0;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char magic[4];
    ssize_t got = read(fd, magic, sizeof magic);
    close(fd);
    return got == (ssize_t)sizeof magic && memcmp(magic, "TZif", 4) == 0;
}

static void parse_timezone(struct pstate *ps, const char *label, const char *v, const char *q)
{
    int line = ps->lineno;
    if (strcmp(v, "system") == 0) {
        free(ps->c->timezone);
        ps->c->timezone = NULL;
    } else if (!tz_name_ok(v)) {
        fail(ps, line, "%s: '%s' is not a time zone name; expected an IANA name such as "
             "Europe/Paris, or system", label, q);
    } else if (!tz_exists(v)) {
        fail(ps, line, "%s: '%s' is not a known time zone; expected an IANA name such as "
             "Europe/Paris, or system (hint: names are case-sensitive; install the tzdata "
             "package if Europe/Paris is missing too)", label, q);
    } else {
        set_string(ps, &ps->c->timezone, v);
    }
}

static void parse_text_scale(struct pstate *ps, const char *label, const char *v, const char *q)
{
    /* Digits with at most one '.', so strtod's other forms (sign, exponent,
     * hex, inf, nan, leading blanks) are refused before it runs. */
    int digits = 0, dots = 0, commas = 0, others = 0;
    for (const char *p = v; *p; p++) {
        if (is_digit((unsigned char)*p))
            digits++;
        else if (*p == '.')
            dots++;
        else if (*p == ',')
            commas++;
        else
            others++;
    }
    if (commas == 1 && dots == 0 && others == 0 && digits > 0) {
        fail(ps, ps->lineno, "%s: '%s' is not a number; expected a number from 0.5 to 3.0 "
             "(hint: write a dot, not a comma: 1.5)", label, q);
        return;
    }
    if (digits == 0 || dots > 1 || commas > 0 || others > 0 || strlen(v) > 32) {
        fail(ps, ps->lineno, "%s: '%s' is not a number; expected a number from 0.5 to 3.0 "
             "such as 1.25", label, q);
        return;
    }
    char *end;
    double d = strtod_c(v, &end);
    if (*end != '\0') {
        fail(ps, ps->lineno, "%s: '%s' is not a number; expected a number from 0.5 to 3.0",
             label, q);
        return;
    }
    if (!(d >= MIN_TEXT_SCALE && d <= MAX_TEXT_SCALE)) {
        fail(ps, ps->lineno, "%s: '%s' is out of range; expected a number from 0.5 to 3.0",
             label, q);
        return;
    }
    ps->c->text_scale = d;
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < COUNT(yes); i++) {
        if (ascii_casecmp(v, yes[i]) == 0)
            return 1;
        if (ascii_casecmp(v, no[i]) == 0)
            return 0;
    }
    return -1;
}

static void parse_pages(struct pstate *ps, const char *label, const char *v)
{
    char entries[HS_MAX_PAGES + 1][200];
    char q[SHOW_BYTES];
    int line = ps->lineno;
    int n = split_list(v, entries, HS_MAX_PAGES);
    if (n < 0) {
        fail(ps, line, "%s: the value is too long; expected PAGE[:SECONDS] entries", label);
        return;
    }
    if (n > HS_MAX_PAGES) {
        fail(ps, line, "%s: more than %d pages; expected at most %d entries", label,
             HS_MAX_PAGES, HS_MAX_PAGES);
        return;
    }
    struct cfg_page pages[HS_MAX_PAGES];
    for (int i = 0; i < n; i++) {
        char *e = entries[i];
        if (*e == '\0') {
            fail(ps, line, "%s: empty entry; expected PAGE[:SECONDS] separated by commas, "
                 "e.g. semainier:20, agenda:20", label);
            return;
        }
        long secs = DEFAULT_PAGE_SECONDS;
        char *colon = strchr(e, ':');
        if (colon) {
            char *s = colon + 1;
            size_t slen = strlen(s);
            while (is_blank((unsigned char)*s)) {
                s++;
                slen--;
            }
            if (parse_digits(s, slen, &secs) != 0 || secs < MIN_PAGE_SECONDS ||
                secs > MAX_PAGE_SECONDS) {
                fail(ps, line, "%s: '%s' has no valid duration; expected PAGE:SECONDS with "
                     "%d to %d seconds", label, show(e, q, sizeof q), MIN_PAGE_SECONDS,
                     MAX_PAGE_SECONDS);
                return;
            }
            while (colon > e && is_blank((unsigned char)colon[-1]))
                colon--;
            *colon = '\0';
        }
        int kind = lookup(page_names, COUNT(page_names), e);
        if (kind < 0) {
            const char *s = suggest(e, page_names, COUNT(page_names));
            fail(ps, line, "%s: '%s' is not a page; expected semainier, agenda, now or "
                 "notices%s%s%s", label, show(e, q, sizeof q), s ? " (hint: did you mean '" : "",
                 s ? s : "", s ? "'?)" : "");
            return;
        }
        for (int j = 0; j < i; j++) {
            if (pages[j].kind == (enum cfg_page_kind)kind) {
                fail(ps, line, "%s: '%s' is listed twice; expected each page at most once",
                     label, page_names[kind]);
                return;
            }
        }
        pages[i].kind = (enum cfg_page_kind)kind;
        pages[i].seconds = (int)secs;
    }
    memcpy(ps->c->pages, pages, (size_t)n * sizeof pages[0]);
    ps->c->npages = n;
}

/* Reads a time of day at *p: "9:00", "09:00", "9h", "9h30", "18h00", and
 * "24:00" as an end only. Returns minutes since midnight and advances *p, or
 * returns -1. */
static int parse_clock(const char **p, int is_end)
{
    const char *s = *p;
    size_t nd = 0;
    while (is_digit((unsigned char)s[nd]))
        nd++;
    long h, m = 0;
    if (nd < 1 || nd > 2 || parse_digits(s, nd, &h) != 0)
        return -1;
    s += nd;
    if (*s == ':' || *s == 'h' || *s == 'H') {
        int colon = *s == ':';
        s++;
        size_t nm = 0;
        while (is_digit((unsigned char)s[nm]))
            nm++;
        if (nm == 2) {
            if (parse_digits(s, 2, &m) != 0)
                return -1;
            s += 2;
        } else if (nm != 0 || colon) {
            return -1;
        }
    } else {
        return -1;
    }
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !is_end)))
        return -1;
    *p = s;
    return (int)(h * 60 + m);
}

static const char *skip_blanks(const char *s)
{
    while (is_blank((unsigned char)*s))
        s++;
    return s;
}

/* One "START-END" entry; '-' or an en dash between the times. */
static int parse_interval(const char *e, struct cfg_interval *iv)
{
    const char *p = e;
    int start = parse_clock(&p, 0);
    if (start < 0)
        return -1;
    p = skip_blanks(p);
    if (*p == '-')
        p++;
    else if (strncmp(p, "\xE2\x80\x93", 3) == 0)
        p += 3;
    else
        return -1;
    p = skip_blanks(p);
    int end = parse_clock(&p, 1);
    if (end < 0 || *p != '\0')
        return -1;
    iv->start_min = start;
    iv->end_min = end;
    return 0;
}

static int is_closed_word(const char *v)
{
    return ascii_casecmp(v, "closed") == 0 || ascii_casecmp(v, "ferme") == 0 ||
           strcmp(v, "ferm\xC3\xA9") == 0 || strcmp(v, "Ferm\xC3\xA9") == 0 ||
           strcmp(v, "FERM\xC3\x89") == 0;
}

static void parse_hours(struct pstate *ps, const char *label, const char *v, int day)
{
    char entries[HS_MAX_HOURS_PER_DAY + 1][200];
    char q[SHOW_BYTES];
    int line = ps->lineno;
    struct cfg_day_hours dh;
    memset(&dh, 0, sizeof dh);
    if (is_closed_word(v)) {
        ps->c->hours[day] = dh;
        return;
    }
    int n = split_list(v, entries, HS_MAX_HOURS_PER_DAY);
    if (n < 0) {
        fail(ps, line, "%s: the value is too long; expected START-END intervals", label);
        return;
    }
    if (n > HS_MAX_HOURS_PER_DAY) {
        fail(ps, line, "%s: more than %d opening intervals; expected at most %d", label,
             HS_MAX_HOURS_PER_DAY, HS_MAX_HOURS_PER_DAY);
        return;
    }
    for (int i = 0; i < n; i++) {
        struct cfg_interval iv;
        if (entries[i][0] == '\0' && n == 1) {
            fail(ps, line, "%s is empty; expected closed or opening hours such as "
                 "09:00-12:00, 14:00-18:00", label);
            return;
        }
        if (parse_interval(entries[i], &iv) != 0) {
            fail(ps, line, "%s: '%s' is not an opening interval; expected START-END such as "
                 "09:00-12:30 or 9h-12h30, or closed", label, show(entries[i], q, sizeof q));
            return;
        }
        if (iv.start_min >= iv.end_min) {
            fail(ps, line, "%s: '%s' does not end after it starts; expected START-END with "
                 "START earlier than END", label, show(entries[i], q, sizeof q));
            return;
        }
        if (i > 0 && iv.start_min < dh.iv[i - 1].end_min) {
            fail(ps, line, "%s: '%s' overlaps or comes before the interval it follows; "
                 "expected intervals in order from morning to evening, without overlap",
                 label, show(entries[i], q, sizeof q));
            return;
        }
        dh.iv[i] = iv;
    }
    dh.n = n;
    ps->c->hours[day] = dh;
}

static void screen_value(struct pstate *ps, int key, const char *v)
{
    struct cfg *c = ps->c;
    int line = ps->lineno;
    char label[32], q[SHOW_BYTES];
    snprintf(label, sizeof label, "[screen] %s", screen_keys[key]);
    show(v, q, sizeof q);
    int i;
    switch (key) {
    case SK_NAME:
        if (*v == '\0')
            fail(ps, line, "%s is empty; expected the place's name, e.g. name = Maison de "
                 "quartier des Tilleuls", label);
        else
            set_string(ps, &c->name, v);
        break;
    case SK_TIMEZONE:
        parse_timezone(ps, label, v, q);
        break;
    case SK_ORIENTATION:
        if ((i = lookup(orient_names, COUNT(orient_names), v)) < 0)
            fail(ps, line, "%s: '%s' is not an orientation; expected auto, landscape or "
                 "portrait", label, q);
        else
            c->orientation = (enum cfg_orientation)i;
        break;
    case SK_THEME:
        if ((i = lookup(theme_names, COUNT(theme_names), v)) < 0)
            fail(ps, line, "%s: '%s' is not a theme; expected default, dark or high-contrast",
                 label, q);
        else
            c->theme = (enum cfg_theme)i;
        break;
    case SK_TEXT_SCALE:
        parse_text_scale(ps, label, v, q);
        break;
    case SK_RENDERER:
        if ((i = lookup(render_names, COUNT(render_names), v)) < 0)
            fail(ps, line, "%s: '%s' is not a renderer; expected auto, gpu or software (hint: "
                 "software is the safe choice when the screen stays black)", label, q);
        else
            c->renderer = (enum cfg_renderer)i;
        break;
    case SK_DEMO:
        if ((i = parse_bool(v)) < 0)
            fail(ps, line, "%s: '%s' is not yes or no; expected yes or no", label, q);
        else
            c->demo = i;
        break;
    case SK_PAGES:
        parse_pages(ps, label, v);
        break;
    case SK_STATE_DIR:
        if (v[0] != '/' || strstr(v, "/../") != NULL || strlen(v) >= 4096)
            fail(ps, line, "%s: '%s' is not an absolute directory; expected a path such as "
                 "/var/cache/hallscreen (hint: leave it out for the default)", label, q);
        else
            set_string(ps, &c->state_dir, v);
        break;
    default:
        parse_hours(ps, label, v, key - SK_MONDAY);
        break;
    }
}

/* ---- [source NAME] values ---- */

static void parse_url(struct pstate *ps, const char *label, const char *v, const char *q)
{
    int line = ps->lineno;
    size_t n = strlen(v), slen = 0;
    if (n == 0) {
        fail(ps, line, "%s is empty; expected https://... or a file path", label);
        return;
    }
    /* A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986
     * sec. 3.1); anything else is a local path, kept as written. */
    if (is_alpha((unsigned char)v[0])) {
        slen = 1;
        while (is_alpha((unsigned char)v[slen]) || is_digit((unsigned char)v[slen]) ||
               (v[slen] && strchr("+-.", v[slen])))
            slen++;
        if (v[slen] != ':')
            slen = 0;
    }
    if (slen == 0) {
        if (n > 4 && starts_nocase(v, "www."))
            fail(ps, line, "%s: '%s' is neither a web address nor a file path; expected "
                 "https://... or a file path (hint: write https://%s)", label, q, q);
        else
            set_string(ps, &ps->c->sources[ps->src].url, v);
        return;
    }
    char scheme[16];
    if (slen >= sizeof scheme)
        slen = sizeof scheme - 1;
    for (size_t i = 0; i < slen; i++)
        scheme[i] = (char)to_lower((unsigned char)v[i]);
    scheme[slen] = '\0';
    if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) {
        const char *host = v + slen + 1;
        if (strncmp(host, "//", 2) != 0 || host[2] == '\0' || strchr("/?#:", host[2])) {
            fail(ps, line, "%s: '%s' has no host; expected %s://HOST/PATH", label, q, scheme);
            return;
        }
        for (const char *p = v; *p; p++) {
            if (is_blank((unsigned char)*p)) {
                fail(ps, line, "%s: '%s' contains a space; expected a web address without "
                     "spaces (hint: write a space as %%20)", label, q);
                return;
            }
        }
    } else if (strcmp(scheme, "file") == 0) {
        if (strncmp(v + slen + 1, "///", 3) != 0) {
            fail(ps, line, "%s: '%s' is not a local file address; expected file:///ABSOLUTE/"
                 "PATH (hint: or write the path alone)", label, q);
            return;
        }
    } else {
        fail(ps, line, "%s: '%s' uses the scheme '%s:', which hallscreen does not read; "
             "expected https://, http://, file:/// or a file path (hint: ask the partner for "
             "the https:// address of the feed)", label, q, scheme);
        return;
    }
    set_string(ps, &ps->c->sources[ps->src].url, v);
}

/* "900", "900s", "15m", "1h", "1h30m": units h, m, s in that order, each at
 * most once; a bare number is seconds. Returns seconds, or -1. */
static long parse_duration(const char *s)
{
    long long total = 0;
    int last_unit = 4, any_unit = 0;
    const char *p = s;
    while (*p) {
        size_t nd = 0;
        long n;
        while (is_digit((unsigned char)p[nd]))
            nd++;
        if (nd > 6 || parse_digits(p, nd, &n) != 0)
            return -1;
        p += nd;
        if (*p == '\0') {
            if (any_unit)
                return -1;
            return n;
        }
        int unit = *p == 'h' ? 3 : *p == 'm' ? 2 : *p == 's' ? 1 : 0;
        if (unit == 0 || unit >= last_unit)
            return -1;
        last_unit = unit;
        any_unit = 1;
        total += (long long)n * (unit == 3 ? 3600 : unit == 2 ? 60 : 1);
        p++;
    }
    if (!any_unit)
        return -1;
    return total > MAX_REFRESH_S ? MAX_REFRESH_S + 1 : (long)total;
}

static void parse_colour(struct pstate *ps, const char *label, const char *v, const char *q)
{
    struct cfg_source *src = &ps->c->sources[ps->src];
    if (strcmp(v, "auto") == 0) {
        src->colour = -1;
        return;
    }
    const char *h = v[0] == '#' ? v + 1 : v;
    size_t n = strlen(h);
    int hex = 1;
    for (size_t i = 0; i < n; i++)
        hex = hex && is_hex((unsigned char)h[i]);
    if (n != 6 || !hex) {
        fail(ps, ps->lineno, "%s: '%s' is not a colour; expected #RRGGBB in hexadecimal, "
             "e.g. #1a5fb4, or auto%s", label, q,
             hex && n == 3 ? " (hint: write all six digits: #aabbcc for #abc)" : "");
        return;
    }
    int32_t rgb = 0;
    for (size_t i = 0; i < 6; i++)
        rgb = rgb * 16 + hex_value((unsigned char)h[i]);
    src->colour = rgb;
}

static void source_value(struct pstate *ps, int key, const char *v)
{
    struct cfg_source *src = &ps->c->sources[ps->src];
    int line = ps->lineno;
    char label[HS_MAX_NAME_BYTES + 32], q[SHOW_BYTES];
    snprintf(label, sizeof label, "[source %s] %s", src->name, source_keys[key]);
    show(v, q, sizeof q);
    int i;
    long secs;
    switch (key) {
    case SRC_URL:
        parse_url(ps, label, v, q);
        break;
    case SRC_KIND:
        if ((i = lookup(kind_names, COUNT(kind_names), v)) < 0)
            fail(ps, line, "%s: '%s' is not a kind; expected semainier, agenda, notices, "
                 "ticker or urgent", label, q);
        else
            src->kind = (enum cfg_kind)i;
        break;
    case SRC_PARTNER:
        if (*v == '\0')
            fail(ps, line, "%s is empty; expected the partner's name as shown on screen, e.g. "
                 "partner = CAF", label);
        else
            set_string(ps, &src->partner, v);
        break;
    case SRC_COLOUR:
        parse_colour(ps, label, v, q);
        break;
    default:
        secs = parse_duration(v);
        if (secs < 0)
            fail(ps, line, "%s: '%s' is not a duration; expected seconds or a duration such "
                 "as 900, 900s, 15m or 1h30m", label, q);
        else if (secs < MIN_REFRESH_S || secs > MAX_REFRESH_S)
            fail(ps, line, "%s: '%s' is out of range; expected 1m to 24h (60 to 86400 "
                 "seconds)%s", label, q,
                 secs < MIN_REFRESH_S && !strpbrk(v, "hms") ? " (hint: a bare number is "
                 "seconds: write 15m for fifteen minutes)" : "");
        else
            src->refresh_s = (int)secs;
        break;
    }
}

/* ---- sections, lines and the inih handler ---- */

/* Checks the [source] that ends here: url and kind are required. */
static void close_section(struct pstate *ps)
{
    if (ps->sec != SEC_SOURCE)
        return;
    struct cfg_source *src = &ps->c->sources[ps->src];
    ps->sec = SEC_NONE;
    if (!src->url) {
        fail(ps, src->line, "[source %s] has no url; expected url = https://... or a file "
             "path", src->name);
    } else if (ps->source_line[SRC_KIND] == 0) {
        fail(ps, src->line, "[source %s] has no kind; expected kind = semainier, agenda, "
             "notices, ticker or urgent", src->name);
    } else if (!src->partner) {
        set_string(ps, &src->partner, src->name);
    }
}

static int source_name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= HS_MAX_NAME_BYTES)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int ch = (unsigned char)s[i];
        if (!is_alpha(ch) && !is_digit(ch) && !strchr("_.-", ch))
            return 0;
    }
    return 1;
}

static void open_source(struct pstate *ps, const char *name, size_t n)
{
    struct cfg *c = ps->c;
    int line = ps->lineno;
    char q[SHOW_BYTES], tmp[200];
    memcpy(tmp, name, n);
    tmp[n] = '\0';
    show(tmp, q, sizeof q);
    if (n == 0) {
        fail(ps, line, "[source] has no name; expected [source NAME], NAME made of letters, "
             "digits, '_', '.' or '-'");
        return;
    }
    if (!source_name_ok(name, n)) {
        fail(ps, line, "[source %s] has an invalid name; expected 1 to %d letters, digits, "
             "'_', '.' or '-' (hint: write [source caf_agenda], not [source CAF agenda])", q,
             HS_MAX_NAME_BYTES - 1);
        return;
    }
    for (size_t i = 0; i < c->nsources; i++) {
        if (strcmp(c->sources[i].name, tmp) == 0) {
            fail(ps, line, "[source %s] is defined twice (first at line %d); expected one "
                 "section per source (hint: rename one of them)", q, c->sources[i].line);
            return;
        }
    }
    if (c->nsources >= HS_MAX_SOURCES) {
        fail(ps, line, "too many [source] sections; expected at most %d", HS_MAX_SOURCES);
        return;
    }
    if (c->nsources == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 4;
        if (cap > HS_MAX_SOURCES)
            cap = HS_MAX_SOURCES;
        struct cfg_source *grown = realloc(c->sources, cap * sizeof *grown);
        if (!grown) {
            fail(ps, 0, "out of memory");
            return;
        }
        c->sources = grown;
        ps->cap = cap;
    }
    struct cfg_source *src = &c->sources[c->nsources];
    memset(src, 0, sizeof *src);
    memcpy(src->name, name, n);
    src->name[n] = '\0';
    src->kind = CFG_KIND_AGENDA;
    src->colour = -1;
    src->refresh_s = DEFAULT_REFRESH_S;
    src->line = line;
    ps->src = c->nsources++;
    ps->sec = SEC_SOURCE;
    memset(ps->source_line, 0, sizeof ps->source_line);
}

/* A "[...]" line, trimmed, of n bytes. inih never sees headers: it would
 * cut section names at 50 bytes and would not report empty sections. */
static void section_header(struct pstate *ps, const char *s, size_t n)
{
    int line = ps->lineno;
    const char *close = memchr(s, ']', n);
    if (!close) {
        fail(ps, line, "section header without ']'; expected [screen] or [source NAME]");
        return;
    }
    const char *after = close + 1;
    while (after < s + n && is_blank((unsigned char)*after))
        after++;
    if (after < s + n && *after != ';' && *after != '#') {
        fail(ps, line, "unexpected text after ']'; expected nothing or a comment after a "
             "section header");
        return;
    }
    close_section(ps);
    if (ps->failed)
        return;
    const char *in = s + 1;
    size_t len = (size_t)(close - in);
    while (len > 0 && is_blank((unsigned char)*in)) {
        in++;
        len--;
    }
    while (len > 0 && is_blank((unsigned char)in[len - 1]))
        len--;
    if (len == 6 && memcmp(in, "screen", 6) == 0) {
        ps->sec = SEC_SCREEN;
        return;
    }
    if (len >= 6 && memcmp(in, "source", 6) == 0 &&
        (len == 6 || is_blank((unsigned char)in[6]))) {
        const char *name = in + 6;
        size_t nlen = len - 6;
        while (nlen > 0 && is_blank((unsigned char)*name)) {
            name++;
            nlen--;
        }
        open_source(ps, name, nlen);
        return;
    }
    /* Unknown: suggest [screen], or [source REST] when the first word is
     * close to "source". */
    char inner[200], word[200], q[SHOW_BYTES], rest[SHOW_BYTES];
    memcpy(inner, in, len);
    inner[len] = '\0';
    size_t wl = 0;
    while (wl < len && !is_blank((unsigned char)in[wl]))
        wl++;
    memcpy(word, in, wl);
    word[wl] = '\0';
    static const char *const sections[] = {"screen", "source"};
    const char *s1 = suggest(word, sections, COUNT(sections));
    show(inner, q, sizeof q);
    if (s1 && wl < len && strcmp(s1, "source") == 0)
        fail(ps, line, "unknown section [%s]; expected [screen] or [source NAME] (hint: did "
             "you mean [source %s]?)", q, show(skip_blanks(inner + wl), rest, sizeof rest));
    else if (s1 && strcmp(s1, "source") == 0)
        fail(ps, line, "unknown section [%s]; expected [screen] or [source NAME] (hint: did "
             "you mean [source NAME]?)", q);
    else if (s1)
        fail(ps, line, "unknown section [%s]; expected [screen] or [source NAME] (hint: did "
             "you mean [screen]?)", q);
    else
        fail(ps, line, "unknown section [%s]; expected [screen] or [source NAME]", q);
}

/* Position of an inline comment: ';' after a blank, as inih reads it. */
static size_t comment_start(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (s[i] == ';' && is_blank((unsigned char)s[i - 1]))
            return i;
    return n;
}

/* inih's reader, with fgets's contract: copies the next line into str
 * (num bytes, NUL included) and returns str, or NULL at the end or once an
 * error is recorded. Lines reach inih trimmed, without comments or section
 * headers, so inih only splits "key = value" (and never sees an indented
 * line, which it would take for the continuation of the previous value). */
static char *cfg_reader(char *str, int num, void *stream)
{
    struct pstate *ps = stream;
    if (ps->failed || ps->pos >= ps->len || num < 2)
        return NULL;
    const char *s = ps->buf + ps->pos;
    size_t rest = ps->len - ps->pos;
    const char *nl = memchr(s, '\n', rest);
    size_t n = nl ? (size_t)(nl - s) : rest;
    ps->pos += nl ? n + 1 : n;
    ps->lineno++;
    int line = ps->lineno;
    str[0] = '\0';
    if (n > 0 && s[n - 1] == '\r')
        n--;
    if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    if (memchr(s, '\0', n)) {
        fail(ps, line, "NUL byte in this line; expected text (hint: save the file as UTF-8 "
             "text; UTF-16 is not read)");
        return str;
    }
    if (n > (size_t)num - 1) {
        fail(ps, line, "line too long (%zu bytes); a line holds at most %d bytes", n, num - 1);
        return str;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
            fail(ps, line, "control character 0x%02X in this line; expected text%s", ch,
                 ch == '\r' ? " (hint: end lines with LF or CR LF)" : "");
            return str;
        }
    }
    while (n > 0 && is_blank((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n == 0 || *s == ';' || *s == '#')
        return str;
    if (*s == '[') {
        while (n > 0 && is_blank((unsigned char)s[n - 1]))
            n--;
        section_header(ps, s, n);
        return str;
    }
    n = comment_start(s, n);
    while (n > 0 && is_blank((unsigned char)s[n - 1]))
        n--;
    size_t sep = 0;
    while (sep < n && s[sep] != '=' && s[sep] != ':')
        sep++;
    if (sep == n) {
        fail(ps, line, "cannot read this line; expected 'key = value', '[section]' or a "
             "comment starting with ; or #");
        return str;
    }
    if (sep == 0) {
        fail(ps, line, "no key before '%c'; expected 'key = value'", s[0]);
        return str;
    }
    memcpy(str, s, n);
    str[n] = '\0';
    return str;
}

static int value_text_ok(const char *v)
{
    const unsigned char *u = (const unsigned char *)v;
    size_t n = strlen(v);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len(u + i, n - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

static int has_control(const char *v)
{
    const unsigned char *u = (const unsigned char *)v;
    for (size_t i = 0; u[i]; i++)
        if (u[i] < 0x20 || u[i] == 0x7F || (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] < 0xA0))
            return 1;
    return 0;
}

static int cfg_handler(void *user, const char *section, const char *key, const char *v)
{
    struct pstate *ps = user;
    int line = ps->lineno;
    char q[SHOW_BYTES], label[HS_MAX_NAME_BYTES + 32];
    (void)section; /* empty: the reader keeps section headers from inih */
    if (ps->failed)
        return 0;
    show(key, q, sizeof q);
    if (ps->sec == SEC_NONE) {
        fail(ps, line, "key '%s' is outside any section; expected it under [screen] or "
             "[source NAME]", q);
        return 0;
    }
    const char *const *names = ps->sec == SEC_SCREEN ? screen_keys : source_keys;
    size_t nnames = ps->sec == SEC_SCREEN ? (size_t)SK_COUNT : (size_t)SRC_COUNT;
    int *lines = ps->sec == SEC_SCREEN ? ps->screen_line : ps->source_line;
    if (ps->sec == SEC_SCREEN)
        snprintf(label, sizeof label, "[screen]");
    else
        snprintf(label, sizeof label, "[source %s]", ps->c->sources[ps->src].name);
    int k = lookup(names, nnames, key);
    if (k < 0) {
        const char *s = suggest(key, names, nnames);
        const char *expected = ps->sec == SEC_SCREEN
            ? "name, timezone, orientation, theme, text_scale, renderer, demo, pages, "
              "state_dir or a weekday (monday to sunday)"
            : "url, kind, partner, colour or refresh";
        fail(ps, line, "unknown key '%s' in %s; expected %s%s%s%s", q, label, expected,
             s ? " (hint: did you mean '" : "", s ? s : "", s ? "'?)" : "");
        return 0;
    }
    if (lines[k] != 0) {
        fail(ps, line, "%s %s is set twice (first at line %d)", label, names[k], lines[k]);
        return 0;
    }
    lines[k] = line;
    size_t vlen = strlen(v);
    if (!value_text_ok(v)) {
        fail(ps, line, "%s %s: the value is not valid UTF-8; expected UTF-8 text (hint: save "
             "the file as UTF-8)", label, names[k]);
        return 0;
    }
    if (has_control(v)) {
        fail(ps, line, "%s %s: the value contains a tab or control character; expected plain "
             "text", label, names[k]);
        return 0;
    }
    if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
        fail(ps, line, "%s %s: the value is in quotes; expected it without quotes (hint: "
             "quotes would be kept as part of the value)", label, names[k]);
        return 0;
    }
    if (ps->sec == SEC_SCREEN)
        screen_value(ps, k, v);
    else
        source_value(ps, k, v);
    return !ps->failed;
}

/* ---- public functions ---- */

struct cfg *cfg_defaults(void)
{
    struct cfg *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = strdup(DEFAULT_NAME);
    if (!c->name) {
        free(c);
        return NULL;
    }
    c->orientation = CFG_ORIENT_AUTO;
    c->theme = CFG_THEME_DEFAULT;
    c->text_scale = 1.0;
    c->renderer = CFG_RENDER_AUTO;
    c->demo = 1;
    c->pages[0].kind = CFG_PAGE_SEMAINIER;
    c->pages[0].seconds = DEFAULT_PAGE_SECONDS;
    c->pages[1].kind = CFG_PAGE_AGENDA;
    c->pages[1].seconds = DEFAULT_PAGE_SECONDS;
    c->npages = 2;
    for (int d = 0; d < 5; d++) {
        c->hours[d].n = 1;
        c->hours[d].iv[0].start_min = 9 * 60;
        c->hours[d].iv[0].end_min = 18 * 60;
    }
    c->hours[5].n = 1;
    c->hours[5].iv[0].start_min = 9 * 60;
    c->hours[5].iv[0].end_min = 12 * 60;
    c->hours[6].n = 0;
    return c;
}

int cfg_parse(const char *buf, size_t len, const char *name, struct cfg **out, char *err,
              size_t errlen)
{
    struct pstate ps;
    struct cfg *c = NULL;
    int rc = -1;
    memset(&ps, 0, sizeof ps);
    ps.buf = buf;
    ps.len = buf ? len : 0;
    ps.err = err;
    ps.errlen = errlen;
    show(name ? name : "config", ps.fname, sizeof ps.fname);
    if (err && errlen > 0)
        err[0] = '\0';
    if (out)
        *out = NULL;
    if (!out)
        goto cleanup;
    if (len > HS_MAX_CONFIG_BYTES) {
        fail(&ps, 0, "file too large (%zu bytes); expected a config of at most %d bytes",
             len, HS_MAX_CONFIG_BYTES);
        goto cleanup;
    }
    c = cfg_defaults();
    if (!c || (name && !(c->path = strdup(name)))) {
        fail(&ps, 0, "out of memory");
        goto cleanup;
    }
    ps.c = c;
    int line = ini_parse_stream(cfg_reader, &ps, cfg_handler, &ps);
    if (!ps.failed && line > 0)
        fail(&ps, line, "cannot read this line; expected 'key = value', '[section]' or a "
             "comment starting with ; or #");
    else if (!ps.failed && line < 0)
        fail(&ps, 0, "out of memory");
    close_section(&ps);
    if (ps.failed)
        goto cleanup;
    /* Without any source there is nothing but the demo to show. */
    if (ps.screen_line[SK_DEMO] == 0)
        c->demo = c->nsources == 0;
    *out = c;
    c = NULL;
    rc = 0;
cleanup:
    cfg_free(c);
    return rc;
}

int cfg_load(const char *path, struct cfg **out, char *err, size_t errlen)
{
    char *buf = NULL;
    FILE *f = NULL;
    int rc = -1;
    if (out)
        *out = NULL;
    if (err && errlen > 0)
        err[0] = '\0';
    f = fopen(path, "rb");
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: cannot open: %s (hint: check the path given with -c)",
                     path, strerror(errno));
        goto cleanup;
    }
    buf = malloc(HS_MAX_CONFIG_BYTES + 1);
    if (!buf) {
        if (err)
            snprintf(err, errlen, "%s: out of memory", path);
        goto cleanup;
    }
    size_t n = fread(buf, 1, HS_MAX_CONFIG_BYTES + 1, f);
    if (ferror(f)) {
        if (err)
            snprintf(err, errlen, "%s: cannot read: %s (hint: check the path given with -c)",
                     path, strerror(errno));
        goto cleanup;
    }
    if (n > HS_MAX_CONFIG_BYTES) {
        if (err)
            snprintf(err, errlen, "%s: file too large (more than %d bytes); expected a config "
                     "of at most %d bytes", path, HS_MAX_CONFIG_BYTES, HS_MAX_CONFIG_BYTES);
        goto cleanup;
    }
    rc = cfg_parse(buf, n, path, out, err, errlen);
cleanup:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int cfg_find(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char path[4096];
    int k = -1;
    /* The XDG base directory spec ignores a relative XDG_CONFIG_HOME. */
    if (xdg && xdg[0] == '/')
        k = snprintf(path, sizeof path, "%s/hallscreen/hallscreen.ini", xdg);
    else if (home && home[0] != '\0')
        k = snprintf(path, sizeof path, "%s/.config/hallscreen/hallscreen.ini", home);
    if (k > 0 && (size_t)k < sizeof path && (size_t)k < n && is_regular(path)) {
        memcpy(buf, path, (size_t)k + 1);
        return 0;
    }
    static const char etc[] = "/etc/hallscreen/hallscreen.ini";
    if (sizeof etc <= n && is_regular(etc)) {
        memcpy(buf, etc, sizeof etc);
        return 0;
    }
    return -1;
}

/* Writes "key = value", or "key=value" where the spaces would push the line
 * past inih's limit or where a leading ';' would read as a comment. */
static void put_kv(FILE *out, const char *key, const char *value)
{
    if (value[0] == ';' || strlen(key) + strlen(value) + 3 > INI_MAX_LINE - 1)
        fprintf(out, "%s=%s\n", key, value);
    else
        fprintf(out, "%s = %s\n", key, value);
}

static const char *name_of(const char *const *names, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? names[i] : "?";
}

static void format_duration(int secs, char *buf, size_t n)
{
    int h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
    size_t o = 0;
    buf[0] = '\0';
    if (h && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%dh", h);
    if (m && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%dm", m);
    if ((s || secs == 0) && o < n)
        snprintf(buf + o, n - o, "%ds", s);
}

void cfg_print(const struct cfg *c, FILE *out)
{
    char v[512], tmp[64];
    if (!c || !out)
        return;
    if (c->path)
        fprintf(out, "# effective configuration of %s\n", show(c->path, v, sizeof v));
    else
        fprintf(out, "# effective configuration (built-in defaults)\n");
    fprintf(out, "[screen]\n");
    put_kv(out, "name", c->name ? c->name : DEFAULT_NAME);
    put_kv(out, "timezone", c->timezone ? c->timezone : "system");
    put_kv(out, "orientation", name_of(orient_names, COUNT(orient_names), (int)c->orientation));
    put_kv(out, "theme", name_of(theme_names, COUNT(theme_names), (int)c->theme));
    format_scale(c->text_scale, tmp, sizeof tmp);
    put_kv(out, "text_scale", tmp);
    put_kv(out, "renderer", name_of(render_names, COUNT(render_names), (int)c->renderer));
    put_kv(out, "demo", c->demo ? "yes" : "no");
    if (c->state_dir)
        put_kv(out, "state_dir", c->state_dir);
    size_t o = 0;
    v[0] = '\0';
    for (int i = 0; i < c->npages && i < HS_MAX_PAGES; i++) {
        int k = snprintf(v + o, sizeof v - o, "%s%s:%d", i ? ", " : "",
                         name_of(page_names, COUNT(page_names), (int)c->pages[i].kind),
                         c->pages[i].seconds);
        if (k < 0 || (size_t)k >= sizeof v - o)
            break;
        o += (size_t)k;
    }
    put_kv(out, "pages", v);
    for (int d = 0; d < 7; d++) {
        const struct cfg_day_hours *dh = &c->hours[d];
        o = 0;
        snprintf(v, sizeof v, "closed");
        for (int i = 0; i < dh->n && i < HS_MAX_HOURS_PER_DAY; i++) {
            const struct cfg_interval *iv = &dh->iv[i];
            int k = snprintf(v + o, sizeof v - o, "%s%02d:%02d-%02d:%02d", i ? ", " : "",
                             iv->start_min / 60, iv->start_min % 60, iv->end_min / 60,
                             iv->end_min % 60);
            if (k < 0 || (size_t)k >= sizeof v - o)
                break;
            o += (size_t)k;
        }
        put_kv(out, screen_keys[SK_MONDAY + d], v);
    }
    for (size_t i = 0; i < c->nsources; i++) {
        const struct cfg_source *s = &c->sources[i];
        fprintf(out, "\n[source %s]\n", s->name);
        put_kv(out, "url", s->url ? s->url : "");
        put_kv(out, "kind", name_of(kind_names, COUNT(kind_names), (int)s->kind));
        put_kv(out, "partner", s->partner ? s->partner : s->name);
        if (s->colour < 0)
            snprintf(tmp, sizeof tmp, "auto");
        else
            snprintf(tmp, sizeof tmp, "#%06x", (unsigned)s->colour & 0xFFFFFFu);
        put_kv(out, "colour", tmp);
        format_duration(s->refresh_s, tmp, sizeof tmp);
        put_kv(out, "refresh", tmp);
    }
}

const char *cfg_kind_name(enum cfg_kind k)
{
    return name_of(kind_names, COUNT(kind_names), (int)k);
}

const char *cfg_theme_name(enum cfg_theme t)
{
    return name_of(theme_names, COUNT(theme_names), (int)t);
}

const char *cfg_page_name(enum cfg_page_kind p)
{
    return name_of(page_names, COUNT(page_names), (int)p);
}

int cfg_equal(const struct cfg *a, const struct cfg *b)
{
    if (strcmp(a->name, b->name) != 0 || (!a->timezone != !b->timezone) ||
        (a->timezone && strcmp(a->timezone, b->timezone) != 0) ||
        a->orientation != b->orientation || a->theme != b->theme ||
        a->text_scale != b->text_scale || a->renderer != b->renderer || a->demo != b->demo ||
        a->npages != b->npages || a->nsources != b->nsources ||
        (!a->state_dir != !b->state_dir) ||
        (a->state_dir && strcmp(a->state_dir, b->state_dir) != 0))
        return 0;
    for (int i = 0; i < a->npages; i++)
        if (a->pages[i].kind != b->pages[i].kind || a->pages[i].seconds != b->pages[i].seconds)
            return 0;
    for (int d = 0; d < 7; d++) {
        if (a->hours[d].n != b->hours[d].n)
            return 0;
        for (int i = 0; i < a->hours[d].n; i++)
            if (a->hours[d].iv[i].start_min != b->hours[d].iv[i].start_min ||
                a->hours[d].iv[i].end_min != b->hours[d].iv[i].end_min)
                return 0;
    }
    for (size_t i = 0; i < a->nsources; i++) {
        const struct cfg_source *x = &a->sources[i], *y = &b->sources[i];
        if (strcmp(x->name, y->name) != 0 || strcmp(x->url, y->url) != 0 ||
            x->kind != y->kind || strcmp(x->partner, y->partner) != 0 ||
            x->colour != y->colour || x->refresh_s != y->refresh_s)
            return 0;
    }
    return 1;
}

void cfg_free(struct cfg *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nsources; i++) {
        free(c->sources[i].url);
        free(c->sources[i].partner);
    }
    free(c->sources);
    free(c->path);
    free(c->name);
    free(c->timezone);
    free(c->state_dir);
    free(c);
}
