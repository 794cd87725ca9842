"""Splitting pasted text into lines and labelling each on its own."""

from __future__ import annotations

import pytest

from storyscope.ingest.lines import Block, label_blocks, split_blocks, summary_end


def test_blank_lines_and_spaces_normalised() -> None:
    blocks = split_blocks("  First line here.  \n\n\n\tSecond\u00a0 line.\n")
    assert [b.text for b in blocks] == ["First line here.", "Second line."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Officials said on Friday that the bridge would stay closed for at\n"
        "least two more weeks while engineers inspect the cables and the\n"
        "deck, which was damaged in the storm.\n\n"
        "Ferries will run every hour until then, the transport office said\n"
        "in a statement."
    )
    blocks = split_blocks(text)
    assert len(blocks) == 2
    assert blocks[0].text.endswith("damaged in the storm.")


def test_headline_and_standfirst_lines_are_not_joined() -> None:
    text = "Bridge stays closed after storm damage\nEngineers need two more weeks to inspect it."
    assert len(split_blocks(text)) == 2


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("By Jane Roe", "byline"),
        ("Jane Roe | 23.10.2025 - Update : 23.10.2025", "byline"),
        ("October 23, 2025", "date"),
        ("Updated at 10:05 a.m. ET", "date"),
        ("BERGEN", "caps-dateline"),
        ("Share this article", "share"),
        ("By the end of the year, prices had doubled.", None),
        ("Jane Roe, a teacher, said on Oct. 23, 2025 that she would run.", None),
    ],
)
def test_line_labels(line: str, label: str | None) -> None:
    blocks = [Block("Some reporting sentence that stands before the line."), Block(line)]
    label_blocks(blocks, None)
    assert blocks[1].label == label


def test_short_line_inside_promo_run_joins_it() -> None:
    blocks = [
        Block("Don't just take our word for it."),
        Block("Honest and clear"),
        Block("Find out more"),
    ]
    label_blocks(blocks, None)
    assert [b.label for b in blocks] == ["promo", "promo", "promo"]


def _blocks(*texts: str) -> list[Block]:
    blocks = [Block(t) for t in texts]
    label_blocks(blocks, None)
    return blocks


def test_summary_box_runs_to_resume_label() -> None:
    blocks = _blocks(
        "Summary",
        "Claim",
        "He said the fleet was large.",
        "Reaction",
        "Rivals doubted it.",
        "Full story",
        "The long report starts here and goes on.",
    )
    assert summary_end(blocks, 0) == 5


def test_summary_box_without_resume_takes_heading_item_pairs_only() -> None:
    blocks = _blocks(
        "Key points",
        "Claim",
        "He said the fleet was large.",
        "The report itself starts here, with a first sentence of reporting.",
    )
    assert summary_end(blocks, 0) == 3
