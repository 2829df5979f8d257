/* Dates as feeds write them. Three shapes, told apart by their first
 * characters: "YYYY-" or "YYYYMMDD" (RFC 3339 and ISO 8601, as Atom, dc:date,
 * ev: and xCal write them), "D/M/YYYY" (hand-made French feeds), and RFC 822
 * as updated by RFC 2822 section 3.3 and its obsolete forms (section 4.3),
 * which RSS 2.0 uses, with the French words and the mistakes real feeds
 * make. Every field is checked against the calendar: mktime-style
 * normalisation would turn "31/11" into "1/12" without a word. */
#include "date.h"

#include <stddef.h>
#include <string.h>

#include "../content/caltime.h"

#define MIN_YEAR 1970
#define MAX_YEAR 9999
#define SECS_PER_DAY 86400LL
#define MAX_WORD 12            /* longest day, month or zone word we know, plus room */

struct fields {
    int y, mon, d, h, mi, sec;
    int has_time;
    int has_zone;
    long offset;               /* seconds east of UTC, when has_zone */
};

struct word_value {
    const char *word;          /* lower case, accents folded to ASCII */
    int value;
};

/* English and French names, with the abbreviations in use (the French ones
 * lose their final dot when read). Accents are folded: "févr." is "fevr". */
static const struct word_value months[] = {
    {"jan", 1}, {"january", 1}, {"janv", 1}, {"janvier", 1},
    {"feb", 2}, {"february", 2}, {"fev", 2}, {"fevr", 2}, {"fevrier", 2},
    {"mar", 3}, {"march", 3}, {"mars", 3},
    {"apr", 4}, {"april", 4}, {"avr", 4}, {"avril", 4},
    {"may", 5}, {"mai", 5},
    {"jun", 6}, {"june", 6}, {"juin", 6},
    {"jul", 7}, {"july", 7}, {"juil", 7}, {"juillet", 7},
    {"aug", 8}, {"august", 8}, {"aout", 8},
    {"sep", 9}, {"sept", 9}, {"september", 9}, {"septembre", 9},
    {"oct", 10}, {"october", 10}, {"octobre", 10},
    {"nov", 11}, {"november", 11}, {"novembre", 11},
    {"dec", 12}, {"december", 12}, {"decembre", 12},
};

/* The day name is read and not checked against the date: feeds get it wrong
 * often, and the date is what the screen shows. */
static const char *const day_names[] = {
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
    "lun", "lundi", "mar", "mardi", "mer", "mercredi", "jeu", "jeudi", "ven", "vendredi",
    "sam", "samedi", "dim", "dimanche",
};

/* RFC 2822 section 4.3 for UT, GMT and the US zones; the European
 * abbreviations feeds from Europe write, in hours east of UTC. */
static const struct word_value zones[] = {
    {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0},
    {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
    {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
    {"wet", 0}, {"west", 1}, {"bst", 1}, {"cet", 1}, {"cest", 2},
    {"met", 1}, {"mest", 2}, {"eet", 2}, {"eest", 3},
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static const char *skip_space(const char *p)
{
    while (is_space(*p))
        p++;
    return p;
}

/* Reads min to max ASCII digits into *out and their count into *count (may
 * be NULL). Returns the end, or NULL when fewer than min digits or more than
 * max follow. */
static const char *number(const char *p, int min, int max, int *out, int *count)
{
    int v = 0, n = 0;

    while (is_digit(p[n]) && n < max) {
        v = v * 10 + (p[n] - '0');
        n++;
    }
    if (n < min || is_digit(p[n]))
        return NULL;
    *out = v;
    if (count != NULL)
        *count = n;
    return p + n;
}

/* Folds the UTF-8 letter at p (two bytes of the Latin-1 Supplement) to the
 * ASCII letter French date words need: "é" and "É" to 'e', "û" to 'u'...
 * Returns the letter, or 0 for any other character. */
static char fold_accent(const unsigned char *p)
{
    unsigned char c;

    if (p[0] != 0xC3 || p[1] < 0x80 || p[1] > 0xBF)
        return 0;
    c = p[1] >= 0xA0 ? (unsigned char)(p[1] - 0x20) : p[1];   /* to upper case */
    if (c >= 0x80 && c <= 0x85)
        return 'a';
    if (c >= 0x88 && c <= 0x8B)
        return 'e';
    if (c >= 0x8C && c <= 0x8F)
        return 'i';
    if (c >= 0x92 && c <= 0x96)
        return 'o';
    if (c >= 0x99 && c <= 0x9C)
        return 'u';
    return 0;
}

/* Reads a word (letters, then an optional abbreviation dot) into buf, lower
 * case, accents folded. Returns the end, or NULL when there is no word or it
 * is longer than any we know. */
static const char *word(const char *p, char *buf, size_t n)
{
    size_t i = 0;

    while (is_letter(*p)) {
        char c = *p;

        if ((unsigned char)c >= 0x80) {
            c = p[1] != '\0' ? fold_accent((const unsigned char *)p) : 0;
            if (c == 0)
                return NULL;
            p++;
        } else if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (i + 1 >= n)
            return NULL;
        buf[i++] = c;
        p++;
    }
    if (i == 0)
        return NULL;
    buf[i] = '\0';
    if (*p == '.')
        p++;
    return p;
}

static int lookup(const struct word_value *table, size_t n, const char *w, int *value)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].word, w) == 0) {
            *value = table[i].value;
            return 0;
        }
    }
    return -1;
}

