#include "display.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define TILE_W 2048 /* widest ticker texture: within any GLES2 driver's limit */
#define GL_RENDERER_ENUM 0x1F01

struct display {
    SDL_Window *win;
    SDL_Renderer *ren;       /* NULL on the software path */
    SDL_Texture *layer_tex;
    SDL_Texture **tiles;     /* the ticker strip, cut in TILE_W columns */
    int ntiles;
    const SDL_Surface *tiles_of;
    int w, h;
    int stale;               /* the window lost its contents */
    char path[64];
};

/* Mesa's software rasterisers answer to GL like a GPU; they cost far more
 * than presenting the changed rectangles ourselves. */
static int gl_is_software(void)
{
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    get_string_fn get_string = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
    const char *name;

    if (!get_string)
        return 0;
    name = (const char *)get_string(GL_RENDERER_ENUM);
    if (!name)
        return 0;
    log_info("GL renderer: %s", name);
    return strstr(name, "llvmpipe") || strstr(name, "softpipe") || strstr(name, "swrast") ||
           strstr(name, "Software");
}

/* 1 when the machine has a DRM render node we may open: without one there
 * is no GPU, and asking GL would only load Mesa's software rasteriser
 * (tens of megabytes) to learn that it is software. */
static int has_render_node(void)
{
    char path[32];

    for (int i = 128; i < 136; i++) {
        snprintf(path, sizeof(path), "/dev/dri/renderD%d", i);
        if (access(path, R_OK | W_OK) == 0)
            return 1;
    }
    return 0;
}

static SDL_Window *make_window(const struct display_opts *o, Uint32 extra)
{
    Uint32 flags = extra | (o->windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    int w = o->w > 0 ? o->w : 1280, h = o->h > 0 ? o->h : 720;
    SDL_DisplayMode mode;

    /* Fullscreen is asked of the window manager; an X server with none
     * (a kiosk started from xinit) keeps the size the window was made
     * with, so make it the desktop's size from the start. */
    if (!o->windowed && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
        w = mode.w;
        h = mode.h;
    }

    return SDL_CreateWindow("hallscreen", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                            flags);
}

static int try_gpu(struct display *d, const struct display_opts *o)
{
    SDL_RendererInfo info;

    d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!d->ren) {
        log_info("no accelerated renderer: %s", SDL_GetError());
        return -1;
    }
    if (SDL_GetRendererInfo(d->ren, &info) != 0 || strcmp(info.name, "software") == 0 ||
        (o->renderer == CFG_RENDER_AUTO && strncmp(info.name, "opengl", 6) == 0 &&
         gl_is_software())) {
        SDL_DestroyRenderer(d->ren);
        d->ren = NULL;
        return -1;
    }
    snprintf(d->path, sizeof(d->path), "gpu (%s on %s)", info.name, SDL_GetCurrentVideoDriver());
    return 0;
}

/* The size of what we draw into, which is what counts: the renderer's
 * output, or the window surface (valid again after a resize). */
static void read_size(struct display *d)
{
    SDL_Surface *ws;

    if (d->ren) {
        SDL_GetRendererOutputSize(d->ren, &d->w, &d->h);
    } else if ((ws = SDL_GetWindowSurface(d->win)) != NULL) {
        d->w = ws->w;
        d->h = ws->h;
    } else {
        SDL_GetWindowSize(d->win, &d->w, &d->h);
    }
}

