// The floor for the web load test: one bare Hummingbird route, no middleware, no store.
//
//     swift run -c release waymark-bare-server PORT

import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8090
let router = Router()
router.get("/") { _, _ in "ok\n" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