static int is_day_name(const char *w)
{
    for (size_t i = 0; i < sizeof(day_names) / sizeof(day_names[0]); i++)
        if (strcmp(day_names[i], w) == 0)
            return 1;
    return 0;
}

/* A numeric offset after its sign: "HHMM", "HH:MM" or "HH". Returns the end
 * or NULL; *secs is signed by sign. */
static const char *numeric_offset(const char *p, int sign, long *secs)
{
    int h, m = 0, n;

    if ((p = number(p, 2, 4, &h, &n)) == NULL)
        return NULL;
    if (n == 4) {
        m = h % 100;
        h /= 100;
    } else if (n == 3) {
        return NULL;
    } else if (*p == ':') {
        if ((p = number(p + 1, 2, 2, &m, NULL)) == NULL)
            return NULL;
    }
    if (h > 23 || m > 59)
        return NULL;
    *secs = sign * (h * 3600L + m * 60L);
    return p;
}

/* A zone: a numeric offset, a name of the zones table (possibly followed by
 * an offset: "GMT+0100"), or a military letter. RFC 2822 section 4.3 says
 * the military letters were defined with the wrong sign and must be read as
 * -0000, that is UTC. Returns the end, or NULL when p holds no zone. */
static const char *zone(const char *p, long *secs)
{
    char w[MAX_WORD];
    const char *e;
    int hours;

    if (*p == '+' || *p == '-')
        return numeric_offset(p + 1, *p == '+' ? 1 : -1, secs);
    e = word(p, w, sizeof(w));
    if (e == NULL || e[-1] == '.')
        return NULL;
    if (lookup(zones, sizeof(zones) / sizeof(zones[0]), w, &hours) == 0) {
        *secs = hours * 3600L;
        if (hours == 0 && (*e == '+' || *e == '-') && strcmp(w, "z") != 0)
            return numeric_offset(e + 1, *e == '+' ? 1 : -1, secs);
        return e;
    }
    if (w[1] == '\0' && w[0] != 'j') {
        *secs = 0;
        return e;
    }
    return NULL;
}

/* A time of day: "14:00", "14:00:00", "9:05", and the French "14h30",
 * "14h", "14 h 30". Returns the end or NULL. */
static const char *time_of_day(const char *p, struct fields *f)
{
    const char *q;

    if ((p = number(p, 1, 2, &f->h, NULL)) == NULL)
        return NULL;
    if (*p == ':') {
        if ((p = number(p + 1, 2, 2, &f->mi, NULL)) == NULL)
            return NULL;
        if (*p == ':' && (p = number(p + 1, 2, 2, &f->sec, NULL)) == NULL)
            return NULL;
        f->has_time = 1;
        return p;
    }
    q = skip_space(p);
    if (*q != 'h' && *q != 'H')
        return NULL;
    p = q + 1;
    if (is_letter(*p))
        return NULL;
    q = skip_space(p);
    if (is_digit(*q)) {
        if ((p = number(q, 2, 2, &f->mi, NULL)) == NULL)
            return NULL;
    } else {
        f->mi = 0;
    }
    f->has_time = 1;
    return p;
}

