#include "run.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <time.h>

#include "log.h"
#include "service.h"
#include "signals.h"
#include "snapshot.h"
#include "status.h"
#include "view.h"

/* Without vertical sync the ticker moves in whole steps of equal length
 * at an even pace, about this many a second: equal steps read as smooth
 * motion, where a steady 60 Hz would alternate 1- and 2-pixel jumps. */
#define SOFT_STEPS_PER_S 50.0

double run_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The loop's wall clock. For tests only (the soak test, the clock of a board
 * without a real-time clock), HALLSCREEN_TEST_CLOCK=START[,SPEED] makes it
 * start at START (seconds since 1970) and run SPEED times faster. */
static struct {
    int fake;
    double start, speed, t0_ms;
} wall;

static void wall_init(void)
{
    const char *v = getenv("HALLSCREEN_TEST_CLOCK");
    char *end;

    if (v == NULL)
        return;
    wall.start = strtod(v, &end);
    wall.speed = *end == ',' ? strtod(end + 1, &end) : 1.0;
    if (*end != '\0' || wall.speed <= 0 || wall.speed > 1e6 || wall.start < 0) {
        log_warn("HALLSCREEN_TEST_CLOCK='%s' ignored: expected START[,SPEED]", v);
        return;
    }
    wall.fake = 1;
    wall.t0_ms = run_now_ms();
    log_warn("test clock: starting at %.0f, %g times faster", wall.start, wall.speed);
}

/* Returns the wall clock's seconds, with their fraction. */
static double wall_now(void)
{
    struct timespec ts;

    if (wall.fake)
        return wall.start + (run_now_ms() - wall.t0_ms) * wall.speed / 1000.0;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Milliseconds of real time from the wall clock's now until the instant at. */
static double ms_until(time_t at)
{
    return ((double)at - wall_now()) * 1000.0 / (wall.fake ? wall.speed : 1.0);
}

static Uint32 sources_event = (Uint32)-1;   /* then signal_event = sources_event + 1 */
static atomic_int sources_pending;

/* Called by the sources' worker: one event wakes the loop, however many
 * sources change before it runs. */
static void sources_changed(void *arg)
{
    SDL_Event ev;

    (void)arg;
    if (atomic_exchange(&sources_pending, 1))
        return;
    SDL_zero(ev);
    ev.type = sources_event;
    if (SDL_PushEvent(&ev) != 1)
        atomic_store(&sources_pending, 0);
}

/* What the loop must do after the events it was woken by. */
struct todo {
    int relayout;       /* the window changed size, or the config its look */
    int rebuild;        /* a source changed */
    int reconfigure;    /* SIGHUP */
    int screenshot;     /* SIGUSR1 */
    int rebuild_done;   /* the content changed: report it at once */
};

/* Handles one event; returns 1 to quit. */
static int handle_event(const SDL_Event *ev, struct display *d, struct todo *todo)
{
    if (sources_event != (Uint32)-1 && ev->type == sources_event) {
        atomic_store(&sources_pending, 0);
        todo->rebuild = 1;
        return 0;
    }
    if (sources_event != (Uint32)-1 && ev->type == sources_event + 1) {
        if (ev->user.code == SIGHUP)
            todo->reconfigure = 1;
        else
            todo->screenshot = 1;
        return 0;
    }
    switch (ev->type) {
    case SDL_QUIT:
        return 1;
    case SDL_KEYDOWN:
        return ev->key.keysym.sym == SDLK_ESCAPE || ev->key.keysym.sym == SDLK_q;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            todo->relayout = 1;
        else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED)
            display_invalidate(d);
        return 0;
    default:
        return 0;
    }
}

#ifndef HS_BUILD_TIME
#define HS_BUILD_TIME 0
#endif

/* A board without a real-time clock starts in 1970, or wherever its last
 * fake-hwclock save says, until NTP answers: a time before this program was
 * built is not the time. */
static int clock_plausible(time_t now)
{
    return now >= (time_t)HS_BUILD_TIME;
}

/* The moment the screen is drawn for: now, or, while now is not plausible,
 * the newest content's time (else the build's), shown without a clock. */
static time_t shown_time(const struct app *a, time_t now)
{
    if (clock_plausible(now))
        return now;
    if (a->content && a->content->updated > (time_t)HS_BUILD_TIME)
        return a->content->updated;
    return (time_t)HS_BUILD_TIME;
}

/* For the test that plays systemd's part only: HALLSCREEN_TEST_FREEZE_MS=N
 * makes the main loop hang N ms after start, while the other threads go
 * on, so that the test sees the watchdog go silent. 0 when unset. */
static double test_freeze_ms(void)
{
    const char *v = getenv("HALLSCREEN_TEST_FREEZE_MS");
    char *end;
    long ms;

    if (v == NULL)
        return 0;
    ms = strtol(v, &end, 10);
    return *end == '\0' && ms > 0 ? (double)ms : 0;
}

