/* The status file, the metrics and 'hallscreen status'. */
#include "status.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../content/caltime.h"
#include "../content/dirpath.h"
#include "../content/utf8.h"
#include "../feeds/strbuf.h"

#ifndef HS_VERSION
#define HS_VERSION "unknown"
#endif

/* Bytes of a status or metrics file, written or read: 64 sources take about
 * 40 KB of JSON. (A cap: its place is content/limits.h.) */
#define STATUS_MAX_BYTES (1024 * 1024)
#define STATUS_PRINT_ERROR_BYTES 200  /* of a source's error, when printed */
#define STATUS_PRINT_NAME_COLS 24     /* names are padded to the longest, up to this */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

void status_init(struct status *st, time_t started)
{
    memset(st, 0, sizeof(*st));
    st->version = HS_VERSION;
    st->pid = (long)getpid();
    st->started = started;
    st->rss_bytes = -1;
}

void status_collect(struct status *st, const struct cfg *cfg, struct sources *s)
{
    size_t n = 0;

    copy_str(st->config, sizeof(st->config), cfg ? cfg->path : NULL);
    for (size_t i = 0; s != NULL && cfg != NULL && i < cfg->nsources && n < HS_MAX_SOURCES; i++) {
        struct status_source *o = &st->sources[n];
        struct source_info info;

        if (sources_info(s, i, &info) != 0)
            break;
        copy_str(o->name, sizeof(o->name), info.name);
        copy_str(o->kind, sizeof(o->kind), cfg_kind_name(cfg->sources[i].kind));
        o->has_content = info.has_content;
        o->nitems = info.nitems;
        o->last_success = info.last_success;
        /* No failure since the last success when none is counted: a 304
         * after failures leaves sources' last_failure set. */
        o->last_failure = info.failures > 0 ? info.last_failure : 0;
        copy_str(o->error, sizeof(o->error), info.error);
        o->failures = info.failures;
        n++;
    }
    st->nsources = n;
}

long status_rss_bytes(void)
{
    char buf[256], *p, *end;
    unsigned long long pages;
    long page = sysconf(_SC_PAGESIZE);
    ssize_t k;
    int fd;

    fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || page <= 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    do
        k = read(fd, buf, sizeof(buf) - 1);
    while (k < 0 && errno == EINTR);
    close(fd);
    if (k <= 0)
        return -1;
    buf[k] = '\0';
    /* "size resident shared text lib data dt", in pages (proc(5)). */
    errno = 0;
    (void)strtoull(buf, &p, 10);
    if (errno != 0 || p == buf || *p != ' ')
        return -1;
    pages = strtoull(p, &end, 10);
    if (errno != 0 || end == p || (*end != ' ' && *end != '\n' && *end != '\0'))
        return -1;
    /* A 32-bit long holds 2 GiB: more is "unknown", not a wrapped figure. */
    if (pages > (unsigned long long)LONG_MAX / (unsigned long long)page)
        return -1;
    return (long)(pages * (unsigned long long)page);
}

/* Writes the k-th place a status directory may be (0 to 3, in the order of
 * status_dir) into buf. Returns 1 when written, 0 when that place is unset,
 * -1 when it does not fit. */
static int candidate_dir(int k, char *buf, size_t n)
{
    const char *v;
    char tmp[64];

    switch (k) {
    case 0:
        return dirpath_from_env_list(buf, n, "RUNTIME_DIRECTORY");
    case 1:
        v = getenv("XDG_RUNTIME_DIR");
        return dirpath_join(buf, n, v, v ? strlen(v) : 0, "/hallscreen");
    case 2:
        return dirpath_join(buf, n, "/run/hallscreen", strlen("/run/hallscreen"), "");
    default:
        snprintf(tmp, sizeof(tmp), "/tmp/hallscreen-%lu", (unsigned long)geteuid());
        return dirpath_join(buf, n, tmp, strlen(tmp), "");
    }
}

