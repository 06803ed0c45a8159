import Testing
@testable import SandboxServer

@Suite struct AuthTests {
    @Test func bearerAndBasicCredentialsAreAccepted() async throws {
        try await TestSandbox.with { sandbox async throws in
            #expect(try await sandbox.get("/ping", auth: .bearer("sandbox-key")).status == 200)
            #expect(try await sandbox.get("/ping", auth: .basic(id: "sandbox-id", secret: "sandbox-secret")).status == 200)
        }
    }

    @Test(arguments: [
        TestSandbox.Auth.none,
        .bearer("wrong-key"),
        .basic(id: "sandbox-id", secret: "wrong"),
        .header("Basic sandbox-key"),
        .header("Token sandbox-key"),
        .header("Bearer"),
    ])
    func missingWrongOrWrongSchemeCredentialsAre401WithOnlyAMessage(auth: TestSandbox.Auth) async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.get("/accounts/balance", auth: auth)
            #expect(reply.status == 401)
            #expect(reply.object.keys.sorted() == ["message"])
        }
    }

    @Test func unknownRoutesAre404WithOnlyAnError() async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.get("/no/such/route")
            #expect(reply.status == 404)
            #expect(reply.object.keys.sorted() == ["error"])
            #expect(reply.object["error"] as? String == "Cannot GET /v2/no/such/route")
        }
    }
}
