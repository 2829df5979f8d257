/* Talking to systemd (the sd_notify protocol, through libsystemd): READY=1
 * once the first frame is shown, WATCHDOG=1 from the main loop only while it
 * goes round, STATUS= a one-line summary. Without systemd (no NOTIFY_SOCKET)
 * every call does nothing. Main thread only. */
#ifndef HS_SERVICE_H
#define HS_SERVICE_H

#include <stdint.h>

/* Reads WATCHDOG_USEC (for this process) once. Call before service_tick. */
void service_init(void);

/* Says the player is up, with status as the first STATUS= line. */
void service_ready(const char *status);

/* Sends WATCHDOG=1 when half the watchdog interval has passed since the last
 * one (now_ms: a monotonic clock in milliseconds), and STATUS=status when it
 * changed (status may be NULL). Returns the milliseconds until it wants to be
 * called again (-1: never, there is no watchdog). */
double service_tick(double now_ms, const char *status);

/* Says the player is reloading its configuration, or is done reloading. */
void service_reloading(int reloading);

/* Says the player is stopping. */
void service_stopping(void);

#endif
