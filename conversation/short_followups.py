"""Short follow-ups that change the picture on screen without naming a new one: a qualifier ("in color pls",
"gold chrome material"), a look ("make it look like an electron microscope image"), new lettering ("make it
say CLOSED"), and what the person's previous message makes of a bare "and the X" or "now a Y"."""

from __future__ import annotations

import re

from conversation.actions import Add, Op, Replace, SetGuidance, SetSeed, SetSlot, SetSteps, SetStyle
from conversation.interpreter import Context
from conversation.words import find_style

# A few words that qualify a picture and name nothing to draw: "in color pls", "gold chrome material",
# "false color it in purple and green". No description opens with a preposition or ends on "material".
_QUALIFIER = re.compile(r"^(?:in|with|without|at|under|during|inside|near|by|from|on)\s+\S.{0,60}$|"
                        r"^[\w-]+(?:\s+[\w-]+){0,3}\s+(?:material|texture|finish|surface|look|vibes?|aesthetic|palette|"
                        r"colou?r scheme|colou?r palette|tones|lighting|grading|shading|filter|treatment)$", re.I)
_VERB_IT = re.compile(r"^((?!(?:make|turn|add|remove|put|give|change|set|zoom|undo|take|keep|leave|let|have|get|see|show|do|is|"
                      r"was|does)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:it|this|him|her|them)\s+(.{2,60})$", re.I)


REMOVAL = re.compile(r"^\W*(?:(?:please|pls|ok(?:ay)?|now|and)\s+)*(?:remove|delete|erase|get rid of|take (?:out|away)|lose|drop|"
                      r"without|no more)\b", re.I)
SWAP = re.compile(r"^\W*(?:(?:ok(?:ay)?|now|lol|haha)[\s,]+)*(?:same(?: thing| scene| picture)?\s+but(?:\s+(?:with|as))?|make (?:it|him|her)|"
                   r"now|but|swap (?:it|him|her|the \w+) (?:for|with|to))\s+(?:an?\s+)?[\w-]+\W*$", re.I)


_NEW_TEXT = re.compile(r"^(?:(?:make it|have it|let it|make (?:the |his |her |its |their )?(?P<what>(?!it\b)[\w-]+(?:\s+[\w-]+)?)|"
                       r"(?:it|the (?:text|sign)) should)\s*(?:say|read|spell)s?|change (?:the (?:text|sign|words?|writing|lettering|title)) to"
                       r"(?:\s+(?:say|read|spell))?|change it to (?:say|read|spell))\s+"
                       r"['\"“‘]?(?P<new>[^'\"”’]{1,60}?)['\"”’]?\W*$", re.I)
# A new word or name in capitals, said with "change it to" in any of the languages read: "change it to BYE",
# "cámbialo a CERRADO", "change the name to MILO".
_NEW_CAPS = re.compile(r"^(?i:(?:change|switch|turn|make)\s+(?:it|this|that|the\s+(?P<name>name|word|words|text))\s+(?:to|into)|"
                       r"c[áa]mbia(?:lo|la)?\s+(?:a|por)|que\s+diga|cambia(?:lo|la)?\s+(?:in|con)|change-(?:le|la)\s+(?:en|par)|"
                       r"(?:ä|ae)ndere?\s+(?:es|den text)\s+(?:zu|in)|muda\s+(?:para|pra)|troca\s+(?:para|pra))\s+"
                       r"['\"“‘]?(?P<new>[A-Z0-9][A-Z0-9!&'.-]*(?:\s+[A-Z0-9][A-Z0-9!&'.-]*)*)['\"”’]?\W*$")
_NEW_NAME = re.compile(r"^(?:change|switch|make)\s+the\s+name(?:\s+on\s+it)?\s+(?:to|into)\s+['\"“‘]?(?P<new>[\w'-]{1,30})['\"”’]?\W*$", re.I)
_OLD_TEXT = re.compile(r"\b(?:says?|saying|reads?|reading|that says|with the (?:text|words?)|the words?|the letters|the name|"
                       r"text|lettering)\s+(?:['\"“‘]([^'\"”’]{1,60})['\"”’]|"
                       r"([A-Z0-9][A-Z0-9!&'-]*(?:\s+[A-Z0-9][A-Z0-9!&'-]*)*)\b)")


