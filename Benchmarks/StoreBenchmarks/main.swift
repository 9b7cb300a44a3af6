// Store and engine benchmarks for issue 3, each beside a floor measured in the same run.
//
//     swift run -c release waymark-store-bench [--cohort 10000]
//
// A benchmark reports; it does not pass or fail.

import Foundation
import GRDB
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

#if canImport(Glibc)
import Glibc
#endif

func arguments() -> (cohort: Int, appends: Int) {
    var cohort = 10_000
    var appends = 2_000
    var iterator = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = iterator.next() {
        if argument == "--cohort", let value = iterator.next().flatMap(Int.init) { cohort = value }
        if argument == "--appends", let value = iterator.next().flatMap(Int.init) { appends = value }
    }
    return (cohort, appends)
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func row(_ name: String, _ ours: Double, _ floor: Double, unit: String, target: String) {
    let ratio = floor > 0 ? ours / floor : 0
    print(
        name.padding(toLength: 52, withPad: " ", startingAt: 0)
            + String(format: "%10.1f %@ %10.1f %@ %7.2fx   %@", ours, unit, floor, unit, ratio, target)
    )
}

let (cohortSize, appendCount) = arguments()
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let report = try CurriculumLoader().load(from: repository, displayRoot: ".")
guard let programme = report.curriculum.programme("peer-mentoring") else { fatalError("the bundled curriculum has no peer-mentoring programme") }

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: folder) }
let store = try AnyWaymarkStore.sqlite(dataDirectory: folder)
// A second connection pool on the same file, for the raw GRDB floors.
let raw = try DatabasePool(path: folder.appendingPathComponent("waymark.sqlite").path)
let start = Date(timeIntervalSince1970: 1_780_000_000)

print("Waymark store benchmarks: SQLite WAL, synchronous=FULL, release build; \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("".padding(toLength: 52, withPad: " ", startingAt: 0) + "      ours        floor      ratio   target")

// 1. Appending one event (and its summary row) vs a raw insert of the same event row.
do {
    let trainee = try await store.addPerson(NewPerson(name: "Append", email: "append@bench.invalid", roles: [.trainee], passwordHash: nil), at: start)
    _ = try await store.enrol(Enrolment(traineeID: trainee.id, programmeID: programme.id, supervisorID: nil, enrolledAt: start))
    let floorTrainee = try await store.addPerson(
        NewPerson(name: "Floor", email: "floor@bench.invalid", roles: [.trainee], passwordHash: nil),
        at: start
    )
    _ = try await store.enrol(Enrolment(traineeID: floorTrainee.id, programmeID: programme.id, supervisorID: nil, enrolledAt: start))
    let summary = TraineeSummary(
        traineeID: trainee.id,
        programmeID: programme.id,
        stage: .inTraining,
        nextStep: "Read",
        nextStepActor: .trainee,
        dates: KeyDates(lastActivity: start),
        reflectionsAwaitingReview: 0,
        lastSequence: 0
    )
    var ours = 0.0
    var floor = 0.0
    for index in 1...appendCount {
        // Interleaved so both see the same disk.
        let event = TraineeEvent(
            sequence: index,
            traineeID: trainee.id,
            programmeID: programme.id,
            programmeVersion: programme.version,
            actorID: "bench",
            at: start,
            kind: .unitRead(moduleID: "role")
        )
        var next = summary
        next.lastSequence = index
        ours += try await seconds { try await store.append([event], summary: next) }
        floor += try await seconds {
            try await raw.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO events (trainee_id, programme_id, sequence, programme_version, actor_id, at, kind, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [floorTrainee.id, programme.id, index, programme.version, "bench", start.timeIntervalSince1970, "unit-read", "role"]
                )
            }
        }
    }
    row(
        "append one event + summary (per event)",
        ours / Double(appendCount) * 1e6,
        floor / Double(appendCount) * 1e6,
        unit: "µs",
        target: "≤ 2x raw insert"
    )
}

