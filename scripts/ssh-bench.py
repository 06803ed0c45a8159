#!/usr/bin/env python3
"""Measures `storefront ssh serve` through the real OpenSSH client on loopback.

Prints: connect to first painted frame (and, for comparison, a bare `ssh host --version` round trip, which is
the handshake plus one process start), bytes the client receives when the selection moves one row, and N
concurrent sessions held with scripted keystrokes: memory per session, CPU, and whether the one beyond
--max-sessions is refused politely.

    python3 scripts/ssh-bench.py .build/release/storefront [--sessions 20] [--hold 60]
"""
import argparse
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time
import fcntl
import struct
import termios

FIRST_FRAME = b"Cart 0/"


def ssh_base(port, key):
    return ["ssh", "-p", str(port), "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
            "-o", "IdentitiesOnly=yes", "-i", key]


class Session:
    """One `ssh -tt` visitor on a pseudo-terminal of its own."""

    def __init__(self, command, width=120, height=40):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        self.master = master
        self.transcript = b""
        os.set_blocking(master, False)

    def read_available(self):
        total = 0
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                return total
            if not chunk:
                return total
            self.transcript += chunk
            total += len(chunk)

    def wait_for(self, marker, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            select.select([self.master], [], [], 0.01)
            self.read_available()
            if marker in self.transcript:
                return time.monotonic() - self.started
        raise RuntimeError("no %r within %ss: %r" % (marker, timeout, self.transcript[-300:]))

    def drain(self, quiet=0.3):
        while select.select([self.master], [], [], quiet)[0]:
            if self.read_available() == 0:
                return

    def bursts(self, gap=0.02, within=0.4):
        sizes, current, deadline = [], 0, time.monotonic() + within
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], gap)[0]:
                current += self.read_available()
            elif current:
                sizes.append(current)
                current = 0
        if current:
            sizes.append(current)
        return sizes

    def send(self, data):
        os.write(self.master, data)

    def close(self):
        self.process.kill()
        self.process.wait()
        os.close(self.master)


def descendants(pid):
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children = {}
    for line in out.split("\n"):
        if line.strip():
            p, pp = map(int, line.split())
            children.setdefault(pp, []).append(p)
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except FileNotFoundError:
        return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("storefront")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--hold", type=float, default=60)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="storefront-ssh-bench-")
    key = os.path.join(scratch, "key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BITREFILL_")}
    env["STOREFRONT_DATA_DIR"] = os.path.join(scratch, "server")
    log = open(os.path.join(scratch, "server.log"), "w")
    server = subprocess.Popen([args.storefront, "ssh", "serve", "--port", "0", "--max-sessions", str(args.sessions),
                               "--max-sessions-per-address", str(args.sessions + 1), "--connections-per-minute", "1000"],
                              stdout=subprocess.PIPE, stderr=log, env=env, text=True)
    port = None
    for line in server.stdout:
        if line.startswith("Storefront over SSH on "):
            port = int(line.split(":")[1].split()[0])
            break
    base = ssh_base(port, key)
    try:
        started = time.monotonic()
        subprocess.run(base + ["127.0.0.1", "--version"], capture_output=True, check=True)
        handshake = time.monotonic() - started
        frames = []
        for _ in range(5):
            session = Session(base + ["-tt", "127.0.0.1"])
            frames.append(session.wait_for(FIRST_FRAME))
            session.close()
        print("ssh host --version round trip (handshake + one process): %.0f ms" % (handshake * 1000))
        print("connect to first painted frame, 120x40: median %.0f ms (of %s)" % (
            sorted(frames)[len(frames) // 2] * 1000, ", ".join("%.0f" % (f * 1000) for f in frames)))

        session = Session(base + ["-tt", "127.0.0.1"])
        session.wait_for(FIRST_FRAME)
        session.wait_for(b"Packages", timeout=60) if b"Packages" not in session.transcript else None
        session.drain(0.5)
        moves = []
        for _ in range(20):
            session.send(b"\x1b[B")
            found = session.bursts()
            moves.append(found[0] if found else 0)
        print("bytes received to move the selection one row: %d-%d (median %d)" % (
            min(moves), max(moves), sorted(moves)[len(moves) // 2]))
        session.close()

        sessions = [Session(base + ["-tt", "127.0.0.1"]) for _ in range(args.sessions)]
        for each in sessions:
            each.wait_for(FIRST_FRAME, timeout=120)
        children = descendants(server.pid)
        cpu_before = cpu_seconds(server.pid) + sum(cpu_seconds(p) for p in children)
        held_from = time.monotonic()
        keystroke = 0
        while time.monotonic() - held_from < args.hold:
            for each in sessions:
                each.send(b"\x1b[B" if keystroke % 4 else b"\x1b[A")
                each.read_available()
            keystroke += 1
            time.sleep(0.5)
        held = time.monotonic() - held_from
        children = descendants(server.pid)
        cpu_after = cpu_seconds(server.pid) + sum(cpu_seconds(p) for p in children)
        child_rss = sum(rss_kib(p) for p in children)
        print("%d sessions held %.0f s with a keystroke every 0.5 s each: server RSS %.1f MB, "
              "session processes %.1f MB in all, %.1f MB per session; CPU %.0f%% of one core" % (
                  args.sessions, held, rss_kib(server.pid) / 1024, child_rss / 1024, child_rss / 1024 / args.sessions,
                  100 * (cpu_after - cpu_before) / held))
        beyond = subprocess.run(base + ["127.0.0.1", "ping"], capture_output=True, text=True)
        print("session %d: exit %d, %r" % (args.sessions + 1, beyond.returncode, beyond.stderr.strip()))
        for each in sessions:
            each.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
