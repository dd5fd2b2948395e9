"""The overview's ring labels: shortened on purpose, never cut mid-word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.model.content import Content
from tui.core.model.rings import best_label, fit_label, labels

words = st.lists(st.text("abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=14), min_size=1,
                 max_size=8)  # fmt: skip


@given(words, st.integers(2, 30), st.integers(1, 3))
def test_fitted_labels_stay_inside_and_never_cut_a_word_that_would_fit(
    parts: list[str], width: int, lines: int
) -> None:
    text = " ".join(parts)
    rows = fit_label(text, width, lines)
    assert 1 <= len(rows) <= lines
    for row in rows:
        assert len(row) <= width, (row, width)
        for word in row.split():
            whole = word.rstrip("…")
            if whole != word and len(whole) + 1 == width and " " not in row:
                continue  # a word longer than the whole label: the only cut allowed
            assert whole in parts, (word, parts)


def test_the_pairs_keep_their_first_half() -> None:
    assert fit_label("Hva er mulig – og hva stopper meg?", 11) == ["Hva er", "mulig…"]
    assert fit_label("Hva skal endres – og hva skal stå fast?", 11, 1) == ["Hva skal…"]
    assert fit_label("Meg og omgivelsene", 11) == ["Meg og", "omgivelsene"]


def test_a_small_window_shows_the_theory_name_rather_than_one_word() -> None:
    rows = best_label(["Hva skal endres – og hva skal stå fast?", "Endring og stabilitet"], 9, 1)
    assert rows == ["Endring…"]
    rows = best_label(["Meg og omgivelsene", "Meg i kontekst"], 20, 1)
    assert rows == ["Meg og omgivelsene"]


def test_every_name_in_the_model_is_whole_words_at_the_usual_sizes(model: Content) -> None:
    names = [[model.label(s.id, True), model.label(s.id, False)] for s in model.stages]
    names += [[model.label(k.id, True), model.label(k.id, False)] for k in model.knapper]
    for width, height in [(80, 18), (120, 34), (140, 40)]:
        for label in labels(width, height, (4, 4, 5)):
            if label.ring == 0:
                continue
            index = label.sector if label.ring == 1 else 4 + label.sector
            rows = best_label(names[index], label.width, 2)
            shown = " ".join(rows).replace("…", "").split()
            source = " ".join(names[index]).split()
            assert all(word in source for word in shown), (rows, names[index])


def test_label_lines_keep_a_blank_cell_from_their_neighbours() -> None:
    from tui.core.model.rings import free_start

    assert free_start([], 10, 5, 80) == 10
    start = free_start([(10, 16)], 14, 5, 80)
    assert start is not None and (start >= 17 or start + 5 + 1 <= 10)
    assert free_start([(0, 40), (41, 80)], 20, 5, 80) is None
