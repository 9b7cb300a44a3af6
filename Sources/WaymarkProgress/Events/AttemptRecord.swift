import Foundation

/// One try at an assessment, scored when it was submitted, so that later changes to the
/// assessment (a new pass mark, an edited question) never change what a trainee achieved.
public struct AttemptRecord: Sendable, Hashable, Codable {
    /// The assessment taken.
    public var assessmentID: String
    /// The module it belongs to.
    public var moduleID: String
    /// What the trainee answered, by question id.
    public var answers: [String: Answer]
    /// Points earned per scored question, by question id (reflections and information are absent).
    public var points: [String: Double]
    /// Points possible over the scored questions.
    public var possiblePoints: Double
    /// The pass mark in force when it was taken, in percent.
    public var passMark: Double

    /// An attempt with every field given.
    public init(assessmentID: String, moduleID: String, answers: [String: Answer], points: [String: Double], possiblePoints: Double, passMark: Double)
    {
        self.assessmentID = assessmentID
        self.moduleID = moduleID
        self.answers = answers
        self.points = points
        self.possiblePoints = possiblePoints
        self.passMark = passMark
    }

    /// The score in percent (100 when nothing is scored).
    public var percent: Double {
        possiblePoints > 0 ? (points.values.reduce(0, +) / possiblePoints * 100) : 100
    }

    /// Whether it passed by the pass mark in force when it was taken.
    public var passed: Bool {
        percent + 1e-9 >= passMark
    }
}

/// A trainee's answer to one question, by question type.
public enum Answer: Sendable, Hashable, Codable {
    /// single-choice: the chosen choice id.
    case choice(String)
    /// multiple-choice: the chosen choice ids.
    case choices([String])
    /// true-false.
    case trueFalse(Bool)
    /// short-answer: the text typed.
    case text(String)
    /// numerical: the number typed.
    case number(Double)
    /// matching: for each pair id, the match text chosen.
    case matches([String: String])
    /// ordering: item ids in the order given.
    case order([String])
    /// blanks: for each blank number (as text, "1"), what was typed or chosen, as it was sent.
    case blanks([String: String])
    /// reflection question: the text written (reviewed by a trainer, not scored).
    case reflection(String)
}
