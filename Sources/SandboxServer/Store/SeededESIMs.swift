import Foundation
import StorefrontDomain

/// eSIMs the account owns from the start, on the `test-esim` plan, so the eSIM screens have something to
/// show before anything is bought: one active, one used up, one expired, one with a history of bundles.
enum SeededESIMs {
    /// ICCIDs (with their Luhn check digits) in the order listed by `GET /esims`.
    static var iccids: [String] { records.map(\.iccid) }

    static let records: [ESIMRecord] = [
        record(payload: "898824700000000001", day: 0, installed: true, bundles: [("3GB, 30 Days", 3000, "active", 2_147_483_648)]),
        record(payload: "898824700000000002", day: 1, installed: true, bundles: [("1GB, 7 Days", 1000, "depleted", 0)]),
        record(payload: "898824700000000003", day: 2, installed: false, bundles: [("3GB, 30 Days", 3000, "expired", 1_200_000_000)]),
        record(payload: "8988247000000000004", day: 3, installed: true, bundles: [
            ("1GB, 7 Days", 1000, "depleted", 0), ("10GB, 30 Days", 10000, "active", 7_500_000_000),
        ]),
    ]

    private static func record(payload: String, day: Int, installed: Bool, bundles: [(String, Int, String, Int64)]) -> ESIMRecord {
        let serial = payload.suffix(4)
        return ESIMRecord(
            iccid: payload + String(Luhn.checkDigit(for: payload) ?? 0),
            productID: "test-esim",
            createdAt: Date(timeIntervalSince1970: 1_736_933_400 + Double(day) * 86_400),
            smdpAddress: Minting.smdpAddress,
            activationCode: "SBX-SEED0-00000-00000-0\(serial)",
            pin: String(serial),
            installed: installed,
            bundles: bundles.map { ESIMRecord.Bundle(name: $0.0, dataMB: $0.1, status: $0.2, remainingBytes: $0.3) }
        )
    }
}
