/* What is on screen: the static layer (header and main zone, redrawn only
 * when they change) and the ticker. The same view feeds the window and the
 * headless snapshot, so a snapshot is exactly what run shows. */
#ifndef HS_VIEW_H
#define HS_VIEW_H

#include <SDL.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "screen.h"
#include "text.h"
#include "ticker.h"

#define VIEW_MAX_DIRTY 4

struct view;

/* Returns a view of a w x h screen, or NULL when memory runs out. cfg and
 * fonts must outlive it. */
struct view *view_new(const struct cfg *cfg, struct text_fonts *fonts, int w, int h);

/* Frees v. Accepts NULL. */
void view_free(struct view *v);

/* Shows c from the next view_update on. c is borrowed: it must live until
 * the next view_set_content or view_free. */
void view_set_content(struct view *v, const struct content *c);

/* Makes the main zone show page p (see screen.h) from the next update on. */
void view_set_page(struct view *v, enum screen_page p);

/* As screen_set_clock_known; redraws everything when it changes. */
void view_set_clock_known(struct view *v, int known);

/* Brings the layer up to date for now, drawing only what changed (the
 * header each minute, the main zone when the schedule says so, everything
 * after view_set_content). Writes the regions redrawn into dirty and returns
 * their count (0: nothing changed). */
int view_update(struct view *v, time_t now, SDL_Rect dirty[VIEW_MAX_DIRTY]);

/* Returns the instant of the next change after now that view_update would
 * draw, the minute of the clock included. */
time_t view_next_change(const struct view *v, time_t now);

/* The static layer (w x h, XRGB8888), owned by v. */
SDL_Surface *view_layer(const struct view *v);

/* The ticker, owned by v (may be empty), and the band it scrolls in (zero
 * height when empty). */
const struct ticker *view_ticker(const struct view *v);
SDL_Rect view_ticker_rect(const struct view *v);

/* Copies the whole frame into dst (same size): the layer, then the ticker
 * scrolled by offset pixels. */
void view_compose(const struct view *v, SDL_Surface *dst, long ticker_offset);

#endif
