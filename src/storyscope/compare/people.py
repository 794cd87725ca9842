"""Person names in one story: full forms, surnames, and who "he" most recently was.

Outlets write "Nicolas Maduro", "Nicolás Maduro", "Maduro" and "Venezuelan President Nicolás
Maduro"; speakers and pronouns are resolved to one canonical full name per story, preferring the
accented spelling (the transliterated one is the lossy copy).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyscope.compare.text import fold, wordset

TITLES = wordset("""president vice prime minister secretary spokesman spokeswoman spokesperson senator sen rep
    representative governor gov general gen dr mr mrs ms dictator leader chancellor king queen
    ambassador chief director commander admiral adm col colonel lt sgt captain capt judge justice
    mayor defense foreign interior state venezuelan american russian us u.s former acting deputy
    pope prince minister's speaker chairman chairwoman chair whip commissioner sheriff attorney
    adviser advisor aide envoy spokesperson premier president-elect gov. sen. rep. dr. gen. lt.
    sgt. capt. col. adm. mr. mrs. ms.""")
NOT_NAMES = wordset("""the a an this that these those in on at since meanwhile however but and as after before during
    separately last recently update according both his her their its it he she they we i cnn reuters
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec effective""")
# Words that make a capitalised run a place, organisation or thing rather than a person.
NON_PERSON = wordset("""sea ocean pacific atlantic caribbean command council regiment institute studies university
    house ministry agency department court district forces force army navy guard party congress
    senate states united america american latin south north east west eastern western southern
    northern kingdom union nations republic news times post journal press television radio network
    cartel cártel de los soles tren aragua stalkers operations aviation special federation
    administration government international strategic media group system missile missiles igla-s
    stinger broadcasting agency's venezuela venezuelan russia russian colombia moscow washington
    caracas pentagon cia fbi white comet asteroid planet hurricane storm typhoon cyclone tropical
    mount lake river cape fort camp bridge street avenue square park station airport port
    operation prize award cup""")
_RUN = re.compile(r"[A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*){0,5}")
PRONOUNS = frozenset({"he", "she"})
_PERSON_TITLES = TITLES - wordset(
    "venezuelan american russian us u.s state defense foreign interior former acting deputy vice"
)


def _clean_run(run: str) -> list[str]:
    toks = [t[:-2] if t.endswith(("’s", "'s")) else t for t in run.split()]
    # "Valdorian President Tomás Ferreira": whatever precedes the last title modifies it.
    titled = [i for i, t in enumerate(toks[:-1]) if t.lower() in _PERSON_TITLES]
    if titled:
        toks = toks[titled[-1] + 1 :]
    while toks and (toks[0].lower() in TITLES or toks[0].lower() in NOT_NAMES):
        toks = toks[1:]
    return toks


def is_person_run(toks: list[str]) -> bool:
    return bool(toks) and all(
        fold(t).lower() not in NON_PERSON and fold(t).lower() not in NOT_NAMES for t in toks
    )


class People:
    """The persons named in a set of texts, keyed by folded surname."""

    def __init__(self, texts: Iterable[str]) -> None:
        fulls: Counter[str] = Counter()
        singles: Counter[str] = Counter()
        for text in texts:
            for m in _RUN.finditer(text):
                toks = _clean_run(m.group())
                # A capitalised pair opening a sentence ("Effective Nov.") is not evidence of a
                # name unless a title introduced it.
                before = text[: m.start()]
                prev = before.split()[-1].lower() if before.split() else ""
                titled = len(toks) < len(m.group().split()) or prev in TITLES
                opens = not before.strip() or bool(re.search(r"[.!?\"“”:]\s*$", before))
                if not is_person_run(toks) or not (titled or not opens):
                    continue
                if 2 <= len(toks) <= 3:
                    fulls[" ".join(toks)] += 1
                elif len(toks) == 1 and titled:
                    singles[toks[0]] += 1  # "President Biden": a person known by surname only
        self._by_surname: dict[str, str] = {}
        for full, _ in sorted(fulls.items(), key=lambda kv: (-_accented(kv[0]), -kv[1], kv[0])):
            self._by_surname.setdefault(fold(full.split()[-1]).lower(), full)
        for single in sorted(singles):
            self._by_surname.setdefault(fold(single).lower(), single)
        # Accent-folded forms of the same name collapse to the accented one.
        self._folded = {fold(v).lower(): v for v in self._by_surname.values()}

    def canonical(self, name: str) -> str | None:
        """The story's full form of ``name`` (a full name, surname or titled name); None if none."""
        toks = _clean_run(name)
        if not toks or not is_person_run(toks):
            return None
        key = fold(" ".join(toks)).lower()
        if key in self._folded:
            return self._folded[key]
        return self._by_surname.get(
            fold(toks[-1]).lower(), " ".join(toks) if len(toks) >= 2 else None
        )

    def is_person(self, name: str) -> bool:
        toks = _clean_run(name)
        titled = any(w.lower().strip(",.") in _PERSON_TITLES for w in name.split())
        return titled or (bool(toks) and fold(toks[-1]).lower() in self._by_surname)

    def last_before(self, text: str) -> str | None:
        """The most recent person named in ``text`` (for resolving "he"/"she")."""
        found: str | None = None
        for m in _RUN.finditer(text):
            for tok in reversed(_clean_run(m.group())):
                key = fold(tok).lower()
                if key in self._by_surname:
                    found = self._by_surname[key]
                    break
        return found


def _accented(name: str) -> int:
    return int(fold(name) != name)
