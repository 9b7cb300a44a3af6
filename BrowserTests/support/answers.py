"""Answers to a check, read from the assessment file itself, so the journeys follow the
curriculum as it is: right answers to pass, wrong ones to fail.

Each answer is a step a person takes on the check page: ("choose", input id), ("type", input id,
text) or ("pick", select id, option value)."""

import os
import xml.etree.ElementTree as ElementTree

NS = "{urn:waymark:curriculum:1}"
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Plain words, long enough for any min-words in the bundled curriculum.
REFLECTION_TEXT = (
    "When I was leaving prison a volunteer sat with me and listened without rushing me, and that "
    "patience helped me trust the service again. I want to offer the same steady attention to "
    "someone else, keep clear boundaries, ask my supervisor when I am unsure, and look after my own "
    "wellbeing so that I can keep showing up week after week for the people I support."
)


def assessment(programme: str, assessment_id: str):
    path = os.path.join(REPOSITORY, "Assessments", programme, f"{assessment_id}.xml")
    return ElementTree.parse(path).getroot()


def _correct_choices(question):
    return [c.get("id") for c in question.findall(NS + "choice") if c.get("correct") == "true"]


def _wrong_choices(question):
    return [c.get("id") for c in question.findall(NS + "choice") if c.get("correct") != "true"]


def _accepted_text(question) -> str:
    for accept in question.findall(NS + "accept"):
        if accept.get("weight", "100") == "100":
            return accept.text.strip().replace("*", "anything")
    raise ValueError(f"{question.get('id')} has no fully right answer")


def _numerical(question) -> str:
    for answer in question.findall(NS + "answer"):
        if answer.get("weight", "100") == "100":
            return answer.get("value")
    raise ValueError(f"{question.get('id')} has no fully right number")


def answers(programme: str, assessment_id: str, right: bool) -> list:
    steps = []
    for question in assessment(programme, assessment_id):
        kind = question.tag.replace(NS, "")
        field = f"q-{question.get('id')}"
        if kind == "single-choice":
            choice = (_correct_choices(question) if right else _wrong_choices(question))[0]
            steps.append(("choose", f"{field}-{choice}"))
        elif kind == "multiple-choice":
            for choice in _correct_choices(question) if right else _wrong_choices(question)[:1]:
                steps.append(("choose", f"{field}-{choice}"))
        elif kind == "true-false":
            answer = question.get("answer") == "true"
            steps.append(("choose", f"{field}-{'true' if answer == right else 'false'}"))
        elif kind == "short-answer":
            steps.append(("type", field, _accepted_text(question) if right else "I am not sure"))
        elif kind == "numerical":
            steps.append(("type", field, _numerical(question) if right else "987654"))
        elif kind == "matching":
            pairs = question.findall(NS + "pair")
            matches = [p.find(NS + "match").text.strip() for p in pairs]
            for index, pair in enumerate(pairs):
                # Wrong: every term gets the next term's match.
                match = matches[index] if right else matches[(index + 1) % len(matches)]
                steps.append(("pick", f"{field}-{pair.get('id')}", match))
        elif kind == "ordering":
            items = question.findall(NS + "item")
            for position, item in enumerate(items, start=1):
                place = position if right else len(items) + 1 - position
                steps.append(("pick", f"{field}-{item.get('id')}", str(place)))
        elif kind == "blanks":
            steps += blank_steps(question, right)
        elif kind == "reflection":
            steps.append(("type", field, REFLECTION_TEXT))
    return steps


def blank_steps(question, right: bool) -> list:
    """One step per blank: its full-marks answer, or a wrong one (a wrong option, a far-off number)."""
    steps = []
    for blank in question.findall(NS + "blank"):
        field = f"q-{question.get('id')}-{blank.get('n')}"
        choose = blank.find(NS + "choose")
        numbers = blank.findall(NS + "number")
        if choose is not None:
            options = choose.findall(NS + "option")
            wanted = [o for o in options if (o.get("correct") == "true" or o.get("weight") == "100") == right]
            steps.append(("pick", field, wanted[0].text.strip()))
        elif numbers:
            right_number = next(n.get("value") for n in numbers if n.get("weight", "100") == "100")
            steps.append(("type", field, right_number if right else "987654"))
        else:
            steps.append(("type", field, _accepted_text(blank) if right else "I am not sure"))
    return steps


def question_kinds(programme: str, assessment_id: str) -> set:
    return {q.tag.replace(NS, "") for q in assessment(programme, assessment_id)} - {"title", "introduction"}
