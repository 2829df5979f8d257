/* The on-disk cache of each source's last good body. Crash safety is the
 * classic sequence (write a temporary, fsync it, rename it over the entry,
 * fsync the directory, as ext4 and POSIX rename(2) make atomic), and every
 * entry ends with a checksum of all that precedes it, so that a file torn by
 * a disk that lied about fsync, or damaged later, is refused, not shown. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../content/dirpath.h"
#include "../content/limits.h"

#define MAGIC "hallscreen-cache 1\n"
#define TEMP_MARK ".cache.tmp."
#define TRAILER_BYTES 21                    /* "end " + 16 hex digits + "\n" */
#define MAX_FILE_BYTES (HS_MAX_FEED_BYTES + 64 * 1024)
#define MAX_STORED_DIGITS 24                /* "stored -9223372036854775808" and margin */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void cache_entry_free(struct cache_entry *e)
{
    if (!e)
        return;
    free(e->url);
    free(e->etag);
    free(e->last_modified);
    free(e->body);
    memset(e, 0, sizeof *e);
}

/* FNV-1a, 64 bits, continued from h: enough to tell a torn or damaged file
 * from a whole one (not a defence against someone forging entries, who
 * could write the cache directory anyway). */
static uint64_t fnv1a(uint64_t h, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 0x100000001b3u;
    }
    return h;
}

#define FNV_OFFSET 0xcbf29ce484222325u

