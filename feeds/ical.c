/* iCalendar (RFC 5545) through libical. libical parses, expands the
 * recurrence rules (icalrecur_iterator) and converts wall times of a TZID
 * (icaltimezone); this file feeds it a cleaned copy of the text, finds the
 * line of each VEVENT (libical keeps none), applies EXDATE, RDATE and
 * RECURRENCE-ID (RFC 5545 3.8.4.4, 3.8.5), bounds the work a hostile rule
 * can cause, and fills the feed model with the occurrences of [from, to).
 *
 * The copy given to libical: a leading byte order mark dropped, NUL bytes
 * replaced, BEGIN/END balanced (libical drops a whole calendar whose last
 * component is not closed, and prints to stderr on a stray END), and after
 * each BEGIN:VEVENT a property X-HALLSCREEN-VEVENT:<n> that names the n-th
 * VEVENT of the text, whose line the pre-scan noted. */
#include "ical.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "../content/caltime.h"
#include "../content/utf8.h"

/* Bounds of this parser. They belong with the others in content/limits.h;
 * they are here until that header can take them. */
#define ICAL_MAX_ALL_COMPONENTS (8 * HS_MAX_ICAL_COMPONENTS) /* every BEGIN */
#define ICAL_MAX_COMPLEX_MISSES 2    /* rules libical searched for long in vain */
#define ICAL_MAX_OBSERVANCES 64      /* STANDARD/DAYLIGHT of one VTIMEZONE */
#define ICAL_MAX_TIME_SLOTS 24       /* BYHOUR x BYMINUTE x BYSECOND of a rule */
#define ICAL_MAX_SPAN_DAYS 3660      /* length of one occurrence */
#define ICAL_ITERATOR_COST 20        /* steps one icalrecur_iterator_new costs */

/* RFC 5545 3.6.1: a DATE-TIME start without DTEND or DURATION lasts no time
 * at all. The model needs end > start, and a calendar application shows such
 * an event as a short one: an hour. A DATE start lasts its day. */
#define DEFAULT_SECONDS 3600

#define MARKER "X-HALLSCREEN-VEVENT"
#define QUOTE_BYTES 60
#define SECS_PER_DAY 86400LL

/* A BEGIN:VEVENT of the text, in order: its line and its bytes. */
struct vevent_pos {
    int line;
    size_t begin, end;
};

struct outbuf {
    char *p;
    size_t n, cap;
};

struct zone_entry {
    const char *tzid;        /* libical's string: lives as long as the tree */
    icaltimezone *zone;      /* NULL: unknown, read as local time */
};

/* A VEVENT of the tree. The strings are libical's: they live as long as
 * the tree. */
struct ev {
    icalcomponent *comp, *vcal;
    const char *uid;
    int idx;                 /* its entry in ctx.pos, or -1 */
    int line;
    int override;            /* has a RECURRENCE-ID */
    int cancelled;
    int have_fields;         /* the fields below are read (once: a VEVENT of
                              * 100 000 properties may give 512 items) */
    const char *summary, *location, *link, *partner, *image;
    time_t published;
};

/* An occurrence that overlaps the window, before it becomes an item. */
struct occ {
    time_t start, end;
    const char *title;       /* the VEVENT's, or its master's */
    struct ev *ev;           /* the VEVENT whose fields the item shows */
    int all_day;
};

/* The length of an occurrence, from DTEND or DURATION of the VEVENT. */
struct span {
    int all_day;
    int days;                /* all-day: number of days */
    long long secs;          /* timed: exact seconds (DTEND or default) */
    int nominal;             /* timed: dur is added to the wall time */
    struct icaldurationtype dur;
};

/* A key for an override: the master's UID and the original start. */
struct rid_key {
    const char *uid;
    time_t rid;
};

