#include "ticker.h"

#include <stdint.h>
#include <stdlib.h>

#include "draw.h"
#include "log.h"

/* The strip of a long ticker can be wide; its pixels are the largest
 * buffer of the player, so it has a cap of its own: twelve screen widths,
 * about three minutes of reading, 10 MB at 1920x1080. */
#define STRIP_MAX_SCREENS 12
#define SEPARATOR "\xE2\x80\xA2" /* U+2022 BULLET */

struct ticker {
    SDL_Surface *strip;
    int period;
    double speed;
    time_t valid_until;
    uint32_t bg;
    int ink_y0, ink_h;
};

static int valid_at(const struct model_ticker_item *it, time_t now)
{
    return (!it->valid_from || it->valid_from <= now) && (!it->valid_until || now < it->valid_until);
}

static void note_change(time_t *next, time_t t, time_t now)
{
    if (t > now && (!*next || t < *next))
        *next = t;
}

/* Finds the rows of the strip where anything but background stands. */
static void find_ink(struct ticker *t)
{
    SDL_Surface *s = t->strip;
    Uint32 bg = SDL_MapRGB(s->format, (Uint8)(t->bg >> 16), (Uint8)(t->bg >> 8), (Uint8)t->bg);
    int first = -1, last = -1;

    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            if (row[x] != bg) {
                if (first < 0)
                    first = y;
                last = y;
                break;
            }
        }
    }
    t->ink_y0 = first < 0 ? 0 : first;
    t->ink_h = first < 0 ? 0 : last - first + 1;
}

struct ticker *ticker_new(struct text_fonts *f, const struct theme *th, const struct content *c,
                          time_t now, int screen_w, int h)
{
    struct ticker *t = calloc(1, sizeof(*t));
    SDL_Surface **parts = NULL, *sep = NULL;
    size_t nparts = 0;
    int px = (int)(h * 0.46), gap, width = 0, x;
    int max_width = STRIP_MAX_SCREENS * screen_w;

    if (!t)
        return NULL;
    t->bg = th->ticker_bg;
    /* About four characters a second: slow enough for someone who reads
     * slowly, in the range of broadcast tickers. */
    t->speed = h;
    gap = px;
    if (c->nticker == 0)
        return t;
    parts = calloc(c->nticker, sizeof(*parts));
    sep = text_render_line(f, TEXT_BOLD, px, SEPARATOR, th->ticker_sep);
    if (!parts || !sep)
        goto fail;
    for (size_t i = 0; i < c->nticker; i++) {
        const struct model_ticker_item *it = &c->ticker[i];
        SDL_Surface *s;
        note_change(&t->valid_until, it->valid_from, now);
        note_change(&t->valid_until, it->valid_until, now);
        if (!valid_at(it, now))
            continue;
        s = text_render_line(f, TEXT_BOLD, px, it->text, th->ticker_text);
        if (!s)
            continue;
        if (width + s->w + 2 * gap + sep->w > max_width) {
            log_warn("ticker: too much text, items from '%.40s' on are left out", it->text);
            SDL_FreeSurface(s);
            break;
        }
        width += s->w + 2 * gap + sep->w;
        parts[nparts++] = s;
    }
    if (nparts == 0)
        goto done;
    t->strip = SDL_CreateRGBSurfaceWithFormat(0, width, h, 32, SDL_PIXELFORMAT_XRGB8888);
    if (!t->strip)
        goto fail;
    draw_fill(t->strip, &(SDL_Rect){0, 0, width, h}, th->ticker_bg);
    x = 0;
    for (size_t i = 0; i < nparts; i++) {
        SDL_Rect at = {x, (h - parts[i]->h) / 2, parts[i]->w, parts[i]->h};
        SDL_BlitSurface(parts[i], NULL, t->strip, &at);
        x += parts[i]->w + gap;
        at = (SDL_Rect){x, (h - sep->h) / 2, sep->w, sep->h};
        SDL_BlitSurface(sep, NULL, t->strip, &at);
        x += sep->w + gap;
    }
    t->period = width;
    find_ink(t);
done:
    for (size_t i = 0; i < nparts; i++)
        SDL_FreeSurface(parts[i]);
    free(parts);
    SDL_FreeSurface(sep);
    return t;
fail:
    log_err("ticker: cannot build the strip: %s", SDL_GetError());
    for (size_t i = 0; i < nparts; i++)
        SDL_FreeSurface(parts[i]);
    free(parts);
    SDL_FreeSurface(sep);
    ticker_free(t);
    return NULL;
}

void ticker_free(struct ticker *t)
{
    if (!t)
        return;
    SDL_FreeSurface(t->strip);
    free(t);
}

int ticker_empty(const struct ticker *t)
{
    return !t || !t->strip;
}

int ticker_period(const struct ticker *t)
{
    return t && t->strip ? t->period : 0;
}

double ticker_speed(const struct ticker *t)
{
    return t ? t->speed : 0;
}

SDL_Surface *ticker_strip(const struct ticker *t)
{
    return t ? t->strip : NULL;
}

time_t ticker_valid_until(const struct ticker *t)
{
    return t ? t->valid_until : 0;
}

void ticker_ink_rows(const struct ticker *t, int *y0, int *h)
{
    *y0 = ticker_empty(t) ? 0 : t->ink_y0;
    *h = ticker_empty(t) ? 0 : t->ink_h;
}

void ticker_draw_rows(const struct ticker *t, SDL_Surface *dst, const SDL_Rect *rect,
                      long offset, int src_y)
{
    int x = 0, rows;

    if (ticker_empty(t)) {
        if (t)
            draw_fill(dst, rect, t->bg);
        return;
    }
    rows = SDL_min(rect->h, t->strip->h - src_y);
    /* The strip repeats: copy from the offset to its end, then from its
     * start again, until the rect is full. */
    long src = offset % t->period;
    if (src < 0)
        src += t->period;
    while (x < rect->w && rows > 0) {
        int w = t->period - (int)src;
        if (w > rect->w - x)
            w = rect->w - x;
        SDL_Rect from = {(int)src, src_y, w, rows};
        SDL_Rect to = {rect->x + x, rect->y, w, rows};
        SDL_BlitSurface(t->strip, &from, dst, &to);
        x += w;
        src = 0;
    }
}

void ticker_draw(const struct ticker *t, SDL_Surface *dst, const SDL_Rect *rect, long offset)
{
    ticker_draw_rows(t, dst, rect, offset, 0);
}
