/* iCalendar (RFC 5545) through libical: recurring permanences expanded into
 * dated occurrences over the window the screen needs.
 *
 * libical keeps process-wide state: whether errors abort (errors_are_fatal,
 * set by the build), the table of built-in time zones and their expanded
 * changes (loaded on first use), a per-thread ring of temporary strings, and
 * an error setting its parser switches while it reads. So ical_parse is not
 * reentrant: call it from one thread at a time (any thread). */
#ifndef HS_ICAL_H
#define HS_ICAL_H

#include <stddef.h>
#include <time.h>

#include "feed.h"

/* Makes libical's errors non-fatal (a build with ICAL_ERRORS_ARE_FATAL would
 * abort() on bad input) and loads its table of time zones. Call it once from
 * the main thread before any thread parses a calendar. */
void ical_global_init(void);

/* Releases what libical keeps for the life of the process (built-in time
 * zones, the calling thread's temporary strings). Call it at exit, after
 * every thread that parsed is done; ical_parse works again afterwards. */
void ical_global_cleanup(void);

/* Parses buf[0..len) and returns a document of format ICAL whose items are
 * the occurrences that overlap [from, to), sorted by start, at most
 * HS_MAX_FEED_ITEMS; usable 0 with problems when the calendar cannot be read;
 * NULL only when memory runs out. Floating times and all-day dates are read
 * in the process's time zone (caltime). No I/O and no clock of its own; libical
 * reads the system's tzdata for a TZID that the file does not describe (once
 * a zone, then cached) and the clock once a process, to size its tables of
 * time zone changes, which does not change the result. Work is bounded: a
 * rule libical would expand for long is refused with a warning. Caller frees
 * with feed_doc_free. */
struct feed_doc *ical_parse(const char *buf, size_t len, time_t from, time_t to);

#endif
