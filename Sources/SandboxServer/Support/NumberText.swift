/// Numbers as the API writes them in strings: "10", "12.5".
enum NumberText {
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
