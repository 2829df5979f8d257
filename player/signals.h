/* The signals a technician sends: SIGHUP reloads the configuration, SIGUSR1
 * writes a screenshot. A thread waits for them with sigwait and posts an SDL
 * event, since nothing else is safe to do in a signal handler. SIGTERM and
 * SIGINT are SDL's: they post SDL_QUIT. */
#ifndef HS_SIGNALS_H
#define HS_SIGNALS_H

#include <SDL.h>

/* Blocks SIGHUP and SIGUSR1 in the calling thread, and so in every thread
 * created after it. Call at the very start of main. */
void signals_block(void);

/* Starts the thread that turns SIGHUP and SIGUSR1 into SDL user events of
 * type event_type, with user.code SIGHUP or SIGUSR1. Returns 0 or -1. */
int signals_start(Uint32 event_type);

#endif
