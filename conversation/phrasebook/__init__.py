"""Follow-ups in other languages, as tables: what people type, and the English the rules read.

Data only; ``conversation.foreign`` reads it. This package holds the languages and assembles the
tables of its modules: ``scene`` (concepts of time and light, weather and season, styles),
``requests`` (concepts of shape, camera, history, small talk, questions and help, and the settings
said with a number), ``things`` (things and colours) and ``grammar`` (verbs, frames, small words,
traditional Chinese).

Entries are written as people type them; matching ignores case and accents, takes whole words in
the Latin-script languages and pieces of text in Chinese, Japanese and Korean. An entry may use a
little regex (``[oa]``, ``(?:…)?``). Chinese is written in simplified characters; the traditional
spellings are made from ``TRADITIONAL``. A word that is the same in English ("winter", "anime",
"storm") is only listed inside a phrase of its own language, so that an English follow-up never
matches.

Tables: PHRASES (concept → English), NUMBERED (settings with a number), THINGS (what is added or
taken away), COLOURS, the verbs (ADD_VERBS, REMOVE_VERBS, FINAL_ADD, FINAL_REMOVE, REPLACE_FRAMES,
WITH, WITHOUT), the small words around a thing (FILLERS, ONE, SOME, NUMBERS, COLOUR_LINKS,
COLOUR_FRAMES, POLITE) and TRADITIONAL.
"""

from __future__ import annotations

from conversation.phrasebook.grammar import (
    ADD_VERBS, COLOUR_FRAMES, COLOUR_LINKS, FILLERS, FINAL_ADD, FINAL_REMOVE, NUMBERS, ONE, POLITE, REMOVE_VERBS,
    REPLACE_FRAMES, SOME, TRADITIONAL, WITH, WITHOUT,
)
from conversation.phrasebook.requests import CAMERA, HISTORY, NUMBERED, QUESTIONS_AND_HELP, SHAPE, SMALL_TALK
from conversation.phrasebook.scene import STYLES, TIME_AND_LIGHT, WEATHER_AND_SEASON
from conversation.phrasebook.things import COLOURS, THINGS

LANGUAGES = ("es", "fr", "de", "it", "pt", "nl", "zh", "ja", "ko")
CJK = ("zh", "ja", "ko")

# English the rules read → what is typed for it, by language; concepts are matched in this order.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    **TIME_AND_LIGHT, **WEATHER_AND_SEASON, **STYLES,  # 1–3
    **SHAPE, **CAMERA, **HISTORY, **SMALL_TALK, **QUESTIONS_AND_HELP,  # 4, 5, 8, 9, 10
}

__all__ = [
    "LANGUAGES", "CJK", "PHRASES", "NUMBERED", "THINGS", "COLOURS",
    "ADD_VERBS", "REMOVE_VERBS", "FINAL_ADD", "FINAL_REMOVE", "REPLACE_FRAMES", "WITH", "WITHOUT",
    "FILLERS", "ONE", "SOME", "NUMBERS", "COLOUR_LINKS", "COLOUR_FRAMES", "POLITE", "TRADITIONAL",
]
