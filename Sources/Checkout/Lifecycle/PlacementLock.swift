import Foundation

/// One placement at a time per journal, across processes: two `buy`s with one idempotency key started together
/// would otherwise both find no purchase and both insert one, or the second would find the first's intent mid-
/// create and reconcile it as if its process had died. Held from reading the candidates to the create's answer
/// (and the payment) being written; the second then finds the first's purchase and returns it.
///
/// An advisory `flock` on a file beside the journal: the kernel releases it when the holder exits or is killed,
/// so a killed `buy` never leaves it held. A journal without a file (in memory) needs no lock.
struct PlacementLock: Sendable {
    let path: String?

    init(journalPath: String) {
        path = journalPath.hasPrefix("/") ? journalPath + "-placing" : nil
    }

    /// Runs `body` holding the lock, waiting for it first if another placement holds it (`waiting` is called
    /// once, then). When the lock file cannot be opened, `body` runs without it: the journal's own unique key
    /// still refuses a second purchase under one idempotency key.
    func holding<T>(waiting: () -> Void, _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        guard let path else { return try await body() }
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return try await body() }
        defer { close(descriptor) }
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return try await body() }
            if !announced {
                waiting()
                announced = true
            }
            // Another process's create is in flight: look again shortly (the kernel offers no async wait on flock).
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await body()
    }
}
