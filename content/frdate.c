/* French date and time words. Typography follows the Lexique des règles
 * typographiques en usage à l'Imprimerie nationale: "1er" for the first of a
 * month, "14 h 30" for a time of day, an en dash between the ends of a range,
 * and the typographic apostrophe (U+2019) in "aujourd’hui". */
#include "frdate.h"

#include <stdio.h>
#include <stdlib.h>

#include "caltime.h"

/* Beyond this many days, a date of another year says its year. */
#define FRDATE_YEAR_DAYS 180

static const char *const weekdays[7] = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
};

static const char *const weekdays_cap[7] = {
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
};

static const char *const months[12] = {
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
};

/* Turns snprintf's result into ours. When the text was cut, drops a code
 * point left incomplete at the end, so the buffer always holds valid UTF-8
 * ("–" and "é" are several bytes). */
static size_t finish(int r, char *buf, size_t n)
{
    size_t len, i, lead;

    if (r < 0) {
        if (n > 0)
            buf[0] = '\0';
        return 0;
    }
    if ((size_t)r < n || n == 0)
        return (size_t)r;
    len = n - 1;
    i = len;
    while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0 && ((unsigned char)buf[i - 1] & 0x80) != 0) {
        unsigned char b = (unsigned char)buf[i - 1];

        lead = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (len - (i - 1) < lead)
            buf[i - 1] = '\0';
    }
    return (size_t)r;
}

const char *frdate_weekday(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekdays[weekday] : "";
}

const char *frdate_weekday_cap(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekdays_cap[weekday] : "";
}

const char *frdate_month(int month)
{
    return month >= 1 && month <= 12 ? months[month - 1] : "";
}

size_t frdate_day(time_t t, time_t now, char *buf, size_t n)
{
    struct tm tm, tm_now;
    const char *wday, *ord;
    int r;

    caltime_local(t, &tm);
    caltime_local(now, &tm_now);
    wday = frdate_weekday((tm.tm_wday + 6) % 7);
    ord = tm.tm_mday == 1 ? "er" : "";
    if (tm.tm_year != tm_now.tm_year && abs(caltime_days_between(now, t)) > FRDATE_YEAR_DAYS)
        r = snprintf(buf, n, "%s %d%s %s %d", wday, tm.tm_mday, ord,
                     frdate_month(tm.tm_mon + 1), tm.tm_year + 1900);
    else
        r = snprintf(buf, n, "%s %d%s %s", wday, tm.tm_mday, ord, frdate_month(tm.tm_mon + 1));
    return finish(r, buf, n);
}

size_t frdate_relative_day(time_t t, time_t now, char *buf, size_t n)
{
    switch (caltime_days_between(now, t)) {
    case 0:
        return finish(snprintf(buf, n, "aujourd\u2019hui"), buf, n);
    case 1:
        return finish(snprintf(buf, n, "demain"), buf, n);
    default:
        return frdate_day(t, now, buf, n);
    }
}

size_t frdate_clock(time_t t, char *buf, size_t n)
{
    struct tm tm;

    caltime_local(t, &tm);
    return finish(snprintf(buf, n, "%02d:%02d", tm.tm_hour, tm.tm_min), buf, n);
}

size_t frdate_time(time_t t, char *buf, size_t n)
{
    struct tm tm;

    caltime_local(t, &tm);
    if (tm.tm_min == 0)
        return finish(snprintf(buf, n, "%d h", tm.tm_hour), buf, n);
    return finish(snprintf(buf, n, "%d h %02d", tm.tm_hour, tm.tm_min), buf, n);
}

size_t frdate_range(time_t start, time_t end, char *buf, size_t n)
{
    char a[16], b[16];

    frdate_time(start, a, sizeof(a));
    frdate_time(end, b, sizeof(b));
    return finish(snprintf(buf, n, "%s \u2013 %s", a, b), buf, n);
}
