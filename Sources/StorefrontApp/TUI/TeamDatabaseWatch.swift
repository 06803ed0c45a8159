/// In team mode, how a session keeps an eye on the team database: `check` asks whether it answers (writing what
/// waits in the spool when it does), every `interval`; the status bar shows TEAM DB DOWN while it does not.
public struct TeamDatabaseWatch: Sendable {
    public var interval: Duration
    public var check: @Sendable () async -> Bool

    public init(interval: Duration = .seconds(5), check: @escaping @Sendable () async -> Bool) {
        self.interval = interval
        self.check = check
    }

    /// Checks now and then every `interval` until cancelled, posting each answer to the loop.
    func watch(posting inbox: ActionInbox) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                let answering = await check()
                if Task.isCancelled { return }
                inbox.post(.teamDatabaseChecked(answering: answering))
                try? await Task.sleep(for: interval)
            }
        }
    }
}
