import Foundation

/// Reads Prometheus's text format strictly, as a scraper would: a line that is not a comment
/// must be `name{label="value",...} number`, or reading fails.
struct PrometheusText {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Unreadable: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a Prometheus sample: \(line)" }
    }

    let samples: [Sample]

    init(_ text: String) throws {
        let sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/
        let label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let match = try sample.wholeMatch(in: String(line)) else { throw Unreadable(line: String(line)) }
            guard let value = Double(match.3) ?? (match.3 == "+Inf" ? .infinity : nil) else { throw Unreadable(line: String(line)) }
            var labels: [String: String] = [:]
            if let written = match.2 {
                var rest = Substring(written)
                while !rest.isEmpty {
                    guard let pair = try label.prefixMatch(in: rest) else { throw Unreadable(line: String(line)) }
                    labels[String(pair.1)] = String(pair.2)
                    rest = rest[pair.range.upperBound...]
                }
            }
            samples.append(Sample(name: String(match.1), labels: labels, value: value))
        }
        self.samples = samples
    }

    /// The value of the one sample with this name and these labels (among others), if any.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }
}
