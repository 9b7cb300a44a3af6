/// The grades Moodle allows for an answer (`question_bank::fraction_options_full()`), in percent.
enum MoodleGrades {
    static let positive: [Double] = [
        100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
    ]

    /// Whether Moodle accepts this grade: within 0.00001 of a fraction in its list, as
    /// `match_grade_options(..., 'error')` checks.
    static func isAllowed(_ percent: Double) -> Bool {
        positive.contains { abs(abs(percent) / 100 - $0 / 100) < 0.00001 }
    }

    /// The allowed grade this one is meant to be (33.33333 for 33.333333333).
    static func snapped(_ percent: Double) -> Double {
        let magnitude = positive.first { abs(abs(percent) / 100 - $0 / 100) < 0.00001 } ?? abs(percent)
        return percent < 0 ? -magnitude : magnitude
    }
}
