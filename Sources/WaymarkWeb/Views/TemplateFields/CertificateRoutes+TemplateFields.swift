// The page models declared in Controllers/CertificateRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension CertificatePageModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .code: reader.read { $0.pointee.code }
        case .holder: reader.read { $0.pointee.holder }
        case .hasHolder: reader.read { $0.pointee.hasHolder }
        case .achievement: reader.read { $0.pointee.achievement }
        case .description: reader.read { $0.pointee.description }
        case .criteria: reader.read { $0.pointee.criteria }
        case .issuer: reader.read { $0.pointee.issuer }
        case .issued: reader.read { $0.pointee.issued }
        case .validUntil: reader.read { $0.pointee.validUntil }
        case .status: reader.read { $0.pointee.status }
        case .isValid: reader.read { $0.pointee.isValid }
        case .statusClass: reader.read { $0.pointee.statusClass }
        case .explanation: reader.read { $0.pointee.explanation }
        case .supersededBy: reader.read { $0.pointee.supersededBy }
        case .verifyURL: reader.read { $0.pointee.verifyURL }
        case .jwtURL: reader.read { $0.pointee.jwtURL }
        case .jsonURL: reader.read { $0.pointee.jsonURL }
        case .certificateURL: reader.read { $0.pointee.certificateURL }
        case .qrSVG: reader.read { $0.pointee.qrSVG }
        default: break
        }
    }
}
