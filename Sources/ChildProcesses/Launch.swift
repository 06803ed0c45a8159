import Foundation
import Subprocess
import SystemPackage

/// One program to start with swift-subprocess: what to run, and the files its stdin, stdout and stderr are.
struct Launch: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]?
    var stdin: String?
    var stdout: String
    var stderr: String

    /// Starts the program, hands its pid to `started`, and returns its shell-style status once it has ended and
    /// been reaped. Cancelling the calling task kills it (swift-subprocess's teardown ends with SIGKILL).
    func run(started: Latch<Swift.Result<pid_t, ChildProcess.Failure>>) async -> Int32 {
        do {
            let (input, output, error) = try openStandardFiles()
            let environment: Subprocess.Environment = self.environment.map { variables in
                .custom(variables.map { Array("\($0.key)=\($0.value)".utf8) })
            } ?? .inherit
            let outcome = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: environment,
                input: .fileDescriptor(input, closeAfterSpawningProcess: true),
                output: .fileDescriptor(output, closeAfterSpawningProcess: true),
                error: .fileDescriptor(error, closeAfterSpawningProcess: true)
            ) { execution in
                started.set(.success(execution.processIdentifier.value))
            }
            switch outcome.terminationStatus {
            case .exited(let code): return code
            case .signaled(let signal): return 128 + signal
            }
        } catch let failure as ChildProcess.Failure {
            started.set(.failure(failure))
            return -1
        } catch {
            started.set(.failure(.couldNotStart(executable, "\(error)")))
            return -1
        }
    }

    /// Opens stdin (/dev/null when none is named), stdout and stderr, closing what was opened if one fails.
    private func openStandardFiles() throws -> (FileDescriptor, FileDescriptor, FileDescriptor) {
        let input = try Self.open(stdin ?? "/dev/null", .readOnly, options: [])
        do {
            let output = try Self.open(stdout, .writeOnly, options: [.create, .append])
            do {
                return (input, output, try Self.open(stderr, .writeOnly, options: [.create, .append]))
            } catch {
                try? output.close()
                throw error
            }
        } catch {
            try? input.close()
            throw error
        }
    }

    private static func open(_ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions) throws -> FileDescriptor {
        do {
            return try FileDescriptor.open(FilePath(path), mode, options: options.union(.closeOnExec), permissions: [.ownerReadWrite])
        } catch {
            throw ChildProcess.Failure.couldNotOpen(path, "\(error)")
        }
    }
}
