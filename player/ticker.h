/* The ticker: short items pre-rendered once into one strip, scrolled by
 * offset. Drawing a frame is one or two blits, whatever the items. */
#ifndef HS_TICKER_H
#define HS_TICKER_H

#include <SDL.h>
#include <time.h>

#include "../content/model.h"
#include "text.h"
#include "theme.h"

struct ticker;

/* Renders the items of c valid at now into a strip of height h (the text is
 * sized from h, which already holds the text scale) for a
 * screen screen_w wide (items past twelve screen widths are left out, with
 * a warning). Returns a ticker (possibly empty: see ticker_empty), or NULL
 * when memory runs out. */
struct ticker *ticker_new(struct text_fonts *f, const struct theme *th, const struct content *c,
                          time_t now, int screen_w, int h);

/* Frees t. Accepts NULL. */
void ticker_free(struct ticker *t);

/* Returns 1 when no item is valid: the strip is then not drawn at all. */
int ticker_empty(const struct ticker *t);

/* Returns the strip's loop length in pixels (one full turn). */
int ticker_period(const struct ticker *t);

/* Returns the scrolling speed in pixels per second. */
double ticker_speed(const struct ticker *t);

/* Returns the strip surface (loop length x h, XRGB8888), owned by t. */
SDL_Surface *ticker_strip(const struct ticker *t);

/* Returns the instant the set of valid items changes next (0: never). */
time_t ticker_valid_until(const struct ticker *t);

/* Draws the strip scrolled by offset pixels into rect of dst, wrapping
 * around; fills rect with the ticker background when empty. */
void ticker_draw(const struct ticker *t, SDL_Surface *dst, const SDL_Rect *rect, long offset);

/* The rows of the strip that hold ink, [*y0, *y0 + *h): the only ones that
 * change as it scrolls (the others are background). Empty: *h is 0. */
void ticker_ink_rows(const struct ticker *t, int *y0, int *h);

/* As ticker_draw, for the strip's rows from src_y on only (rect->h rows). */
void ticker_draw_rows(const struct ticker *t, SDL_Surface *dst, const SDL_Rect *rect,
                      long offset, int src_y);

#endif