int status_dir(char *buf, size_t n)
{
    if (buf == NULL || n == 0)
        return -1;
    for (int k = 0; k < 4; k++) {
        int r = candidate_dir(k, buf, n);

        if (r < 0)
            break;
        if (r == 0)
            continue;
        /* /run/hallscreen: made by the package (tmpfiles) or by root. */
        if (k == 2 && access(buf, W_OK | X_OK) != 0 &&
            (errno != ENOENT || access("/run", W_OK | X_OK) != 0))
            continue;
        return 0;
    }
    buf[0] = '\0';
    return -1;
}

/* Writes "<dir>/<name>" into buf. Returns 0, or -1 when it does not fit. */
static int join(const char *dir, const char *name, char *buf, size_t n)
{
    int w = snprintf(buf, n, "%s/%s", dir, name);

    if (w < 0 || (size_t)w >= n) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

int status_path(const char *name, char *buf, size_t n)
{
    char dir[PATH_MAX];

    if (buf == NULL || n == 0)
        return -1;
    if (status_dir(dir, sizeof(dir)) != 0) {
        buf[0] = '\0';
        return -1;
    }
    return join(dir, name, buf, n);
}

int status_find(char *buf, size_t n)
{
    char dir[PATH_MAX];

    if (buf == NULL || n == 0)
        return -1;
    for (int k = 0; k < 4; k++) {
        if (candidate_dir(k, dir, sizeof(dir)) != 1)
            continue;
        if (join(dir, STATUS_JSON_NAME, buf, n) == 0 && access(buf, F_OK) == 0)
            return 0;
    }
    return status_path(STATUS_JSON_NAME, buf, n);
}

/* Returns 1 when name is a temporary of ours: "<file>.<digits>". */
static int is_temp_name(const char *name)
{
    static const char *const files[] = {STATUS_JSON_NAME ".", STATUS_METRICS_NAME "."};

    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t k = strlen(files[i]);
        const char *p = name + k;

        if (strncmp(name, files[i], k) != 0 || *p == '\0')
            continue;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '\0')
            return 1;
    }
    return 0;
}

int status_prepare_dir(const char *dir, char *err, size_t errlen)
{
    char path[PATH_MAX];
    struct stat st;
    size_t n = dir ? strlen(dir) : 0;
    struct dirent *ent;
    DIR *d;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (n == 0 || n >= sizeof(path) || dir[0] != '/') {
        set_err(err, errlen, "status directory '%s' is empty, relative or too long",
                dir ? dir : "");
        return -1;
    }
    memcpy(path, dir, n + 1);
    /* mkdir -p: each parent in turn, then dir itself. */
    for (size_t i = 1; i <= n; i++) {
        char c = path[i];

        if (c != '/' && c != '\0')
            continue;
        path[i] = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
            return -1;
        }
        path[i] = c;
    }
    /* It may be in /tmp, where anyone can make a name first. */
    if (lstat(dir, &st) != 0) {
        set_err(err, errlen, "cannot use %s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_err(err, errlen, "%s is not a directory (a symbolic link?); remove it", dir);
        return -1;
    }
    if (st.st_uid != geteuid()) {
        set_err(err, errlen, "%s belongs to user %lu, not to this one (%lu); remove it or set "
                "RUNTIME_DIRECTORY", dir, (unsigned long)st.st_uid, (unsigned long)geteuid());
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        set_err(err, errlen, "cannot write in %s: %s", dir, strerror(errno));
        return -1;
    }
    d = opendir(dir);
    if (d == NULL) {
        set_err(err, errlen, "cannot list %s: %s", dir, strerror(errno));
        return -1;
    }
    while ((ent = readdir(d)) != NULL)
        if (is_temp_name(ent->d_name))
            unlinkat(dirfd(d), ent->d_name, 0); /* best effort: only wasted RAM */
    closedir(d);
    return 0;
}

/* Returns 1 when path is a regular file holding exactly text[0..len). */
static int holds(const char *path, const char *text, size_t len)
{
    char buf[4096];
    struct stat st;
    size_t off = 0;
    int same = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
        (uintmax_t)st.st_size != (uintmax_t)len)
        goto done;
    for (;;) {
        ssize_t k = read(fd, buf, sizeof(buf));

        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            goto done;
        if (k == 0)
            break;
        if ((size_t)k > len - off || memcmp(buf, text + off, (size_t)k) != 0)
            goto done;
        off += (size_t)k;
    }
    same = off == len;
