/// How long a command line may be, checked before it is parsed: the argument parser's cost grows with the
/// square of the argument count (9,000 repeated flags cost 45 s of CPU), and a command of Storefront's never
/// needs more than a few dozen words. The local CLI and `ssh host COMMAND` share these limits.
public enum ArgumentLimits {
    /// Words after the program's name.
    public static let maxCount = 256
    /// Bytes of all the words together: the longest legitimate one is a QR code's text (at most 7,089 digits).
    public static let maxBytes = 16 * 1024

    /// Why the command line is refused, in words a person can act on; nil when it is within the limits.
    public static func problem(with arguments: [String]) -> String? {
        if arguments.count > maxCount {
            return "The command has \(arguments.count) arguments; Storefront takes at most \(maxCount). Give each option once."
        }
        return problem(withBytes: arguments.reduce(0) { $0 + $1.utf8.count })
    }

    /// The size check alone, for a command line that is not yet split into words.
    public static func problem(withBytes bytes: Int) -> String? {
        guard bytes > maxBytes else { return nil }
        return "The command is \(bytes) bytes long; Storefront takes at most \(maxBytes) bytes of arguments. Shorten it."
    }
}
