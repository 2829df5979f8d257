/* One line per event on stderr. Under systemd (JOURNAL_STREAM set) each line
 * starts with its journald priority ("<3>", "<4>", "<6>"), so the journal
 * keeps the level; elsewhere with "hallscreen: " for a person. */
#ifndef HS_LOG_H
#define HS_LOG_H

enum log_level { LOG_ERR = 3, LOG_WARN = 4, LOG_INFO = 6, LOG_DEBUG = 7 };

/* Writes one line (a trailing newline is added; newlines inside become
 * spaces). Messages above the level set by log_set_level are dropped. */
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Drops messages less important than level (default LOG_INFO). */
void log_set_level(enum log_level level);

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
