import StorefrontTUI
import TOMLKit

extension Theme {
    /// Reads a theme file: one table per role (`[selection]`), each with optional `fg`, `bg`, `bold`, `dim`,
    /// `underline` and `reverse`.
    ///
    /// A role left out looks like `[text]`; a colour left out takes `[text]`'s, so a theme that sets a
    /// background on `[text]` does not leave holes in other roles. The first problem in file order is thrown,
    /// naming `file`, its line and key, so the user can go straight to it.
    public static func decode(toml text: String, name: String, file: String) throws(ThemeError) -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(.syntax, file: file, line: error.source.begin.line, reason: error.description)
        } catch {
            throw ThemeError(.syntax, file: file, reason: "not valid TOML (\(error))")
        }
        let decoder = ThemeFileDecoder(file: file, lines: TOMLLineIndex(text))
        return Theme(name: name, styles: try decoder.styles(of: document))
    }
}

/// Turns the parsed TOML of one theme file into styles, or into the first error in file order.
private struct ThemeFileDecoder {
    /// A role's values as written: colours stay nil when left out, to be taken from `[text]`.
    private struct Fields {
        var foreground: ThemeColor?
        var background: ThemeColor?
        var bold = false
        var dim = false
        var underline = false
        var reverse = false
    }

    let file: String
    let lines: TOMLLineIndex

    func styles(of document: TOMLTable) throws(ThemeError) -> [StyleRole: ThemeStyle] {
        var fields: [StyleRole: Fields] = [:]
        for roleName in inFileOrder(document.keys, table: "") {
            let line = lines.line(table: roleName) ?? lines.line(table: "", key: roleName)
            guard let role = StyleRole(rawValue: roleName) else {
                let roles = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(.unknownRole, file: file, line: line, key: "[\(roleName)]",
                                 reason: "not a style role; the roles are \(roles)")
            }
            guard let table = document[roleName]?.table else {
                throw ThemeError(.notATable, file: file, line: line, key: roleName,
                                 reason: "must be a table: write [\(roleName)] on its own line, then fg = …, bold = …")
            }
            fields[role] = try decodeFields(table, role: roleName)
        }
        let text = fields[.text] ?? Fields()
        let textForeground = text.foreground ?? .terminalDefault
        let textBackground = text.background ?? .terminalDefault
        return fields.mapValues { role in
            ThemeStyle(
                foreground: role.foreground ?? textForeground,
                background: role.background ?? textBackground,
                bold: role.bold,
                dim: role.dim,
                underline: role.underline,
                reverse: role.reverse
            )
        }
    }

    private func decodeFields(_ table: TOMLTable, role: String) throws(ThemeError) -> Fields {
        var fields = Fields()
        for key in inFileOrder(table.keys, table: role) {
            guard let value = table[key] else { continue }
            let line = lines.line(table: role, key: key)
            let name = "[\(role)] \(key)"
            switch key {
            case "fg": fields.foreground = try color(value, line: line, key: name)
            case "bg": fields.background = try color(value, line: line, key: name)
            case "bold": fields.bold = try flag(value, line: line, key: name)
            case "dim": fields.dim = try flag(value, line: line, key: name)
            case "underline": fields.underline = try flag(value, line: line, key: name)
            case "reverse": fields.reverse = try flag(value, line: line, key: name)
            default:
                throw ThemeError(.unknownKey, file: file, line: line, key: name,
                                 reason: "unknown key; a role takes fg, bg, bold, dim, underline and reverse")
            }
        }
        return fields
    }

    private func color(_ value: TOMLValueConvertible, line: Int?, key: String) throws(ThemeError) -> ThemeColor {
        let parsed: ThemeColor? = switch value.type {
        case .string: value.string.flatMap(ThemeColor.init(parsing:))
        case .int: value.int.flatMap(ThemeColor.init(index:))
        default: nil
        }
        guard let parsed else {
            throw ThemeError(.badColor, file: file, line: line, key: key,
                             reason: "\(describe(value)) is not a colour; use a name, 0-255 or #rrggbb")
        }
        return parsed
    }

    private func flag(_ value: TOMLValueConvertible, line: Int?, key: String) throws(ThemeError) -> Bool {
        guard let flag = value.bool else {
            throw ThemeError(.badFlag, file: file, line: line, key: key,
                             reason: "\(describe(value)) is not a flag; use true or false")
        }
        return flag
    }

    /// A value as the user wrote it, or its kind when it is a table or list (whose text would be long).
    private func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: "a table"
        case .array: "a list"
        default: value.tomlValue.debugDescription
        }
    }

    /// Keys in the order they appear in the file (TOMLKit sorts them), so the first error reported is the
    /// first one the user meets reading down.
    private func inFileOrder(_ keys: [String], table: String) -> [String] {
        keys.sorted { left, right in
            let leftLine = position(of: left, in: table)
            let rightLine = position(of: right, in: table)
            return leftLine == rightLine ? left < right : leftLine < rightLine
        }
    }

    private func position(of key: String, in table: String) -> Int {
        if table.isEmpty { return lines.line(table: key) ?? lines.line(table: "", key: key) ?? .max }
        return lines.line(table: table, key: key) ?? .max
    }
}
