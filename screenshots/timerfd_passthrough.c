/*
 * Preloaded in front of libfaketime by make.sh.
 *
 * libfaketime shifts the deadline of every absolute timerfd_settime() by the fake offset, whatever the clock,
 * even with FAKETIME_DONT_FAKE_MONOTONIC=1. Swift concurrency (Task.sleep) and SwiftNIO arm their timers on
 * CLOCK_MONOTONIC / CLOCK_BOOTTIME timerfds, so with a fake date hours in the past every sleep would wait hours.
 * These two functions go straight to the kernel, so only the wall clock is faked and sleeps and timeouts keep
 * real time.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int timerfd_settime(int fd, int flags, const struct itimerspec *new_value, struct itimerspec *old_value) {
    return (int)syscall(SYS_timerfd_settime, fd, flags, new_value, old_value);
}

int timerfd_gettime(int fd, struct itimerspec *curr_value) {
    return (int)syscall(SYS_timerfd_gettime, fd, curr_value);
}
