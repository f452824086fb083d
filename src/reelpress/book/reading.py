"""How long a review takes to read: one rule for the proof report and `reelpress stats`."""

from __future__ import annotations

import math

#: Silent reading of non-fiction by adults, in words a minute (Brysbaert's 2019 review of 190 studies).
WORDS_PER_MINUTE = 238


def reading_minutes(words: int) -> int:
    """Whole minutes to read `words` words, rounded up: any text takes at least a minute."""
    return math.ceil(words / WORDS_PER_MINUTE)
