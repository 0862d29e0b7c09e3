"""The phrasebook compiled for reading: each language's tables as patterns over folded text.

Pure functions. Text and table entries are folded the same way (lower case, Latin accents off,
one character for one, so a match's position is its position in what was typed). An entry also
matches as people spell it instead (traditional Chinese, ae/oe/ue for German umlauts). A
language's tables are compiled once, the first time it is read (``lang_tables``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from conversation import phrasebook as pb


def fold(text: str) -> str:
    """Lower case and Latin accents dropped, one character for one: "Ñandú" → "nandu"."""
    out = []
    for c in text:
        d = unicodedata.normalize("NFKD", c)
        if len(d) > 1 and d[0].isascii() and all(unicodedata.combining(x) for x in d[1:]):
            c = d[0]
        elif len(d) == 1 and d.isascii():
            c = d  # full-width letters and digits
        low = c.lower()
        out.append(low if len(low) == 1 else c)
    return "".join(out)


def _variants(entry: str, lang: str) -> list[str]:
    """An entry as typed, plus the spellings people use instead: traditional Chinese, ae/oe/ue for umlauts."""
    out = [entry]
    if lang == "zh":
        out.append(entry.translate(pb.TRADITIONAL))
    if lang == "de" and re.search("[äöüß]", entry):  # "waermer", "rueckgaengig": umlauts typed without the keys
        spelt = re.sub(r"\[([äöü])([aou])\]", lambda m: f"(?:{m[2]}e|{m[2]})", entry)
        spelt = re.sub(r"\[ßs\]", "(?:ss|s)", spelt)
        spelt = re.sub(r"\(\?:ß\|ss\)", "ss", spelt)
        out.append(spelt.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))
    return list(dict.fromkeys(fold(e).replace("(?p<", "(?P<") for e in out))  # a named group survives lower case


def _alt(entries, lang: str, *, escape: bool = False) -> str:
    forms = {v for e in entries for v in _variants(e, lang)}
    forms = sorted(forms, key=lambda f: (-len(f), f))  # the longest form wins where two start together
    return "|".join(re.escape(f) if escape else f for f in forms)


def _words(alt: str, lang: str) -> str:
    """Whole words in the Latin-script languages; pieces of text in Chinese, Japanese and Korean."""
    return f"(?:{alt})" if lang in pb.CJK else rf"(?<!\w)(?:{alt})(?!\w)"


def _split(cell: str) -> tuple[list[str], list[str]]:
    one, _, many = cell.partition("|")
    return [x.strip() for x in one.split(",") if x.strip()], [x.strip() for x in many.split(",") if x.strip()]


def _thing_form(form: str, code: str) -> str:
    """A thing's form as a pattern. A Korean noun of one syllable ("눈", "달") stands alone or before a
    particle, never inside a longer word ("추가해줘", "달라")."""
    if code == "ko" and len(form) == 1:
        return rf"(?<![가-힣]){re.escape(form)}(?![가-힣])|(?<![가-힣]){re.escape(form)}(?=[을를이가은는도와과])"
    return re.escape(form)


def _frames(frames, code: str) -> list[str]:
    """Frames folded; a Chinese frame also in traditional characters."""
    out = [fold(f) for f in frames]
    if code == "zh":
        out += [f.translate(pb.TRADITIONAL) for f in out]
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Thing:
    """A thing people add or take away, in English."""

    english: str
    plural: str | None  # None: a mass noun ("snow") or a name that is already plural ("glasses")
    many: bool  # said with no number, it reads as several ("鸟" → "birds")


@dataclass(frozen=True)
class Lang:
    """One language's tables, compiled: patterns over folded text and what their matches mean in English."""

    code: str
    phrases: list[tuple[re.Pattern[str], str]]
    numbered: list[tuple[re.Pattern[str], str]]  # English with {n} for the number said
    things: dict[str, tuple[Thing, bool]]  # folded form → (thing, typed as a plural)
    thing_rx: str
    colours: dict[str, str]
    colour_rx: str
    add: re.Pattern[str]
    remove: re.Pattern[str]
    replace: list[re.Pattern[str]]
    obj: re.Pattern[str]
    sep: re.Pattern[str]
    with_: re.Pattern[str]
    without: re.Pattern[str]
    colour_frames: re.Pattern[str]
    thing_colour: re.Pattern[str]
    polite: re.Pattern[str]
    final_add: re.Pattern[str] | None
    final_remove: re.Pattern[str] | None


# German and Dutch particles that close a clause: (adding, taking away), "füge … hinzu", "haal … weg".
PARTICLES = {"de": (r"hinzu|dazu|rein|drauf|mit rein", r"weg|raus|ab"), "nl": (r"toe|erbij|bij|erin|erop", r"weg|eruit|af|eraf")}
AND = {"es": "y|e|ni", "fr": "et|ni", "de": "und|oder", "it": "e|ed|ne", "pt": "e|nem", "nl": "en|of|noch",
       "zh": "和|跟|还有", "ja": "と|や", "ko": "와|과|하고|랑"}  # "and" / "nor" between things or clauses (folded)


