"""Finding a person by name: the one matcher behind every name box and name argument.

Map search (Ctrl+F), the Introductions panel, `netview paths NAME`, the owner picker, the
duplicate finder and the importer's owner-by-name rule all ask it, so a name found in one
place is found in all of them. A name is compared in a folded form: pronouns, titles and
credentials dropped (``(She/Her)``, ``Dr.``, ``, MBA``: netview.core.ids.name_key), accents
stripped, punctuation gone (``O'Brien`` is ``obrien``, ``Jean-Luc`` is ``jean luc``), case
folded. Word order does not matter; typos are forgiven by a fuzzy score (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from netview.core import ids

EXACT = 100.0  # the same name, any word order
PREFIX = 95.0  # what was typed starts the name or one of its words
TYPO = 82  # fuzzy score (0..100) from which a whole name counts as a misspelling
SAME_NAME = 90  # fuzzy score from which two full names are taken as one person's (picker)

_DROP = re.compile(r"['’`´ʼ.]")  # inside a word: O'Brien, St. -> obrien, st
_SEPARATE = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=1 << 17)
def fold(name: str) -> str:
    """The comparison form of a name: "" when nothing of a name is left."""
    # One pass can split a word that the next pass reads as a title ("DR\x1b0" -> "dr 0"
    # -> "0"): fold until nothing changes, so a folded name always folds to itself.
    text = _fold_once(name)
    for _ in range(4):
        again = _fold_once(text)
        if again == text:
            break
        text = again
    return text


def _fold_once(name: str) -> str:
    text = ids.name_key(name) or name.casefold()
    # NFKD can surface capitals (ᴬ -> A) and casefolding can surface accents (İ -> i̇):
    # fold, then take apart again before dropping the accents.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Letters NFKD does not take apart.
    text = text.translate(_LETTERS)
    text = _DROP.sub("", text)
    return " ".join(_SEPARATE.sub(" ", text).split())


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i"})


def words_key(name: str) -> str:
    """The folded words in alphabetical order: equal for the same name in any word order."""
    return " ".join(sorted(fold(name).split()))


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names are the same name (spelling variants and word order, no typos)."""
    if not a or not b:
        return False
    ka = words_key(a)
    return bool(ka) and ka == words_key(b)


def similar_name(a: str | None, b: str | None) -> bool:
    """Same name, or close enough to be a typo of it (for ranking, never for merging)."""
    if same_name(a, b):
        return True
    if not a or not b:
        return False
    return bool(fuzz.token_sort_ratio(fold(a), fold(b)) >= SAME_NAME)


class NameIndex:
    """The folded names of a list of people, to look up by what a user typed."""

    def __init__(self, names: Sequence[str]) -> None:
        self.folded = [fold(n) for n in names]
        self.sorted_words = [" ".join(sorted(f.split())) for f in self.folded]
        # Without spaces: "o brien" and "obrien", "jean luc" and "jeanluc" meet.
        self.compact = [f.replace(" ", "") for f in self.folded]

    def __len__(self) -> int:
        return len(self.folded)

    def exact(self, query: str) -> list[int]:
        """People whose name is the query's name (any word order, accents, credentials)."""
        want = words_key(query)
        if not want:
            return []
        return [i for i, k in enumerate(self.sorted_words) if k == want]

    def find(
        self, query: str, limit: int | None = 10, cutoff: float = TYPO
    ) -> list[tuple[int, float]]:
        """(index, score) of the people matching `query`, best first.

        Exact names score 100; a query that starts the name or one of its words ("ana sil",
        "silva") 95; otherwise a fuzzy score of the whole name at least `cutoff`.
        """
        q = fold(query)
        if not q:
            return []
        want = " ".join(sorted(q.split()))
        scores: dict[int, float] = {}
        for i, (f, k) in enumerate(zip(self.folded, self.sorted_words, strict=True)):
            if not f:
                continue
            if k == want:
                scores[i] = EXACT
            elif f.startswith(q) or f" {q}" in f" {f}" or _words_prefix(q, f):
                scores[i] = PREFIX
        fuzzy = process.extract(
            q, self.folded, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, limit=None
        )
        fuzzy += process.extract(
            q.replace(" ", ""), self.compact, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        for _m, score, i in fuzzy:
            if self.folded[i]:
                scores[i] = max(scores.get(i, 0.0), min(float(score), PREFIX - 1))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.folded[item[0]], item[0]))
        return ranked if limit is None else ranked[:limit]


def _words_prefix(query: str, name: str) -> bool:
    """Each typed word starts a different word of the name ("sil ana" for "Ana Silva")."""
    words = name.split()
    typed = query.split()
    if len(typed) < 2 or len(typed) > len(words):
        return False
    free = list(words)
    for t in typed:
        hit = next((w for w in free if w.startswith(t)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True
