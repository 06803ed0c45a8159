import Foundation
import TeamJournal
import Testing

/// The team key file: made once, private, never replaced, and refused when it is not a key or others can read it.
@Suite final class TeamKeyTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-key-\(UUID().uuidString)")
    var file: URL { folder.appendingPathComponent("team.key") }

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: folder) }

    @Test func aNewKeyIsThirtyTwoPrivateBytesAndIsNeverReplaced() throws {
        _ = try TeamKey.create(at: file)
        let bytes = try Data(contentsOf: file)
        #expect(bytes.count == 32)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(throws: TeamKeyError.exists(file.path)) { try TeamKey.create(at: file) }
        #expect(try Data(contentsOf: file) == bytes)
        _ = try TeamKey.load(from: file)
    }

    @Test func aKeyFileOthersCanReadOrThatIsNoKeyIsRefusedWithWhatToDo() throws {
        _ = try TeamKey.create(at: file)
        #expect(chmod(file.path, 0o644) == 0)
        #expect(throws: TeamKeyError.tooOpen(file.path, 0o644)) { try TeamKey.load(from: file) }
        #expect(TeamKeyError.tooOpen(file.path, 0o644).description.contains("chmod 600"))
        let short = folder.appendingPathComponent("short.key")
        #expect(FileManager.default.createFile(atPath: short.path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(throws: TeamKeyError.notAKey(short.path, 10)) { try TeamKey.load(from: short) }
        #expect(throws: TeamKeyError.unreadable(folder.appendingPathComponent("absent").path)) {
            try TeamKey.load(from: folder.appendingPathComponent("absent"))
        }
    }
}
