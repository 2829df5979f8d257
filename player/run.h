/* The player's main loop. */
#ifndef HS_RUN_H
#define HS_RUN_H

#include "app.h"
#include "display.h"

#define RUN_NO_DISPLAY 3 /* exit status when there is no display at all */

/* Opens the display and shows a's content until asked to quit (SIGINT,
 * SIGTERM, or Esc / q in a window). started_ms is the monotonic time the
 * process started, for the first-frame figure. Returns an exit status:
 * 0, 1 on failure, RUN_NO_DISPLAY when no display exists. */
int run_player(struct app *a, const struct display_opts *o, double started_ms);

/* Milliseconds of the monotonic clock. */
double run_now_ms(void);

#endif
