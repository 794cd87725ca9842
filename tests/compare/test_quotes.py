import pytest

from storyscope.compare.people import People
from storyscope.compare.quotes import find_quotes, is_phrase, quotes_of
from storyscope.model import Article

CONTEXT = (
    "Valdorian President Tomás Ferreira addressed officers on Tuesday. "
    "Prime Minister Helen Marsh replied from Estland."
)


def _speakers(paragraph: str) -> list[tuple[str, str | None]]:
    article = Article(id="a", body=CONTEXT + "\n\n" + paragraph)
    people = People([article.body])
    return [(f.text, f.speaker) for f in quotes_of(article, people)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "“Every army respects our rockets and our coast,” Ferreira said on Tuesday.",
            [("Every army respects our rockets and our coast", "Tomás Ferreira")],
        ),
        (
            'Ferreira stated, "Every army respects our rockets and our coast."',
            [("Every army respects our rockets and our coast.", "Tomás Ferreira")],
        ),
        (
            "«Every army respects our rockets and our coast», said Tomas Ferreira.",
            [("Every army respects our rockets and our coast", "Tomás Ferreira")],
        ),
        (
            "Ferreira sent a warning to Estland: “Every army respects our rockets and our coast.”",
            [("Every army respects our rockets and our coast.", "Tomás Ferreira")],
        ),
        (
            "“We are looking at the ports now,” Marsh told reporters during a visit.",
            [("We are looking at the ports now", "Helen Marsh")],
        ),
        (
            "“Whoever understands, understands,” Ferreira continued. “Let nobody provoke Valdoria.”",
            [
                ("Whoever understands, understands", "Tomás Ferreira"),
                ("Let nobody provoke Valdoria.", "Tomás Ferreira"),
            ],
        ),
        (
            "Marsh spoke after the vote. “The coast is secured and the ports are next,” she declared.",
            [("The coast is secured and the ports are next", "Helen Marsh")],
        ),
        (
            "Ferreira said the reform would ‘protect every family in the republic’ within a year.",
            [("protect every family in the republic", "Tomás Ferreira")],
        ),
    ],
)
def test_quote_styles_and_speaker_resolution(
    paragraph: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _speakers(paragraph) == expected


@pytest.mark.parametrize(
    "text",
    ["armed conflict", "millions", "open siege", "unlawful combatants", "no less than 3,000"],
)
def test_scare_quotes_are_phrases_not_quotes(text: str) -> None:
    assert is_phrase(text)
    assert _speakers(f"Marsh called it an “{text}” in her speech to parliament.") == []


def test_translations_of_one_utterance_merge_under_one_speaker() -> None:
    arts = [
        Article(
            id="a",
            body="“Every army on earth respects the Kestrel-M, and Valdoria holds no fewer than 3,000,” Tomas Ferreira said.",
        ),
        Article(
            id="b",
            body="Ferreira warned Estland: «Every army in the world knows the force of the Kestrel-M, and Valdoria holds 3,000 Kestrel-M in coastal posts.»",
        ),
        Article(
            id="c",
            body="Valdorian President Tomás Ferreira stated, “Every army on earth knows the power of the Kestrel-M and Valdoria holds no fewer than 3,000 of them.”",
        ),
        Article(
            id="d",
            body="“The ports are next and the coast is secured,” Prime Minister Helen Marsh said.",
        ),
    ]
    quotes = [q for q, _ in find_quotes(arts)]
    assert [(q.speaker, q.article_ids) for q in quotes] == [
        ("Tomás Ferreira", ("a", "b", "c")),
        ("Helen Marsh", ("d",)),
    ]
    assert [v.article_id for v in quotes[0].variants] == ["a", "b", "c"]


def test_same_words_by_different_named_speakers_merge_only_when_near_verbatim() -> None:
    arts = [
        Article(id="a", body="“Taxes on harbour fuel will rise next spring,” Tomas Ferreira said."),
        Article(
            id="b",
            body="“Taxes on harbour fuel will fall after the storm season,” Helen Marsh said.",
        ),
    ]
    assert len(find_quotes(arts)) == 2


def test_a_named_organisation_can_speak() -> None:
    assert _speakers(
        "“The outage did not expose any customer data,” Lanner Telecom said on Monday."
    ) == [("The outage did not expose any customer data", "Lanner Telecom")]


@pytest.mark.parametrize("thing", ["Comet", "Mount", "Hurricane", "Operation"])
def test_a_thing_named_after_a_person_does_not_become_the_speaker(thing: str) -> None:
    """Regression: "Comet Solberg" (twice) outvoted "Ingrid Solberg" (once) as the speaker."""
    body = (
        f"The object, named {thing} Solberg, was found in May by Ingrid Solberg, a teacher.\n\n"
        f"Astronomers said {thing} Solberg will pass in September.\n\n"
        "“I checked it four times before I sent the report,” Solberg said."
    )
    article = Article(id="a", body=body)
    quotes = quotes_of(article, People([body]))
    assert [q.speaker for q in quotes] == ["Ingrid Solberg"]
