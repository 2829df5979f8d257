/* Drawing primitives on software surfaces: everything hallscreen shows is
 * composed on SDL_Surfaces, so the same code serves the window and the
 * headless snapshot. */
#ifndef HS_DRAW_H
#define HS_DRAW_H

#include <SDL.h>
#include <stdint.h>

/* Fills r (clipped to dst) with the opaque colour 0xRRGGBB. */
void draw_fill(SDL_Surface *dst, const SDL_Rect *r, uint32_t rgb);

/* Fills r with rounded corners of the given radius. Corner pixels are
 * blended with what is below them for a smooth edge. */
void draw_round(SDL_Surface *dst, const SDL_Rect *r, int radius, uint32_t rgb);

/* Draws the outline of r, thickness pixels wide, inside r. */
void draw_frame(SDL_Surface *dst, const SDL_Rect *r, int thickness, uint32_t rgb);

/* Returns the SDL_Color of 0xRRGGBB, opaque. */
SDL_Color draw_color(uint32_t rgb);

#endif