struct ctx {
    struct feed_doc *d;
    const char *buf;
    size_t len;
    time_t from, to;
    long long from_day, to_day;  /* local days of from and to (day_number) */
    struct vevent_pos *pos;
    size_t npos, cap_pos;
    int saw_vcalendar;
    int first_line;          /* first line that is not blank, for problems */
    int nul_line;            /* first line with a NUL byte */
    struct zone_entry zones[HS_MAX_ICAL_ZONES];
    size_t nzones;
    struct occ *occ;
    size_t nocc;
    int dropped;             /* occurrences beyond HS_MAX_FEED_ITEMS */
    long steps;
    int complex_misses;
    struct ev *ev;
    size_t nev;
    struct rid_key *rids;    /* overrides, sorted */
    size_t nrids;
    struct ev **masters;     /* masters with a UID, sorted by UID */
    size_t nmasters;
    int oom;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

/* Copies s into out (n bytes) for a problem message: at most QUOTE_BYTES
 * bytes cut at a code point, with an ellipsis when cut. */
static const char *quote(const char *s, char *out, size_t n)
{
    size_t k = 0;

    if (s == NULL)
        s = "";
    while (s[k] != '\0' && k < QUOTE_BYTES && k + 4 < n)
        k++;
    if (s[k] != '\0') {
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        memcpy(out, s, k);
        memcpy(out + k, "\xE2\x80\xA6", 4);   /* U+2026 and the NUL */
        return out;
    }
    memcpy(out, s, k + 1);
    return out;
}

static int ascii_upper(int ch)
{
    return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

/* Returns 1 when s[0..n) is the ASCII word w, case-insensitively. */
static int word_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    if (n != k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (ascii_upper((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

static int is_blank(const char *s)
{
    if (s == NULL)
        return 1;
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 31;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil), to tell
 * cheaply whether a date is anywhere near the window before converting it. */
static long long day_number(long long y, int m, int d)
{
    long long era, yoe, doy;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The day_number of the local date of t. */
static long long local_day(time_t t)
{
    struct tm tm;

    caltime_local(t, &tm);
    return day_number(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday);
}

/* ------------------------------------------------------------------ */
/* The pre-scan: lines, structure, and the copy given to libical        */

static int out_reserve(struct ctx *c, struct outbuf *o, size_t more)
{
    size_t cap = o->cap ? o->cap : 4096;
    char *p;

    if (more > SIZE_MAX / 4 - o->n) {
        c->oom = 1;
        return -1;
    }
    if (o->n + more + 1 <= o->cap)
        return 0;
    while (cap < o->n + more + 1)
        cap *= 2;
    p = realloc(o->p, cap);
    if (p == NULL) {
        c->oom = 1;
        return -1;
    }
    o->p = p;
    o->cap = cap;
    return 0;
}

/* Appends s[0..n) with each NUL byte replaced by U+FFFD: libical reads a C
 * string and would stop at the first one. */
static int out_put(struct ctx *c, struct outbuf *o, const char *s, size_t n)
{
    while (n > 0) {
        const char *z = memchr(s, '\0', n);
        size_t k = z != NULL ? (size_t)(z - s) : n;

        if (out_reserve(c, o, k + 3) != 0)
            return -1;
        memcpy(o->p + o->n, s, k);
        o->n += k;
        if (z == NULL)
            break;
        memcpy(o->p + o->n, "\xEF\xBF\xBD", 3);
        o->n += 3;
        s += k + 1;
        n -= k + 1;
    }
    o->p[o->n] = '\0';
    return 0;
}

static int out_str(struct ctx *c, struct outbuf *o, const char *s)
{
    return out_put(c, o, s, strlen(s));
}

/* What a content line is, for the structure. */
enum line_kind { LINE_OTHER, LINE_BLANK, LINE_BEGIN, LINE_END, LINE_DROP };

#define NAME_BYTES 24

/* libical's parser_get_next_char: the first ch that is not the line's
 * first byte, follows no backslash and is not between double quotes. */
static const char *lib_next_char(const char *s, char ch)
{
    int quoted = 0;
    char prev = '\0';

    for (const char *p = s; *p != '\0'; prev = *p, p++) {
        if (prev == '\0' || prev == '\\')
            continue;
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == ch)
            return p;
    }
    return NULL;
}

static int lib_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '\r';
}

/* Reads the logical line b[0..n) the way libical's parser does, for it must
 * agree on every BEGIN and END: unfolded (RFC 5545 3.1: a line break then a
 * space or tab), trailing white space trimmed, the name up to the first ';'
 * or ':' outside quotes, the component name up to a ','. Sets name to the
 * component name in capitals, "" when it is too long to be one. */
static enum line_kind classify(const char *b, size_t n, char name[NAME_BYTES])
{
    char head[128];
    const char *semi, *colon, *sep, *val, *comma;
    size_t h = 0, i = 0, k;
    int cut = 0, first = 1, begin;

    while (i < n) {
        const char *nl = memchr(b + i, '\n', n - i);
        size_t end = nl != NULL ? (size_t)(nl - b) : n;

        if (nl != NULL && end > i && b[end - 1] == '\r')
            end--;
        if (!first)
            i++;    /* the space or tab of a continuation */
        for (; i < end; i++) {
            if (h + 1 < sizeof(head))
                head[h++] = b[i] != '\0' ? b[i] : '\xFF';  /* libical gets U+FFFD */
            else
                cut = 1;
        }
        i = nl != NULL ? (size_t)(nl - b) + 1 : n;
        first = 0;
    }
    while (h > 0 && lib_space(head[h - 1]))
        h--;
    head[h] = '\0';
    for (k = 0; k < h && lib_space(head[k]); k++)
        ;
    if (k == h)
        return LINE_BLANK;
    semi = lib_next_char(head, ';');
    colon = lib_next_char(head, ':');
    if (semi == NULL && colon == NULL)
        return cut ? LINE_DROP : LINE_OTHER;   /* a name too long to tell */
    sep = colon != NULL && (semi == NULL || semi > colon) ? colon : semi;
    for (k = (size_t)(sep - head); k > 0 && lib_space(head[k - 1]); k--)
        ;
    begin = word_is(head, k, "BEGIN");
    if (!begin && !word_is(head, k, "END"))
        return LINE_OTHER;
    val = sep + 1;
    comma = val[0] == '"' && head[h - 1] == '"' ? NULL : lib_next_char(val, ',');
    k = comma != NULL ? (size_t)(comma - val) : strlen(val);
    while (k > 0 && lib_space(val[k - 1]))
        k--;
    name[0] = '\0';
    if (!cut && k < NAME_BYTES) {
        for (size_t j = 0; j < k; j++)
            name[j] = (char)ascii_upper((unsigned char)val[j]);
        name[k] = '\0';
    }
    return begin ? LINE_BEGIN : LINE_END;
}

struct open_comp {
    char name[NAME_BYTES];
    int line;
    size_t out;              /* length of the copy before its BEGIN */
    long pos;                /* its ctx.pos entry, or -1 */
};

static int add_pos(struct ctx *c, int line, size_t begin)
{
    if (c->npos == c->cap_pos) {
        size_t cap = c->cap_pos ? c->cap_pos * 2 : 64;
        struct vevent_pos *p = realloc(c->pos, cap * sizeof(*p));

        if (p == NULL) {
            c->oom = 1;
            return -1;
        }
        c->pos = p;
        c->cap_pos = cap;
    }
    c->pos[c->npos].line = line;
    c->pos[c->npos].begin = begin;
    c->pos[c->npos].end = c->len;
    c->npos++;
    return 0;
}

/* Closes what is still open at the end of the text (or where it was cut):
 * a component inside the calendar that was not finished is dropped, the
 * calendar itself is closed. */
static int close_open(struct ctx *c, struct outbuf *o, struct open_comp *st, int depth,
                      int cut)
{
    if (depth >= 2) {
        o->n = st[1].out;
        o->p[o->n] = '\0';
        if (!cut)
            feed_problem(c->d, st[1].line, FEED_WARNING,
                         "le fichier s’arrête avant END:%s : il a sans doute été coupé ; "
                         "cet élément (BEGIN:%s) est ignoré", st[1].name, st[1].name);
    } else if (depth == 1 && !cut) {
        feed_problem(c->d, st[0].line, FEED_WARNING,
                     "END:VCALENDAR manque à la fin : le fichier a peut-être été coupé");
    }
    if (depth >= 1) {
        if (out_str(c, o, "END:") != 0 || out_str(c, o, st[0].name) != 0 ||
            out_str(c, o, "\r\n") != 0)
            return -1;
    }
    return 0;
}

/* Returns 1 for the components libical may get: the others (X-names,
 * misspellings) are left out with what they hold, as libical would. */
static int known_component(const char *name)
{
    static const char *const known[] = {"VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT",
                                        "VALARM", "VTODO", "VJOURNAL", "VFREEBUSY"};

    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(name, known[i]) == 0)
            return 1;
    return 0;
}

/* Copies a logical line, with a line break when the text ends without one. */
static int copy_line(struct ctx *c, struct outbuf *o, size_t start, size_t next)
{
    if (out_put(c, o, c->buf + start, next - start) != 0)
        return -1;
    if (c->buf[next - 1] != '\n' && out_str(c, o, "\r\n") != 0)
        return -1;
    return 0;
}

/* Returns the depth of the open component named name, or -1. */
static int open_depth(const struct open_comp *st, int depth, const char *name)
{
    int k = depth - 1;

    while (k >= 0 && strcmp(st[k].name, name) != 0)
        k--;
    return k;
}

/* Reads the text line by line: notes the line of each VEVENT, checks the
 * nesting and writes the copy for libical into o. */
static int prescan(struct ctx *c, struct outbuf *o)
{
    struct open_comp st[HS_MAX_ICAL_DEPTH];
    const char *b = c->buf;
    size_t len = c->len, i = 0, all = 0;
    int depth = 0, skip = 0, ln = 1, warned_depth = 0, cut = 0;
    char skip_name[NAME_BYTES] = "";

    if (out_reserve(c, o, len + len / 16 + 256) != 0)
        return -1;
    o->p[0] = '\0';
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t start = i, next;
        int line = ln, k;
        char name[NAME_BYTES];
        enum line_kind kind;
        const char *nl = memchr(b + i, '\n', len - i);

        next = nl != NULL ? (size_t)(nl - b) + 1 : len;
        ln += nl != NULL;
        /* A space or tab continues the line, but not after an empty line
         * ("\n" alone), which libical keeps apart. */
        while (next < len && (b[next] == ' ' || b[next] == '\t') && next - 1 > start) {
            nl = memchr(b + next, '\n', len - next);
            next = nl != NULL ? (size_t)(nl - b) + 1 : len;
            ln += nl != NULL;
        }
        i = next;
        kind = classify(b + start, next - start, name);
        if (kind == LINE_BLANK || kind == LINE_DROP)
            continue;
        if (c->first_line == 0)
            c->first_line = line;
        if (c->nul_line == 0 && memchr(b + start, '\0', next - start) != NULL)
            c->nul_line = line;
        if (skip > 0) {
            /* Left out: an unknown or too deep component with what it holds,
             * up to its END, or to the END of one that holds it when it is
             * not closed. */
            if (kind == LINE_BEGIN)
                skip++;
            else if (kind == LINE_END && (skip > 1 || strcmp(name, skip_name) == 0))
                skip--;
            else if (kind == LINE_END && open_depth(st, depth, name) >= 0)
                skip = 0;
            if (skip > 0 || kind != LINE_END || strcmp(name, skip_name) == 0)
                continue;
        }
        if (depth == 0) {
            if (kind == LINE_BEGIN && strcmp(name, "VCALENDAR") == 0) {
                c->saw_vcalendar = 1;
                memcpy(st[0].name, name, sizeof(name));
                st[0].line = line;
                st[0].out = o->n;
                st[0].pos = -1;
                depth = 1;
                if (copy_line(c, o, start, next) != 0)
                    return -1;
            } else if (kind == LINE_BEGIN) {
                skip = 1;    /* a component outside any calendar */
                memcpy(skip_name, name, sizeof(name));
            }
            continue;
        }
        if (kind == LINE_BEGIN) {
            int vevent = depth == 1 && strcmp(name, "VEVENT") == 0;

            if (!known_component(name) || depth >= HS_MAX_ICAL_DEPTH) {
                if (depth >= HS_MAX_ICAL_DEPTH && !warned_depth)
                    feed_problem(c->d, line, FEED_WARNING,
                                 "BEGIN:%s est imbriqué trop profondément : il est ignoré",
                                 name);
                warned_depth |= depth >= HS_MAX_ICAL_DEPTH;
                skip = 1;
                memcpy(skip_name, name, sizeof(name));
                continue;
            }
            if (++all > ICAL_MAX_ALL_COMPONENTS ||
                (vevent && c->npos >= HS_MAX_ICAL_COMPONENTS)) {
                feed_problem(c->d, line, FEED_WARNING,
                             "le calendrier a trop d’éléments (au plus %d événements) : "
                             "la suite, à partir d’ici, est ignorée", HS_MAX_ICAL_COMPONENTS);
                cut = 1;
                break;
            }
            memcpy(st[depth].name, name, sizeof(name));
            st[depth].line = line;
            st[depth].out = o->n;
            st[depth].pos = -1;
            if (copy_line(c, o, start, next) != 0)
                return -1;
            if (vevent) {
                char marker[64];

                st[depth].pos = (long)c->npos;
                if (add_pos(c, line, start) != 0)
                    return -1;
                snprintf(marker, sizeof(marker), MARKER ":%zu\r\n", c->npos - 1);
                if (out_str(c, o, marker) != 0)
                    return -1;
            }
            depth++;
            continue;
        }
        if (kind != LINE_END) {
            if (copy_line(c, o, start, next) != 0)
                return -1;
            continue;
        }
        k = open_depth(st, depth, name);
        if (k < 0) {
            feed_problem(c->d, line, FEED_WARNING,
                         "END:%s ne ferme aucun BEGIN:%s : la ligne est ignorée", name, name);
            continue;
        }
        while (depth - 1 > k) {
            struct open_comp *t = &st[--depth];

            feed_problem(c->d, t->line, FEED_WARNING,
                         "BEGIN:%s n’est pas fermé (END:%s manque avant la ligne %d)", t->name,
                         t->name, line);
            if (out_str(c, o, "END:") != 0 || out_str(c, o, t->name) != 0 ||
                out_str(c, o, "\r\n") != 0)
                return -1;
            if (t->pos >= 0)
                c->pos[t->pos].end = start;
        }
        if (copy_line(c, o, start, next) != 0)
            return -1;
        depth--;
        if (st[depth].pos >= 0)
            c->pos[st[depth].pos].end = next;
    }
    return close_open(c, o, st, depth, cut);
}

/* Returns 1 when one of the comma-separated values of s[0..n) starts with
 * value (libical splits "EXDATE:a,b" into one property a value). */
static int holds(const char *s, size_t n, const char *value, size_t vk)
{
    for (size_t i = 0; i + vk <= n; i++)
        if ((i == 0 || s[i - 1] == ',') && memcmp(s + i, value, vk) == 0)
            return 1;
    return 0;
}

/* Finds property `name` of VEVENT idx in the text (not inside its VALARMs):
 * the first whose value holds value (sets *matched), else the first of that
 * name. Returns its line (the VEVENT's own line when none is found) and, when
 * raw is not NULL, copies its value as written (first physical line). */
static int prop_find(const struct ctx *c, int idx, const char *name, const char *value,
                     int *matched, char *raw, size_t rawsize)
{
    const struct vevent_pos *p;
    size_t i, k = strlen(name), vk = value != NULL ? strlen(value) : 0;
    int ln, depth = 0, found = 0;

    if (raw != NULL)
        raw[0] = '\0';
    if (matched != NULL)
        *matched = 0;
    /* Only problems need lines: none past the cap, so that a VEVENT of
     * 100 000 bad values is not read 100 000 times. */
    if (idx < 0 || (size_t)idx >= c->npos || c->d->nproblems >= HS_MAX_FEED_PROBLEMS)
        return 0;
    p = &c->pos[idx];
    ln = p->line;
    for (i = p->begin; i < p->end && i < c->len; ln++) {
        const char *s = c->buf + i;
        const char *nl = memchr(s, '\n', c->len - i);
        size_t n = nl != NULL ? (size_t)(nl - s) : c->len - i, j = k;
        int quoted = 0;

        i += n + 1;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        if (n > 0 && (s[0] == ' ' || s[0] == '\t'))
            continue;
        if (n >= 6 && strncasecmp(s, "BEGIN:", 6) == 0) {
            depth++;
            continue;
        }
        if (n >= 4 && strncasecmp(s, "END:", 4) == 0) {
            depth--;
            continue;
        }
        if (depth != 1 || n <= k || strncasecmp(s, name, k) != 0 ||
            (s[k] != ';' && s[k] != ':'))
            continue;
        for (; j < n && (s[j] != ':' || quoted); j++)
            if (s[j] == '"')
                quoted = !quoted;
        j += j < n;
        if (raw != NULL && !found) {
            size_t m = n - j < rawsize ? n - j : rawsize - 1;

            memcpy(raw, s + j, m);
            raw[m] = '\0';
        }
        if (!found)
            found = ln;
        if (value != NULL && holds(s + j, n - j, value, vk)) {
            if (matched != NULL)
                *matched = 1;
            return ln;
        }
        if (value == NULL)
            return ln;
    }
    return found ? found : p->line;
}

static int prop_line(const struct ctx *c, int idx, const char *name, const char *value)
{
    return prop_find(c, idx, name, value, NULL, NULL, 0);
}

/* ------------------------------------------------------------------ */
/* Times                                                                */

/* Returns 1 when the fields of tt make a real date (and time). */
static int time_valid(const struct icaltimetype *tt)
{
    if (tt->year < 1 || tt->year > 9999 || tt->month < 1 || tt->month > 12 || tt->day < 1 ||
        tt->day > days_in_month(tt->year, tt->month))
        return 0;
    if (tt->is_date)
        return 1;
    return tt->hour >= 0 && tt->hour <= 23 && tt->minute >= 0 && tt->minute <= 59 &&
           tt->second >= 0 && tt->second <= 60;
}

/* The instant of tt: a date is local midnight (all-day events are local
 * days); a UTC time is absolute; a time of a zone is converted by libical;
 * a floating time is local wall time (caltime). Returns 0 or -1. */
static int to_instant(const struct icaltimetype *tt, icaltimezone *zone, time_t *out)
{
    time_t t;

    if (!time_valid(tt))
        return -1;
    if (tt->is_date) {
        t = caltime_make(tt->year, tt->month, tt->day, 0, 0);
    } else if (icaltime_is_utc(*tt) || zone != NULL) {
        /* libical converts years 1902 to 9999 (3.0.15 release notes). */
        if (tt->year < 1902)
            return -1;
        t = icaltime_as_timet_with_zone(*tt, icaltime_is_utc(*tt) ?
                                                 icaltimezone_get_utc_timezone() : zone);
    } else {
        t = caltime_make(tt->year, tt->month, tt->day, tt->hour, tt->minute);
        if (t != (time_t)-1)
            t += tt->second;
    }
    if (t == (time_t)-1)
        return -1;
    *out = t;
    return 0;
}

/* The wall time of instant t in the frame of a start: a date, a time of
 * zone, or a floating (local) time. */
static struct icaltimetype from_instant(time_t t, icaltimezone *zone, int is_date)
{
    struct icaltimetype tt;
    struct tm tm;

    if (zone != NULL && !is_date)
        return icaltime_from_timet_with_zone(t, 0, zone);
    caltime_local(t, &tm);
    tt = is_date ? icaltime_null_date() : icaltime_null_time();
    tt.year = tm.tm_year + 1900;
    tt.month = tm.tm_mon + 1;
    tt.day = tm.tm_mday;
    if (!is_date) {
        tt.hour = tm.tm_hour;
        tt.minute = tm.tm_min;
        tt.second = tm.tm_sec;
    }
    return tt;
}

/* The example of a date like v but that exists: each field brought into
 * its range ("20261131T140000" gives "20261130T140000"). */
static void example_date(const struct icaltimetype *tt, char *out, size_t n)
{
    int y = clampi(tt->year, 1, 9999), m = clampi(tt->month, 1, 12);
    int d = clampi(tt->day, 1, days_in_month(y, m));

    if (tt->is_date)
        snprintf(out, n, "%04d%02d%02d", y, m, d);
    else
        snprintf(out, n, "%04d%02d%02dT%02d%02d%02d%s", y, m, d, clampi(tt->hour, 0, 23),
                 clampi(tt->minute, 0, 59), clampi(tt->second, 0, 59),
                 icaltime_is_utc(*tt) ? "Z" : "");
}

/* ------------------------------------------------------------------ */
/* Time zones                                                           */

/* Returns 1 when every value of the BY list a (size n) is in [lo, hi] and
 * not 0 unless zero_ok; sets *len to the number of values. */
static int by_list(const short *a, int n, int lo, int hi, int zero_ok, int *len)
{
    int k = 0;

    for (; k < n && a[k] != ICAL_RECURRENCE_ARRAY_MAX; k++)
        if (a[k] < lo || a[k] > hi || (a[k] == 0 && !zero_ok))
            return 0;
    *len = k;
    return 1;
}

struct rule_shape {
    int nsec, nmin, nhour, nday, nmday, nyday, nweek, nmonth, nsetpos;
};

/* Checks the ranges of every BY part (libical trusts some of them and loops
 * on a month 13). Returns 0 or -1. */
static int rule_shape(const struct icalrecurrencetype *r, struct rule_shape *s)
{
    if (!by_list(r->by_second, ICAL_BY_SECOND_SIZE, 0, 60, 1, &s->nsec) ||
        !by_list(r->by_minute, ICAL_BY_MINUTE_SIZE, 0, 59, 1, &s->nmin) ||
        !by_list(r->by_hour, ICAL_BY_HOUR_SIZE, 0, 23, 1, &s->nhour) ||
        !by_list(r->by_month_day, ICAL_BY_MONTHDAY_SIZE, -31, 31, 0, &s->nmday) ||
        !by_list(r->by_year_day, ICAL_BY_YEARDAY_SIZE, -366, 366, 0, &s->nyday) ||
        !by_list(r->by_week_no, ICAL_BY_WEEKNO_SIZE, -53, 53, 0, &s->nweek) ||
        !by_list(r->by_month, ICAL_BY_MONTH_SIZE, 1, 12, 0, &s->nmonth) ||
        !by_list(r->by_set_pos, ICAL_BY_SETPOS_SIZE, -366, 366, 0, &s->nsetpos))
        return -1;
    for (s->nday = 0; s->nday < ICAL_BY_DAY_SIZE &&
                      r->by_day[s->nday] != ICAL_RECURRENCE_ARRAY_MAX; s->nday++) {
        int pos = icalrecurrencetype_day_position(r->by_day[s->nday]);
        int dow = (int)icalrecurrencetype_day_day_of_week(r->by_day[s->nday]);

        if (dow < 1 || dow > 7 || pos < -53 || pos > 53)
            return -1;
    }
    return 0;
}

/* Returns 1 when BYMONTHDAY holds seven days in a row of every month and
 * BYDAY only weekdays without a number: some day of those seven is one of
 * them ("the first Sunday", written BYDAY=SU;BYMONTHDAY=1,2,3,4,5,6,7 in
 * older VTIMEZONEs). */
static int week_of_days(const struct icalrecurrencetype *r, const struct rule_shape *s)
{
    uint32_t pos = 0, neg = 0;
    int i;

    for (i = 0; i < s->nday; i++)
        if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
            return 0;
    for (i = 0; i < s->nmday; i++) {
        int d = r->by_month_day[i];

        if (d >= 1 && d <= 28)
            pos |= 1u << d;
        else if (d <= -1 && d >= -28)
            neg |= 1u << -d;
    }
    for (i = 1; i + 6 <= 28; i++) {
        uint32_t run = 0x7Fu << i;

        if ((pos & run) == run || (neg & run) == run)
            return 1;
    }
    return 0;
}

/* Returns the number of days of a month of len days starting on weekday
 * first (0 Sunday) that the BYMONTHDAY and BYDAY of r keep. */
static int month_days(const struct icalrecurrencetype *r, const struct rule_shape *s, int len,
                      int first)
{
    int n = 0;

    for (int d = 1; d <= len; d++) {
        int ok = s->nmday == 0, wd = (first + d - 1) % 7 + 1;

        for (int i = 0; i < s->nmday && !ok; i++)
            ok = r->by_month_day[i] == d || r->by_month_day[i] == d - len - 1;
        for (int i = 0; ok && s->nday > 0; i++) {
            int pos, dow;

            if (i == s->nday) {
                ok = 0;
                break;
            }
            pos = icalrecurrencetype_day_position(r->by_day[i]);
            dow = (int)icalrecurrencetype_day_day_of_week(r->by_day[i]);
            if (dow == wd && (pos == 0 || (pos > 0 && (d - 1) / 7 + 1 == pos) ||
                              (pos < 0 && (len - d) / 7 + 1 == -pos)))
                break;
        }
        n += ok;
    }
    return n;
}

/* Returns the most days one month m (1-12) can hold for r, over the lengths
 * it has and the weekdays it starts on: the months repeat every 400 years,
 * starting on every weekday. */
static int month_most(const struct icalrecurrencetype *r, const struct rule_shape *s, int m)
{
    int most = 0;

    for (int len = days_in_month(2001, m); len <= days_in_month(2000, m); len++)
        for (int first = 0; first < 7; first++) {
            int n = month_days(r, s, len, first);

            most = n > most ? n : most;
        }
    return most;
}

/* For a rule whose BYDAY numbers count within the month (MONTHLY, or
 * YEARLY with BYMONTH): returns the most occurrences one period can hold,
 * 0 when it never holds any (BYMONTHDAY=31;BYMONTH=4). first_month is the
 * month of DTSTART, from which a MONTHLY rule steps by its INTERVAL. */
static long period_most(const struct icalrecurrencetype *r, const struct rule_shape *s,
                        int first_month)
{
    long most = 0, total = 0;
    int visited[13] = {0};

    if (s->nmonth > 0) {
        for (int i = 0; i < s->nmonth; i++)
            visited[r->by_month[i]] = 1;
    } else {
        for (int j = 0; j < 12; j++)
            visited[(first_month - 1 + j * r->interval) % 12 + 1] = 1;
    }
    for (int m = 1; m <= 12; m++) {
        long n = visited[m] ? month_most(r, s, m) : 0;

        most = n > most ? n : most;
        total += n;
    }
    if (r->freq == ICAL_YEARLY_RECURRENCE)
        most = total;
    return most * (s->nhour ? s->nhour : 1) * (s->nmin ? s->nmin : 1) * (s->nsec ? s->nsec : 1);
}

/* For YEARLY and MONTHLY rules, libical's iterator looks for the first
 * occurrence period by period up to the year 20000 before it gives up: some
 * 70 ms for a rule that never happens (BYMONTH=4;BYMONTHDAY=31). Returns 0
 * for a rule that surely happens in every period or year it visits, -1 for
 * one that surely never happens (refused before libical sees it), 1 for the
 * others. Such a rule that happens at all is found within one 400-year
 * cycle of the calendar, quickly; one that never does costs the whole search:
 * after ICAL_MAX_COMPLEX_MISSES of those, a calendar gets no more. */
static int rule_is_complex(const struct icalrecurrencetype *r, const struct rule_shape *s,
                           int first_month)
{
    int i, j, possible = 0;

    if (r->freq != ICAL_YEARLY_RECURRENCE && r->freq != ICAL_MONTHLY_RECURRENCE)
        return 0;
    if (r->freq == ICAL_MONTHLY_RECURRENCE || s->nmonth > 0) {
        /* Days counted within the month: what a period can hold is known
         * exactly (BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-24 never falls: a month
         * has 23 weekdays at most). */
        long most = s->nweek + s->nyday > 0 ? LONG_MAX : period_most(r, s, first_month);
        int one = 0;

        if (most == 0)
            return -1;
        for (i = 0; i < s->nsetpos; i++) {
            possible |= abs(r->by_set_pos[i]) <= most;
            one |= abs(r->by_set_pos[i]) == 1;
        }
        if (s->nsetpos > 0 && !possible)
            return -1;
        if (s->nsetpos > 0 && !one)
            return 1;
        possible = 0;
    } else if (s->nsetpos > 0) {
        for (i = 0; i < s->nsetpos; i++)
            possible |= abs(r->by_set_pos[i]) == 1;
        if (!possible)
            return 1;
        possible = 0;
    }
    if (s->nweek > 0 || s->nyday > 0)
        return 1;
    if (s->nmday > 0 && s->nday > 0) {
        if (week_of_days(r, s))
            return 0;
        for (i = 0; i < s->nmday; i++)
            for (j = 0; j < (s->nmonth > 0 ? s->nmonth : 12); j++)
                possible |= abs(r->by_month_day[i]) <=
                            days_in_month(2000, s->nmonth > 0 ? r->by_month[j] : j + 1);
        return possible ? 1 : -1;
    }
    if (s->nmday > 0) {
        for (i = 0; i < s->nmday; i++) {
            int d = abs(r->by_month_day[i]);

            if (d <= 28)
                return 0;     /* every month has it */
            for (j = 0; j < (s->nmonth > 0 ? s->nmonth : 12); j++) {
                int m = s->nmonth > 0 ? r->by_month[j] : j + 1;

                if (r->interval == 1 && d <= days_in_month(2001, m))
                    return 0;     /* a month the rule visits each year has it */
                possible |= d <= days_in_month(2000, m);
            }
        }
        return possible ? 1 : -1;
    }
    for (i = 0; i < s->nday; i++) {
        int pos = abs(icalrecurrencetype_day_position(r->by_day[i]));
        int in_month = r->freq == ICAL_MONTHLY_RECURRENCE || s->nmonth > 0;

        if (pos <= (in_month ? 4 : 52))
            return 0;     /* every month (year) has four (52) of each weekday */
        possible |= pos <= (in_month ? 5 : 53);
    }
    return s->nday == 0 ? 0 : possible ? 1 : -1;
}

/* Returns NULL when the time zone's VTIMEZONE is safe to hand to libical,
 * which expands each observance from its DTSTART: few observances, yearly
 * rules of a plain shape, dates from 1600. Else what is wrong. */
static const char *vtimezone_problem(icaltimezone *zone)
{
    icalcomponent *vtz = icaltimezone_get_component(zone), *obs;
    int n = 0;

    if (vtz == NULL)
        return NULL;    /* built in */
    for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); obs != NULL;
         obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
        icalproperty *p;
        struct icaltimetype tt;

        if (++n > ICAL_MAX_OBSERVANCES)
            return "trop de changements d’heure décrits";
        p = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
        if (p == NULL)
            return "un changement d’heure sans DTSTART";
        tt = icalproperty_get_dtstart(p);
        if (!time_valid(&tt) || tt.year < 1600)
            return "un changement d’heure daté hors des années 1600 à 9999";
        for (p = icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY); p != NULL;
             p = icalcomponent_get_next_property(obs, ICAL_RRULE_PROPERTY)) {
            struct icalrecurrencetype r = icalproperty_get_rrule(p);
            struct rule_shape s;

            if (r.freq != ICAL_YEARLY_RECURRENCE || r.interval != 1 || r.rscale != NULL ||
                rule_shape(&r, &s) != 0 || s.nsec + s.nmin + s.nhour > 0 ||
                rule_is_complex(&r, &s, tt.month))
                return "une règle de changement d’heure inhabituelle";
        }
    }
    return NULL;
}