struct display *display_open(const struct display_opts *o, char *err, size_t errlen,
                             int *no_display)
{
    struct display *d = calloc(1, sizeof(*d));
    int want_gpu = o->renderer != CFG_RENDER_SOFTWARE;

    *no_display = 0;
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    /* Without this, SDL backs the window surface with a GL texture when it
     * can, which is the expensive path we avoid on software GL. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        *no_display = 1;
        snprintf(err, errlen, "no display found (no X11, Wayland or usable DRM device): %s",
                 SDL_GetError());
        free(d);
        return NULL;
    }
    /* When nothing else works SDL falls back to drivers that show nothing
     * to anyone; a player that nobody sees must say so, not run on. */
    if (!getenv("SDL_VIDEODRIVER") && (!strcmp(SDL_GetCurrentVideoDriver(), "offscreen") ||
                                       !strcmp(SDL_GetCurrentVideoDriver(), "dummy"))) {
        *no_display = 1;
        snprintf(err, errlen, "no display found (no X11, Wayland or usable DRM device); "
                              "'hallscreen snapshot' renders without one");
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        free(d);
        return NULL;
    }
    /* KMS/DRM presents only through GL; elsewhere, auto without a render
     * node goes straight to the software path. */
    if (o->renderer == CFG_RENDER_AUTO && !has_render_node() &&
        strcmp(SDL_GetCurrentVideoDriver(), "kmsdrm") != 0)
        want_gpu = 0;
    d->win = make_window(o, want_gpu ? SDL_WINDOW_OPENGL : 0);
    if (!d->win && want_gpu)
        d->win = make_window(o, 0);
    if (!d->win) {
        *no_display = 1;
        snprintf(err, errlen, "cannot open a window on the %s display: %s",
                 SDL_GetCurrentVideoDriver(), SDL_GetError());
        goto fail;
    }
    if (want_gpu && try_gpu(d, o) != 0) {
        if (o->renderer == CFG_RENDER_GPU) {
            snprintf(err, errlen, "renderer = gpu, but no accelerated renderer works here: %s "
                     "(hint: set renderer = auto)", SDL_GetError());
            goto fail;
        }
        /* A window that had GL attached keeps it: start again without. */
        SDL_DestroyWindow(d->win);
        d->win = make_window(o, 0);
        if (!d->win) {
            snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
            goto fail;
        }
    }
    if (!d->ren) {
        SDL_Surface *ws = SDL_GetWindowSurface(d->win);
        if (!ws) {
            snprintf(err, errlen, "cannot draw into the window: %s", SDL_GetError());
            goto fail;
        }
        snprintf(d->path, sizeof(d->path), "software (%s, %s)", SDL_GetCurrentVideoDriver(),
                 SDL_GetPixelFormatName(ws->format->format));
    }
    if (!o->windowed)
        SDL_ShowCursor(SDL_DISABLE);
    read_size(d);
    d->stale = 1;
    return d;
fail:
    display_close(d);
    return NULL;
}

static void free_tiles(struct display *d)
{
    for (int i = 0; i < d->ntiles; i++)
        SDL_DestroyTexture(d->tiles[i]);
    free(d->tiles);
    d->tiles = NULL;
    d->ntiles = 0;
    d->tiles_of = NULL;
}

void display_close(struct display *d)
{
    if (!d)
        return;
    free_tiles(d);
    if (d->layer_tex)
        SDL_DestroyTexture(d->layer_tex);
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    free(d);
}

void display_size(const struct display *d, int *w, int *h)
{
    *w = d->w;
    *h = d->h;
}

const char *display_path(const struct display *d)
{
    return d->path;
}

int display_vsync(const struct display *d)
{
    return d->ren != NULL;
}

void display_invalidate(struct display *d)
{
    d->stale = 1;
    read_size(d);
}

static int show_software(struct display *d, const struct view *v, const SDL_Rect *dirty,
                         int ndirty, long offset, int ticker_moved)
{
    SDL_Surface *win = SDL_GetWindowSurface(d->win);
    SDL_Surface *layer = view_layer(v);
    SDL_Rect rects[VIEW_MAX_DIRTY + 2], band = view_ticker_rect(v);
    int n = 0;

    if (!win)
        return -1;
    if (d->stale) {
        rects[n++] = (SDL_Rect){0, 0, d->w, d->h};
        SDL_BlitSurface(layer, NULL, win, NULL);
        ticker_moved = 1;
        d->stale = 0;
    } else {
        for (int i = 0; i < ndirty && n < VIEW_MAX_DIRTY; i++) {
            SDL_Rect r = dirty[i];
            SDL_BlitSurface(layer, &r, win, &r);
            rects[n++] = dirty[i];
            if (SDL_HasIntersection(&dirty[i], &band))
                ticker_moved = 1;
        }
    }
    if (band.h > 0 && ticker_moved) {
        int y0, h;
        ticker_ink_rows(view_ticker(v), &y0, &h);
        if (n > 0 || h <= 0) {
            /* Something else changed too: the whole band, to be sure. */
            ticker_draw(view_ticker(v), win, &band, offset);
            rects[n++] = band;
        } else {
            /* Scrolling alone changes only the rows that hold ink. */
            SDL_Rect ink = {band.x, band.y + y0, band.w, SDL_min(h, band.h - y0)};
            ticker_draw_rows(view_ticker(v), win, &ink, offset, y0);
            rects[n++] = ink;
        }
    }
    if (n == 0)
        return 0;
    return SDL_UpdateWindowSurfaceRects(d->win, rects, n) == 0 ? 0 : -1;
}

