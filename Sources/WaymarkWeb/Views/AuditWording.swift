import Foundation

/// The audit log's actions in plain words: a short label for choosing one from a list, and the
/// words of a line ("looked at the DBS record of Jo Bloggs"). A line never shows a DBS result
/// or anything anyone typed: only who did what to whom, and when.
enum AuditWording {
    /// What each action is called, and what the line says, with `%@` for the person it was about.
    private static let words: [String: (label: String, line: String)] = [
        "vetting.viewed": ("Looked at a DBS record", "looked at the DBS record of %@"),
        "vetting.notes-viewed": ("Looked at DBS working notes", "looked at the DBS working notes of %@"),
        "vetting.recorded": ("Recorded a DBS check", "recorded a DBS check for %@"),
        "vetting.note-added": ("Added a DBS working note", "added a DBS working note for %@"),
        "vetting.purged": ("Removed old DBS working notes", "removed the DBS working notes older than 6 months"),
        "person.password-set": ("Set a password", "set the password of %@"),
        "person.password-reset": ("Chose a new password from an emailed link", "chose a new password for %@ from an emailed link"),
        "outbox.retry": ("Tried a failed email again", "tried a failed email to %@ again"),
        "person.roles": ("Changed someone's roles", "changed the roles of %@"),
        "person.activated": ("Let someone sign in again", "let %@ sign in again"),
        "person.deactivated": ("Deactivated someone", "deactivated %@"),
        "person.sessions-ended": ("Signed someone out everywhere", "signed %@ out everywhere"),
        "person.exported": ("Looked at everything held about someone", "looked at everything Waymark holds about %@"),
        "person.erased": ("Erased someone's personal data", "erased the personal data of %@"),
        "curriculum.reloaded": ("Reloaded the curriculum", "reloaded the curriculum"),
    ]

    /// The action's name in a list to choose from.
    static func label(_ action: String) -> String {
        words[action]?.label ?? action
    }

    /// The line's words after the actor's name, naming the person it was about.
    static func line(_ action: String, about subject: String?) -> String {
        let line = words[action]?.line ?? "did \u{201C}\(action)\u{201D} to %@"
        return line.replacingOccurrences(of: "%@", with: subject ?? "nobody in particular")
    }

    /// How a DBS page says what each look or change was.
    static func vettingLine(_ action: String) -> String {
        switch action {
        case "vetting.viewed": "Looked at the DBS record"
        case "vetting.notes-viewed": "Looked at the working notes"
        case "vetting.recorded": "Recorded the DBS record"
        case "vetting.note-added": "Added a working note"
        case "person.exported": "Looked at everything held about them, the DBS record too"
        default: label(action)
        }
    }
}
