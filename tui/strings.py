"""Every user-facing UI string, in one place (bokmål). Widgets call ``t(key, **values)``.

Content words (phase names, questions, knapper) live in ``content/``; these are the app's own
labels and messages.
"""

from __future__ import annotations

NB: dict[str, str] = {
    # channel
    "channel.chat": "Chat",
    "channel.phone": "Telefon",
    "channel.title": "Ny samtale",
    "channel.question": "Er dette en chat eller en telefonsamtale?",
    "channel.keys": "[b]c[/b] Chat     [b]t[/b] Telefon     [b]Esc[/b] Avslutt",
    # phase bar
    "bar.not_started": "Ikke startet – trykk {key} (eller lagre et notat) når samtalen begynner",
    "bar.finished": "Samtalen er avsluttet",
    "bar.session": "Samtale {time}",
    "bar.phase": "Fase {time}",
    "bar.round": "Runde {n}",
    "bar.renewals": "Fornyet kontrakt {n}×",
    "bar.long": "⏱ {minutes} min uten konklusjon – tid for å runde av?",
    # guide
    "guide.goal": "Mål",
    "guide.approaches": "Slik gjør du",
    "guide.questions": "Spørsmål",
    "guide.questions_hint": "{key} og tallet kopierer",
    "guide.kolb": "{ring}",
    "guide.kolb_hint": "● hører til denne fasen",
    "guide.knapper": "{ring} i denne fasen",
    "guide.knapper_hint": "{key} og bokstaven kopierer",
    "guide.knapper_none": "Ingen knapper foreslått her – alle kan brukes (Ctrl+P finner dem).",
    "guide.tips": "Tips for {channel}",
    # notes
    "notes.title": "Notater",
    "notes.placeholder": "Notat (ikke navn eller kontaktinfo) – Enter lagrer",
    "notes.tag_none": "Knapp: ingen  ({key} velger)",
    "notes.tag": "Knapp: {name}  ({key} endrer)",
    "notes.empty": "Ingen notater ennå. Skriv nederst og trykk Enter.",
    "notes.before_start": "før start",
    "notes.saved": "Notat lagret",
    # copy
    "copy.title": "Kopier",
    "copy.keys": "[b]1–{n}[/b] spørsmål   [b]a–{last}[/b] knapp   [b]Esc[/b] avbryt",
    "copy.keys_no_knapp": "[b]1–{n}[/b] spørsmål   [b]Esc[/b] avbryt",
    "copy.none": "Ingen tekst på «{key}»",
    "copy.system": "Kopiert – lim inn i samtalen",
    "copy.terminal": "Kopiert via terminalen (OSC 52) – sjekk at innlimingen virker",
    "copy.manual_title": "Kopier for hånd",
    "copy.manual_body": "Fant ingen utklippstavle. Teksten er merket – kopier den med terminalens "
    "egen kopiering, og trykk Esc.",
    "copy.placeholder_title": "Fyll inn før kopiering",
    "copy.placeholder_hint": "Enter kopierer · Esc avbryter",
    # tag
    "tag.title": "Knapp for notatet",
    "tag.none": "ingen knapp",
    "tag.keys": "Trykk tallet · [b]0[/b] ingen · [b]Esc[/b] avbryt",
    # moves
    "move.already-started": "Samtalen er allerede i gang",
    "move.not-started": "Samtalen har ikke startet ennå",
    "move.finished": "Samtalen er avsluttet",
    "move.same-phase": "Du er allerede i {phase}",
    "move.no-next": "Konklusjon er siste fase – {finish} avslutter, {round} starter ny runde",
    "move.no-back": "Kontakt er første fase",
    "move.new-round-outside-konklusjon": "Ny runde starter etter Konklusjon",
    "move.unknown-phase": "Ukjent fase",
    "move.renewal": "Kontrakten fornyes – hva skal vi se på nå?",
    "move.new_round": "Ny runde {n}: nytt spørsmål, ny kontrakt",
    # finish
    "finish.confirm": "Avslutte samtalen?",
    "finish.confirm_body": "Tiden stopper og samtalen oppsummeres.",
    "finish.keys": "[b]Enter[/b] avslutt   [b]Esc[/b] fortsett samtalen",
    "summary.title": "Oppsummering av samtalen",
    "summary.phase": "Fase",
    "summary.time": "Tid",
    "summary.total": "Hele samtalen",
    "summary.channel": "Kanal",
    "summary.renewals": "Fornyet kontrakt",
    "summary.rounds": "Runder",
    "summary.notes": "Notater",
    "summary.copies": "Kopierte spørsmål",
    "summary.tagged": "Knapper brukt",
    "summary.none": "ingen",
    "summary.quit": "Lukk Veiviser",
    # info and help
    "info.meaning": "Hva det handler om",
    "info.dilemma": "Dilemmaet",
    "info.prompts": "Spørsmål",
    "info.keys": "[b]1–{n}[/b] kopier   [b]Esc[/b] tilbake",
    "info.plain": "Med enkle ord",
    "help.title": "Taster",
    "help.keys": "[b]Esc[/b] tilbake",
    "help.palette": "Finn spørsmål, læringstrinn eller knapp",
    # too small
    "too_small": "Vinduet er for lite ({width}×{height}).\nGjør det minst {min_w}×{min_h}.",
    # palette
    "palette.question": "Spørsmål",
    "palette.kolb": "Læring",
    "palette.knapp": "Knapp",
    "palette.phase": "Gå til fase",
    "palette.copy": "kopier",
    "palette.show": "vis forklaring",
    # bindings
    "key.kontakt": "Kontakt",
    "key.kontrakt": "Kontrakt",
    "key.kommunikasjon": "Kommunikasjon",
    "key.konklusjon": "Konklusjon",
    "key.phases": "Fase",
    "key.new_round": "Ny runde",
    "key.next": "Neste fase",
    "key.back": "Forrige fase",
    "key.finish": "Avslutt",
    "key.copy": "Kopier",
    "key.tag": "Knapp",
    "key.help": "Taster",
    "key.quit": "Lukk",
    "key.scroll_up": "Rull veiledningen opp",
    "key.scroll_down": "Rull veiledningen ned",
    "key.palette": "Søk",
}


def t(string_id: str, /, **values: object) -> str:
    """Return the UI string ``string_id`` with ``values`` filled in."""
    text = NB[string_id]
    return text.format(**values) if values else text
