/* The partners' sources at run time: each one's last good content, kept
 * fresh by one worker thread that fetches, parses and caches, and never
 * touched by a failure. The main loop only maps what is there into the
 * content model, when the worker says something changed. */
#ifndef HS_SOURCES_H
#define HS_SOURCES_H

#include <stddef.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"

struct sources;

/* What the screen knows about one source, for logs, status and tests. */
struct source_info {
    const char *name;       /* valid as long as the sources */
    int has_content;        /* a good body was parsed (from the network or the cache) */
    size_t nitems;          /* items of the current document */
    time_t last_success;    /* when its current body was received or confirmed; 0 never */
    time_t last_failure;    /* 0 when none since the last success */
    char error[256];        /* the last failure, in English; "" when none */
    int failures;           /* failures in a row */
};

/* Returns the window calendars are expanded over at now: from this week's
 * Monday to the later of the next week's end and HS_AGENDA_HORIZON_DAYS days
 * after today. */
void sources_window(time_t now, time_t *from, time_t *to);

/* Sets up the sources of cfg (which must outlive them). The cache lives in
 * cache_dir, else cfg->state_dir, else cache_dir_default(); when it cannot
 * be made, a warning is logged and nothing is cached. Returns NULL when
 * memory runs out. */
struct sources *sources_new(const struct cfg *cfg, const char *cache_dir);

/* Reads every source's cached body and parses it for now, so that the first
 * frame shows it without waiting for the network. Main thread, before
 * sources_start. Returns the number of sources shown from the cache. */
int sources_load_cache(struct sources *s, time_t now);

/* Fetches every source once, in turn, within the usual timeouts (for
 * 'snapshot --fetch' and tests). Not while the worker runs. */
void sources_fetch_all(struct sources *s, time_t now);

/* Runs the worker's pace (refresh, backoff) speed times faster, never
 * faster than one fetch a source every half second: for the soak test's
 * fast clock only. */
void sources_set_speed(struct sources *s, double speed);

/* Sets the total timeout of each fetch (default 30 s); for tests. */
void sources_set_timeout(struct sources *s, int seconds);

/* Starts the worker thread, which calls notify(arg) (may be NULL) from its
 * thread each time a source's content changes. Returns 0, or -1 when it
 * cannot start (the cached content is still shown). */
int sources_start(struct sources *s, time_t now, void (*notify)(void *), void *arg);

/* Tells the worker that the day changed: calendars are expanded again over
 * the window of now, from the bodies it holds (no network needed). */
void sources_set_now(struct sources *s, time_t now);

/* Adds to c every source's current items that are still to be shown at now
 * (feed_map) and raises c->updated to the newest success. Returns 0, or -1
 * when memory runs out (c then holds part of them). Main thread; sort c
 * afterwards. */
int sources_content(struct sources *s, time_t now, struct content *c);

/* Fills *out for source i (0 <= i < number of sources). Returns 0, or -1
 * when i is out of range. */
int sources_info(struct sources *s, size_t i, struct source_info *out);

/* Writes a one-line summary for systemd's STATUS= and logs: "3 sources, all
 * working" or "3 sources, 1 failing (caf: HTTP 404)". */
void sources_summary(struct sources *s, char *buf, size_t n);

/* Stops the worker (an ongoing transfer is cancelled within a fraction of a
 * second) and frees everything. Accepts NULL. */
void sources_free(struct sources *s);

#endif
