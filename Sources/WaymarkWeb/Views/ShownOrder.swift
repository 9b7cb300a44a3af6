/// The order an ordering question's items are shown in. It must not give the answer away (ids
/// are often written in order: `step-1`, `step-2`, or `hello`, `listen`, `plan`), and it must be
/// the same every time the page is shown, so a trainee who comes back to a check, or whose form
/// comes back with a problem, sees the items where they were.
enum ShownOrder {
    /// The items shuffled by a generator seeded from the question's id; never the correct order
    /// when there are two or more.
    static func items<Item>(_ items: [Item], questionID: String) -> [Item] {
        guard items.count > 1 else { return items }
        var generator = SeededGenerator(seed: fnv1a(questionID))
        var indices = Array(items.indices)
        indices.shuffle(using: &generator)
        if indices == Array(items.indices) {
            indices.append(indices.removeFirst())
        }
        return indices.map { items[$0] }
    }

    /// FNV-1a: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// SplitMix64: small, and the same sequence for the same seed everywhere.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state = state &+ 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }
}
