"""Cleaning pasted plain text: page chrome out, metadata (headline, byline, dateline, date) lifted out.

People paste articles with whatever the page showed around them: section labels, summary boxes,
share prompts, promos, embedded posts, teasers for other stories, an aggregator's own context
panels. Every sentence of reporting must survive and none of that may reach the claim extractor,
so the cleaner works in two steps:

1. each line is classified on its own: the chrome lexicon (``storyscope/data/chrome.json``) and
   its shape (sentence, headline, a person's name, an all-caps place, a date);
2. a walk in reading order applies context: the header zone before the first reporting paragraph
   (title, standfirst, byline, dateline), boxes that run from a heading to a resume label or the
   end, teasers (a section label mid-article followed by another story's headline and author),
   runs of short lines inside promo blocks, and repeated blocks.

Everything taken out is recorded in ``CleanResult.removed`` with its reason, so a bench can check
both directions. Reasons: chrome | summary-box | sidebar | promo | newsletter | share | tags |
related | credit | caption | embed | teaser | audio | disclaimer | repeat | stay-tuned | prefix |
subheading | byline | dateline | date | headline | subtitle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from storyscope.ingest.chrome import (
    ends_sentence,
    is_headline_like,
    is_name_line,
    lexicon,
    norm_key,
    word_count,
)
from storyscope.ingest.dates import find_date
from storyscope.ingest.lines import (
    SENTENCE_SPLIT,
    Block,
    byline_names,
    dateline_prefix,
    is_subheading,
    label_blocks,
    split_blocks,
    summary_end,
)

__all__ = ["CleanResult", "Removed", "clean_text"]


@dataclass(frozen=True)
class Removed:
    """A line or block taken out of the body, with why (for the bench and for debugging)."""

    text: str
    reason: str  # one of the reasons listed in the module docstring


@dataclass(frozen=True)
class CleanResult:
    """The reporting paragraphs (joined by blank lines) and what was lifted out of the page.

    ``extras`` keys, each present only when found (several values are joined by newlines):
    ``subtitle`` (standfirst), ``signature`` (agency/publisher notice: names the outlet),
    ``credits``, ``captions``, ``subheadings``, ``label`` ("UPDATE", "BREAKING"),
    ``dateline_agency`` ("AP" in "WASHINGTON (AP) —") and ``headline`` (the page's own headline
    when a different ``title`` was given).
    """

    body: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    dateline: str | None = None
    removed: tuple[Removed, ...] = ()
    extras: dict[str, str] = field(default_factory=dict)


# Lexicon categories removed under their own name; the others are handled by context rules.
_PLAIN = {
    "promo": "promo",
    "newsletter": "newsletter",
    "share": "share",
    "tags": "tags",
    "related": "related",
    "audio": "audio",
    "embed": "embed",
    "stay_tuned": "stay-tuned",
}
# Lexicon categories whose text is worth keeping as metadata, and under which extras key.
_KEEP_AS = {"disclaimer": "signature", "credit": "credits", "caption": "captions"}
# A second copy of a block removed for one of these reasons is recorded as a repeat.
_REPEATABLE = {"promo", "newsletter", "headline", "subtitle", "teaser", "caption"}
# What may follow a standfirst on a page (and never follows a lede paragraph).
_FURNITURE = {"caption", "byline", "date", "caps-dateline", "audio"}
_NEWS_DAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b",
    re.IGNORECASE,
)
_SIDEBAR_END = {"resume", "byline", "caps-dateline"}


def _same_headline(line: str, title: str) -> bool:
    """The page's own headline line for a known title: the same words, give or take a few edits."""
    if norm_key(line) == norm_key(title):
        return True
    if not is_headline_like(line):
        return False  # a lede that shares the title's words is still reporting
    ka, kb = set(norm_key(line).split()), set(norm_key(title).split())
    return bool(ka and kb) and len(ka & kb) / len(ka | kb) >= 0.6