done:
    close(fd);
    return same;
}

/* Replaces path with text[0..len) through "<path>.<pid>" and rename, unless
 * it holds exactly that already. Returns 0, or -1 with a line in err. */
static int write_atomic(const char *path, const char *text, size_t len, char *err,
                        size_t errlen)
{
    char tmp[PATH_MAX];
    size_t off = 0;
    int fd = -1, ret = -1, w;

    if (holds(path, text, len))
        return 0;
    w = snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
    if (w < 0 || (size_t)w >= sizeof(tmp)) {
        set_err(err, errlen, "status file name too long: %s", path);
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        set_err(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    /* node_exporter reads it as its own user, whatever our umask. */
    if (fchmod(fd, 0644) != 0) {
        set_err(err, errlen, "cannot make %s readable: %s", tmp, strerror(errno));
        goto cleanup;
    }
    while (off < len) {
        ssize_t k = write(fd, text + off, len - off);

        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            set_err(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
            goto cleanup;
        }
        off += (size_t)k;
    }
    w = close(fd);
    fd = -1;
    if (w != 0) {
        set_err(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    if (rename(tmp, path) != 0) {
        set_err(err, errlen, "cannot replace %s: %s", path, strerror(errno));
        goto cleanup;
    }
    ret = 0;
cleanup:
    if (fd >= 0)
        close(fd);
    if (ret != 0)
        unlink(tmp);
    return ret;
}

/* ISO 8601 in the process's zone with its offset: 2025-12-01T14:05:00+01:00
 * (the shape of check.c's); null for 0. */
static json_t *json_time(time_t t)
{
    char buf[40];

    if (t == 0 || caltime_format_iso(t, 0, buf, sizeof(buf)) == 0)
        return json_null();
    return json_string(buf);
}

/* A string, or null for NULL and "". Invalid UTF-8 (a path can hold any
 * byte) is repaired, since JSON text is UTF-8. */
static json_t *json_text(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *clean;
    json_t *j;

    if (n == 0)
        return json_null();
    if (utf8_valid(s, n))
        return json_string(s);
    clean = utf8_clean(s, n, HS_MAX_TEXT_BYTES);
    if (clean == NULL)
        return NULL;
    j = clean[0] ? json_string(clean) : json_null();
    free(clean);
    return j;
}

static json_int_t clamp_u64(uint64_t v)
{
    return v > (uint64_t)LLONG_MAX ? (json_int_t)LLONG_MAX : (json_int_t)v;
}

/* Seconds the shown content of src has been there at now; -1 when none. */
static long long content_age(const struct status_source *src, time_t now)
{
    if (!src->has_content || src->last_success == 0)
        return -1;
    return now > src->last_success ? (long long)now - (long long)src->last_success : 0;
}

static json_t *json_age(const struct status_source *src, time_t now)
{
    long long age = content_age(src, now);

    return age < 0 ? json_null() : json_integer((json_int_t)age);
}

static json_t *json_source(const struct status_source *src, time_t now)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    /* json_object_set_new takes each value, also on failure. */
    if (json_object_set_new(o, "name", json_text(src->name)) ||
        json_object_set_new(o, "kind", json_text(src->kind)) ||
        json_object_set_new(o, "has_content", json_boolean(src->has_content)) ||
        json_object_set_new(o, "items", json_integer((json_int_t)src->nitems)) ||
        json_object_set_new(o, "last_success", json_time(src->last_success)) ||
        json_object_set_new(o, "last_failure", json_time(src->last_failure)) ||
        json_object_set_new(o, "error", json_text(src->error)) ||
        json_object_set_new(o, "failures", json_integer(src->failures)) ||
        json_object_set_new(o, "age_s", json_age(src, now))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *json_status(const struct status *st)
{
    json_t *o = json_object(), *sources = json_array();

    if (o == NULL || sources == NULL)
        goto fail;
    for (size_t i = 0; i < st->nsources && i < HS_MAX_SOURCES; i++)
        if (json_array_append_new(sources, json_source(&st->sources[i], st->now)) != 0)
            goto fail;
    if (json_object_set_new(o, "version", json_text(st->version ? st->version : HS_VERSION)) ||
        json_object_set_new(o, "pid", json_integer(st->pid)) ||
        json_object_set_new(o, "started", json_time(st->started)) ||
        json_object_set_new(o, "now", json_time(st->now)) ||
        json_object_set_new(o, "config", json_text(st->config)) ||
        json_object_set_new(o, "display", json_text(st->display)) ||
        json_object_set_new(o, "frames", json_integer(clamp_u64(st->frames))) ||
        json_object_set_new(o, "rss_bytes",
                            st->rss_bytes >= 0 ? json_integer(st->rss_bytes) : json_null()) ||
        json_object_set_new(o, "updated", json_time(st->updated)))
        goto fail;
    if (json_object_set_new(o, "sources", sources) != 0) {
        sources = NULL;
        goto fail;
    }
    return o;
fail:
    json_decref(sources);
    json_decref(o);
    return NULL;
}

int status_write_json(const struct status *st, const char *path, char *err, size_t errlen)
{
    json_t *root = json_status(st);
    char *dump = NULL, *text = NULL;
    size_t len;
    int ret = -1;

    if (root == NULL)
        goto nomem;
    dump = json_dumps(root, JSON_INDENT(2));
    if (dump == NULL)
        goto nomem;
    len = strlen(dump);
    if (len > STATUS_MAX_BYTES) {
        set_err(err, errlen, "status of %zu bytes is too large", len);
        goto cleanup;
    }
    text = malloc(len + 2);
    if (text == NULL)
        goto nomem;
    memcpy(text, dump, len);
    text[len++] = '\n';
    text[len] = '\0';
    ret = write_atomic(path, text, len, err, errlen);
    goto cleanup;
nomem:
    set_err(err, errlen, "out of memory while writing the status");
cleanup:
    free(text);
    free(dump);
    json_decref(root);
    return ret;
}

static void put(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends one formatted piece of a metrics text to b; a piece that does not
 * fit marks b truncated. */
static void put(struct strbuf *b, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= sizeof(line)) {
        b->truncated = 1;
        return;
    }
    strbuf_put(b, line, (size_t)k);
}

static void family(struct strbuf *b, const char *name, const char *type, const char *help)
{
    put(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Writes s as a label value into buf (exposition format 0.0.4: backslash,
 * double quote and line feed escaped), cut to fit n. */
static void label_value(const char *s, char *buf, size_t n)
{
    size_t k = 0;

    for (; s != NULL && *s != '\0'; s++) {
        const char *esc = *s == '\\' ? "\\\\" : *s == '"' ? "\\\"" : *s == '\n' ? "\\n" : NULL;
        size_t need = esc ? 2 : 1;

        if (k + need >= n)
            break;
        if (esc != NULL)
            memcpy(buf + k, esc, 2);
        else
            buf[k] = *s;
        k += need;
    }
    buf[k] = '\0';
}

/* One per-source family: the sample of each source, which get writes into
 * *v; a source for which get returns 0 has no sample. */
static void source_family(struct strbuf *b, const struct status *st, const char *name,
                          const char *help,
                          int (*get)(const struct status_source *, time_t, long long *))
{
    char label[2 * HS_MAX_NAME_BYTES + 1];
    long long v;

    family(b, name, "gauge", help);
    for (size_t i = 0; i < st->nsources && i < HS_MAX_SOURCES; i++) {
        if (!get(&st->sources[i], st->now, &v))
            continue;
        label_value(st->sources[i].name, label, sizeof(label));
        put(b, "%s{source=\"%s\"} %lld\n", name, label, v);
    }
}

static int get_last_success(const struct status_source *s, time_t now, long long *v)
{
    (void)now;
    *v = (long long)s->last_success;
    return 1;
}

static int get_failures(const struct status_source *s, time_t now, long long *v)
{
    (void)now;
    *v = s->failures;
    return 1;
}

static int get_items(const struct status_source *s, time_t now, long long *v)
{
    (void)now;
    *v = (long long)s->nitems;
    return 1;
}

static int get_up(const struct status_source *s, time_t now, long long *v)
{
    (void)now;
    *v = s->failures == 0;
    return 1;
}

static int get_age(const struct status_source *s, time_t now, long long *v)
{
    *v = content_age(s, now);
    return *v >= 0;
}

int status_write_metrics(const struct status *st, const char *path, char *err, size_t errlen)
{
    struct strbuf b = STRBUF_INIT(STATUS_MAX_BYTES);
    char label[128];
    char *text;
    int ret;

    family(&b, "hallscreen_up", "gauge", "1 while the player runs and writes this file.");
    put(&b, "hallscreen_up 1\n");
    family(&b, "hallscreen_info", "gauge", "The player's version, in a label; always 1.");
    label_value(st->version ? st->version : HS_VERSION, label, sizeof(label));
    put(&b, "hallscreen_info{version=\"%s\"} 1\n", label);
    family(&b, "hallscreen_start_time_seconds", "gauge",
           "When the player started, in seconds since the Unix epoch.");
    put(&b, "hallscreen_start_time_seconds %lld\n", (long long)st->started);
    family(&b, "hallscreen_frames_total", "counter", "Frames drawn since the player started.");
    put(&b, "hallscreen_frames_total %" PRIu64 "\n", st->frames);
    if (st->rss_bytes >= 0) {
        family(&b, "hallscreen_resident_memory_bytes", "gauge",
               "Resident memory of the player, in bytes.");
        put(&b, "hallscreen_resident_memory_bytes %ld\n", st->rss_bytes);
    }
    source_family(&b, st, "hallscreen_source_last_success_timestamp_seconds",
                  "When the source's content was last received or confirmed, in seconds "
                  "since the Unix epoch; 0 when never.", get_last_success);
    source_family(&b, st, "hallscreen_source_failures",
                  "Failures of the source in a row; 0 once it succeeds again.", get_failures);
    source_family(&b, st, "hallscreen_source_items", "Items of the source's current content.",
                  get_items);
    source_family(&b, st, "hallscreen_source_up",
                  "1 when the source has not failed since its last success, else 0.", get_up);
    source_family(&b, st, "hallscreen_source_content_age_seconds",
                  "Seconds since the source's shown content was last received or confirmed.",
                  get_age);
    if (b.truncated) {
        strbuf_free(&b);
        set_err(err, errlen, "metrics too large or a line too long");
        return -1;
    }
    text = strbuf_take(&b);
    if (text == NULL) {
        set_err(err, errlen, "out of memory while writing the metrics");
        return -1;
    }
    ret = write_atomic(path, text, strlen(text), err, errlen);
    free(text);
    return ret;
}

/* Reads the file at path, at most STATUS_MAX_BYTES. Returns 0 and sets *out
 * (caller frees; NUL-terminated) and *len, or -1 with errno set. The file is
 * replaced by rename, never changed in place: its size is what is read. */
static int read_small_file(const char *path, char **out, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    size_t n = 0, size;
    int fd = open(path, O_RDONLY | O_CLOEXEC), saved;

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        goto fail;
    }
    if (st.st_size < 0 || (uintmax_t)st.st_size > STATUS_MAX_BYTES) {
        errno = EFBIG;
        goto fail;
    }
    size = (size_t)st.st_size;
    buf = malloc(size + 1);
    if (buf == NULL)
        goto fail;
    while (n < size) {
        ssize_t k = read(fd, buf + n, size - n);

        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            goto fail;
        if (k == 0)
            break;
        n += (size_t)k;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
fail:
    saved = errno;
    free(buf);
    close(fd);
    errno = saved;
    return -1;
}

/* The string at key, or NULL when missing or not a string. */
static const char *get_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Returns 0 and sets *out to the integer at key, or -1. */
static int get_int(const json_t *o, const char *key, long long *out)
{
    const json_t *v = json_object_get(o, key);

    if (!json_is_integer(v))
        return -1;
    *out = (long long)json_integer_value(v);
    return 0;
}

/* Returns 0 and sets *out to the ISO 8601 time at key, or -1. */
static int get_time(const json_t *o, const char *key, time_t *out)
{
    const char *s = get_str(o, key);

    return s != NULL && caltime_parse_iso(s, out) == 0 ? 0 : -1;
}

/* Copies s into buf for a terminal: control characters (C0, DEL, C1) and
 * invalid UTF-8 become '?', cut at a character to fit n. */
static void printable(const char *s, char *buf, size_t n)
{
    size_t k = 0, len = s ? strlen(s) : 0;

    for (size_t i = 0; i < len;) {
        const unsigned char c = (unsigned char)s[i];
        size_t q = utf8_seq_len(s + i, len - i);
        int bad = q == 0 || c < 0x20 || c == 0x7f ||
                  (q == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0);

        if (bad)
            q = 1;
        if (k + q >= n)
            break;
        if (bad)
            buf[k] = '?';
        else
            memcpy(buf + k, s + i, q);
        k += q;
        i += q;
    }
    buf[k] = '\0';
}

/* "12 s ago", "12 min ago", "3 h 5 min ago", "2 days ago". */
static void ago(time_t now, time_t t, char *buf, size_t n)
{
    long long d = (long long)now - (long long)t;

    if (d < 0)
        snprintf(buf, n, "in the future (did the clock change?)");
    else if (d < 60)
        snprintf(buf, n, "%lld s ago", d);
    else if (d < 3600)
        snprintf(buf, n, "%lld min ago", d / 60);
    else if (d < 86400 && d % 3600 >= 60)
        snprintf(buf, n, "%lld h %lld min ago", d / 3600, d % 3600 / 60);
    else if (d < 86400)
        snprintf(buf, n, "%lld h ago", d / 3600);
    else
        snprintf(buf, n, "%lld day%s ago", d / 86400, d < 2 * 86400 ? "" : "s");
}

/* "2025-12-01 14:05 (12 min ago)"; "never" when the value at key is null,
 * "unknown" when it is missing or not a time. */
static void when(const json_t *o, const char *key, time_t now, char *buf, size_t n)
{
    char rel[64], at[32];
    struct tm tm;
    time_t t;

    if (json_is_null(json_object_get(o, key))) {
        snprintf(buf, n, "never");
        return;
    }
    if (get_time(o, key, &t) != 0) {
        snprintf(buf, n, "unknown");
        return;
    }
    caltime_local(t, &tm);
    if (strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm) == 0)
        at[0] = '\0';
    ago(now, t, rel, sizeof(rel));
    snprintf(buf, n, "%s (%s)", at, rel);
}

static void print_player(const json_t *root, time_t now, FILE *out)
{
    char buf[1024], since[96];
    const char *s;
    long long v;

    s = get_str(root, "version");
    printable(s ? s : "(unknown version)", buf, 64);
    fprintf(out, "hallscreen %s", buf);
    if (get_int(root, "pid", &v) == 0)
        fprintf(out, ", pid %lld", v);
    when(root, "started", now, since, sizeof(since));
    fprintf(out, ", started %s\n", since);
    s = get_str(root, "config");
    if (s == NULL)
        s = json_is_null(json_object_get(root, "config")) ? "none (built-in defaults)" : "unknown";
    printable(s, buf, sizeof(buf));
    fprintf(out, "config:  %s\n", buf);
    s = get_str(root, "display");
    printable(s ? s : "unknown", buf, sizeof(buf));
    fprintf(out, "display: %s\n", buf);
    if (get_int(root, "frames", &v) == 0)
        fprintf(out, "frames:  %lld drawn\n", v);
    else
        fprintf(out, "frames:  unknown\n");
    if (get_int(root, "rss_bytes", &v) == 0 && v >= 0)
        fprintf(out, "memory:  %.1f MiB resident\n", (double)v / (1024.0 * 1024.0));
    else
        fprintf(out, "memory:  unknown\n");
    when(root, "updated", now, since, sizeof(since));
    fprintf(out, "content: newest update %s\n", since);
    when(root, "now", now, since, sizeof(since));
    fprintf(out, "written: %s\n", since);
}

/* Prints one source; returns 1 when it is failing (or unreadable), else 0. */
static int print_source(const json_t *src, int width, time_t now, FILE *out)
{
    char name[HS_MAX_NAME_BYTES], error[STATUS_PRINT_ERROR_BYTES], last[96], items[48];
    const char *s;
    long long failures = 0, nitems;
    int failing, has_content;
    time_t t;

    if (!json_is_object(src)) {
        fprintf(out, "  %-*s  FAILING  (unreadable entry)\n", width, "?");
        return 1;
    }
    s = get_str(src, "name");
    printable(s ? s : "?", name, sizeof(name));
    s = get_str(src, "error");
    printable(s ? s : "", error, sizeof(error));
    failing = (get_int(src, "failures", &failures) == 0 && failures > 0) || error[0] != '\0' ||
              get_time(src, "last_failure", &t) == 0;
    has_content = !json_is_false(json_object_get(src, "has_content"));
    if (!has_content)
        snprintf(items, sizeof(items), "nothing shown");
    else if (get_int(src, "items", &nitems) == 0)
        snprintf(items, sizeof(items), "%lld item%s", nitems, nitems == 1 ? "" : "s");
    else
        snprintf(items, sizeof(items), "? items");
    if (json_is_null(json_object_get(src, "last_success")))
        snprintf(last, sizeof(last), "never");
    else if (get_time(src, "last_success", &t) == 0)
        ago(now, t, last, sizeof(last));
    else
        snprintf(last, sizeof(last), "unknown");
    fprintf(out, "  %-*s  %-7s  %s, last success %s", width, name, failing ? "FAILING" : "OK",
            items, last);
    if (failing) {
        if (failures > 0)
            fprintf(out, "; %lld failure%s in a row", failures, failures == 1 ? "" : "s");
        if (get_time(src, "last_failure", &t) == 0) {
            ago(now, t, last, sizeof(last));
            fprintf(out, ", last %s", last);
        }
        if (error[0] != '\0')
            fprintf(out, ": %s", error);
    }
    fputc('\n', out);
    return failing;
}

int status_print(const char *path, time_t now, FILE *out, FILE *errout)
{
    char *text = NULL, shown[PATH_MAX];
    json_t *root = NULL, *sources;
    json_error_t jerr;
    size_t len, bad = 0, n;
    int width = 4, ret = 2, stale = 0;
    time_t written;

    printable(path, shown, sizeof(shown));
    if (read_small_file(path, &text, &len) != 0) {
        fprintf(errout, "hallscreen: cannot read %s: %s\n"
                "is the player running? the status file is written by 'hallscreen run'\n",
                shown, strerror(errno));
        return 2;
    }
    root = json_loadb(text, len, 0, &jerr);
    sources = json_object_get(root, "sources");
    if (!json_is_object(root) || !json_is_array(sources)) {
        fprintf(errout, "hallscreen: %s is not a hallscreen status file%s\n"
                "it is rewritten by 'hallscreen run' every few seconds\n", shown,
                root == NULL ? " (not JSON)" : "");
        goto cleanup;
    }
    n = json_array_size(sources);
    for (size_t i = 0; i < n; i++) {
        const char *s = get_str(json_array_get(sources, i), "name");
        size_t k = s ? strlen(s) : 1;

        if (k > (size_t)width)
            width = k > STATUS_PRINT_NAME_COLS ? STATUS_PRINT_NAME_COLS : (int)k;
    }
    print_player(root, now, out);
    if (get_time(root, "now", &written) == 0 && (long long)now - written > STATUS_STALE_S) {
        char rel[64];

        ago(now, written, rel, sizeof(rel));
        fprintf(out, "WARNING: this status was written %s: the player is stopped or stuck "
                "(journalctl -u hallscreen)\n", rel);
        stale = 1;
    }
    fprintf(out, "\n%zu source%s%s\n", n, n == 1 ? "" : "s",
            n == 0 ? ": the screen shows only its built-in content" : ":");
    for (size_t i = 0; i < n; i++)
        bad += (size_t)print_source(json_array_get(sources, i), width, now, out);
    if (bad > 0)
        fprintf(out, "%zu of %zu failing: the screen keeps their last good content\n", bad, n);
    ret = stale || bad > 0 ? 1 : 0;
cleanup:
    json_decref(root);
    free(text);
    return ret;
}