/* What may follow a date and time: white space and RFC 822 comments
 * ("(CET)", "(heure de Paris)"). Returns 0 when nothing else follows. */
static int only_comments(const char *p)
{
    for (;;) {
        p = skip_space(p);
        if (*p == '\0')
            return 0;
        if (*p != '(')
            return -1;
        p = strchr(p, ')');
        if (p == NULL)
            return -1;
        p++;
    }
}

/* After a time: an optional zone, then only comments. */
static int zone_then_end(const char *p, struct fields *f)
{
    p = skip_space(p);
    if (*p != '\0' && *p != '(') {
        if ((p = zone(p, &f->offset)) == NULL)
            return -1;
        f->has_zone = 1;
    }
    return only_comments(p);
}

/* After a date: an optional time (after "," or "à" if any), an optional
 * zone (only after a time), then only comments. */
static int time_and_zone(const char *p, struct fields *f)
{
    const char *q;
    char w[MAX_WORD];
    int need_time = 0;

    p = skip_space(p);
    if (*p == ',') {
        p = skip_space(p + 1);
        need_time = 1;
    }
    q = word(p, w, sizeof(w));
    if (q != NULL && strcmp(w, "a") == 0 && q[-1] != '.') {
        p = skip_space(q);
        need_time = 1;
    }
    if (!is_digit(*p))
        return need_time ? -1 : only_comments(p);
    if ((p = time_of_day(p, f)) == NULL)
        return -1;
    return zone_then_end(p, f);
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil), for the
 * years MIN_YEAR to MAX_YEAR. */
