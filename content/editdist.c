#include "editdist.h"

#include <string.h>

int editdist(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    int row[EDITDIST_MAX_LEN + 1];

    if (la >= lb + (size_t)cap || lb >= la + (size_t)cap || lb > EDITDIST_MAX_LEN)
        return cap;
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];

        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);

            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > cap ? cap : row[lb];
}
