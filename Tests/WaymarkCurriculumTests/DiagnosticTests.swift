import Foundation
import Testing
import WaymarkCurriculum

/// Each kind of problem, from a small broken curriculum, with its exact file, line and column.
@Suite struct DiagnosticTests {
    @Test func theTinyCurriculumIsValid() throws {
        let folder = try TemporaryCurriculum(Tiny.files())
        #expect(try folder.lines() == [])
        let counts = try folder.load().curriculum.counts
        #expect(counts == Curriculum.Counts(programmes: 1, modules: 2, units: 2, assessments: 1, questions: 1))
    }

    @Test func namesAMissingUnitFileAtTheModulesUnitAttribute() throws {
        let folder = try TemporaryCurriculum(Tiny.files())
        try folder.remove("Curriculum/p/units/b.xml")
        #expect(
            try folder.lines() == [
                "Curriculum/p/programme.xml:6:20: error: The unit file 'units/b.xml' does not exist. Looked for Curriculum/p/units/b.xml."
            ]
        )
    }

    @Test func namesAnUnknownPrerequisite() throws {
        let folder = try TemporaryCurriculum(Tiny.files(programme: Tiny.programme.replacingOccurrences(of: #"requires="a""#, with: #"requires="z""#)))
        #expect(
            try folder.lines() == [
                "Curriculum/p/programme.xml:6:39: error: Module 'b' requires 'z', but there is no module with that id."
            ]
        )
    }

    @Test func suggestsTheIdThatWasMeant() throws {
        let folder = try TemporaryCurriculum(
            Tiny.files(programme: Tiny.programme.replacingOccurrences(of: #"requires="a""#, with: #"requires="aa""#))
        )
        #expect(try folder.lines().first?.hasSuffix("Did you mean 'a'?") == true)
    }

    @Test func namesACircleOfPrerequisitesOnce() throws {
        let programme = Tiny.programme.replacingOccurrences(of: #"assessment="a-check"/>"#, with: #"assessment="a-check" requires="b"/>"#)
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme))
        #expect(
            try folder.lines() == [
                "Curriculum/p/programme.xml:5:60: error: These prerequisites go round in a circle: a → b → a. None of these modules could ever be started."
            ]
        )
    }

    @Test func aModuleThatRequiresItselfIsACircle() throws {
        let programme = Tiny.programme.replacingOccurrences(of: #"requires="a""#, with: #"requires="b""#)
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme))
        #expect(
            try folder.lines() == [
                "Curriculum/p/programme.xml:6:39: error: These prerequisites go round in a circle: b → b. None of these modules could ever be started."
            ]
        )
    }

    @Test func namesADuplicateIdInOneFile() throws {
        let programme = Tiny.programme.replacingOccurrences(of: #"<module id="b""#, with: #"<module id="a""#)
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme))
        let lines = try folder.lines()
        #expect(lines.contains("Curriculum/p/programme.xml:6:5: error: <module>: the id 'a' is used twice in this file. Every id must be different."))
    }

    @Test func namesADuplicateUnitIdAcrossFiles() throws {
        let folder = try TemporaryCurriculum(Tiny.files(unitB: Tiny.unit("a")))
        #expect(
            try folder.lines() == [
                "Curriculum/p/units/b.xml:2:40: error: The unit id 'a' is already used by Curriculum/p/units/a.xml:2. Every unit needs its own id."
            ]
        )
    }

    @Test func namesADuplicateReflectionIdAcrossUnits() throws {
        let reflection = #"<reflection id="why"><prompt>Why?</prompt></reflection>"#
        let folder = try TemporaryCurriculum(Tiny.files(unitA: Tiny.unit("a", reflection: reflection), unitB: Tiny.unit("b", reflection: reflection)))
        #expect(
            try folder.lines() == [
                "Curriculum/p/units/b.xml:8:15: error: The reflection id 'why' is already used by Curriculum/p/units/a.xml:8. Reflection ids must differ across the whole programme."
            ]
        )
    }

    @Test func namesAnUnknownAssessmentId() throws {
        let folder = try TemporaryCurriculum(
            Tiny.files(programme: Tiny.programme.replacingOccurrences(of: #"assessment="a-check""#, with: #"assessment="a-chek""#))
        )
        #expect(
            try folder.lines() == [
                "Assessments/p/a-check.xml:2:46: warning: No module in Curriculum/p/programme.xml uses this assessment, so trainees will never take it.",
                "Curriculum/p/programme.xml:5:39: error: There is no assessment with id 'a-chek' in Assessments/p/. Did you mean 'a-check'?",
            ]
        )
    }

    @Test func namesAChoiceQuestionWithoutACorrectAnswer() throws {
        let question = """
              <single-choice id="q1">
                <prompt>Pick one</prompt>
                <choice id="a">One</choice>
                <choice id="b">Two</choice>
              </single-choice>
            """
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question)))
        #expect(
            try folder.lines() == [
                "Assessments/p/a-check.xml:4:3: error: This question has no correct answer. Mark one choice with correct=\"true\"."
            ]
        )
    }

    @Test func namesAMultipleChoiceQuestionWithoutACorrectAnswer() throws {
        let question = """
              <multiple-choice id="q1">
                <prompt>Pick some</prompt>
                <choice id="a">One</choice>
                <choice id="b">Two</choice>
              </multiple-choice>
            """
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question)))
        #expect(
            try folder.lines() == [
                "Assessments/p/a-check.xml:4:3: error: This question has no correct answer. Mark at least one choice with correct=\"true\"."
            ]
        )
    }

    @Test(arguments: [
        ("150", "'150' is greater than the maximum value allowed ('100')."), ("-5", "'-5' is less than the minimum value allowed ('0')."),
    ])
    func namesAPassMarkOutsideZeroToHundred(value: String, message: String) throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", passMark: value)))
        #expect(
            try folder.lines() == [
                "Assessments/p/a-check.xml:2:59: error: <assessment> attribute 'pass-mark': \(message)"
            ]
        )
    }

    @Test(arguments: ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "//example.org"])
    func namesALinkWithAnotherScheme(href: String) throws {
        let unit = Tiny.unit("a").replacingOccurrences(of: "https://example.org", with: href)
        let folder = try TemporaryCurriculum(Tiny.files(unitA: unit))
        #expect(
            try folder.lines() == [
                "Curriculum/p/units/a.xml:6:19: error: <link> attribute 'href': '\(href)' is not allowed: links must start with https://, http:// or mailto:."
            ]
        )
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func namesAnEmptyTitle(title: String) throws {
        let unit = Tiny.unit("a").replacingOccurrences(of: "<title>Unit a</title>", with: "<title>\(title)</title>")
        let folder = try TemporaryCurriculum(Tiny.files(unitA: unit))
        #expect(try folder.lines() == ["Curriculum/p/units/a.xml:3:3: error: <title>: must not be empty."])
    }

    @Test func reportsEveryProblemInOneRunSortedByFileAndLine() throws {
        let programme = Tiny.programme
            .replacingOccurrences(of: #"assessment="a-check"/>"#, with: #"assessment="a-check" requires="b"/>"#)
            .replacingOccurrences(of: "units/b.xml", with: "units/c.xml")
        let unit = Tiny.unit("a").replacingOccurrences(of: "https://example.org", with: "javascript:x")
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme, unitA: unit, assessment: Tiny.assessment("a-check", passMark: "101")))
        try folder.remove("Curriculum/p/units/b.xml")
        let lines = try folder.lines()
        #expect(
            lines.map { $0.split(separator: ":").prefix(3).joined(separator: ":") } == [
                "Assessments/p/a-check.xml:2:59",
                "Curriculum/p/programme.xml:5:60",
                "Curriculum/p/programme.xml:6:20",
                "Curriculum/p/units/a.xml:6:19",
            ]
        )
    }

    @Test func aBrokenFileDoesNotHideTheOthersProblems() throws {
        let folder = try TemporaryCurriculum(
            Tiny.files(
                unitA: "<unit xmlns=\"urn:waymark:curriculum:1\" id=\"a\">\n  <title>Cut",
                assessment: Tiny.assessment("a-check", passMark: "101")
            )
        )
        let lines = try folder.lines()
        #expect(lines.contains { $0.hasPrefix("Curriculum/p/units/a.xml:2:") && $0.contains("is closed") })
        #expect(lines.contains { $0.hasPrefix("Assessments/p/a-check.xml:2:59: error:") })
    }

    @Test func refusesAHostileUnitFileAndCarriesOn() throws {
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE unit [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
            <unit xmlns="urn:waymark:curriculum:1" id="a"><title>&x;</title></unit>
            """
        let folder = try TemporaryCurriculum(Tiny.files(unitA: hostile))
        let report = try folder.load()
        #expect(
            report.diagnostics.map(\.description) == [
                "Curriculum/p/units/a.xml:2:1: error: A <!DOCTYPE> is not allowed in Waymark files. Remove the DOCTYPE line and any entity declarations."
            ]
        )
        #expect(!report.diagnostics.description.contains("root:x:0:0"))
    }

    @Test func saysWhenAFileIsInTheWrongFolder() throws {
        var files = Tiny.files()
        files["Curriculum/p/units/b.xml"] = Tiny.assessment("b-check")
        let folder = try TemporaryCurriculum(files)
        #expect(
            try folder.lines() == [
                "Curriculum/p/units/b.xml:2:1: error: This is an <assessment>, but it is in Curriculum/p/. Move it to Assessments/p/."
            ]
        )
    }

    @Test func saysWhenTheNamespaceIsMissing() throws {
        let folder = try TemporaryCurriculum(
            Tiny.files(unitB: Tiny.unit("b").replacingOccurrences(of: #" xmlns="urn:waymark:curriculum:1""#, with: ""))
        )
        #expect(
            try folder.lines() == [
                "Curriculum/p/units/b.xml:2:1: error: The <unit> element needs xmlns=\"urn:waymark:curriculum:1\" so Waymark knows it is curriculum."
            ]
        )
    }

    @Test func saysWhenAProgrammeFolderHasNoProgrammeFile() throws {
        var files = Tiny.files()
        files["Curriculum/q/units/x.xml"] = Tiny.unit("x")
        let folder = try TemporaryCurriculum(files)
        #expect(
            try folder.lines() == [
                "Curriculum/q/programme.xml:1:1: error: The folder Curriculum/q/ has no programme.xml, so its units belong to nothing."
            ]
        )
    }

    @Test func refusesAFolderWithoutCurriculum() throws {
        let folder = try TemporaryCurriculum(["README.md": "hi"])
        #expect(throws: CurriculumFolderError.self) { try folder.load() }
    }
}
