#include "view.h"

#include <stdlib.h>

#include "../content/sched.h"
#include "log.h"
#include "screen.h"

struct view {
    const struct cfg *cfg;
    struct text_fonts *fonts;
    struct screen *screen;
    SDL_Surface *layer;
    struct ticker *ticker;
    const struct content *content;
    int w, h;
    int full;            /* everything must be redrawn */
    int clock_known;
    long minute;         /* minute of the header on the layer */
    time_t main_due;     /* the main zone is redrawn at this instant */
    time_t ticker_due;   /* the ticker is rebuilt at this instant (0: never) */
};

struct view *view_new(const struct cfg *cfg, struct text_fonts *fonts, int w, int h)
{
    struct view *v = calloc(1, sizeof(*v));

    if (!v)
        return NULL;
    v->cfg = cfg;
    v->fonts = fonts;
    v->w = w;
    v->h = h;
    v->full = 1;
    v->clock_known = 1;
    v->screen = screen_new(cfg, fonts, w, h);
    v->layer = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888);
    if (!v->screen || !v->layer) {
        view_free(v);
        return NULL;
    }
    return v;
}

void view_free(struct view *v)
{
    if (!v)
        return;
    ticker_free(v->ticker);
    SDL_FreeSurface(v->layer);
    screen_free(v->screen);
    free(v);
}

void view_set_content(struct view *v, const struct content *c)
{
    v->content = c;
    v->full = 1;
}

void view_set_page(struct view *v, enum screen_page p)
{
    screen_set_page(v->screen, p);
    v->full = 1;
}

void view_set_clock_known(struct view *v, int known)
{
    if (known == v->clock_known)
        return;
    v->clock_known = known;
    screen_set_clock_known(v->screen, known);
    v->full = 1;
}

static int has_ticker(const struct view *v)
{
    return !ticker_empty(v->ticker);
}

int view_update(struct view *v, time_t now, SDL_Rect dirty[VIEW_MAX_DIRTY])
{
    static const struct content none;
    const struct content *c = v->content ? v->content : &none;
    int n = 0, had_ticker = has_ticker(v);

    if (v->full || (v->ticker_due && now >= v->ticker_due)) {
        struct ticker *t = ticker_new(v->fonts, screen_theme(v->screen), c, now, v->w,
                                      screen_ticker_height(v->screen));
        if (t) {
            ticker_free(v->ticker);
            v->ticker = t;
        } else {
            log_warn("the ticker could not be rebuilt; the previous one stays");
        }
        v->ticker_due = ticker_valid_until(v->ticker);
        /* The main zone takes the ticker's band when there is nothing to
         * scroll, so the layout changes with it. */
        if (had_ticker != has_ticker(v))
            v->full = 1;
    }
    if (v->full) {
        screen_draw_header(v->screen, v->layer, now);
        screen_draw_main(v->screen, v->layer, c, now, has_ticker(v));
        v->minute = (long)(now / 60);
        v->main_due = sched_next_change(c, now);
        v->full = 0;
        dirty[n++] = (SDL_Rect){0, 0, v->w, v->h};
        return n;
    }
    if ((long)(now / 60) != v->minute) {
        screen_draw_header(v->screen, v->layer, now);
        v->minute = (long)(now / 60);
        dirty[n++] = screen_header_rect(v->screen);
    }
    if (now >= v->main_due) {
        screen_draw_main(v->screen, v->layer, c, now, has_ticker(v));
        v->main_due = sched_next_change(c, now);
        dirty[n++] = screen_main_rect(v->screen, has_ticker(v));
    }
    return n;
}

time_t view_next_change(const struct view *v, time_t now)
{
    time_t next = (now / 60 + 1) * 60;

    if (v->main_due > now && v->main_due < next)
        next = v->main_due;
    if (v->ticker_due > now && v->ticker_due < next)
        next = v->ticker_due;
    return next;
}

SDL_Surface *view_layer(const struct view *v)
{
    return v->layer;
}

const struct ticker *view_ticker(const struct view *v)
{
    return v->ticker;
}

SDL_Rect view_ticker_rect(const struct view *v)
{
    return screen_ticker_rect(v->screen, has_ticker(v));
}

void view_compose(const struct view *v, SDL_Surface *dst, long ticker_offset)
{
    SDL_Rect band = view_ticker_rect(v);

    SDL_BlitSurface(v->layer, NULL, dst, NULL);
    if (band.h > 0)
        ticker_draw(v->ticker, dst, &band, ticker_offset);
}
