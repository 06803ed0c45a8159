import NIOCore
import NIOSSH

/// Forwards what a session's child writes (terminal, stdout or stderr) to the visitor's SSH channel. The pieces
/// of one read burst (ncurses writes a frame in several) go as one message: each message costs a packet's
/// framing and MAC on the wire.
final class OutputRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let target: Channel
    private let type: SSHChannelData.DataType
    private var pending: ByteBuffer?

    init(target: Channel, type: SSHChannelData.DataType) {
        self.target = target
        self.type = type
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if pending == nil {
            pending = bytes
        } else {
            pending!.writeBuffer(&bytes)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        sendPending()
    }

    /// Output read just before the end still reaches the visitor.
    func channelInactive(context: ChannelHandlerContext) {
        sendPending()
        context.fireChannelInactive()
    }

    /// A terminal whose last reader left answers EIO: that is its end, not a fault.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func sendPending() {
        guard let bytes = pending else { return }
        pending = nil
        target.writeAndFlush(SSHChannelData(type: type, data: .byteBuffer(bytes)), promise: nil)
    }
}
