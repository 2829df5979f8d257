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

static int same(const struct cfg *a, const struct cfg *b)
{
    if (strcmp(a->name, b->name) != 0 || (!a->timezone != !b->timezone) ||
        (a->timezone && strcmp(a->timezone, b->timezone) != 0) ||
        a->orientation != b->orientation || a->theme != b->theme ||
        a->text_scale != b->text_scale || a->renderer != b->renderer || a->demo != b->demo ||
        a->npages != b->npages || a->nsources != b->nsources ||
        memcmp(a->pages, b->pages, sizeof a->pages[0] * (size_t)a->npages) != 0)
        return 0;
    for (int d = 0; d < 7; d++)
        if (a->hours[d].n != b->hours[d].n ||
            memcmp(a->hours[d].iv, b->hours[d].iv,
                   sizeof a->hours[d].iv[0] * (size_t)a->hours[d].n) != 0)
            return 0;
    for (size_t i = 0; i < a->nsources; i++) {
        const struct cfg_source *x = &a->sources[i], *y = &b->sources[i];
        if (strcmp(x->name, y->name) != 0 || strcmp(x->url, y->url) != 0 ||
            x->kind != y->kind || strcmp(x->partner, y->partner) != 0 ||
            x->colour != y->colour || x->refresh_s != y->refresh_s)
            return 0;
    }
    return 1;
}

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
    if (!same(c, back)) {
        fprintf(stderr, "printed config differs:\n%s", text);
        abort();
    }
cleanup:
    free(text);
    cfg_free(back);
    cfg_free(c);
    return 0;
}