// 2. Loading and evaluating a trainee with 500 events vs reading the same rows.
do {
    let trainee = try await store.addPerson(NewPerson(name: "Long", email: "long@bench.invalid", roles: [.trainee], passwordHash: nil), at: start)
    _ = try await store.enrol(Enrolment(traineeID: trainee.id, programmeID: programme.id, supervisorID: nil, enrolledAt: start))
    var events = CohortEvents.journey(programme, traineeID: trainee.id, start: start)
    let journeyLength = events.count
    while events.count < 500 {
        let last = events[events.count - 1]
        events.append(
            TraineeEvent(
                sequence: last.sequence + 1,
                traineeID: trainee.id,
                programmeID: programme.id,
                programmeVersion: programme.version,
                actorID: trainee.id,
                at: last.at.addingTimeInterval(3_600),
                kind: events[events.count % journeyLength].kind
            )
        )
    }
    try await store.append(
        events,
        summary: TraineeSummary(
            traineeID: trainee.id,
            programmeID: programme.id,
            stage: .certified,
            nextStep: "",
            nextStepActor: .trainee,
            dates: KeyDates(),
            reflectionsAwaitingReview: 0,
            lastSequence: 500
        )
    )
    let rounds = 200
    let now = start.addingTimeInterval(400 * 86_400)
    var ours = 0.0
    var floor = 0.0
    for _ in 0..<rounds {
        ours += try await seconds {
            let loaded = try await store.eventsForProgress(traineeID: trainee.id, programmeID: programme.id)
            precondition(loaded.count == 500)
            _ = Progression.evaluate(programme, loaded, now: now)
        }
        floor += try await seconds {
            let rows = try raw.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM events WHERE trainee_id = ? AND programme_id = ? ORDER BY sequence",
                    arguments: [trainee.id, programme.id]
                )
            }
            precondition(rows.count == 500)
        }
    }
    row(
        "load + evaluate a trainee with 500 events",
        ours / Double(rounds) * 1e3,
        floor / Double(rounds) * 1e3,
        unit: "ms",
        target: "≤ 2x reading the rows"
    )
}

// 3. Evaluating a whole cohort from a warm database, on one core.
do {
    let now = start.addingTimeInterval(400 * 86_400)
    try raw.write { db in
        let person = try db.makeStatement(sql: "INSERT INTO people (id, name, email, roles, active, created_at) VALUES (?, ?, ?, 'trainee', 1, 0)")
        let enrolment = try db.makeStatement(sql: "INSERT INTO enrolments (trainee_id, programme_id, enrolled_at) VALUES (?, ?, 0)")
        for index in 0..<cohortSize {
            let id = String(format: "cohort-%06d", index)
            try person.execute(arguments: [id, "Trainee \(index)", "\(id)@bench.invalid"])
            try enrolment.execute(arguments: [id, programme.id])
        }
    }
    // Copy one journey to every trainee through the store's own append.
    let journeyTrainee = try await store.addPerson(
        NewPerson(name: "Journey", email: "journey@bench.invalid", roles: [.trainee], passwordHash: nil),
        at: start
    )
    _ = try await store.enrol(Enrolment(traineeID: journeyTrainee.id, programmeID: programme.id, supervisorID: nil, enrolledAt: start))
    let journey = CohortEvents.journey(programme, traineeID: journeyTrainee.id, start: start)
    try await store.append(
        journey,
        summary: TraineeSummary(
            traineeID: journeyTrainee.id,
            programmeID: programme.id,
            stage: .certified,
            nextStep: "",
            nextStepActor: .trainee,
            dates: KeyDates(),
            reflectionsAwaitingReview: 0,
            lastSequence: journey.count
        )
    )
    try raw.write { db in
        let copy = try db.makeStatement(
            sql:
                "INSERT INTO events (trainee_id, programme_id, sequence, programme_version, actor_id, at, reason, kind, subject, outcome, amount, on_date, body, detail, answers) SELECT ?, programme_id, sequence, programme_version, actor_id, at, reason, kind, subject, outcome, amount, on_date, body, detail, answers FROM events WHERE trainee_id = ? AND programme_id = ?"
        )
        for index in 0..<cohortSize {
            try copy.execute(arguments: [String(format: "cohort-%06d", index), journeyTrainee.id, programme.id])
        }
    }
    let total = try raw.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE trainee_id LIKE 'cohort-%'") ?? 0 }

    final class Tally: @unchecked Sendable {  // written only on the one reading thread
        var trainees = 0
        var certified = 0
    }
    let evaluator = Progression.Evaluator(programme)
    func evaluateCohort() async throws -> Tally {
        let tally = Tally()
        try await store.forEachTraineeEvents(programmeID: programme.id) { _, events in
            let status = evaluator.evaluate(events, now: now)
            tally.trainees += 1
            if status.stage == .certified { tally.certified += 1 }
        }
        return tally
    }
    _ = try await evaluateCohort()  // warm the page cache
    var tally = Tally()
    let ours = try await seconds { tally = try await evaluateCohort() }
    let decodeOnly = try await seconds {
        try await store.forEachTraineeEvents(programmeID: programme.id) { _, events in precondition(!events.isEmpty) }
    }
    let floor = try await seconds {
        try await raw.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT * FROM events WHERE programme_id = ? ORDER BY trainee_id, programme_id, sequence",
                arguments: [programme.id]
            )
            var count = 0
            while try rows.next() != nil { count += 1 }
            precondition(count >= total)
        }
    }
    row(
        "evaluate \(tally.trainees) trainees (\(total / max(cohortSize, 1)) events each)",
        ours * 1e3,
        floor * 1e3,
        unit: "ms",
        target: "< 1000 ms on one core"
    )
    row("  of which reading and decoding the events", decodeOnly * 1e3, floor * 1e3, unit: "ms", target: "")
    // What a statement-and-`SQLRow` read of the cohort costs before it makes a single event:
    // GRDB rows, each of the columns found by name and decoded. The scanner must stay under it.
    let programmeID = programme.id
    let byName = try await seconds {
        try await raw.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT * FROM events WHERE programme_id = ? ORDER BY trainee_id, programme_id, sequence",
                arguments: [programmeID]
            )
            var count = 0
            while let row = try rows.next() {
                for column in ["trainee_id", "programme_id", "programme_version", "actor_id", "reason", "kind", "subject", "outcome", "body", "detail"] {
                    _ = try row.decode(String?.self, forColumn: column)
                }
                for column in ["at", "amount", "on_date"] { _ = try row.decode(Double?.self, forColumn: column) }
                _ = try row.decode(Int?.self, forColumn: "sequence")
                count += 1
            }
            precondition(count >= total)
        }
    }
    row("  reading and decoding vs GRDB rows read by name", decodeOnly * 1e3, byName * 1e3, unit: "ms", target: "< 1x (scanner kept)")
    print("  certified in the cohort: \(tally.certified); peak memory of this process: \(String(format: "%.0f", peakMemoryMB())) MB")
}

