/* How far apart two short names are, for "did you mean ...?" hints: the
 * configuration's keys and the hallscreen format's elements. */
#ifndef HS_EDITDIST_H
#define HS_EDITDIST_H

#define EDITDIST_MAX_LEN 31   /* longest b compared; a longer one is "far" */

/* Returns the Levenshtein distance between a and b (bytes), or cap when it is
 * cap or more, which is found early when their lengths differ by cap or b
 * is longer than EDITDIST_MAX_LEN. cap >= 1. */
int editdist(const char *a, const char *b, int cap);

#endif