def text_change(body: str, scene) -> list[Op] | None:
    """ "make it say CLOSED" on "a neon sign that says OPEN": the lettering replaced, nothing else."""
    m = _NEW_TEXT.match(body.strip()) or _NEW_CAPS.match(body.strip()) or _NEW_NAME.match(body.strip())
    if not m or scene is None:
        return None
    if m.re is _NEW_NAME or m.re is _NEW_CAPS and m.group("name") == "name":  # "change the name to MILO": the name is the lettering's last word
        for part in (scene.subject, *scene.details):
            found = _OLD_TEXT.search(part)
            if found:
                said = next(g for g in found.groups() if g)
                renamed = re.sub(r"[\w'-]+(?=\W*$)", m.group("new").strip(), said, count=1)
                if found.group(1):
                    return [Replace(old=said, new=renamed)]
                verb = found.group(0)[:found.group(0).index(said)].split()[-1]
                return [Replace(old=f"{verb} {said}", new=f"{verb} {renamed}")]
        return None
    for part in (scene.subject, *scene.details):
        found = _OLD_TEXT.search(part)
        if found:
            old = next(g for g in found.groups() if g)
            if found.group(1):  # quoted: the words inside the quotes
                return [Replace(old=old, new=m.group("new").strip())]
            verb = found.group(0)[:found.group(0).index(old)].split()[-1]  # "says OPEN" → "says CLOSED"
            return [Replace(old=f"{verb} {old}", new=f"{verb} {m.group('new').strip()}")]
    what = m.groupdict().get("what")
    if what and m.re is _NEW_TEXT:  # "make the slide say 'Q3 RESULTS'" where nothing was lettered yet: the words put on it
        thing = "the text" if re.fullmatch(r"text|words?|writing|lettering", what, re.I) else f"the {what.lower()} reading"
        return [Add(thing=f'{thing} "{m.group("new").strip()}"')]
    return None


_SPELLING = re.compile(r"\b(?:fix|correct|redo|repair)\s+(?:the\s+|its\s+|that\s+)?(?:spelling|typos?|text|lettering|letters|"
                       r"words?|writing)\b|\b(?:misspel+ed|misspelt|spel+ed (?:it )?wrong|spelt (?:it )?wrong|wrong spelling|"
                       r"has a typo|(?:there'?s|there is) a typo|typo in)\b", re.I)


_WRITE = re.compile(r"(?:please\s+)?(?:write|add|put|print|letter)\s+(?:the\s+(?:text|words?|title)\s+)?(['\"“‘][^'\"”’]{1,60}['\"”’])"
                    r"(?:\s+(on|onto|in|across|at)\s+(it|this|that|him|her|the\s+[\w\s-]{1,30}?))?\W*", re.I)


def lettering(body: str) -> list[Op] | None:
    """ "write 'Hello' on it", "put "SALE" across the bottom": quoted words lettered on the picture, where said."""
    m = _WRITE.fullmatch(body.strip())
    if m is None:
        return None
    where = f" {m.group(2)} {m.group(3)}" if m.group(3) and not re.fullmatch(r"it|this|that|him|her", m.group(3), re.I) else ""
    return [Add(thing=f"the text {m.group(1)}{where}")]


def spelling_fix(body: str, scene) -> list[Op] | None:
    """ "can you fix the spelling? it says SAVE THE BESS", "can it say it correctly? it says OPNE lol": the same words
    asked again, lettered right, on a new seed (the old one draws the same letters again)."""
    if scene is None:
        return None
    lettered = [m for m in (_OLD_TEXT.search(p) for p in (scene.subject, *scene.details)) if m]
    if not lettered:
        return None
    asked = {w for m in lettered for w in re.findall(r"[A-Za-z]{3,20}", m.group(1) or m.group(2) or "")}
    said = _SAYS_NOW.search(body)
    if _SPELLING.search(body) or said and any(_near(said.group("word"), word) for word in asked):
        return [Add(thing="clear, correctly spelled lettering"), SetSeed(seed=None)]
    return None


# "it says OPNE", "the sign reads CAFFE": what the picture shows, told
_SAYS_NOW = re.compile(r"\b(?:it|the\s+[\w-]+(?:\s+[\w-]+)?|this|that)\s+(?:says|reads|spells|shows|wrote)\s+[\"'“‘]?(?P<word>[A-Za-z]{3,20})",
                       re.I)


def _near(said: str, meant: str) -> bool:
    """The same letters in another order, or one letter off: "OPNE" for "OPEN", "CAFFE" for "CAFE"."""
    a, b = said.lower(), meant.lower()
    if a == b:
        return False
    if sorted(a) == sorted(b):
        return True
    if abs(len(a) - len(b)) == 1:
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


# The nouns that name a whole picture's look ("… photograph", "… screenshot"), for "like a …" and "as a …".
_LOOK_NOUNS = (r"image|photo|photograph|picture|painting|drawing|render|print|illustration|sketch|still|poster|engraving|etching|"
               r"woodcut|mosaic|tapestry|fresco|polaroid|screenshot")
