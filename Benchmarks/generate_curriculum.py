#!/usr/bin/env python3
"""Writes a large, valid Waymark curriculum for benchmarks.

    python3 Benchmarks/generate_curriculum.py OUT_DIR [--units 200] [--questions-per-unit 20]

The defaults give about 200 units and 4,000 questions, about 10 MB, spread over one programme
file, 200 unit files and 200 assessment files, using every question type.
"""
import argparse
import os

NS = "urn:waymark:curriculum:1"
WORDS = ("listen small step support change trust boundary service mentor hope time "
         "plan goal care voice story safe supervision reflect").split()


def sentence(seed, length=14):
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(seed):
    return " ".join(sentence(seed + k) for k in range(5))


def unit(index, sections):
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<unit xmlns="{NS}" id="u{index}" minutes="20">',
             f"  <title>Unit {index}: {sentence(index, 5)}</title>",
             "  <objectives>"]
    parts += [f"    <objective>{sentence(index + k, 8)}</objective>" for k in range(3)]
    parts.append("  </objectives>")
    for s in range(sections):
        parts.append(f'  <section id="s{s}">\n    <title>Section {s}</title>')
        parts.append(f"    <p>{paragraph(index + s)} <em>{sentence(s, 4)}</em> <strong>{sentence(s + 1, 3)}</strong></p>")
        parts.append(f"    <p>{paragraph(index * 3 + s)} See <link href=\"https://example.org/{index}/{s}\">this page</link>.</p>")
        parts.append("    <list>" + "".join(f"<item>{sentence(index + s + k, 6)}</item>" for k in range(4)) + "</list>")
        parts.append(f'    <callout kind="tip"><p>{paragraph(s)}</p></callout>')
        parts.append("  </section>")
    parts.append(f'  <reflection id="r{index}"><prompt>{sentence(index, 10)}</prompt><guidance>{sentence(index + 1, 8)}</guidance></reflection>')
    parts.append("</unit>\n")
    return "\n".join(parts)


def question(index, q):
    kind = q % 8
    qid = f"q{q}"
    prompt = f"<prompt>{sentence(index + q, 24)} {sentence(index + q + 1, 24)}</prompt>"
    if kind in (0, 1):
        tag = "single-choice" if kind == 0 else "multiple-choice"
        correct = ' correct="true"'
        choices = "".join(
            f'<choice id="c{c}"{correct if c == 0 or (kind == 1 and c == 2) else ""} feedback="{sentence(c, 6)}">{sentence(index + c, 7)}</choice>'
            for c in range(4))
        return f'  <{tag} id="{qid}">{prompt}{choices}<feedback when="incorrect">{sentence(q, 9)}</feedback></{tag}>'
    if kind == 2:
        return f'  <true-false id="{qid}" answer="true">{prompt}<feedback when="correct">{sentence(q, 5)}</feedback></true-false>'
    if kind == 3:
        return f'  <short-answer id="{qid}">{prompt}<accept>mentee</accept><accept weight="50">a mentee*</accept></short-answer>'
    if kind == 4:
        return f'  <numerical id="{qid}">{prompt}<answer value="20" tolerance="0.5"/><answer value="19" weight="50"/></numerical>'
    if kind == 5:
        pairs = "".join(f'<pair id="p{p}"><term>{sentence(p, 4)}</term><match>Match {p} {index}</match></pair>' for p in range(4))
        return f'  <matching id="{qid}">{prompt}{pairs}<distractor>Nothing like it</distractor></matching>'
    if kind == 6:
        items = "".join(f'<item id="i{i}">{sentence(i + q, 5)}</item>' for i in range(4))
        return f'  <ordering id="{qid}">{prompt}{items}</ordering>'
    return f'  <reflection id="{qid}-r{index}">{prompt}<guidance>{sentence(q, 8)}</guidance></reflection>'


def assessment(index, questions):
    body = "\n".join(question(index, q) for q in range(questions))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<assessment xmlns="{NS}" id="a{index}" pass-mark="70">\n'
            f"  <title>Check {index}</title>\n  <introduction><p>{paragraph(index)}</p></introduction>\n{body}\n</assessment>\n")


def programme(units):
    modules = []
    for i in range(units):
        requires = f' requires="m{i - 1}"' if i > 0 and i % 10 else ""
        modules.append(f'    <module id="m{i}" unit="units/u{i}.xml" assessment="a{i}"{requires}/>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<programme xmlns="{NS}" id="bench" version="1">\n'
            f"  <title>Benchmark programme</title>\n  <training>\n" + "\n".join(modules) +
            f'\n  </training>\n  <practice opens-after="m0"><hours minimum="20"/></practice>\n'
            f'  <certificate title="Benchmark" valid-for-months="24"/>\n</programme>\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--questions-per-unit", type=int, default=20)
    parser.add_argument("--sections", type=int, default=16)
    args = parser.parse_args()
    units_dir = os.path.join(args.out, "Curriculum", "bench", "units")
    assessments_dir = os.path.join(args.out, "Assessments", "bench")
    os.makedirs(units_dir, exist_ok=True)
    os.makedirs(assessments_dir, exist_ok=True)
    with open(os.path.join(args.out, "Curriculum", "bench", "programme.xml"), "w") as f:
        f.write(programme(args.units))
    for i in range(args.units):
        with open(os.path.join(units_dir, f"u{i}.xml"), "w") as f:
            f.write(unit(i, args.sections))
        with open(os.path.join(assessments_dir, f"a{i}.xml"), "w") as f:
            f.write(assessment(i, args.questions_per_unit))


if __name__ == "__main__":
    main()