// 4. One trainee's events as a page reads them (on the caller's thread, see `QuickReaders`) vs
// the same rows read as GRDB rows through the pool's async read, which is where a statement
// through `read { db.fetchRows(...) }` starts before it decodes anything.
do {
    let trainee = try await store.addPerson(NewPerson(name: "Page", email: "page@bench.invalid", roles: [.trainee], passwordHash: nil), at: start)
    _ = try await store.enrol(Enrolment(traineeID: trainee.id, programmeID: programme.id, supervisorID: nil, enrolledAt: start))
    let journey = CohortEvents.journey(programme, traineeID: trainee.id, start: start)
    try await store.append(
        journey,
        summary: TraineeSummary(
            traineeID: trainee.id,
            programmeID: programme.id,
            stage: .certified,
            nextStep: "",
            nextStepActor: .trainee,
            dates: KeyDates(),
            reflectionsAwaitingReview: 0,
            lastSequence: journey.count
        )
    )
    let rounds = 5_000
    let (traineeID, programmeID) = (trainee.id, programme.id)
    var ours = 0.0
    var floor = 0.0
    for _ in 0..<rounds {
        ours += try await seconds {
            let loaded = try await store.eventsForProgress(traineeID: trainee.id, programmeID: programme.id)
            precondition(loaded.count == journey.count)
        }
        floor += try await seconds {
            let count = try await raw.read { db in
                try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM events WHERE trainee_id = ? AND programme_id = ? ORDER BY sequence"),
                    arguments: [traineeID, programmeID]
                ).count
            }
            precondition(count == journey.count)
        }
    }
    row(
        "a trainee's events for a page (\(journey.count) events)",
        ours / Double(rounds) * 1e6,
        floor / Double(rounds) * 1e6,
        unit: "µs",
        target: "< 1x async GRDB rows"
    )
}

// 5. The engine alone, in memory: the same events evaluated over and over, so a change to the
// engine shows without the database in the way. It has no floor; each figure is the fastest of
// ten batches, since other work on the machine only ever adds time.
do {
    let journey = CohortEvents.journey(programme, traineeID: "engine", start: start)
    let midTraining = Array(journey.prefix { if case .practiceLogged = $0.kind { false } else { true } }.dropLast(3))
    let now = start.addingTimeInterval(400 * 86_400)
    let evaluator = Progression.Evaluator(programme)
    func fastest(rounds: Int, _ body: () -> Int) -> Double {
        var best = Duration.seconds(1_000)
        var checksum = 0
        for _ in 0..<10 {
            let start = ContinuousClock.now
            for _ in 0..<rounds { checksum &+= body() }
            best = min(best, ContinuousClock.now - start)
        }
        precondition(checksum != 0)
        return (Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18) / Double(rounds) * 1e6
    }
    func engineRow(_ name: String, _ micros: Double) {
        print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%10.1f µs", micros))
    }
    for (name, events) in [("certified", journey), ("in training", midTraining)] {
        engineRow(
            "evaluate in memory, \(name) (\(events.count) events)",
            fastest(rounds: 5_000) { evaluator.evaluate(events, now: now).nextSteps.count }
        )
    }
    engineRow(
        "  the same, certified, without a kept Evaluator",
        fastest(rounds: 1_000) { Progression.evaluate(programme, journey, now: now).nextSteps.count }
    )
}
