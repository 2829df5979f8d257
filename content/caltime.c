/* Local calendar arithmetic. Wall times are turned into instants by our own
 * search over the zone's offsets rather than by mktime: with tm_isdst = -1,
 * glibc's mktime picks either instant of an ambiguous fall-back time depending
 * on what it converted before, and a screen must not show a workshop at
 * 02:30 CEST one day and 02:30 CET the next. */
#include "caltime.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SECS_PER_DAY 86400LL
#define DEFAULT_TZDIR "/usr/share/zoneinfo"
#define ZONE_NAME_MAX 128

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar, for any
 * y (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms",
 * days_from_civil). m is 1..12, d is 1..31. */
static long long days_from_civil(long long y, int m, int d)
{
    long long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int is_leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Stores v in *out when time_t holds it (it is 32 bits on 32-bit Raspberry
 * Pi OS Bookworm). */
static int to_time(long long v, time_t *out)
{
    time_t t = (time_t)v;

    if ((long long)t != v)
        return -1;
    *out = t;
    return 0;
}

/* The local wall time of t as seconds since 1970-01-01 00:00 of the local
 * calendar: t plus the zone's offset at t. */
static int local_secs(time_t t, long long *out)
{
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL)
        return -1;
    *out = days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday) * SECS_PER_DAY +
           tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec;
    return 0;
}

static int offset_at(long long t, long long *off)
{
    time_t tt;
    long long l;

    if (to_time(t, &tt) != 0 || local_secs(tt, &l) != 0)
        return -1;
    *off = l - t;
    return 0;
}

/* Finds the instant whose local wall time is l (local seconds, as
 * local_secs). Each offset in force within a day of l gives a candidate
 * l - offset, kept when the zone really has that offset then; the earliest
 * kept wins, which is the first of an ambiguous pair. None is kept in a
 * spring-forward gap: the offset before the gap then moves l forward by the
 * gap's length. A zone changes its offset at most once within a day. */
static time_t from_local_secs(long long l)
{
    static const long long probes[] = {-SECS_PER_DAY, -SECS_PER_DAY / 2, 0,
                                       SECS_PER_DAY / 2, SECS_PER_DAY};
    long long best = 0, off, check;
    int found = 0;
    time_t out;

    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        if (offset_at(l + probes[i], &off) != 0)
            continue;
        if (offset_at(l - off, &check) != 0 || check != off)
            continue;
        if (!found || l - off < best)
            best = l - off;
        found = 1;
    }
    if (!found) {
        if (offset_at(l - SECS_PER_DAY, &off) != 0)
            return (time_t)-1;
        best = l - off;
    }
    if (to_time(best, &out) != 0)
        return (time_t)-1;
    return out;
}

/* caltime_make with wide fields, so that callers may add days freely. */
static time_t make_wide(long long y, long long mon, long long d, long long h, long long mi)
{
    long long days;

    /* Normalise the month first; days, hours and minutes are then plain sums
     * on a count of days, as mktime does. */
    y += (mon - 1 >= 0 ? (mon - 1) / 12 : -((12 - mon) / 12));
    mon = ((mon - 1) % 12 + 12) % 12 + 1;
    if (y < 1 || y > 9999)
        return (time_t)-1;
    days = days_from_civil(y, (int)mon, 1) + d - 1;
    if (days < days_from_civil(1, 1, 1) || days > days_from_civil(9999, 12, 31))
        return (time_t)-1;
    return from_local_secs(days * SECS_PER_DAY + h * 3600 + mi * 60);
}

static int zone_name_ok(const char *zone)
{
    size_t len;

    if (zone == NULL || zone[0] == '\0' || zone[0] == '/')
        return 0;
    len = strlen(zone);
    /* No ".." may climb out of the zone directory. */
    if (len >= ZONE_NAME_MAX || strstr(zone, "..") != NULL)
        return 0;
    /* The characters of tz's zone names (theory.html, "Timezone identifiers",
     * plus the digits and "+" of names such as "Etc/GMT+1"). */
    for (size_t i = 0; i < len; i++) {
        char ch = zone[i];

        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' || ch == '-' || ch == '+' ||
              ch == '.'))
            return 0;
    }
    return 1;
}

int caltime_zone_exists(const char *zone)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    unsigned char magic[4];
    struct stat st;
    FILE *f;
    int n, ok;

    if (!zone_name_ok(zone))
        return 0;
    if (dir == NULL || dir[0] == '\0')
        dir = DEFAULT_TZDIR;
    n = snprintf(path, sizeof(path), "%s/%s", dir, zone);
    if (n < 0 || (size_t)n >= sizeof(path))
        return 0;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    /* The directory also holds zone.tab, tzdata.zi...: a zone is a TZif file
     * (RFC 8536 section 3.1). */
    f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    ok = fread(magic, 1, sizeof(magic), f) == sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
    fclose(f);
    return ok;
}

