import NIOCore
import NIOEmbedded
import NIOSSH
import Testing
@testable import SSHServer

/// What the child writes in one burst (ncurses writes a frame in several pieces) goes to the visitor as one
/// SSH message: each message costs a packet's framing and MAC on the wire.
@Suite struct OutputRelayTests {
    @Test func thePiecesOfOneReadBurstGoAsOneMessage() throws {
        let visitor = EmbeddedChannel()
        let child = EmbeddedChannel(handler: OutputRelay(target: visitor, type: .channel))
        child.pipeline.fireChannelRead(NIOAny(ByteBuffer(string: "\u{1B}[7;1H")))
        child.pipeline.fireChannelRead(NIOAny(ByteBuffer(string: "Airhop eSIM Africa")))
        child.pipeline.fireChannelReadComplete()

        let sent = try #require(try visitor.readOutbound(as: SSHChannelData.self))
        guard case .byteBuffer(let bytes) = sent.data else {
            Issue.record("not bytes: \(sent)")
            return
        }
        #expect(String(buffer: bytes) == "\u{1B}[7;1HAirhop eSIM Africa")
        #expect(sent.type == .channel)
        #expect(try visitor.readOutbound(as: SSHChannelData.self) == nil, "one message for the burst")
    }
}
