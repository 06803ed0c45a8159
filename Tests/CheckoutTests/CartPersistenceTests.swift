import Checkout
import Foundation
import StorefrontCore
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
        let reopened = try UserDatabase.open(at: url).loadCart()
        #expect(reopened == [package, topUp])
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func savingReplacesTheWholeCart() throws {
        let database = try UserDatabase.inMemory()
        try database.saveCart([package, topUp])
        try database.saveCart([topUp])
        #expect(try database.loadCart() == [topUp])
        try database.saveCart([])
        #expect(try database.loadCart().isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithAWayOut() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite")
        try Data("this is not sqlite, it is a shopping list".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: UserDatabaseError.self) { try UserDatabase.open(at: url) }
        #expect(error?.description.contains("move it aside") == true)
    }
}
