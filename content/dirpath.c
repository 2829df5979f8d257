#include "dirpath.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dirpath_join(char *buf, size_t n, const char *base, size_t base_n, const char *suffix)
{
    int w;

    if (base == NULL || base_n == 0 || base[0] != '/' || base_n > INT_MAX)
        return 0;
    w = snprintf(buf, n, "%.*s%s", (int)base_n, base, suffix);
    return w < 0 || (size_t)w >= n ? -1 : 1;
}

int dirpath_from_env_list(char *buf, size_t n, const char *var)
{
    const char *v = getenv(var), *colon;

    if (v == NULL)
        return 0;
    colon = strchr(v, ':');
    return dirpath_join(buf, n, v, colon ? (size_t)(colon - v) : strlen(v), "");
}
