import Foundation
import ArgumentParser

/// `--ticket REF` on the purchase commands: the desk's own reference for the customer's ticket.
enum TicketOption {
    static let maxLength = 100

    /// A ticket reference is a short printable word or phrase (`T-123`, `ZD#4411`): it is matched exactly and shown in
    /// refusals and lists.
    static func validate(_ ticket: String?) throws {
        guard let ticket else { return }
        let trimmed = ticket.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > maxLength || trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw ValidationError("--ticket takes 1 to \(maxLength) printable characters: your desk's reference for the customer's ticket, e.g. T-123.")
        }
    }
}
