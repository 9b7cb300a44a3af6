import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// The demo cohort: sixteen trainees, at least one at every stage, with the record each stage
/// leaves behind, so a newcomer sees a living system.
enum DemoCohort {
    static let emailDomain = "demo.waymark.invalid"
    static let coordinator = (name: "Rosa Demo-Coordinator", email: "coordinator@\(emailDomain)")
    static let supervisor = (name: "Tom Demo-Supervisor", email: "supervisor@\(emailDomain)")

    /// A trainee of the cohort and how their story goes.
    struct Member: Sendable {
        var name: String
        var story: @Sendable (inout DemoJourney, Date) -> Void

        var email: String {
            name.lowercased().replacingOccurrences(of: " ", with: ".") + "@" + DemoCohort.emailDomain
        }
    }

    /// Supervision every month from the journey's clock until a few days ago.
    static func keepSupervising(_ journey: inout DemoJourney, until now: Date) {
        while journey.clock.addingTimeInterval(35 * 86_400) < now {
            journey.supervise(after: 30)
        }
    }

    static let members: [Member] = [
        Member(name: "Aisha Khan") { journey, _ in journey.apply() },
        Member(name: "Ben Okafor") { journey, _ in
            journey.apply()
            journey.recruit(upTo: 3)
        },
        Member(name: "Chloe Evans") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.notYet)
        },
        Member(name: "Dan Murphy") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.complete("role")
        },
        Member(name: "Ellie Nowak") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.complete("role")
            journey.complete("listening", failingFirst: true)
            journey.complete("lived-experience")
            journey.useEveryTry("boundaries")
        },
        Member(name: "Femi Adeyemi") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.completeModules(6)
        },
        Member(name: "Grace Lewis") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.completeModules(journey.programme.modules.count)
            journey.practise(hours: 4)
            journey.supervise(after: 7)
            journey.practise(hours: 4)
            journey.reflect()
            journey.practise(hours: 4, countersigned: false)
            journey.supervise(.someConcerns, after: 14)
            journey.reflect(reviewed: false)
        },
        Member(name: "Harry Singh") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.completeModules(journey.programme.modules.count)
            journey.practise(hours: 3)
            journey.supervise(after: 5)
            journey.practise(hours: 3)
        },
        Member(name: "Isla Campbell") { journey, _ in journey.qualify() },
        Member(name: "Jamal Reid") { journey, now in
            journey.qualify()
            journey.certify()
            keepSupervising(&journey, until: now)
        },
        Member(name: "Kerry Walsh") { journey, now in
            journey.qualify()
            journey.certify()
            keepSupervising(&journey, until: now)
        },
        Member(name: "Liam Doyle") { journey, _ in
            journey.qualify()
            journey.certify()
        },
        Member(name: "Maya Patel") { journey, now in
            journey.qualify()
            let code = journey.certify()
            keepSupervising(&journey, until: now.addingTimeInterval(-20 * 86_400))
            journey.add(
                .certificateSuspended(code: code),
                by: journey.coordinatorID,
                reason: "Paused while a concern raised by a partner service is looked into.",
                after: 10
            )
        },
        Member(name: "Nathan Brooks") { journey, now in
            journey.qualify()
            let code = journey.certify()
            keepSupervising(&journey, until: now.addingTimeInterval(-40 * 86_400))
            journey.add(
                .certificateRevoked(code: code),
                by: journey.coordinatorID,
                reason: "Broke the boundaries agreement after support and a warning.",
                after: 20
            )
        },
        Member(name: "Olivia Hughes") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.completeModules(2)
            journey.add(
                .withdrawn,
                by: journey.coordinatorID,
                reason: "Started a full-time job and has no time now. Welcome back any time.",
                after: 20
            )
        },
        Member(name: "Priya Shah") { journey, _ in
            journey.apply()
            journey.recruit()
            journey.decide(.suitable)
            journey.completeModules(4)
            journey.add(.paused, by: journey.traineeID, reason: "Family matters to look after for a while.", after: 5)
        },
    ]

    /// How many days before now each story starts, so that it ends where its stage says.
    static func startDaysAgo(_ name: String) -> Double {
        switch name {
        case "Aisha Khan": 2
        case "Ben Okafor": 12
        case "Chloe Evans": 30
        case "Dan Murphy": 30
        case "Ellie Nowak": 35
        case "Femi Adeyemi": 50
        case "Grace Lewis": 90
        case "Harry Singh": 130
        case "Isla Campbell": 150
        case "Jamal Reid": 140 + 120
        case "Kerry Walsh": 140 + 700
        case "Liam Doyle": 140 + 760
        case "Maya Patel": 140 + 180
        case "Nathan Brooks": 140 + 240
        case "Olivia Hughes": 80
        default: 60
        }
    }
}
