/* The hall screen's layout and its static layers: a header (place, date,
 * clock), a main zone (semainier and agenda) and the ticker band. Sizes are
 * derived from the screen's size, so 1280x720, 1920x1080, 3840x2160 and
 * portrait 1080x1920 are laid out alike. */
#ifndef HS_SCREEN_H
#define HS_SCREEN_H

#include <SDL.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "text.h"
#include "theme.h"

struct screen;

/* What the main zone shows: both the semainier and the agenda, or one of
 * them on the whole zone. */
enum screen_page { SCREEN_PAGE_ALL, SCREEN_PAGE_SEMAINIER, SCREEN_PAGE_AGENDA };

/* Parses "semainier" or "agenda". Returns 0, or -1 for another name. */
int screen_page_parse(const char *name, enum screen_page *out);

/* Makes the main zone show page p from the next screen_draw_main on. */
void screen_set_page(struct screen *s, enum screen_page p);

/* known = 0 while the system time is not plausible (a board without a
 * real-time clock, before NTP): the header shows no clock nor date, and
 * nothing is marked as today, past or in progress. Default: known. */
void screen_set_clock_known(struct screen *s, int known);

/* Lays out a w x h screen for cfg. fonts and cfg must outlive the screen.
 * Returns NULL when memory runs out. */
struct screen *screen_new(const struct cfg *cfg, struct text_fonts *fonts, int w, int h);

/* Frees s. Accepts NULL. */
void screen_free(struct screen *s);

/* Regions of the screen. The ticker rect has zero height when has_ticker
 * is 0 (nothing to scroll: the main zone takes the room). */
SDL_Rect screen_header_rect(const struct screen *s);
SDL_Rect screen_main_rect(const struct screen *s, int has_ticker);
SDL_Rect screen_ticker_rect(const struct screen *s, int has_ticker);

/* Draws the header as it is at now into its rect of dst. */
void screen_draw_header(struct screen *s, SDL_Surface *dst, time_t now);

/* Draws the main zone as it is at now into its rect of dst. */
void screen_draw_main(struct screen *s, SDL_Surface *dst, const struct content *c, time_t now,
                      int has_ticker);

/* Returns the height of the ticker band. */
int screen_ticker_height(const struct screen *s);

/* Returns the theme in use. */
const struct theme *screen_theme(const struct screen *s);

#endif