_LOOK = re.compile(rf"^like\s+(?:an?\s+)?((?:[\w'-]+\s+){{0,4}}(?:{_LOOK_NOUNS}|scan|x-ray|daguerreotype|blueprint|micrograph))"
                   r"(?:\s+instead)?$", re.I)


def look_of(op: Op) -> Op:
    """ "make it look like an electron microscope image": a look for the whole picture, not a thing in it."""
    m = _LOOK.match(op.thing.strip()) if isinstance(op, Add) else None
    return SetSlot(slot="medium", value=m.group(1)) if m else op


def last_said(ctx: Context) -> str:
    """The person's previous message, if the context carries it."""
    return next((text for role, text in reversed(ctx.history) if role == "user"), "")


def last_reply(ctx: Context) -> str:
    """The chat's previous answer, if the context carries it."""
    return next((text or "" for role, text in reversed(ctx.history) if role == "assistant"), "")


def modifier_only(body: str) -> Add | None:
    """The qualifier a short follow-up adds to the picture, when it is only that."""
    text = re.sub(r"\s*(?:please|pls|plz)\W*$", "", body.strip(" .!?"), flags=re.I)
    if len(text.split()) > 8:
        return None
    if _QUALIFIER.match(text):
        return Add(thing=text)
    m = _VERB_IT.match(text)
    if m and len(m.group(1).split()) <= 2:
        return Add(thing=f"{m.group(1)} {m.group(2)}")  # "false color it in purple and green"
    return None


# "now make her male", "turn him into a woman": the person's sex changed, the rest kept.
_SEX_CHANGE = re.compile(r"^(?:(?:now|ok(?:ay)?|and|then|cool)[\s,.]+)*(?:make|turn)\s+(?:her|him|them|it|the\s+[\w-]+)\s+(?:into\s+)?"
                         r"(?:an?\s+)?(?P<sex>male|female|man|woman|boy|girl|guy|lady|masculine|feminine)(?:\s+instead)?\W*$", re.I)
_OTHER_SEX = {"male": "female", "female": "male", "man": "woman", "woman": "man", "guy": "woman", "lady": "man", "boy": "girl",
              "girl": "boy", "masculine": "feminine", "feminine": "masculine"}


def sex_change(body: str, scene) -> list[Op] | None:
    """ "now make her male" on "half-orc paladin, female": the word of the other sex replaced where it was said, or None."""
    m = _SEX_CHANGE.match(body.strip()) if scene is not None else None
    if m is None:
        return None
    new = m.group("sex").lower()
    text = " ".join((scene.subject, *scene.details))
    said = [x for x in (_OTHER_SEX[new], *(k for k, v in _OTHER_SEX.items() if v == new and k != new))
            if re.search(rf"\b{x}\b", text, re.I)]
    return [Replace(old=said[0], new=new)] if said else None  # none said: "make him a woman" is read as any change


# "as a ps1 game screenshot", "now as a renaissance painting": the whole picture in another look.
_AS_A_LOOK = re.compile(r"^\W*(?:(?:now|and|ok(?:ay)?|then|maybe)[\s,]+)*(?:(?:make|do|redo|render|draw)\s+(?:it|this|that)\s+)?(?:as|like)\s+"
                        rf"an?\s+(?P<look>(?:[\w'-]+\s+){{0,4}}(?:{_LOOK_NOUNS}|sculpture|comic|cartoon|postcard|stamp|sticker|tattoo|"
                        r"figurine|plushie|diorama|cover|card|icon|emoji|(?:tattoo|sticker|logo|t-?shirt|print|patch|stamp)\s+(?:design|art|flash)))(?:\s+(?:instead|please|pls))?\W*$", re.I)


def as_a_look(body: str) -> list[Op] | None:
    """ "as a ps1 game screenshot": that look for the whole picture (a style preset when it names one), or None."""
    # "as one of those old vintage railway posters": one of the kind, as "as an old vintage railway poster"
    body = re.sub(r"\b(as|like)\s+one\s+of\s+(?:those|these|them|the)\s+([\w' -]{2,50}?)s(?=\W*$)", r"\1 a \2", body.strip(), flags=re.I)
    m = _AS_A_LOOK.match(body)
    if m is None:
        return None
    found = find_style(m.group("look"))
    if found and found[1].lower() == m.group("look").lower():
        return [SetStyle(style=found[0])]
    return [SetSlot(slot="medium", value=m.group("look"))]