/* Starts the worker of the app's sources, if any. */
static void start_sources(struct app *a)
{
    if (a->sources &&
        sources_start(a->sources, (time_t)wall_now(), sources_changed, NULL) != 0)
        log_err("the sources will not be refreshed; the screen keeps their cached content");
}

/* The line systemd shows in 'systemctl status'. */
static void status_line(struct app *a, char *buf, size_t n)
{
    if (a->sources)
        sources_summary(a->sources, buf, n);
    else
        snprintf(buf, n, "%s", a->cfg->demo ? "showing the built-in demo" : "no sources");
}

/* Writes what the screen shows, exactly (the view's own frame, ticker where
 * it is), to screenshot.png in the state directory: a technician's SIGUSR1.
 * Written beside and renamed, so that a reader never sees half a picture. */
static void screenshot(struct app *a, const struct view *v, long offset, int w, int h)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 32], path[PATH_MAX + 32];
    SDL_Surface *frame;

    app_state_dir(a, dir, sizeof(dir));
    if (dir[0] == '\0') {
        log_err("screenshot: no state directory (set STATE_DIRECTORY or state_dir)");
        return;
    }
    snprintf(path, sizeof(path), "%s/screenshot.png", dir);
    snprintf(tmp, sizeof(tmp), "%s/.screenshot.png.tmp", dir);
    frame = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888);
    if (frame)
        view_compose(v, frame, offset < 0 ? 0 : offset);
    if (!frame || snapshot_save(frame, tmp) != 0 || rename(tmp, path) != 0) {
        log_err("screenshot: cannot write %s: %s", path, SDL_GetError());
        remove(tmp);
    } else {
        log_info("screenshot written to %s", path);
    }
    SDL_FreeSurface(frame);
}

#define STATUS_EVERY_MS 10000.0

/* The status file and the metrics, in the runtime directory. */
struct reporting {
    struct status st;     /* large: lives in a static, not on the stack */
    char json[PATH_MAX], prom[PATH_MAX], logged[256];
    int on;
    double last_ms;
};

static struct reporting rep;

static void report_init(const char *display, time_t now)
{
    char dir[PATH_MAX], err[256];

    status_init(&rep.st, now);
    rep.st.display = display;
    rep.on = status_dir(dir, sizeof(dir)) == 0 && status_prepare_dir(dir, err, sizeof(err)) == 0 &&
             snprintf(rep.json, sizeof(rep.json), "%s/%s", dir, STATUS_JSON_NAME) <
                 (int)sizeof(rep.json) &&
             snprintf(rep.prom, sizeof(rep.prom), "%s/%s", dir, STATUS_METRICS_NAME) <
                 (int)sizeof(rep.prom);
    if (!rep.on)
        log_warn("no status file nor metrics: no usable runtime directory (%s)", dir);
    rep.last_ms = -STATUS_EVERY_MS;
}

/* Writes the status and the metrics when due (or forced); a failure is
 * logged once per reason. */
static void report(struct app *a, time_t now, uint64_t frames, int force)
{
    char err[256] = "";

    if (!rep.on || (!force && run_now_ms() - rep.last_ms < STATUS_EVERY_MS))
        return;
    rep.last_ms = run_now_ms();
    rep.st.now = now;
    rep.st.frames = frames;
    rep.st.rss_bytes = status_rss_bytes();
    rep.st.updated = a->content ? a->content->updated : 0;
    status_collect(&rep.st, a->cfg, a->sources);
    if (status_write_json(&rep.st, rep.json, err, sizeof(err)) != 0 ||
        status_write_metrics(&rep.st, rep.prom, err, sizeof(err)) != 0) {
        if (strcmp(err, rep.logged) != 0)
            log_warn("status: %s", err);
        snprintf(rep.logged, sizeof(rep.logged), "%s", err);
    } else {
        rep.logged[0] = '\0';
    }
}

