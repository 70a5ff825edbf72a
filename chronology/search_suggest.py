"""When a search finds nothing: the words of the search index closest to a misspelt one.

The index's own vocabulary (an FTS5 ``fts5vocab`` table, made in the connection's TEMP schema so
the workspace file is never changed) is read once and compared with rapidfuzz. A word is only
offered when it appears in the index; the caller checks that it finds entries in its case.
Also: the words a search matches, so that the window can highlight them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from chronology.workspace import Workspace

MIN_WORD = 3  # shorter words are too often near something by chance
MIN_SCORE = 75  # rapidfuzz ratio (0-100) of a misspelling to the word meant
MAX_WORDS = 200_000  # a vocabulary larger than this is not read (very large workspaces)
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text: str) -> list[str]:
    """The words of a search as the index reads them (lower case)."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Terms:
    """What a search matches: whole words, and the last word as the start of a word."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Terms:
        return cls(tuple(search_words(text)))

    def pattern(self) -> re.Pattern[str] | None:
        """A regular expression finding the matched words in text (None for no search)."""
        if not self.words:
            return None
        *whole, last = self.words
        parts = [rf"\b{re.escape(w)}\b" for w in whole] + [rf"\b{re.escape(last)}\w*"]
        return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each matched word in ``text``."""
        pattern = self.pattern()
        return [m.span() for m in pattern.finditer(text)] if pattern else []


class Vocabulary:
    """The words of a workspace's search index, read on first need and kept."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self.forget()

    def forget(self) -> None:
        """Read the index again next time (after an import or an edit)."""
        self._words: list[str] | None = None
        self._partial: list[str] = []
        self._last = ""
        self._done = False

    def words(self) -> list[str]:
        """Every word of the index (read now if ``read_some`` has not read them all yet)."""
        while not self.read_some(MAX_WORDS):
            pass
        assert self._words is not None
        return self._words

    def read_some(self, count: int = 2_000) -> bool:
        """Read the next ``count`` words (a step of reading while the window is idle).

        True once every word is read.
        """
        if self._done:
            return True
        conn = self._ws.conn
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_vocab "
            "USING fts5vocab(main, entries_fts, row)"
        )
        rows = conn.execute(
            "SELECT term FROM temp.entries_vocab WHERE term > ? ORDER BY term LIMIT ?",
            (self._last, count),
        ).fetchall()
        words = self._partial
        words.extend(t for (t,) in rows if len(t) >= MIN_WORD and not t.isdigit())
        if rows:
            self._last = rows[-1][0]
        if len(rows) < count or len(words) >= MAX_WORDS:
            self._words, self._done = words, True
        return self._done

    def similar(self, word: str, limit: int = 3) -> list[str]:
        """Index words closest to ``word`` (best first), not the word itself."""
        from rapidfuzz import fuzz, process

        word = word.lower()
        if len(word) < MIN_WORD or word.isdigit():
            return []
        close = process.extract(
            word,
            self.words(),
            scorer=fuzz.ratio,
            limit=limit + 1,
            score_cutoff=MIN_SCORE,
        )
        return [w for w, _score, _n in close if w != word][:limit]


def respelled(
    text: str, vocabulary: Vocabulary, found: Callable[[str], bool]
) -> tuple[str, list[str]] | None:
    """A search like ``text`` with the words that find nothing replaced by close index words.

    ``found(search)`` says whether a search finds anything where it matters (the open case).
    Returns (the search as respelled, the words that were replaced), or None.
    """
    words = search_words(text)
    if not words:
        return None
    result = list(words)
    changed: list[str] = []
    for n, word in enumerate(words):
        if found(word):
            continue
        replacement = next((c for c in vocabulary.similar(word) if found(c)), None)
        if replacement is None:
            return None
        result[n] = replacement
        changed.append(word)
    search = " ".join(result)
    return (search, changed) if changed and found(search) else None
