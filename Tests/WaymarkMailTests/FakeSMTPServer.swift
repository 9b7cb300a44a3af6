import Foundation
import NIOCore
import NIOPosix

/// A small SMTP server on a free loopback port, inside the test process, answering each command
/// line as `answer` says (nil: say nothing at all) and keeping what it was sent.
final class FakeSMTPServer: Sendable {
    /// What a cooperative server answers; tests change one step and pass the rest to this.
    @Sendable static func standard(_ line: String) -> String? {
        switch verb(line) {
        case "EHLO": "250-fake.test greets you\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME"
        case "HELO": "250 fake.test"
        case "MAIL", "RCPT": "250 2.1.0 Ok"
        case "DATA": "354 End data with <CR><LF>.<CR><LF>"
        case ".": "250 2.0.0 Ok: queued"
        case "AUTH": "235 2.7.0 Authentication successful"
        case "QUIT": "221 2.0.0 Bye"
        default: "502 5.5.2 Error: command not recognized"
        }
    }

    /// The command's first word, upper case ("." for the end of the message).
    static func verb(_ line: String) -> String {
        String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
    }

    /// An answer that closes the connection instead of saying anything.
    static let hangUp = "(hang up)"

    let port: Int
    let transcript: Transcript
    private let channel: any Channel

    private init(port: Int, transcript: Transcript, channel: any Channel) {
        self.port = port
        self.transcript = transcript
        self.channel = channel
    }

    static func start(
        greeting: String? = "220 fake.test ESMTP ready",
        answer: @escaping @Sendable (String) -> String? = FakeSMTPServer.standard
    ) async throws -> FakeSMTPServer {
        let transcript = Transcript()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        FakeSMTPSession(greeting: greeting, answer: answer, transcript: transcript)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw FakeServerError.noPort }
        return FakeSMTPServer(port: port, transcript: transcript, channel: channel)
    }

    func stop() async {
        try? await channel.close().get()
    }

    enum FakeServerError: Error { case noPort }
}

/// What the fake server was sent: the command lines, and each message's lines after DATA
/// (still dot-stuffed, as they crossed the wire).
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var storedCommands: [String] = []
    private var storedData: [String] = []

    var commands: [String] { lock.withLock { storedCommands } }
    var verbs: [String] { commands.map(FakeSMTPServer.verb) }
    /// The raw DATA block, lines joined by CRLF, without the closing "." line.
    var data: String { lock.withLock { storedData.joined(separator: "\r\n") } }

    func command(_ line: String) { lock.withLock { storedCommands.append(line) } }
    func dataLine(_ line: String) { lock.withLock { storedData.append(line) } }
}

private final class FakeSMTPSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let greeting: String?
    let answer: @Sendable (String) -> String?
    let transcript: Transcript
    private var unread = ""
    private var inData = false

    init(greeting: String?, answer: @escaping @Sendable (String) -> String?, transcript: Transcript) {
        self.greeting = greeting
        self.answer = answer
        self.transcript = transcript
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting { say(greeting, context: context) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        unread += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = unread.range(of: "\r\n") {
            let line = String(unread[..<end.lowerBound])
            unread = String(unread[end.upperBound...])
            if inData {
                guard line == "." else {
                    transcript.dataLine(line)
                    continue
                }
                inData = false
            } else {
                transcript.command(line)
            }
            guard let reply = answer(line) else { continue }
            if reply == FakeSMTPServer.hangUp {
                context.close(promise: nil)
                return
            }
            if FakeSMTPServer.verb(line) == "DATA", reply.hasPrefix("354") { inData = true }
            say(reply, context: context)
            if FakeSMTPServer.verb(line) == "QUIT" { context.close(promise: nil) }
        }
    }

    private func say(_ reply: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: reply + "\r\n")), promise: nil)
    }

    typealias OutboundOut = ByteBuffer
}
