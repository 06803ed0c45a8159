import Foundation
import StorefrontTestSupport
import Testing
@testable import SSHServer

@Suite struct KeyFileTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ssh-keys-\(UUID().uuidString)")

    @Test func theHostKeyIsMadeOnceOwnerOnlyAndReadBack() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("host_key").path
        let made = try HostKey.loadOrCreate(at: path)
        #expect(made.created)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try HostKey.loadOrCreate(at: path)
        #expect(!again.created)
        #expect(again.key.fingerprint == made.key.fingerprint)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")))
    func theFingerprintIsTheOneSshKeygenShows() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("host_key").path
        let key = try HostKey.loadOrCreate(at: path).key
        let shown = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-lf", path], timeout: 60)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("256 \(key.fingerprint) "))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")))
    func aKeyMadeBySshKeygenIsReadAndAnRSAListingIsExplained() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("made").path
        let made = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", path], timeout: 60)
        #expect(made.status == 0, "\(made.stderr)")
        let key = try HostKey.loadOrCreate(at: path)
        #expect(!key.created)
        let shown = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-lf", path + ".pub"], timeout: 60)
        #expect(shown.stdout.hasPrefix("256 \(key.key.fingerprint) "))

        let publicLine = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        let listed = AuthorizedKeys(contents: "# demo keys\n\(publicLine)ssh-rsa AAAAB3NzaC1yc2E rsa@laptop\nnot a key\n", source: "keys")
        #expect(listed.keys.count == 1)
        #expect(listed.notes.count == 2)
        #expect(listed.notes[0].contains("ssh-rsa keys are not supported") && listed.notes[0].contains("Ed25519 and ECDSA"))
    }
}
