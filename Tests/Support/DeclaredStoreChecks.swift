import Foundation
import Testing

extension StoreCheck {
    /// Fails when a check declared in `module` is missing from `listed`, when a listed name is
    /// not a check, or when a check is listed twice: a check left off its list would run on
    /// neither store, and nothing would say so.
    public static func expectEveryCheckListed(
        _ listed: [StoreCheck], inModule module: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let declared = try declared(inModule: module)
        let names = listed.map(\.name)
        #expect(declared.subtracting(names).sorted() == [], "checks missing from their enum's onBothStores", sourceLocation: sourceLocation)
        #expect(Set(names).subtracting(declared).sorted() == [], "listed names that are not checks", sourceLocation: sourceLocation)
        #expect(Set(names).count == names.count, "a check listed twice", sourceLocation: sourceLocation)
    }

    /// Every `static func name(_: TemporaryStore) async throws` and
    /// `static func name(_: Backend) async throws` in an enum whose name ends in `Checks` in
    /// `module`, as `Enum.name`, read from the symbols the compiler wrote into this test binary
    /// (listed by `nm`, spelled out by `swift-demangle`) rather than from the Swift sources, so a
    /// check with any spelling of its signature is found.
    public static func declared(inModule module: String) throws -> Set<String> {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let symbols = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["nm", "--defined-only", binary.path])
        guard symbols.status == 0 else { throw DeclaredChecksError.toolFailed("nm", symbols.stderr) }
        let demangled = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["swift-demangle"], input: symbols.stdout)
        guard demangled.status == 0 else { throw DeclaredChecksError.toolFailed("swift-demangle", demangled.stderr) }

        let start = "static \(module)."
        let endings = [
            "(WaymarkTestSupport.TemporaryStore) async throws -> ()",
            "(WaymarkTestSupport.Backend) async throws -> ()",
        ]
        var found: Set<String> = []
        for line in demangled.stdout.split(separator: "\n") {
            guard let opening = line.range(of: start) else { continue }
            let signature = line[opening.upperBound...]
            guard let ending = endings.first(where: { signature.hasSuffix($0) }) else { continue }
            let qualifiedName = signature.dropLast(ending.count)
            let parts = qualifiedName.split(separator: ".")
            guard parts.count == 2, parts[0].hasSuffix("Checks") else { continue }
            found.insert(String(qualifiedName))
        }
        return found
    }
}

public enum DeclaredChecksError: Error, CustomStringConvertible {
    case toolFailed(String, String)

    public var description: String {
        switch self {
        case .toolFailed(let tool, let output):
            return "\(tool) could not list this test binary's symbols (it comes with binutils or the Swift toolchain): \(output)"
        }
    }
}
