/* From a parsed feed to what the screen shows: each item goes where its
 * source's kind says (or, in the hallscreen format, where the item says),
 * with the source's partner name and colour. */
#ifndef HS_MAP_H
#define HS_MAP_H

#include <time.h>

#include "../config/cfg.h"
#include "../content/model.h"
#include "feed.h"

/* Adds the items of doc to c as src says: semainier → slots (dated items;
 * the location is the room), agenda → events (dated items), notices →
 * notices, ticker → ticker items (the title), urgent → the urgent message
 * (the first item still valid at now). Items of the hallscreen format go
 * where their own type says. The partner is the source's, unless a
 * hallscreen item names its own; the colour is the item's, else the
 * source's, else one picked from the partner's name (colour = auto). Items
 * that ended or expired before now are left out; items the kind cannot show
 * (an undated entry in the agenda) are counted in *skipped. Returns the
 * number of items added, or -1 when memory runs out (c may then hold part
 * of them). */
int feed_map(const struct feed_doc *doc, const struct cfg_source *src, time_t now,
             struct content *c, int *skipped);

/* Returns the colour "auto" gives partner: one of a fixed palette of
 * saturated colours, the same for the same name on every screen. */
int32_t feed_auto_colour(const char *partner);

#endif
