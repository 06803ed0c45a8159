import Synchronization

/// The first of several tasks to answer wins; the others are cancelled and not waited for.
final class FirstAnswer<T: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<T, Never>?, answered: Bool, tasks: [Task<Void, Never>])>((nil, false, []))

    func wait(starting start: () -> [Task<Void, Never>]) async -> T {
        await withCheckedContinuation { continuation in
            state.withLock { $0.continuation = continuation }
            let tasks = start()
            let cancelNow = state.withLock { state -> Bool in
                state.tasks = tasks
                return state.answered
            }
            if cancelNow { tasks.forEach { $0.cancel() } }
        }
    }

    func answer(_ value: T) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<T, Never>?, [Task<Void, Never>]) in
            guard !state.answered else { return (nil, []) }
            state.answered = true
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        tasks.forEach { $0.cancel() }
        continuation?.resume(returning: value)
    }
}

/// `work`'s answer, or `fallback` once `patience` has passed without one; the work is then cancelled and not waited for
/// (a query on a connection the server dropped may never end).
func answer<T: Sendable>(within patience: Duration, else fallback: T, _ work: @escaping @Sendable () async -> T) async -> T {
    let race = FirstAnswer<T>()
    return await race.wait {
        [Task { race.answer(await work()) },
         Task {
             guard (try? await Task.sleep(for: patience)) != nil else { return }
             race.answer(fallback)
         }]
    }
}
