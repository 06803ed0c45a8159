import ChildProcesses
import Foundation

/// The sandbox as its own process (`storefront sandbox serve`), with the soak's fault rates and rate limits
/// off, so buyers can be killed while the server and its invoices live on.
struct SoakServer {
    let process: ChildProcess.Running
    let port: Int
    let apiKey = "sandbox-key"

    var baseURL: String { "http://127.0.0.1:\(port)/v2" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func start(_ options: SoakOptions, log: URL) throws -> SoakServer {
        let port = try freePort()
        let process = try ChildProcess.start(URL(fileURLWithPath: options.storefront), [
            "sandbox", "serve", "--port", "\(port)", "--seed", "\(options.seed)", "--products", "200",
            "--balance", "100000000000", "--rate-limits", "off", "--delivery-delay", "\(options.deliveryDelay)",
            "--fault-server-errors", "\(options.serverErrorRate)", "--fault-rate-limits", "\(options.rateLimitRate)",
            "--fault-rate-limit-reset", "1", "--fault-drops-before", "\(options.dropBeforeRate)",
            "--fault-drops", "\(options.dropAfterRate)", "--fault-malformed", "\(options.malformedRate)",
        ], stdout: log.path, stderr: log.path)
        let server = SoakServer(process: process, port: port)
        try server.waitUntilListening()
        return server
    }

    func stop() {
        kill(process.pid, SIGTERM)
        _ = process.wait(timeout: 10)
    }

    /// Polls the port (a connection, not a request: requests meet the faults) until the server accepts one;
    /// the two minutes only guard against a server that never comes up.
    private func waitUntilListening() throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if process.hasEnded { throw Failure(description: "the sandbox server exited at start") }
            if Self.accepts(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw Failure(description: "the sandbox server did not listen on port \(port)")
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port the kernel just gave out and took back: free unless another program grabs it in between.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