static long long days_from_civil(int year, int m, int d)
{
    long long y = year - (m <= 2), era, yoe, doy, doe;

    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Checks the fields against the calendar and turns them into an instant. */
static int finish(const struct fields *f, time_t *out, int *date_only)
{
    long long v;
    time_t t;

    if (f->y < MIN_YEAR || f->y > MAX_YEAR || f->mon < 1 || f->mon > 12 || f->d < 1 ||
        f->d > days_in_month(f->y, f->mon))
        return -1;
    /* RFC 3339 section 5.7: a second of 60 is a leap second. */
    if (f->has_time && (f->h > 23 || f->mi > 59 || f->sec > 60))
        return -1;
    if (!f->has_time) {
        t = caltime_make(f->y, f->mon, f->d, 0, 0);
        if (t == (time_t)-1)
            return -1;
        v = t;
    } else if (f->has_zone) {
        v = days_from_civil(f->y, f->mon, f->d) * SECS_PER_DAY + f->h * 3600LL +
            f->mi * 60LL + f->sec - f->offset;
    } else {
        t = caltime_make(f->y, f->mon, f->d, f->h, f->mi);
        if (t == (time_t)-1)
            return -1;
        v = (long long)t + f->sec;
    }
    t = (time_t)v;
    if (v <= 0 || (long long)t != v)    /* time_t is 32 bits on some boards */
        return -1;
    *out = t;
    if (date_only != NULL)
        *date_only = !f->has_time;
    return 0;
}

/* RFC 3339 section 5.6 and ISO 8601: "2026-11-30", "2026-11-30T14:00",
 * "2026-11-30 14:00:00.5+01:00", and the basic format of xCal and
 * iCalendar, "20261130", "20261130T140000Z". */
static int parse_iso(const char *p, struct fields *f)
{
    int basic = p[4] != '-';

    if (basic) {
        if ((p = number(p, 8, 8, &f->y, NULL)) == NULL)
            return -1;
        f->d = f->y % 100;
        f->mon = f->y / 100 % 100;
        f->y /= 10000;
    } else {
        if ((p = number(p, 4, 4, &f->y, NULL)) == NULL || *p++ != '-' ||
            (p = number(p, 2, 2, &f->mon, NULL)) == NULL || *p++ != '-' ||
            (p = number(p, 2, 2, &f->d, NULL)) == NULL)
            return -1;
    }
    if (*p != 'T' && *p != 't' && !(*p == ' ' && is_digit(p[1])))
        return only_comments(p);
    p++;
    if (basic) {
        int hhmm, n;

        if ((p = number(p, 4, 6, &hhmm, &n)) == NULL || n == 5)
            return -1;
        if (n == 6) {
            f->sec = hhmm % 100;
            hhmm /= 100;
        }
        f->h = hhmm / 100;
        f->mi = hhmm % 100;
    } else {
        if ((p = number(p, 2, 2, &f->h, NULL)) == NULL || *p++ != ':' ||
            (p = number(p, 2, 2, &f->mi, NULL)) == NULL)
            return -1;
        if (*p == ':' && (p = number(p + 1, 2, 2, &f->sec, NULL)) == NULL)
            return -1;
    }
    f->has_time = 1;
    if (*p == '.' || *p == ',') {    /* a fraction: the screen shows minutes */
        if (!is_digit(*++p))
            return -1;
        while (is_digit(*p))
            p++;
    }
    return zone_then_end(p, f);
}

/* "30/11/2026", "1/12/26", "30/11/2026 14:00", "30/11/2026 à 14h30": day
 * first, as in France. */
static int parse_slashed(const char *p, struct fields *f)
{
    int n;

    if ((p = number(p, 1, 2, &f->d, NULL)) == NULL || *p++ != '/' ||
        (p = number(p, 1, 2, &f->mon, NULL)) == NULL || *p++ != '/' ||
        (p = number(p, 2, 4, &f->y, &n)) == NULL || n == 3)
        return -1;
    if (n == 2)
        f->y += f->y < 50 ? 2000 : 1900;
    return time_and_zone(p, f);
}

/* RFC 2822 section 3.3: [day-name ","] day month year [time [zone]], with
 * its obsolete forms (section 4.3: two-digit years, named zones), the "-"
 * of RFC 850 ("30-Nov-26"), French words ("mar. 1er déc. 2026 à 14h30"). */
static int parse_rfc822(const char *p, struct fields *f)
{
    char w[MAX_WORD];
    const char *q;
    int n;

    q = word(p, w, sizeof(w));
    if (q != NULL) {
        if (!is_day_name(w))
            return -1;
        p = skip_space(q);
        if (*p == ',')
            p = skip_space(p + 1);
    }
    if ((p = number(p, 1, 2, &f->d, NULL)) == NULL)
        return -1;
    if ((p[0] == 'e' || p[0] == 'E') && (p[1] == 'r' || p[1] == 'R') && !is_letter(p[2]))
        p += 2;                                             /* "1er" */
    p = skip_space(p);
    if (*p == '-')
        p++;
    if ((p = word(skip_space(p), w, sizeof(w))) == NULL ||
        lookup(months, sizeof(months) / sizeof(months[0]), w, &f->mon) != 0)
        return -1;
    p = skip_space(p);
    if (*p == '-')
        p++;
    if ((p = number(skip_space(p), 2, 4, &f->y, &n)) == NULL || n == 3)
        return -1;
    /* Section 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999. */
    if (n == 2)
        f->y += f->y < 50 ? 2000 : 1900;
    return time_and_zone(p, f);
}

int date_parse(const char *s, time_t *out, int *date_only)
{
    struct fields f;
    const char *p;
    int rc, n = 0;

    if (s == NULL || out == NULL)
        return -1;
    memset(&f, 0, sizeof(f));
    p = skip_space(s);
    while (n < 8 && is_digit(p[n]))
        n++;
    if ((n == 4 && p[4] == '-') || (n == 8 && !is_digit(p[8])))
        rc = parse_iso(p, &f);
    else if ((n == 1 || n == 2) && p[n] == '/')
        rc = parse_slashed(p, &f);
    else
        rc = parse_rfc822(p, &f);
    if (rc != 0)
        return -1;
    return finish(&f, out, date_only);
}

const char *date_hint(void)
{
    return "une date comme Mon, 30 Nov 2026 14:00:00 +0100 ou 2026-11-30T14:00:00+01:00";
}
