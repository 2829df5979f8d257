/* Built-in demo content: a plausible week of a French social centre, dated
 * relative to the week of now so the demo never looks stale. */
#ifndef HS_DEMO_H
#define HS_DEMO_H

#include <time.h>

#include "model.h"

/* Returns a new content for the week that holds now (local time; call
 * caltime_set_zone first), or NULL when memory runs out. Caller frees with
 * content_free. The same now always gives the same content. */
struct content *demo_content(time_t now);

#endif
