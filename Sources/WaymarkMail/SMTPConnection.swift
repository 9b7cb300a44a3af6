import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open connection to a mail server: send a line, wait (within the reply timeout) for the
/// answer. It knows the wire, not the conversation; `SMTPConversation` says what to send.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let replyTimeout: TimeAmount
    /// Made only when the settings ask for TLS, so plain SMTP never depends on the trust store.
    private let tls: NIOSSLContext?
    private let serverHostname: String?
    /// Whether what is sent now is encrypted: from the start with implicit TLS, after STARTTLS otherwise.
    private(set) var isEncrypted: Bool

    static func open(_ settings: SMTPSettings, group: any EventLoopGroup) async throws -> SMTPConnection {
        let tls = settings.security == .none ? nil : try tlsContext(settings)
        // A certificate for an IP address is checked against the address; SNI takes names only.
        let serverHostname = (try? SocketAddress(ipAddress: settings.host, port: 0)) == nil ? settings.host : nil
        let implicitTLS = settings.security == .tls
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(settings.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(eventLoop: channel.eventLoop))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPConnectionError.cannotConnect(Self.reason(error, host: settings.host, port: settings.port))
        }
        let handler: NIOLoopBound<SMTPReplyHandler>
        do {
            handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
        } catch {
            try? await channel.close().get()
            throw SMTPConnectionError.network(String(describing: error))
        }
        return SMTPConnection(
            channel: channel,
            handler: handler,
            replyTimeout: TimeAmount(settings.replyTimeout),
            tls: tls,
            serverHostname: serverHostname,
            isEncrypted: implicitTLS
        )
    }

    /// Why the connection did not open, in words: the name not found, nothing listening, no answer.
    private static func reason(_ error: any Error, host: String, port: Int) -> String {
        if case ChannelError.connectTimeout(let waited) = error {
            return "\(host) did not answer within \(waited.nanoseconds / 1_000_000_000) seconds"
        }
        guard let failure = error as? NIOConnectionError else { return String(describing: error) }
        if failure.connectionErrors.isEmpty, failure.dnsAError != nil || failure.dnsAAAAError != nil {
            return "the name \(host) was not found"
        }
        let causes = failure.connectionErrors.map { attempt in
            let cause = (attempt.error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? String(describing: attempt.error)
            return "\(attempt.target.ipAddress ?? host) port \(port): \(cause)"
        }
        return causes.isEmpty ? String(describing: error) : causes.joined(separator: "; ")
    }

    private static func tlsContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if !settings.extraCertificates.isEmpty {
                configuration.additionalTrustRoots = [.certificates(settings.extraCertificates)]
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPConnectionError.tls(String(describing: error))
        }
    }

    /// The next reply (the greeting, or the answer to what was sent).
    func reply(to step: String) async throws -> SMTPReply {
        let handler = self.handler
        let timeout = replyTimeout
        return try await channel.eventLoop.flatSubmit { handler.value.nextReply(step: step, timeout: timeout) }.get()
    }

    /// Sends one command line and waits for its reply. The write is not awaited on its own: a
    /// server that stops reading would hold it forever, while the reply's time limit closes
    /// the connection, which ends the write too.
    func send(_ line: String, step: String) async throws -> SMTPReply {
        try await write(Array((line + "\r\n").utf8), step: step)
    }

    /// Sends bytes already framed (the DATA block) and waits for the reply.
    func write(_ bytes: [UInt8], step: String) async throws -> SMTPReply {
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
        return try await reply(to: step)
    }

    /// Sends STARTTLS; on a 220 the handler starts TLS before reading another byte.
    mutating func startTLS() async throws -> SMTPReply {
        guard let tls else { throw SMTPConnectionError.tls("no TLS settings for a connection set to no encryption") }
        let handler = self.handler
        let timeout = replyTimeout
        let startTLS = (context: tls, serverHostname: serverHostname)
        channel.writeAndFlush(channel.allocator.buffer(string: "STARTTLS\r\n"), promise: nil)
        let reply = try await channel.eventLoop.flatSubmit {
            handler.value.nextReply(step: "STARTTLS", timeout: timeout, startTLS: startTLS)
        }.get()
        if reply.code == 220 { isEncrypted = true }
        return reply
    }

    func close() async {
        try? await channel.close().get()
    }
}
