import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import StorefrontDomain

/// One SSH session channel: gathers the visitor's terminal and variables, starts a `storefront` child for
/// the shell or the command, relays bytes both ways, and ends the child when the channel ends. The channel
/// holds a session slot from the moment it opens, and is closed if it asks for no shell or command in time.
final class SessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    /// Exit status of a session the limits refused (EX_TEMPFAIL: try again later).
    static let refusedByLimits = 75
    /// Exit status of a command visitors may not run (EX_NOPERM).
    static let refusedByPolicy = 77
    /// Exit status of a command line refused before parsing, as the local CLI's bad input (EX_USAGE).
    static let badInput = 64

    private struct Terminal {
        var term: String
        var rows: Int
        var columns: Int
    }

    private let connection: ConnectionState
    private let shared: SessionContext
    private var clientVariables: [String: String] = [:]
    private var terminal: Terminal?
    private var started = false
    private var holdsSlot = false
    private var process: SessionProcess?
    private var reaped = false
    private var relays: [Channel] = []
    private var scratchDirectory: URL?
    private var lastInput = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    /// The server is stopping: once the child is gone, the visitor is told why.
    private var serverStopping = false
    private var requestDeadline: Scheduled<Void>?

    init(connection: ConnectionState, shared: SessionContext) {
        self.connection = connection
        self.shared = shared
    }

    func handlerAdded(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        let channel = context.channel
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        shared.openSessions.add(ObjectIdentifier(self), OpenSessions.Entry(
            stop: { channel.eventLoop.execute { handler.value.stopForServer(channel) } },
            kill: { channel.eventLoop.execute { handler.value.process?.signalGroup(SIGKILL) } },
            ended: channel.closeFuture))
    }

    /// The server is stopping: the child is asked to end (it gives the visitor's terminal back as it goes), and
    /// the visitor is told why once it has; a session with no child yet is told and closed now.
    private func stopForServer(_ channel: Channel) {
        serverStopping = true
        guard let process, !reaped else {
            sayGoodbye(on: channel)
            finish(channel, status: Self.refusedByLimits)
            return
        }
        process.signalGroup(SIGTERM)
    }

    /// Restores the visitor's terminal whatever the child managed (leave the alternate screen, show the cursor,
    /// end bracketed paste) and says why the session ends.
    private func sayGoodbye(on channel: Channel) {
        let why = "The storefront server was stopped by its operator, so this session has ended. Connect again when it is back."
        if terminal != nil {
            send("\u{1B}[?2004l\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n\(why)\r\n", on: channel, type: .channel)
        } else {
            send(why + "\n", on: channel, type: .stdErr)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        // Refused or not, the answer waits for the shell or exec request, where the visitor can be told why.
        _ = takeSlot()
        let channel = context.channel
        let grace = shared.requestGrace
        requestDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: grace) {
            guard !self.started, channel.isActive else { return }
            self.shared.log("closed a session channel from \(self.connection.peer): it asked for no shell or command within \(grace.nanoseconds / 1_000_000_000) s")
            channel.close(promise: nil)
        }
        context.fireChannelActive()
    }

    /// The channel is gone however it ended (even before it was active): its count on the connection goes.
    func handlerRemoved(context: ChannelHandlerContext) {
        shared.openSessions.remove(ObjectIdentifier(self))
        requestDeadline?.cancel()
        releaseSlot()
        connection.channelClosed()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(let bytes) = message.data else { return }
        lastInput = .now()
        if terminal != nil, let relay = relays.first {
            relay.writeAndFlush(bytes, promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            terminal = Terminal(term: request.term, rows: request.terminalRowHeight, columns: request.terminalCharacterWidth)
            reply(context, success: !started, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let accepted = ChildEnvironment.accepts(name: request.name, value: request.value)
            if accepted {
                clientVariables[request.name] = request.value
            } else {
                shared.log("refused env \(sanitized(request.name)) from \(connection.peer)")
            }
            reply(context, success: accepted, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ShellRequest:
            start(context, words: [], wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            exec(context, request)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            guard terminal != nil else { return }
            terminal?.rows = request.terminalRowHeight
            terminal?.columns = request.terminalCharacterWidth
            if !reaped, relays.first?.isActive == true {
                process?.resize(rows: request.terminalRowHeight, columns: request.terminalCharacterWidth)
            }
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            shared.log("refused subsystem \(sanitized(request.subsystem)) from \(connection.peer)")
            reply(context, success: false, wantReply: request.wantReply)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        requestDeadline?.cancel()
        relays.forEach { $0.close(promise: nil) }
        releaseSlot()
        if let process, !reaped {
            process.signalGroup(SIGHUP)
            context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) {
                if !self.reaped { process.signalGroup(SIGKILL) }
            }
        } else {
            removeScratchDirectory()
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        shared.log("session from \(connection.peer) failed: \(error)")
        context.close(promise: nil)
    }

    private func exec(_ context: ChannelHandlerContext, _ request: SSHChannelRequestEvent.ExecRequest) {
        let words: [String]
        do {
            words = try ExecCommandLine.words(request.command)
        } catch {
            refuse(context, "\(error.description)", status: Self.refusedByPolicy, wantReply: request.wantReply)
            return
        }
        if let problem = ArgumentLimits.problem(with: words) {
            shared.log("refused exec `\(sanitized(words.first ?? ""))` for \(connection.visitor.description) from \(connection.peer): \(words.count) arguments, \(request.command.utf8.count) bytes")
            refuse(context, problem, status: Self.badInput, wantReply: request.wantReply)
            return
        }
        switch ExecPolicy().decide(words, listed: connection.visitor.isListed) {
        case .allowed(let arguments):
            start(context, words: arguments, wantReply: request.wantReply)
        case .refused(let reason):
            shared.log("refused exec `\(sanitized(words.first ?? ""))` for \(connection.visitor.description) from \(connection.peer)")
            refuse(context, reason, status: Self.refusedByPolicy, wantReply: request.wantReply)
        }
    }

    private func start(_ context: ChannelHandlerContext, words: [String], wantReply: Bool) {
        guard !started else {
            reply(context, success: false, wantReply: wantReply)
            return
        }
        started = true
        requestDeadline?.cancel()
        let peer = connection.peer
        if let refusal = takeSlot() {
            shared.log("refused session from \(peer): \(refusal.description)")
            refuse(context, refusal.description, status: Self.refusedByLimits, wantReply: wantReply)
            return
        }
        do {
            let process = try spawn(words: words)
            self.process = process
            reply(context, success: true, wantReply: wantReply)
            shared.log("session for \(connection.visitor.description) from \(peer): pid \(process.pid)"
                + (terminal.map { " on a \($0.columns)x\($0.rows) terminal" } ?? "") + (words.isEmpty ? "" : ", exec \(words[0])"))
            attachRelays(context, to: process)
            scheduleIdleCheck(context)
        } catch {
            shared.log("session from \(peer) could not start: \(error)")
            refuse(context, "The storefront could not start; please try again.", status: 70, wantReply: wantReply)
        }
    }

    /// Takes a session slot unless the channel holds one already (a refused open tries again at the request).
    private func takeSlot() -> SessionLedger.Refusal? {
        guard !holdsSlot else { return nil }
        if let refusal = connection.sessionRefusal { return refusal }
        let peer = connection.peer
        let listed = connection.visitor.isListed
        if let refusal = shared.ledger.withLockedValue({ $0.openSession(for: peer, listed: listed) }) { return refusal }
        holdsSlot = true
        return nil
    }

    private func releaseSlot() {
        guard holdsSlot else { return }
        holdsSlot = false
        let peer = connection.peer
        let listed = connection.visitor.isListed
        shared.ledger.withLockedValue { $0.closeSession(for: peer, listed: listed) }
    }

    private func spawn(words: [String]) throws -> SessionProcess {
        let dataDirectory: String
        if connection.visitor.isListed {
            dataDirectory = shared.serverDataDirectory
        } else {
            let scratch = try shared.visitorScratch.makeSessionDirectory()
            scratchDirectory = scratch
            dataDirectory = scratch.path
        }
        let term = terminal.map { ChildEnvironment.terminal($0.term, isKnown: TerminalNames.isKnown) } ?? "dumb"
        let environment = ChildEnvironment.build(term: term, clientVariables: clientVariables, dataDirectory: dataDirectory,
                                                 buyerKey: connection.visitor.buyerKey, agent: connection.visitor.agent,
                                                 serverEnvironment: shared.serverEnvironment)
        if let terminal {
            return try .onTerminal(executable: shared.executable, arguments: words, environment: environment,
                                   rows: terminal.rows, columns: terminal.columns)
        }
        return try .onPipes(executable: shared.executable, arguments: words, environment: environment)
    }

    private func attachRelays(_ context: ChannelHandlerContext, to process: SessionProcess) {
        let channel = context.channel
        let bootstrap = { (type: SSHChannelData.DataType) in
            NIOPipeBootstrap(group: channel.eventLoop).channelInitializer { pipe in
                pipe.eventLoop.makeCompletedFuture {
                    try pipe.pipeline.syncOperations.addHandler(OutputRelay(target: channel, type: type))
                }
            }
        }
        var opened: [EventLoopFuture<Channel>] = []
        if terminal != nil {
            opened.append(bootstrap(.channel).takingOwnershipOfDescriptor(inputOutput: process.output))
        } else {
            opened.append(bootstrap(.channel).takingOwnershipOfDescriptor(input: process.output))
            if let errorOutput = process.errorOutput {
                opened.append(bootstrap(.stdErr).takingOwnershipOfDescriptor(input: errorOutput))
            }
        }
        let loop = context.eventLoop
        let relaysOpened = EventLoopFuture.whenAllSucceed(opened, on: loop)
        relaysOpened.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let relays):
                self.relays = relays
                if !channel.isActive { relays.forEach { $0.close(promise: nil) } }
            case .failure(let error):
                self.shared.log("session from \(self.connection.peer): cannot relay the child's output: \(error)")
                process.signalGroup(SIGKILL)
            }
        }
        let exited = process.exitStatus(on: loop)
        exited.assumeIsolated().whenSuccess { status in
            self.reaped = true
            self.removeScratchDirectory()
            // Output still in the pipes arrives before the status; a grandchild holding them open does not
            // keep the visitor waiting.
            let drained = relaysOpened.flatMap { relays in
                EventLoopFuture.andAllComplete(relays.map(\.closeFuture), on: loop)
            }
            let patience = loop.makePromise(of: Void.self)
            loop.scheduleTask(in: .seconds(1)) { patience.succeed() }
            drained.cascade(to: patience)
            patience.futureResult.assumeIsolated().whenComplete { _ in
                process.signalGroup(SIGKILL)
                if self.serverStopping { self.sayGoodbye(on: channel) }
                self.finish(channel, status: Int(status))
            }
        }
    }

    private func scheduleIdleCheck(_ context: ChannelHandlerContext) {
        guard let timeout = shared.idleTimeout else { return }
        let interval = TimeAmount.nanoseconds(max(timeout.nanoseconds / 4, TimeAmount.milliseconds(200).nanoseconds))
        let channel = context.channel
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(in: interval) {
            guard channel.isActive else { return }
            guard NIODeadline.now() - self.lastInput >= timeout else {
                self.scheduleIdleCheck(context)
                return
            }
            self.shared.log("closing idle session from \(self.connection.peer)")
            self.relays.forEach { $0.close(promise: nil) }
            let minutes = Double(timeout.nanoseconds) / 60e9
            let text = "\r\n\nThis session was idle for \(minutes >= 1 ? "\(Int(minutes)) minutes" : "a while") and is closed. Thank you for visiting.\r\n"
            self.send(text, on: channel, type: self.terminal == nil ? .stdErr : .channel)
            self.finish(channel, status: Self.refusedByLimits)
        }
    }

    private func refuse(_ context: ChannelHandlerContext, _ message: String, status: Int, wantReply: Bool) {
        reply(context, success: true, wantReply: wantReply)
        send(message + (terminal == nil ? "\n" : "\r\n"), on: context.channel, type: terminal == nil ? .stdErr : .channel)
        finish(context.channel, status: status)
    }

    private func finish(_ channel: Channel, status: Int) {
        guard channel.isActive else { return }
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    private func send(_ text: String, on channel: Channel, type: SSHChannelData.DataType) {
        channel.writeAndFlush(SSHChannelData(type: type, data: .byteBuffer(channel.allocator.buffer(string: text))), promise: nil)
    }

    private func reply(_ context: ChannelHandlerContext, success: Bool, wantReply: Bool) {
        guard wantReply else { return }
        if success {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    private func removeScratchDirectory() {
        guard let scratchDirectory else { return }
        self.scratchDirectory = nil
        try? FileManager.default.removeItem(at: scratchDirectory)
    }

    /// A client's name for something, fit for one log line: the one sanitiser, then at most 64 characters.
    private func sanitized(_ text: String) -> String {
        String(Sanitizer.clean(text).prefix(64))
    }
}
