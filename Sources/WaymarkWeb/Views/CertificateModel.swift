import Foundation
import WaymarkCertificates
import WaymarkCredentials
import WaymarkProgress
import WaymarkStore

/// "My certificate".
struct CertificateModel {
    var title: String
    var code: String?
    var validUntil: String?
    var stage: String
    var missing: [String]
    /// Only a valid certificate is offered for printing, download and sharing.
    var isValid = false
    var statusLabel = ""
    var statusNote: String?
    /// The full address where anyone can check it.
    var verifyURL: String?
    /// LinkedIn's "add a licence or certification" form, filled in: only for a valid certificate.
    var linkedInURL: String?
    /// Whether the badge can be drawn as a PNG (the SVG always can); if not, why, in a line.
    var offersPNG = false
    var pngNote: String?
    /// The badge as an SVG Waymark drew itself (`BakedBadge.preview`), every word escaped, to
    /// show on the page; empty if it could not be drawn.
    var badgePreview = ""

    /// `badge` is what the badge picture of the current certificate says, when there is one.
    init(_ view: TraineeView, status: CertificateStatus?, issuer: CredentialIssuer, badge: BadgeContent? = nil) {
        title = view.programme.certificate.title
        stage = view.status.stage.label
        var issuedOn: Date?
        var endsOn: Date?
        for event in view.events {
            switch event.kind {
            case .certificateIssued(let issued, let until), .certificateRenewed(_, let issued, let until):
                code = issued
                validUntil = until.map(view.dates.day)
                issuedOn = event.at
                endsOn = until
            default: break
            }
        }
        missing = view.status.eligibility.missing
        verifyURL = code.map(issuer.verifyURL)
        guard let status else { return }
        isValid = status == .valid
        if isValid, let code, let verifyURL, let issuedOn {
            linkedInURL = Self.linkedIn(title: title, organisation: issuer.name, issued: issuedOn, ends: endsOn, code: code, address: verifyURL)
        }
        if isValid, let badge {
            let problem = BakedBadge.pngProblem(badge)
            offersPNG = problem == nil
            badgePreview = BakedBadge.preview(badge) ?? ""
            pngNote = problem.map { Self.badgeProblem($0) + " The SVG picture shows it in full." }
        }
        statusLabel = status.label
        statusNote =
            switch status {
            case .valid: nil
            case .expired: "Your certificate has ended, so it does not count as valid now. Talk to your coordinator about renewing it."
            case .suspended: "Your certificate is on hold, so it does not count as valid for now. Talk to your coordinator about what happens next."
            case .revoked, .withdrawn: "Your certificate is no longer valid. Talk to your coordinator about what happens next."
            case .superseded: "This certificate was replaced by a newer one. Talk to your coordinator if you cannot find it."
            }
    }
}

extension CertificateModel {
    /// Why a badge picture cannot be made, for the holder.
    static func badgeProblem(_ error: any Error) -> String {
        switch error as? BadgeProblem {
        case .cannotDraw(let characters)?:
            let listed = characters.map { "“\($0)”" }.joined(separator: ", ")
            return "The PNG picture cannot draw every letter of your certificate (\(listed)), and it never leaves a letter out."
        case .doesNotFit?, nil:
            return "The words of your certificate are too long to fit on the picture."
        }
    }

    /// LinkedIn's documented add-to-profile address for a certification: its name, the
    /// organisation, issue and expiry month and year, the code and where to check it.
    static func linkedIn(title: String, organisation: String, issued: Date, ends: Date?, code: String, address: String) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        var items = [
            URLQueryItem(name: "startTask", value: "CERTIFICATION_NAME"),
            URLQueryItem(name: "name", value: title),
            URLQueryItem(name: "organizationName", value: organisation),
            URLQueryItem(name: "issueYear", value: String(calendar.component(.year, from: issued))),
            URLQueryItem(name: "issueMonth", value: String(calendar.component(.month, from: issued))),
        ]
        if let ends {
            items.append(URLQueryItem(name: "expirationYear", value: String(calendar.component(.year, from: ends))))
            items.append(URLQueryItem(name: "expirationMonth", value: String(calendar.component(.month, from: ends))))
        }
        items.append(URLQueryItem(name: "certUrl", value: address))
        items.append(URLQueryItem(name: "certId", value: code))
        guard var components = URLComponents(string: "https://www.linkedin.com/profile/add") else { return nil }
        components.queryItems = items
        // URLComponents leaves a "+" as it is, which would be read as a space.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components.percentEncodedQuery = query
        return components.url?.absoluteString
    }
}

extension CertificateModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .code: reader.read { $0.pointee.code }
        case .validUntil: reader.read { $0.pointee.validUntil }
        case .stage: reader.read { $0.pointee.stage }
        case .missing: reader.read { $0.pointee.missing }
        case .isValid: reader.read { $0.pointee.isValid }
        case .statusLabel: reader.read { $0.pointee.statusLabel }
        case .statusNote: reader.read { $0.pointee.statusNote }
        case .verifyURL: reader.read { $0.pointee.verifyURL }
        case .linkedInURL: reader.read { $0.pointee.linkedInURL }
        case .offersPNG: reader.read { $0.pointee.offersPNG }
        case .pngNote: reader.read { $0.pointee.pngNote }
        case .badgePreview: reader.read { $0.pointee.badgePreview }
        default: break
        }
    }
}
