"""#24 part 1, a chat looked back on: the formats read (Zendesk, named lines, plain lines) and
the malformed said with file:line; nothing identifying survives into what is kept (names become
roles, the pack review masks the rest); suggestions come from the guide's own lines."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tui.core.base.problems import ContentError
from tui.core.chat.analysis import Analysis, Suggester, from_json, review
from tui.core.chat.transcript import COUNSELLOR, VEISOKER, parse, read
from tui.core.model.content import Content
from tui.core.outputs.casepack import vocabulary
from tui.core.outputs.chatlog import render_markdown

CHATS = Path(__file__).resolve().parents[1] / "data" / "chats"
SCHEMA = Path(__file__).resolve().parents[2] / "tui" / "schema" / "chat-analysis.v1.schema.json"


def test_a_zendesk_transcript_is_read_into_turns() -> None:
    transcript = read(CHATS / "zendesk.txt")
    assert transcript.form == "zendesk"
    assert transcript.speakers == ("Anne Veileder", "Visitor 48213377")
    assert len(transcript.turns) == 11  # the header and «*** joined ***» are left out
    assert transcript.turns[0].at == 14 * 3600 + 32 * 60 + 5
    assert (
        transcript.turns[3].text == "skole. mamma vil at jeg skal bli sykepleier\nmen jeg vet ikke"
    )
    assert transcript.turns[3].line == 7


def test_twelve_hour_clocks_and_brackets() -> None:
    transcript = parse("(02:15:03 PM) A: hei\n[2:16 PM] B: hallo\n(12:01:00 AM) A: sent\n")
    assert [turn.at for turn in transcript.turns] == [14 * 3600 + 15 * 60 + 3, 14 * 3600 + 960, 60]


def test_named_and_plain_lines() -> None:
    named = read(CHATS / "named.txt")
    assert named.form == "named" and named.speakers == ("Veileder", "Ungdom")
    assert named.turns[1].text == "jeg vet ikke hva jeg skal velge\nmen mamma mener noe"
    plain = read(CHATS / "plain.txt")
    assert plain.form == "plain" and [t.speaker for t in plain.turns] == ["1", "2", "1", "2"]
    paragraphs = parse("Hei!\nHva lurer du på?\n\njeg vet ikke\n\nFortell mer?\n")
    assert [t.text for t in paragraphs.turns] == ["Hei!\nHva lurer du på?", "jeg vet ikke",
                                                  "Fortell mer?"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ((CHATS / "no-speaker.txt").read_text(encoding="utf-8"), ":2:", "Navn:"),
        ("", "", "ingen meldinger"),
        ("Veileder: hei\nVeileder: er du der?\n", ":1:", "bare én"),
    ],
)
def test_what_is_not_a_chat_is_said_with_file_and_line(text: str, where: str, said: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse(text, "chat.txt")
    message = "\n".join(str(p) for p in caught.value.problems)
    assert message.startswith("chat.txt") and where in message and said in message


def test_a_binary_or_huge_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "bilde.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    with pytest.raises(ContentError, match="ikke tekst"):
        read(binary)
    huge = tmp_path / "stor.txt"
    huge.write_bytes(b"A: b\n" * 500_000)
    with pytest.raises(ContentError, match="for stor"):
        read(huge)
    ansi = tmp_path / "ansi.txt"
    ansi.write_bytes("Veileder: Hei på deg\nUngdom: hæ?\n".encode("cp1252"))
    assert read(ansi).turns[1].text == "hæ?"  # Notepad's «ANSI», read as such


def test_what_is_kept_has_roles_and_masks_never_names_or_numbers(model: Content) -> None:
    transcript = read(CHATS / "zendesk.txt").with_counsellor("Anne Veileder")
    assert {t.speaker for t in transcript.turns} == {COUNSELLOR, VEISOKER}
    reviewed, masked = review(transcript, vocabulary(model))
    analysis = Analysis(reviewed, masked)
    analysis.mark_her(
        5, "her kunne jeg sagt til Kari at hun kan ringe 22 33 44 55", vocabulary(model)
    )
    assert analysis.masked >= masked + 2  # the note went through the review too
    kept = analysis.to_json(model) + render_markdown(model, analysis)
    for secret in ("Anne", "Visitor", "48213377", "Lillehammer", "912 34 567", "912", "Kari",
                   "22 33 44 55"):  # fmt: skip
        assert secret not in kept, secret
    assert masked >= 2 and "[TELEFON]" in kept
    times = [turn["at"] for turn in json.loads(analysis.to_json(model))["turns"]]
    assert times[0] == 0 and times[-1] == 5 * 60 + 45  # from the first message, no time of day
    jsonschema.validate(json.loads(analysis.to_json(model)), json.loads(SCHEMA.read_text()))
    again = from_json(analysis.to_json(model))
    assert again.her == analysis.her and [t.text for t in again.turns] == [
        t.text for t in reviewed.turns
    ]


def test_suggestions_come_from_the_guide_and_are_only_suggestions(model: Content) -> None:
    transcript = read(CHATS / "zendesk.txt").with_counsellor("Anne Veileder")
    analysis = Analysis(review(transcript, vocabulary(model))[0])
    analysis.suggest_all(Suggester(model))
    verbatim = analysis.suggestions[2]  # «Hva er situasjonen din nå …» is a Kontakt question
    assert verbatim.phase == "kontakt" and verbatim.kind == "lineær" and verbatim.score > 95
    knapp = analysis.suggestions[4]  # «Hvem rundt deg … meninger om dette valget?»
    assert knapp.knapp == "meg-i-kontekst"
    assert analysis.kinds == {} and analysis.phases == {}  # nothing is set until accepted
    assert (
        analysis.accept(2) and analysis.kinds == {2: "lineær"} and analysis.phases == {2: "kontakt"}
    )
    assert not analysis.accept(1)  # the veisøker's turn has no suggestion
    analysis.set_kind(1, "sirkulær")
    assert 1 not in analysis.kinds  # types are for the counsellor's own questions


def test_a_chat_is_the_source_of_a_case_pack_with_no_identifier(model: Content) -> None:
    from tui.core.outputs.casepack import Choice, mask_all, pack_findings
    from tui.core.outputs.casepack import render_html as pack_html
    from tui.core.outputs.casepack import render_markdown as pack_md
    from tui.core.outputs.chatlog import pack_from_chat

    transcript = read(CHATS / "zendesk.txt").with_counsellor("Anne Veileder")
    analysis = Analysis(*review(transcript, vocabulary(model)))
    analysis.mark_phase(0, "kontakt")
    analysis.mark_phase(8, "konklusjon")
    analysis.tag_knapp(4, "meg-i-kontekst")
    analysis.set_kind(8, "strategisk")
    analysis.mark_her(5, "her kunne jeg sagt det om Kari tydeligere", vocabulary(model))
    assert "Kari" not in analysis.her[5]  # a name typed in the note is masked as it is kept
    question = "Hva ville dere sagt til Per Hansen?"  # … and one typed for the group is found
    pack = pack_from_chat(model, analysis, Choice(question=question))
    assert len(pack.moments) == 1 and [s.phase for s in pack.steps] == ["kontakt", "konklusjon"]
    assert pack.week is None and pack.month is None and pack.minutes is None  # nothing to link
    assert [f.source for f in pack_findings(pack, vocabulary(model))] == ["question"]
    final = mask_all(pack, vocabulary(model))
    assert not pack_findings(final, vocabulary(model))
    for out in (pack_html(model, final), pack_md(model, final)):
        for secret in ("Kari", "Per Hansen", "Anne", "48213377", "Lillehammer", "912"):
            assert secret not in out, secret  # … and masked with the rest
        assert "Meg i kontekst" in out
