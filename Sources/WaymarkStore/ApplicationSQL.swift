import WaymarkProgress

/// SQL about applications written once for both stores (`$1` style; SQLite numbers them).
enum ApplicationSQL {
    private static let applied = EventKind.applicationSubmitted.tag.name

    /// Trainees and nothing else whose every event is their application, all before `$1`, none
    /// erased: the applicants nothing came of.
    static let staleApplicants = """
        SELECT p.id FROM people p
        WHERE p.roles = 'trainee'
            AND EXISTS (SELECT 1 FROM events e WHERE e.trainee_id = p.id AND e.kind = '\(applied)')
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trainee_id = p.id AND (e.kind <> '\(applied)' OR e.erased OR e.at >= $1))
        ORDER BY p.id
        """

    /// The cohort's order: applications nobody has acted on yet (the stage still "applicant",
    /// and an application in the record) come first, then everyone by name. Only applicants'
    /// rows look at the events, by the events' own key.
    static let newApplicationsFirst = """
        CASE WHEN s.stage = '\(Stage.applicant.rawValue)' AND EXISTS (SELECT 1 FROM events e
            WHERE e.trainee_id = s.trainee_id AND e.programme_id = s.programme_id AND e.kind = '\(applied)' AND NOT e.erased)
        THEN 0 ELSE 1 END
        """

    static let openValue = "open"
    static let closedValue = "closed"
}
