/* The last good body of each source, on disk, so that the screen shows it
 * again after a restart or a power cut while the network is down. One file
 * a source, replaced atomically (write a temporary, fsync, rename, fsync the
 * directory): a crash at any moment leaves the old entry or the new one, and
 * a torn or damaged file is detected by its checksum and refused. */
#ifndef HS_CACHE_H
#define HS_CACHE_H

#include <stddef.h>
#include <time.h>

/* Field order is part of the contract (callers initialise it positionally). */
struct cache_entry {
    char *url;                  /* the source URL the body came from; no line breaks */
    char *etag, *last_modified; /* validators; may be NULL */
    time_t stored;              /* when this body was fetched successfully (set by the
                                 * caller); an unchanged body keeps its first time, since
                                 * it is not written again */
    char *body;                 /* cache_load: NUL-terminated; may hold NUL bytes */
    size_t len;                 /* bytes of body, at most HS_MAX_FEED_BYTES */
};

/* Writes the cache directory into buf: the first entry of $CACHE_DIRECTORY
 * (systemd's CacheDirectory=, a ':' list), else $XDG_CACHE_HOME/hallscreen,
 * else $HOME/.cache/hallscreen, else /var/cache/hallscreen; empty or
 * relative values are skipped. Returns 0, or -1 when it does not fit in n. */
int cache_dir_default(char *buf, size_t n);

/* Creates dir and its missing parents (mode 0755, less the umask), checks
 * that it is a writable directory, and removes the temporaries a crash left
 * (".NAME.cache.tmp.PID"). Call before any cache_store runs. Returns 0, or -1
 * with one English line in err. */
int cache_prepare(const char *dir, char *err, size_t errlen);

/* Stores e as the entry of source name ("<dir>/<name>.cache"); name is made
 * of letters, digits, '-', '_' and '.', does not start with '.', and is
 * shorter than HS_MAX_NAME_BYTES. Does not write when the entry on disk
 * already has the same url, validators and body (SD cards wear out). A
 * validator that is too long or holds control characters is stored as
 * absent. Returns 0 once the entry is durable, or -1 with one English line
 * in err (bad name, url missing or with control characters, body over
 * HS_MAX_FEED_BYTES, I/O error); the previous entry is then intact. Not
 * for concurrent calls with the same name. */
int cache_store(const char *dir, const char *name, const struct cache_entry *e, char *err,
                size_t errlen);

/* Loads the entry of source name into *out (zeroed first; the caller frees
 * it with cache_entry_free). Returns 0 when a complete, consistent entry
 * exists, or -1 when it is absent, damaged (then left on disk, for a look)
 * or the name is refused, or memory runs out. */
int cache_load(const char *dir, const char *name, struct cache_entry *out);

/* Frees what e holds and zeroes it. Accepts NULL and a zeroed entry. */
void cache_entry_free(struct cache_entry *e);

#endif
