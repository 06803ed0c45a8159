import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Testing

@Suite struct PaginationTests {
    @Test func followsNextUntilAbsent() async throws {
        let stub = StubTransport([
            Stub.data(#"[{"id":"a"},{"id":"b"}]"#, next: "https://api.example.test/v2/products?start=2&limit=2"),
            Stub.data(#"[{"id":"c"}]"#, next: "https://api.example.test/v2/products?start=3&limit=2"),
            Stub.data(#"[]"#),
        ])
        let items = try await stubbedClient(stub).pages(Endpoints.products(limit: 2)).collectItems()
        #expect(items.map(\.id) == ["a", "b", "c"])
        let urls = await stub.requests.map(\.url.absoluteString)
        #expect(urls == [
            "https://api.example.test/v2/products?start=0&limit=2",
            "https://api.example.test/v2/products?start=2&limit=2",
            "https://api.example.test/v2/products?start=3&limit=2",
        ])
    }

    @Test func refusesANextLinkToAnotherHost() async throws {
        let stub = StubTransport([Stub.data(#"[{"id":"a"}]"#, next: "https://evil.example/v2/products?start=1")])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).pages(Endpoints.products()).collectItems() }
        #expect(error?.kind == .unsafeNextPage)
        #expect(await stub.requestCount == 1)
    }

    @Test func stopsWhenNextLinksGoInACircle() async throws {
        let first = "https://api.example.test/v2/products?start=0&limit=50"
        let stub = StubTransport(fallback: Stub.data(#"[{"id":"a"}]"#, next: first))
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).pages(Endpoints.products()).collectItems() }
        #expect(error?.kind == .malformedResponse)
        #expect(await stub.requestCount == 1)
    }

    @Test func pagesAreFetchedOnlyWhenAskedFor() async throws {
        let stub = StubTransport(fallback: Stub.data(#"[{"id":"a"}]"#, next: "https://api.example.test/v2/products?start=99"))
        var iterator = stubbedClient(stub).pages(Endpoints.products()).makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.hasMore == true)
        #expect(await stub.requestCount == 1)
    }
}