/* libical's zone of an IANA name, or NULL. libical opens whatever path it
 * is given under its zoneinfo directory (TZID=../../../etc/passwd, or a FIFO
 * that blocks): only the names of the system's tzdata reach it. */
static icaltimezone *builtin_zone(const char *name)
{
    if (strcmp(name, "UTC") == 0 || strcmp(name, "GMT") == 0)
        return icaltimezone_get_utc_timezone();
    if (!caltime_zone_exists(name))
        return NULL;
    return icaltimezone_get_builtin_timezone(name);
}

/* The zone of a time property: NULL for a date, a floating time or an
 * unknown TZID (one warning per TZID), UTC for a "Z" time. Looks first at
 * the calendar's VTIMEZONEs, then at the IANA zones libical has (Google and
 * others name them without a VTIMEZONE), also behind a prefix such as
 * "/freeassociation.sourceforge.net/Europe/Paris". */
static icaltimezone *prop_zone(struct ctx *c, const struct ev *ev, icalproperty *p,
                               const struct icaltimetype *tt, const char *pname)
{
    icalparameter *param;
    const char *tzid, *bad = NULL;
    icaltimezone *z;
    char q[QUOTE_BYTES + 8];

    if (tt->is_date)
        return NULL;
    if (icaltime_is_utc(*tt))
        return icaltimezone_get_utc_timezone();
    param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    tzid = param != NULL ? icalparameter_get_tzid(param) : NULL;
    if (tzid == NULL || tzid[0] == '\0')
        return NULL;
    for (size_t i = 0; i < c->nzones; i++)
        if (strcmp(c->zones[i].tzid, tzid) == 0)
            return c->zones[i].zone;
    z = icalcomponent_get_timezone(ev->vcal, tzid);
    if (z != NULL && (bad = vtimezone_problem(z)) != NULL)
        z = NULL;
    /* Past HS_MAX_ICAL_ZONES names, no more look-ups in the system's tzdata
     * (each costs a stat): 100 000 made-up TZIDs would cost a second. */
    if (z == NULL && c->nzones < HS_MAX_ICAL_ZONES)
        z = builtin_zone(tzid);
    for (const char *s = tzid; z == NULL && c->nzones < HS_MAX_ICAL_ZONES && s[0] == '/' &&
                               (s = strchr(s + 1, '/')) != NULL;)
        z = builtin_zone(s + 1);
    if (z == NULL) {
        if (bad != NULL)
            feed_problem(c->d, prop_line(c, ev->idx, pname, NULL), FEED_WARNING,
                         "fuseau horaire « %s » mal décrit (VTIMEZONE : %s) : l’heure est "
                         "lue comme heure locale de l’écran", quote(tzid, q, sizeof(q)), bad);
        else
            feed_problem(c->d, prop_line(c, ev->idx, pname, NULL), FEED_WARNING,
                         "fuseau horaire « %s » inconnu (TZID) : l’heure est lue comme "
                         "heure locale de l’écran ; ajoutez au fichier sa description "
                         "(VTIMEZONE) ou utilisez un nom comme Europe/Paris",
                         quote(tzid, q, sizeof(q)));
    }
    if (c->nzones < HS_MAX_ICAL_ZONES) {
        c->zones[c->nzones].tzid = tzid;
        c->zones[c->nzones].zone = z;
        c->nzones++;
    }
    return z;
}