int run_player(struct app *a, const struct display_opts *o, double started_ms)
{
    char err[512];
    int no_display = 0, w, h, rc = 0, first = 1, clock_known = 1;
    uint64_t frames = 0;
    double freeze_ms;
    struct todo todo = {0};
    char status[256];
    struct display *d = display_open(o, err, sizeof(err), &no_display);
    struct view *v = NULL;
    long offset = -1;
    double ticker_t0;

    if (!d) {
        fprintf(stderr, "hallscreen: %s\n", err);
        return no_display ? RUN_NO_DISPLAY : 1;
    }
    display_size(d, &w, &h);
    log_info("showing %dx%d, %s", w, h, display_path(d));
    v = view_new(a->cfg, a->fonts, w, h);
    if (!v) {
        rc = 1;
        goto done;
    }
    view_set_content(v, a->content);
    service_init();
    sources_event = SDL_RegisterEvents(2);
    if (sources_event == (Uint32)-1 || signals_start(sources_event + 1) != 0)
        log_err("SIGHUP and SIGUSR1 will not be heard");
    freeze_ms = test_freeze_ms();
    wall_init();
    if (wall.fake && a->sources)
        sources_set_speed(a->sources, wall.speed);
    start_sources(a);
    status_line(a, status, sizeof(status));
    report_init(display_path(d), (time_t)wall_now());
    ticker_t0 = run_now_ms();
    for (;;) {
        SDL_Rect dirty[VIEW_MAX_DIRTY];
        SDL_Event ev;
        time_t real = (time_t)wall_now(), now = shown_time(a, real);
        int known = clock_plausible(real);
        const struct ticker *t;
        long new_offset = 0, step_px = 1;
        int n, quit = 0;
        double wait, wd, step_ms, next_step_ms = 0;

        if (todo.reconfigure) {
            todo.reconfigure = 0;
            service_reloading(1);
            if (app_reload(a, now) == 1) {
                if (wall.fake && a->sources)
                    sources_set_speed(a->sources, wall.speed);
                start_sources(a);
                todo.rebuild = 1;
                todo.relayout = 1;
            }
            service_reloading(0);
            status_line(a, status, sizeof(status));
        }
        if (todo.relayout) {
            view_free(v);
            display_invalidate(d);
            display_size(d, &w, &h);
            v = view_new(a->cfg, a->fonts, w, h);
            if (!v) {
                rc = 1;
                break;
            }
            view_set_content(v, a->content);
            todo.relayout = 0;
        }
        if (app_content_stale(a, now) && a->sources)
            sources_set_now(a->sources, now);   /* calendars follow the day */
        if (todo.rebuild || app_content_stale(a, now)) {
            if (app_content(a, now) == 0)
                view_set_content(v, a->content);
            else
                log_err("out of memory: the screen keeps its content");
            todo.rebuild = 0;
            todo.rebuild_done = 1;
            status_line(a, status, sizeof(status));
        }
        report(a, real, frames, todo.rebuild_done);
        todo.rebuild_done = 0;
        if (todo.screenshot) {
            todo.screenshot = 0;
            screenshot(a, v, offset, w, h);
        }
        if (known != clock_known) {
            if (known)
                log_info("the system time is plausible now: showing the clock and today");
            else
                log_warn("the system time is before this program was built: no clock shown "
                         "until it is set (NTP)");
            clock_known = known;
            todo.rebuild = clock_known;   /* "now" jumped: rebuild for the real day */
        }
        view_set_clock_known(v, clock_known);
        n = view_update(v, now, dirty);
        t = view_ticker(v);
        if (!ticker_empty(t)) {
            double speed = ticker_speed(t), elapsed = run_now_ms() - ticker_t0;
            step_px = display_vsync(d) ? 1 : (long)SDL_max(1, lround(speed / SOFT_STEPS_PER_S));
            step_ms = step_px * 1000.0 / speed;
            new_offset = (long)(elapsed / step_ms) * step_px;
            next_step_ms = ((double)(new_offset / step_px) + 1) * step_ms - elapsed;
        }
        if (n > 0 || new_offset != offset) {
            if (display_show(d, v, dirty, n, new_offset, new_offset != offset) != 0)
                log_warn("presenting a frame failed: %s", SDL_GetError());
            frames++;
            offset = new_offset;
        }
        if (first) {
            log_info("first frame in %.0f ms", run_now_ms() - started_ms);
            service_ready(status);
            first = 0;
        }
        /* Sleep until the next thing that moves: the next ticker step, or
         * the next change of the clock or the schedule. */
        wait = ms_until(view_next_change(v, now));
        if (!ticker_empty(t)) {
            if (display_vsync(d))
                wait = 0; /* presenting waits for the vertical sync */
            else if (wait > next_step_ms)
                wait = next_step_ms;
        }
        if (freeze_ms > 0 && run_now_ms() - started_ms > freeze_ms)
            for (;;)
                pause();    /* the test of a stuck loop: see test_freeze_ms */
        /* The watchdog hears from the loop itself: a stuck loop goes silent. */
        wd = service_tick(run_now_ms(), status);
        if (wd >= 0 && wait > wd)
            wait = wd;
        if (!clock_known && wait > 1000)
            wait = 1000;    /* look again for the time NTP brings */
        if (wait < 0)
            wait = 0;
        if (SDL_WaitEventTimeout(&ev, (int)ceil(wait)))
            quit = handle_event(&ev, d, &todo);
        while (!quit && SDL_PollEvent(&ev))
            quit = handle_event(&ev, d, &todo);
        if (quit)
            break;
    }
done:
    service_stopping();
    view_free(v);
    display_close(d);
    return rc;
}
