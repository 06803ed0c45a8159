import Foundation
import PropertyBased
import Synchronization
import Testing

/// Mutated server bodies, of every response type, sent through decoding, the engine's mapping and the renderers:
/// none may trap. `FUZZ_BODIES` sets how many bodies in all (shared evenly by the types); the default keeps the
/// normal suite quick, and `FUZZ_BODIES=100000 swift test --filter FuzzTests` runs the full campaign.
@Suite struct MutatedBodyTests {
    static let defaultBodies = 9_000

    static var totalBodies: Int {
        ProcessInfo.processInfo.environment["FUZZ_BODIES"].flatMap { Int($0) }.map { max(0, $0) } ?? defaultBodies
    }

    /// This target's share of the total; the first few take one more when it does not divide evenly.
    static func share(of target: Target) -> Int {
        let index = Target.allCases.firstIndex(of: target) ?? 0
        let count = Target.allCases.count
        return totalBodies / count + (index < totalBodies % count ? 1 : 0)
    }

    @Test(.shrinking(false), arguments: Target.allCases)
    func mutatedBodiesNeverCrash(_ target: Target) async throws {
        let harness = try FuzzHarness(target)
        let tally = Tally()
        let started = ContinuousClock.now
        let seeds = target.seeds
        await propertyCheck(count: Self.share(of: target), input: Gen.int(in: 0...(seeds.count - 1)),
                            Gen<Mutation>.case.array(of: 1...3), Gen.uint64()) { seedIndex, mutations, noise in
            var rng = SplitMix(seed: noise)
            var body = Array(seeds[seedIndex].utf8)
            for mutation in mutations { body = Mutator.apply(mutation, to: body, using: &rng) }
            let outcome = await harness.run(body, using: &rng)
            tally.add(outcome)
            if case .unexpected(let what) = outcome {
                Issue.record("\(target) seed \(seedIndex) after \(mutations): \(what)")
            }
        }
        let figures = tally.figures
        print("FuzzTests \(target.rawValue): \(figures.total) bodies, \(figures.mapped) mapped, \(figures.refused) refused with an API error, "
            + "\(figures.unexpected) unexpected, in \(ContinuousClock.now - started)")
        #expect(figures.total == Self.share(of: target))
    }
}

/// Counts outcomes across the concurrent checks of one target.
final class Tally: Sendable {
    private let counts = Mutex((total: 0, mapped: 0, refused: 0, unexpected: 0))

    func add(_ outcome: Outcome) {
        counts.withLock { counts in
            counts.total += 1
            switch outcome {
            case .mapped: counts.mapped += 1
            case .refused: counts.refused += 1
            case .unexpected: counts.unexpected += 1
            }
        }
    }

    var figures: (total: Int, mapped: Int, refused: Int, unexpected: Int) { counts.withLock { $0 } }
}
