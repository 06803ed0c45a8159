#define _GNU_SOURCE
#include "session_process.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Between fork and exec only async-signal-safe calls: the parent is multi-threaded. */
static void become_program(const char *path, char *const argv[], char *const envp[]) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    struct sigaction standard = {0};
    standard.sa_handler = SIG_DFL;
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        sigaction(signal_number, &standard, NULL);
    }
    close_range(3, ~0U, 0);
    execve(path, argv, envp);
    _exit(127);
}

pid_t storefront_spawn_on_terminal(const char *path, char *const argv[], char *const envp[],
                                   unsigned short rows, unsigned short columns, int *master) {
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    pid_t pid = forkpty(master, NULL, NULL, &size);
    if (pid == 0) {
        become_program(path, argv, envp);
    }
    if (pid > 0) {
        fcntl(*master, F_SETFD, FD_CLOEXEC);
    }
    return pid;
}

pid_t storefront_spawn_with_pipes(const char *path, char *const argv[], char *const envp[], int out, int err) {
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int null_input = open("/dev/null", O_RDONLY);
        if (null_input < 0 || dup2(null_input, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
            _exit(127);
        }
        become_program(path, argv, envp);
    }
    return pid;
}

int storefront_set_window_size(int master, unsigned short rows, unsigned short columns) {
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    return ioctl(master, TIOCSWINSZ, &size);
}

int storefront_pipe(int descriptors[2]) {
    return pipe2(descriptors, O_CLOEXEC);
}