@lru_cache(maxsize=None)
def lang_tables(code: str) -> Lang:
    """A language's tables compiled for reading (``code`` from ``phrasebook.LANGUAGES``), once."""
    cjk = code in pb.CJK
    phrases = [(re.compile(_words(_alt(table[code], code), code)), en)
               for en, table in pb.PHRASES.items() if code in table]
    things: dict[str, tuple[Thing, bool]] = {}
    for english, plural, many, cells in pb.THINGS:
        one, several = _split(cells[code])
        thing = Thing(english, plural, many)
        for form in one:
            for v in _variants(form, code):
                things.setdefault(v, (thing, False))
        for form in several:
            for v in _variants(form, code):
                things.setdefault(v, (thing, True))
    thing_rx = "|".join(_thing_form(k, code) for k in sorted(things, key=lambda k: (-len(k), k)))
    colours = {v: en for en, cells in pb.COLOURS.items() for form in _split(cells[code])[0] for v in _variants(form, code)}
    colour_rx = "|".join(re.escape(k) for k in sorted(colours, key=lambda k: (-len(k), k)))
    gap = r"\s*" if cjk else r"\s+"
    small = [*pb.FILLERS[code], *pb.SOME.get(code, ()),
             *(x.strip() for cells in pb.NUMBERS.values() for x in cells[code].split(","))]
    fillers = sorted({v for f in small for v in _variants(f, code)}, key=lambda v: (-len(v), v))
    fill = "|".join(rf"{re.escape(f)}(?:\s*)" if f.endswith("'") or cjk else rf"{re.escape(f)}\s+" for f in fillers)
    if cjk:
        obj = re.compile(rf"\s*(?P<fills>(?:{fill})*+)(?:(?P<c1>{colour_rx})\s*的?)?(?P<thing>{thing_rx})")
    else:
        # possessive: small words are read once, never re-split ("de la" is not "de" + "la"), so no backtracking
        obj = re.compile(rf"\s*(?P<fills>(?:{fill})*+)(?:(?P<c1>{colour_rx})\s+)?"
                         rf"(?P<thing>{thing_rx})(?:\s+(?P<c2>{colour_rx}))?(?!\w)")
    sep = re.compile(rf"\s*(?:,|、|，|(?:{AND[code]}){gap if not cjk else ''})\s*")
    add_p, rem_p = PARTICLES.get(code, ("", ""))
    verb = lambda verbs: _words(_alt(verbs, code), code)  # noqa: E731
    replace = []
    for frame in _frames(pb.REPLACE_FRAMES.get(code, ()), code):
        old = rf"(?:{fill})*+(?P<old>{thing_rx})"
        new = rf"(?P<fills>(?:{fill})*+)(?:(?P<new>{thing_rx})|(?P<colour>{colour_rx}))"
        body = frame.replace(" ", gap).replace("{old}", old).replace("{new}", new)
        replace.append(re.compile(body if cjk else rf"(?<!\w){body}(?!\w)"))
    frames = "|".join(f.replace(" ", r"\s*" if cjk else r"\s+").replace("{c}", rf"(?P<c{i}>{colour_rx})")
                      for i, f in enumerate(_frames(pb.COLOUR_FRAMES[code], code)))
    frames_rx = re.compile(frames if cjk else rf"(?<!\w)(?:{frames})(?!\w)")
    if cjk:
        thing_colour = re.compile(rf"(?:把)?(?P<thing>{thing_rx})(?:を|은|는|을|를)?\s*(?:{frames})")
    else:
        links = "|".join(re.escape(fold(x)) for x in pb.COLOUR_LINKS[code])
        thing_colour = re.compile(rf"(?<!\w)(?P<thing>{thing_rx})\s+(?:(?:{links})\s+)?(?P<c>{colour_rx})(?!\w)")
    return Lang(
        code=code, phrases=phrases, things=things, thing_rx=thing_rx, colours=colours, colour_rx=colour_rx,
        add=re.compile(verb(pb.ADD_VERBS[code]) + (rf"|(?<!\w)(?:{add_p})(?!\w)" if add_p else "")),
        remove=re.compile(verb(pb.REMOVE_VERBS[code]) + (rf"|(?<!\w)(?:{rem_p})(?!\w)" if rem_p else "")),
        replace=replace, obj=obj, sep=sep,
        with_=re.compile(_words(_alt(pb.WITH[code], code), code)),
        without=re.compile(_words(_alt(pb.WITHOUT[code], code), code)),
        colour_frames=frames_rx, thing_colour=thing_colour,
        numbered=[(re.compile(_words(v, code)), en) for en, table in pb.NUMBERED.items()
                  for e in table.get(code, ()) for v in _variants(e, code)],
        polite=re.compile(rf"(?:\s*(?:{_alt(pb.POLITE[code], code)}))+[\s,.;!?。，、！？~]*$"),
        final_add=re.compile(_words(_alt(pb.FINAL_ADD[code], code), code)) if code in pb.FINAL_ADD else None,
        final_remove=re.compile(_words(_alt(pb.FINAL_REMOVE[code], code), code)) if code in pb.FINAL_REMOVE else None,
    )
