import Foundation
import WaymarkCLI

exit(await WaymarkCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
