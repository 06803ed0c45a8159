import CSessionProcess
import Foundation
import NIOCore

/// A `storefront` child started for one SSH session: on a pseudo-terminal for a shell, on pipes for exec.
/// Each is the leader of its own session and process group, so ending the group ends all it started.
struct SessionProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    /// The terminal's master side (shell) or the read end of stdout (exec).
    let output: Int32
    /// The read end of stderr (exec only).
    let errorOutput: Int32?

    static func onTerminal(executable: String, arguments: [String], environment: [String: String],
                           rows: Int, columns: Int) throws -> SessionProcess {
        var master: Int32 = -1
        let pid = withCArrays(arguments: [executable] + arguments, environment: environment) { argv, envp in
            storefront_spawn_on_terminal(executable, argv, envp, UInt16(clamping: rows), UInt16(clamping: columns), &master)
        }
        guard pid > 0 else { throw Failure(description: "cannot start a session terminal: \(String(cString: strerror(errno)))") }
        return SessionProcess(pid: pid, output: master, errorOutput: nil)
    }

    static func onPipes(executable: String, arguments: [String], environment: [String: String]) throws -> SessionProcess {
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard storefront_pipe(&out) == 0 else { throw Failure(description: "no pipe: \(String(cString: strerror(errno)))") }
        guard storefront_pipe(&err) == 0 else {
            close(out[0]); close(out[1])
            throw Failure(description: "no pipe: \(String(cString: strerror(errno)))")
        }
        let pid = withCArrays(arguments: [executable] + arguments, environment: environment) { argv, envp in
            storefront_spawn_with_pipes(executable, argv, envp, out[1], err[1])
        }
        close(out[1])
        close(err[1])
        guard pid > 0 else {
            close(out[0]); close(err[0])
            throw Failure(description: "cannot start the command: \(String(cString: strerror(errno)))")
        }
        return SessionProcess(pid: pid, output: out[0], errorOutput: err[0])
    }

    /// Tells the child's terminal its new size (the kernel sends SIGWINCH).
    func resize(rows: Int, columns: Int) {
        _ = storefront_set_window_size(output, UInt16(clamping: rows), UInt16(clamping: columns))
    }

    /// Sends `signal` to the child's whole process group.
    func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Waits for the child on a thread of its own (waitpid blocks) and completes with its exit status, 128 +
    /// the signal number for a child killed by a signal.
    func exitStatus(on eventLoop: EventLoop) -> EventLoopFuture<Int32> {
        let promise = eventLoop.makePromise(of: Int32.self)
        let pid = self.pid
        let thread = Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7F
            promise.succeed(signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
        }
        thread.stackSize = 64 * 1024
        thread.start()
        return promise.futureResult
    }

    private static func withCArrays<R>(arguments: [String], environment: [String: String],
                                       _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>, UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        return argv.withUnsafeMutableBufferPointer { argvBuffer in
            envp.withUnsafeMutableBufferPointer { envpBuffer in
                body(argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
    }
}
