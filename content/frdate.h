/* French date and time words, from our own tables (never the system locale,
 * which a minimal board lacks). Every function writes a NUL-terminated string
 * into buf (truncated to n, at a code point boundary so that it stays valid
 * UTF-8) and returns the length it wanted, as snprintf. buf may be NULL when n
 * is 0. */
#ifndef HS_FRDATE_H
#define HS_FRDATE_H

#include <stddef.h>
#include <time.h>

/* Returns "lundi" ... "dimanche" for weekday 0 = Monday ... 6 = Sunday, or
 * "" when out of range. The string is static. */
const char *frdate_weekday(int weekday);

/* Returns "janvier" ... "décembre" for month 1 ... 12, or "". Static. */
const char *frdate_month(int month);

/* "vendredi 27 novembre", "lundi 1er décembre" (the first of a month is
 * "1er"). The year is added ("mardi 5 janvier 2027") when t is not in the
 * same year as now and more than 180 days from it. */
size_t frdate_day(time_t t, time_t now, char *buf, size_t n);

/* The day of t said from now: "aujourd’hui" (typographic apostrophe U+2019),
 * "demain", else as frdate_day. */
size_t frdate_relative_day(time_t t, time_t now, char *buf, size_t n);

/* "10:15": the clock of the header, 24-hour, zero-padded. */
size_t frdate_clock(time_t t, char *buf, size_t n);

/* French typography for a time of day: "14 h", "9 h 30". */
size_t frdate_time(time_t t, char *buf, size_t n);

/* A time range on one day: "14 h – 16 h 30" (U+2013 with spaces). */
size_t frdate_range(time_t start, time_t end, char *buf, size_t n);

/* With a capital first letter: "Lundi" (ASCII-only first byte, always so in
 * French weekday names). Returns a static string. */
const char *frdate_weekday_cap(int weekday);

#endif
