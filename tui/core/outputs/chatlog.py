"""A looked-back chat's log (Markdown; the JSON is :meth:`Analysis.to_json`), in the formats
of :data:`tui.core.outputs.formats.CHAT`."""

from __future__ import annotations

import time

from tui.core.chat.analysis import Analysis
from tui.core.model.content import Content
from tui.core.outputs.casepack import NEIGHBOURS, Choice, Mark, Moment, Pack, Step, md_text


def render_json(model: Content, analysis: Analysis) -> str:
    return analysis.to_json(model)


def render_markdown(model: Content, analysis: Analysis) -> str:
    """The analysis as a reflection log: timeline of phases, knapper and question types, the
    «HER» moments with the turns around them, then the (masked) chat."""
    ui = model.ui
    counts = analysis.counts()
    day = time.strftime("%d.%m.%Y", time.localtime(analysis.created_at))
    out = [f"# {md_text(ui['chat.log.title'].format(date=day))}", ""]
    facts = ui["chat.log.facts"].format(turns=counts["turns"], questions=counts["questions"],
                                        typed=counts["typed"], her=counts["her"])  # fmt: skip
    out += [md_text(facts), ""]
    out += [f"## {md_text(ui['chat.log.timeline'])}", ""]
    for index in range(len(analysis.turns)):
        marks = []
        if index in analysis.phases:
            marks.append(model.phase(analysis.phases[index]).name)
        if index in analysis.knapper:
            marks.append(f"◆ {model.knapp(analysis.knapper[index]).name}")
        if index in analysis.kinds:
            marks.append(ui[f"tomm.{analysis.kinds[index]}"])
        if marks:
            out.append(f"- {index + 1}: {md_text(' · '.join(marks))}")
    if not (analysis.phases or analysis.knapper or analysis.kinds):
        out.append(f"*{md_text(ui['chat.log.no_marks'])}*")
    out.append("")
    if counts["kinds"]:
        kinds = ", ".join(f"{ui[f'tomm.{k}']} {n}" for k, n in counts["kinds"].items())
        out += [md_text(ui["chat.log.kinds"].format(kinds=kinds)), ""]
    out += [f"## {md_text(ui['chat.log.her'])}", ""]
    for index in sorted(analysis.her):
        out.append(f"### {md_text(ui['chat.log.her_at'].format(n=index + 1))}")
        out.append("")
        for near in range(max(0, index - 1), min(len(analysis.turns), index + 2)):
            turn = analysis.turns[near]
            out.append(f"- {md_text(ui[f'chat.role.{turn.speaker}'])}: {md_text(turn.text)}")
        out += ["", f"**{md_text(analysis.her[index])}**", ""]
    if not analysis.her:
        out += [f"*{md_text(ui['chat.log.no_her'])}*", ""]
    out += [f"## {md_text(ui['chat.log.chat'])}", ""]
    for index, turn in enumerate(analysis.turns):
        out.append(
            f"{index + 1}\\. {md_text(ui[f'chat.role.{turn.speaker}'])}: {md_text(turn.text)}"
        )
    out += ["", f"*{md_text(ui['chat.log.footer'].format(masked=analysis.masked))}*", ""]
    return "\n".join(out)


def pack_from_chat(model: Content, analysis: Analysis, choice: Choice) -> Pack:
    """A kollegaveiledning pack from a chat looked back on: the «HER» moments with the turns
    around them instead of notes, and the phases with their knapper and question types as the
    timeline. No date, no length and no channel detail: a transcript's pack says nothing to
    link it to a day. Its texts go through the pack review like any pack's."""
    ui = model.ui
    turns = analysis.turns
    moments: list[list[Moment]] = []
    if choice.moments:
        for index in sorted(analysis.her):
            group = []
            for near in range(max(0, index - NEIGHBOURS), min(len(turns), index + NEIGHBOURS + 1)):
                phase = analysis.phase_at(near)
                knapp = analysis.knapper.get(near)
                role = ui[f"chat.role.{turns[near].speaker}"]
                group.append(Moment(model.phase(phase).name if phase else "–",
                                    f"{role}: {turns[near].text}", near == index,
                                    model.knapp(knapp).name if knapp else None))  # fmt: skip
            phase = analysis.phase_at(index)
            group.append(Moment(model.phase(phase).name if phase else "–",
                                f"{ui['chat.log.her']}: {analysis.her[index]}", True))  # fmt: skip
            moments.append(group)
    steps: list[Step] = []
    if choice.timeline:
        for start in sorted(analysis.phases):
            phase = analysis.phases[start]
            following = [i for i in sorted(analysis.phases) if i > start]
            end = following[0] if following else len(turns)
            marks = [Mark("knapp", model.knapp(analysis.knapper[i]).name)
                     for i in range(start, end) if i in analysis.knapper]  # fmt: skip
            marks += [Mark("copy", ui[f"tomm.{analysis.kinds[i]}"])
                      for i in range(start, end) if i in analysis.kinds]  # fmt: skip
            steps.append(Step(phase, model.phase(phase).name, tuple(marks)))
    return Pack(channel="chat", steps=steps, source="chat", moments=moments,
                question=choice.question.strip(), name=choice.name.strip(),
                discussion=[ui[f"pakke.discuss.{i}"] for i in range(1, 5)])  # fmt: skip
