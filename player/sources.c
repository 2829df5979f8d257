/* One worker thread keeps every source fresh. It alone fetches, parses and
 * writes the cache; it publishes a source's new document under the lock and
 * calls notify. A failure never replaces a document: the screen keeps the
 * last good one, across restarts through the cache. The worker reads the
 * monotonic clock to pace fetches and the wall clock only to time-stamp
 * them; what is shown when is decided by the main loop's "now". */
#include "sources.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../content/caltime.h"
#include "../feeds/cache.h"
#include "../feeds/feed.h"
#include "../feeds/fetch.h"
#include "../feeds/map.h"
#include "log.h"

#define FETCH_TIMEOUT_S 30
#define FIRST_RETRY_S 30      /* backoff starts here and doubles up to the refresh */
#define START_SPREAD_S 5      /* first fetches spread over this many seconds */
#define JITTER_PERCENT 10

struct source {
    const struct cfg_source *cfg;
    /* The worker's alone. */
    char *body;               /* last good body, kept to expand calendars again */
    size_t len;
    char *etag, *last_modified;
    double due_ms;            /* monotonic time of the next fetch */
    char logged[256];         /* the failure last logged, not to repeat it */
    /* Shared: under the lock. */
    struct feed_doc *doc;
    struct source_info info;
};

struct sources {
    const struct cfg *cfg;
    char cache_dir[PATH_MAX];
    int cache_ok;
    struct source *src;
    size_t n;
    void (*notify)(void *);
    void *notify_arg;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    int started;
    volatile sig_atomic_t stop;
    time_t now;               /* the main loop's now at the last day change */
    double now_ms;            /* the monotonic time when now was given */
    int renew;                /* the window moved: expand calendars again */
    int timeout_s;
    double speed;             /* > 1 only under the soak test's clock */
    unsigned seed;
};

static double mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Returns seconds changed by up to JITTER_PERCENT either way, so that many
 * screens polling one partner do not meet at the same second. */
static double jitter(struct sources *s, double seconds)
{
    double r = (double)(rand_r(&s->seed) % 2001) / 1000.0 - 1.0;   /* -1 .. 1 */

    return seconds * (1.0 + r * JITTER_PERCENT / 100.0);
}

void sources_window(time_t now, time_t *from, time_t *to)
{
    time_t week = caltime_week_start(now);
    time_t a = caltime_add_days(week, 14), b = caltime_add_days(now, HS_AGENDA_HORIZON_DAYS + 1);

    *from = week;
    *to = a > b ? a : b;
}

struct sources *sources_new(const struct cfg *cfg, const char *cache_dir)
{
    struct sources *s = calloc(1, sizeof(*s));
    char err[256];

    if (s == NULL)
        return NULL;
    s->src = calloc(cfg->nsources ? cfg->nsources : 1, sizeof(*s->src));
    if (s->src == NULL) {
        free(s);
        return NULL;
    }
    s->cfg = cfg;
    s->n = cfg->nsources;
    s->seed = (unsigned)mono_ms() ^ (unsigned)getpid();
    s->timeout_s = FETCH_TIMEOUT_S;
    s->speed = 1.0;
    pthread_mutex_init(&s->lock, NULL);
    {
        /* Waits are measured on the monotonic clock: a board without a
         * real-time clock jumps years when NTP first answers. */
        pthread_condattr_t ca;

        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        pthread_cond_init(&s->wake, &ca);
        pthread_condattr_destroy(&ca);
    }
    for (size_t i = 0; i < s->n; i++) {
        s->src[i].cfg = &cfg->sources[i];
        s->src[i].info.name = cfg->sources[i].name;
    }
    if (cache_dir == NULL)
        cache_dir = cfg->state_dir;
    if (cache_dir != NULL && strlen(cache_dir) < sizeof(s->cache_dir))
        memcpy(s->cache_dir, cache_dir, strlen(cache_dir) + 1);
    else if (cache_dir != NULL || cache_dir_default(s->cache_dir, sizeof(s->cache_dir)) != 0)
        s->cache_dir[0] = '\0';
    if (s->n > 0 && s->cache_dir[0] != '\0') {
        s->cache_ok = cache_prepare(s->cache_dir, err, sizeof(err)) == 0;
        if (!s->cache_ok)
            log_warn("cache %s: %s; the sources will not be kept across restarts",
                     s->cache_dir, err);
    }
    return s;
}

