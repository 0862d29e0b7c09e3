"""Reading a follow-up in another language with the phrasebook: the English the rules understand.

Pure functions over the tables of ``conversation.foreign_tables``. Several concepts in one message
all come back, in the order they were said; an add/remove clause whose thing is not in the
vocabulary comes back as typed ("add <words>"), so nothing said is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conversation import phrasebook as pb
from conversation.foreign_tables import AND, PARTICLES, Lang, Thing, fold, lang_tables

__all__ = ["LONGEST", "concept_patterns", "coverage", "fold", "read", "translate", "verbs"]


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    english: str
    typed: str = ""  # words the vocabulary does not know, kept as they were typed


def _named(thing: Thing, plural: bool, count: str | None, *, definite: bool, colour: str | None = None) -> str:
    """English for a thing as the rules read it: "a cat", "birds", "two cats", "the hat", "snow".
    ``count`` is what the small words before it said: "one", "some", a number ("two"), or None."""
    number = count if count not in (None, "one", "some") else None
    several = thing.plural is not None and (plural or number is not None or count == "some" or (thing.many and count != "one"))
    noun = thing.plural if several else thing.english
    if number and several:
        noun = f"{number} {noun}"
    if noun.startswith("the "):  # one of a kind: "the moon"
        return f"the {colour} {noun[4:]}" if colour else noun
    if colour:
        noun = f"{colour} {noun}"
    if definite:
        return f"the {noun}"
    if thing.plural is None or several:
        return noun
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _count(lang: Lang, fills: str) -> str | None:
    """What the small words before a thing say of how many: "one" ("un", "一只"), "some" ("unos", "几只"),
    a number ("dos" → "two"), or None."""
    fills = fills.strip()
    if lang.code in pb.CJK:
        has = lambda forms: any(fold(f) in fills for f in forms)  # noqa: E731
    else:
        padded = " " + re.sub(r"(?<=['’])", " ", fills) + " "  # "l'" and "un'" stand as words
        has = lambda forms: any(f" {fold(f)} " in padded for f in forms)  # noqa: E731
    for english, cells in pb.NUMBERS.items():
        if has([x.strip() for x in cells[lang.code].split(",")]):
            return english
    if has(pb.SOME.get(lang.code, ())):
        return "some"
    if has(pb.ONE.get(lang.code, ())):
        return "one"
    return None


def _objects(lang: Lang, text: str, pos: int, *, definite: bool) -> tuple[list[str], int]:
    """The things named from ``pos`` on ("de la neige et des oiseaux" → ["snow", "birds"]) and where they end."""
    names: list[str] = []
    while True:
        m = lang.obj.match(text, pos)
        if not m:
            break
        thing, plural = lang.things[m.group("thing")]
        colour = m.group("c1") or (m.groupdict().get("c2"))
        names.append(_named(thing, plural, _count(lang, m.group("fills")), definite=definite,
                            colour=lang.colours[colour] if colour else None))
        pos = m.end()
        s = lang.sep.match(text, pos)
        if not (s and lang.obj.match(text, s.end())):
            break
        pos = s.end()
    return names, pos


_END = re.compile(r"[\s,.;!?。，、！？~]*")


def _clause_end(lang: Lang, text: str, pos: int) -> int | None:
    """Where a clause that ends at ``pos`` stops: at punctuation, the end, or another concept; None if words follow."""
    m = _END.match(text, pos)
    after = m.end()
    if after >= len(text) or m.group(0).strip() or lang.polite.match(text, pos):
        return pos
    # "… y quita el sombrero", "… und ohne Wasserzeichen": another clause joined on
    joined = re.compile(rf"(?:{AND[lang.code]})\s+").match(text, after)
    for at in (after, joined.end() if joined else None):
        if at is not None and (any(rx.match(text, at) for rx, _ in lang.phrases) or lang.add.match(text, at)
                               or lang.remove.match(text, at) or lang.without.match(text, at) or lang.with_.match(text, at)):
            return pos
    return None


def _latin_clauses(lang: Lang, text: str) -> list[_Found]:
    found: list[_Found] = []
    for m in lang.without.finditer(text):
        names, end = _objects(lang, text, m.end(), definite=False)
        if names and _clause_end(lang, text, end) is not None:
            found.append(_Found(m.start(), end, ", ".join(f"without {n}" for n in names)))
    for m in lang.with_.finditer(text):
        names, end = _objects(lang, text, m.end(), definite=False)
        if names and _clause_end(lang, text, end) is not None:
            found.append(_Found(m.start(), end, ", ".join(f"with {n}" for n in names)))
    for kind, rx in (("add", lang.add), ("remove", lang.remove)):
        for m in rx.finditer(text):
            if lang.code in PARTICLES and re.fullmatch(PARTICLES[lang.code][0] + "|" + PARTICLES[lang.code][1], m.group(0)):
                continue  # a particle closes a clause; it does not open one
            names, end = _objects(lang, text, m.end(), definite=kind == "remove")
            particle = None
            if lang.code in PARTICLES:
                p = re.compile(rf"\s+({PARTICLES[lang.code][0]}|{PARTICLES[lang.code][1]})(?!\w)").match(text, end)
                if p:
                    particle = "add" if re.fullmatch(PARTICLES[lang.code][0], p.group(1)) else "remove"
                    end = p.end()
            verb_kinds = {k for k, r in (("add", lang.add), ("remove", lang.remove)) if r.fullmatch(m.group(0))}
            said = particle or (kind if len(verb_kinds) == 1 else None)
            if said != kind:
                continue
            if names and _clause_end(lang, text, end) is not None:
                if said == "remove":
                    names = [n if n.startswith("the ") else f"the {n}" for n in names]
                found.append(_Found(m.start(), end, ", ".join(f"{kind} {n}" for n in names)))
            else:
                # a thing the vocabulary does not know: it goes in as typed
                stop = re.search(r"[,.;!?]|$", text[m.end():]).start() + m.end()
                typed = text[m.end():stop].strip()
                if lang.code in PARTICLES:
                    typed = re.sub(rf"\s+(?:{PARTICLES[lang.code][0]}|{PARTICLES[lang.code][1]})$", "", typed)
                if typed:
                    found.append(_Found(m.start(), stop, kind, typed=typed))
    return found


def _final_clauses(lang: Lang, text: str) -> list[_Found]:
    """German and Dutch with the verb last: the things named before it, in the same piece of the message."""
    found: list[_Found] = []
    for kind, rx in (("add", lang.final_add), ("remove", lang.final_remove)):
        if rx is None:
            continue
        for piece in re.finditer(r"[^,.;!?]+", text):
            for v in rx.finditer(piece.group(0)):
                before = piece.group(0)[:v.start()]
                objs = [m for m in re.finditer(rf"(?<!\w)(?:{lang.thing_rx})(?!\w)", before)]
                if not objs or _clause_end(lang, text, piece.start() + v.end()) is None:
                    continue
                names = [_named(*lang.things[m.group(0)], None, definite=kind == "remove") for m in objs]
                found.append(_Found(piece.start() + objs[0].start(), piece.start() + v.end(),
                                    ", ".join(f"{kind} {n}" for n in names)))
    return found


def _cjk_clauses(lang: Lang, text: str) -> list[_Found]:
    found: list[_Found] = []
    for piece in re.finditer(r"[^,.;!?。，、！？\n]+", text):
        start, chunk = piece.start(), piece.group(0)
        things = [(m.start() + start, m.end() + start, m.group(0)) for m in re.finditer(lang.thing_rx, chunk)] if lang.thing_rx else []
        if not things:
            continue
        for kind, rx in (("without", lang.without), ("remove", lang.remove), ("add", lang.add), ("with", lang.with_)):
            v = rx.search(chunk)
            if not v:
                continue
            names = []
            for s, e, form in things:
                thing, plural = lang.things[form]
                names.append(_named(thing, plural, _count(lang, text[max(start, s - 5):s]), definite=kind == "remove"))
            lo = min(v.start() + start, things[0][0])
            hi = max(v.end() + start, things[-1][1])
            found.append(_Found(lo, hi, ", ".join(f"{kind} {n}" for n in names)))
            break
    return found


def _replaces(lang: Lang, text: str) -> list[_Found]:
    found = []
    for rx in lang.replace:
        for m in rx.finditer(text):
            old = _named(*lang.things[m.group("old")], None, definite=True)
            if m.group("colour"):
                english = f"make {old} {lang.colours[m.group('colour')]}"
            else:
                new, plural = lang.things[m.group("new")]
                english = f"replace {old} with {_named(new, plural, _count(lang, m.group('fills')), definite=False)}"
            found.append(_Found(m.start(), m.end(), english))
    return found


def _colours(lang: Lang, text: str) -> list[_Found]:
    found = []
    for m in lang.thing_colour.finditer(text):
        thing = _named(*lang.things[m.group("thing")], None, definite=True)
        colour = next(g for k, g in m.groupdict().items() if g and k != "thing")
        found.append(_Found(m.start(), m.end(), f"make {thing} {lang.colours[colour]}"))
    for m in lang.colour_frames.finditer(text):
        colour = next(g for g in m.groups() if g)
        found.append(_Found(m.start(), m.end(), f"make it {lang.colours[colour]}"))
    return found


def _concepts(lang: Lang, text: str) -> list[_Found]:
    found = [_Found(m.start(), m.end(), en) for rx, en in lang.phrases for m in rx.finditer(text)]
    found += [_Found(m.start(), m.end(), en.format(n=m.group("n"))) for rx, en in lang.numbered for m in rx.finditer(text)]
    return found


def _best(found: list[_Found]) -> list[_Found]:
    """Leftmost-longest pieces that do not overlap, in the order they were said."""
    chosen: list[_Found] = []
    # what was read wins over words kept as typed, then the longer piece
    for f in sorted(found, key=lambda f: (bool(f.typed), -(f.end - f.start), f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _read(text: str, language: str) -> list[_Found]:
    lang = lang_tables(language)
    folded = fold(text)
    clauses = _cjk_clauses(lang, folded) if language in pb.CJK else [*_latin_clauses(lang, folded), *_final_clauses(lang, folded)]
    # a concept's own words ("con nieve": in the snow) win over the same words read as a clause ("with snow")
    return _best([*_concepts(lang, folded), *_replaces(lang, folded), *clauses, *_colours(lang, folded)])


def _english(text: str, found: list[_Found]) -> list[str]:
    out = []
    for f in found:
        if f.typed:  # as typed, from the text itself (accents kept: folding keeps positions)
            at = fold(text).find(f.typed, f.start)
            out.append(f"{f.english} {text[at:at + len(f.typed)] if at >= 0 else f.typed}")
        elif f.english not in out:
            out.append(f.english)
    return out


def read(text: str, language: str) -> list[str]:
    """English pieces for ``text`` read as ``language`` (a code of ``phrasebook.LANGUAGES``), in order."""
    return _english(text, _read(text, language))


_SCRIPT = {"zh": "[\u4e00-\u9fff]", "ja": "[\u3040-\u30ff\u4e00-\u9fff]", "ko": "[\uac00-\ud7af]"}


# A follow-up is a few words; a longer message is a description, sent as typed (and read in bounded time).
LONGEST = 300


@lru_cache(maxsize=256)  # the rules ask about one message more than once
def translate(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The language whose phrasebook reads most of ``text`` (by characters understood), and its English."""
    if len(text) > LONGEST:
        return None
    best: tuple[int, str, list[_Found]] | None = None
    latin = re.search(r"[a-zA-Z\u00c0-\u024f]", text) is not None
    for code in pb.LANGUAGES:
        if (code in pb.CJK and not re.search(_SCRIPT[code], text)) or (code not in pb.CJK and not latin):
            continue
        found = _read(text, code)
        known = sum(f.end - f.start for f in found if not f.typed)
        if known and (best is None or known > best[0]):  # words kept as typed alone are no reading
            best = (known, code, found)
    if best is None or _describes(text, best[1], best[2]):
        return None
    return best[1], tuple(_english(text, best[2]))


