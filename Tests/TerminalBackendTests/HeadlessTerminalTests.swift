import StorefrontTUI
import TerminalBackend
import Testing

@Suite struct HeadlessTerminalTests {
    @Test func eventsArriveInScriptOrderThenTimeOut() {
        let terminal = HeadlessTerminal(width: 80, height: 24, events: [.key(.down), .key(.enter)])
        terminal.enqueue(.key(.control("c")))
        #expect(terminal.nextEvent(timeoutMilliseconds: 100) == .key(.down))
        #expect(terminal.nextEvent(timeoutMilliseconds: 100) == .key(.enter))
        #expect(terminal.nextEvent(timeoutMilliseconds: 100) == .key(.control("c")))
        #expect(terminal.nextEvent(timeoutMilliseconds: 100) == nil)
    }

    @Test func aResizeChangesTheSizeAndQueuesTheEvent() {
        let terminal = HeadlessTerminal(width: 80, height: 24, events: [.key(.up)])
        terminal.resize(to: 120, height: 40)
        #expect(terminal.size == (120, 40))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .key(.up))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .resize(width: 120, height: 40))
    }

    @Test func recordsPaintsThemesAndShutdowns() {
        let terminal = HeadlessTerminal(width: 10, height: 2)
        var frame = ScreenBuffer(width: 10, height: 2)
        terminal.paint(frame, fullRepaint: true)
        frame.put("hi", x: 0, y: 0, style: .text)
        terminal.paint(frame, fullRepaint: false)
        terminal.apply(.mono)
        terminal.shutdown()
        terminal.shutdown()
        #expect(terminal.paints.map(\.fullRepaint) == [true, false])
        #expect(terminal.screen?.text == "hi\n")
        #expect(terminal.appliedThemes == [.mono])
        #expect(terminal.shutdownCount == 2)
    }

    @Test func worksBehindTheProtocol() {
        let device: any TerminalDevice = HeadlessTerminal(width: 3, height: 1, events: [.key(.escape)])
        #expect(device.size == (3, 1))
        #expect(device.nextEvent(timeoutMilliseconds: -1) == .key(.escape))
    }
}
