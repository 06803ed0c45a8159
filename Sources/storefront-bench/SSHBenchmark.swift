import ChildProcesses
import Foundation

/// `storefront-bench ssh`: `storefront ssh serve` measured through the real OpenSSH client on loopback: connect
/// to the first painted frame after the handshake, bytes sent to the client to move the selection one row (and
/// the same locally), and N sessions held with scripted keystrokes (memory per session, CPU), then whether the
/// one beyond `--max-sessions` is refused politely.
///
/// `storefront-bench ssh [--sessions 20] [--hold 60] [--connects 5] [--storefront PATH]`
enum SSHBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The status bar's cart counter is part of every full frame (as in `TerminalBenchmark`).
    static let frameMarker = "Cart 0/20"
    /// Printed by ssh's `LocalCommand` once key exchange and authentication are done.
    static let handshakeMarker = "@@handshake-done@@"

    static func run(_ arguments: [String], defaultStorefront: String) -> Int32 {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let storefront = option("--storefront") ?? defaultStorefront
        let sessions = option("--sessions").flatMap(Int.init) ?? 20
        let hold = option("--hold").flatMap(Int.init) ?? 60
        let connects = option("--connects").flatMap(Int.init) ?? 5
        var report = Report()
        #if DEBUG
        report.note("DEBUG BUILD of the benchmark; the figures are those of the storefront at \(storefront).")
        #endif
        print("Storefront over SSH benchmark (OpenSSH client on loopback)")
        print("Machine: \(MachineInfo.current().description)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-ssh-bench-\(getpid())", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let server = try SSHBenchServer.start(storefront: storefront, maxSessions: sessions, under: root)
            defer { server.stop() }

            var afterHandshake: [Duration] = []
            var total: [Duration] = []
            for _ in 0..<connects {
                let (handshake, frame, started) = try firstFrame(server)
                afterHandshake.append(frame - handshake)
                total.append(frame - started)
            }
            var localStarts: [Duration] = []
            for run in 0..<connects {
                localStarts.append(try localFirstFrame(storefront, environment: server.localEnvironment(root.appendingPathComponent("fresh-\(run)").path)))
            }
            let median = afterHandshake.sorted()[afterHandshake.count / 2]
            report.check("connect to first painted frame, after the SSH handshake", median.text,
                         "median of \(connects); max \(afterHandshake.max()!.text); whole connect incl. handshake median \(total.sorted()[total.count / 2].text); a fresh sandbox visitor: own data directory, embedded sandbox, 120x40; the same fresh start locally: median \(localStarts.sorted()[localStarts.count / 2].text)",
                         target: "≤ 300 ms", passed: median <= .milliseconds(300))

            let overSSH = try selectionMoveBytes(command: server.ssh + ["-tt", server.visitor], environment: server.clientEnvironment)
            let local = try selectionMoveBytes(command: [storefront], environment: server.localEnvironment(root.appendingPathComponent("local").path))
            let sshMedian = overSSH.total.sorted()[overSSH.total.count / 2]
            let localMedian = local.total.sorted()[local.total.count / 2]
            let localBar = local.first.sorted()[local.first.count / 2]
            report.check("bytes to the client per selection move", "\(sshMedian) bytes over SSH, \(localMedian) locally",
                         "median of 20 moves, the bar's frame and the new product's detail together; the bar's own frame locally \(localBar) bytes (largest \(local.first.max() ?? 0)); over SSH per move \(overSSH.total), locally \(local.total); channel payload; on the wire (ssh's socket reads) median \(overSSH.read.sorted()[overSSH.read.count / 2]) bytes",
                         target: "the same as locally (bar ≤ 200 bytes)",
                         passed: sshMedian <= localMedian && (local.first.max() ?? .max) <= 200)

            let held = try holdSessions(server, count: sessions, seconds: hold)
            report.note(String(format: "%d sessions held %d s with a keystroke a second each: %.1f MB PSS per session (%.1f MB RSS), server %.1f MB RSS; CPU %.1f%% of one core for all sessions (%.2f%% each), server %.1f%%",
                               sessions, hold, held.pssPerSession / 1_048_576, held.rssPerSession / 1_048_576, held.serverRSS / 1_048_576,
                               held.sessionCPU * 100, held.sessionCPU * 100 / Double(sessions), held.serverCPU * 100))
            report.check("the session beyond --max-sessions \(sessions)", "exit \(held.refusal.status)", "it read: \(held.refusal.message)",
                         target: "refused politely (exit 75, told to come back)",
                         passed: held.refusal.status == 75 && held.refusal.message.contains("try again"))
        } catch {
            report.fail("benchmark stopped: \(error)")
        }
        print("\n" + report.verdict)
        return report.allPassed ? 0 : 1
    }

    /// One visitor connecting: when the handshake was done, when the first frame was painted, when ssh started.
    static func firstFrame(_ server: SSHBenchServer) throws -> (ContinuousClock.Instant, ContinuousClock.Instant, ContinuousClock.Instant) {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        defer { terminal.close() }
        let started = ContinuousClock.now
        let client = try terminal.spawn(server.ssh[0], arguments: Array(server.ssh.dropFirst()) + [
            "-tt", "-o", "PermitLocalCommand=yes", "-o", "LocalCommand=printf \(handshakeMarker)", server.visitor,
        ], environment: server.clientEnvironment)
        defer { end(client) }
        guard terminal.read(until: handshakeMarker, timeout: .seconds(30)) else {
            throw Failure(description: "no SSH handshake within 30 s: \(terminal.transcriptTail)")
        }
        let handshake = terminal.lastByteAt ?? ContinuousClock.now
        guard terminal.read(until: frameMarker, timeout: .seconds(30)) else {
            throw Failure(description: "no frame within 30 s: \(terminal.transcriptTail)")
        }
        return (handshake, terminal.lastByteAt ?? ContinuousClock.now, started)
    }

    /// The same program started locally on a fresh data directory: start to first frame, for comparison.
    static func localFirstFrame(_ storefront: String, environment: [String: String]) throws -> Duration {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        defer { terminal.close() }
        let started = ContinuousClock.now
        let client = try terminal.spawn(storefront, arguments: [], environment: environment)
        defer { end(client) }
        guard terminal.read(until: frameMarker, timeout: .seconds(30)) else {
            throw Failure(description: "no local frame within 30 s: \(terminal.transcriptTail)")
        }
        return (terminal.lastByteAt ?? ContinuousClock.now) - started
    }

    /// What the client is sent for each of 20 moves of the selection, once the catalog is filled: the first burst
    /// (the frame that moves the bar) and everything until the terminal is quiet (the new product's detail too).
    /// `read`: bytes the program read per move (`rchar` of /proc/PID/io): for ssh, what arrived on its socket,
    /// encrypted and framed, plus the 3 bytes of the key.
    static func selectionMoveBytes(command: [String], environment: [String: String]) throws -> (first: [Int], total: [Int], read: [Int]) {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        defer { terminal.close() }
        let client = try terminal.spawn(command[0], arguments: Array(command.dropFirst()), environment: environment)
        defer { end(client) }
        guard terminal.read(until: "just refreshed", timeout: .seconds(60)) else {
            throw Failure(description: "the catalog did not fill within 60 s: \(terminal.transcriptTail)")
        }
        terminal.drain(quietFor: .milliseconds(500))
        var first: [Int] = []
        var total: [Int] = []
        var read: [Int] = []
        for _ in 0..<20 {
            let readBefore = ProcessFigures.bytesRead(client.pid)
            try terminal.write("\u{1B}[B")
            let bursts = terminal.bursts(quietGap: .milliseconds(4), within: .milliseconds(150))
            let rest = terminal.bursts(quietGap: .milliseconds(100), within: .milliseconds(400))
            first.append(bursts.first ?? 0)
            total.append(bursts.reduce(0, +) + rest.reduce(0, +))
            read.append(ProcessFigures.bytesRead(client.pid) - readBefore)
        }
        return (first, total, read)
    }

    struct Held {
        var pssPerSession: Double
        var rssPerSession: Double
        var serverRSS: Double
        /// Share of one core over the hold.
        var sessionCPU: Double
        var serverCPU: Double
        var refusal: (status: Int32, message: String)
    }

    static func holdSessions(_ server: SSHBenchServer, count: Int, seconds: Int) throws -> Held {
        var terminals: [(PseudoTerminal, ChildProcess.Running)] = []
        defer {
            for (terminal, client) in terminals {
                end(client)
                terminal.close()
            }
        }
        for _ in 0..<count {
            let terminal = try PseudoTerminal(width: 120, height: 40)
            let client = try terminal.spawn(server.ssh[0], arguments: Array(server.ssh.dropFirst()) + ["-tt", server.visitor],
                                         environment: server.clientEnvironment)
            terminals.append((terminal, client))
        }
        // Held from when every visitor's catalog is filled: the fill is the start, not the holding.
        for (terminal, _) in terminals {
            guard terminal.read(until: "just refreshed", timeout: .seconds(300)) else {
                throw Failure(description: "a session did not fill its catalog within 300 s: \(terminal.transcriptTail)")
            }
        }
        let refusal = try server.execBeyondTheLimit()
        let ticksBefore = Dictionary(uniqueKeysWithValues: ProcessFigures.children(of: server.pid).map { ($0, ProcessFigures.cpuTicks($0)) })
        let serverBefore = ProcessFigures.cpuTicks(server.pid)
        let start = ContinuousClock.now
        var round = 0
        while ContinuousClock.now - start < .seconds(seconds) {
            for (terminal, _) in terminals {
                try terminal.write(round % 2 == 0 ? "\u{1B}[B" : "\u{1B}[A")
                terminal.drain(quietFor: .milliseconds(1))
            }
            round += 1
            let next = start + .seconds(round)
            while ContinuousClock.now < next {
                for (terminal, _) in terminals { terminal.drain(quietFor: .milliseconds(5)) }
            }
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let sessionsAfter = ProcessFigures.children(of: server.pid)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let sessionTicks = sessionsAfter.compactMap { pid in ticksBefore[pid].map { ProcessFigures.cpuTicks(pid) - $0 } }.reduce(0, +)
        let sessionCPU = Double(sessionTicks) / ticks / elapsed
        let serverCPU = Double(ProcessFigures.cpuTicks(server.pid) - serverBefore) / ticks / elapsed
        let pss = sessionsAfter.compactMap { ProcessFigures.memory(of: $0, field: "Pss:", file: "smaps_rollup") }
        let rss = sessionsAfter.compactMap { ProcessFigures.memory(of: $0, field: "VmRSS:", file: "status") }
        return Held(pssPerSession: Double(pss.reduce(0, +)) / Double(max(pss.count, 1)),
                    rssPerSession: Double(rss.reduce(0, +)) / Double(max(rss.count, 1)),
                    serverRSS: Double(ProcessFigures.memory(of: server.pid, field: "VmRSS:", file: "status") ?? 0),
                    sessionCPU: sessionCPU, serverCPU: serverCPU, refusal: refusal)
    }

    /// Hangs up a program in a terminal and waits for its end, killing it after 5 s.
    static func end(_ client: ChildProcess.Running) {
        kill(client.pid, SIGTERM)
        _ = client.wait(timeout: 5)
    }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
