import ChildProcesses
import Foundation
import Synchronization

/// The team database's outage during a soak, on a thread of its own while the purchases go on: a wait, then
/// `SoakDatabase.outage` (stop, keep down, start).
final class SoakOutage: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    static func start(_ database: SoakDatabase, after delay: Duration, seconds: Double) -> SoakOutage {
        let outage = SoakOutage()
        let thread = Thread {
            Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
            print("  the team database stops for \(seconds) s")
            do {
                try database.outage(seconds: seconds)
                print("  the team database is back")
            } catch {
                outage.failure.withLock { $0 = "\(error)" }
            }
            outage.done.signal()
        }
        thread.start()
        return outage
    }

    /// Waits for the outage to end; what went wrong, if anything.
    func finished() -> String? {
        done.wait()
        return failure.withLock { $0 }
    }

    /// `storefront team status` on each host, as an agent looking would: it writes what an outage left in the spool.
    static func statusOnEveryHost(_ options: SoakOptions, database: SoakDatabase, dataDirectories: [URL], log root: URL) {
        for (host, directory) in dataDirectories.enumerated() {
            let log = root.appendingPathComponent("team-status-\(host + 1).log").path
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOREFRONT_") }
            environment.merge(database.environment(host: host)) { $1 }
            _ = try? ChildProcess.start(URL(fileURLWithPath: options.storefront), ["team", "status", "--data-dir", directory.path],
                                        environment: environment, stdout: log, stderr: log).wait(timeout: 300)
        }
    }
}
