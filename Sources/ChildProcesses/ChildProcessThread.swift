import Foundation

/// The one thread every child process is started, watched and reaped on.
///
/// A blocking wait (`ChildProcess.run` without `await`, from a lazy static or an `atexit` handler) must never need a
/// thread of the concurrency pool to finish: with both pool threads of a 2-core machine blocked in such waits, the
/// work they waited for could not run and the tests deadlocked. Every task of the runner prefers this executor, so
/// a blocked caller only ever waits for this thread.
final class ChildProcessThread: TaskExecutor, @unchecked Sendable {
    static let shared = ChildProcessThread()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [self] in serve() }
        thread.name = "child processes"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
