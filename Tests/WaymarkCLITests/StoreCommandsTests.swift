import Foundation
import Testing
import WaymarkTestSupport

/// A throwaway data folder for commands that touch the store.
final class DataFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-data-\(UUID().uuidString)")
    var path: String { url.path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs waymark with text on standard input.
func runWaymark(_ arguments: [String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = try #require(builtWaymark())
    let finished = try runProgram(binary, arguments, input: input, in: repositoryRoot)
    return (finished.status, finished.stdout, finished.stderr)
}

@Suite struct StoreCommandsTests {
    @Test func addsPeopleWithAPasswordFromStandardInput() throws {
        let data = DataFolder()
        let added = try runWaymark(
            [
                "users", "add", "--data", data.path, "--role", "coordinator", "--role", "supervisor",
                "--email", "Ada@Example.org", "--name", "Ada Lovelace", "--password-stdin",
            ],
            input: "a long enough secret\n"
        )
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "Added Ada Lovelace <ada@example.org> as supervisor, coordinator.\n")
        let list = try runWaymark(["users", "list", "--data", data.path])
        #expect(list.stdout.contains("Ada Lovelace  ada@example.org  supervisor, coordinator"))
        #expect(!list.stdout.contains("secret"))
        // The password is never stored as typed.
        let database = try Data(contentsOf: data.url.appendingPathComponent("waymark.sqlite"))
        #expect(database.range(of: Data("a long enough secret".utf8)) == nil)
    }

    @Test func refusesADuplicateEmailPlainly() throws {
        let data = DataFolder()
        let arguments = ["users", "add", "--data", data.path, "--role", "admin", "--email", "a@example.org", "--name", "A", "--no-password"]
        #expect(try runWaymark(arguments).status == 0)
        let again = try runWaymark(arguments)
        #expect(again.status == 1)
        #expect(again.stderr == "Someone already uses the email address a@example.org.\n")
    }

    @Test func refusesAnUnknownRoleAsAUsageError() throws {
        let data = DataFolder()
        let result = try runWaymark([
            "users", "add", "--data", data.path, "--role", "boss", "--email", "b@example.org", "--name", "B", "--no-password",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'boss'"))
        #expect(result.stderr.contains("'trainee', 'supervisor', 'coordinator' or 'admin'"))
    }

    @Test func refusesAShortPasswordAndAddsNobody() throws {
        let data = DataFolder()
        let result = try runWaymark(
            ["users", "add", "--data", data.path, "--role", "admin", "--email", "c@example.org", "--name", "C", "--password-stdin"],
            input: "short\n"
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("at least 12 characters"))
        #expect(try runWaymark(["users", "list", "--data", data.path]).stdout.contains("c@example.org") == false)
    }

    @Test func saysWhenTheDataFolderIsMissing() throws {
        let result = try runWaymark(["trainees", "list", "--data", "/no/such/waymark/data"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("There is no Waymark data in '/no/such/waymark/data'"))
    }

    @Test func takesTheDataFolderFromTheEnvironment() throws {
        let data = DataFolder()
        setenv("WAYMARK_DATA", data.path, 1)
        defer { unsetenv("WAYMARK_DATA") }
        #expect(try runWaymark(["users", "add", "--role", "admin", "--email", "e@example.org", "--name", "E", "--no-password"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: data.url.appendingPathComponent("waymark.sqlite").path))
    }

    @Test func aTraineeJoinsTheProgrammeWithTheirSupervisor() throws {
        let data = DataFolder()
        #expect(
            try runWaymark([
                "users", "add", "--data", data.path, "--role", "supervisor", "--email", "s@example.org", "--name", "Sue", "--no-password",
            ]).status == 0
        )
        let added = try runWaymark([
            "users", "add", "--data", data.path, "--role", "trainee", "--email", "t@example.org", "--name", "Tia",
            "--supervisor", "s@example.org", "--no-password",
        ])
        #expect(added.stdout == "Added Tia <t@example.org> as trainee on \"Peer Mentoring in Criminal Justice\".\n")
        let list = try runWaymark(["trainees", "list", "--data", data.path])
        #expect(list.stdout.contains("Tia"))
        #expect(list.stdout.contains("Applicant"))
    }

    /// A summary written by an older Waymark (here: in the trainee's words) is rewritten from
    /// the record by `trainees refresh`, in the words staff read.
    @Test func refreshRewritesSummariesAsThisVersionWritesThem() throws {
        let data = DataFolder()
        #expect(
            try runWaymark(["users", "add", "--data", data.path, "--role", "trainee", "--email", "t@example.org", "--name", "Tia", "--no-password"])
                .status == 0
        )
        let database = data.url.appendingPathComponent("waymark.sqlite").path
        let stale = try runProgram(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE trainee_summaries SET next_step = 'Send in your application'\"); db.commit()", database]
        )
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(try runWaymark(["trainees", "list", "--data", data.path]).stdout.contains("Send in your application"))
        let refresh = try runWaymark(["trainees", "refresh", "--data", data.path])
        #expect(refresh.status == 0, "\(refresh.stderr)")
        #expect(refresh.stdout == "Rewrote 1 trainee summary.\n")
        let list = try runWaymark(["trainees", "list", "--data", data.path])
        #expect(list.stdout.contains("They will send in their application"))
        #expect(!list.stdout.contains("Send in your application"))
    }

    @Test func theDemoCohortCoversEveryStage() throws {
        let data = DataFolder()
        let demo = try runWaymark(["demo", "--data", data.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let list = try runWaymark(["trainees", "list", "--data", data.path])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.last == "16 trainees")
        for stage in [
            "Applicant", "In recruitment", "In training", "In practice", "Ready for certificate", "Certified",
            "Certificate expired", "Certificate suspended", "Certificate revoked", "Withdrawn", "Paused",
        ] {
            #expect(list.stdout.contains("  \(stage)  "), "no trainee is \(stage)")
        }
        #expect(list.stdout.contains("supervision overdue"))
        #expect(list.stdout.contains("certificate expires"))
        // Only one stage, and running demo again adds nobody.
        let paused = try runWaymark(["trainees", "list", "--data", data.path, "--stage", "paused"])
        #expect(paused.stdout.hasSuffix("1 trainee\n"))
        let again = try runWaymark(["demo", "--data", data.path])
        #expect(again.stdout.contains("already"))
        #expect(try runWaymark(["trainees", "list", "--data", data.path]).stdout.hasSuffix("16 trainees\n"))
    }

    @Test func purgeReportsWhatItRemoved() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let purge = try runWaymark(["purge", "--data", data.path])
        #expect(purge.status == 0)
        #expect(purge.stdout.hasPrefix("Removed 0 vetting notes recorded before "))
        #expect(try runWaymark(["purge", "--data", data.path, "--months", "0"]).status == 2)
    }
}
