import Foundation
import WaymarkCLI

let arguments = Array(CommandLine.arguments.dropFirst())
WaymarkCommand.prepare(arguments: arguments)
exit(await WaymarkCommand.run(arguments: arguments))
