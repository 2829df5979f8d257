#include "text.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#include "../content/utf8.h"
#include "draw.h"
#include "log.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */
#define FONT_CACHE 32           /* open (weight, size) pairs kept */
#define MIN_PX 6
#define MAX_PX 1000

struct font_entry {
    enum text_weight weight;
    int px;
    unsigned long used; /* last use, for eviction */
    TTF_Font *font;
};

struct text_fonts {
    char *file[TEXT_NWEIGHTS];
    struct font_entry cache[FONT_CACHE];
    unsigned long clock;
};

/* Families tried in order: Noto Sans has the widest coverage (Latin, Greek,
 * Cyrillic, Vietnamese) and a large x-height that reads well at distance;
 * DejaVu Sans is on nearly every Debian system. */
static const char *const families[] = {"Noto Sans", "DejaVu Sans"};

/* Returns the file of family at weight, or NULL when fontconfig would
 * substitute another family (we want the one we asked for, so that what we
 * draw does not depend on what else a machine has installed). */
static char *match_font(const char *family, int weight)
{
    FcPattern *pat, *match = NULL;
    FcResult res;
    FcChar8 *got_family = NULL, *file = NULL;
    char *out = NULL;

    pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    if (!FcConfigSubstitute(NULL, pat, FcMatchPattern))
        goto done;
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &res);
    if (!match || res != FcResultMatch)
        goto done;
    if (FcPatternGetString(match, FC_FAMILY, 0, &got_family) != FcResultMatch ||
        strcmp((const char *)got_family, family) != 0)
        goto done;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
        out = strdup((const char *)file);
done:
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return out;
}

struct text_fonts *text_fonts_new(char *err, size_t errlen)
{
    struct text_fonts *f;
    static const int weights[TEXT_NWEIGHTS] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};

    if (!FcInit()) {
        snprintf(err, errlen, "fontconfig could not be initialised");
        return NULL;
    }
    f = calloc(1, sizeof(*f));
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        char *reg = match_font(families[i], weights[TEXT_REGULAR]);
        char *bold = reg ? match_font(families[i], weights[TEXT_BOLD]) : NULL;
        if (reg && bold) {
            f->file[TEXT_REGULAR] = reg;
            f->file[TEXT_BOLD] = bold;
            return f;
        }
        free(reg);
        free(bold);
    }
    snprintf(err, errlen,
             "no usable font: neither Noto Sans nor DejaVu Sans was found by fontconfig "
             "(install them: apt-get install fonts-noto-core fonts-dejavu-core)");
    free(f);
    return NULL;
}

void text_fonts_free(struct text_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < FONT_CACHE; i++)
        if (f->cache[i].font)
            TTF_CloseFont(f->cache[i].font);
    for (int w = 0; w < TEXT_NWEIGHTS; w++)
        free(f->file[w]);
    free(f);
    /* Nothing else in the process uses fontconfig: release its
     * configuration, so that a long-lived process reloading fonts and the
     * leak checker both see memory come back. */
    FcFini();
}

const char *text_font_file(const struct text_fonts *f, enum text_weight w)
{
    return f->file[w];
}

TTF_Font *text_font(struct text_fonts *f, enum text_weight w, int px)
{
    struct font_entry *slot = &f->cache[0];

    if (px < MIN_PX)
        px = MIN_PX;
    if (px > MAX_PX)
        px = MAX_PX;
    f->clock++;
    for (int i = 0; i < FONT_CACHE; i++) {
        struct font_entry *e = &f->cache[i];
        if (e->font && e->weight == w && e->px == px) {
            e->used = f->clock;
            return e->font;
        }
        if (!e->font || (slot->font && e->used < slot->used))
            slot = e;
    }
    if (slot->font)
        TTF_CloseFont(slot->font);
    /* At 72 dpi a point is a pixel: sizes in the layout are pixels. */
    slot->font = TTF_OpenFont(f->file[w], px);
    if (!slot->font) {
        log_err("cannot open font %s at %d px: %s", f->file[w], px, TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(slot->font, TTF_HINTING_LIGHT);
    slot->weight = w;
    slot->px = px;
    slot->used = f->clock;
    return slot->font;
}

int text_line_step(struct text_fonts *f, enum text_weight w, int px)
{
    TTF_Font *font = text_font(f, w, px);
    /* Noto's line height leaves room for stacked diacritics (1.36 em); a
     * slightly tighter step keeps blocks compact and still never lets an
     * accent touch the line above. */
    return font ? TTF_FontHeight(font) * 9 / 10 : px;
}

int text_width(struct text_fonts *f, enum text_weight w, int px, const char *s)
{
    TTF_Font *font = text_font(f, w, px);
    int tw = 0, th = 0;

    if (!font || !*s || TTF_SizeUTF8(font, s, &tw, &th) != 0)
        return 0;
    return tw;
}

/* 1 when every word of s is at most w wide at px. */
static int words_fit(struct text_fonts *f, enum text_weight wt, const char *s, int px, int w)
{
    char word[HS_MAX_TEXT_BYTES + 1];
    size_t i = 0, n = strlen(s);

    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j - i > 0 && j - i < sizeof(word)) {
            memcpy(word, s + i, j - i);
            word[j - i] = '\0';
            if (text_width(f, wt, px, word) > w)
                return 0;
        }
        i = j + 1;
    }
    return 1;
}

