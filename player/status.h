/* What a technician, or the monitoring of a whole fleet, sees of a running
 * player without looking at its screen. The main loop fills a struct status
 * (player-wide figures and one entry per source) and writes it as:
 * - a JSON status file, which 'hallscreen status' prints for a person;
 * - metrics in the Prometheus text format (version 0.0.4), for
 *   node_exporter's textfile collector.
 * Both live in the runtime directory, a tmpfs (RAM, not the SD card), are
 * replaced atomically (a temporary "<file>.<pid>" in the same directory,
 * then rename), are not written again when their text did not change, are
 * readable by every user (mode 0644: node_exporter runs as its own user) and
 * never hold a source's URL: URLs may carry tokens.
 *
 * Fleet monitoring: node_exporter reads every "*.prom" file of one directory
 * (the temporaries do not end in .prom):
 *     node_exporter --collector.textfile.directory=/run/hallscreen
 * On Debian, ARGS="--collector.textfile.directory=/run/hallscreen" in
 * /etc/default/prometheus-node-exporter. Under systemd the runtime directory
 * (RuntimeDirectory=hallscreen) disappears when the service stops, so
 * absent(hallscreen_up) says that a player is down. */
#ifndef HS_STATUS_H
#define HS_STATUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/limits.h"
#include "sources.h"

#define STATUS_JSON_NAME "status.json"      /* in status_dir */
#define STATUS_METRICS_NAME "hallscreen.prom"
#define STATUS_STALE_S 120  /* a status file older than this: the player is not updating it */

/* One source, copied from sources_info (no pointer into the sources, which
 * a reload replaces). */
struct status_source {
    char name[HS_MAX_NAME_BYTES];
    char kind[16];          /* cfg_kind_name: "semainier", "ticker", ... */
    int has_content;        /* something of it is shown (from the network or the cache) */
    size_t nitems;          /* items of its current document */
    time_t last_success;    /* its current body received or confirmed; 0 never */
    time_t last_failure;    /* 0 when none since the last success */
    char error[256];        /* the last failure, in English; "" when none */
    int failures;           /* failures in a row */
};

/* A snapshot of the player. Plain data: the caller owns it (about 25 KB:
 * allocate it once, not on every loop). status_init sets version, pid and
 * started; status_collect sets config and the sources; the caller sets now,
 * frames, rss_bytes, updated and display before each write. */
struct status {
    const char *version;    /* HS_VERSION (status_init); a static string */
    long pid;
    time_t started;         /* when the player started */
    time_t now;             /* the moment described (the main loop's clock) */
    char config[1024];      /* the config file read; "" for the built-in defaults */
    const char *display;    /* display_path(); NULL or "" when none; static */
    uint64_t frames;        /* frames drawn since start */
    long rss_bytes;         /* resident memory (status_rss_bytes); -1 when unknown */
    time_t updated;         /* the content's newest update (content->updated); 0 none */
    size_t nsources;
    struct status_source sources[HS_MAX_SOURCES];
};

/* Clears *st and sets version (HS_VERSION), pid (getpid), started and
 * rss_bytes (-1). */
void status_init(struct status *st, time_t started);

/* Copies cfg's path (a longer one is cut) and the state of every source of s
 * into st (at most HS_MAX_SOURCES); s may be NULL (no sources). cfg is the
 * configuration s was made from. last_failure is 0 when failures is 0. Main
 * thread; one short lock per source. */
void status_collect(struct status *st, const struct cfg *cfg, struct sources *s);

/* Returns this process's resident memory in bytes (/proc/self/statm times
 * the page size), or -1 when unknown. One small read of procfs. */
long status_rss_bytes(void);

/* Writes the runtime directory into buf: the first entry of
 * $RUNTIME_DIRECTORY (systemd's RuntimeDirectory=, a ':' list), else
 * $XDG_RUNTIME_DIR/hallscreen, else /run/hallscreen when it is writable (or
 * can be made), else /tmp/hallscreen-<uid>; empty or relative values are
 * skipped. Returns 0, or -1 when it does not fit in n. */
int status_dir(char *buf, size_t n);

/* Writes "<status_dir>/<name>" into buf (name: STATUS_JSON_NAME or
 * STATUS_METRICS_NAME). Returns 0, or -1 when it does not fit in n. */
int status_path(const char *name, char *buf, size_t n);

/* For 'hallscreen status', run by another user than the service: writes the
 * path of the first status file that exists among the places status_dir
 * tries, $RUNTIME_DIRECTORY, $XDG_RUNTIME_DIR/hallscreen, /run/hallscreen and
 * /tmp/hallscreen-<uid>, in this order; status_path's when there is none.
 * Returns 0, or -1 when it does not fit in n. */
int status_find(char *buf, size_t n);

/* Creates dir and its missing parents (mode 0755), checks that it is a
 * writable directory of this user and not a symbolic link (it may be in
 * /tmp), and removes the temporaries a crash left ("status.json.<pid>",
 * "hallscreen.prom.<pid>"). Call once before writing. Returns 0, or -1 with
 * one English line in err. */
int status_prepare_dir(const char *dir, char *err, size_t errlen);

/* Writes st as JSON to path, atomically, unless the file already holds
 * exactly that text. Keys, always present:
 *   version, pid, started, now, config, display, frames, rss_bytes, updated,
 *   sources: [{name, kind, has_content, items, last_success, last_failure,
 *              error, failures, age_s}]
 * Times are ISO 8601 in the process's zone with its offset
 * ("2025-12-01T14:05:00+01:00"); unknown values (time 0, "" strings,
 * rss_bytes -1, age_s without content) are null. age_s is now minus
 * last_success, 0 when the clock went back. Returns 0 (written or
 * unchanged), or -1 with one English line in err; the previous file is then
 * intact. */
int status_write_json(const struct status *st, const char *path, char *err, size_t errlen);

/* Writes st as Prometheus text (exposition format 0.0.4) to path, atomically,
 * unless the file already holds exactly that text. Each family has its HELP
 * and TYPE lines: hallscreen_up, hallscreen_info{version}, _start_time_seconds,
 * _frames_total (counter), _resident_memory_bytes (left out when unknown),
 * and with a label source="NAME":
 * hallscreen_source_last_success_timestamp_seconds (0 when never),
 * _source_failures (in a row), _source_items, _source_up (1 when it has not
 * failed since its last success: failures is 0), _source_content_age_seconds
 * (left out for a source without content). Same returns as
 * status_write_json. */
int status_write_metrics(const struct status *st, const char *path, char *err, size_t errlen);

/* Reads the JSON status file at path and prints it for a person on out, in
 * English: the player (version, pid, uptime, config, display, frames,
 * memory), then one line per source, OK or FAILING, with its items and its
 * last success "12 min ago" relative to now. Nothing in the file is trusted:
 * missing keys or wrong types are shown as unknown, control characters and
 * bad UTF-8 become '?'. Returns 0 when every source works, 1 when one is
 * failing or the file was written more than STATUS_STALE_S before now (the
 * player is stuck or gone), 2 when the file is missing, unreadable or not a
 * status (then the error and a hint on errout, nothing on out). */
int status_print(const char *path, time_t now, FILE *out, FILE *errout);

#endif
