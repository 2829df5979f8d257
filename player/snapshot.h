/* Headless rendering: one frame on an offscreen surface, no display server,
 * exactly as run shows it at that moment. */
#ifndef HS_SNAPSHOT_H
#define HS_SNAPSHOT_H

#include <SDL.h>
#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "screen.h"
#include "text.h"

/* Renders the w x h frame of c at now, its main zone showing page, into a new XRGB8888 surface (the
 * caller frees it), or returns NULL with SDL's error set. */
SDL_Surface *snapshot_render(const struct cfg *cfg, struct text_fonts *fonts,
                             const struct content *c, time_t now, int w, int h,
                             enum screen_page page);

/* Writes s to path as a PNG. Returns 0, or -1 with SDL's error set. */
int snapshot_save(SDL_Surface *s, const char *path);

#endif