/* Largest px in [lo, hi] for which fits(px) holds, by halving; lo when
 * none does. Fitting is monotonic in size, give or take hinting. */
static int largest_px(struct text_fonts *f, enum text_weight wt, const char *s, int lo, int hi,
                      int w, int (*fits)(struct text_fonts *, enum text_weight, const char *, int,
                                         int))
{
    if (fits(f, wt, s, hi, w))
        return hi;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (fits(f, wt, s, mid, w))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static int line_fits(struct text_fonts *f, enum text_weight wt, const char *s, int px, int w)
{
    return text_width(f, wt, px, s) <= w;
}

int text_max_px_words(struct text_fonts *f, enum text_weight wt, const char *s, int max_px,
                      int min_px, int w)
{
    return largest_px(f, wt, s, min_px, max_px, w, words_fit);
}

int text_max_px_line(struct text_fonts *f, enum text_weight wt, const char *s, int max_px,
                     int min_px, int w)
{
    return largest_px(f, wt, s, min_px, max_px, w, line_fits);
}

void text_block_free(struct text_block *b)
{
    for (int i = 0; i < b->nlines; i++)
        free(b->lines[i]);
    memset(b, 0, sizeof(*b));
}

/* Appends a copy of s[0..len) as a line of b. */
static int push_line(struct text_block *b, const char *s, size_t len)
{
    char *line;

    if (b->nlines >= HS_MAX_TEXT_LINES)
        return -1;
    line = malloc(len + 1);
    if (!line)
        return -1;
    memcpy(line, s, len);
    line[len] = '\0';
    b->lines[b->nlines++] = line;
    return 0;
}

/* Greedy word wrap of s at px into b. Sets *overflow when one word alone is
 * wider than box_w. Returns 0 or -1 (no memory, or more lines than a block
 * holds). Width is measured on the whole candidate line, so kerning and
 * shaping across the spaces count. */
static int wrap(struct text_fonts *f, const char *s, enum text_weight w, int px, int box_w,
                struct text_block *b, int *overflow)
{
    size_t n = strlen(s), start = 0;
    char *scratch = malloc(n + 1);

    *overflow = 0;
    if (!scratch)
        return -1;
    while (start < n) {
        size_t end = start, fit = 0;
        /* Extend the line word by word while it fits. */
        while (end < n) {
            size_t next = end;
            while (next < n && s[next] == ' ')
                next++;
            while (next < n && s[next] != ' ')
                next++;
            memcpy(scratch, s + start, next - start);
            scratch[next - start] = '\0';
            if (text_width(f, w, px, scratch) > box_w) {
                if (fit)
                    break;
                *overflow = 1;
            }
            fit = next;
            end = next;
            if (*overflow)
                break;
        }
        if (push_line(b, s + start, fit - start) != 0) {
            free(scratch);
            return -1;
        }
        start = fit;
        while (start < n && s[start] == ' ')
            start++;
    }
    free(scratch);
    return 0;
}

/* Shortens the line to fit box_w with an ellipsis: whole words are dropped
 * from its end; a single word too long for the box is cut at a code point. */
static int ellipsize(struct text_fonts *f, enum text_weight w, int px, int box_w, char **linep)
{
    char *line = *linep;
    size_t len = strlen(line);
    char *buf = malloc(len + sizeof(ELLIPSIS));

    if (!buf)
        return -1;
    for (;;) {
        /* Trailing spaces and punctuation read badly before an ellipsis. */
        while (len > 0 && strchr(" ,;:.-", line[len - 1]))
            len--;
        memcpy(buf, line, len);
        memcpy(buf + len, ELLIPSIS, sizeof(ELLIPSIS));
        if (len == 0 || text_width(f, w, px, buf) <= box_w)
            break;
        const char *space = NULL;
        for (size_t i = len; i > 0; i--)
            if (line[i - 1] == ' ') {
                space = line + i - 1;
                break;
            }
        len = space ? (size_t)(space - line) : utf8_prev(line, len);
    }
    if (len == 0 && text_width(f, w, px, ELLIPSIS) > box_w)
        buf[0] = '\0';
    free(line);
    *linep = buf;
    return 0;
}

static void measure(struct text_fonts *f, struct text_block *b)
{
    b->w = 0;
    for (int i = 0; i < b->nlines; i++) {
        int lw = text_width(f, b->weight, b->px, b->lines[i]);
        if (lw > b->w)
            b->w = lw;
    }
    b->step = text_line_step(f, b->weight, b->px);
    b->h = b->nlines ? (b->nlines - 1) * b->step + TTF_FontHeight(text_font(f, b->weight, b->px))
                     : 0;
}

/* Lines that fit in box_h at px, capped by max_lines. */
static int lines_that_fit(struct text_fonts *f, const struct text_style *st, int px, int box_h)
{
    TTF_Font *font = text_font(f, st->weight, px);
    int step = text_line_step(f, st->weight, px);
    int n;

    if (!font || box_h < TTF_FontHeight(font))
        return 0;
    n = 1 + (box_h - TTF_FontHeight(font)) / step;
    if (st->max_lines > 0 && n > st->max_lines)
        n = st->max_lines;
    return n > HS_MAX_TEXT_LINES ? HS_MAX_TEXT_LINES : n;
}

/* 1 when s wraps at px into the box with no word overflowing. */
static int fits_at(struct text_fonts *f, const char *s, const struct text_style *st, int px,
                   int box_w, int box_h)
{
    struct text_block b = {.weight = st->weight, .px = px};
    int overflow = 0, ok;
    int room = lines_that_fit(f, st, px, box_h);

    ok = room > 0 && wrap(f, s, st->weight, px, box_w, &b, &overflow) == 0 && !overflow &&
         b.nlines <= room;
    text_block_free(&b);
    return ok;
}

int text_fit(struct text_fonts *f, const char *s, const struct text_style *st, int box_w,
             int box_h, struct text_block *out)
{
    int lo = st->min_px, hi = st->max_px, px, overflow = 0, room, full;

    memset(out, 0, sizeof(*out));
    out->weight = st->weight;
    if (!s || !*s || box_w <= 0 || box_h <= 0)
        return 0;
    if (lo < MIN_PX)
        lo = MIN_PX;
    if (hi < lo)
        hi = lo;
    /* Binary search of the largest size that fits: fitting is monotonic in
     * size, give or take a pixel of hinting, and halving keeps the number of
     * sizes opened small. */
    px = lo;
    if (fits_at(f, s, st, hi, box_w, box_h)) {
        px = hi;
    } else {
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (fits_at(f, s, st, mid, box_w, box_h))
                lo = mid;
            else
                hi = mid;
        }
        px = lo;
    }
    out->px = px;
    room = lines_that_fit(f, st, px, box_h);
    if (room == 0)
        return 0;
    /* wrap fails when memory runs out or the text has more lines than a
     * block holds; in the second case keep what fits, with an ellipsis. */
    full = wrap(f, s, st->weight, px, box_w, out, &overflow) != 0;
    if (full && out->nlines < room)
        return -1;
    if (out->nlines > room || overflow || full) {
        int dropped = out->nlines > room || full;
        while (out->nlines > room)
            free(out->lines[--out->nlines]);
        for (int i = 0; i < out->nlines; i++) {
            int last = i == out->nlines - 1;
            /* A word too long for the box is shortened where it stands;
             * dropped lines are said by an ellipsis on the last line kept. */
            if (text_width(f, st->weight, px, out->lines[i]) <= box_w && !(last && dropped))
                continue;
            if (ellipsize(f, st->weight, px, box_w, &out->lines[i]) != 0)
                return -1;
            out->shortened = 1;
        }
    }
    measure(f, out);
    return 0;
}

