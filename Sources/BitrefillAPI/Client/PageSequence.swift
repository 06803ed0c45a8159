import Foundation

/// One page of a list call.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// 0 for the first page.
    public var index: Int
    /// Elements of this page that could not be decoded and were left out.
    public var droppedCount: Int
    public var hasMore: Bool
}

/// The pages of a list call as an `AsyncSequence`, following `meta._next` (a full URL) until it is absent.
/// Each page is fetched only when asked for, so a consumer can write page by page and stop at any time.
public struct PageSequence<Item: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page<Item>

    let client: BitrefillClient
    let endpoint: Endpoint<[Item]>

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, endpoint: endpoint)
    }

    /// Every item of every page, in order.
    public func collectItems() async throws -> [Item] {
        var all: [Item] = []
        for try await page in self { all += page.items }
        return all
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: BitrefillClient
        let endpoint: Endpoint<[Item]>
        var nextURL: URL?
        var index = 0
        var started = false
        var visited: Set<URL> = []

        init(client: BitrefillClient, endpoint: Endpoint<[Item]>) {
            self.client = client
            self.endpoint = endpoint
        }

        public mutating func next() async throws -> Page<Item>? {
            let url: URL
            if !started {
                started = true
                url = try client.url(for: endpoint)
            } else if let nextURL {
                url = nextURL
            } else {
                return nil
            }
            // A server whose `_next` points back at a page already read would otherwise be walked forever.
            guard visited.insert(url).inserted else {
                throw APIError(kind: .malformedResponse, endpoint: endpoint.name,
                               message: "The API's next-page links go round in a circle at page \(index + 1); stopped reading.",
                               outcome: .notExecuted)
            }
            let result: (items: [Item], dropped: Int, next: URL?) = try await client.page(at: url, name: endpoint.name)
            nextURL = result.next
            defer { index += 1 }
            return Page(items: result.items, index: index, droppedCount: result.dropped, hasMore: result.next != nil)
        }
    }
}
