/* Where the player keeps things: directories named by systemd
 * (CacheDirectory=, RuntimeDirectory=, as ':' lists) or by XDG variables,
 * with a suffix. */
#ifndef HS_DIRPATH_H
#define HS_DIRPATH_H

#include <stddef.h>

/* Writes base[0..base_n) followed by suffix into buf when base is absolute.
 * Returns 1 when written, 0 when base is NULL, empty or relative, -1 when it
 * does not fit in n. */
int dirpath_join(char *buf, size_t n, const char *base, size_t base_n, const char *suffix);

/* As dirpath_join for the first entry of the ':' list in the environment
 * variable var (systemd's *_DIRECTORY), with no suffix; 0 when unset. */
int dirpath_from_env_list(char *buf, size_t n, const char *var);

#endif
