import HTTPTypes
import WaymarkCurriculum
import WaymarkProgress

/// What a check sent by its form comes to, before anything is kept. A trainee's check (`serve`)
/// and `waymark preview` both read answers here, so a trainer previewing a check sees exactly
/// the problems, questions and scores a trainee would.
enum SentCheck {
    /// The form comes back with the answers as they were sent: a problem to fix, or questions
    /// left blank to confirm. Nothing is counted.
    case again(AssessmentModel, status: HTTPResponse.Status)
    /// The answers, scored: ready to record, or (in a preview) to show.
    case scored(AttemptRecord)

    /// Reads `form` for `assessment`. `page` is the check's page as it stands now (its tries, its
    /// links), built only when the form goes back; `history` is what the trainee did before
    /// (nothing, in a preview).
    static func read(_ form: FormFields, assessment: Assessment, module: Module, page: @autoclosure () -> AssessmentModel, history: [TraineeEvent]) -> SentCheck {
        let answers = AssessmentForm.answers(assessment, form)
        // A reflection that could not be sent, or words that cannot be kept, bring the answers
        // back, so none is dropped unseen and nothing is counted.
        let problems = Progression.reflectionProblems(in: answers, of: assessment, history: history)
        let textProblems = AssessmentForm.textProblems(assessment, form)
        if !problems.isEmpty || !textProblems.isEmpty {
            var model = page()
            model.keep(form)
            for question in assessment.questions {
                if let problem = textProblems[question.id] {
                    model.show(problem, onQuestion: question.id)
                } else if let problem = problems[question.id] {
                    model.show(AssessmentModel.words(for: problem), onQuestion: question.id)
                }
            }
            return .again(model, status: .badRequest)
        }
        // Blanks count as not right, so a check sent with questions left out asks first; the
        // answers come back as they were, and nothing is counted until they choose.
        let unanswered = assessment.questions.filter { question in
            switch question.kind {
            case .information: return false
            case .blanks(_, let blanks): return BlanksForm.hasEmptyBlank(question.id, blanks, form)
            default: return answers[question.id] == nil
            }
        }
        if !unanswered.isEmpty, form["send-anyway"] != "yes" {
            var model = page()
            model.keep(form)
            model.askAboutBlanks(unanswered.map(\.id))
            return .again(model, status: .ok)
        }
        return .scored(Scoring.attempt(assessment, moduleID: module.id, answers: answers).record)
    }
}
