import Foundation
import WaymarkActions
import WaymarkCurriculum
import WaymarkStore
import WaymarkTestSupport

/// The time the checks here act at.
let start = Date(timeIntervalSince1970: 1_790_000_000)

/// Someone with these roles in `store`, and on the bundled peer-mentoring programme when a trainee.
func addPerson(_ name: String, roles: Set<Role>, to store: AnyWaymarkStore, on programme: Programme) async throws -> Person {
    let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"
    let person = try await store.addPerson(NewPerson(name: name, email: email, roles: roles, passwordHash: nil), at: start)
    if roles.contains(.trainee) {
        try await Enrolments(store: store).enrol(person.id, on: programme, supervisorID: nil, at: start)
    }
    return person
}
