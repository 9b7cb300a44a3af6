import NIOCore
import NIOSSL

/// The end of the channel that turns the server's bytes into replies and hands each to the one
/// waiting for it, within a time limit. It lives on the channel's event loop; `SMTPConnection`
/// reaches it only there.
///
/// STARTTLS is done here too, on the event loop, in the same moment the server's 220 arrives:
/// anything the server sent after that 220 and before TLS would be unencrypted words someone on
/// the way could have slipped in (CVE-2011-0411), so it is refused rather than read as the
/// first answer over TLS.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// RFC 5321 allows reply lines of 512 characters; this is generous, and bounds what a
    /// misbehaving server can make the client hold.
    static let longestLine = 4_096

    private struct Waiter {
        var promise: EventLoopPromise<SMTPReply>
        var timeout: Scheduled<Void>
        var startTLS: (context: NIOSSLContext, serverHostname: String?)?
    }

    private let eventLoop: EventLoop
    private var context: ChannelHandlerContext?
    private var unread = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var replies: [SMTPReply] = []
    private var waiter: Waiter?
    private var failure: SMTPConnectionError?

    init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// The next reply, or a failure once `timeout` passes without one (and the connection is
    /// closed, so nothing later can be mistaken for it). With `startTLS`, a 220 reply also starts
    /// TLS before any more bytes are read.
    func nextReply(
        step: String,
        timeout: TimeAmount,
        startTLS: (context: NIOSSLContext, serverHostname: String?)? = nil
    ) -> EventLoopFuture<SMTPReply> {
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        // What arrived before anyone asked comes first, then what went wrong.
        if !replies.isEmpty, waiter == nil {
            deliver(replies.removeFirst(), to: promise, startTLS: startTLS, context: context)
            return promise.futureResult
        }
        guard failure == nil, context != nil, waiter == nil else {
            promise.fail(failure ?? SMTPConnectionError.closed)
            return promise.futureResult
        }
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        let scheduled = eventLoop.scheduleTask(in: timeout) {
            handler.value.fail(.timedOut(step: step))
        }
        waiter = Waiter(promise: promise, timeout: scheduled, startTLS: startTLS)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        unread.writeBuffer(&bytes)
        do {
            while let line = try nextLine() {
                if let reply = try parser.take(line) {
                    replies.append(reply)
                }
            }
        } catch {
            fail(error)
            return
        }
        if let waiting = waiter, !replies.isEmpty {
            waiter = nil
            waiting.timeout.cancel()
            deliver(replies.removeFirst(), to: waiting.promise, startTLS: waiting.startTLS, context: context)
        }
    }

    private func deliver(
        _ reply: SMTPReply,
        to promise: EventLoopPromise<SMTPReply>,
        startTLS: (context: NIOSSLContext, serverHostname: String?)?,
        context: ChannelHandlerContext?
    ) {
        if let startTLS, reply.code == 220 {
            guard let context else {
                promise.fail(failure ?? SMTPConnectionError.closed)
                return
            }
            guard replies.isEmpty, unread.readableBytes == 0, !parser.isPartway else {
                promise.fail(SMTPConnectionError.spokeBeforeTLS)
                fail(.spokeBeforeTLS)
                return
            }
            do {
                let tls = try NIOSSLClientHandler(context: startTLS.context, serverHostname: startTLS.serverHostname)
                try context.pipeline.syncOperations.addHandler(tls, position: .first)
            } catch {
                promise.fail(SMTPConnectionError.tls(String(describing: error)))
                fail(.tls(String(describing: error)))
                return
            }
        }
        promise.succeed(reply)
    }

    /// One line without its line ending (CRLF, or LF alone from a careless server).
    private func nextLine() throws(SMTPConnectionError) -> String? {
        guard let end = unread.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if unread.readableBytes > Self.longestLine { throw .lineTooLong }
            return nil
        }
        let length = end - unread.readerIndex
        guard length <= Self.longestLine, var line = unread.readBytes(length: length) else { throw .lineTooLong }
        unread.moveReaderIndex(forwardBy: 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        unread.discardReadBytes()
        return String(decoding: line, as: UTF8.self)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let tlsError = error as? NIOSSLError {
            fail(.tls(String(describing: tlsError)))
        } else {
            fail(.network(String(describing: error)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    /// Ends the conversation: the waiting step fails with the first thing that went wrong, and
    /// the connection closes.
    private func fail(_ error: SMTPConnectionError) {
        if failure == nil { failure = error }
        let reason = failure ?? error
        if let waiting = waiter {
            waiter = nil
            waiting.timeout.cancel()
            waiting.promise.fail(reason)
        }
        context?.close(promise: nil)
    }
}
