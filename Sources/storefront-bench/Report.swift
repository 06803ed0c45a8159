/// Prints each figure as it is measured, and remembers whether every target was met.
struct Report {
    private(set) var allPassed = true

    mutating func check(_ name: String, _ figure: String, _ detail: String, target: String, passed: Bool) {
        allPassed = allPassed && passed
        print("  \(name): \(figure)  [\(detail)]  target \(target): \(passed ? "PASS" : "FAIL")")
    }

    func note(_ text: String) {
        print("  \(text)")
    }

    mutating func fail(_ text: String) {
        allPassed = false
        print("  \(text)")
    }

    var verdict: String {
        allPassed ? "All targets met." : "Some targets were missed."
    }
}
