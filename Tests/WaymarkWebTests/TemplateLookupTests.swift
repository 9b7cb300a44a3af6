import Foundation
import Testing

@Suite struct TemplateLookupTests {
    /// Page models are read through generated lookups; a field added without regenerating them
    /// would render as nothing, so the generated file must match the models.
    @Test func theGeneratedTemplateLookupsMatchThePageModels() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("Scripts/generate_template_lookups.py").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
