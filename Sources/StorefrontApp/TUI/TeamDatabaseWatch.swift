/// What one check of the team database found: whether it answers, and why the data directory's cart could not save
/// the lines a purchase in flight holds (nil when it could).
public struct TeamDatabaseCheck: Sendable, Equatable {
    public var answering: Bool
    public var cartProblem: String?

    public init(answering: Bool, cartProblem: String? = nil) {
        self.answering = answering
        self.cartProblem = cartProblem
    }
}

/// In team mode, how a session keeps an eye on the team database: `check` asks whether it answers (writing what
/// waits in the spool when it does, and the cart's holds not saved yet), every `interval`; the status bar shows TEAM
/// DB DOWN while it does not, and says when the cart cannot save its holds.
public struct TeamDatabaseWatch: Sendable {
    public var interval: Duration
    public var check: @Sendable () async -> TeamDatabaseCheck

    public init(interval: Duration = .seconds(5), check: @escaping @Sendable () async -> TeamDatabaseCheck) {
        self.interval = interval
        self.check = check
    }

    /// Checks now and then every `interval` until cancelled, posting each answer to the loop.
    func watch(posting inbox: ActionInbox) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                let checked = await check()
                if Task.isCancelled { return }
                inbox.post(.teamDatabaseChecked(answering: checked.answering, cartProblem: checked.cartProblem))
                try? await Task.sleep(for: interval)
            }
        }
    }
}
