import Foundation
import StorefrontTestSupport
import Testing

/// What the tests and the benchmark do with a program while it runs or once it outlives its welcome: stop it, read
/// it, measure it, feed it a file and keep its output in files of their own.
struct ChildProcessControlTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-control-\(UUID().uuidString.prefix(8))")

    @Test func aProgramKilledMidRunEndsAsKilled() async throws {
        let running = try ChildProcess.start(URL(fileURLWithPath: "/bin/sleep"), ["600"])
        running.killNow()
        let result = await running.finished(timeout: 120)
        #expect(result.status == 128 + SIGKILL)
        #expect(!result.timedOut)
    }

    @Test func aProgramThatOutlivesItsTimeoutIsKilled() async throws {
        let waited = try await ChildProcess.run(URL(fileURLWithPath: "/bin/sleep"), ["600"], timeout: 0.2)
        let blocking = try Self.blocking { try ChildProcess.run(URL(fileURLWithPath: "/bin/sleep"), ["600"], timeout: 0.2) }
        #expect(waited.timedOut && waited.status == 128 + SIGKILL)
        #expect(blocking.timedOut && blocking.status == 128 + SIGKILL)
    }

    @Test func whatItPrintsCanBeReadWhileItRuns() async throws {
        let running = try ChildProcess.start(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo ready; echo said >&2; exec sleep 600"])
        try await Self.waitUntil { running.stdoutSoFar == "ready\n" && running.stderrSoFar == "said\n" }
        #expect(running.stdoutSoFar == "ready\n")
        running.killNow()
        _ = await running.finished()
    }

    /// The benchmark's memory figure: the program's own high-water mark, read while it runs.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/perl")))
    func itsPeakResidentMemoryIsReadWhileItRuns() async throws {
        let running = try ChildProcess.start(URL(fileURLWithPath: "/usr/bin/perl"),
                                             ["-e", #"$x = "a" x (80 << 20); $| = 1; print "held\n"; sleep"#])
        try await Self.waitUntil { running.stdoutSoFar == "held\n" }
        let peak = try #require(running.peakResidentBytes)
        #expect(peak >= 80 << 20)
        running.killNow()
        let ended = await running.finished()
        #expect(running.peakResidentBytes == nil, "no figure once it has ended (status \(ended.status))")
    }

    /// The soak's buyers: input from a file, output appended to a log the runs share.
    @Test func itReadsAFileAndAppendsToTheFilesItIsGiven() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input").path
        let log = directory.appendingPathComponent("log").path
        try "hello\n".write(toFile: input, atomically: true, encoding: .utf8)
        try "before\n".write(toFile: log, atomically: true, encoding: .utf8)
        let running = try ChildProcess.start(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat; echo on-stderr >&2"],
                                             stdin: input, stdout: log, stderr: log)
        let result = await running.finished(timeout: 120)
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "before\nhello\non-stderr\n")
    }

    /// Calls the blocking form of a call, as a lazy static or an `atexit` handler does (in an async function the
    /// compiler picks the async form).
    static func blocking<Value>(_ body: () throws -> Value) rethrows -> Value {
        try body()
    }

    /// Waits for an event the program makes, bounded so a program that never makes it fails the test.
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<6000 where !condition() {
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
