#include "array.h"

#include <stdint.h>
#include <stdlib.h>

#define MIN_CAPACITY 8

void *array_grow(void *arr, size_t n, size_t sz)
{
    size_t cap = MIN_CAPACITY;

    while (cap < n)
        cap *= 2;      /* n is capped by limits.h: no overflow */
    if (arr != NULL && n < cap)
        return arr;
    while (cap <= n)
        cap *= 2;
    if (cap > SIZE_MAX / sz)
        return NULL;
    return realloc(arr, cap * sz);
}
