/* Text: fonts found through fontconfig, and blocks of text fitted to a box:
 * wrapped on word boundaries, shrunk down to a minimum size, and only then
 * ellipsized at a word boundary. Nothing is cut mid-glyph, nothing overflows
 * its box. Strings must be clean UTF-8 (utf8_clean). */
#ifndef HS_TEXT_H
#define HS_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>
#include <stdint.h>

#include "../content/limits.h"

enum text_weight { TEXT_REGULAR, TEXT_BOLD, TEXT_NWEIGHTS };
enum text_align { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT };

struct text_fonts;

/* Finds the UI font (Noto Sans, else DejaVu Sans, else fontconfig's
 * sans-serif) in regular and bold through fontconfig; TTF_Init must have
 * run. Returns NULL with a one-line reason in err when no usable font is
 * installed. Free with text_fonts_free. */
struct text_fonts *text_fonts_new(char *err, size_t errlen);

/* Closes every font. Accepts NULL. */
void text_fonts_free(struct text_fonts *f);

/* Returns the file of the font of that weight (for check-config and logs). */
const char *text_font_file(const struct text_fonts *f, enum text_weight w);

/* Returns the font at px pixels (cached; valid until text_fonts_free), or
 * NULL when it cannot be opened. */
TTF_Font *text_font(struct text_fonts *f, enum text_weight w, int px);

/* Returns the distance between two baselines at that size. */
int text_line_step(struct text_fonts *f, enum text_weight w, int px);

/* Returns the width of s at that size, 0 when it cannot be measured. */
int text_width(struct text_fonts *f, enum text_weight w, int px, const char *s);

/* Returns the largest size in [min_px, max_px] at which every word of s is
 * at most w wide (min_px when even that is too wide). */
int text_max_px_words(struct text_fonts *f, enum text_weight wt, const char *s, int max_px,
                      int min_px, int w);

/* Returns the largest size in [min_px, max_px] at which s is at most w wide
 * on one line (min_px when even that is too wide). */
int text_max_px_line(struct text_fonts *f, enum text_weight wt, const char *s, int max_px,
                     int min_px, int w);

struct text_style {
    enum text_weight weight;
    int max_px, min_px;  /* the largest size is tried first */
    int max_lines;       /* 0: as many as the box holds */
};

struct text_block {
    char *lines[HS_MAX_TEXT_LINES]; /* owned, NUL-terminated */
    int nlines;
    int px;
    enum text_weight weight;
    int step;            /* baseline to baseline */
    int w, h;            /* extent of the lines */
    int shortened;       /* 1 when an ellipsis had to be added */
};

/* Lays s out in a box_w x box_h box with style st into *out. Returns 0 (an
 * empty s or a box too small for one line gives nlines 0), or -1 when memory
 * runs out. Free out with text_block_free, also after -1. */
int text_fit(struct text_fonts *f, const char *s, const struct text_style *st, int box_w,
             int box_h, struct text_block *out);

/* Frees the lines of b and zeroes it. */
void text_block_free(struct text_block *b);

/* Draws b with its top at y, each line aligned in [x, x + box_w). Returns 0,
 * or -1 when a line could not be rendered (what could be drawn is drawn). */
int text_draw(struct text_fonts *f, SDL_Surface *dst, const struct text_block *b, int x, int y,
              int box_w, enum text_align align, uint32_t rgb);

/* Fits s on one line of box_w at most (shrinking to min_px, then
 * ellipsizing) and draws it with its top at y. Returns the height used. */
int text_draw_fitted_line(struct text_fonts *f, SDL_Surface *dst, const char *s,
                          enum text_weight w, int max_px, int min_px, int x, int y, int box_w,
                          enum text_align align, uint32_t rgb);

/* Renders s as one line into a new ARGB surface (caller frees), or NULL. */
SDL_Surface *text_render_line(struct text_fonts *f, enum text_weight w, int px, const char *s,
                              uint32_t rgb);

#endif
