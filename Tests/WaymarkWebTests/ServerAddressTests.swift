import Testing

@testable import WaymarkWeb

/// The address `serve` prints and puts in links: one a person can open.
@Suite struct ServerAddressTests {
    @Test(arguments: ["0.0.0.0", "::"])
    func listeningOnEveryAddressGivesLocalhostInLinks(host: String) {
        #expect(WebAppConfiguration(host: host, port: 8080, secureCookies: false).baseURL == "http://localhost:8080")
    }

    @Test func aNamedHostOrBaseURLIsKept() {
        #expect(WebAppConfiguration(host: "127.0.0.1", port: 9000, secureCookies: false).baseURL == "http://127.0.0.1:9000")
        #expect(
            WebAppConfiguration(host: "0.0.0.0", port: 8080, secureCookies: false, baseURL: "https://mentors.example.org").baseURL
                == "https://mentors.example.org"
        )
    }
}
