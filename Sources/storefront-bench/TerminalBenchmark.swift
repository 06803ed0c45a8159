import ChildProcesses
import Foundation

/// Runs the real `storefront` in a 120x40 pseudo-terminal and measures what a person feels: the time to the
/// first painted frame, the time from a search keystroke to the frame that shows its results, and the bytes
/// written to the terminal when the selection moves one row.
enum TerminalBenchmark {
    struct Figures {
        var firstFrame: Duration
        var keystrokes: Latencies
        /// Bytes of the frame that moves the selection bar (the first burst after the key).
        var selectionMoveBytes: [Int]
        /// Bytes of the frame that follows it, showing the newly selected product's detail.
        var detailBytes: [Int]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(storefront: String, arguments: [String], environment: [String: String]) throws -> Figures {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        defer { terminal.close() }
        var env = environment
        env["TERM"] = "xterm-256color"
        let clock = ContinuousClock()
        let start = clock.now
        let program = try terminal.spawn(storefront, arguments: arguments, environment: env)
        defer {
            kill(program.pid, SIGTERM)
            _ = program.wait(timeout: 60)
        }
        // The status bar's cart counter is part of every full frame.
        guard terminal.read(until: "Cart 0/20", timeout: .seconds(10)) else {
            throw Failure(description: "no frame within 10 s; the terminal showed: \(terminal.transcriptTail)")
        }
        let firstFrame = clock.now - start
        // The products and the first detail arrive in the frames after; the detail's heading says they did.
        guard terminal.read(until: "Packages", timeout: .seconds(10)) || terminal.read(until: "Any value", timeout: .seconds(1)) else {
            throw Failure(description: "the cached catalog did not show; the terminal showed: \(terminal.transcriptTail)")
        }
        terminal.drain(quietFor: .milliseconds(300))

        try terminal.write("/")
        terminal.drain(quietFor: .milliseconds(100))
        var keystrokes = Latencies(samples: [])
        for query in ["nordic books", "steam", "cafe muller", "esim europe", "amazon"] {
            for character in query {
                let sent = clock.now
                try terminal.write(String(character))
                terminal.drain(quietFor: .milliseconds(15))
                keystrokes.samples.append(terminal.lastByteAt.map { $0 - sent } ?? .zero)
            }
            for _ in query {
                try terminal.write("\u{7F}")
                terminal.drain(quietFor: .milliseconds(15))
            }
        }
        try terminal.write("\r")
        terminal.drain(quietFor: .milliseconds(200))

        var selection: [Int] = []
        var detail: [Int] = []
        for _ in 0..<20 {
            try terminal.write("\u{1B}[B")
            let bursts = terminal.bursts(quietGap: .milliseconds(4), within: .milliseconds(150))
            selection.append(bursts.first ?? 0)
            detail.append(bursts.dropFirst().reduce(0, +))
        }
        return Figures(firstFrame: firstFrame, keystrokes: keystrokes, selectionMoveBytes: selection, detailBytes: detail)
    }
}

/// A pseudo-terminal pair: the benchmark holds the master, the child gets the slave as its terminal.
final class PseudoTerminal {
    /// `TIOCSPTLCK` and `TIOCGPTN` from <asm-generic/ioctls.h>, which Swift's Glibc module does not export.
    static let unlockRequest: UInt = 0x4004_5431
    static let numberRequest: UInt = 0x8004_5430

    let master: Int32
    private let slavePath: String
    private var transcript: [UInt8] = []
    private(set) var lastByteAt: ContinuousClock.Instant?

    init(width: Int, height: Int) throws {
        // posix_openpt and friends are hidden behind feature macros Swift's Glibc module does not set, so this
        // is what they do on Linux: open the multiplexer, unlock the pair, ask for its number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        self.master = master
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0,
              withUnsafeMutablePointer(to: &unlock, { ioctl(master, PseudoTerminal.unlockRequest, $0) }) == 0,
              withUnsafeMutablePointer(to: &number, { ioctl(master, PseudoTerminal.numberRequest, $0) }) == 0
        else {
            throw TerminalBenchmark.Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = withUnsafeMutablePointer(to: &size) { ioctl(master, UInt(TIOCSWINSZ), $0) }
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
    }

    /// Starts a program with this terminal as its stdin and stdout (stderr discarded), as a terminal emulator would.
    func spawn(_ executable: String, arguments: [String], environment: [String: String]) throws -> ChildProcess.Running {
        try ChildProcess.start(URL(fileURLWithPath: executable), arguments, environment: environment,
                               stdin: slavePath, stdout: slavePath, stderr: "/dev/null")
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.write(master, bytes, bytes.count) == bytes.count else {
            throw TerminalBenchmark.Failure(description: "cannot write to the terminal")
        }
    }

    /// Reads what is available now; the number of bytes read.
    @discardableResult
    private func readAvailable() -> Int {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var total = 0
        while true {
            let count = Glibc.read(master, &buffer, buffer.count)
            guard count > 0 else { return total }
            transcript += buffer[0..<count]
            total += count
            lastByteAt = ContinuousClock.now
        }
    }

    private func wait(upTo duration: Duration) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000))
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// Reads until the output contains `marker`; false on timeout.
    func read(until marker: String, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        let needle = Array(marker.utf8)
        while ContinuousClock.now < deadline {
            if wait(upTo: .milliseconds(10)) { readAvailable() }
            if transcript.count >= needle.count, transcript.suffix(200_000).contains(needle) { return true }
        }
        return false
    }

    /// Reads until nothing arrives for `quietFor`.
    func drain(quietFor: Duration) {
        while wait(upTo: quietFor) {
            readAvailable()
        }
    }

    /// The sizes of the bursts of output that arrive within `within`, a burst ending after `quietGap` of silence.
    func bursts(quietGap: Duration, within: Duration) -> [Int] {
        let deadline = ContinuousClock.now + within
        var sizes: [Int] = []
        var current = 0
        while ContinuousClock.now < deadline {
            if wait(upTo: quietGap) {
                current += readAvailable()
            } else if current > 0 {
                sizes.append(current)
                current = 0
            }
        }
        if current > 0 { sizes.append(current) }
        return sizes
    }

    var transcriptTail: String {
        String(decoding: transcript.suffix(400), as: UTF8.self)
    }

    func close() {
        Glibc.close(master)
    }
}

private extension Array where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return indices.dropLast(needle.count - 1).contains { start in self[start..<(start + needle.count)].elementsEqual(needle) }
    }
}

private extension ArraySlice where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        Array(self).contains(needle)
    }
}
