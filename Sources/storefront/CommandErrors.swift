import ArgumentParser
import BitrefillAPI
import Foundation
import StorefrontApp
import TerminalBackend

/// Runs a command body, turning the errors a person can act on into a one-line message on stderr and the
/// documented exit code, instead of a stack of Swift types.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as APIError {
        printError(error.description)
        throw ExitCode(69)
    } catch let error as ConfigurationError {
        printError(error.message)
        throw ExitCode(64)
    } catch let error as TerminalError {
        printError(error.description)
        throw ExitCode(64)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
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
        let connection = try await Connection.open(try options.connectionSettings())
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
