import Checkout
import Foundation
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// Every placement asks the journal twice whether the same request is open or the same card was bought moments ago.
/// A desk's journal grows by thousands of purchases a month, many of one popular card: the open question must read the
/// request's rows in the stages it asks for, and the recent one the card's rows in the window, through an index, not
/// every purchase of the card nor of the desk, or each placement gets slower as the desk works.
struct RequestIndexTests {
    static let openQuestion = """
        SELECT id FROM purchase WHERE source = 'api' AND request_hash = 'h' AND stage IN ('intent', 'created') \
        ORDER BY created_at DESC LIMIT 1
        """
    static let recentQuestion = """
        SELECT id FROM purchase WHERE source = 'api' AND body_hash = 'h' AND stage IN ('settled') AND updated_at >= 0 \
        AND (ticket IS NULL OR ticket = 'T-1') ORDER BY updated_at DESC LIMIT 1
        """
    static let questions = [(openQuestion, "purchase_by_request"), (recentQuestion, "purchase_by_body")]

    @Test(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
    func theTeamJournalAnswersTheRepeatQuestionsFromTheRequestIndex() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let journal = try await PostgresJournalContractTests.journal(on: server, database: database)
        defer { journal.close() }
        for (question, index) in Self.questions {
            // A planner shown an empty table scans it; with scans priced out it shows what it would use at scale.
            let plan = try server.psql(database, "SET enable_seqscan = off; EXPLAIN \(question)")
            #expect(plan.contains(index), "plan: \(plan)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 is installed by .ci/run"))
    func theEmbeddedJournalAnswersTheRepeatQuestionsFromTheRequestIndex() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("request-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(UserDatabase.fileName)
        _ = try UserDatabase.open(at: file)
        for (question, index) in Self.questions {
            let plan = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [file.path, "EXPLAIN QUERY PLAN \(question)"],
                                            timeout: 60).stdout
            #expect(plan.contains(index), "plan: \(plan)")
        }
    }
}
