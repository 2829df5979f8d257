/* Dates as feeds write them: RFC 822/2822 in all its real-world shapes
 * (English or French day and month names, two-digit years, named zones,
 * "14h30"), RFC 3339 / ISO 8601 (extended and basic, as xCal writes it) and
 * the French "30/11/2026 14:00" of hand-made feeds. */
#ifndef HS_DATE_H
#define HS_DATE_H

#include <time.h>

/* Parses s (NUL-terminated; white space around it is ignored). Returns 0 and
 * sets *out, or -1 when s is not understood or names a day or time that does
 * not exist ("31/11/2026", "24:00"), a year outside 1970-9999, or an instant
 * not after 1970-01-01 00:00:00 UTC (0 means "absent" in the model). When s
 * has no time of day, *out is local midnight of that day and *date_only is
 * set to 1, else to 0; date_only may be NULL. A time without a zone is local
 * time (one skipped by a DST change moves forward, as caltime_make does).
 * Reads no clock: only the process's time zone (caltime). */
int date_parse(const char *s, time_t *out, int *date_only);

/* Returns the French words for what date_parse accepts, to end a problem
 * message: "une date comme Mon, 30 Nov 2026 14:00:00 +0100 ou
 * 2026-11-30T14:00:00+01:00". Static. */
const char *date_hint(void);

#endif
