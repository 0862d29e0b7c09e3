"""Conversational refinement: read a follow-up as edits to the previous prompt.

``parse_followup`` turns "now at night", "add a red umbrella", "remove the people", "wider",
"make it a watercolor", "another one" or "same seed" into an ``Edit``; it returns None when the
message describes a new picture, which then starts fresh. ``apply_edit`` applies the edit to
the previous prompt's phrases and reports the diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .styles import find_style_mention
from .text import norm_key, tidy

_CUE = re.compile(
    r"^(?:(?:ok(?:ay)?|great|nice|cool|good|lovely|perfect|thanks|thank you|yes|yeah|hmm+|please|now|then|wow|"
    r"awesome|amazing|beautiful|(?:i )?(?:love|like) (?:it|this|that)|that'?s (?:great|nice|perfect|good|cool|lovely)|"
    r"and|also|but|so|alright|(?:the )?same(?: thing| image| picture| scene| one)?(?: but)?|this time|let'?s(?: try)?|"
    r"can you|could you|would you|will you|try|i want(?: it)?|i'?d like(?: it)?|make(?: it| this| that| the image| the picture)?|"
    r"turn(?: it| this)?(?: into)?|change(?: it| this)?(?: to)?|show(?: it| me)?|render(?: it)?|do(?: it| one)?|"
    r"it should be|(?:can|could) it be|keep (?:it|everything)(?: the)? same(?: but)?|just|maybe|instead|now make it|set it)[\s,!.:]*)+",
    re.I)
_REPEAT = re.compile(
    r"^(?:another(?: one| version| variation| take| image| picture)?|again|one more(?: time)?|more|"
    r"do it again|try again|regenerate|re-?roll|retry|once more|new seed|different seed|"
    r"same (?:prompt|again)|repeat|another variation|give me another|next)(?: please| pls)?$", re.I)
_SAME_SEED = re.compile(r"\b(?:(?:use |with )?(?:the )?same seed|keep(?:ing)? the seed|reuse the seed|fixed seed|"
                        r"keep the composition|same composition)\b", re.I)
_NEW_SEED = re.compile(r"\b(?:new|different|random|another) seed\b", re.I)
_REMOVE = re.compile(
    r"^(?:remove|without|get rid of|take (?:out|away)|delete|drop|erase|lose|no more|no|hide|"
    r"don'?t (?:show|include|want)|less)\s+(?:the |a |an |any |all (?:the )?|those |that |these |this |his |her |their )?(.+)$",
    re.I)
_ADD = re.compile(r"^(?:add(?: in)?|include|insert|put|place|with|plus|also add|give (?:it|him|her|them))\s+(.+)$", re.I)
_MOVE = re.compile(r"^(?:put|place|move|set|take|send|show)\s+(?:it|them|him|her|everything|the scene)\s+"
                   r"(in|on|at|by|under|near|into|to|inside|beside)\s+(.+)$", re.I)
_MAKE_THE = re.compile(r"^make (?:the|his|her|their|its) ([\w-]+(?: [\w-]+)?) ([\w-]+)$", re.I)
_REPLACE = re.compile(r"^(?:replace|swap|change|switch) (?:the )?(.+?) (?:with|for|to|into) (.+)$", re.I)
_INSTEAD = re.compile(r"^(?:how about|what about|with|use|try)?\s*((?:a|an|the|some|two|three)\s+.+?)(?:\s+instead)?$", re.I)
_FILLER = {"in", "as", "a", "an", "the", "style", "of", "version", "look", "like", "into", "it", "painting",
           "art", "drawing", "one", "instead", "please", "looking", "make", "more", "looks", "styled", "form",
           "kind", "sort", "way", "manner", "done", "something", "image", "picture", "mode", "to", "be", "with",
           "scene", "vibe", "aesthetic", "theme", "themed", "feel", "effect", "filter", "world", "setting", "please"}

_FRAMING_WORDS = [
    (re.compile(r"\b(wider|zoom(?:ed)? out|pull back|further away|farther away|show more|more of the scene|wide shot|wide angle|from far away|from afar)\b", re.I), "wide shot"),
    (re.compile(r"\b(closer|zoom(?:ed)? in|close-?up|tighter|nearer|up close|get closer)\b", re.I), "close-up shot"),
    (re.compile(r"\b(from above|aerial(?: view)?|bird'?s[ -]eye(?: view)?|top[ -]down)\b", re.I), "aerial view"),
    (re.compile(r"\b(from below|low[ -]angle)\b", re.I), "low-angle shot"),
    (re.compile(r"\b(full[ -]body)\b", re.I), "full-body shot"),
]
_TONE_WORDS = [
    (re.compile(r"\b(darker|more dark|dimmer)\b", re.I), "lighting", "low-key lighting"),
    (re.compile(r"\b(brighter|lighter|more light)\b", re.I), "lighting", "bright high-key lighting"),
    (re.compile(r"\b(more detail(?:s|ed)?|sharper|crisper)\b", re.I), "detail", "highly detailed, intricate details"),
    (re.compile(r"\b(more colou?rful|more vibrant|more saturated)\b", re.I), "colour", "vibrant colors"),
    (re.compile(r"\b(warmer)\b", re.I), "colour", "warm color palette"),
    (re.compile(r"\b(cooler|colder tones)\b", re.I), "colour", "cool color palette"),
    (re.compile(r"\b(pastel)\b", re.I), "colour", "pastel colors"),
]
_COLOURS = (r"red|orange|yellow|green|blue|purple|violet|pink|black|white|grey|gray|brown|golden|gold|silver|"
            r"teal|cyan|magenta|beige|dark|light|bright|pale")
_AT_WORDS = re.compile(r"^(night|midnight|noon|midday|dawn|dusk|sunset|sunrise|twilight|golden hour|blue hour)$", re.I)


@dataclass
class Edit:
    kind: str = "edit"  # "edit" | "repeat"
    seed_policy: str = "new"
    style: str | None = None  # a style the follow-up asks for
    replace: dict[str, str] = field(default_factory=dict)  # category -> new phrase
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    subject: str | None = None  # a new main subject, the rest of the scene kept
    swap: list[tuple[str, str]] = field(default_factory=list)  # (old words, new words)
    modify: list[tuple[str, str]] = field(default_factory=list)  # (thing, new adjective): "make the umbrella blue"
    setting: str | None = None  # a new place for the subject: "put it in a snowy forest"

    def empty(self) -> bool:
        return not (self.style or self.replace or self.add or self.remove or self.subject or self.swap
                    or self.modify or self.setting)


def _strip_cue(text: str) -> tuple[str, bool]:
    m = _CUE.match(text)
    if m and m.end() > 0:
        return text[m.end():].strip(" ,.!?"), True
    return text.strip(" ,.!?"), False


def _at(phrase: str) -> str:
    if _AT_WORDS.match(phrase):
        return f"at {phrase}"
    if re.fullmatch(r"(winter|summer|autumn|fall|spring)(time)?", phrase, re.I):
        return f"in {phrase}"
    return phrase


def _parse_clause(clause: str, edit: Edit, last_op: str | None) -> str | None:
    """Record the clause's edit in ``edit``; return the op name, or None when not understood."""
    raw = clause.strip(" ,.!?")
    if not raw:
        return "noop"
    m = _MAKE_THE.match(raw)
    if m and not find_style_mention(raw):
        edit.modify.append((m.group(1), m.group(2)))
        return "modify"
    m = _REPLACE.match(raw)
    if m:
        edit.swap.append((m.group(1).strip(), m.group(2).strip()))
        return "swap"
    text, cued = _strip_cue(raw)
    if not text:
        return "noop"
    m = _REMOVE.match(text)
    if m:
        edit.remove.extend(_bare(n) for n in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", m.group(1)) if _bare(n))
        return "remove"
    m = _MOVE.match(text)
    if m:
        prep = {"to": "at", "into": "in"}.get(m.group(1).lower(), m.group(1))
        edit.setting = f"{prep} {m.group(2).strip()}"
        return "setting"
    m = _ADD.match(text)
    if m:
        edit.add.append(m.group(1).strip())
        return "add"
    mention = find_style_mention(text)
    if mention:
        rest = set(re.findall(r"[\w'-]+", text.lower().replace(mention[1].lower(), " "))) - _FILLER
        if not rest:
            edit.style = mention[0]
            return "style"
    for pattern, phrase in _FRAMING_WORDS:
        if pattern.search(text):
            edit.replace["framing"] = phrase
            text = tidy(pattern.sub(" ", text))
            if not text or _only_filler(text):
                return "framing"
    for pattern, cat, phrase in _TONE_WORDS:
        if pattern.search(text):
            edit.replace[cat] = phrase
            text = tidy(pattern.sub(" ", text))
            if not text or _only_filler(text):
                return cat
    found = False
    for cat in ("time", "season", "weather", "lighting", "colour", "mood", "framing"):
        m = lx.category_re(cat).search(text)
        if m:
            edit.replace[cat] = _at(m.group(0).strip())
            text = tidy(text[: m.start()] + " " + text[m.end():])
            found = True
    if found and (not text or _only_filler(text)):
        return "category"
    if found and re.match(r"^(with|and|plus)\s+", text, re.I):
        edit.add.append(re.sub(r"^(with|and|plus)\s+", "", text, flags=re.I))
        return "add"
    if found and cued and not re.match(r"^(a|an|the|some)\s", text, re.I):
        edit.add.append(text)
        return "add"
    if found:
        return None  # a category word beside a new subject ("a dog at night"): a new picture
    # A bare continuation of the previous op: "remove the people and the cars".
    if last_op in ("remove", "add") and not cued:
        bare = text if last_op == "add" else _bare(text)
        (edit.remove if last_op == "remove" else edit.add).append(bare)
        return last_op
    m = _INSTEAD.match(text)
    if m and (re.search(r"\binstead\b", raw, re.I) or re.match(r"^(how|what) about\b", raw, re.I)):
        edit.subject = m.group(1).strip()
        return "subject"
    if cued and not re.match(r"^(a|an|the|some|two|three)\s", text, re.I) and len(text.split()) <= 6:
        edit.add.append(text)  # "make it spooky": a modifier we have no category for
        return "add"
    return None


def _only_filler(text: str) -> bool:
    return not (set(re.findall(r"[\w'-]+", text.lower())) - _FILLER - {"and", "but", "more", "even", "bit", "little", "lot", "much", "slightly", "very", "too"})


def _bare(noun: str) -> str:
    noun = re.sub(r"^(?:the|a|an|any|all|those|that|these|this|some)\s+", "", noun.strip(" ,.!?"), flags=re.I)
    return re.sub(r"\s+(?:from (?:it|the (?:image|picture|scene))|please|too)$", "", noun, flags=re.I)


_NEW_REQUEST = re.compile(
    r"^(?:(?:please|ok(?:ay)?|now|can you|could you|would you)[\s,]+)*(?:(?:draw|paint|sketch|render|generate|"
    r"create|imagine|design|illustrate)(?:\s+(?:me|us))?|(?:make|show|give)\s+(?:me|us))\s+"
    r"(?!the same\b)(?:an?|the|some|one|two|three|my|our)\b", re.I)


def parse_followup(message: str) -> Edit | None:
    """The edit a follow-up asks for, or None when it describes a new picture."""
    text = message.strip()
    if _NEW_REQUEST.match(text):
        return None  # "draw me a frog": a new picture, whatever came before
    lowered, _ = _strip_cue(text)
    edit = Edit()
    if _REPEAT.match(lowered) or _REPEAT.match(text.strip(" .!?")):
        edit.kind = "repeat"
        return edit
    if _SAME_SEED.search(text):
        edit.seed_policy = "same"
        text = _SAME_SEED.sub(" ", text)
    elif _NEW_SEED.search(text):
        text = _NEW_SEED.sub(" ", text)
        if not _strip_cue(text)[0]:
            edit.kind = "repeat"
            return edit
    if not tidy(_strip_cue(text.strip(" ,.!?"))[0]):
        edit.kind = "repeat"
        return edit
    last_op: str | None = None
    for clause in re.split(r"\s*(?:,|;|\bbut\b|\bthen\b|\band\b(?=\s+(?:make|add|remove|now|put|with|change|turn|zoom|get|take|no|without|in|at)\b))\s*", text, flags=re.I):
        op = _parse_clause(clause, edit, last_op)
        if op is None:
            # "and" inside an add/remove ("add a cat and a dog") belongs to that op.
            if last_op in ("add", "remove"):
                continue
            return None
        if op != "noop":
            last_op = op
    if edit.empty() and edit.seed_policy == "same":
        edit.kind = "repeat"
        return edit
    return None if edit.empty() else edit


# --- applying an edit ------------------------------------------------------------------------

_HEAD_END = re.compile(
    r"\s+(?=(?:on|in|at|with|under|by|near|beside|and|sitting|standing|flying|walking|running|holding|"
    r"wearing|lying|looking|inside|over|above|across|through|next)\b)", re.I)


def _word_re(noun: str) -> re.Pattern[str]:
    """Matches the noun, its plural/singular and up to two words before it."""
    base = re.escape(noun.strip())
    forms = {base}
    if noun.endswith("s"):
        forms.add(re.escape(noun[:-1]))
    else:
        forms.add(base + "s")
        forms.add(base + "es")
    if noun.lower() == "people":
        forms |= {"person", "persons", "crowds?", "tourists?", "pedestrians?", "figures?"}
    alt = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(
        rf"(?:,?\s*\b(?:with|and|plus|including|full of|surrounded by)\s+)?"
        rf"(?:\b(?:a|an|the|some|many|two|three|several|lots of|a group of|a crowd of|crowds of)\s+)?"
        rf"(?:\b(?!(?:with|and|plus|in|on|at|of|by|near|a|an|the)\b)[\w-]+\s+){{0,2}}?\b(?:{alt})\b", re.I)


def apply_edit(phrases: list[str], edit: Edit) -> tuple[list[str], list[str], list[str]]:
    """(new phrases, changes, negative phrases to add). ``phrases[0]`` is the subject."""
    out = list(phrases)
    changes: list[str] = []
    negatives: list[str] = []

    def drop_or_strip(pattern: re.Pattern[str], cat: str | None, where: range | None = None) -> int | None:
        first = None
        i = 0
        while i < len(out):
            p = out[i]
            if where is not None and i not in where:
                i += 1
                continue
            if not pattern.search(p):
                i += 1
                continue
            if first is None:
                first = i
            # A phrase that is only about this category goes; otherwise just the words go.
            # Light that names a time of day ("bright midday sun") goes with that time.
            primary = lx.primary_category(p)
            whole = (primary == cat or (cat == "time" and primary == "lighting")) if cat is not None \
                else len(p.split()) <= 3
            if whole and i > 0:
                changes.append(f"- {p}")
                del out[i]
                continue
            removed = []

            def cut(m: re.Match[str], p: str = p) -> str:
                # "in a rainy street": drop the adjective, keep "in a ... street".
                adj = re.search(r"\b(\w+y)$", m.group(0))
                if adj and re.match(r"\s+[^\W\d_]", p[m.end():]):
                    removed.append(adj.group(1))
                    return m.group(0)[: adj.start()]
                removed.append(m.group(0).strip(" ,"))
                return " "

            new = tidy(pattern.sub(cut, p))
            changes.extend(f"- {r}" for r in removed)
            if new or i == 0:
                out[i] = new
                i += 1
            else:
                del out[i]
        return first

    for old, new in edit.swap:
        pat = re.compile(rf"(?:\b(?:a|an|the|some|his|her|their)\s+)?\b{re.escape(_bare(old))}\b", re.I)
        hit = False
        for i, p in enumerate(out):
            if pat.search(p):
                out[i] = pat.sub(new, p)
                hit = True
        if hit:
            changes += [f"- {old}", f"+ {new}"]
        else:
            out.insert(1, new)
            changes.append(f"+ {new}")

    if edit.subject and out:
        head_tail = _HEAD_END.split(out[0], maxsplit=1)
        old_head = head_tail[0]
        out[0] = edit.subject + (" " + head_tail[1] if len(head_tail) > 1 else "")
        changes += [f"- {old_head}", f"+ {edit.subject}"]

    if edit.setting and out:
        # The subject's own place ("on a windowsill") gives way to the new one.
        m = lx.SETTING.search(out[0])
        if m and m.start() > 0:
            changes.append(f"- {out[0][m.start():].strip()}")
            out[0] = out[0][: m.start()].rstrip()
        out[0] = f"{out[0]} {edit.setting}"
        changes.append(f"+ {edit.setting}")

    for thing, adj in edit.modify:
        pat = re.compile(rf"\b(?:(?:{_COLOURS})\s+)?({re.escape(_bare(thing))})\b", re.I)
        hit = next((i for i, p in enumerate(out) if pat.search(p)), None)
        if hit is None:
            out.insert(min(1, len(out)), f"{adj} {_bare(thing)}")
            changes.append(f"+ {adj} {_bare(thing)}")
        else:
            old = pat.search(out[hit]).group(0)
            out[hit] = pat.sub(lambda m: f"{adj} {m.group(1)}", out[hit], count=1)
            changes += [f"- {old}", f"+ {adj} {_bare(thing)}"]

    for noun in edit.remove:
        if not noun:
            continue
        cat = next((c for c in ("weather", "time", "season", "lighting", "colour", "mood")
                    if lx.category_re(c).fullmatch(noun)), None)
        drop_or_strip(lx.category_re(cat) if cat else _word_re(noun), cat)
        if not any(c == f"- {noun}" or noun.lower() in c.lower() for c in changes if c.startswith("-")):
            changes.append(f"- {noun}")
        negatives.append(noun)

    for cat, phrase in edit.replace.items():
        pos = drop_or_strip(lx.category_re(cat), cat)
        kind = lx.time_kind(phrase) if cat == "time" else lx.season_kind(phrase) if cat == "season" else None
        conflict = lx.CONFLICTS.get(kind or "")
        if conflict is not None:
            drop_or_strip(conflict, None, where=range(1, len(out)))
        if cat == "season" and kind == "winter":
            negatives.append("summer")
        insert_at = min(pos if pos is not None and pos > 0 else 1, len(out))
        for part in [p.strip() for p in phrase.split(",")]:
            if not any(norm_key(part) == norm_key(p) for p in out):
                out.insert(insert_at, part)
                insert_at += 1
                changes.append(f"+ {part}")

    for thing in edit.add:
        thing = thing.strip(" ,.")
        if thing and not any(norm_key(thing) == norm_key(p) for p in out):
            out.insert(min(1, len(out)), thing)
            changes.append(f"+ {thing}")

    if edit.style in ("black-and-white", "line-art", "pencil-sketch"):
        drop_or_strip(lx.category_re("colour"), "colour", where=range(1, len(out)))
    if edit.style:
        # A new look replaces whatever medium the old prompt named ("professional photograph").
        for i in range(len(out) - 1, 0, -1):
            if lx.MEDIUM.search(out[i]) and len(out[i].split()) <= 3 and lx.primary_category(out[i]) is None:
                changes.append(f"- {out[i]}")
                del out[i]

    out = [p for p in out if p]
    return out, changes_once(changes), negatives


def changes_once(changes: list[str]) -> list[str]:
    """The changes an edit made, each said once, without a thing both added and taken away."""
    seen, out = set(), []
    for c in changes:
        if c not in seen:
            seen.add(c)
            out.append(c)
    # An addition that was also removed is no change at all.
    adds = {c[2:].lower() for c in out if c.startswith("+ ")}
    rems = {c[2:].lower() for c in out if c.startswith("- ")}
    both = adds & rems
    return [c for c in out if not (c[:2] in ("+ ", "- ") and c[2:].lower() in both)]
