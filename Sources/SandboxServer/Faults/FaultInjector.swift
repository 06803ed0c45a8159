/// Decides, request by request, whether a fault strikes: scripted faults first, then the random rates.
actor FaultInjector {
    struct Decision: Sendable, Equatable {
        let kind: ScriptedFault.Kind
        let timing: ScriptedFault.Timing
    }

    private let rates: SandboxFaults
    /// Header families announced by random 429s: the configured ones, or both when limits are off.
    private let rateLimitHeaders: Set<SandboxRateLimits.HeaderFamily>
    private var random: SeededRandom
    private var queue: [ScriptedFault] = []

    init(rates: SandboxFaults, rateLimits: SandboxRateLimits, seed: UInt64) {
        self.rates = rates
        self.rateLimitHeaders = rateLimits.headerFamilies.isEmpty
            ? Set(SandboxRateLimits.HeaderFamily.allCases) : rateLimits.headerFamilies
        self.random = SeededRandom(seed: seed, stream: "faults")
    }

    func enqueue(_ fault: ScriptedFault) {
        queue.append(fault)
    }

    /// Scripted faults still waiting to strike.
    var pendingScriptedFaults: [ScriptedFault] { queue }

    func decide(method: String, apiPath: String) -> Decision? {
        if let index = queue.firstIndex(where: { $0.matches(method: method, apiPath: apiPath) }) {
            let fault = queue[index]
            if fault.count > 1 {
                queue[index].count -= 1
            } else {
                queue.remove(at: index)
            }
            return Decision(kind: fault.kind, timing: fault.timing)
        }
        guard rates.isEnabled, !apiPath.hasPrefix("/sandbox/") else { return nil }
        let draw = random.unit()
        var threshold = 0.0
        let rateOrder = [
            rates.serverErrorRate, rates.rateLimitRate, rates.slowRate, rates.droppedConnectionRate, rates.malformedBodyRate,
            rates.droppedBeforeHandlingRate,
        ]
        guard let struck = rateOrder.firstIndex(where: { rate in
            threshold += rate
            return draw < threshold
        }) else { return nil }
        switch struck {
        case 0: return Decision(kind: .serverError(status: 503), timing: .beforeHandling)
        case 1: return Decision(kind: .rateLimited(headers: rateLimitHeaders, reset: rates.rateLimitReset), timing: .beforeHandling)
        case 2: return Decision(kind: .delay(rates.slowDelay), timing: .beforeHandling)
        case 3: return Decision(kind: .dropConnection, timing: .afterHandling)
        case 4: return Decision(kind: .malformedBody(html: random.chance(0.5)), timing: .afterHandling)
        default: return Decision(kind: .dropConnection, timing: .beforeHandling)
        }
    }
}
