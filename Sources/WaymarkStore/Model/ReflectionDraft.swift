import Foundation

/// A reflection a trainee is still writing: not part of the record until it is sent.
public struct ReflectionDraft: Sendable, Hashable, Codable {
    public var programmeID: String
    public var promptID: String
    public var text: String
    public var updatedAt: Date

    public init(programmeID: String, promptID: String, text: String, updatedAt: Date) {
        self.programmeID = programmeID
        self.promptID = promptID
        self.text = text
        self.updatedAt = updatedAt
    }
}
