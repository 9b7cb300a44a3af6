import WaymarkXML

/// A unit file read on its own.
struct UnitFile: Sendable {
    var unit: Unit
    var id: IDAnchor
    var reflections: [IDAnchor]
}

extension FileReader {
    mutating func readUnit(_ root: ParsedElement) -> UnitFile {
        var reflectionAnchors: [IDAnchor] = []
        let reflections = children(root, "reflection").map { element in
            let prompt = ReflectionPrompt(
                id: element.attribute("id") ?? "",
                prompt: child(element, "prompt").map(TextReader.inlines) ?? [],
                guidance: child(element, "guidance").map(TextReader.inlines) ?? [],
                minimumWords: int(element, "min-words"),
                needsReview: bool(element, "review", default: true)
            )
            reflectionAnchors.append(IDAnchor(id: prompt.id, file: path, location: element.deferredLocation(ofAttribute: "id")))
            return prompt
        }
        let sections = children(root, "section").map { element in
            Section(
                id: element.attribute("id") ?? "",
                title: title(child(element, "title")),
                blocks: TextReader.blocks(element.children.filter { !$0.isNamed("title") })
            )
        }
        let id = root.attribute("id") ?? ""
        return UnitFile(
            unit: Unit(
                id: id,
                title: title(child(root, "title")),
                minutes: int(root, "minutes"),
                objectives: child(root, "objectives").map { children($0, "objective").map(TextReader.inlines) } ?? [],
                sections: sections,
                reflections: reflections,
                sourcePath: path
            ),
            id: IDAnchor(id: id, file: path, location: root.deferredLocation(ofAttribute: "id")),
            reflections: reflectionAnchors
        )
    }
}