/* A source name as the config allows it, and safe as a file name. */
static int name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n >= HS_MAX_NAME_BYTES || name[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

/* A header value: one line, no control characters, bounded. */
static int value_ok(const char *v, size_t len)
{
    if (len == 0 || len > HS_MAX_URL_BYTES)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return 0;
    return 1;
}

static int entry_path(char *buf, size_t n, const char *dir, const char *name)
{
    int w = snprintf(buf, n, "%s/%s.cache", dir, name);
    return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* ---- reading ---- */

/* Reads the regular file at path, at most cap bytes, into a new buffer with
 * a NUL after it. Returns 0, or -1 when absent, not regular, larger than cap,
 * unreadable, or memory runs out. */
static int read_file(const char *path, size_t cap, char **out, size_t *outlen)
{
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    int rc = -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
        (uintmax_t)st.st_size > cap)
        goto cleanup;
    /* One byte more than fstat said, to see a file that grew meanwhile. */
    buf = malloc((size_t)st.st_size + 2);
    if (!buf)
        goto cleanup;
    for (;;) {
        size_t room = (size_t)st.st_size + 1 - len;
        if (room == 0)
            goto cleanup;
        ssize_t got = read(fd, buf + len, room);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            goto cleanup;
        if (got == 0)
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    buf = NULL;
    rc = 0;
cleanup:
    free(buf);
    close(fd);
    return rc;
}

/* Cursor over a file being parsed. */
struct reader {
    const char *p, *end;
};

/* Takes the next line "key value\n" when it starts with key and a space:
 * sets *v and *vlen to the value. Returns 1 when taken, 0 when the next line
 * is another key, -1 when there is no complete line. */
static int take_line(struct reader *r, const char *key, const char **v, size_t *vlen)
{
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    size_t kl = strlen(key);
    if (!nl)
        return -1;
    if ((size_t)(nl - r->p) <= kl || memcmp(r->p, key, kl) != 0 || r->p[kl] != ' ')
        return 0;
    *v = r->p + kl + 1;
    *vlen = (size_t)(nl - *v);
    r->p = nl + 1;
    return 1;
}

/* Parses a decimal integer of exactly s[0..n), optionally negative, within
 * [min, max]. Returns 0 or -1. */
static int parse_int(const char *s, size_t n, long long min, long long max, long long *out)
{
    int neg = n > 0 && s[0] == '-';
    size_t i = neg ? 1 : 0;
    long long v = 0;
    if (i == n || n - i > 19)
        return -1;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        int d = s[i] - '0';
        if (v > (LLONG_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (neg)
        v = -v;
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static char *dup_value(const char *v, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, v, n);
        s[n] = '\0';
    }
    return s;
}

/* Parses a whole cache file buf[0..len) into *out. Returns 0, or -1 when it
 * is not a complete, consistent entry, or memory runs out. */
static int parse_entry(const char *buf, size_t len, struct cache_entry *out)
{
    struct reader r = {buf, buf + len};
    const char *url, *etag = NULL, *lm = NULL, *stored, *length;
    size_t url_n, etag_n = 0, lm_n = 0, stored_n, length_n;
    long long when, body_n;
    char trailer[TRAILER_BYTES + 1];
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (len < strlen(MAGIC) || memcmp(buf, MAGIC, strlen(MAGIC)) != 0)
        return -1;
    r.p += strlen(MAGIC);
    if (take_line(&r, "url", &url, &url_n) != 1 || !value_ok(url, url_n))
        return -1;
    if (take_line(&r, "etag", &etag, &etag_n) == 1 && !value_ok(etag, etag_n))
        return -1;
    if (take_line(&r, "last-modified", &lm, &lm_n) == 1 && !value_ok(lm, lm_n))
        return -1;
    if (take_line(&r, "stored", &stored, &stored_n) != 1 ||
        parse_int(stored, stored_n, sizeof(time_t) < 8 ? INT32_MIN : -LLONG_MAX,
                  sizeof(time_t) < 8 ? INT32_MAX : LLONG_MAX, &when) != 0)
        return -1;
    if (take_line(&r, "length", &length, &length_n) != 1 ||
        parse_int(length, length_n, 0, HS_MAX_FEED_BYTES, &body_n) != 0)
        return -1;
    if (r.p >= r.end || *r.p != '\n')
        return -1;
    r.p++;
    /* Then exactly the body and the trailer: nothing missing, nothing more. */
    if ((size_t)(r.end - r.p) != (size_t)body_n + TRAILER_BYTES)
        return -1;
    uint64_t h = fnv1a(FNV_OFFSET, buf, (size_t)(r.p - buf) + (size_t)body_n);
    snprintf(trailer, sizeof trailer, "end %016llx\n", (unsigned long long)h);
    if (memcmp(r.p + body_n, trailer, TRAILER_BYTES) != 0)
        return -1;

    out->url = dup_value(url, url_n);
    out->etag = etag ? dup_value(etag, etag_n) : NULL;
    out->last_modified = lm ? dup_value(lm, lm_n) : NULL;
    out->body = dup_value(r.p, (size_t)body_n);
    if (!out->url || (etag && !out->etag) || (lm && !out->last_modified) || !out->body)
        goto cleanup;
    out->stored = (time_t)when;
    out->len = (size_t)body_n;
    rc = 0;
cleanup:
    if (rc != 0)
        cache_entry_free(out);
    return rc;
}

static int load_path(const char *path, struct cache_entry *out)
{
    char *buf = NULL;
    size_t len = 0;
    memset(out, 0, sizeof *out);
    if (read_file(path, MAX_FILE_BYTES, &buf, &len) != 0)
        return -1;
    int rc = parse_entry(buf, len, out);
    free(buf);
    return rc;
}

int cache_load(const char *dir, const char *name, struct cache_entry *out)
{
    char path[PATH_MAX];
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (!dir || !name_ok(name) || entry_path(path, sizeof path, dir, name) != 0)
        return -1;
    return load_path(path, out);
}

/* ---- writing ---- */

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

static int same_string(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Returns 1 when the entry at path holds the same url, validators and body;
 * size is what the new file would weigh. Only the stored time may differ,
 * which moves the size by a few bytes: any other size is a change, seen
 * without reading. */
static int same_on_disk(const char *path, const char *url, const char *etag, const char *lm,
                        const char *body, size_t len, size_t size)
{
    struct cache_entry old;
    struct stat st;
    int same;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0)
        return 0;
    if ((uintmax_t)st.st_size + MAX_STORED_DIGITS < size ||
        (uintmax_t)st.st_size > size + MAX_STORED_DIGITS)
        return 0;
    if (load_path(path, &old) != 0)
        return 0;
    same = same_string(old.url, url) && same_string(old.etag, etag) &&
           same_string(old.last_modified, lm) && old.len == len &&
           (len == 0 || memcmp(old.body, body, len) == 0);
    cache_entry_free(&old);
    return same;
}

/* Appends "key value\n" at buf + *at (room checked by the caller's sizing). */
static void put_line(char *buf, size_t size, size_t *at, const char *key, const char *value)
{
    int w = snprintf(buf + *at, size - *at, "%s %s\n", key, value);
    if (w > 0)
        *at += (size_t)w;
}

int cache_store(const char *dir, const char *name, const struct cache_entry *e, char *err,
                size_t errlen)
{
    char path[PATH_MAX], tmp[PATH_MAX], number[32], trailer[TRAILER_BYTES + 1];
    char *head = NULL;
    size_t head_size, at = 0;
    int fd = -1, dfd = -1, rc = -1, made_tmp = 0;

    if (err && errlen > 0)
        err[0] = '\0';
    if (!dir || !dir[0] || !e) {
        set_err(err, errlen, "no cache directory or entry");
        return -1;
    }
    if (!name_ok(name)) {
        set_err(err, errlen, "source name refused as a cache file name (expected letters, "
                "digits, '-', '_' and '.', not first)");
        return -1;
    }
    if (!e->url || !value_ok(e->url, strlen(e->url))) {
        set_err(err, errlen, "the URL is missing, too long or holds control characters");
        return -1;
    }
    if (e->len > HS_MAX_FEED_BYTES || (e->len > 0 && !e->body)) {
        set_err(err, errlen, "body over %d bytes, or missing", HS_MAX_FEED_BYTES);
        return -1;
    }
    /* A validator that cannot be one line is only an optimisation lost. */
    const char *etag = e->etag && value_ok(e->etag, strlen(e->etag)) ? e->etag : NULL;
    const char *lm = e->last_modified && value_ok(e->last_modified, strlen(e->last_modified))
                         ? e->last_modified
                         : NULL;
    if (entry_path(path, sizeof path, dir, name) != 0) {
        set_err(err, errlen, "cache path too long");
        return -1;
    }
    int w = snprintf(tmp, sizeof tmp, "%s/.%s" TEMP_MARK "%ld", dir, name, (long)getpid());
    if (w < 0 || (size_t)w >= sizeof tmp) {
        set_err(err, errlen, "cache path too long");
        return -1;
    }

    head_size = strlen(MAGIC) + strlen(e->url) + (etag ? strlen(etag) : 0) +
                (lm ? strlen(lm) : 0) + 128;
    head = malloc(head_size);
    if (!head) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    memcpy(head, MAGIC, strlen(MAGIC));
    at = strlen(MAGIC);
    put_line(head, head_size, &at, "url", e->url);
    if (etag)
        put_line(head, head_size, &at, "etag", etag);
    if (lm)
        put_line(head, head_size, &at, "last-modified", lm);
    snprintf(number, sizeof number, "%lld", (long long)e->stored);
    put_line(head, head_size, &at, "stored", number);
    snprintf(number, sizeof number, "%zu", e->len);
    put_line(head, head_size, &at, "length", number);
    head[at++] = '\n';
    uint64_t h = fnv1a(fnv1a(FNV_OFFSET, head, at), e->body, e->len);
    snprintf(trailer, sizeof trailer, "end %016llx\n", (unsigned long long)h);

    if (same_on_disk(path, e->url, etag, lm, e->body, e->len, at + e->len + TRAILER_BYTES)) {
        rc = 0;
        goto cleanup;
    }

    fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0 && errno == EEXIST) {
        /* Left by a crashed process that had our pid. */
        unlink(tmp);
        fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
    }
    if (fd < 0) {
        set_err(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    made_tmp = 1;
    if (write_all(fd, head, at) != 0 || write_all(fd, e->body ? e->body : "", e->len) != 0 ||
        write_all(fd, trailer, TRAILER_BYTES) != 0) {
        set_err(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    if (fsync(fd) != 0) {
        set_err(err, errlen, "cannot sync %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0) {
        set_err(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    if (rename(tmp, path) != 0) {
        set_err(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        goto cleanup;
    }
    made_tmp = 0;
    /* The rename itself is durable once the directory is. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL)) {
        set_err(err, errlen, "stored %s, but cannot sync its directory: %s", path,
                strerror(errno));
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (fd >= 0)
        close(fd);
    if (dfd >= 0)
        close(dfd);
    if (made_tmp)
        unlink(tmp);
    free(head);
    return rc;
}

/* ---- directory ---- */

/* Returns 1 for ".<name>.cache.tmp.<digits>", a temporary of cache_store. */
static int is_temp_name(const char *n)
{
    const char *mark;
    if (n[0] != '.')
        return 0;
    mark = strstr(n + 1, TEMP_MARK);
    if (!mark || mark == n + 1)
        return 0;
    const char *digits = mark + strlen(TEMP_MARK);
    if (!*digits)
        return 0;
    for (const char *c = digits; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    return 1;
}

int cache_prepare(const char *dir, char *err, size_t errlen)
{
    char path[PATH_MAX];
    struct stat st;
    size_t n = dir ? strlen(dir) : 0;
    DIR *d;

    if (err && errlen > 0)
        err[0] = '\0';
    if (n == 0 || n >= sizeof path) {
        set_err(err, errlen, "cache directory name empty or too long");
        return -1;
    }
    memcpy(path, dir, n + 1);
    /* mkdir -p: each parent in turn, then dir itself. */
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
            return -1;
        }
        path[i] = c;
    }
    if (stat(dir, &st) != 0) {
        set_err(err, errlen, "cannot use %s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_err(err, errlen, "%s is not a directory", dir);
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        set_err(err, errlen, "cannot write in %s: %s", dir, strerror(errno));
        return -1;
    }
    d = opendir(dir);
    if (!d) {
        set_err(err, errlen, "cannot list %s: %s", dir, strerror(errno));
        return -1;
    }
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        /* Best effort: a temporary that stays is only wasted space. */
        if (is_temp_name(ent->d_name))
            unlinkat(dirfd(d), ent->d_name, 0);
    }
    closedir(d);
    return 0;
}

int cache_dir_default(char *buf, size_t n)
{
    const char *v;
    int r;
    if (!buf || n == 0)
        return -1;
    buf[0] = '\0';
    r = dirpath_from_env_list(buf, n, "CACHE_DIRECTORY");
    if (r != 0)
        goto done;
    v = getenv("XDG_CACHE_HOME");
    r = dirpath_join(buf, n, v, v ? strlen(v) : 0, "/hallscreen");
    if (r != 0)
        goto done;
    v = getenv("HOME");
    r = dirpath_join(buf, n, v, v ? strlen(v) : 0, "/.cache/hallscreen");
    if (r != 0)
        goto done;
    r = dirpath_join(buf, n, "/var/cache/hallscreen", strlen("/var/cache/hallscreen"), "");
done:
    if (r != 1) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}
