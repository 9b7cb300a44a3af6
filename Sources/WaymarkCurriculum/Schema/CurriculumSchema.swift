import WaymarkXML

/// The curriculum schema, `Schemas/curriculum-1.xsd`, compiled into the binary so that
/// validation needs no files beside the executable.
public enum CurriculumSchema {
    /// The namespace every curriculum document uses.
    public static let namespace = "urn:waymark:curriculum:1"

    /// The schema's text, exactly as shipped in `Schemas/`.
    public static var source: [UInt8] {
        PackageResources.curriculum_1_xsd
    }

    /// The compiled schema, built once on first use.
    static let compiled: Result<XMLSchema, ParseFailure> = {
        do throws(ParseFailure) {
            return .success(try XMLSchema(bytes: source, path: "curriculum-1.xsd"))
        } catch {
            return .failure(error)
        }
    }()
}
