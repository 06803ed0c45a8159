import ArgumentParser
import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTUI

/// `storefront qr TEXT`: prints a QR code as text, for an activation code or a payment URI copied from
/// elsewhere, and for checking by eye or with a scanner how the TUI's codes look.
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Print text as a QR code.",
        discussion: """
        On a terminal, half and full codes are printed black on white so that they scan on dark themes too. \
        Piped or redirected, they are printed without colour codes. ascii draws dark modules as "##" and never \
        adds colour: it is for printing and debugging, and shows inverted on light-on-dark terminals.

        Exit codes: 0 printed; 64 the text cannot be encoded (too long) or a bad option.
        """
    )

    @Argument(help: "The text to encode, such as an eSIM activation code (LPA:1$...) or a bitcoin: URI.")
    var text: String

    @Option(help: "half: two module rows per line; full: two columns per module; ascii: \"##\" for dark modules.")
    var mode: QRRenderMode = .half

    func run() throws {
        let matrix: QRMatrix
        do {
            matrix = try QREncoder.encode(text)
        } catch {
            printError(error.message)
            throw ExitCode(64)
        }
        // Our own SGR codes around our own glyphs: black on white, reset at each line's end so a cut-off
        // output never leaves the terminal coloured.
        let colour = mode != .ascii && isatty(STDOUT_FILENO) == 1
        for line in QRTextRenderer.lines(matrix, mode: mode) {
            print(colour ? "\u{1B}[30;47m\(line)\u{1B}[0m" : line)
        }
    }
}

extension QRRenderMode: ExpressibleByArgument {}
