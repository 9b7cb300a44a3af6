import Foundation
import Testing
import WaymarkTestSupport

@Suite struct GeneratedCodeTests {
    /// Page models are read through generated lookups; a field added without regenerating them
    /// would render as nothing, so the generated file must match the models.
    @Test func theGeneratedTemplateLookupsMatchThePageModels() throws {
        let finished = try runScript("Scripts/generate_template_lookups.py")
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