/* ------------------------------------------------------------------ */
/* Problems on values libical could not read                            */

enum ev_flags {
    BAD_DTSTART = 1,
    BAD_END = 2,
    BAD_RID = 4
};

#define EXPECT_DATETIME "AAAAMMJJTHHMMSS, par exemple "

static const char *consequence(const char *pname)
{
    if (strcmp(pname, "DTSTART") == 0)
        return "l’événement est ignoré";
    if (strcmp(pname, "RECURRENCE-ID") == 0)
        return "cette modification d’une occurrence est ignorée";
    if (strcmp(pname, "EXDATE") == 0)
        return "cette exception est ignorée";
    if (strcmp(pname, "RDATE") == 0)
        return "cette date supplémentaire est ignorée";
    return "la fin est ignorée : durée par défaut";
}

/* Reports the values libical dropped (X-LIC-ERROR ... "Can't parse as
 * DATE-TIME value in DTEND property. Removing entire property: 2026XX31")
 * and returns the BAD_* flags: with fatal set, those of DTSTART and
 * RECURRENCE-ID, which cost the event; else the others, reported once the
 * event is known to be read. */
static int value_errors(struct ctx *c, const struct ev *ev, int fatal)
{
    static const char *const dated[] = {"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE",
                                        "RDATE"};
    icalproperty *p;
    int flags = 0;

    for (p = icalcomponent_get_first_property(ev->comp, ICAL_XLICERROR_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev->comp, ICAL_XLICERROR_PROPERTY)) {
        icalparameter *t = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
        const char *msg = icalproperty_get_xlicerror(p), *a, *e, *v;
        char pname[32], q[QUOTE_BYTES + 8], raw[QUOTE_BYTES + 8];
        size_t k;
        int line, matched;

        if (t == NULL || msg == NULL ||
            icalparameter_get_xlicerrortype(t) != ICAL_XLICERRORTYPE_VALUEPARSEERROR)
            continue;
        a = strstr(msg, " value in ");
        e = a != NULL ? strstr(a, " property.") : NULL;
        v = strstr(msg, "property: ");
        if (a == NULL || e == NULL || v == NULL)
            continue;
        a += strlen(" value in ");
        k = (size_t)(e - a);
        if (k == 0 || k >= sizeof(pname))
            continue;
        memcpy(pname, a, k);
        pname[k] = '\0';
        v += strlen("property: ");
        if ((strcmp(pname, "DTSTART") == 0 || strcmp(pname, "RECURRENCE-ID") == 0) != fatal)
            continue;
        /* The value as written, when libical read another part of the line
         * ("TZID=Europe/Paris:2026-11-18 20:00" is read up to the last ':'). */
        line = prop_find(c, ev->idx, pname, v, &matched, raw, sizeof(raw));
        if (!matched && raw[0] != '\0')
            v = raw;
        if (strcmp(pname, "RRULE") == 0) {
            feed_problem(c->d, line, FEED_WARNING,
                         "règle de répétition (RRULE) « %s » non comprise : seule la "
                         "première date est affichée", quote(v, q, sizeof(q)));
            continue;
        }
        if (strcmp(pname, "DURATION") == 0) {
            feed_problem(c->d, line, FEED_WARNING,
                         "durée « %s » non comprise — attendu par exemple PT1H30M "
                         "(DURATION) ; la fin est ignorée : durée par défaut",
                         quote(v, q, sizeof(q)));
            flags |= BAD_END;
            continue;
        }
        for (k = 0; k < sizeof(dated) / sizeof(dated[0]); k++)
            if (strcmp(pname, dated[k]) == 0)
                break;
        if (k == sizeof(dated) / sizeof(dated[0]))
            continue;
        flags |= k == 0 ? BAD_DTSTART : k == 1 ? BAD_END : k == 2 ? BAD_RID : 0;
        feed_problem(c->d, line, k == 0 || k == 2 ? FEED_ERROR : FEED_WARNING,
                     "date « %s » non comprise — attendu " EXPECT_DATETIME
                     "20261130T140000 (%s) ; %s", quote(v, q, sizeof(q)), pname,
                     consequence(pname));
    }
    return flags;
}

