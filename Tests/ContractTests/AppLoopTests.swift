import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import TerminalBackend
import Testing

/// The loop with a headless terminal: what gets painted, and when in full.
@Suite struct AppLoopTests {
    func makeLoop(events: [TerminalEvent]) throws -> (AppLoop, HeadlessTerminal, UserDatabase) {
        let terminal = HeadlessTerminal(width: 100, height: 30, events: events)
        let client = stubbedClient(StubTransport(fallback: Stub.data(#"{"balance":5000000,"currency":"BTC"}"#)))
        let catalog = CatalogService(database: try CatalogDatabase.inMemory(),
                                     source: CatalogSource(apiURL: "https://api.example.test/v2", account: "test"))
        let userData = try UserDatabase.inMemory()
        let inbox = ActionInbox()
        let runner = EffectRunner(catalog: catalog, userData: userData, client: client, inbox: inbox)
        let state = AppState(width: 100, height: 30, connection: ConnectionInfo(isSandbox: true, host: "127.0.0.1"))
        return (AppLoop(terminal: terminal, state: state, runner: runner, inbox: inbox), terminal, userData)
    }

    @Test func firstFrameIsPaintedInFullAndQuitEndsTheLoop() throws {
        let (loop, terminal, _) = try makeLoop(events: [.key(.character("?")), .key(.escape), .key(.character("q"))])
        loop.run(initialEffects: [], pollMilliseconds: 5)
        #expect(loop.state.isQuitting)
        let paints = terminal.paints
        #expect(paints.first?.fullRepaint == true)
        #expect(paints.dropFirst().allSatisfy { !$0.fullRepaint })
        #expect(paints.contains { $0.buffer.text.contains("Keys") }, "help was shown")
        #expect(paints.last?.buffer.text.contains("SANDBOX") == true)
    }

    @Test func aTerminalThatHangsUpEndsTheLoop() throws {
        let (loop, terminal, _) = try makeLoop(events: [.key(.character("?")), .hangUp])
        loop.run(initialEffects: [], pollMilliseconds: 5)
        #expect(loop.state.isQuitting, "an SSH drop ends the program instead of spinning on a dead terminal")
        #expect(terminal.paints.count >= 1)
    }

    @Test func ctrlLAndResizeRepaintInFull() throws {
        let (loop, terminal, _) = try makeLoop(events: [.key(.control("l")), .resize(width: 90, height: 28), .key(.control("c"))])
        loop.run(initialEffects: [], pollMilliseconds: 5)
        let full = terminal.paints.filter(\.fullRepaint)
        #expect(full.count >= 3)
        #expect(terminal.paints.last?.buffer.width == 90)
    }

    @Test func theBalanceArrivesThroughTheInbox() throws {
        let (loop, terminal, _) = try makeLoop(events: [])
        Task.detached {
            // Quits once the balance is painted, however long it took to arrive.
            let deadline = ContinuousClock.now + .seconds(120)
            while terminal.paints.last?.buffer.text.contains("0.05000000 BTC") != true, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            terminal.enqueue(.key(.control("c")))
        }
        loop.run(initialEffects: [.loadBalance], pollMilliseconds: 10)
        #expect(loop.state.balance == Money(minorUnits: 5_000_000, currency: .btc))
        #expect(terminal.paints.last?.buffer.text.contains("0.05000000 BTC") == true)
    }
}
