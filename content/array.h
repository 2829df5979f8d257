/* Arrays that grow by doubling, with no capacity field to keep: the
 * capacity follows from the count. */
#ifndef HS_ARRAY_H
#define HS_ARRAY_H

#include <stddef.h>

/* Returns arr, or arr moved to a larger allocation, with room for element n
 * (elements of size sz), where arr holds n elements and was only ever grown
 * by this function. The capacity is the smallest power of two, at least 8,
 * that is >= n. Returns NULL when memory runs out (arr is then untouched).
 * n must be bounded by a cap of limits.h. */
void *array_grow(void *arr, size_t n, size_t sz);

#endif
