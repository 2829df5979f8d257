/* Putting frames on a real screen, by one of two paths chosen at start:
 * - gpu: SDL's accelerated renderer composes cached textures (KMS/DRM with
 *   GLES on a Raspberry Pi, a desktop with a GPU);
 * - software: no GL at all; the window surface is updated in the changed
 *   rectangles only (SDL_UpdateWindowSurfaceRects). On a machine whose only
 *   GL is Mesa's llvmpipe this costs a tenth of the memory and a fiftieth
 *   of the CPU of going through GL. */
#ifndef HS_DISPLAY_H
#define HS_DISPLAY_H

#include <SDL.h>

#include "../config/cfg.h"
#include "view.h"

struct display;

struct display_opts {
    int windowed;            /* 1: a desktop window; 0: fullscreen */
    int w, h;                /* window size; 0 = 1280x720 windowed, the mode fullscreen */
    enum cfg_renderer renderer;
};

/* Initialises SDL video and opens the screen. Returns NULL with one line in
 * err when that fails; *no_display is then 1 when there is no display at
 * all (no X11, Wayland or usable DRM device), 0 for other failures. */
struct display *display_open(const struct display_opts *o, char *err, size_t errlen,
                             int *no_display);

/* Closes the window and SDL video. Accepts NULL. */
void display_close(struct display *d);

/* The size frames must have. */
void display_size(const struct display *d, int *w, int *h);

/* "gpu (opengles2)" or "software (x11)": which path is in use. Static. */
const char *display_path(const struct display *d);

/* Shows the view: the dirty regions of its layer, and the ticker band at
 * offset when ticker_moved is set. Returns 0, or -1 when presenting failed. */
int display_show(struct display *d, const struct view *v, const SDL_Rect *dirty, int ndirty,
                 long offset, int ticker_moved);

/* Call after a window event that lost the window's contents (exposed,
 * resized): the next display_show redraws everything. */
void display_invalidate(struct display *d);

/* Returns 1 when the path waits for the display's vertical sync itself. */
int display_vsync(const struct display *d);

#endif
