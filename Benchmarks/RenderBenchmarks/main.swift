// Rendering alone, for the trainee pages: the dashboard and every unit page of the bundled
// peer-mentoring programme, built from the models the routes build and rendered into the layout,
// with no request, session or store in the way. Run it pinned to one core, a few times:
//
//     swift build -c release --product waymark-render-bench
//     taskset -c 0 .build/release/waymark-render-bench [--iterations 20000]
//
// A benchmark reports; it does not pass or fail.

import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore
import WaymarkWeb

func iterations() -> Int {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let flag = arguments.firstIndex(of: "--iterations"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]) else {
        return 20_000
    }
    return max(1, count)
}

/// A trainee halfway through: recruited, half the units read, some practice and a reflection,
/// so the dashboard shows every kind of step and the unit pages both read and unread.
func events(_ programme: Programme, traineeID: String, start: Date) -> [TraineeEvent] {
    var kinds: [(EventKind, String)] = [(.applicationSubmitted, traineeID)]
    for check in programme.recruitment {
        for _ in 0..<check.count { kinds.append((.checkRecorded(checkID: check.id, outcome: .complete, note: nil), "coordinator")) }
    }
    kinds.append((.suitabilityDecided(decision: .suitable, revisitOn: nil), "coordinator"))
    for module in programme.modules.prefix(programme.modules.count / 2) { kinds.append((.unitRead(moduleID: module.id), traineeID)) }
    kinds.append((.practiceLogged(entryID: "e1", on: start, hours: 3.5, setting: "Drop-in centre"), traineeID))
    kinds.append((.practiceCountersigned(entryID: "e1"), "supervisor"))
    kinds.append((.supervisionRecorded(on: start, minutes: 60, supervisorID: "supervisor", wellbeing: .good), "supervisor"))
    if let prompt = programme.reflectionPromptIDs.first {
        kinds.append((.reflectionSubmitted(promptID: prompt, text: "Listening without judging is harder than it looks."), traineeID))
    }
    return kinds.enumerated().map { index, item in
        TraineeEvent(
            sequence: index + 1,
            traineeID: traineeID,
            programmeID: programme.id,
            programmeVersion: programme.version,
            actorID: item.1,
            at: start.addingTimeInterval(Double(index) * 3_600),
            kind: item.0
        )
    }
}

/// Microseconds per call of `body`, after a tenth as many calls to warm up; and the bytes of an
/// average page (summed, so the pages are not optimised away).
func measure(_ count: Int, _ body: (Int) -> Int) -> (micros: Double, bytes: Int) {
    for index in 0..<max(1, count / 10) { _ = body(index) }
    var total = 0
    let start = ContinuousClock.now
    for index in 0..<count { total &+= body(index) }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (seconds * 1e6 / Double(count), total / count)
}

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let report = try CurriculumLoader().load(from: repository, displayRoot: ".")
guard let programme = report.curriculum.programme("peer-mentoring") else {
    print("the bundled curriculum has no peer-mentoring programme")
    exit(1)
}
let start = Date(timeIntervalSince1970: 1_780_000_000)
let person = Person(
    id: "trainee-1",
    name: "Siobhan O'Neil",
    email: "siobhan@example.org",
    roles: [.trainee],
    passwordHash: nil,
    isActive: true,
    createdAt: start
)
let samples = SamplePages(
    pages: try await Pages.load(),
    programme: programme,
    person: person,
    events: events(programme, traineeID: person.id, start: start),
    now: start.addingTimeInterval(30 * 86_400)
)

let count = iterations()
let dashboard = measure(count) { _ in samples.dashboardPage().readableBytes }
let units = measure(count) { index in samples.unitPage(index)?.readableBytes ?? 0 }
print("\(count) renders each, µs per page (average bytes)")
print(String(format: "dashboard  %8.2f µs  (%d bytes)", dashboard.micros, dashboard.bytes))
print(String(format: "unit page  %8.2f µs  (%d bytes, %d units in turn)", units.micros, units.bytes, samples.unitCount))