def _describes(text: str, code: str, found: list[_Found]) -> bool:
    """A thing named outside what was read ("un perro en la playa de noche"): a description of its own,
    a new picture, not a follow-up; reading only "de noche" would lose the dog."""
    lang = lang_tables(code)
    if not lang.thing_rx:
        return False
    spans = [(f.start, f.end) for f in found]
    for m in re.finditer(lang.thing_rx if code in pb.CJK else rf"(?<!\w)(?:{lang.thing_rx})(?!\w)", fold(text)):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            return True
    return False


@lru_cache(maxsize=256)
def coverage(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """The language that reads ``text`` best, the words inside what it read, and the words outside."""
    if len(text) > LONGEST:
        return None
    best: tuple[int, str, list[_Found]] | None = None
    for code in pb.LANGUAGES:
        if code in pb.CJK:
            continue
        found = [f for f in _read(text, code) if not f.typed]
        known = sum(f.end - f.start for f in found)
        if known and (best is None or known > best[0]):
            best = (known, code, found)
    if best is None:
        return None
    inside, outside = [], []
    for m in re.finditer(r"[^\W_]+", text):
        (inside if any(f.start <= m.start() and m.end() <= f.end for f in best[2]) else outside).append(m.group(0))
    return best[1], tuple(inside), tuple(outside)


def concept_patterns(code: str) -> list[tuple[re.Pattern[str], str]]:
    """A language's concepts as (pattern over folded text, English)."""
    return list(lang_tables(code).phrases)


def verbs(table: dict[str, tuple[str, ...]]) -> list[str]:
    """The Latin-script verbs of a table (regex pieces), longest first, each also without its accents
    ("enlève" / "enleve")."""
    out = {v for code, vs in table.items() if code not in pb.CJK for v in vs}
    out |= {fold(v) for v in out}
    return sorted(out, key=lambda v: (-len(v), v))
