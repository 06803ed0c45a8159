#ifndef STOREFRONT_SESSION_PROCESS_H
#define STOREFRONT_SESSION_PROCESS_H

#include <sys/types.h>

/// Starts `path` as the leader of a new session on a new pseudo-terminal of `rows` x `columns`.
/// Returns the child's pid and puts the terminal's master side (close-on-exec) in *master; -1 and errno on failure.
/// The child gets default signal handling, an empty signal mask and no descriptor above stderr.
pid_t storefront_spawn_on_terminal(const char *path, char *const argv[], char *const envp[],
                                   unsigned short rows, unsigned short columns, int *master);

/// Starts `path` as the leader of a new session with stdin from /dev/null and stdout, stderr on the given
/// descriptors. Returns the child's pid; -1 and errno on failure.
pid_t storefront_spawn_with_pipes(const char *path, char *const argv[], char *const envp[], int out, int err);

/// A pipe whose both ends close on exec, so no other session's child inherits them.
int storefront_pipe(int descriptors[2]);

/// Tells the terminal behind `master` its new size; the kernel signals SIGWINCH to its foreground group.
int storefront_set_window_size(int master, unsigned short rows, unsigned short columns);

#endif
