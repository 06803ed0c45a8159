import ArgumentParser
import Foundation
import StorefrontApp

/// Runs a command body, turning the errors a person can act on into one `Error:` line (and a JSON object with
/// `--json`) and the exit code `CommandFailure.table` gives them, instead of a stack of Swift types.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        guard let failure = CommandFailure.table(error) else { throw error }
        FailureOutput.report(failure)
        throw ExitCode(failure.exit)
    }
}

/// A message about a failure the command goes on from, or ends with its own exit code.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
}

/// Encodes a value as one pretty, key-sorted JSON document on stdout.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

extension Connection {
    /// Opens the connection for a command, runs `body`, and always closes it (stopping an embedded sandbox).
    static func with<T>(_ options: GlobalOptions, _ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await Connection.open(try options.connectionSettings(), dataDirectory: options.dataDirectory(),
                                                   agent: options.agent, logger: try options.logger())
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}
