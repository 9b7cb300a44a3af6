/// One email ready to go: who it is for, and its words twice, as plain text and as simple HTML.
///
/// The outbox builds these and a `MailTransport` delivers them. Nothing here knows SMTP or the
/// database, so the outbox can be tested with a transport that only records what it was given.
public struct MailMessage: Sendable, Equatable {
    /// The one address this message goes to. Waymark never sends one message to several people.
    public var to: String
    public var subject: String
    public var plainText: String
    public var html: String
    /// Unique per message and the same on every retry (the outbox row makes it), so a mail server
    /// or a person's inbox can tell a repeat from a new message.
    public var messageID: String

    public init(to: String, subject: String, plainText: String, html: String, messageID: String) {
        self.to = to
        self.subject = subject
        self.plainText = plainText
        self.html = html
        self.messageID = messageID
    }
}
