import Foundation

// FormFields.swift, RequestNumbers.swift and WebDates.swift here are links to WaymarkWeb's own
// files, compiled into this target: they need only Foundation, and RequestNumbers and WebDates
// are internal to WaymarkWeb, which would otherwise bring all of Hummingbird and NIO with it.

/// libFuzzer calls this once, before any input: the time zone and calendar are made here, so
/// that they are not taken for memory leaked by an input.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let sample = Array("date=2026-11-26&hours=1.5&page=2".utf8)
    _ = sample.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { fuzz($0, buffer.count) } }
    return 0
}

/// libFuzzer calls this once per input: the bytes as a submitted form body, then every field
/// through the bounded readers the routes use for numbers and dates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Hummingbird hands routes the body as text the same way: invalid UTF-8 is repaired, not refused.
    let body = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let form = FormFields(body)
    for name in ["page", "hours", "minutes", "date", "issued", "number", "level", "reason"] {
        let value = form[name]
        _ = form.trimmed(name)
        _ = form.all(name)
        if let whole = RequestNumbers.whole(value, in: 0...1_000_000) {
            precondition((0...1_000_000).contains(whole), "whole number out of its range: \(whole)")
        }
        if let decimal = RequestNumbers.decimal(value, in: 0.25...24) {
            precondition(decimal.isFinite && (0.25...24).contains(decimal), "decimal out of its range: \(decimal)")
        }
        if let date = WebDates.parse(value) {
            // A date that parses is shown as a day that parses back to the same moment.
            precondition(WebDates.parse(WebDates.input(date)) == date, "date does not read back: \(value ?? "")")
        }
    }
    return 0
}
