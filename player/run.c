#include "run.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "log.h"
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

/* Milliseconds from the wall clock's now until the instant at. */
static double ms_until(time_t at)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((double)at - (double)ts.tv_sec) * 1000.0 - ts.tv_nsec / 1e6;
}

static Uint32 sources_event = (Uint32)-1;
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

/* Handles one event; returns 1 to quit. */
static int handle_event(const SDL_Event *ev, struct display *d, int *relayout, int *reload)
{
    if (ev->type == sources_event && sources_event != (Uint32)-1) {
        atomic_store(&sources_pending, 0);
        *reload = 1;
        return 0;
    }
    switch (ev->type) {
    case SDL_QUIT:
        return 1;
    case SDL_KEYDOWN:
        return ev->key.keysym.sym == SDLK_ESCAPE || ev->key.keysym.sym == SDLK_q;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            *relayout = 1;
        else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED)
            display_invalidate(d);
        return 0;
    default:
        return 0;
    }
}

int run_player(struct app *a, const struct display_opts *o, double started_ms)
{
    char err[512];
    int no_display = 0, w, h, rc = 0, first = 1, relayout = 0, reload = 0;
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
    if (a->sources) {
        sources_event = SDL_RegisterEvents(1);
        if (sources_event == (Uint32)-1 ||
            sources_start(a->sources, time(NULL), sources_changed, NULL) != 0)
            log_err("the sources will not be refreshed: %s", SDL_GetError());
    }
    ticker_t0 = run_now_ms();
    for (;;) {
        SDL_Rect dirty[VIEW_MAX_DIRTY];
        SDL_Event ev;
        time_t now = time(NULL);
        const struct ticker *t;
        long new_offset = 0, step_px = 1;
        int n, quit = 0;
        double wait, step_ms, next_step_ms = 0;

        if (relayout) {
            view_free(v);
            display_invalidate(d);
            display_size(d, &w, &h);
            v = view_new(a->cfg, a->fonts, w, h);
            if (!v) {
                rc = 1;
                break;
            }
            view_set_content(v, a->content);
            relayout = 0;
        }
        if (app_content_stale(a, now) && a->sources)
            sources_set_now(a->sources, now);   /* calendars follow the day */
        if (reload || app_content_stale(a, now)) {
            if (app_content(a, now) == 0)
                view_set_content(v, a->content);
            else
                log_err("out of memory: the screen keeps its content");
            reload = 0;
        }
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
            offset = new_offset;
        }
        if (first) {
            log_info("first frame in %.0f ms", run_now_ms() - started_ms);
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
        if (wait < 0)
            wait = 0;
        if (SDL_WaitEventTimeout(&ev, (int)ceil(wait)))
            quit = handle_event(&ev, d, &relayout, &reload);
        while (!quit && SDL_PollEvent(&ev))
            quit = handle_event(&ev, d, &relayout, &reload);
        if (quit)
            break;
    }
done:
    view_free(v);
    display_close(d);
    return rc;
}