/* Reports a date that libical read but that does not exist (20261131). */
static void bad_date(struct ctx *c, const struct ev *ev, const char *pname,
                     const struct icaltimetype *tt)
{
    char *v, ex[40];

    if (c->d->nproblems >= HS_MAX_FEED_PROBLEMS) {
        c->d->more_problems = 1;   /* what feed_problem would do, without the work */
        return;
    }
    v = icaltime_as_ical_string_r(*tt);
    example_date(tt, ex, sizeof(ex));
    feed_problem(c->d, prop_line(c, ev->idx, pname, v), strcmp(pname, "DTSTART") == 0 ||
                 strcmp(pname, "RECURRENCE-ID") == 0 ? FEED_ERROR : FEED_WARNING,
                 "date « %s » non comprise — attendu %s, par exemple %s (%s) ; %s",
                 v != NULL ? v : "", tt->is_date ? "AAAAMMJJ" : "AAAAMMJJTHHMMSS", ex,
                 pname, consequence(pname));
    free(v);
}

/* ------------------------------------------------------------------ */
/* Occurrences                                                          */

static int occ_cmp(const void *a, const void *b)
{
    const struct occ *x = a, *y = b;
    int k;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    k = strcmp(x->title, y->title);
    if (k != 0)
        return k;
    if (x->ev->line != y->ev->line)
        return x->ev->line < y->ev->line ? -1 : 1;
    if (x->ev != y->ev)
        return (uintptr_t)x->ev < (uintptr_t)y->ev ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* Sorts the occurrences and drops duplicates (an RDATE that the RRULE
 * also gives); keeps the first HS_MAX_FEED_ITEMS. */
static void occ_compact(struct ctx *c)
{
    size_t n = 0;

    qsort(c->occ, c->nocc, sizeof(*c->occ), occ_cmp);
    for (size_t i = 0; i < c->nocc; i++)
        if (n == 0 || c->occ[i].ev != c->occ[n - 1].ev ||
            c->occ[i].start != c->occ[n - 1].start)
            c->occ[n++] = c->occ[i];
    if (n > HS_MAX_FEED_ITEMS) {
        c->dropped = 1;
        n = HS_MAX_FEED_ITEMS;
    }
    c->nocc = n;
}

/* Keeps an occurrence that overlaps the window. The array holds twice the
 * cap; when it is full, the earliest HS_MAX_FEED_ITEMS stay. */
static void occ_add(struct ctx *c, struct ev *ev, const char *title, time_t start,
                    time_t end, int all_day)
{
    struct occ *o;

    if (end <= start || end <= c->from || start >= c->to)
        return;
    if (c->nocc == 2 * HS_MAX_FEED_ITEMS)
        occ_compact(c);
    o = &c->occ[c->nocc++];
    o->start = start;
    o->end = end;
    o->title = title;
    o->ev = ev;
    o->all_day = all_day;
}

static int time_cmp(const void *a, const void *b)
{
    time_t x = *(const time_t *)a, y = *(const time_t *)b;

    return x < y ? -1 : x > y;
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return x < y ? -1 : x > y;
}

static int rid_cmp(const void *a, const void *b)
{
    const struct rid_key *x = a, *y = b;
    int k = strcmp(x->uid, y->uid);

    if (k != 0)
        return k;
    return x->rid < y->rid ? -1 : x->rid > y->rid;
}

/* What one master VEVENT needs while its occurrences are generated. */
struct series {
    struct ev *ev;
    const char *title;
    icaltimezone *zone;      /* of DTSTART; NULL: floating or date */
    struct icaltimetype dtstart;
    time_t start;
    struct span span;
    time_t *ex;              /* EXDATE instants, sorted */
    size_t nex;
    int *exdays;             /* EXDATE dates (yyyymmdd), sorted */
    size_t nexdays;
};

static int day_key(const struct icaltimetype *tt)
{
    return tt->year * 10000 + tt->month * 100 + tt->day;
}

/* Returns 0 when a start on the wall date of tt (in any zone: a day either
 * way) surely neither starts before the window's end nor lasts into it. */
static int near_window(const struct ctx *c, const struct series *s,
                       const struct icaltimetype *tt)
{
    long long day = day_number(tt->year, tt->month, tt->day);
    long long span = s->span.all_day ? s->span.days : s->span.secs / SECS_PER_DAY + 1;

    return day <= c->to_day + 1 && day + span + 1 >= c->from_day;
}

/* Adds the occurrence that starts at wall time tt (in the frame of DTSTART)
 * unless an EXDATE or a RECURRENCE-ID takes it away. */
static void series_occ(struct ctx *c, const struct series *s, const struct icaltimetype *tt,
                       const struct span *span)
{
    time_t start, end;
    struct rid_key key;
    int dk = day_key(tt);

    if (to_instant(tt, s->zone, &start) != 0)
        return;
    if (span->all_day) {
        end = caltime_make(tt->year, tt->month, tt->day + span->days, 0, 0);
    } else if (span->nominal) {
        struct icaltimetype e = icaltime_add(*tt, span->dur);

        if (to_instant(&e, s->zone, &end) != 0)
            return;
    } else {
        end = start + (time_t)span->secs;
    }
    if (end == (time_t)-1 || end <= start || end <= c->from || start >= c->to)
        return;
    if (s->nex > 0 && bsearch(&start, s->ex, s->nex, sizeof(*s->ex), time_cmp) != NULL)
        return;
    if (s->nexdays > 0 &&
        bsearch(&dk, s->exdays, s->nexdays, sizeof(*s->exdays), int_cmp) != NULL)
        return;
    if (!s->ev->override && s->ev->uid != NULL && c->nrids > 0) {
        key.uid = s->ev->uid;
        key.rid = start;
        if (bsearch(&key, c->rids, c->nrids, sizeof(*c->rids), rid_cmp) != NULL)
            return;
    }
    occ_add(c, s->ev, s->title, start, end, span->all_day);
}

/* Seconds of one period of a frequency: at least (a month of 28 days), or
 * with longest at most (a month of 31 days, and an hour of DST). */
static long long period_secs(icalrecurrencetype_frequency f, int longest)
{
    switch (f) {
    case ICAL_HOURLY_RECURRENCE: return 3600 + longest * 3600;
    case ICAL_DAILY_RECURRENCE: return SECS_PER_DAY + longest * 3600;
    case ICAL_WEEKLY_RECURRENCE: return 7 * SECS_PER_DAY + longest * 3600;
    case ICAL_MONTHLY_RECURRENCE: return (longest ? 31 : 28) * SECS_PER_DAY + longest * 3600;
    case ICAL_YEARLY_RECURRENCE: return (365 + longest) * SECS_PER_DAY + longest * 3600;
    default: return 1;
    }
}

/* Returns 1 for a rule that surely happens (complex 0) in each of its
 * periods, or every other one (a 31st of the month): its COUNT occurrences
 * come within 2 x COUNT periods. HOURLY with BYHOUR, DAILY with BYDAY and
 * the like skip periods. */
static int rule_is_dense(const struct icalrecurrencetype *r, const struct rule_shape *s,
                         int complex)
{
    if (complex != 0)
        return 0;
    switch (r->freq) {
    case ICAL_HOURLY_RECURRENCE:
        return s->nhour == 0 && s->nmonth + s->nmday + s->nyday + s->nweek + s->nday +
                                        s->nsetpos == 0;
    case ICAL_DAILY_RECURRENCE:
        return s->nmonth + s->nmday + s->nyday + s->nweek + s->nday + s->nsetpos == 0;
    case ICAL_WEEKLY_RECURRENCE:
        return s->nmonth + s->nsetpos == 0;
    case ICAL_MONTHLY_RECURRENCE:
        return s->nmonth == 0;
    case ICAL_YEARLY_RECURRENCE:
        return 1;
    default:
        return 0;
    }
}

/* Reports a rule left out (or cut short, when partial is set). */
static void rule_refused(struct ctx *c, const struct series *s, const char *rrule,
                         const char *why, int partial)
{
    char q[QUOTE_BYTES + 8];

    feed_problem(c->d, prop_line(c, s->ev->idx, "RRULE", NULL), FEED_WARNING,
                 "règle de répétition (RRULE) « %s » : %s ; %s", quote(rrule, q, sizeof(q)),
                 why, partial ? "les occurrences suivantes ne sont pas affichées" :
                                "seule la première date est affichée");
}

/* Expands one RRULE over the window. The iterator starts near the window
 * (icalrecur_iterator_set_start) unless the rule counts its occurrences
 * (COUNT), and stops after the window: the rule gets an UNTIL there (a rule's
 * own COUNT is counted here instead, libical refusing COUNT with UNTIL).
 * Both bound the loops inside libical, which walks period by period from one
 * occurrence to the next; the steps are also estimated beforehand and
 * counted, per rule and for the calendar. */
static void expand_rule(struct ctx *c, struct series *s, icalproperty *p)
{
    struct icalrecurrencetype r = icalproperty_get_rrule(p);
    struct rule_shape shape;
    icalrecur_iterator *it = NULL;
    char *text = icalrecurrencetype_as_string_r(&r);
    long long span = s->span.all_day ? s->span.days * SECS_PER_DAY : s->span.secs;
    long long lo, hi, est, slots, steps = 0;
    int count = r.count, counted = r.count > 0, use_start = 0, complex, dense;
    time_t u;

    if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE) {
        rule_refused(c, s, text, "une répétition à la seconde ou à la minute n’a pas sa "
                                 "place sur un écran d’accueil", 0);
        goto done;
    }
    if (r.freq == ICAL_NO_RECURRENCE || r.interval < 1 || rule_shape(&r, &shape) != 0 ||
        (r.rscale != NULL && strcasecmp(r.rscale, "GREGORIAN") != 0)) {
        rule_refused(c, s, text, "règle non comprise", 0);
        goto done;
    }
    slots = (long long)(shape.nhour ? shape.nhour : 1) * (shape.nmin ? shape.nmin : 1) *
            (shape.nsec ? shape.nsec : 1);
    if (slots > ICAL_MAX_TIME_SLOTS) {
        rule_refused(c, s, text, "trop d’heures différentes dans une même journée", 0);
        goto done;
    }
    complex = rule_is_complex(&r, &shape, s->dtstart.month);
    if (complex < 0) {
        rule_refused(c, s, text, "ces dates n’existent jamais", 0);
        goto done;
    }
    if (complex && c->complex_misses >= ICAL_MAX_COMPLEX_MISSES) {
        rule_refused(c, s, text, "ce calendrier a déjà des règles qui ne tombent jamais : "
                                 "celle-ci n’est pas calculée", 0);
        goto done;
    }
    dense = rule_is_dense(&r, &shape, complex);
    /* Up to a day after the window: occurrences are cut at `to` below. */
    hi = (long long)c->to + SECS_PER_DAY;
    if (!icaltime_is_null_time(r.until) && to_instant(&r.until, s->zone, &u) == 0) {
        if (r.until.is_date && !s->dtstart.is_date)   /* that whole day */
            u = caltime_make(r.until.year, r.until.month, r.until.day + 1, 0, 0) - 1;
        if (u < hi)
            hi = u;
    }
    /* A dense rule with COUNT is over within 2 x COUNT periods: an old one
     * needs no iterator. */
    if (count > 0 && dense && (long long)count * r.interval <= 100000000LL &&
        s->start + 2LL * (count + 1) * r.interval * period_secs(r.freq, 1) + span <
            (long long)c->from)
        goto done;
    lo = s->start;
    if (count == 0 && (long long)c->from - span - SECS_PER_DAY > lo) {
        lo = (long long)c->from - span - SECS_PER_DAY;
        use_start = 1;
    }
    if (hi <= lo)
        goto done;    /* over before the window */
    if (s->dtstart.is_date)
        r.until = from_instant((time_t)hi, NULL, 1);
    else if (s->zone != NULL)
        r.until = icaltime_from_timet_with_zone((time_t)hi, 0,
                                                icaltimezone_get_utc_timezone());
    else
        r.until = from_instant((time_t)hi, NULL, 0);
    r.count = 0;
    est = ((hi - lo) / (period_secs(r.freq, 0) * r.interval) + 1) * slots;
    if (count > 0 && dense && est > 2LL * (count + 1) * slots)
        est = 2LL * (count + 1) * slots;
    est += ICAL_ITERATOR_COST;
    if (est > HS_MAX_ICAL_RULE_STEPS || c->steps + est > HS_MAX_ICAL_STEPS) {
        rule_refused(c, s, text, count > 0 ? "trop d’occurrences à compter depuis le début "
                                             "(COUNT) : indiquez plutôt une date de fin "
                                             "(UNTIL)"
                                           : "trop d’occurrences à calculer", 0);
        goto done;
    }
    it = icalrecur_iterator_new(r, s->dtstart);
    if (it == NULL) {
        c->complex_misses += complex;
        rule_refused(c, s, text, "règle non comprise ou qui ne tombe jamais", 0);
        goto done;
    }
    if (use_start &&
        !icalrecur_iterator_set_start(it, from_instant((time_t)lo, s->zone,
                                                       s->dtstart.is_date))) {
        rule_refused(c, s, text, "règle non comprise", 0);
        goto done;
    }
    for (;;) {
        struct icaltimetype tt;
        time_t t;

        if (steps >= HS_MAX_ICAL_RULE_STEPS || c->steps + steps >= HS_MAX_ICAL_STEPS) {
            rule_refused(c, s, text, "trop d’occurrences à calculer", 1);
            break;
        }
        tt = icalrecur_iterator_next(it);
        steps++;
        if (icaltime_is_null_time(tt))
            break;
        /* RFC 5545 3.8.5.3: DTSTART is the first occurrence and counts in
         * COUNT, even when the rule does not give it (libical skips it). */
        if (steps == 1 && counted && icaltime_compare(tt, s->dtstart) != 0)
            count--;
        if (counted && steps > count)
            break;
        if (to_instant(&tt, s->zone, &t) != 0)
            continue;
        if (t >= c->to)
            break;
        if (t != s->start)   /* DTSTART is added by the caller */
            series_occ(c, s, &tt, &s->span);
    }
    c->steps += (long)steps + ICAL_ITERATOR_COST;
done:
    if (it != NULL)
        icalrecur_iterator_free(it);
    free(text);
}

