import Hummingbird

/// Reading request bodies, within Hummingbird's upload limit.
enum RequestBytes {
    static func read(_ request: Request, context: SandboxRequestContext) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }
}
