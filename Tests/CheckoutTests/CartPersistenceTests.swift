import Checkout
import Foundation
import StorefrontDomain
import Testing

@Suite struct CartPersistenceTests {
    let package = CartLine(id: "a", productId: "amazon-us", productName: "Amazon US", productType: .giftCard,
                           choice: .package(PackageOption(id: "amazon-us<&>50", value: "50", price: 83_000)),
                           faceValue: "50 USD", unitPrice: 83_000, quantity: 2)
    let topUp = CartLine(id: "b", productId: "test-phone-refill", productName: "Test Phone", productType: .phoneRefill,
                         choice: .value(Decimal(string: "12.5")!), faceValue: "12.5 USD", unitPrice: 20_000, quantity: 1,
                         phoneNumber: "+15551234567")

    @Test func theCartSurvivesReopeningTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        try UserDatabase.open(at: url).saveCart([package, topUp])
        let reopened = try UserDatabase.open(at: url).loadCart().lines
        #expect(reopened == [package, topUp])
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func savingReplacesTheWholeCart() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package, topUp])
        try database.saveCart([topUp])
        #expect(try database.loadCart().lines == [topUp])
        try database.saveCart([])
        #expect(try database.loadCart().lines.isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithAWayOut() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite")
        try Data("this is not sqlite, it is a shopping list".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: UserDatabaseError.self) { try UserDatabase.open(at: url) }
        #expect(error?.description.contains("move it aside") == true)
    }

    func purchase(_ stage: PurchaseStage) -> Purchase {
        Purchase(id: "p1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "sandbox", kind: .invoice,
                 lines: [PurchaseLine(package)], paymentMethod: .balance, autoPay: true, stage: stage)
    }

    /// Issue 18, finding 1: the intent holds the lines it was made from, in its own transaction.
    @Test func aLineTakenByAPurchaseIsHeldUntilItsInvoiceExistsThenGone() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package, topUp])
        try database.recordIntent(purchase(.intent), requestHash: "h", takingCartLines: [package.id], at: Date())
        #expect(try database.loadCart() == SavedCart(lines: [package, topUp], held: ["p1": [package.id]]))
        try database.save(purchase(.created), at: Date())
        #expect(try database.loadCart() == SavedCart(lines: [topUp]))
    }

    @Test func aLineOfAPurchaseProvenNeverMadeIsFreeAgain() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package])
        try database.recordIntent(purchase(.intent), requestHash: "h", takingCartLines: [package.id], at: Date())
        try database.save(purchase(.notCreated), at: Date())
        #expect(try database.loadCart() == SavedCart(lines: [package]))
    }

    @Test func savingTheCartKeepsAHeldLineHeld() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package])
        try database.recordIntent(purchase(.sending), requestHash: "h", takingCartLines: [package.id], at: Date())
        try database.saveCart([package, topUp])
        #expect(try database.loadCart().held == ["p1": [package.id]])
    }

    /// Cart line ids name what is bought (product, value, number), so the same card is often added again.
    @Test func theSameCardAddedAgainAfterABuyStaysInTheCart() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package])
        try database.recordIntent(purchase(.intent), requestHash: "h", takingCartLines: [package.id], at: Date())
        try database.save(purchase(.settled), at: Date())
        try database.saveCart([package])
        #expect(try database.loadCart() == SavedCart(lines: [package]))
    }
}

@Suite struct JournalFileModeTests {
    /// Issue 19: only the catalog's opener tightened an existing `-wal`/`-shm`; the journal, which holds codes,
    /// left a group-readable WAL as it was.
    @Test func aJournalsCompanionFilesAreMadeOwnerOnlyOnOpen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        // One process has the journal open, its WAL holding a cart; the WAL was left group-readable (a copy, a umask).
        let first = try UserDatabase.open(at: url)
        try first.saveCart([CartPersistenceTests().package])
        for suffix in ["-wal", "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path + suffix)
        }
        let second = try UserDatabase.open(at: url)
        #expect(try second.loadCart().lines.count == 1)
        for suffix in ["", "-wal", "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: url.path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(UserDatabase.fileName)\(suffix) is \(String(mode ?? 0, radix: 8))")
        }
    }
}