/* Formats t as local "2026-11-23 10:42", or "never". */
static void when(time_t t, char *buf, size_t n)
{
    struct tm tm;

    if (t == 0) {
        snprintf(buf, n, "never");
        return;
    }
    caltime_local(t, &tm);
    strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* Parses body for the window of now. Returns the document when it can be
 * shown, NULL otherwise with the reason in err. */
static struct feed_doc *parse(const char *body, size_t len, time_t now, char *err, size_t n)
{
    time_t from, to;
    struct feed_doc *d;

    sources_window(now, &from, &to);
    d = feed_parse(body, len, from, to);
    if (d == NULL) {
        snprintf(err, n, "out of memory while parsing");
        return NULL;
    }
    if (!d->usable) {
        const struct feed_problem *p = NULL;

        for (size_t i = 0; i < d->nproblems && p == NULL; i++)
            if (d->problems[i].severity == FEED_ERROR)
                p = &d->problems[i];
        /* The partner's words are French; the log quotes them as they are. */
        if (p != NULL && p->line > 0)
            snprintf(err, n, "not a usable feed (%s), line %d: %s",
                     feed_format_name(d->format), p->line, p->message);
        else
            snprintf(err, n, "not a usable feed (%s): %s", feed_format_name(d->format),
                     p ? p->message : "format not recognised");
        feed_doc_free(d);
        return NULL;
    }
    return d;
}

/* Publishes d as source i's document (taking it), under the lock. */
static void publish(struct sources *s, struct source *src, struct feed_doc *d, time_t at)
{
    struct feed_doc *old;

    pthread_mutex_lock(&s->lock);
    old = src->doc;
    src->doc = d;
    src->info.has_content = 1;
    src->info.nitems = d->nitems;
    if (at != 0) {
        src->info.last_success = at;
        src->info.last_failure = 0;
        src->info.error[0] = '\0';
        src->info.failures = 0;
    }
    pthread_mutex_unlock(&s->lock);
    feed_doc_free(old);
    if (s->notify)
        s->notify(s->notify_arg);
}

static int replace(char **dst, const char *v)
{
    char *t = NULL;

    if (v != NULL && (t = strdup(v)) == NULL)
        return -1;
    free(*dst);
    *dst = t;
    return 0;
}

int sources_load_cache(struct sources *s, time_t now)
{
    int shown = 0;

    for (size_t i = 0; i < s->n && s->cache_ok; i++) {
        struct source *src = &s->src[i];
        struct cache_entry e = {0};
        struct feed_doc *d;
        char err[256];

        if (cache_load(s->cache_dir, src->cfg->name, &e) != 0)
            continue;
        if (e.url == NULL || strcmp(e.url, src->cfg->url) != 0) {
            cache_entry_free(&e);   /* the source moved: its old body is not its own */
            continue;
        }
        d = parse(e.body, e.len, now, err, sizeof(err));
        if (d != NULL) {
            src->body = e.body;
            src->len = e.len;
            e.body = NULL;
            if (replace(&src->etag, e.etag) != 0 ||
                replace(&src->last_modified, e.last_modified) != 0) {
                free(src->etag);
                free(src->last_modified);
                src->etag = src->last_modified = NULL;
            }
            publish(s, src, d, 0);
            pthread_mutex_lock(&s->lock);
            src->info.last_success = e.stored;
            pthread_mutex_unlock(&s->lock);
            /* A fresh copy is not fetched again before its refresh is due. */
            if (e.stored > 0 && e.stored <= now && now - e.stored < src->cfg->refresh_s)
                src->due_ms = mono_ms() + (double)(src->cfg->refresh_s - (now - e.stored)) * 1000;
            shown++;
        } else {
            log_warn("source '%s': its cached copy cannot be used: %s", src->cfg->name, err);
        }
        cache_entry_free(&e);
    }
    return shown;
}

/* Logs a failure of source src once: again only when the reason changes. */
static void failed(struct sources *s, struct source *src, const char *err)
{
    char last[32];
    int first;

    pthread_mutex_lock(&s->lock);
    src->info.failures++;
    src->info.last_failure = time(NULL);
    snprintf(src->info.error, sizeof(src->info.error), "%s", err);
    when(src->info.last_success, last, sizeof(last));
    first = src->info.failures == 1;
    pthread_mutex_unlock(&s->lock);
    if (first || strcmp(src->logged, err) != 0) {
        log_warn("source '%s': %s; %s (last success: %s)", src->cfg->name, err,
                 src->body ? "its last good content stays on screen" : "nothing to show yet",
                 last);
        snprintf(src->logged, sizeof(src->logged), "%s", err);
    }
}

static void succeeded(struct source *src, int failures_before)
{
    if (failures_before > 0)
        log_info("source '%s': working again after %d failure%s", src->cfg->name,
                 failures_before, failures_before > 1 ? "s" : "");
    src->logged[0] = '\0';
}

/* Fetches, parses and caches source src once. Returns the seconds until it
 * is due again. */
static double fetch_one(struct sources *s, struct source *src, time_t now)
{
    struct fetch_request req = {0};
    struct fetch_result r = {0};
    struct feed_doc *d;
    char err[256];
    int failures;
    double next;

    req.url = src->cfg->url;
    req.etag = src->body ? src->etag : NULL;
    req.last_modified = src->body ? src->last_modified : NULL;
    req.timeout_s = s->timeout_s;
    req.max_bytes = HS_MAX_FEED_BYTES;
    req.cancel = &s->stop;
    pthread_mutex_lock(&s->lock);
    failures = src->info.failures;
    pthread_mutex_unlock(&s->lock);
    next = src->cfg->refresh_s;
    fetch_url(&req, &r);
    if (s->stop)
        goto done;
    if (r.status == FETCH_NOT_MODIFIED) {
        pthread_mutex_lock(&s->lock);
        src->info.last_success = time(NULL);
        src->info.last_failure = 0;
        src->info.failures = 0;
        src->info.error[0] = '\0';
        pthread_mutex_unlock(&s->lock);
        succeeded(src, failures);
        goto done;
    }
    if (r.status != FETCH_OK) {
        failed(s, src, r.error);
        goto backoff;
    }
    d = parse(r.body, r.len, now, err, sizeof(err));
    if (d == NULL) {
        failed(s, src, err);
        goto backoff;
    }
    if (s->cache_ok) {
        struct cache_entry e = {src->cfg->url, r.etag, r.last_modified, time(NULL), r.body,
                                r.len};

        if (cache_store(s->cache_dir, src->cfg->name, &e, err, sizeof(err)) != 0)
            log_warn("source '%s': cannot cache it: %s", src->cfg->name, err);
    }
    free(src->body);
    src->body = r.body;
    src->len = r.len;
    r.body = NULL;
    if (replace(&src->etag, r.etag) != 0 || replace(&src->last_modified, r.last_modified) != 0) {
        free(src->etag);     /* without them the next fetch is simply unconditional */
        free(src->last_modified);
        src->etag = src->last_modified = NULL;
    }
    log_info("source '%s': %zu item%s (%s)%s", src->cfg->name, d->nitems,
             d->nitems == 1 ? "" : "s", feed_format_name(d->format),
             d->nproblems ? "; 'hallscreen check URL' tells what is wrong in it" : "");
    publish(s, src, d, time(NULL));
    succeeded(src, failures);
    goto done;

backoff:
    next = FIRST_RETRY_S;
    for (int k = 1; k < failures + 1 && next < src->cfg->refresh_s; k++)
        next *= 2;
    if (next > src->cfg->refresh_s)
        next = src->cfg->refresh_s;
done:
    fetch_result_free(&r);
    return jitter(s, next);
}

void sources_fetch_all(struct sources *s, time_t now)
{
    for (size_t i = 0; i < s->n; i++)
        fetch_one(s, &s->src[i], now);
}

/* Expands every calendar again over the window of now, from the bodies held. */
static void renew_all(struct sources *s, time_t now)
{
    for (size_t i = 0; i < s->n && !s->stop; i++) {
        struct source *src = &s->src[i];
        struct feed_doc *d;
        char err[256];

        if (src->body == NULL)
            continue;
        d = parse(src->body, src->len, now, err, sizeof(err));
        if (d != NULL)
            publish(s, src, d, 0);
    }
}

static void *worker(void *arg)
{
    struct sources *s = arg;

    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        double t = mono_ms(), soonest = -1;
        struct source *next = NULL;
        time_t now;

        if (s->renew) {
            s->renew = 0;
            now = s->now;
            pthread_mutex_unlock(&s->lock);
            renew_all(s, now);
            pthread_mutex_lock(&s->lock);
            continue;
        }
        for (size_t i = 0; i < s->n; i++)
            if (next == NULL || s->src[i].due_ms < soonest) {
                next = &s->src[i];
                soonest = next->due_ms;
            }
        if (next == NULL) {
            pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        if (soonest > t) {
            struct timespec until;
            double ms;

            clock_gettime(CLOCK_MONOTONIC, &until);
            ms = soonest - t;
            until.tv_sec += (time_t)(ms / 1000);
            until.tv_nsec += (long)((ms - (double)(long)(ms / 1000) * 1000) * 1e6);
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&s->wake, &s->lock, &until);
            continue;
        }
        /* The window is the main loop's day plus the time since: the
         * calendars need the day, not the second. */
        now = s->now + (time_t)((t - s->now_ms) / 1000);
        pthread_mutex_unlock(&s->lock);
        {
            double delay = fetch_one(s, next, now) / s->speed;

            next->due_ms = mono_ms() + (delay < 0.5 ? 0.5 : delay) * 1000;
        }
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

void sources_set_speed(struct sources *s, double speed)
{
    s->speed = speed >= 1.0 ? speed : 1.0;
}

void sources_set_timeout(struct sources *s, int seconds)
{
    s->timeout_s = seconds > 0 ? seconds : FETCH_TIMEOUT_S;
}

int sources_start(struct sources *s, time_t now, void (*notify)(void *), void *arg)
{
    double t = mono_ms();

    s->notify = notify;
    s->notify_arg = arg;
    s->now = now;
    s->now_ms = t;
    for (size_t i = 0; i < s->n; i++)
        if (s->src[i].due_ms == 0)
            s->src[i].due_ms = t + (double)(rand_r(&s->seed) % (START_SPREAD_S * 1000));
    if (s->n == 0)
        return 0;
    if (pthread_create(&s->thread, NULL, worker, s) != 0) {
        log_err("cannot start the sources' worker thread; showing the cached content only");
        return -1;
    }
    s->started = 1;
    return 0;
}

void sources_set_now(struct sources *s, time_t now)
{
    pthread_mutex_lock(&s->lock);
    s->now = now;
    s->now_ms = mono_ms();
    s->renew = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

int sources_content(struct sources *s, time_t now, struct content *c)
{
    int rc = 0;

    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->n; i++) {
        struct source *src = &s->src[i];

        if (src->doc != NULL && feed_map(src->doc, src->cfg, now, c, NULL) < 0)
            rc = -1;
        if (src->info.last_success > c->updated)
            c->updated = src->info.last_success;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int sources_info(struct sources *s, size_t i, struct source_info *out)
{
    if (i >= s->n)
        return -1;
    pthread_mutex_lock(&s->lock);
    *out = s->src[i].info;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

void sources_summary(struct sources *s, char *buf, size_t n)
{
    size_t failing = 0, first = 0;

    pthread_mutex_lock(&s->lock);
    for (size_t i = s->n; i-- > 0;)
        if (s->src[i].info.failures > 0) {
            failing++;
            first = i;
        }
    if (failing == 0)
        snprintf(buf, n, "%zu source%s, all working", s->n, s->n == 1 ? "" : "s");
    else
        snprintf(buf, n, "%zu source%s, %zu failing (%s: %s)", s->n, s->n == 1 ? "" : "s",
                 failing, s->src[first].cfg->name, s->src[first].info.error);
    pthread_mutex_unlock(&s->lock);
}

void sources_free(struct sources *s)
{
    if (s == NULL)
        return;
    if (s->started) {
        pthread_mutex_lock(&s->lock);
        s->stop = 1;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->thread, NULL);
    }
    for (size_t i = 0; i < s->n; i++) {
        feed_doc_free(s->src[i].doc);
        free(s->src[i].body);
        free(s->src[i].etag);
        free(s->src[i].last_modified);
    }
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s->src);
    free(s);
}
