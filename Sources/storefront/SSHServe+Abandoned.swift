import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import Synchronization

/// `storefront ssh serve` in team mode takes up the desk's stranded purchases in the background, as every running
/// full-screen storefront does: each one the check finds is followed to its end on a task of its own, so an invoice
/// waiting for a crypto payment holds up no other. Stopping the server cancels the follows; their leases are
/// released for another host.
extension SSHCommand.Serve {
    /// Runs `serve` while finishing abandoned purchases on the team's journal, when one is configured, looking
    /// `every` so many seconds (`--resume-every`: 15 by default, well inside a lease's 30 s; a test looks often
    /// instead of waiting).
    func findingAbandoned(_ serve: () async -> Void, every: TimeInterval, log: @escaping @Sendable (String) -> Void) async throws {
        guard let team = try await options.teamJournal() else { return await serve() }
        defer { team.close() }
        try await Connection.with(options) { connection in
            let check = AbandonedPurchaseCheck(engine: connection.purchaseEngine(journal: team), every: every)
            let background = Task { await Self.finishAbandoned(check, log: log) }
            await serve()
            background.cancel()
            await background.value
        }
    }

    /// A purchase a check finds while this server's follow of it from an earlier check is still under way (it has
    /// not taken the lease yet, or has just released it) is left to that follow: it is taken up, and followed, once.
    @inline(never)
    private static func finishAbandoned(_ check: AbandonedPurchaseCheck, log: @escaping @Sendable (String) -> Void) async {
        let (found, finder) = AsyncStream.makeStream(of: Purchase.self)
        let following = FollowedPurchases()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.check(check, into: finder) }
            for await purchase in found where following.start(purchase.id) {
                group.addTask {
                    await Self.finish(purchase, engine: check.engine, log: log)
                    following.end(purchase.id)
                }
            }
        }
    }

    @inline(never)
    private static func check(_ check: AbandonedPurchaseCheck, into finder: AsyncStream<Purchase>.Continuation) async {
        await check.run { purchases in purchases.forEach { finder.yield($0) } }
        finder.finish()
    }

    @inline(never)
    private static func finish(_ purchase: Purchase, engine: PurchaseEngine, log: @Sendable (String) -> Void) async {
        let name = purchase.invoiceId.map { "invoice \($0)" } ?? "purchase \(purchase.id)"
        log("taking up \(name): no storefront is working on it")
        do {
            let finished = try await engine.follow(purchase.id)
            log("\(name): \(finished.outcome?.rawValue ?? finished.stage.rawValue)")
        } catch {
            log("\(name): \(error.message)")
        }
    }
}

/// The purchases this server is following now, by id.
private final class FollowedPurchases: Sendable {
    private let ids = Mutex<Set<String>>([])

    /// Whether `id` was not being followed; it is from now on.
    func start(_ id: String) -> Bool {
        ids.withLock { $0.insert(id).inserted }
    }

    func end(_ id: String) {
        ids.withLock { _ = $0.remove(id) }
    }
}
