import Foundation
import HTTPTypes
import Testing
import WaymarkCredentials

@testable import WaymarkWeb

/// A question's picture is read from disk through Hummingbird's file I/O, with what a browser
/// needs to keep it: once it has a picture, asking again costs a 304 and no download until the
/// file changes.
@Suite struct MediaCachingTests {
    @Test func aPictureCarriesItsValidatorsAndAnUnchangedOneIsNotSentAgain() async throws {
        let copy = try CurriculumCopy()
        let outside = try copy.addPicturesFairAndFoul()
        defer { try? FileManager.default.removeItem(at: outside) }
        let door = copy.url.appendingPathComponent("Assessments/peer-mentoring/media/door.png")
        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let path = "/media/peer-mentoring/media/door.png"
            let first = try await browser.get(path)
            #expect(first.status == .ok)
            #expect(first.html.hasSuffix("PNG\r\n\u{1A}\n"))
            #expect(first.headers[.cacheControl] == "private, max-age=3600")
            #expect(first.headers[.contentLength] == "8")
            let etag = try #require(first.headers[.eTag])
            let modified = try #require(first.headers[.lastModified])
            #expect(etag.hasPrefix("W/\""))
            #expect(HTTPDates.parse(modified) != nil, "\(modified)")

            browser.extraHeaders = [.ifNoneMatch: etag]
            let unchanged = try await browser.get(path)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.html.isEmpty)
            #expect(unchanged.headers[.eTag] == etag)
            #expect(unchanged.headers[.cacheControl] == "private, max-age=3600")
            // Among others, and without the weak marker, it is the same tag.
            browser.extraHeaders = [.ifNoneMatch: "\"other\", \(etag.dropFirst(2))"]
            #expect(try await browser.get(path).status == .notModified)
            browser.extraHeaders = [.ifModifiedSince: modified]
            #expect(try await browser.get(path).status == .notModified)
            browser.extraHeaders = [.ifModifiedSince: HTTPDates.format(Date(timeIntervalSinceNow: -86_400 * 400))]
            #expect(try await browser.get(path).status == .ok)
            // A tag that is not this file's: the picture is sent, whatever the date says.
            browser.extraHeaders = [.ifNoneMatch: "W/\"0-0.0\"", .ifModifiedSince: modified]
            #expect(try await browser.get(path).status == .ok)

            // The trainer replaces the picture: the old tag no longer matches.
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]).write(to: door)
            browser.extraHeaders = [.ifNoneMatch: etag]
            let replaced = try await browser.get(path)
            #expect(replaced.status == .ok)
            #expect(replaced.headers[.eTag] != etag)
            #expect(replaced.headers[.contentLength] == "9")

            // A link leading out of the folder and a named pipe are still never served.
            browser.extraHeaders = [:]
            #expect(try await browser.get("/media/peer-mentoring/media/secret.png").status == .notFound)
            #expect(try await browser.get("/media/peer-mentoring/media/pipe.png").status == .notFound)
            #expect(try await browser.get("/media/peer-mentoring/media/missing.png").status == .notFound)
        }
    }

    @Test func aPictureTooBigToBeAQuestionsIsNotServed() async throws {
        let copy = try CurriculumCopy()
        let media = copy.url.appendingPathComponent("Assessments/peer-mentoring/media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data(count: MediaPath.sizeLimit + 1).write(to: media.appendingPathComponent("huge.png"))
        try Data(count: MediaPath.sizeLimit).write(to: media.appendingPathComponent("large.png"))
        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            #expect(try await browser.get("/media/peer-mentoring/media/huge.png").status == .notFound)
            let large = try await browser.get("/media/peer-mentoring/media/large.png")
            #expect(large.status == .ok)
            #expect(large.headers[.contentLength] == String(MediaPath.sizeLimit))
        }
    }

    /// The public keys come from their files too: a verifier asks each time (`no-cache`) and,
    /// while no key has been rotated, is answered 304 without them.
    @Test func theStylesheetIsRevalidatedWithItsETag() async throws {
        let app = try await WebTestApp()
        try await app.test { browser in
            let first = try await browser.get("/static/waymark.css")
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "public, max-age=3600")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.count == 34, "\(etag)")
            browser.extraHeaders = [.ifNoneMatch: etag]
            let unchanged = try await browser.get("/static/waymark.css")
            #expect(unchanged.status == .notModified)
            #expect(unchanged.html.isEmpty)
            #expect(unchanged.headers[.eTag] == etag)
            browser.extraHeaders = [.ifNoneMatch: "\"an-older-stylesheet\""]
            #expect(try await browser.get("/static/waymark.css").html == first.html)
        }
    }

    @Test func thePublicKeysAreRevalidatedWithTheirETag() async throws {
        let app = try await WebTestApp()
        try await app.test { browser in
            let keys = try await browser.get("/.well-known/jwks.json")
            #expect(keys.status == .ok)
            #expect(keys.headers[.cacheControl] == "no-cache")
            let etag = try #require(keys.headers[.eTag])
            browser.extraHeaders = [.ifNoneMatch: etag]
            let unchanged = try await browser.get("/.well-known/jwks.json")
            #expect(unchanged.status == .notModified)
            #expect(unchanged.html.isEmpty)
            try app.web.certificates.keys.rotate()
            let rotated = try await browser.get("/.well-known/jwks.json")
            #expect(rotated.status == .ok)
            #expect(rotated.headers[.eTag] != etag)
            #expect(rotated.html.contains(#""kty""#))
        }
    }
}
