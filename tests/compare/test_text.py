import pytest

from storyscope.compare.text import content_stems, split_clauses, split_sentences, stem


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The U.S. Navy sent two ships. Officials in Mirel were not told.",
            ["The U.S. Navy sent two ships.", "Officials in Mirel were not told."],
        ),
        (
            "The talks opened on Oct. 21 in Lanner. Both sides attended.",
            ["The talks opened on Oct. 21 in Lanner.", "Both sides attended."],
        ),
        (
            "Dr. Ana Vell and Gen. Paul Orr spoke first. Then the minister arrived.",
            ["Dr. Ana Vell and Gen. Paul Orr spoke first.", "Then the minister arrived."],
        ),
        (
            "The rocket flies 3.7 miles at most. George H. Bush was not mentioned.",
            ["The rocket flies 3.7 miles at most.", "George H. Bush was not mentioned."],
        ),
        (
            "“We will not retreat.” Ferreira then left the stage.",
            ["“We will not retreat.”", "Ferreira then left the stage."],
        ),
        (
            '"Who would?" he asked. Nobody answered.',
            ['"Who would?" he asked.', "Nobody answered."],
        ),
    ],
)
def test_sentences_survive_abbreviations_decimals_and_quotes(
    paragraph: str, expected: list[str]
) -> None:
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        (
            "Estland sent 2,300 soldiers to the border; Valdoria moved its rockets to the coast.",
            2,
        ),
        (
            "Estland has deployed frigates near the coast, while Valdoria accuses it of planning a blockade.",
            2,
        ),
        (
            "Ferreira praised the army at length, and the crowd cheered loudly for several minutes.",
            2,
        ),
        # A list joined by ", and" stays one statement.
        ("The fleet includes frigates, tankers, and two submarines.", 1),
        # A quoted sentence is never cut.
        ("“We are ready; nobody will cross the line,” Ferreira said on Tuesday.", 1),
    ],
)
def test_clauses_split_only_between_independent_statements(sentence: str, parts: int) -> None:
    assert len(split_clauses(sentence)) == parts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("missiles", "missile"),
        ("deployed", "deployment"),
        ("verification", "verified"),
        ("positioned", "positions"),
        ("vessels", "boats"),
        ("rockets", "missiles"),
        ("Ferreira’s", "Ferreira"),
    ],
)
def test_word_families_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_content_words_drop_reporting_verbs_qualifiers_and_numbers() -> None:
    stems = content_stems(
        "Ferreira said the country possesses no fewer than five thousand rockets."
    )
    assert set(stems) == {stem("Ferreira"), stem("country"), stem("rockets")}
