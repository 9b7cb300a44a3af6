import Foundation
import Testing
import WaymarkTestSupport

@Suite struct GeneratedCodeTests {
    /// Every check in an `enum ...Checks` runs on both stores only through the generated suites;
    /// a check added without regenerating them would never run.
    @Test func theBothStoresSuitesListEveryCheck() throws {
        let finished = try runScript("Scripts/generate_backend_suites.py")
        #expect(finished.status == 0, "\(finished.stdout)")
    }

    private func runScript(_ path: String) throws -> Finished {
        try runProgram(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", repositoryRoot.appendingPathComponent(path).path, "--check"],
            mergeOutput: true
        )
    }
}
