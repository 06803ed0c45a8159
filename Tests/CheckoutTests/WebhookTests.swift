import AsyncHTTPClient
import Checkout
import Foundation
import NIOCore
import Synchronization
import Testing
import WebhookReceiver

@Suite struct WebhookTests {
    @Test func aWebhookNamingAnInvoiceIsPassedOnAndAnythingElseIgnored() async throws {
        let seen = Mutex<[String]>([])
        let receiver = try await WebhookReceiver.start(host: "127.0.0.1", port: 0) { id in seen.withLock { $0.append(id) } }
        defer { Task { await receiver.stop() } }
        for body in [#"{"id":"inv-123","status":"complete"}"#, #"{"data":{"id":"inv-456"}}"#, #"{"id":"../../etc\u001b]0;x"}"#, "not json"] {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(receiver.port)/hook")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: body))
            // Only a guard against hanging forever: a starved machine may take long to answer.
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            #expect(response.status == .ok, "a webhook is always acknowledged, so Bitrefill does not retry it")
        }
        #expect(seen.withLock { $0 } == ["inv-123", "inv-456"])
    }

    @Test func firingCutsAFollowersWaitShort() async {
        let signal = CheckNowSignal()
        let started = ContinuousClock.now
        Task {
            try? await Task.sleep(for: .milliseconds(100))
            signal.fire()
        }
        await signal.wait(upTo: 600)
        // Far below the 600 s the wait would otherwise take, with room for a test run that starves the
        // concurrency pool for a while on a 2-core machine.
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test func aCancelledWaitEndsAtOnce() async {
        let signal = CheckNowSignal()
        let waiting = Task { await signal.wait(upTo: 600) }
        // Cancelled while it truly waits, not before it began: the positive sign is the waiter registered.
        let guardTime = ContinuousClock.now + .seconds(120)
        while !signal.isWaiting {
            guard ContinuousClock.now < guardTime else { Issue.record("The wait never began."); break }
            await Task.yield()
        }
        let started = ContinuousClock.now
        waiting.cancel()
        await waiting.value
        #expect(ContinuousClock.now - started < .seconds(300), "quitting does not wait out a follower's 600 s delay")
    }

    @Test func aFireWhileNobodyWaitsEndsTheNextWaitAndOnlyThatOne() async {
        let signal = CheckNowSignal()
        signal.fire()
        await signal.wait(upTo: 600)
        let started = ContinuousClock.now
        await signal.wait(upTo: 0.2)
        #expect(ContinuousClock.now - started >= .milliseconds(150), "the fire was used up by the first wait")
    }
}
