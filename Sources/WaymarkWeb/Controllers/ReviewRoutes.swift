import Foundation
import Hummingbird
import WaymarkActions
import WaymarkProgress
import WaymarkStore

extension Web {
    /// Reflections a coordinator reads: the list waiting, one reflection, and the review form.
    func addReviewRoutes(to router: Router<WebContext>) {
        let coordinator = group(router, .only([.coordinator]))

        coordinator.get("/reviews") { exchange in
            var items: [ReviewListModel.Item] = []
            for programme in curriculum.current.programmes {
                var offset = 0
                while true {
                    let page = try await store.summaries(programmeID: programme.id, stage: nil, offset: offset, limit: 500)
                    for summary in page.summaries where summary.reflectionsAwaitingReview > 0 {
                        let events = try await store.eventsForProgress(traineeID: summary.traineeID, programmeID: programme.id)
                        for id in ReviewListModel.awaiting(events) {
                            items.append(
                                .init(
                                    name: summary.name,
                                    traineeID: summary.traineeID,
                                    promptID: id,
                                    prompt: ReflectionPrompts.all(programme).first { $0.id == id }?.text ?? id
                                )
                            )
                        }
                    }
                    offset += page.summaries.count
                    if page.summaries.isEmpty || offset >= page.total { break }
                }
            }
            return page("reviews", ReviewListModel(items: items), title: "Reflections to read", exchange, notice: try await reviewNotice(exchange))
        }

        coordinator.get("/trainees/:trainee/reflections/:prompt") { exchange in
            page("review", try await reviewModel(exchange), title: "Read a reflection", exchange)
        }

        coordinator.post("/trainees/:trainee/reflections/:prompt") { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            let promptID = try exchange.parameter("prompt")
            // Only a reflection that was sent can be reviewed: any other is not found, and nothing is recorded.
            _ = try await reviewModel(exchange)
            // Never an outcome that was not chosen: a missing or unknown one is asked about.
            let outcome = exchange.form["outcome"].flatMap(ReviewOutcome.init(rawValue:))
            var outcomeError: String?
            var feedbackError: String?
            var feedback = ""
            if outcome == nil { outcomeError = "Choose whether to accept it or ask them to have another look." }
            switch FreeText.longText.check(exchange.form["feedback"]) {
            case .problem(let problem): feedbackError = problem
            case .text(let text):
                feedback = text
                if outcome == .revisit && text.isEmpty { feedbackError = "Say kindly what to look at again, so they know what to change." }
            }
            guard let outcome, outcomeError == nil, feedbackError == nil else {
                // Back with the reflection under review, the choice made and the words typed.
                var model = try await reviewModel(exchange)
                model.accepted = outcome == .accepted
                model.revisit = outcome == .revisit
                model.feedback = exchange.form["feedback"] ?? ""
                model.outcomeError = outcomeError
                model.feedbackError = feedbackError
                return page("review", model, title: "Read a reflection", exchange, status: .badRequest)
            }
            try await Reflections(store: store).review(
                promptID,
                outcome: outcome,
                feedback: feedback,
                of: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now(),
                sentBackMail: mailWords.reflectionSentBack(to: person)
            )
            return redirect("/reviews?notice=reviewed&trainee=\(person.id)")
        }
    }

    /// Says a review is saved and where its trainee will see it. Only a code and an id come in
    /// the address; the words are Waymark's own.
    func reviewNotice(_ exchange: Exchange) async throws -> String? {
        guard exchange.query("notice") == "reviewed" else { return nil }
        guard let id = exchange.query("trainee"), let person = try await store.person(id: id) else { return "Your review is saved." }
        return "Your review is saved. \(person.name) will see it on their Reflections page."
    }

    /// The reflection in the path as its reviewer reads it: the latest one the trainee sent.
    func reviewModel(_ exchange: Exchange) async throws -> ReviewModel {
        let (person, programme, _) = try await traineeRecord(exchange)
        let promptID = try exchange.parameter("prompt")
        let events = try await store.events(traineeID: person.id, programmeID: programme.id)
        guard
            let text = events.reversed().compactMap({ event -> String? in
                if case .reflectionSubmitted(let id, let text) = event.kind, id == promptID { return text }
                return nil
            }).first
        else { throw WebError.notFound }
        let prompt = ReflectionPrompts.all(programme).first { $0.id == promptID }?.text ?? promptID
        return ReviewModel(traineeID: person.id, name: person.name, promptID: promptID, prompt: prompt, text: text)
    }
}
