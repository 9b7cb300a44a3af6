import Foundation
import Testing
import WaymarkCertificates

/// The certificate state machine on its own, without a database: what each change may do from
/// each state, and the sentence a coordinator reads when it may not.
@Suite struct CertificateRuleTests {
    static let issued = Date(timeIntervalSince1970: 1_767_225_600)

    static func certificate(_ state: CertificateState, supersededBy: String? = nil) -> CertificateRecord {
        CertificateRecord(
            code: "WM-TEST", traineeID: "t1", programmeID: "peer-mentoring", programmeVersion: "2026.1",
            holderName: "Sam Example", title: "Peer mentor", description: "", criteria: "",
            issuedAt: issued, validUntil: nil, state: state, supersededBy: supersededBy
        )
    }

    static func refusal(_ change: CertificateChange, from certificate: CertificateRecord, traineeID: String = "t1") -> String? {
        do {
            _ = try change.transition(from: certificate, traineeID: traineeID, programmeID: "peer-mentoring")
            return nil
        } catch let refusal as CertificateRefusal {
            return refusal.sentence
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func anActiveCertificateCanBeSuspendedWithAReasonKeptTrimmed() throws {
        let result = try CertificateChange.suspend(code: "WM-TEST", reason: "  under review \n")
            .transition(from: Self.certificate(.active), traineeID: "t1", programmeID: "peer-mentoring")
        #expect(result?.state == .suspended)
        #expect(result?.reason == "under review")
    }

    @Test func suspendingOrRevokingNeedsAReason() {
        #expect(Self.refusal(.suspend(code: "WM-TEST", reason: " "), from: Self.certificate(.active)) == "Give a reason for suspending a certificate.")
        #expect(Self.refusal(.revoke(code: "WM-TEST", reason: ""), from: Self.certificate(.active)) == "Give a reason for revoking a certificate.")
    }

    @Test func onlyASuspendedCertificateCanBeReinstated() throws {
        #expect(Self.refusal(.reinstate(code: "WM-TEST"), from: Self.certificate(.active)) == "Certificate WM-TEST is not suspended, so there is nothing to reinstate.")
        let result = try CertificateChange.reinstate(code: "WM-TEST")
            .transition(from: Self.certificate(.suspended), traineeID: "t1", programmeID: "peer-mentoring")
        #expect(result?.state == .active)
    }

    @Test func revocationIsFinalAndARevokedCertificateCannotBeRenewed() {
        let revoked = Self.certificate(.revoked)
        let achievement = CertifiedAchievement(title: "Peer mentor", description: "", criteria: "")
        #expect(Self.refusal(.revoke(code: "WM-TEST", reason: "again"), from: revoked) == "Certificate WM-TEST is revoked already.")
        #expect(Self.refusal(.suspend(code: "WM-TEST", reason: "why"), from: revoked) == "Certificate WM-TEST is revoked; only an active certificate can be suspended.")
        #expect(
            Self.refusal(.renew(previousCode: "WM-TEST", code: "WM-NEW", achievement: achievement, validUntil: nil), from: revoked)
                == "Certificate WM-TEST was revoked; a revoked certificate cannot be renewed."
        )
    }

    @Test func aCertificateIsRenewedOnce() {
        let achievement = CertifiedAchievement(title: "Peer mentor", description: "", criteria: "")
        #expect(
            Self.refusal(.renew(previousCode: "WM-TEST", code: "WM-NEW", achievement: achievement, validUntil: nil), from: Self.certificate(.active, supersededBy: "WM-NEXT"))
                == "Certificate WM-TEST was renewed already, by WM-NEXT."
        )
    }

    @Test func nobodyChangesAnotherPersonsCertificate() {
        #expect(
            Self.refusal(.suspend(code: "WM-TEST", reason: "why"), from: Self.certificate(.active), traineeID: "someone-else")
                == "Certificate WM-TEST belongs to someone else or to another programme."
        )
    }
}
