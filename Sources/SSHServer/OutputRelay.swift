import NIOCore
import NIOSSH

/// Forwards what a session's child writes (terminal, stdout or stderr) to the visitor's SSH channel.
final class OutputRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let target: Channel
    private let type: SSHChannelData.DataType

    init(target: Channel, type: SSHChannelData.DataType) {
        self.target = target
        self.type = type
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        target.write(SSHChannelData(type: type, data: .byteBuffer(unwrapInboundIn(data))), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        target.flush()
    }

    /// A terminal whose last reader left answers EIO: that is its end, not a fault.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
