import ArgumentParser
import Foundation
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// `waymark demo`: a realistic demo cohort across every stage.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Add a demo cohort: a coordinator, a supervisor and 16 trainees at every stage, with their records.",
        discussion:
            "Demo people have no passwords; give one with 'waymark users set-password --email ...'. Their emails end in @\(DemoCohort.emailDomain)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions

    func run() async throws {
        let loaded = try curriculum.load()
        guard let programme = loaded.programme("peer-mentoring") ?? loaded.programmes.first else {
            throw CommandFailure("The curriculum has no programme to put the demo cohort on.")
        }
        try await data.withStore(creating: true) { store in
            if try await store.person(email: DemoCohort.coordinator.email) != nil {
                print("The demo cohort is already in '\(store.location)'. See it with: waymark trainees list")
                return
            }
            let now = Date()
            let enrolments = Enrolments(store: store)
            let records = TraineeRecords(store: store)
            let coordinator = try await store.addPerson(
                NewPerson(name: DemoCohort.coordinator.name, email: DemoCohort.coordinator.email, roles: [.coordinator], passwordHash: nil),
                at: now
            )
            let supervisor = try await store.addPerson(
                NewPerson(name: DemoCohort.supervisor.name, email: DemoCohort.supervisor.email, roles: [.supervisor], passwordHash: nil),
                at: now
            )

            let progress = TerminalProgress()
            defer { progress.finish() }
            progress.report("Adding the demo cohort", done: 0, of: DemoCohort.members.count, unit: "trainees")
            for (number, member) in DemoCohort.members.enumerated() {
                let trainee = try await store.addPerson(
                    NewPerson(name: member.name, email: member.email, roles: [.trainee], passwordHash: nil),
                    at: now
                )
                var journey = DemoJourney(
                    programme: programme,
                    traineeID: trainee.id,
                    coordinatorID: coordinator.id,
                    supervisorID: supervisor.id,
                    startedDaysAgo: DemoCohort.startDaysAgo(member.name),
                    now: now
                )
                try await enrolments.enrol(trainee.id, on: programme, supervisorID: supervisor.id, at: journey.clock)
                member.story(&journey, now)
                for event in journey.events where event.at <= now {
                    try await records.record(event.kind, for: trainee.id, on: programme, by: event.actor, reason: event.reason, at: event.at)
                }
                try await enrolments.rebuildSummary(of: trainee.id, on: programme, at: now)
                progress.report("Adding the demo cohort", done: number + 1, of: DemoCohort.members.count, unit: "trainees")
            }
            progress.finish()
            print(
                "Added the demo cohort to '\(store.location)': \(DemoCohort.members.count) trainees on \"\(programme.title)\", a coordinator and a supervisor."
            )
            print("See where everyone stands:  waymark trainees list")
            print("Demo people have no passwords. Give one with:  waymark users set-password --email \(DemoCohort.coordinator.email)")
        }
    }
}
