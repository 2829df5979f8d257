/* libFuzzer target for date_parse. A date it accepts must be after the
 * epoch, a date-only one local midnight, and the instant must survive a
 * round trip through RFC 3339 in UTC and through RFC 822 in GMT: whatever
 * shape came in, the parser agrees with itself. Any failure aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../content/caltime.h"
#include "../../feeds/date.h"

#define MAX_INPUT 256

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (caltime_set_zone("Europe/Paris") != 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char s[MAX_INPUT + 1], back[64];
    time_t t, u;
    int only = -1, only2 = -1;
    struct tm tm;

    if (size > MAX_INPUT)
        size = MAX_INPUT;
    memcpy(s, data, size);
    s[size] = '\0';
    if (date_parse(s, &t, &only) != 0)
        return 0;
    if (t <= 0 || (only != 0 && only != 1))
        abort();
    if (only && caltime_day_start(t) != t)
        abort();
    if (date_parse(s, &u, &only2) != 0 || u != t || only2 != only)
        abort();
    if (gmtime_r(&t, &tm) == NULL)
        abort();
    if (tm.tm_year + 1900 > 9999)
        return 0;       /* 9999-12-31T23:00-05:00 is in year 10000 in UTC */
    snprintf(back, sizeof(back), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (date_parse(back, &u, &only2) != 0 || u != t || only2 != 0)
        abort();
    snprintf(back, sizeof(back), "%d %s %04d %02d:%02d:%02d GMT", tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (date_parse(back, &u, &only2) != 0 || u != t || only2 != 0)
        abort();
    return 0;
}
