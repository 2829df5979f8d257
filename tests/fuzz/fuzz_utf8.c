/* libFuzzer target for utf8_clean: whatever the bytes, the result must be
 * valid UTF-8 (RFC 3629), hold no C0/C1 control or DEL, no doubled or
 * leading/trailing space, and fit in max_bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../content/utf8.h"

/* Aborts (a crash libFuzzer reports, with the input) when out breaks the
 * contract of utf8_clean for max_bytes. */
static void check(const char *out, size_t max_bytes)
{
    size_t len = strlen(out), pos = 0;

    if (len > max_bytes || !utf8_valid(out, len))
        abort();
    if (len > 0 && (out[0] == ' ' || out[len - 1] == ' ' || strstr(out, "  ") != NULL))
        abort();
    while (pos < len) {
        const unsigned char *u = (const unsigned char *)out + pos;
        size_t k = utf8_seq_len(out + pos, len - pos);

        if (u[0] < 0x20 || u[0] == 0x7F)
            abort();
        /* C1 controls are U+0080..U+009F: C2 80..C2 9F; U+00A0 is C2 A0. */
        if (k == 2 && u[0] == 0xC2 && u[1] <= 0xA0)
            abort();
        if (utf8_prev(out, pos + k) != pos)
            abort();
        pos += k;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t maxes[] = {0, 1, 7, 64, 1024, (size_t)-1};

    for (size_t i = 0; i < sizeof(maxes) / sizeof(maxes[0]); i++) {
        char *out = utf8_clean((const char *)data, size, maxes[i]);

        if (out == NULL)
            abort();
        check(out, maxes[i]);
        free(out);
    }
    return 0;
}
