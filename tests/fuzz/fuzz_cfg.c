/* libFuzzer target for config/cfg.c. Beyond "no crash, no leak", it checks
 * the parser's contract: an error is one line that names the file, and a
 * configuration that parses prints to a text that parses back to the same
 * configuration (cfg_print's promise). Either failure aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../config/cfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    struct cfg *c = NULL, *back = NULL;
    char *text = NULL;
    size_t len = 0;
    if (cfg_parse((const char *)data, size, "fuzz.ini", &c, err, sizeof err) != 0) {
        if (strncmp(err, "fuzz.ini:", 9) != 0 || strchr(err, '\n'))
            abort();
        return 0;
    }
    FILE *f = open_memstream(&text, &len);
    if (!f)
        goto cleanup;
    cfg_print(c, f);
    if (fclose(f) != 0)
        goto cleanup;
    if (cfg_parse(text, len, "printed.ini", &back, err, sizeof err) != 0) {
        fprintf(stderr, "printed config does not parse: %s\n%s", err, text);
        abort();
    }
    if (!cfg_equal(c, back)) {
        fprintf(stderr, "printed config differs:\n%s", text);
        abort();
    }
cleanup:
    free(text);
    cfg_free(back);
    cfg_free(c);
    return 0;
}