/* The wall time of tt (read in zone z) in the frame of the series' DTSTART,
 * for an RDATE written in another zone or type. Returns 0 or -1. */
static int to_frame(const struct series *s, const struct icaltimetype *tt, icaltimezone *z,
                    struct icaltimetype *out)
{
    time_t t;

    if (tt->is_date == s->dtstart.is_date && (tt->is_date || z == s->zone)) {
        *out = *tt;
        return 0;
    }
    if (to_instant(tt, z, &t) != 0)
        return -1;
    *out = from_instant(t, s->zone, s->dtstart.is_date);
    return 0;
}

/* RDATE (RFC 5545 3.8.5.2): more starts, each a DATE, a DATE-TIME or a
 * PERIOD with its own end. */
static void expand_rdates(struct ctx *c, struct series *s)
{
    icalproperty *p;

    for (p = icalcomponent_get_first_property(s->ev->comp, ICAL_RDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(s->ev->comp, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype r = icalproperty_get_rdate(p);
        struct icaltimetype tt = r.time, ft;
        struct span span = s->span;
        icaltimezone *z;

        if (icaltime_is_null_time(tt))
            tt = r.period.start;
        if (icaltime_is_null_time(tt))
            continue;
        if (!time_valid(&tt)) {
            bad_date(c, s->ev, "RDATE", &tt);
            continue;
        }
        if (!near_window(c, s, &tt))
            continue;   /* most of a long list: no conversion */
        z = prop_zone(c, s->ev, p, &tt, "RDATE");
        if (z == NULL && !tt.is_date)
            z = s->zone;   /* floating, with a DTSTART of a zone */
        if (to_frame(s, &tt, z, &ft) != 0)
            continue;
        if (icaltime_is_null_time(r.time) && !s->span.all_day) {
            time_t a, b;
            struct icaltimetype e = r.period.end;

            span.nominal = 0;
            if (!icaltime_is_null_time(e) && time_valid(&e) && to_instant(&tt, z, &a) == 0 &&
                to_instant(&e, z, &b) == 0 && b > a)
                span.secs = (long long)b - a;
            else if (!icaldurationtype_is_bad_duration(r.period.duration) &&
                     icaldurationtype_as_int(r.period.duration) > 0)
                span.secs = icaldurationtype_as_int(r.period.duration);
        }
        series_occ(c, s, &ft, &span);
    }
}

/* The value of an EXDATE as written. Not icalproperty_get_exdate: it looks
 * the TZID up in libical's zones itself, opening a file for any name (see
 * builtin_zone). */
static struct icaltimetype exdate_value(icalproperty *p)
{
    icalvalue *v = icalproperty_get_value(p);

    return v != NULL ? icalvalue_get_datetimedate(v) : icaltime_null_time();
}

/* EXDATE (RFC 5545 3.8.5.1), each value an instant or a whole date. */
static int read_exdates(struct ctx *c, struct series *s)
{
    icalproperty *p;
    size_t n = 0;

    for (p = icalcomponent_get_first_property(s->ev->comp, ICAL_EXDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(s->ev->comp, ICAL_EXDATE_PROPERTY))
        n++;
    if (n == 0)
        return 0;
    s->ex = malloc(n * sizeof(*s->ex));
    s->exdays = malloc(n * sizeof(*s->exdays));
    if (s->ex == NULL || s->exdays == NULL) {
        c->oom = 1;
        return -1;
    }
    for (p = icalcomponent_get_first_property(s->ev->comp, ICAL_EXDATE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(s->ev->comp, ICAL_EXDATE_PROPERTY)) {
        struct icaltimetype tt = exdate_value(p);
        icaltimezone *z;
        time_t t;

        if (icaltime_is_null_time(tt))
            continue;
        if (!time_valid(&tt)) {
            bad_date(c, s->ev, "EXDATE", &tt);
            continue;
        }
        if (!near_window(c, s, &tt))
            continue;
        if (tt.is_date) {
            s->exdays[s->nexdays++] = day_key(&tt);
            continue;
        }
        z = prop_zone(c, s->ev, p, &tt, "EXDATE");
        if (z == NULL)
            z = s->zone;
        if (to_instant(&tt, z, &t) == 0)
            s->ex[s->nex++] = t;
    }
    qsort(s->ex, s->nex, sizeof(*s->ex), time_cmp);
    qsort(s->exdays, s->nexdays, sizeof(*s->exdays), int_cmp);
    return 0;
}

/* The length of the occurrences: DTEND, else DURATION, else the default.
 * Returns 0, or -1 when the event is skipped (its end before its start). */
static int read_span(struct ctx *c, struct series *s, int flags)
{
    struct span *sp = &s->span;
    icalproperty *pe = icalcomponent_get_first_property(s->ev->comp, ICAL_DTEND_PROPERTY);
    icalproperty *pd = icalcomponent_get_first_property(s->ev->comp, ICAL_DURATION_PROPERTY);
    char q[QUOTE_BYTES + 8];
    long long secs = 0;
    int by_dtend = 0;

    sp->all_day = s->dtstart.is_date;
    if (pe != NULL && !(flags & BAD_END)) {
        struct icaltimetype et = icalproperty_get_dtend(pe);
        time_t end;

        if (!time_valid(&et)) {
            bad_date(c, s->ev, "DTEND", &et);
        } else if (to_instant(&et, prop_zone(c, s->ev, pe, &et, "DTEND"), &end) == 0) {
            if (end < s->start) {
                feed_problem(c->d, prop_line(c, s->ev->idx, "DTEND", NULL), FEED_ERROR,
                             "la fin (DTEND) est avant le début (DTSTART) : l’événement "
                             "« %s » est ignoré", quote(s->title, q, sizeof(q)));
                return -1;
            }
            secs = (long long)end - s->start;
            by_dtend = 1;
        }
    } else if (pd != NULL && !(flags & BAD_END)) {
        struct icaldurationtype du = icalproperty_get_duration(pd);

        if (!icaldurationtype_is_bad_duration(du)) {
            /* Computed here: icaldurationtype_as_int overflows an int. */
            secs = (((long long)du.weeks * 7 + du.days) * 24 + du.hours) * 3600 +
                   (long long)du.minutes * 60 + du.seconds;
            if (du.is_neg && secs > 0) {
                feed_problem(c->d, prop_line(c, s->ev->idx, "DURATION", NULL), FEED_ERROR,
                             "la durée (DURATION) est négative : l’événement « %s » est "
                             "ignoré", quote(s->title, q, sizeof(q)));
                return -1;
            }
            sp->nominal = !sp->all_day && (du.weeks > 0 || du.days > 0) &&
                          secs <= ICAL_MAX_SPAN_DAYS * SECS_PER_DAY;
            sp->dur = du;
            /* All day: whole days, not 86400 s (a day of DST has 23 h). */
            if (sp->all_day && secs > 0)
                secs = ((long long)du.weeks * 7 + du.days +
                        (du.hours + du.minutes + du.seconds > 0)) * SECS_PER_DAY;
        }
    }
    if (secs > ICAL_MAX_SPAN_DAYS * SECS_PER_DAY)
        secs = ICAL_MAX_SPAN_DAYS * SECS_PER_DAY;
    if (secs <= 0) {
        sp->nominal = 0;
        by_dtend = 0;
        secs = sp->all_day ? SECS_PER_DAY : DEFAULT_SECONDS;
    }
    if (sp->all_day && by_dtend)   /* local midnights: the days between them */
        sp->days = caltime_days_between(s->start, s->start + (time_t)secs - 1) + 1;
    else if (sp->all_day)
        sp->days = (int)(secs / SECS_PER_DAY);
    else
        sp->secs = secs;
    return 0;
}

/* Finds the master of uid (the VEVENT without RECURRENCE-ID), or NULL. */
static struct ev *find_master(const struct ctx *c, const char *uid)
{
    size_t lo = 0, hi = c->nmasters;

    if (uid == NULL)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(c->masters[mid]->uid, uid);

        if (k == 0)
            return c->masters[mid];
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Reads what every VEVENT needs: title, DTSTART and its zone, the length.
 * Returns 0, or -1 when the event is skipped (with a problem). */
static int read_series(struct ctx *c, struct ev *ev, struct series *s)
{
    icalproperty *p;
    int flags;
    const char *title = icalcomponent_get_summary(ev->comp);
    char *clean;

    memset(s, 0, sizeof(*s));
    s->ev = ev;
    if (is_blank(title) && ev->override) {
        struct ev *m = find_master(c, ev->uid);

        title = m != NULL ? icalcomponent_get_summary(m->comp) : NULL;
    }
    clean = title != NULL ? utf8_clean(title, strlen(title), HS_MAX_TEXT_BYTES) : NULL;
    if (title != NULL && clean == NULL) {
        c->oom = 1;
        return -1;
    }
    if (clean == NULL || clean[0] == '\0') {
        free(clean);
        feed_problem(c->d, ev->line, FEED_ERROR,
                     "événement sans titre (SUMMARY) : ajoutez un titre");
        return -1;
    }
    free(clean);
    s->title = title;
    flags = value_errors(c, ev, 1);
    if (flags & (BAD_DTSTART | BAD_RID))
        return -1;
    p = icalcomponent_get_first_property(ev->comp, ICAL_RECURRENCEID_PROPERTY);
    if (p != NULL) {
        struct icaltimetype rid = icalproperty_get_recurrenceid(p);

        if (!time_valid(&rid)) {
            bad_date(c, ev, "RECURRENCE-ID", &rid);
            return -1;
        }
    }
    p = icalcomponent_get_first_property(ev->comp, ICAL_DTSTART_PROPERTY);
    if (p == NULL) {
        char q[QUOTE_BYTES + 8];

        feed_problem(c->d, ev->line, FEED_ERROR,
                     "l’événement « %s » n’a pas de date de début (DTSTART) : il est ignoré",
                     quote(title, q, sizeof(q)));
        return -1;
    }
    s->dtstart = icalproperty_get_dtstart(p);
    if (!time_valid(&s->dtstart)) {
        bad_date(c, ev, "DTSTART", &s->dtstart);
        return -1;
    }
    s->zone = prop_zone(c, ev, p, &s->dtstart, "DTSTART");
    if (to_instant(&s->dtstart, s->zone, &s->start) != 0)
        return -1;   /* outside what time_t holds: never on screen */
    return read_span(c, s, value_errors(c, ev, 0));
}

/* One VEVENT: its occurrences over the window, or the one occurrence an
 * override (RECURRENCE-ID) gives. */
static void read_event(struct ctx *c, struct ev *ev)
{
    struct series s;
    icalproperty *p;
    int rules = 0;

    if (read_series(c, ev, &s) != 0)
        return;
    if (!ev->override && read_exdates(c, &s) != 0)
        goto done;
    series_occ(c, &s, &s.dtstart, &s.span);
    if (ev->override)
        goto done;
    for (p = icalcomponent_get_first_property(ev->comp, ICAL_RRULE_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev->comp, ICAL_RRULE_PROPERTY)) {
        if (++rules > HS_MAX_ICAL_RULES) {
            feed_problem(c->d, prop_line(c, ev->idx, "RRULE", NULL), FEED_WARNING,
                         "plus de %d règles de répétition (RRULE) dans un même événement : "
                         "les suivantes sont ignorées", HS_MAX_ICAL_RULES);
            break;
        }
        expand_rule(c, &s, p);
    }
    expand_rdates(c, &s);
done:
    free(s.ex);
    free(s.exdays);
}

/* ------------------------------------------------------------------ */
/* The tree                                                             */

/* Returns the line of a VEVENT from the marker the pre-scan put first in
 * it, and sets *idx. */
static int marker_line(const struct ctx *c, icalcomponent *comp, int *idx)
{
    icalproperty *p;

    *idx = -1;
    for (p = icalcomponent_get_first_property(comp, ICAL_X_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(comp, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(p), *v = icalproperty_get_x(p);
        char *end;
        unsigned long k;

        if (name == NULL || strcasecmp(name, MARKER) != 0 || v == NULL)
            continue;
        k = strtoul(v, &end, 10);
        if (end == v || *end != '\0' || k >= c->npos)
            return 0;
        *idx = (int)k;
        return c->pos[k].line;
    }
    return 0;
}

static int master_cmp(const void *a, const void *b)
{
    const struct ev *x = *(struct ev *const *)a, *y = *(struct ev *const *)b;

    return strcmp(x->uid, y->uid);
}

/* Returns 1 when a master of uid is cancelled: its overrides go with it. */
static int master_cancelled(const struct ctx *c, const char *uid)
{
    size_t lo = 0, hi = c->nmasters;

    while (lo < hi) {    /* the first master of uid */
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(c->masters[mid]->uid, uid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < c->nmasters && strcmp(c->masters[lo]->uid, uid) == 0; lo++)
        if (c->masters[lo]->cancelled)
            return 1;
    return 0;
}

/* Lists the VEVENTs of every VCALENDAR of root, with their UID and
 * RECURRENCE-ID, and indexes masters and overrides. Returns 0, 1 when root
 * holds no VCALENDAR, or -1 when memory runs out. */
static int read_tree(struct ctx *c, icalcomponent *root)
{
    icalcomponent *vcal, *comp;
    size_t n = 0, ncal = 0;

    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        ncal = 0;
        vcal = icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT ?
                   root : icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
        while (vcal != NULL) {
            ncal++;
            for (comp = icalcomponent_get_first_component(vcal, ICAL_VEVENT_COMPONENT);
                 comp != NULL; comp = icalcomponent_get_next_component(vcal,
                                                                       ICAL_VEVENT_COMPONENT)) {
                if (pass == 1) {
                    struct ev *ev = &c->ev[n];

                    ev->comp = comp;
                    ev->vcal = vcal;
                }
                n++;
            }
            vcal = vcal == root ? NULL :
                                  icalcomponent_get_next_component(root,
                                                                   ICAL_VCALENDAR_COMPONENT);
        }
        if (pass == 0) {
            if (ncal == 0)
                return 1;
            c->ev = calloc(n ? n : 1, sizeof(*c->ev));
            c->rids = calloc(n ? n : 1, sizeof(*c->rids));
            c->masters = calloc(n ? n : 1, sizeof(*c->masters));
            if (c->ev == NULL || c->rids == NULL || c->masters == NULL) {
                c->oom = 1;
                return -1;
            }
        }
    }
    c->nev = n;
    for (size_t i = 0; i < n; i++) {
        struct ev *ev = &c->ev[i];
        const char *uid;

        ev->line = marker_line(c, ev->comp, &ev->idx);
        uid = icalcomponent_get_uid(ev->comp);
        ev->uid = is_blank(uid) ? NULL : uid;
        ev->cancelled = icalcomponent_get_status(ev->comp) == ICAL_STATUS_CANCELLED;
        ev->override =
            icalcomponent_get_first_property(ev->comp, ICAL_RECURRENCEID_PROPERTY) != NULL;
        if (!ev->override && ev->uid != NULL)
            c->masters[c->nmasters++] = ev;
    }
    qsort(c->masters, c->nmasters, sizeof(*c->masters), master_cmp);
    /* The original start of each override, read in its master's zone when it
     * has none of its own. */
    for (size_t i = 0; i < n; i++) {
        struct ev *ev = &c->ev[i], *m;
        icalproperty *p;
        struct icaltimetype tt;
        icaltimezone *z;

        if (!ev->override || ev->uid == NULL)
            continue;
        p = icalcomponent_get_first_property(ev->comp, ICAL_RECURRENCEID_PROPERTY);
        tt = icalproperty_get_recurrenceid(p);
        if (!time_valid(&tt))
            continue;
        z = prop_zone(c, ev, p, &tt, "RECURRENCE-ID");
        if (z == NULL && !tt.is_date && (m = find_master(c, ev->uid)) != NULL) {
            icalproperty *mp =
                icalcomponent_get_first_property(m->comp, ICAL_DTSTART_PROPERTY);
            struct icaltimetype mt;

            if (mp != NULL) {
                mt = icalproperty_get_dtstart(mp);
                if (time_valid(&mt))
                    z = prop_zone(c, m, mp, &mt, "DTSTART");
            }
        }
        if (to_instant(&tt, z, &c->rids[c->nrids].rid) != 0)
            continue;
        c->rids[c->nrids].uid = ev->uid;
        c->nrids++;
    }
    qsort(c->rids, c->nrids, sizeof(*c->rids), rid_cmp);
    return 0;
}

/* Sets the document's title from X-WR-CALNAME (Google, Nextcloud, Apple). */
static int read_title(struct ctx *c, icalcomponent *root)
{
    icalcomponent *vcal = icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT ?
                              root :
                              icalcomponent_get_first_component(root,
                                                                ICAL_VCALENDAR_COMPONENT);
    icalproperty *p;

    if (vcal == NULL)
        return 0;
    for (p = icalcomponent_get_first_property(vcal, ICAL_X_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(vcal, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(p), *v = icalproperty_get_x(p);

        if (name != NULL && strcasecmp(name, "X-WR-CALNAME") == 0 && !is_blank(v)) {
            if (feed_set_title(c->d, v) != 0) {
                c->oom = 1;
                return -1;
            }
            break;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Items                                                                */

/* Returns 1 for an ATTACH that is a picture: FMTTYPE image/..., or an URL
 * whose path ends like one. */
static int is_image(const char *url, const char *fmttype)
{
    static const char *const ext[] = {".png", ".jpg", ".jpeg", ".gif", ".webp"};
    size_t n;

    if (url == NULL)
        return 0;
    if (fmttype != NULL && strncasecmp(fmttype, "image/", 6) == 0)
        return 1;
    n = strcspn(url, "?#");
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t k = strlen(ext[i]);

        if (n >= k && strncasecmp(url + n - k, ext[i], k) == 0)
            return 1;
    }
    return 0;
}

/* An instant of a DTSTAMP or LAST-MODIFIED, 0 when absent or unreadable. */
static time_t stamp(icalproperty *p, struct icaltimetype tt)
{
    time_t t;

    if (p == NULL || icaltime_is_null_time(tt))
        return 0;
    return to_instant(&tt, NULL, &t) == 0 ? t : 0;
}

/* The name of an ORGANIZER: its CN, else its address without "mailto:". */
static const char *organizer_name(icalproperty *p)
{
    icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
    const char *v = cn != NULL ? icalparameter_get_cn(cn) : NULL;

    if (is_blank(v)) {
        v = icalproperty_get_organizer(p);
        if (v != NULL && strncasecmp(v, "mailto:", 7) == 0)
            v += 7;
    }
    return v;
}

/* The URL of an ATTACH that is a picture, or NULL. */
static const char *attach_image(icalproperty *p)
{
    icalattach *a = icalproperty_get_attach(p);
    icalparameter *f = icalproperty_get_first_parameter(p, ICAL_FMTTYPE_PARAMETER);
    const char *url = a != NULL && icalattach_get_is_url(a) ? icalattach_get_url(a) : NULL;

    return is_image(url, f != NULL ? icalparameter_get_fmttype(f) : NULL) ? url : NULL;
}

/* Reads the fields an item shows, in one pass over the properties (each
 * icalcomponent_get_first_property walks them all). CATEGORIES and the
 * rest are not shown. */
static void read_fields(struct ev *ev)
{
    icalproperty *p, *modified = NULL, *stamped = NULL;

    for (p = icalcomponent_get_first_property(ev->comp, ICAL_ANY_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev->comp, ICAL_ANY_PROPERTY)) {
        switch (icalproperty_isa(p)) {
        case ICAL_DESCRIPTION_PROPERTY:
            if (ev->summary == NULL)
                ev->summary = icalproperty_get_description(p);
            break;
        case ICAL_LOCATION_PROPERTY:
            if (ev->location == NULL)
                ev->location = icalproperty_get_location(p);
            break;
        case ICAL_URL_PROPERTY:
            if (ev->link == NULL)
                ev->link = icalproperty_get_url(p);
            break;
        case ICAL_ORGANIZER_PROPERTY:
            if (ev->partner == NULL)
                ev->partner = organizer_name(p);
            break;
        case ICAL_ATTACH_PROPERTY:
            if (ev->image == NULL)
                ev->image = attach_image(p);
            break;
        case ICAL_LASTMODIFIED_PROPERTY:
            modified = modified != NULL ? modified : p;
            break;
        case ICAL_DTSTAMP_PROPERTY:
            stamped = stamped != NULL ? stamped : p;
            break;
        default:
            break;
        }
    }
    if (modified != NULL)
        ev->published = stamp(modified, icalproperty_get_lastmodified(modified));
    if (ev->published == 0 && stamped != NULL)
        ev->published = stamp(stamped, icalproperty_get_dtstamp(stamped));
    ev->have_fields = 1;
}

static int add_item(struct ctx *c, const struct occ *o)
{
    struct feed_item it = {0};
    struct ev *ev = o->ev;

    if (!ev->have_fields)
        read_fields(ev);
    it.type = FEED_ITEM_ENTRY;
    it.line = ev->line;
    it.title = (char *)o->title;
    it.summary = (char *)ev->summary;
    it.location = (char *)ev->location;
    it.link = (char *)ev->link;
    it.partner = (char *)ev->partner;
    it.image = (char *)ev->image;
    it.published = ev->published;
    it.start = o->start;
    it.end = o->end;
    it.all_day = o->all_day;
    it.colour = -1;
    /* The title was checked, the times are ordered and the items capped:
     * feed_add_item fails only when memory runs out. */
    if (feed_add_item(c->d, &it) != 0) {
        c->oom = 1;
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */

void ical_global_init(void)
{
    icalerror_set_errors_are_fatal(0);
    (void)icaltimezone_get_builtin_timezones();
    (void)icaltimezone_get_utc_timezone();
}

void ical_global_cleanup(void)
{
    icaltimezone_free_builtin_timezones();
    icalmemory_free_ring();
}

struct feed_doc *ical_parse(const char *buf, size_t len, time_t from, time_t to)
{
    struct ctx c = {0};
    struct outbuf o = {0};
    icalcomponent *root = NULL;
    struct feed_doc *d = feed_doc_new();
    int k = 0;

    if (d == NULL)
        return NULL;
    d->format = FEED_FORMAT_ICAL;
    c.d = d;
    c.buf = buf != NULL ? buf : "";
    c.len = buf != NULL ? len : 0;
    c.from = from;
    c.to = to;
    c.from_day = local_day(from);
    c.to_day = local_day(to);
    if (c.len > HS_MAX_FEED_BYTES) {
        feed_problem(d, 0, FEED_ERROR,
                     "le calendrier est trop gros (%zu octets, au plus %d) : il n’est pas lu",
                     c.len, HS_MAX_FEED_BYTES);
        goto done;
    }
    if (prescan(&c, &o) != 0)
        goto done;
    if (!c.saw_vcalendar) {
        if (c.first_line == 0)
            feed_problem(d, 0, FEED_ERROR, "le calendrier est vide : le serveur n’a rien "
                                           "envoyé");
        else
            feed_problem(d, c.first_line, FEED_ERROR,
                         "ce n’est pas un calendrier iCalendar : BEGIN:VCALENDAR manque "
                         "(le fichier doit commencer par BEGIN:VCALENDAR et finir par "
                         "END:VCALENDAR)");
        goto done;
    }
    icalerror_clear_errno();
    root = icalparser_parse_string(o.p);
    free(o.p);
    o.p = NULL;
    if (root == NULL || (k = read_tree(&c, root)) > 0) {
        feed_problem(d, c.first_line, FEED_ERROR,
                     "calendrier illisible : vérifiez qu’il s’agit bien d’un fichier "
                     "iCalendar (.ics)");
        goto done;
    }
    if (k < 0)
        goto done;
    d->usable = 1;
    if (c.nul_line > 0)
        feed_problem(d, c.nul_line, FEED_WARNING,
                     "le fichier contient des octets nuls : ils sont remplacés par le "
                     "caractère \xEF\xBF\xBD");
    if (read_title(&c, root) != 0)
        goto done;
    c.occ = malloc(2 * HS_MAX_FEED_ITEMS * sizeof(*c.occ));
    if (c.occ == NULL) {
        c.oom = 1;
        goto done;
    }
    for (size_t i = 0; i < c.nev && !c.oom; i++) {
        struct ev *ev = &c.ev[i];

        if (ev->cancelled || (ev->override && ev->uid != NULL && master_cancelled(&c, ev->uid)))
            continue;
        read_event(&c, ev);
    }
    if (c.oom)
        goto done;
    occ_compact(&c);
    if (c.dropped)
        feed_problem(d, 0, FEED_WARNING,
                     "trop d’occurrences dans la période : seules les %d premières sont "
                     "affichées", HS_MAX_FEED_ITEMS);
    for (size_t i = 0; i < c.nocc; i++)
        if (add_item(&c, &c.occ[i]) != 0)
            break;
done:
    if (root != NULL)
        icalcomponent_free(root);
    free(o.p);
    free(c.pos);
    free(c.occ);
    free(c.ev);
    free(c.rids);
    free(c.masters);
    /* libical's temporary strings of this thread, and its error state. */
    icalmemory_free_ring();
    icalerror_clear_errno();
    if (c.oom) {
        feed_doc_free(d);
        return NULL;
    }
    return d;
}
