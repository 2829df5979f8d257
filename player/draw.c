#include "draw.h"

#include <math.h>

SDL_Color draw_color(uint32_t rgb)
{
    SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
    return c;
}

static Uint32 map(SDL_Surface *dst, uint32_t rgb)
{
    return SDL_MapRGB(dst->format, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb);
}

void draw_fill(SDL_Surface *dst, const SDL_Rect *r, uint32_t rgb)
{
    if (r->w > 0 && r->h > 0)
        SDL_FillRect(dst, r, map(dst, rgb));
}

/* Blends one pixel of a 32-bit surface toward rgb by alpha (0..1). */
static void blend_pixel(SDL_Surface *dst, int x, int y, uint32_t rgb, double alpha)
{
    Uint8 r, g, b;
    Uint32 *px;

    if (x < dst->clip_rect.x || y < dst->clip_rect.y ||
        x >= dst->clip_rect.x + dst->clip_rect.w || y >= dst->clip_rect.y + dst->clip_rect.h)
        return;
    px = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * (size_t)dst->pitch) + x;
    SDL_GetRGB(*px, dst->format, &r, &g, &b);
    r = (Uint8)lround(r + ((double)((rgb >> 16) & 0xFF) - r) * alpha);
    g = (Uint8)lround(g + ((double)((rgb >> 8) & 0xFF) - g) * alpha);
    b = (Uint8)lround(b + ((double)(rgb & 0xFF) - b) * alpha);
    *px = SDL_MapRGB(dst->format, r, g, b);
}

void draw_round(SDL_Surface *dst, const SDL_Rect *r, int radius, uint32_t rgb)
{
    SDL_Rect band;

    if (r->w <= 0 || r->h <= 0)
        return;
    if (radius * 2 > r->w)
        radius = r->w / 2;
    if (radius * 2 > r->h)
        radius = r->h / 2;
    if (radius <= 0 || dst->format->BytesPerPixel != 4) {
        draw_fill(dst, r, rgb);
        return;
    }
    band = (SDL_Rect){r->x, r->y + radius, r->w, r->h - 2 * radius};
    draw_fill(dst, &band, rgb);
    if (SDL_MUSTLOCK(dst) && SDL_LockSurface(dst) != 0)
        return;
    /* Rows of the top and bottom bands: full span between the arcs, and an
     * anti-aliased pixel at each end from the arc's coverage of that pixel. */
    for (int i = 0; i < radius; i++) {
        double dy = radius - i - 0.5;
        double half = sqrt((double)radius * radius - dy * dy);
        int inner = (int)floor(radius - half);
        double cover = 1.0 - ((radius - half) - inner);
        int rows[2] = {r->y + i, r->y + r->h - 1 - i};
        for (int k = 0; k < 2; k++) {
            int y = rows[k];
            for (int x = r->x + inner + 1; x < r->x + r->w - inner - 1; x++)
                blend_pixel(dst, x, y, rgb, 1.0);
            blend_pixel(dst, r->x + inner, y, rgb, cover);
            blend_pixel(dst, r->x + r->w - 1 - inner, y, rgb, cover);
        }
    }
    if (SDL_MUSTLOCK(dst))
        SDL_UnlockSurface(dst);
}

void draw_frame(SDL_Surface *dst, const SDL_Rect *r, int t, uint32_t rgb)
{
    SDL_Rect s[4] = {
        {r->x, r->y, r->w, t},
        {r->x, r->y + r->h - t, r->w, t},
        {r->x, r->y + t, t, r->h - 2 * t},
        {r->x + r->w - t, r->y + t, t, r->h - 2 * t},
    };
    for (int i = 0; i < 4; i++)
        draw_fill(dst, &s[i], rgb);
}
