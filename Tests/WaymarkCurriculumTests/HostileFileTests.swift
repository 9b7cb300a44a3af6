import Foundation
import Testing
import WaymarkCurriculum
import WaymarkXML

#if canImport(Glibc)
import Glibc
#endif

/// Files a trainer or an attacker can put in the curriculum folder: each is refused or reported
/// plainly, and none can stall the load or make it take the machine.
@Suite struct HostileFileTests {
    static let unit = "Curriculum/peer-mentoring/units/role.xml"

    @Test func tenThousandProblemsInOneFileShowTheFirstHundredThenHowManyMore() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let attributes = (0..<10_000).map { "x\($0)=\"1\"" }.joined(separator: " ")
        try folder.edit(Self.unit, replacing: "<unit ", with: "<unit \(attributes) ")

        let report = try load(folder)
        let lines = report.diagnostics.map(\.description).filter { $0.hasPrefix(Self.unit + ":") }
        #expect(lines.count == 101)
        #expect(lines.first == "\(Self.unit):2:7: error: <unit> attribute 'x0': The attribute 'x0' is not allowed.")
        #expect(
            lines.last
                == "\(Self.unit):2:789: error: and 9900 more problems in this file, not shown. Fix the ones above, then check again to see the rest."
        )
        #expect(report.errorCount == 10_000)
        #expect(!report.isValid)
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForIt() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let pipe = folder.url.appendingPathComponent("Curriculum/peer-mentoring/units/pipe.xml")
        #expect(mkfifo(pipe.path, 0o644) == 0)

        let report = try load(folder)
        #expect(
            report.diagnostics.map(\.description) == [
                "Curriculum/peer-mentoring/units/pipe.xml:1:1: error: This is not an ordinary file (it is a named pipe), so it was not read. Put an ordinary .xml file here, or take this away."
            ]
        )
    }

    @Test func aFolderNamedLikeAFileIsRefused() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("Assessments/peer-mentoring/extra.xml"),
            withIntermediateDirectories: true
        )
        #expect(
            try load(folder).diagnostics.map(\.description) == [
                "Assessments/peer-mentoring/extra.xml:1:1: error: This is not an ordinary file (it is a folder), so it was not read. Put an ordinary .xml file here, or take this away."
            ]
        )
    }

    @Test func aLinkToAFileOutsideTheFolderIsNotFollowed() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let outside = try TemporaryCurriculum(["role.xml": try folder.read(Self.unit)])
        try folder.remove(Self.unit)
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent(Self.unit),
            withDestinationURL: outside.url.appendingPathComponent("role.xml")
        )
        let lines = try load(folder).diagnostics.map(\.description)
        #expect(
            lines.contains(
                "\(Self.unit):1:1: error: This is a link to a file outside the curriculum folder, so it was not read. Copy the file into the folder instead."
            )
        )
    }

    @Test func aLinkedFolderThatLeadsOutsideIsNotFollowedEither() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let outside = try TemporaryCurriculum(["units/role.xml": try folder.read(Self.unit)])
        try folder.remove("Curriculum/peer-mentoring/units")
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent("Curriculum/peer-mentoring/units"),
            withDestinationURL: outside.url.appendingPathComponent("units")
        )
        let report = try load(folder)
        #expect(!report.isValid)
        #expect(report.curriculum.programme("peer-mentoring")?.modules.allSatisfy { $0.unitID == nil } ?? true)
    }

    @Test func aLinkedFolderThatLoopsBackIsNotWalkedForEver() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent("Curriculum/peer-mentoring/units/again"),
            withDestinationURL: folder.url.appendingPathComponent("Curriculum/peer-mentoring")
        )
        _ = try load(folder)
    }

    @Test func aLinkToAFileInsideTheFolderIsRead() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let text = try folder.read(Self.unit)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try folder.write("shared/role.xml", text)
        try folder.remove(Self.unit)
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent(Self.unit),
            withDestinationURL: folder.url.appendingPathComponent("shared/role.xml")
        )
        #expect(try load(folder).diagnostics.map(\.description) == [])
    }

    @Test func aFileOfTooManyElementsIsRefusedBeforeItIsBuilt() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let paragraphs = String(repeating: "<p>a</p>\n", count: 20_001)
        let text = try folder.read(Self.unit)
        let firstParagraph = try #require(text.range(of: "<p>"))
        try folder.write(Self.unit, text.replacingCharacters(in: firstParagraph, with: paragraphs + "<p>"))
        #expect(
            try load(folder).diagnostics.map(\.description) == [
                "\(Self.unit):1:1: error: This file has more than 20000 elements (tags such as <p>), which is the limit. Split it into smaller files."
            ]
        )
    }

    @Test func aFileThatTakesLongerThanItsTimeBudgetIsNamed() throws {
        let folder = try TemporaryCurriculum.copyOfBundled()
        let loader = CurriculumLoader(timeBudgetPerFile: .zero)
        let report = try loader.load(from: folder.url, displayRoot: ".")
        #expect(
            report.diagnostics.map(\.description).contains(
                "\(Self.unit):1:1: error: Checking this file took longer than 0 seconds, so Waymark stopped. Split it into smaller files."
            )
        )
        #expect(!report.isValid)
    }

    @Test func aLongChainOfPrerequisitesIsWalkedWithoutRunningOutOfStack() throws {
        let modules = (0..<19_000).map { index in
            #"<module id="m\#(index)" unit="units/a.xml"\#(index > 0 ? #" requires="m\#(index - 1)""# : "")/>"#
        }.joined(separator: "\n")
        let programme = Tiny.programme.replacingOccurrences(
            of: #"<module id="b" unit="units/b.xml" requires="a"/>"#,
            with: modules + "\n" + #"<module id="b" unit="units/b.xml" requires="m18999"/>"#
        )
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme))
        // The stack of a dispatch worker thread: walking the chain by recursion overflowed it.
        let report = try load(folder, stackSize: 512 * 1024)
        #expect(report.curriculum.programme("p")?.modules.count == 19_002)
        #expect(!report.diagnostics.contains { $0.message.contains("circle") })
    }

    /// Loads in a thread of its own and gives up after 10 seconds, so that a load that waits for
    /// ever (on a named pipe, say) fails the test instead of hanging the run.
    private func load(_ folder: TemporaryCurriculum, stackSize: Int? = nil) throws -> CurriculumReport {
        let outcome = LoadOutcome()
        let url = folder.url
        let thread = Thread {
            outcome.finish(Result { () throws(CurriculumFolderError) in try CurriculumLoader().load(from: url, displayRoot: ".") })
        }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
        guard outcome.done.wait(timeout: .now() + 10) == .success, let loaded = outcome.result else {
            Issue.record("Loading the folder did not finish within 10 seconds")
            throw TimedOut()
        }
        return try loaded.get()
    }
}

private struct TimedOut: Error {}

/// What a load on another thread came to, once it has.
private final class LoadOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stored: Result<CurriculumReport, CurriculumFolderError>?

    var result: Result<CurriculumReport, CurriculumFolderError>? { lock.withLock { stored } }

    func finish(_ result: Result<CurriculumReport, CurriculumFolderError>) {
        lock.withLock { stored = result }
        done.signal()
    }
}
