// The floor for quiz day's sign-in storm: how many bcrypt checks a second the server's lanes can
// do at the configured cost, with nothing else running.
//
//     waymark-bcrypt-floor [LANES] [SECONDS] [COST]     (defaults: the server's lanes, 10, 12)
//
// Each lane is a thread checking one password against one hash for SECONDS, as the server's
// password lanes do at sign-in. Prints one line: lanes, cost, checks, checks per second.

import Foundation
import Synchronization
import WaymarkPasswords

let arguments = CommandLine.arguments.dropFirst()
let lanes = arguments.first.flatMap(Int.init) ?? max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
let seconds = arguments.dropFirst().first.flatMap(Double.init) ?? 10
let cost = arguments.dropFirst(2).first.flatMap(UInt8.init) ?? 12

let passwords = Passwords(cost: cost)
let password = "quiz day password 2026"
let hash = passwords.hash(password)
let checks = Atomic<Int>(0)
let deadline = Date().addingTimeInterval(seconds)
let started = Date()
DispatchQueue.concurrentPerform(iterations: lanes) { _ in
    while Date() < deadline {
        _ = passwords.verify(password, against: hash)
        checks.add(1, ordering: .relaxed)
    }
}
let elapsed = Date().timeIntervalSince(started)
let done = checks.load(ordering: .relaxed)
print("lanes \(lanes) cost \(cost) checks \(done) per_second \(String(format: "%.2f", Double(done) / elapsed))")
