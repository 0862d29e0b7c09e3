"""A first message of emoji only, naming things: "🦊🌲" is a fox and a tree, "🍕🍕" pizza, "🐙🌊" an octopus and a wave.
Emoji of a reaction (faces, hearts, hands, fire) name nothing to draw: they stay small talk. Pure functions."""

from __future__ import annotations

import re
import unicodedata

# Emoji that say how someone feels, not what to draw.
_REACTION = re.compile(r"\b(?:SMILING|GRINNING|LAUGHING|CRYING|TEARS|HEART|HEARTS|THUMBS|CLAPPING|FIRE|HUNDRED|SPARKLES|PARTY|STAR-STRUCK|"
                       r"WINKING|KISSING|KISS|OK HAND|RAISED|FOLDED HANDS|SKULL|SWEAT|THINKING|EYES|PLEADING|LOUDLY|ROLLING|FLUSHED|"
                       r"PENSIVE|WEARY|SCREAMING|ASTONISHED|NEUTRAL|EXPRESSIONLESS|UPSIDE-DOWN|SLIGHTLY|FROWNING|ANGRY|POUTING|"
                       r"CONFOUNDED|PERSEVERING|DISAPPOINTED|WORRIED|SLEEPING|ZIPPER|NAUSEATED|SNEEZING|HUGGING|SALUTING|SHRUG|"
                       r"FACEPALM|VICTORY|WAVING|MUSCLE|PRAYER|CHECK|CROSS MARK|QUESTION|EXCLAMATION|WARNING|COLLISION|DIZZY)\b")
_SKIP = re.compile(r"VARIATION SELECTOR|ZERO WIDTH|SKIN TONE|EMOJI MODIFIER")


def emoji_picture(message: str) -> str | None:
    """What a message of emoji only names ("a fox and an evergreen tree"), or None when it has words or only reactions."""
    text = message.strip()
    if not text or re.search(r"[^\W\d_]", text.encode("ascii", "ignore").decode()) or re.search(r"[a-zA-Z0-9]", text):
        return None
    names: list[str] = []
    for ch in text:
        if ch.isspace() or unicodedata.category(ch) not in ("So", "Sk"):
            continue
        name = unicodedata.name(ch, "")
        if not name or _SKIP.search(name):
            continue
        if _REACTION.search(name) or name.endswith(" FACE") and not re.match(r"(?:FOX|CAT|DOG|TIGER|HORSE|COW|PIG|MOUSE|RABBIT|BEAR|"
                                                                               r"PANDA|MONKEY|WOLF|LION|FROG|DRAGON|UNICORN|HAMSTER)\b", name):
            return None  # "😂", "🥰🔥": a reaction
        thing = re.sub(r"\s+FACE$", "", name).lower()
        thing = re.sub(r"^(?:slice|piece) of\s+", "", thing)
        if thing not in names:
            names.append(thing)
    if not names or len(names) > 4:
        return None
    return " and ".join(f"{'an' if n[0] in 'aeiou' else 'a'} {n}" for n in names)
