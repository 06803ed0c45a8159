import Foundation

/// A search typed as a phone number, in whatever form people type one: `+44 7700 900123`, `0044…`, or the
/// national `07700 900123`. The history and the account search both read it here, so a number found in one is
/// found in the other.
public enum PhoneSearch {
    /// The digit strings to look for in phone numbers (and ICCIDs), or nil when `search` is not typed as a number.
    /// A leading `00` is the international prefix and a single leading `0` a national trunk prefix: both are
    /// dropped in one form, since the stored number starts with its country code instead. Forms shorter than three
    /// digits would match nearly anything and are left out.
    public static func digitForms(_ search: String) -> [String]? {
        let trimmed = search.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || "+-(). \u{00A0}".contains($0) }) else {
            return nil
        }
        // "+44 (0)7700 900123": the bracketed trunk 0 is written for those dialling at home, never dialled from abroad.
        let all = digits(trimmed.replacingOccurrences(of: "(0)", with: ""))
        var forms = [all]
        if !trimmed.hasPrefix("+") {
            if all.hasPrefix("00") {
                forms.append(String(all.dropFirst(2)))
            } else if all.hasPrefix("0") {
                forms.append(String(all.dropFirst()))
            }
        }
        let kept = forms.filter { $0.count >= 3 }
        return kept.isEmpty ? nil : kept
    }

    /// The ASCII digits of `text`, in order.
    public static func digits(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber })
    }
}
