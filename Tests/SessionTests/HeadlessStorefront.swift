import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import SandboxServer
import StorefrontApp
import StorefrontTUI
import TerminalBackend
import Testing

/// The storefront as a user gets it (the real reducer, effect runner, checkout, catalog refresh and durable
/// embedded sandbox, composed by `StorefrontSession.start`), on a headless terminal in this process.
///
/// Keys go in as the terminal would deliver them; the test reads the frames painted. Every wait is for
/// something to appear on the screen, with a long guard against a hang, never a fixed delay.
final class HeadlessStorefront: Sendable {
    let terminal: HeadlessTerminal
    let session: StorefrontSession
    let connection: Connection
    let userData: UserDatabase
    let dataDirectory: DataDirectory

    /// The embedded sandbox as `storefront` starts it, smaller, delivering at once: crypto invoices still wait
    /// for a simulated payment (`s`).
    static func sandbox(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) -> SandboxConfiguration {
        var configuration = SandboxConfiguration.embedded
        configuration.productCount = 400
        configuration.deliveryDelay = .zero
        configure(&configuration)
        return configuration
    }

    /// A new data directory under the temporary directory, for one test (or two sessions of one test).
    static func newDataDirectory() -> DataDirectory {
        DataDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("storefront-session-\(UUID().uuidString)", isDirectory: true))
    }

    private init(terminal: HeadlessTerminal, session: StorefrontSession, connection: Connection, userData: UserDatabase,
                 dataDirectory: DataDirectory) {
        self.terminal = terminal
        self.session = session
        self.connection = connection
        self.userData = userData
        self.dataDirectory = dataDirectory
    }

    /// Opens the data directory as `TUISession` does and starts a session at `width`×`height`.
    static func start(width: Int = 80, height: Int = 24, dataDirectory: DataDirectory = newDataDirectory(),
                      sandbox: SandboxConfiguration = sandbox(), transport: HTTPTransport = .asyncHTTPClient(),
                      presenting: Bool = false, asciiOnly: Bool = false,
                      teamJournal: (any PurchaseJournal)? = nil) async throws -> HeadlessStorefront {
        let relay = ClientEventRelay()
        let budget = RequestBudget()
        let connection = try await Connection.open(ConnectionSettings(target: .embeddedSandbox), dataDirectory: dataDirectory, sandbox: sandbox,
                                                   environment: [:], transport: transport, onEvent: { event in
            relay.send(event)
            budget.note(event)
        })
        let catalog = try CatalogService.open(dataDirectory: dataDirectory, settings: ConnectionSettings(target: .embeddedSandbox))
        let userData = try UserDatabase.open(at: dataDirectory.file(UserDatabase.fileName))
        let dependencies = SessionDependencies(connection: connection, catalog: catalog, userData: userData, relay: relay, budget: budget,
                                               dataDirectory: dataDirectory, appearance: SessionAppearance(asciiOnly: asciiOnly, presenting: presenting),
                                               teamJournal: teamJournal)
        let terminal = HeadlessTerminal(width: width, height: height)
        let session = try await StorefrontSession.start(dependencies) { () throws(TerminalError) -> any TerminalDevice in terminal }
        return HeadlessStorefront(terminal: terminal, session: session, connection: connection, userData: userData, dataDirectory: dataDirectory)
    }

    /// The frame on screen now, as text.
    var screen: String { terminal.screen?.text ?? "" }

    /// Waits until the screen shows `text`; records an issue with the screen if it never does.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(120)) async throws -> String {
        try await waitUntil("the screen shows \"\(text)\"", timeout: timeout) { $0.text.contains(text) }.text
    }

    /// Waits until the catalog is loaded: the status bar shows its count and age, whatever the age. Waiting for
    /// "just refreshed" itself raced the clock: on a loaded machine the first look could come after its minute.
    @discardableResult
    func waitForCatalog(timeout: Duration = .seconds(120)) async throws -> String {
        try await waitUntil("the catalog is loaded", timeout: timeout) { $0.text.contains(#/Catalog [0-9,]+ [·-] /#) }.text
    }

    /// Waits until a painted frame satisfies `condition`; the frame it found.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(120), _ condition: (ScreenBuffer) -> Bool) async throws -> ScreenBuffer {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let frame = terminal.screen, condition(frame) { return frame }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("Timed out waiting until \(what). Screen:\n\(screen)")
        throw HangGuard(what: what)
    }

    func keys(_ keys: Key...) {
        for key in keys { terminal.enqueue(.key(key)) }
    }

    /// Types `text` one character at a time, as a person does.
    func type(_ text: String) {
        for character in text { terminal.enqueue(.key(.character(character))) }
    }

    /// Ctrl-C, then waits for the session to end and closes the connection (the embedded sandbox stops).
    @discardableResult
    func quit() async throws -> SessionOutcome {
        keys(.control("c"))
        return try await end()
    }

    /// Waits for the session to end by itself (a hang-up, `q` then `y`) and closes the connection.
    func end() async throws -> SessionOutcome {
        do {
            let outcome = try await session.finished()
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    /// The row of the screen under the selection bar, and its text (the products pane has the focus).
    func selectedProductRow() -> (y: Int, text: String)? {
        guard let frame = terminal.screen else { return nil }
        return Self.selectedRow(in: frame)
    }

    static func selectedRow(in frame: ScreenBuffer) -> (y: Int, text: String)? {
        for y in 0..<frame.height {
            let columns = (0..<frame.width).filter { frame[$0, y].style.role == .selection }
            guard columns.count > 10, let first = columns.first, let last = columns.last else { continue }
            return (y, (first...last).map { frame[$0, y].text }.joined().trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The cells drawn as a QR code (role `.qr`, quiet zone included), one string per row.
    static func qrLines(in frame: ScreenBuffer) -> [String] {
        var rows: [Int] = [], columns: [Int] = []
        for y in 0..<frame.height {
            for x in 0..<frame.width where frame[x, y].style.role == .qr {
                rows.append(y)
                columns.append(x)
            }
        }
        guard let top = rows.min(), let bottom = rows.max(), let left = columns.min(), let right = columns.max() else { return [] }
        return (top...bottom).map { y in (left...right).map { frame[$0, y].text }.joined() }
    }
}

/// A wait that never came: the test stops there instead of running on against the wrong screen.
struct HangGuard: Error, CustomStringConvertible {
    let what: String
    var description: String { "gave up waiting until \(what)" }
}