class _Cleaner:
    """One walk over the blocks of one article; collects body, metadata and removals."""

    def __init__(self, blocks: list[Block], title: str | None, reference: datetime | None) -> None:
        self.blocks = blocks
        self.reference = reference
        self.given_title = title
        self.title: str | None = title
        self.title_index: int | None = None
        self.author: str | None = None
        self.published: datetime | None = None
        self.dateline: str | None = None
        self.body: list[str] = []
        self.removed: list[Removed] = []
        self.extras: dict[str, list[str]] = {}
        self.seen: set[str] = set()
        self.expect_subtitle = False
        self.header_seen = False  # a content line of the header zone has been handled
        self._language: str | None | bool = False
        if title:
            self.seen.add(norm_key(title))

    # ------------------------------------------------------------------ helpers
    def drop(self, text: str, reason: str) -> None:
        self.removed.append(Removed(text, reason))
        if reason in _REPEATABLE:
            self.seen.add(norm_key(text))

    def keep_extra(self, key: str, text: str) -> None:
        self.extras.setdefault(key, []).append(text)

    def language(self) -> str | None:
        """The article's language from its prose lines, computed once and only when needed.

        Only teaser detection asks, and loading the language model costs half a second, so the
        import is deferred until then.
        """
        if self._language is False:
            from storyscope.ingest.lang import detect_language

            prose = " ".join(
                b.text for b in self.blocks if b.label is None and word_count(b.text) >= 12
            )
            self._language = detect_language(prose)
        return self._language if isinstance(self._language, str) else None

    def foreign(self, text: str) -> bool:
        from storyscope.ingest.lang import detect_language

        mine, theirs = self.language(), detect_language(text)
        return mine is not None and theirs is not None and mine != theirs

    # ------------------------------------------------------------------ walk
    def run(self) -> None:
        i = 0
        while i < len(self.blocks):
            i = self.step(i)

    def step(self, i: int) -> int:
        block = self.blocks[i]
        label = block.label
        if label == "summary":
            end = summary_end(self.blocks, i)
            for b in self.blocks[i:end]:
                self.drop(b.text, "summary-box")
            return end
        if label == "sidebar":
            return self.sidebar(i)
        if label == "related" and self.body:
            return self.related(i)
        if label in ("resume", "section", "navigation") and not (label == "section" and self.body):
            self.drop(block.text, "chrome")
            return i + 1
        if label == "section":
            return self.teaser(i)
        if label in _KEEP_AS:
            self.keep_extra(_KEEP_AS[label], block.text)
            self.drop(block.text, label)
            return i + 1
        if label in _PLAIN:
            self.drop(block.text, _PLAIN[label])
            return i + 1
        if label == "caps-dateline" and self.body:
            self.keep_extra("subheadings", block.text)  # "AUSTRALIA" heading a list item
            self.drop(block.text, "subheading")
            return i + 1
        if label in ("byline", "date", "caps-dateline"):
            self.metadata(block)
            return i + 1
        if self.body:
            self.body_block(i)
        else:
            self.header_block(i)
        return i + 1

    def sidebar(self, i: int) -> int:
        """An aggregator's panel: it runs to a resume label, an article start, or the end.

        A long paragraph of prose also ends it: panels hold headings and one- or two-sentence
        blurbs, so a long paragraph means the heading was a false alarm and the article goes on.
        """
        j = i
        while j < len(self.blocks) and (j == i or self.blocks[j].label not in _SIDEBAR_END):
            block = self.blocks[j]
            prose = word_count(block.text) > 70 or len(SENTENCE_SPLIT.split(block.text)) >= 3
            if j > i and block.label is None and prose:
                break
            key = norm_key(block.text)
            if key in self.seen and word_count(block.text) >= 3:
                reason = "repeat"
            else:
                reason = _PLAIN.get(block.label or "", "sidebar")
            self.seen.add(key)
            self.drop(block.text, reason)
            j += 1
        return j

    def metadata(self, block: Block) -> None:
        text = block.text
        if block.label == "caps-dateline":
            if self.dateline is None:
                self.dateline = text
            self.drop(text, "dateline")
            return
        if self.published is None:
            self.published = find_date(text, self.reference)
        if block.label == "byline":
            rest = lexicon().strip_prefix("byline", text)
            name = byline_names(rest if rest else text)
            if name and self.author is None:
                self.author = name
            self.drop(text, "byline")
        else:
            self.drop(text, "date")

    def teaser(self, i: int) -> int:
        """A section label mid-article: alone it is chrome; before a headline it opens a teaser."""
        self.drop(self.blocks[i].text, "chrome")
        j = i + 1
        if j < len(self.blocks) and self.blocks[j].label is None:
            text = self.blocks[j].text
            if is_headline_like(text) and (not ends_sentence(text) or self.foreign(text)):
                self.removed[-1] = Removed(self.blocks[i].text, "teaser")
                self.drop(text, "teaser")
                j += 1
                if j < len(self.blocks) and is_name_line(self.blocks[j].text):
                    self.drop(self.blocks[j].text, "teaser")
                    j += 1
        return j

    def related(self, i: int) -> int:
        """A "Read more" label mid-article takes the linked headlines under it along."""
        self.drop(self.blocks[i].text, "related")
        j = i + 1
        while j < len(self.blocks) and j <= i + 6 and self.blocks[j].label is None:
            text = self.blocks[j].text
            if not is_headline_like(text) or ends_sentence(text) or is_name_line(text):
                break
            self.drop(text, "related")
            j += 1
        return j

    def header_block(self, i: int) -> None:
        text = self.blocks[i].text
        key = norm_key(text)
        if (
            self.given_title
            and self.title_index is None
            and i <= 3
            and _same_headline(text, self.given_title)
        ):
            self.title_index = i
            self.drop(text, "headline")
            self.expect_subtitle = True
            return
        if self.title is None and is_headline_like(text) and self.is_kicker(i):
            self.drop(text, "chrome")  # "Latin America & Caribbean" above the real headline
            return
        if self.title is None and is_headline_like(text):
            label = lexicon().prefix_of("editorial_prefix", text)
            if label:
                self.keep_extra("label", label.strip(" :|—–-"))
                text = text[len(label) :]
            self.title, self.title_index = text, i
            self.seen.add(norm_key(text))
            self.drop(self.blocks[i].text, "headline")
            self.expect_subtitle = True
            return
        if (
            self.title_index is None
            and not self.header_seen
            and is_headline_like(text, max_words=16)
            and text.rstrip("\"'”’»)")[-1:].isalnum()
            and not is_name_line(text)
            and i + 1 < len(self.blocks)
        ):
            # The page's headline differs from the title the record gave: still not reporting.
            self.keep_extra("headline", text)
            self.title_index = i
            self.drop(text, "headline")
            self.expect_subtitle = True
            return
        self.header_seen = True
        if key in self.seen and word_count(text) >= 3:
            self.drop(text, "repeat")
            return
        if self.expect_subtitle and self.is_subtitle(i):
            self.extras["subtitle"] = [text]
            self.seen.add(key)
            self.expect_subtitle = False
            self.drop(text, "subtitle")
            return
        self.expect_subtitle = False
        if is_name_line(text) and self.author is None:
            self.author = text
            self.drop(text, "byline")
            return
        if word_count(text) <= 6 and not ends_sentence(text):
            self.drop(text, "chrome")
            return
        self.first_paragraph(text)

    def is_kicker(self, i: int) -> bool:
        """A label of a few words right above a longer headline: a section name the lexicon lacks."""
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return (
            word_count(self.blocks[i].text) <= 3
            and nxt is not None
            and nxt.label is None
            and is_headline_like(nxt.text)
            and word_count(nxt.text) > word_count(self.blocks[i].text) + 2
        )

    def is_subtitle(self, i: int) -> bool:
        text = self.blocks[i].text
        words = word_count(text)
        if text.endswith(":"):
            return False  # introduces what follows: reporting
        if words <= 35 and not ends_sentence(text) and words >= 4:
            return True
        if words > 45 or len(SENTENCE_SPLIT.split(text)) > 2:
            return False
        if _NEWS_DAY.search(text) or dateline_prefix(text):
            return False  # "... said on Sunday": a lede anchors the news in time, a standfirst not
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is None:
            return False
        # A standfirst is followed by page furniture (caption, byline, dateline), not by prose.
        return nxt.label in _FURNITURE or norm_key(nxt.text) in self.seen or is_name_line(nxt.text)

    def first_paragraph(self, text: str) -> None:
        label = lexicon().prefix_of("editorial_prefix", text)
        if label:
            self.keep_extra("label", label.strip(" :|—–-"))
            self.drop(label.strip(), "prefix")
            text = text[len(label) :]
        found = dateline_prefix(text)
        if found is not None:
            place, agency, end = found
            if self.dateline is None:
                self.dateline = place
            if agency:
                self.keep_extra("dateline_agency", agency)
            self.drop(text[:end].strip(), "dateline")
            text = text[end:]
        self.add_paragraph(text)

    def body_block(self, i: int) -> None:
        text = self.blocks[i].text
        key = norm_key(text)
        if key in self.seen and word_count(text) >= 3:
            self.drop(text, "repeat")
            return
        if is_name_line(text) and not ends_sentence(text):
            # A capitalised name-like line mid-article heads a section ("North Dakota").
            self.keep_extra("subheadings", text)
            self.drop(text, "subheading")
            return
        if self.is_subheading(i):
            self.keep_extra("subheadings", text)
            self.drop(text, "subheading")
            return
        self.add_paragraph(text)

    def is_subheading(self, i: int) -> bool:
        previous = self.blocks[i - 1].text if i > 0 else None
        return is_subheading(self.blocks[i].text, previous, last=i + 1 >= len(self.blocks))

    def add_paragraph(self, text: str) -> None:
        lex = lexicon()
        kept: list[str] = []
        for sentence in SENTENCE_SPLIT.split(text):
            if lex.is_("stay_tuned", sentence):
                self.drop(sentence, "stay-tuned")
            else:
                kept.append(sentence)
        paragraph = " ".join(kept).strip()
        if paragraph:
            self.body.append(paragraph)
            self.seen.add(norm_key(paragraph))

    def result(self) -> CleanResult:
        return CleanResult(
            body="\n\n".join(self.body),
            title=self.title,
            author=self.author,
            published=self.published,
            dateline=self.dateline,
            removed=tuple(self.removed),
            extras={k: "\n".join(v) for k, v in self.extras.items()},
        )


def clean_text(
    text: str, *, title: str | None = None, reference_date: datetime | None = None
) -> CleanResult:
    """Clean a pasted article.

    ``title`` is a known title (from a record or a page's metadata): when given, a first line that
    repeats it is removed; when None the first line becomes the title if it reads as a headline.
    ``reference_date`` (usually the publication or fetch time) resolves "Wednesday" in date lines.
    """
    blocks = split_blocks(text)
    label_blocks(blocks, reference_date)
    cleaner = _Cleaner(blocks, title.strip() if title else None, reference_date)
    cleaner.run()
    return cleaner.result()
