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

    @Test func refusalsSayWhatToDo() {
        #expect(SessionLedger.Refusal.full(20).description.contains("try again"))
        #expect(SessionLedger.Refusal.tooFast(20).description.contains("wait a minute"))
    }
}
