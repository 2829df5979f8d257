#include "snapshot.h"

#include <SDL_image.h>

#include "view.h"

SDL_Surface *snapshot_render(const struct cfg *cfg, struct text_fonts *fonts,
                             const struct content *c, time_t now, int w, int h,
                             enum screen_page page)
{
    struct view *v = view_new(cfg, fonts, w, h);
    SDL_Rect dirty[VIEW_MAX_DIRTY];
    SDL_Surface *out = NULL;

    if (!v)
        return NULL;
    view_set_content(v, c);
    view_set_page(v, page);
    view_update(v, now, dirty);
    out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888);
    if (out)
        view_compose(v, out, 0);
    view_free(v);
    return out;
}

int snapshot_save(SDL_Surface *s, const char *path)
{
    return IMG_SavePNG(s, path);
}