SDL_Surface *text_render_line(struct text_fonts *f, enum text_weight w, int px, const char *s,
                              uint32_t rgb)
{
    TTF_Font *font = text_font(f, w, px);
    SDL_Surface *surf;

    if (!font || !*s)
        return NULL;
    surf = TTF_RenderUTF8_Blended(font, s, draw_color(rgb));
    if (!surf)
        log_warn("cannot render text: %s", TTF_GetError());
    return surf;
}

int text_draw(struct text_fonts *f, SDL_Surface *dst, const struct text_block *b, int x, int y,
              int box_w, enum text_align align, uint32_t rgb)
{
    int rc = 0;

    for (int i = 0; i < b->nlines; i++) {
        SDL_Surface *line = text_render_line(f, b->weight, b->px, b->lines[i], rgb);
        SDL_Rect at;
        if (!line) {
            if (*b->lines[i])
                rc = -1;
            continue;
        }
        at.x = x;
        if (align == TEXT_CENTER)
            at.x = x + (box_w - line->w) / 2;
        else if (align == TEXT_RIGHT)
            at.x = x + box_w - line->w;
        at.y = y + i * b->step;
        at.w = line->w;
        at.h = line->h;
        if (SDL_BlitSurface(line, NULL, dst, &at) != 0)
            rc = -1;
        SDL_FreeSurface(line);
    }
    return rc;
}

int text_draw_fitted_line(struct text_fonts *f, SDL_Surface *dst, const char *s,
                          enum text_weight w, int max_px, int min_px, int x, int y, int box_w,
                          enum text_align align, uint32_t rgb)
{
    struct text_style st = {w, max_px, min_px, 1};
    struct text_block b;
    int h;

    if (text_fit(f, s, &st, box_w, 4 * max_px, &b) != 0) {
        text_block_free(&b);
        return 0;
    }
    text_draw(f, dst, &b, x, y, box_w, align, rgb);
    h = b.h;
    text_block_free(&b);
    return h;
}
