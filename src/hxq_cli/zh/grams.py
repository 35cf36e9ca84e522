"""Chinese text as the words a full-text index can find: every run of characters a reader may
type, written as a word of its own.

Chinese has no spaces between words, so a tokenizer that splits text at spaces and punctuation
(SQLite FTS5's unicode61, and most others) sees a whole clause, 截至2025年年底的研发投入, as one
word, and a search for 研发 finds nothing. `search_grams` lists every run of 1 to LONGEST
characters of such a clause (a number or a Latin word inside it counts as one character), so
that an index over them finds 研, 研发 and 研发投入 in it, each as a word, and finds 研发投入
only where the four characters stand together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Chinese characters (the CJK Unified Ideographs, their extensions and compatibility forms).
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: The longest run listed, in characters: a longer search is found where it is a whole clause.
LONGEST = 16

# A word of the text as FTS5's unicode61 tokenizer reads it: letters, numbers and private-use
# characters (Unicode categories L*, N*, Co); anything else separates words.
_PIECE = re.compile(r"[^\W_]+|[\ue000-\uf8ff]+")
# Inside a word: one Chinese character, or a run of anything else (2025, CNY, R).
_UNIT = re.compile(f"{HAN.pattern}|(?:(?!{HAN.pattern}).)+")
_ALL_HAN = re.compile(f"(?:{HAN.pattern})+")


def search_grams(text: str, longest: int = LONGEST) -> Iterator[str]:
    """Every run of 1 to `longest` characters of each word of `text` that holds Chinese, in the
    order of the text (a run of other letters or digits inside it counts as one character)."""
    for match in _PIECE.finditer(text):
        word = match.group()
        if _ALL_HAN.fullmatch(word):
            # The common case, sliced (a list is quicker than a generator, over millions).
            n = len(word)
            yield from [
                word[start:end]
                for start in range(n)
                for end in range(start + 1, min(start + longest, n) + 1)
            ]
        elif HAN.search(word):
            units = _UNIT.findall(word)
            n = len(units)
            yield from [
                "".join(units[start:end])
                for start in range(n)
                for end in range(start + 1, min(start + longest, n) + 1)
            ]
