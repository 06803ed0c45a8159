import Foundation
import Testing
@testable import SSHServer

@Suite struct SessionLedgerTests {
    @Test func theSessionBeyondTheLimitIsRefusedAndAClosedOneFreesItsSlot() {
        var ledger = SessionLedger(limits: SessionLimits(maxSessions: 2, maxSessionsPerAddress: 5, connectionsPerMinutePerAddress: 100))
        #expect(ledger.openSession(for: "10.0.0.1") == nil)
        #expect(ledger.openSession(for: "10.0.0.2") == nil)
        #expect(ledger.openSession(for: "10.0.0.3") == .full(2))
        ledger.closeSession(for: "10.0.0.1")
        #expect(ledger.openSession(for: "10.0.0.3") == nil)
    }

    @Test func oneAddressCannotTakeEverySlot() {
        var ledger = SessionLedger(limits: SessionLimits(maxSessions: 10, maxSessionsPerAddress: 2, connectionsPerMinutePerAddress: 100))
        #expect(ledger.openSession(for: "a") == nil)
        #expect(ledger.openSession(for: "a") == nil)
        #expect(ledger.openSession(for: "a") == .addressFull(2))
        #expect(ledger.openSession(for: "b") == nil)
    }

    @Test func connectionsPerMinuteCountOnlyTheLastMinute() {
        var ledger = SessionLedger(limits: SessionLimits(maxSessions: 10, maxSessionsPerAddress: 10, connectionsPerMinutePerAddress: 2))
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(ledger.admitConnection(from: "a", at: start) == nil)
        #expect(ledger.admitConnection(from: "a", at: start.addingTimeInterval(10)) == nil)
        #expect(ledger.admitConnection(from: "a", at: start.addingTimeInterval(20)) == .tooFast(2))
        #expect(ledger.admitConnection(from: "b", at: start.addingTimeInterval(20)) == nil)
        #expect(ledger.admitConnection(from: "a", at: start.addingTimeInterval(61)) == nil)
    }

    @Test func visitorsFromFiveAddressesCannotLockOutAListedKey() {
        var ledger = SessionLedger(limits: SessionLimits(reservedForListedKeys: 2))
        var admitted = 0
        for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"] {
            for _ in 0..<4 where ledger.openSession(for: address) == nil { admitted += 1 }
        }
        #expect(admitted == 18, "two of the twenty slots are kept for listed keys")
        #expect(ledger.openSession(for: "10.0.0.6") == .full(18))
        #expect(ledger.openSession(for: "192.0.2.1", listed: true) == nil, "the presenter gets in")
        #expect(ledger.openSession(for: "192.0.2.1", listed: true) == nil, "and may run a command beside the storefront")
        #expect(ledger.openSession(for: "192.0.2.1", listed: true) == .full(20))
    }

    @Test func aListedKeyBehindTheAudiencesAddressIsNotHeldToThatAddresssShare() {
        var ledger = SessionLedger(limits: SessionLimits(maxSessions: 10, maxSessionsPerAddress: 2, connectionsPerMinutePerAddress: 100))
        #expect(ledger.openSession(for: "conference-nat") == nil)
        #expect(ledger.openSession(for: "conference-nat") == nil)
        #expect(ledger.openSession(for: "conference-nat") == .addressFull(2))
        #expect(ledger.openSession(for: "conference-nat", listed: true) == nil)
        ledger.closeSession(for: "conference-nat", listed: true)
        #expect(ledger.openSession(for: "conference-nat") == .addressFull(2), "a listed session's end frees no visitor's slot")
        ledger.closeSession(for: "conference-nat")
        #expect(ledger.openSession(for: "conference-nat") == nil)
    }

    @Test func withoutListedKeysNoSlotIsKept() {
        var ledger = SessionLedger(limits: SessionLimits(maxSessions: 2, maxSessionsPerAddress: 5, connectionsPerMinutePerAddress: 100,
                                                         reservedForListedKeys: 0))
        #expect(ledger.openSession(for: "a") == nil)
        #expect(ledger.openSession(for: "b") == nil)
        #expect(SessionLimits(maxSessions: 1, reservedForListedKeys: 2).reservedForListedKeys == 0, "one slot stays for visitors")
    }

    @Test func tooFastConnectionsRefuseVisitorsButNotAListedKey() {
        let connection = ConnectionState(peer: "conference-nat")
        connection.arrivedTooFast = .tooFast(20)
        #expect(connection.sessionRefusal == .tooFast(20))
        connection.visitor = .listed(keyFingerprint: "SHA256:presenter", agent: "presenter (SHA256:presenter)")
        #expect(connection.sessionRefusal == nil)
    }

    @Test func refusalsSayWhatToDo() {
        #expect(SessionLedger.Refusal.full(20).description.contains("try again"))
        #expect(SessionLedger.Refusal.tooFast(20).description.contains("wait a minute"))
    }
}