# "blurrier background", "more bokeh", "blur the background": the background out of focus, as photographers say it.
_DEPTH = re.compile(r"^\W*(?:(?:make\s+(?:the\s+)?background|background)\s+(?:more\s+|a\s+bit\s+)?(?:blurr(?:y|ier|ed)|out of focus|softer)|"
                    r"(?:a\s+)?(?:more\s+|a\s+bit\s+)?(?:blurr(?:y|ier|ed)|out[- ]of[- ]focus|softer)\s+background|(?:more\s+)?bokeh|"
                    r"blur\s+(?:out\s+)?the\s+background(?:\s+more)?|shallow(?:er)?\s+depth\s+of\s+field)(?:\s+(?:please|pls))?\W*$", re.I)


def depth_of_field(body: str) -> list[Op] | None:
    """ "blurrier background": the background blurred, in the words the models know; None otherwise."""
    return [Add(thing="blurred background, shallow depth of field, bokeh")] if _DEPTH.match(body.strip()) else None


# "bump it to 35", "up it to 9": the number goes to the setting the person spoke of last.
_BUMP = re.compile(r"^\W*(?:ok\s+)?(?:bump|raise|put|set|push|turn|crank|up|change|make|lower|drop|reduce|decrease|increase|bring)\s+"
                   r"(?:it|that|them|this)?\s*(?:up\s+|down\s+)?to\s+(\d{1,3}(?:\.\d+)?)\W*$", re.I)


def bumped_clause(rest: str, ctx: Context) -> tuple[list[Op], str]:
    """ "too saturated, lower it to 5": the setting the last clause sets, and the rest of the message."""
    clauses = re.split(r"(?<=[,;.])\s*", rest.strip())
    ops = bumped(clauses[-1], ctx) if len(clauses) > 1 else None
    return (ops, " ".join(clauses[:-1]).strip(" ,;.")) if ops else ([], rest)


def bumped(body: str, ctx: Context) -> list[Op] | None:
    """The setting a bare number is for, from the person's earlier messages ("20 steps" … "bump it to 35")."""
    m = _BUMP.match(body.strip())
    if m is None:
        return None
    for role, text in reversed(ctx.history):
        said = re.findall(r"\b(steps?|cfg|guidance|scale)\b", text, re.I) if role == "user" else []
        if said:
            n = float(m.group(1))
            if said[-1].lower().startswith("step") and n.is_integer() and 1 <= n <= 150:
                return [SetSteps(steps=int(n))]
            if not said[-1].lower().startswith("step") and 0 < n <= 30:
                return [SetGuidance(guidance=n)]
    return None


# "now lego" after "claymation style": the whole picture in that craft, the style before it gone.
_CRAFT = re.compile(r"^\W*(?:(?:now|ok(?:ay)?|and|then|try|make it|do it|as|in)\s+)*(?:(?:out\s+)?of\s+|made of\s+)?"
                    r"(?P<craft>lego|legos|lego bricks|playmobil|origami|papercraft|paper ?cut|cardboard|felt|needle[- ]felted|"
                    r"knitted|knit|crochet(?:ed)?|plasticine|play-?doh|claymation|clay|yarn|wool|lego minifigures?)"
                    r"(?:\s+(?:version|style|look|edition|please|pls|instead|now|lol))*\W*$", re.I)


def craft_look(body: str, scene) -> list[Op] | None:
    """ "now lego": the picture made in that craft, replacing the style it had; None otherwise."""
    m = _CRAFT.match(body.strip())
    if m is None or scene is None:
        return None
    craft = m.group("craft").lower()
    found = find_style(craft)
    if found:  # "claymation", "origami": a preset of its own
        return [SetStyle(style=found[0])]
    ops: list[Op] = [SetStyle(style="none")] if scene.style and scene.style != "none" else []
    return [*ops, SetSlot(slot="medium", value=f"made of {craft}, {craft} style")]


# A change begun plainly that no rule read further: "make saturn's rings more visible", "a bit more flowers in the
# window boxes". With a picture on screen it is a change of it, its words added, never a new picture of them.
_PLAIN_CHANGE = re.compile(r"^(?:(?:make|turn)\s+(?!(?:an?|some|me|us|one|another|two|three|four|\d+|the\s+(?:first|second|third|last|previous|"
                           r"original)|the\s+\w+\s+(?:one|version))\b)(?=\S+(?:'s)?\s+\S)|(?:(?:a\s+)?(?:bit|little|lot)\s+|much\s+|way\s+|even\s+)?(?=(?:more|less|fewer)\s+\w))",
                           re.I)


def plain_change(body: str) -> list[Op] | None:
    m = _PLAIN_CHANGE.match(body.strip())
    said = body.strip(" .!?")[m.end():].strip() if m else ""
    return [Add(thing=said)] if said and len(said.split()) <= 10 else None
