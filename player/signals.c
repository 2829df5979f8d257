#include "signals.h"

#include <pthread.h>
#include <signal.h>

static Uint32 signal_event;

static void handled(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGUSR1);
}

void signals_block(void)
{
    sigset_t set;

    handled(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void *waiter(void *arg)
{
    sigset_t set;
    int sig;

    (void)arg;
    handled(&set);
    for (;;) {
        SDL_Event ev;

        if (sigwait(&set, &sig) != 0)
            continue;
        SDL_zero(ev);
        ev.type = signal_event;
        ev.user.code = sig;
        SDL_PushEvent(&ev);
    }
    return NULL;
}

int signals_start(Uint32 event_type)
{
    pthread_t t;

    signal_event = event_type;
    if (pthread_create(&t, NULL, waiter, NULL) != 0)
        return -1;
    pthread_detach(t);
    return 0;
}
