import Foundation
import Hummingbird
import WaymarkActions
import WaymarkProgress
import WaymarkStore

extension Web {
    /// CPD hours toward renewing a certificate. Only a trainee whose certificate renews with CPD
    /// can log them; anyone else is told when they can, and nothing is recorded.
    func addCPDRoutes(to router: Router<WebContext>) {
        let trainee = group(router, .only([.trainee]))

        trainee.get("/cpd") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            let notice = exchange.query("notice") == "logged" ? "Your CPD hours are logged. Thank you." : nil
            return page("cpd", CPDModel(view, date: dates.input(now())), title: "CPD hours", exchange, notice: notice)
        }

        addProgressRoute(router, .post, "/cpd", action: { _ in .logCPD }) { exchange, view in
            var model = CPDModel(view, date: "")
            guard
                let (day, hours) = model.check(
                    date: exchange.form["date"] ?? "",
                    hours: exchange.form["hours"] ?? "",
                    activity: exchange.form["activity"] ?? "",
                    now: now()
                )
            else {
                return page("cpd", model, title: "CPD hours", exchange, status: .badRequest)
            }
            try await Practice(store: store).logCPD(on: day, hours: hours, activity: model.activity, by: view.person.id, on: view.programme, at: now())
            return redirect("/cpd?notice=logged")
        }
    }
}
