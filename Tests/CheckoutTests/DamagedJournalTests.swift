import Checkout
import Foundation
import StorefrontDomain
import Testing

/// A damaged journal is evidence (it may hold the only copy of a code): opening it must not write to it, and the
/// error says how to start afresh without losing it.
@Suite struct DamagedJournalTests {
    struct Damage: CustomTestStringConvertible, Sendable {
        var name: String
        var apply: @Sendable (inout [UInt8]) -> Void
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "the second page zeroed (a lost write)") { bytes in
            for index in 4096..<8192 { bytes[index] = 0 }
        },
        Damage(name: "the second page overwritten") { bytes in
            for index in 4096..<8192 { bytes[index] = 0x5A }
        },
        Damage(name: "the first page's tree overwritten") { bytes in
            for index in 100..<400 { bytes[index] = 0xA5 }
        },
        Damage(name: "the header after its magic string scrambled") { bytes in
            for index in 16..<100 { bytes[index] = UInt8(truncatingIfNeeded: index &* 37) }
        },
        Damage(name: "cut off in the middle of a page") { bytes in
            bytes.removeLast(bytes.count / 2 + 123)
        },
        Damage(name: "written in rollback mode with a broken first page") { bytes in
            bytes[18] = 1
            bytes[19] = 1
            for index in 100..<140 { bytes[index] = 0xFF }
        },
    ]

    @Test(arguments: damages)
    func aDamagedJournalIsLeftByteForByteAsItWasAndTheErrorSaysWhatToDo(damage: Damage) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        try UserDatabase.open(at: url).saveCart(CartPersistenceTests().manyLines)
        var bytes = [UInt8](try Data(contentsOf: url))
        try #require(bytes.count > 4096 && !FileManager.default.fileExists(atPath: url.path + "-wal"))
        damage.apply(&bytes)
        try Data(bytes).write(to: url)

        let error = #expect(throws: UserDatabaseError.self) { try UserDatabase.open(at: url) }
        #expect([UInt8](try Data(contentsOf: url)) == bytes, "not one byte written")
        let message = error?.description ?? ""
        #expect(message.contains("was left as it was"), "\(message)")
        #expect(message.contains("mv '\(url.path)' '\(url.path).damaged'"), "\(message)")
        #expect(message.contains("keep the moved file"), "\(message)")
    }

    @Test func aGoodJournalStillOpensAndANewOneIsMade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("good-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        let lines = CartPersistenceTests().manyLines
        try UserDatabase.open(at: url).saveCart(lines)
        #expect(try UserDatabase.open(at: url).loadCart().lines == lines)
    }
}

extension CartPersistenceTests {
    /// Enough lines for the journal to span several pages.
    var manyLines: [CartLine] {
        (0..<60).map { index in
            CartLine(id: "line-\(index)", productId: "product-\(index)", productName: String(repeating: "Gift card \(index) ", count: 8),
                     productType: .giftCard, choice: .package(PackageOption(id: "product-\(index)<&>50", value: "50", price: 83_000)),
                     faceValue: "50 USD", unitPrice: 83_000, quantity: 1)
        }
    }
}
