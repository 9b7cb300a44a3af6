import Foundation
import GRDB
import WaymarkProgress

/// Reads event rows straight from SQLite's statement, for the paths that read many events
/// (a trainee's status, a whole cohort). Going through GRDB's `Row` made a `String` for every
/// text column of every row, and decoding cost four times reading the rows; here repeated text
/// (trainee, version, actor, module ids) is recognised by its bytes and the `String` reused,
/// the kind is matched on bytes, and attempt scores are parsed from the bytes.
///
/// Kept raw beside the `SQLStatement`-and-`SQLRow` path: `waymark-store-bench`'s row "reading and
/// decoding vs GRDB rows read by name" times it against what that path costs before it makes an
/// event. 2026-12-02, release, 10,004 trainees of 56 events: 793 ms here against 849 ms only to
/// read the same rows' columns by name through GRDB's `Row`, before making any event.
///
/// Columns are those of `RecordSQL.eventColumns`, in that order.
struct EventScanner {
    private let row: ColumnReader
    private let answers: Bool
    private var strings = StringReuse()

    /// Scans a statement already bound to its arguments.
    init(_ statement: Statement, answers: Bool) {
        row = ColumnReader(statement)
        self.answers = answers
    }

    /// The next event; nil at the end. Rows of unknown kinds are skipped.
    mutating func next() throws -> TraineeEvent? {
        while try row.step() {
            if let event = try event() { return event }
        }
        return nil
    }

    private mutating func event() throws -> TraineeEvent? {
        guard let tag = EventKindTag(bytes: bytes(7)) else { return nil }
        let subject = strings.string(bytes(8))
        let outcome = strings.string(bytes(9))
        let amount = double(10)
        let onDate = double(11).map(Date.init(timeIntervalSince1970:))
        func body() -> String? { text(12) }
        guard
            let kind = try EventKind.read(
                tag,
                subject: subject,
                outcome: outcome,
                amount: amount,
                onDate: onDate,
                body: body,
                attempt: {
                    guard
                        var attempt = AttemptScores.decode(
                            bytes(13),
                            assessmentID: subject ?? "",
                            moduleID: strings.string(bytes(12)) ?? "",
                            strings: &strings
                        )
                    else { return nil }
                    if answers, let json = bytes(14) {
                        attempt.answers = try EventColumns.answers(Data(json))
                    }
                    return attempt
                }
            )
        else { return nil }
        return TraineeEvent(
            sequence: row.int(2),
            traineeID: strings.string(bytes(0)) ?? "",
            programmeID: strings.string(bytes(1)) ?? "",
            programmeVersion: strings.string(bytes(3)) ?? "",
            actorID: strings.string(bytes(4)) ?? "",
            at: Date(timeIntervalSince1970: row.double(5)),
            reason: text(6),
            kind: kind
        )
    }

    private func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? { row.bytes(column) }

    /// Free text, which rarely repeats: a new String.
    private func text(_ column: Int32) -> String? { row.text(column) }

    private func double(_ column: Int32) -> Double? { row.isNull(column) ? nil : row.double(column) }
}

/// Gives back the same `String` for the same bytes: a cohort's events repeat a small set of
/// ids (trainees, actors, modules, questions) hundreds of thousands of times. An open-addressing
/// table keyed by a hash of the bytes, so a lookup makes no `String`. It starts small and doubles:
/// one trainee's page needs a few dozen strings, and making and freeing a 4,096-slot table for
/// it was a tenth of the page's CPU.
struct StringReuse {
    private var slots: [(hash: UInt64, bytes: [UInt8], string: String)?] = Array(repeating: nil, count: 64)
    private var count = 0

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>?) -> String? {
        guard let bytes else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash, slot.bytes.count == bytes.count, slot.bytes.elementsEqual(bytes) { return slot.string }
            index = (index + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        slots[index] = (hash, Array(bytes), string)
        count += 1
        if count * 2 > slots.count { grow() }
        return string
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let slot? in old {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