int caltime_set_zone(const char *zone)
{
    if (zone == NULL || zone[0] == '\0') {
        if (unsetenv("TZ") != 0)
            return -1;
        tzset();
        return 0;
    }
    if (!caltime_zone_exists(zone))
        return -1;
    if (setenv("TZ", zone, 1) != 0)
        return -1;
    tzset();
    return 0;
}

void caltime_local(time_t t, struct tm *out)
{
    if (localtime_r(&t, out) == NULL) {
        memset(out, 0, sizeof(*out));
        out->tm_year = 70;
        out->tm_mday = 1;
        out->tm_wday = 4;
    }
}

int caltime_weekday(time_t t)
{
    struct tm tm;

    caltime_local(t, &tm);
    return (tm.tm_wday + 6) % 7;
}

int caltime_minute_of_day(time_t t)
{
    struct tm tm;

    caltime_local(t, &tm);
    return tm.tm_hour * 60 + tm.tm_min;
}

time_t caltime_make(int y, int mon, int d, int h, int mi)
{
    return make_wide(y, mon, d, h, mi);
}

time_t caltime_day_start(time_t t)
{
    return caltime_add_days(t, 0);
}

time_t caltime_add_days(time_t t, int n)
{
    struct tm tm;

    caltime_local(t, &tm);
    return make_wide(tm.tm_year + 1900LL, tm.tm_mon + 1LL, (long long)tm.tm_mday + n, 0, 0);
}

time_t caltime_week_start(time_t t)
{
    return caltime_add_days(t, -caltime_weekday(t));
}

static long long local_day_number(time_t t)
{
    struct tm tm;

    caltime_local(t, &tm);
    return days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday);
}

int caltime_days_between(time_t a, time_t b)
{
    long long d = local_day_number(b) - local_day_number(a);

    return d > INT_MAX ? INT_MAX : d < INT_MIN ? INT_MIN : (int)d;
}

/* Reads exactly n ASCII digits (no sign, no space: strtol would take both). */
static const char *digits(const char *p, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return NULL;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return p + n;
}

/* RFC 3339 section 5.6 date-time, with the seconds optional, a space
 * allowed for the "T" (its section 5.6 NOTE), and the offset optional: then
 * the time is local. Letters may be lower case (section 5.6); a fraction of
 * a second is read and dropped, since the screen shows minutes. */
int caltime_parse_iso(const char *s, time_t *out)
{
    int y, mon, d, h, mi, sec = 0, oh = 0, om = 0, sign = 0, absolute = 0;
    const char *p;
    long long v;
    time_t t;

    if (s == NULL || out == NULL)
        return -1;
    if ((p = digits(s, 4, &y)) == NULL || *p++ != '-')
        return -1;
    if ((p = digits(p, 2, &mon)) == NULL || *p++ != '-')
        return -1;
    if ((p = digits(p, 2, &d)) == NULL)
        return -1;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    if ((p = digits(p + 1, 2, &h)) == NULL || *p++ != ':')
        return -1;
    if ((p = digits(p, 2, &mi)) == NULL)
        return -1;
    if (*p == ':') {
        if ((p = digits(p + 1, 2, &sec)) == NULL)
            return -1;
        if (*p == '.') {
            p++;
            if (*p < '0' || *p > '9')
                return -1;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    if (*p == 'Z' || *p == 'z') {
        absolute = 1;
        sign = 1;
        p++;
    } else if (*p == '+' || *p == '-') {
        absolute = 1;
        sign = *p == '+' ? 1 : -1;
        if ((p = digits(p + 1, 2, &oh)) == NULL || *p++ != ':')
            return -1;
        if ((p = digits(p, 2, &om)) == NULL)
            return -1;
    }
    if (*p != '\0')
        return -1;
    /* Section 5.7: a second of 60 is a leap second. */
    if (y < 1 || mon < 1 || mon > 12 || d < 1 || d > days_in_month(y, mon) || h > 23 ||
        mi > 59 || sec > 60 || oh > 23 || om > 59)
        return -1;
    if (absolute) {
        v = days_from_civil(y, mon, d) * SECS_PER_DAY + h * 3600LL + mi * 60LL + sec -
            sign * (oh * 3600LL + om * 60LL);
    } else {
        t = caltime_make(y, mon, d, h, mi);
        if (t == (time_t)-1)
            return -1;
        v = (long long)t + sec;
    }
    return to_time(v, out);
}

size_t caltime_format_iso(time_t t, int date_only, char *buf, size_t n)
{
    struct tm tm;
    size_t k;

    caltime_local(t, &tm);
    if (date_only)
        return strftime(buf, n, "%Y-%m-%d", &tm);
    k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S%z", &tm);
    if (k < 5 || k + 2 > n)
        return 0;
    /* %z gives +0100; RFC 3339 wants +01:00. */
    memmove(buf + k - 1, buf + k - 2, 3);
    buf[k - 2] = ':';
    return k + 1;
}
