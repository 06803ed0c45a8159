import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Testing
@testable import SandboxServer

@Suite struct LifecycleTests {
    @Test func startReturnsABoundPortAndStopReleasesIt() async throws {
        let sandbox = try await RunningSandbox.start(configuration: TestSandbox.configuration())
        #expect(sandbox.port > 0)
        #expect(sandbox.baseURL == "http://127.0.0.1:\(sandbox.port)/v2")
        #expect(try await TestSandbox(sandbox: sandbox).get("/ping").status == 200)
        await sandbox.stop()
        let successor = try await RunningSandbox.start(configuration: TestSandbox.configuration(), port: sandbox.port)
        #expect(successor.port == sandbox.port)
        await successor.stop()
    }

    @Test func startFailsWhenThePortIsTaken() async throws {
        try await TestSandbox.with { sandbox in
            await #expect(throws: (any Error).self) {
                _ = try await RunningSandbox.start(configuration: TestSandbox.configuration(), port: sandbox.sandbox.port)
            }
        }
    }

    @Test func webhookReceivesTheFinalInvoice() async throws {
        let received = WebhookInbox()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            await received.append(Array(body.readableBytesView))
            return .ok
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let receiver = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "webhook-receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let receiverTask = Task { try await receiver.run() }
        defer { receiverTask.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        try await TestSandbox.with { sandbox in
            let invoice = try await sandbox.createInvoice(#"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "auto_pay": true,
                 "webhook_url": "http://127.0.0.1:\#(port)/hook"}
                """#)
            let id = try #require(invoice["id"] as? String)
            let body = try #require(await received.first(within: .seconds(120)))
            let posted = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
            #expect(posted["id"] as? String == id)
            #expect(posted["status"] as? String == "all_delivered")
            let deliveries = await sandbox.control.deliveries(atLeast: 1)
            #expect(deliveries.map(\.statusCode) == [200])
        }
    }

    @Test func webhookIsRetriedThenAbandoned() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.webhookAttempts = 3 }) { sandbox in
            // The sandbox itself refuses the unauthenticated POST with 401: a receiver that always fails.
            _ = try await sandbox.createInvoice(#"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "auto_pay": true,
                 "webhook_url": "\#(sandbox.sandbox.baseURL)/hook"}
                """#)
            // Each retry is due on the sandbox clock, moved only once the attempt before it was made.
            _ = await sandbox.control.deliveries(atLeast: 1)
            await sandbox.control.advanceClock(by: .milliseconds(20))
            _ = await sandbox.control.deliveries(atLeast: 2)
            await sandbox.control.advanceClock(by: .milliseconds(40))
            let deliveries = await sandbox.control.deliveries(atLeast: 3)
            #expect(deliveries.map(\.attempt) == [1, 2, 3])
            #expect(deliveries.allSatisfy { $0.statusCode == 401 && !$0.succeeded })
        }
    }
}

extension SandboxControl {
    /// Webhook attempts, once there are at least `count` of them; the two minutes only guard against a hang.
    func deliveries(atLeast count: Int) async -> [WebhookDelivery] {
        let deadline = ContinuousClock.now + .seconds(120)
        while await webhookDeliveries().count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await webhookDeliveries()
    }
}

/// Collects webhook bodies as they arrive.
actor WebhookInbox {
    private var bodies: [[UInt8]] = []

    func append(_ body: [UInt8]) {
        bodies.append(body)
    }

    func first(within timeout: Duration) async -> [UInt8]? {
        let deadline = ContinuousClock.now + timeout
        while bodies.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return bodies.first
    }
}
