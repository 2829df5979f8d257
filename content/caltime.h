/* Local calendar arithmetic in the screen's time zone. Only the main loop
 * reads the real clock; everything here takes the time as a parameter, so
 * tests pin it, including the DST changes of Europe/Paris. The zone is the
 * process's (TZ + tzset): hallscreen shows one zone, and no worker thread
 * converts local times. */
#ifndef HS_CALTIME_H
#define HS_CALTIME_H

#include <time.h>

/* Makes zone (an IANA name such as "Europe/Paris") the zone of every
 * function below; NULL or "" restores the system's (unsets TZ). Returns 0, or
 * -1 when the zone is not found in the system's tzdata (the zone is then
 * unchanged). Sets the TZ environment variable: call it from the main thread
 * before any other thread starts. */
int caltime_set_zone(const char *zone);

/* Returns 1 when zone names a zone of the system's tzdata (a TZif file under
 * $TZDIR, else /usr/share/zoneinfo; no absolute path, no ".."), else 0. */
int caltime_zone_exists(const char *zone);

/* Breaks t down in local time into *out (tm_wday as the C library: 0 = Sunday). */
void caltime_local(time_t t, struct tm *out);

/* Returns the weekday of t in local time, 0 = Monday ... 6 = Sunday. */
int caltime_weekday(time_t t);

/* Returns the minutes since local midnight of t (0 to 1439). */
int caltime_minute_of_day(time_t t);

/* Returns the instant of the local wall time y-mon-d h:mi (mon 1-12). A time
 * that does not exist (spring forward) is moved forward by the gap; an
 * ambiguous one (fall back) is the first of the two. Fields out of range are
 * normalised as mktime does (day 32 = the 1st of the next month). Returns
 * (time_t)-1 when the date falls outside years 1-9999 or what time_t holds. */
time_t caltime_make(int y, int mon, int d, int h, int mi);

/* Returns local midnight of the day that holds t. */
time_t caltime_day_start(time_t t);

/* Returns local midnight n days after (n < 0: before) the day that holds t;
 * DST-safe: a day is not 86400 s twice a year. */
time_t caltime_add_days(time_t t, int n);

/* Returns the local Monday 00:00 of the week that holds t. */
time_t caltime_week_start(time_t t);

/* Returns the number of local days from the day of a to the day of b
 * (b's day minus a's day; 1 when b is tomorrow of a). */
int caltime_days_between(time_t a, time_t b);

/* Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" (also with a space for T) as local
 * time, or followed by "Z" or "+HH:MM"/"-HH:MM" as an absolute time (RFC 3339;
 * the fraction is dropped, lower-case t and z are accepted). Returns 0 and
 * sets *out, or -1 on anything else (bad fields, trailing text). */
int caltime_parse_iso(const char *s, time_t *out);

/* Writes t as RFC 3339 local time with its offset, "2026-11-30T14:00:00+01:00",
 * or with date_only as "2026-11-30", into buf. Returns the length, or 0 when
 * it does not fit in n. */
size_t caltime_format_iso(time_t t, int date_only, char *buf, size_t n);

#endif
