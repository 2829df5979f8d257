/* Helpers the unit tests share. Header-only (static inline), since each
 * tests/test_*.c is built alone against the library; include it after
 * <cmocka.h>. Tests run from the repository's root. */
#ifndef HS_TEST_UTIL_H
#define HS_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Returns the instant of the UTC date and time given (mon 1-12): expected
 * values written independently of the zone under test. */
static inline time_t utc(int y, int mon, int d, int h, int mi, int s)
{
    struct tm tm = {0};

    tm.tm_year = y - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return timegm(&tm);
}

/* Returns the whole file at path, NUL-terminated, with its length in *len;
 * fails the test when it cannot be read. The caller frees. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        fail_msg("cannot open %s (run the tests from the repository root)", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

#endif
