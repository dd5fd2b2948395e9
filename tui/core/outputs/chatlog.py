"""A looked-back chat's log (Markdown; the JSON is :meth:`Analysis.to_json`), in the formats
of :data:`tui.core.outputs.formats.CHAT`."""

from __future__ import annotations

import time

from tui.core.chat.analysis import Analysis
from tui.core.model.content import Content
from tui.core.outputs.casepack import md_text


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
