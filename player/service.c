#include "service.h"

#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

static double interval_ms = -1;   /* half the watchdog's timeout; -1: none */
static double last_ms = -1;
static char last_status[256];

void service_init(void)
{
    uint64_t usec = 0;

    /* Half the timeout, as sd_watchdog_enabled(3) advises. */
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        interval_ms = (double)usec / 2000.0;
}

void service_ready(const char *status)
{
    sd_notifyf(0, "READY=1\nSTATUS=%s", status ? status : "");
    snprintf(last_status, sizeof(last_status), "%s", status ? status : "");
}

double service_tick(double now_ms, const char *status)
{
    if (status != NULL && strcmp(status, last_status) != 0) {
        sd_notifyf(0, "STATUS=%s", status);
        snprintf(last_status, sizeof(last_status), "%s", status);
    }
    if (interval_ms < 0)
        return -1;
    if (last_ms < 0 || now_ms - last_ms >= interval_ms) {
        sd_notify(0, "WATCHDOG=1");
        last_ms = now_ms;
    }
    return last_ms + interval_ms - now_ms;
}

void service_reloading(int reloading)
{
    sd_notify(0, reloading ? "RELOADING=1" : "READY=1");
}

void service_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}
