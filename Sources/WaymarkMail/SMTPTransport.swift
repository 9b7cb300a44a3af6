import Foundation
import NIOCore
import NIOPosix

/// Delivers messages to a mail server over SMTP (RFC 5321), as `SMTPSettings` say.
///
/// One connection per message: Waymark sends a few messages an hour, not thousands, and a
/// fresh connection for each means no idle connection to keep alive, none for the server to
/// drop under us, and one message's trouble (a timeout, a confused server) never carries over
/// into the next.
public struct SMTPTransport: MailTransport {
    public let settings: SMTPSettings
    private let group: any EventLoopGroup
    private let now: @Sendable () -> Date

    public init(
        settings: SMTPSettings,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.settings = settings
        self.group = group
        self.now = now
    }

    public func send(_ message: MailMessage) async throws {
        let data: [UInt8]
        do {
            let composed = try MIMEMessage.compose(message, fromAddress: settings.fromAddress, fromName: settings.fromName, date: now())
            data = try SMTPDataBlock.bytes(of: composed)
        } catch {
            throw MailDeliveryError.permanent(error.description)
        }
        var connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(settings, group: group)
        } catch {
            throw MailDeliveryError.temporary("The mail server \(settings.summary): \(error)")
        }
        do {
            try await SMTPConversation(settings: settings).deliver(data, to: message.to, over: &connection)
        } catch let error as MailDeliveryError {
            await connection.close()
            throw error
        } catch {
            await connection.close()
            throw MailDeliveryError.temporary("The mail server \(settings.summary): \(error)")
        }
        await connection.close()
    }
}