static int build_tiles(struct display *d, const SDL_Surface *strip)
{
    free_tiles(d);
    if (!strip)
        return 0;
    d->ntiles = (strip->w + TILE_W - 1) / TILE_W;
    d->tiles = calloc((size_t)d->ntiles, sizeof(*d->tiles));
    if (!d->tiles) {
        d->ntiles = 0;
        return -1;
    }
    for (int i = 0; i < d->ntiles; i++) {
        int x = i * TILE_W, w = strip->w - x < TILE_W ? strip->w - x : TILE_W;
        d->tiles[i] = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_XRGB8888,
                                        SDL_TEXTUREACCESS_STATIC, w, strip->h);
        if (!d->tiles[i] ||
            SDL_UpdateTexture(d->tiles[i], NULL, (const Uint8 *)strip->pixels + x * 4,
                              strip->pitch) != 0) {
            log_err("cannot upload the ticker: %s", SDL_GetError());
            free_tiles(d);
            return -1;
        }
    }
    d->tiles_of = strip;
    return 0;
}

/* Copies strip columns [src, src + w) to the screen at x, tile by tile. */
static void copy_strip(struct display *d, int src, int w, int x, const SDL_Rect *band)
{
    while (w > 0) {
        int tile = src / TILE_W, in = src % TILE_W;
        int tw;
        if (tile >= d->ntiles)
            return;
        SDL_QueryTexture(d->tiles[tile], NULL, NULL, &tw, NULL);
        int take = tw - in < w ? tw - in : w;
        SDL_Rect from = {in, 0, take, band->h}, to = {x, band->y, take, band->h};
        SDL_RenderCopy(d->ren, d->tiles[tile], &from, &to);
        src += take;
        x += take;
        w -= take;
    }
}

static int show_gpu(struct display *d, const struct view *v, const SDL_Rect *dirty, int ndirty,
                    long offset)
{
    SDL_Surface *layer = view_layer(v);
    const struct ticker *t = view_ticker(v);
    SDL_Rect band = view_ticker_rect(v);

    if (!d->layer_tex || d->stale) {
        if (d->layer_tex)
            SDL_DestroyTexture(d->layer_tex);
        d->layer_tex = SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_XRGB8888,
                                         SDL_TEXTUREACCESS_STREAMING, layer->w, layer->h);
        if (!d->layer_tex || SDL_UpdateTexture(d->layer_tex, NULL, layer->pixels,
                                               layer->pitch) != 0)
            return -1;
        d->stale = 0;
    } else {
        for (int i = 0; i < ndirty; i++) {
            const Uint8 *px = (const Uint8 *)layer->pixels + (size_t)dirty[i].y * layer->pitch +
                              (size_t)dirty[i].x * 4;
            if (SDL_UpdateTexture(d->layer_tex, &dirty[i], px, layer->pitch) != 0)
                return -1;
        }
    }
    if (ticker_strip(t) != d->tiles_of && build_tiles(d, ticker_strip(t)) != 0)
        return -1;
    SDL_RenderCopy(d->ren, d->layer_tex, NULL, NULL);
    if (band.h > 0 && d->ntiles > 0) {
        int period = ticker_period(t);
        long src = offset % period;
        int x = 0;
        while (x < band.w) {
            int w = period - (int)src < band.w - x ? period - (int)src : band.w - x;
            copy_strip(d, (int)src, w, x, &band);
            x += w;
            src = 0;
        }
    }
    SDL_RenderPresent(d->ren);
    return 0;
}

int display_show(struct display *d, const struct view *v, const SDL_Rect *dirty, int ndirty,
                 long offset, int ticker_moved)
{
    if (d->ren)
        return show_gpu(d, v, dirty, ndirty, offset);
    return show_software(d, v, dirty, ndirty, offset, ticker_moved);
}
