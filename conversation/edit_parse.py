"""Reading an edit of the current picture: the message cut into clauses, each clause tried against the
shapes an edit takes, in order from the most specific to the least, and the ops put together.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from conversation import words as w
from conversation.actions import Add, Camera, Op, Remove, Replace, SetSize, SetSlot, SetStyle, SetSubject
from conversation.cues import ASK, SAME_BUT, strip_lead
from conversation.edit_clauses import (ADD, BACK, CAMERA, DOING, GONE, INSTEAD, IT_ADJ, MEANT, MEDIUM, MODIFY, MORE_ADJ,
                                       MOVEMENT, NO_STYLE, OF_A, PARTICIPLE, PERSON_ADJ, PUT, RAINY_NIGHT, REMOVE,
                                       REPLACE, SHOULD, SHOW_ME, SLOT_VALUE, TOO, instead_ops, meant_ops, merge_tones, person_ops,
                                       should_ops, slot_ops, style_op, tone_ops, too_ops)
from conversation.complaints import complained_of
from conversation.describe import GOES_ON
from conversation.edit_refs import BY_IT, NONE_ON_IT, antecedent, place_op
from conversation.flags import extract_settings
from conversation.formats import ON_SURFACE, environment_ops, format_of
from conversation.interpreter import Context
from conversation.more_weight import more_of, weight_set
from conversation.negatives import negative_ops
from conversation.said_of_a_thing import as_seen, made_of
from conversation.phrases import COLOUR_PHRASE, MATERIAL_PHRASE, MATERIALS, bare, gerund, main_noun, phrase_head, said_thing
from conversation.remark_forms import REMARK
from conversation.small_talk import chat_kind


_CLAUSE_SPLIT = re.compile(
    r"\s*(?:[;.!?](?=\s|$)|,\s*(?:and|but|then|also|plus)?\s*|\s+(?:and then|then|but|also|plus)\s+|"
    r"\s+and\s+(?=(?:make|add|remove|delete|put|place|move|change|turn|switch|swap|replace|give|set|zoom|get|take|"
    r"drop|lose|use|no|without|with|in|at|on|during|a bit|more|less|let|have|show|keep|bring|it|the)\b))\s*", re.I)


_VERSION = re.compile(
    r"^(?:(?:do|make|give me|show me|try|render|draw|create|generate|can i (?:get|have|see)|how about|what about)\s+)?"
    r"(?:(?:an?|the|one)\s+)?(?:(?!version\b)(.+?)\s+)?(?:version|take|variant|rendition|edition)"
    r"(?:\s+of\s+(?:that|it|this|the (?:image|picture|last one|same (?:thing|picture|scene))))?(?:\s+(.+?))?$", re.I)
_ONE_SUCH = re.compile(r"^(?:do|make|try|render|draw|give me)\s+(?:one|another one|a new one)\s+"
                       r"((?:at|in|during|on|under|as|with|by)\b.+)$", re.I)
_SUNNY_AND_CLEAR = re.compile(r"^(?:make it\s+)?(?:sunny and clear|clear and sunny|bright and sunny|sunny and bright)$", re.I)


def _clause_ops(clause: str, ctx: Context, previous: str | None) -> list[Op] | None:
    """The ops one clause asks for, or None when it is not an edit."""
    raw = clause.strip(" ,.!?;:")
    if not raw:
        return []
    led = strip_lead(raw)
    text = ASK.sub("", led).strip()
    if text != led:  # "i want it at sunset", "i'd like it to be darker": "it" is the picture
        text = re.sub(r"^(?:it|this|that|the (?:image|picture|scene))\s+(?:to\s+(?:be|look|have|feel)\s+|be\s+)?(?=\S)", "",
                      text, flags=re.I)
    text = re.sub(r"^(?:now|then|also|and|but|just|please|maybe|perhaps)\s+", "", text, flags=re.I).strip()
    text = re.sub(r"^(?:(?:what|how) would (?:it|this|that|he|she|they) look(?: like)?|(?:would|will|could|might) (?:it|this) look "
                  r"(?:better|nicer|cooler|good|great)|(?:what|how) (?:if|about)(?: (?:it|we|you|they|he|she))?(?: (?:was|were|is|had|made it|make it|"
                  r"did it|do it|tried))?|could it be|can it be|it should be|it needs to be|i think it should be|"
                  r"i want it(?: to be)?|i'd like it(?: to be)?|i would like it(?: to be)?|make sure it'?s|let'?s have it)\s+",
                  "", text, flags=re.I).strip()
    # Words at the end that only say how it is asked: "no fireplace actually", "the hat off then".
    text = re.sub(r"(?:[\s,]+(?:please|pls|plz|now|instead|too|as well|thanks|thank you|actually|then|anymore|any more|"
                  r"for (?:this|that) one|for (?:this|it)|"
                  r"after all|either|though|for now|this time))+$", "", text, flags=re.I).strip(" ,.!?")
    text = re.sub(r"^make\s+(?:it\s+)?(?:so\s+)?that\s+it(?:'s|\s+is)\s+", "make it ", text, flags=re.I)  # "make that it is raining"
    text = re.sub(rf"^((?:make|turn|paint|colou?r)\s+.+?\b(?:{COLOUR_PHRASE}))\s+like\s+.+$", r"\1", text, flags=re.I)  # "… like a sunset"
    if not text:
        return []
    if re.match(r"^(?:keep|leave|preserve|don'?t (?:touch|change|remove|lose))\s+(?:the|his|her|its|their|that|those|these|my)\s+"
                r"[\w' -]+$|^(?:keep|leave)\s+(?:everything|the rest|all|it)(?:\s+else)?(?:\s+(?:the\s+)?same|\s+as\s+(?:it\s+)?is)?$",
                text, re.I) and len(text.split()) <= 6:
        return []  # "... but keep the red sun", "… but keep everything else the same": what stays asks for no change
    m = re.fullmatch(r"(bigger|larger|huge|smaller|tiny|brighter|taller|shorter)\s+(?:the\s+)?([\w-]+)", text, re.I)
    if m and ctx.scene is not None and ctx.scene.mentions(m.group(2)):  # "bigger moon"
        size = {"bigger": "huge", "larger": "huge", "smaller": "tiny"}.get(m.group(1).lower(), m.group(1).lower())
        return [Replace(old=m.group(2), new=f"{size} {m.group(2)}")]
    if previous == "replace" and re.fullmatch(rf"(?:the|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?\s+{COLOUR_PHRASE}", text, re.I):
        text = f"make {text}"  # "make the sky pink and the water purple": the second "make" left unsaid
    text = _SUNNY_AND_CLEAR.sub("sunny", text)
    m = _VERSION.match(text) or _ONE_SUCH.match(text)
    if m and any(m.groups()):
        # "do a pixel art version of that", "a version at night": the version's words are the change.
        said = [g.strip() for g in m.groups() if g and g.strip()]
        found = [_clause_ops(x, ctx, previous) for x in said]
        if all(f for f in found):
            return [op for f in found for op in f]  # type: ignore[union-attr]
    m = TOO.match(text)
    if m:
        return too_ops(m.group(1))
    m = INSTEAD.match(led)
    if m and ctx.scene is not None:
        ops = instead_ops(m.group(1) or m.group(2), ctx)
        if ops:
            return ops
    text = re.sub(r"^(?:it'?s|it is|its|it should be|it must be|it has to be|it needs to be|let it be|have it be)\s+"
                  r"(?:now\s+|already\s+)?(?=\S)", "", text, flags=re.I)
    m = BACK.match(text)
    if m:
        return [Add(thing=next(g for g in m.groups() if g))]
    m = RAINY_NIGHT.match(text)
    if m:
        weather = {"rainy": "in the rain", "snowy": "in the snow", "stormy": "in a storm", "foggy": "in thick fog",
                   "misty": "in the mist", "cloudy": "under a cloudy sky"}.get(m.group(1).lower(), m.group(1).lower())
        return [SetSlot(slot="weather", value=weather), SetSlot(slot="time", value=SLOT_VALUE["time"](m.group(2)))]
    m = GONE.match(text)
    if m:
        return [Remove(thing=bare(next(g for g in m.groups() if g)))]
    m = SHOULD.match(text)
    if m and ctx.scene is not None:
        ops = should_ops(m.group(1), m.group(2), ctx.scene)
        if ops:
            return ops
    m = PERSON_ADJ.match(text)
    if m and re.match(r"^\w+\s+her\s", text, re.I) and len(m.group("rest").split()) >= 2 \
            and not re.match(r"^(?:an?|the)\s", m.group("rest"), re.I):
        m = None  # "make her hair straight": "her" is whose hair
    if m and ctx.scene is not None:
        ops = person_ops(m.group("rest").strip(), ctx.scene, m.group("who"))
        if ops:
            return ops
    m = MEANT.match(text)
    if m and ctx.scene is not None:
        return meant_ops(m.group(1).strip(), ctx.scene)
    m = MEDIUM.match(text)
    if m and not w.find_style(m.group(1)):
        return [SetSlot(slot="medium", value=bare(m.group(1)))]
    seen_as = re.sub(r"^(?:show|shoot|film|draw|render|paint|see|view|photograph|capture|frame)\s+(?:him|her|it|them|"
                     r"(?:the|his|her)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?=(?:from|in|as|at)\b)", "", text, flags=re.I)
    # "view from above", "a shot from below", "even closer": the camera words after a noun or an intensifier.
    seen_as = re.sub(r"^(?:(?:a|an|the)\s+)?(?:(?:view|shot|camera|angle|perspective|it|even|much|way|a bit|a little|"
                     r"slightly|get|go|move|come)\s+)+(?=(?:from|zoom|close|closer|wider|tighter|top|overhead|bird|aerial|"
                     r"low|high|side|front|macro|extreme|pull|further|farther|up close|in closer)\b)", "", seen_as, flags=re.I)
    m = re.fullmatch(r"(?:just|only)\s+(?:the|his|her|its|their)\s+([\w-]+(?:\s+[\w-]+)?)", led.strip(" ,.!?"), re.I)
    if m:
        return [Camera(move="closer", on=m.group(1))]
    if re.fullmatch(r"(?:an?\s+)?(?:extreme(?:ly)?\s+close[- ]?up|macro(?:\s+(?:shot|photo(?:graphy)?|lens|view|mode|close[- ]?up))?)"
                    r"(?:\s+(?:shot|view))?", seen_as, re.I):
        return [SetSlot(slot="framing", value="extreme close-up, macro shot")]
    if re.fullmatch(r"(?:an?\s+)?full[- ](?:body|length)(?:\s+(?:shot|view|portrait|photo))?", seen_as, re.I):
        return [SetSlot(slot="framing", value="full body shot")]
    for rx, move in CAMERA:
        m = rx.match(seen_as)
        if m:
            on = m.group(1) if m.groups() else None
            return [Camera(move=move, on=on.strip() if on else None)]  # type: ignore[arg-type]
    ops = slot_ops(text)
    if ops:
        return ops
    m = re.match(r"^(.+?)\s+(?:with|and)\s+(.+)$", text, re.I)
    if m:  # "at night with a full moon": the time, and a thing to add
        ops = slot_ops(m.group(1))
        if ops:  # ... and the rest may be weather or light too: "in winter with snow"
            return [*ops, *(slot_ops(m.group(2)) or tone_ops(m.group(2)) or [Add(thing=m.group(2).strip())])]
    m = BY_IT.match(text)
    if m and ctx.scene is not None:
        main = main_noun(ctx.scene)
        thing = re.sub(r"^(?:add|put|place|include|insert|draw|paint|have|get)\s+", "", m.group(1), flags=re.I)
        return [Add(thing=f"{thing} {m.group(2)} {'the ' + main if main else m.group(3)}")]
    if NO_STYLE.match(text):
        return [SetStyle(style="none")]
    m = GONE.match(text)
    if m:
        return [Remove(thing=bare(next(g for g in m.groups() if g)))]
    m = REMOVE.match(text)
    if m and not re.match(r"^not\s+(?:more|less)\b|^no\s+(?:more|less)\s+(?:than|\w+er\b)", text, re.I):
        # "no text no watermark": each "no" another thing
        things = [bare(x) for x in re.split(r"\s*(?:,|\band\b|\bor\b|\bnor\b|\s(?=no\s))\s*(?:no\s+)?", m.group(1)) if bare(x)]
        things = [antecedent(x, ctx) for x in things]
        if things and not (re.match(r"^not\b", text, re.I) and len(things[0].split()) > 3):
            return [Remove(thing=x) for x in things]
    style = style_op(text, strict=True)
    if style:
        return [style]
    tones = tone_ops(text)
    if tones:
        return tones
    m = re.fullmatch(r"(?:(?:on|with|against)\s+)?(?:an?\s+|the\s+)?((?:plain|solid|simple|clean|blank|"
                     rf"{COLOUR_PHRASE}|gradient|transparent|neutral)(?:\s+[\w-]+)?)\s+(?:background|backdrop)", text, re.I)
    if m:  # "white background instead": what is behind the subject
        return [SetSlot(slot="setting", value=f"{m.group(1).strip().lower()} background")]
    m = re.fullmatch(r"(?:match|change|set|switch|turn|make)\s+(?:the\s+|all\s+the\s+)?(?:colou?rs?|colou?r\s+scheme|palette)\s+"
                     r"(?:to|into|with)\s+(?:our\s+|my\s+)?([\w' -]+?)(?:\s+(?:colou?rs|tones|palette))?", text, re.I)
    if m:  # "match the colours to terracotta and sage": the palette
        return [SetSlot(slot="palette", value=f"{m.group(1).strip()} colors")]
    m = re.fullmatch(r"(?:in|with|using|use)\s+(?:an?\s+|the\s+)?([\w' -]+?)\s+(colou?rs|colou?r palette|palette|tones|hues|shades)",
                     text, re.I)
    if m:  # "in autumn colors", "with earthy tones": the palette
        return [SetSlot(slot="palette", value=f"{m.group(1).strip()} {'tones' if m.group(2).lower() == 'tones' else 'colors'}")]
    for i, rx in enumerate(REPLACE):
        m = rx.match(text)
        if not m:
            continue
        old, new = m.group(1).strip(), m.group(2).strip()
        if i == 2:
            old, new = new, old  # "a dog instead of the cat"
        if i == 1 and re.match(r"^(?:it|this|that|them|the (?:image|picture|scene|whole thing))$", old, re.I):
            style = style_op(new, strict=False) if not OF_A.search(new) else None
            if style:
                return [style]
            slot = slot_ops(new)
            if slot:
                return slot
            if re.match(r"^(?:a|an|the|some)\s", new, re.I):
                return format_of(new, ctx.scene) or environment_ops(new, ctx.scene) or [SetSubject(subject=new)]
            return [Add(thing=new)]
        if re.fullmatch(r"(?:the\s+)?(?:background|backdrop|setting|scenery|surroundings|location|place)", old, re.I) and \
                re.match(r"^(?:an?|the|some)\s", new, re.I):
            head = phrase_head(new).lower()  # "make the background a castle hall": where it is
            if re.fullmatch(r"skylines?|sky|view|horizon|mountains|hills|landscape|sunset|sea|ocean|city", head):
                return [SetSlot(slot="setting", value=f"{new} in the background")]
            return [SetSlot(slot="setting", value=f"{'on' if head in ON_SURFACE else 'in'} {new}")]
        if slot_ops(old) and slot_ops(new):
            return slot_ops(new)  # "summer instead of winter": the season, wherever the old one was said
        made = made_of(old, new, ctx) if i in (0, 1) else None
        if made:
            return made
        if re.fullmatch(COLOUR_PHRASE, new, re.I) and re.fullmatch(rf"(?:the\s+)?(?:{COLOUR_PHRASE})", old, re.I):
            return [Replace(old=bare(old), new=new)]  # "swap red for blue": one colour for another, wherever it is said
        if i in (0, 1) and re.fullmatch(rf"(?:{COLOUR_PHRASE}|{MATERIAL_PHRASE})", new, re.I):
            return [Replace(old=bare(old), new=f"{new} {bare(old)}")]  # "change the sofa to green": a green sofa
        if bare(old) and bare(new) and len(old.split()) <= 6:
            return [Replace(old=bare(old), new=new)]
    m = re.match(r"^(?:make|have|let)\s+(?:him|her|it|them|the\s+[\w-]+)\s+(wear|hold|carry|eat|ride|drink|read|play(?:\s+with)?)\s+"
                 r"(\S.*)$", text, re.I)
    if m:  # "make her wear headphones": what she does, never "wear" as a thing made into headphones
        return [Add(thing=f"{gerund(m.group(1).split()[0])}{m.group(1)[len(m.group(1).split()[0]):]} {m.group(2)}")]
    for rx in MODIFY:
        m = rx.match(text)
        if m:
            thing, adj = m.group(1).strip(), m.group(2).strip()
            made = made_of(thing, re.sub(r"\s+instead$", "", adj, flags=re.I), ctx)
            if made:
                return made
            split = said_thing(thing, ctx.scene)
            if split:  # "make the dragon blue and sleepy": the thing the picture has, and all that is said of it
                thing, adj = split[0], re.sub(r"\s+like\s+.*$", "", f"{split[1]} {adj}")  # "red like it's dying"
                closer = re.search(r"\s*\b(?:and\s+)?(closer|nearer)$", adj, re.I)
                if closer:  # "bigger and closer": the size, and the camera
                    adj = {"bigger": "huge", "larger": "huge", "smaller": "tiny"}.get(adj[:closer.start()].strip().lower(),
                                                                                   adj[:closer.start()].strip() or "huge")
                    return [Replace(old=thing, new=f"{adj} {thing}"), Camera(move="closer", on=thing)]
                if re.fullmatch(r"(?:[\w-]+\s+){0,2}[a-z]{2,}[^su]s", adj, re.I) and not re.search(
                        r"(?:ous|ss|less|ness|colou?rs|tones|shades|patterns|stripes|spots|dots|checks)$|\band\b", adj, re.I):
                    return [Replace(old=thing, new=adj)]  # "make the buses yellow taxis": what they become
                return [Replace(old=thing, new=f"{re.sub(r'^(?:more|a bit|a little|very|really|much|slightly) ', '', adj)} {thing}")]
            if DOING.fullmatch(adj) and ctx.scene is not None and ctx.scene.mentions(bare(thing)):
                return [Replace(old=bare(thing), new=f"{gerund(adj)} {bare(thing)}")]  # "make the corgi smile"

            if re.match(r"^(?:light|lighting|lights)$", thing, re.I):
                tones = tone_ops(adj)
                return tones or [SetSlot(slot="lighting", value=f"{adj} light")]
            if re.match(r"^(?:colou?rs?|palette|tones?)$", thing, re.I):
                return tone_ops(adj) or [SetSlot(slot="palette", value=f"{adj} colors")]
            if re.match(r"^(?:mood|atmosphere|vibe|feel)$", thing, re.I):
                return tone_ops(adj) or [SetSlot(slot="mood", value=f"{adj} atmosphere")]
            if re.match(r"^(?:background)$", thing, re.I):
                return [SetSlot(slot="setting", value=f"{adj} background")]
            if re.match(r"^(?:bigger|larger|huge|giant|smaller|tiny)$", adj, re.I):
                return [Replace(old=bare(thing), new=f"{'tiny' if adj.lower() in ('smaller', 'tiny') else 'huge'} {bare(thing)}")]
            if re.fullmatch(r"[a-z]{3,}s", thing, re.I) and re.fullmatch(r"[a-z]{2,}[^su]s", adj, re.I) \
                    and not re.search(r"(?:ous|ss|less|ness)$", adj, re.I):
                return [Replace(old=bare(thing), new=adj)]  # "make the cats dogs": plural for plural, a new kind
            return [Replace(old=bare(thing), new=f"{re.sub(r'^(?:more|a bit|a little|very|really|much|slightly) ', '', adj)} {bare(thing)}")]
    m = MOVEMENT.fullmatch(text)
    if m:  # "surrealist like dali", "cubist", "make it art deco": a look no preset names, in the person's words
        look = f"{m.group('movement')} style" + (f", in the style of {m.group('artist')}" if m.group("artist") else "")
        return [SetSlot(slot="medium", value=look.lower())]
    m = re.fullmatch(r"(?:as|in|out of|from)\s+(legos?|lego bricks|clay|plasticine|paper|origami|cardboard|wood|glass|crystal|ice|"
                     r"chocolate|candy|wool|felt|yarn|pixels|balloons|neon tubes|metal|marble|stone)", text, re.I)
    if m:  # "as lego": what it is made of
        return [Add(thing=f"made of {m.group(1).lower()}")]
    m = PUT.match(text)
    side = re.fullmatch(r"(?:the\s+)?(left|right|center|centre|middle|foreground|background|corner|top|bottom)(?:\s+side)?",
                        m.group(2).strip(), re.I) if m else None
    moved = re.match(r"^\w+\s+(the\s+[\w\s-]+?)\s+(?:to|into|in|on|at)\b", text, re.I) if side else None
    if moved:  # "move the boat to the right": where it stands in the picture, not a new place for the picture
        thing = moved.group(1)
        return [Add(thing=f"{thing} in the {side.group(1).lower()}" if side.group(1).lower() in ("foreground", "background", "middle",
                                                                                                   "center", "centre")
                    else f"{thing} on the {side.group(1).lower()}")]
    if m:
        prep = {"to": "at", "into": "in", "onto": "on"}.get(m.group(1).lower(), m.group(1).lower())
        when = slot_ops(f"{prep} {m.group(2).strip()}")  # "put it in summer": a season, not a place
        return when or [SetSlot(slot="setting", value=f"{prep} {m.group(2).strip()}")]
    for cut in re.finditer(r"\s+(?=(?:at|by|during|in|on|under)\s)", text):
        # "in a forest by night", "on a beach at sunset": the place and then its time or weather
        place, when = place_op(text[:cut.start()]), slot_ops(text[cut.end():])
        if place and when:
            return [place, *when]
    place = place_op(text)
    if place:
        return [place]
    if re.match(r"^(?:underwater|in space|outdoors|indoors|outside|inside)$", text, re.I):
        return [SetSlot(slot="setting", value=text.lower())]
    m = ADD.match(text)
    if m and re.match(r"^(?:draw|paint|show|have|put|place)\s+(?:it|this|that|them|him|her|everything)\b", text, re.I):
        m = None  # "draw it as a dog" changes what is drawn; nothing is added
    if m and not re.match(r"^(?:draw|paint|show|have)\s+(?:me|us)\b", text, re.I):
        things = [x.strip() for x in re.split(r"\s*(?:,|\band\b)\s*(?=(?:a|an|some|two|three|the|more)\s)", m.group(1)) if x.strip()]
        if things:
            return [Add(thing=x) for x in things]
    if PARTICIPLE.match(text):
        return [Add(thing=text)]
    m = IT_ADJ.match(text)
    colour = (m.group(1).strip() if m else text)
    if ctx.scene is not None and re.fullmatch(MATERIALS, colour, re.I):
        made = re.search(rf"\b(?:made\s+)?(?:out\s+)?of\s+({MATERIALS})\b", " ".join(ctx.scene.phrases()), re.I)
        if made and made.group(1).lower() != colour.lower():
            return [Replace(old=made.group(1), new=colour.lower())]
    if re.fullmatch(rf"(?:all\s+)?{COLOUR_PHRASE}(?:\s+(?:and|&)\s+{COLOUR_PHRASE})?", colour, re.I) and ctx.scene is not None:
        # "make it blue" / "the first one, but blue": the main thing takes the colour.
        head = main_noun(ctx.scene)
        if head:
            return [Replace(old=head, new=f"{re.sub(r'^all ', '', colour, flags=re.I)} {head}")]
    if m:
        rest = m.group(1).strip()
        style = style_op(rest, strict=False) if not OF_A.search(rest) else None
        if style:
            return [style]
        tones = tone_ops(rest)
        if tones:
            return tones
        if re.match(r"^(?:a|an|the|some)\s", rest, re.I):
            return (_made_a(rest, ctx) or format_of(rest, ctx.scene) or environment_ops(rest, ctx.scene)
                    or [SetSubject(subject=rest)])
        return [Add(thing=rest)]
    m = re.fullmatch(r"(?:(?:a\s+)?(?:bit|little|lot|few)\s+)?fewer\s+([\w' -]{2,30}?s)", text, re.I)
    if m and ctx.scene is not None and ctx.scene.mentions(bare(m.group(1))):
        return [Replace(old=bare(m.group(1)), new=f"just a few {bare(m.group(1))}")]  # "fewer kids": some stay
    m = MORE_ADJ.match(text)
    if m and len(m.group(1).split()) <= 3:
        if re.match(r"^(?:(?:a\s+)?(?:bit|little|lot|touch|tad)\s+)?less\b", text, re.I):
            return [Remove(thing=bare(m.group(1)))]  # "less cluttered": what is asked away goes to the negative
        more = more_of(m.group(1), ctx)
        return more or [Add(thing=m.group(1))]
    style = style_op(text, strict=False) if len(text.split()) <= 4 else None
    if style:
        return [style]
    m = re.match(r"^(?:use|go with|try|have)\s+(?!it\b|this\b|that\b|them\b)(.+)$", text, re.I)
    if m and len(m.group(1).split()) <= 6:  # "take the lamp away and use candles instead"
        return [Add(thing=m.group(1))]
    if previous in ("add", "remove") and len(text.split()) <= 5 and not re.match(r"^(?:a|an)\s+\w+\s+\w+\s+\w+", text):
        return [Add(thing=text)] if previous == "add" else [Remove(thing=bare(text))]
    if re.match(r"^(?:with|and|plus)\s+", raw, re.I):
        return [Add(thing=re.sub(r"^(?:with|and|plus)\s+", "", raw, flags=re.I))]
    return None


def _made_a(rest: str, ctx: Context) -> list[Op] | None:
    """ "make it a X" where X is no new subject: a shape ("a square", "a phone wallpaper"), the weather and
    time ("a sandstorm", "a snowy morning"), or a thing of the picture in a colour ("a red moon")."""
    sized, left = extract_settings(re.sub(r"^(?:a|an)\s+(?=square\b)", "", rest, flags=re.I))  # "a square": the shape
    if sized and all(isinstance(op, SetSize) for op in sized) and not re.sub(
            r"\b(?:a|an|the|please|pls|for|my|of|it)\b", "", left, flags=re.I).strip(" ,.!?"):
        return sized
    words = re.sub(r"^(?:a|an|the|some)\s+", "", rest, flags=re.I).split()
    if 0 < len(words) <= 3:
        found: list[Op] = []
        for word in words:
            ops = _clause_ops(f"make it {word}", ctx, None)
            if not ops or not all(isinstance(op, SetSlot) for op in ops):
                break
            found += ops
        else:
            return found
    head = phrase_head(rest)
    last = ctx.scene.details[-1] if ctx.scene is not None and ctx.scene.details else ""
    if head and len(rest.split()) <= 4 and last and phrase_head(last).lower() == head.lower() != main_noun(ctx.scene).lower():
        return [Replace(old=last, new=rest)]  # "make it a top hat" just after "add a hat": the hat, not the picture
    m = re.match(rf"^(?:a|an|the)\s+({COLOUR_PHRASE})\s+([\w-]+)$", rest, re.I)
    if m and ctx.scene is not None and ctx.scene.mentions(m.group(2)) and m.group(2).lower() != main_noun(ctx.scene).lower():
        return [Replace(old=m.group(2), new=f"{m.group(1)} {m.group(2)}")]
    return None


def parse_edit(text: str, ctx: Context, *, keep: bool = False) -> list[Op] | None:
    """The ops of an edit of the current picture, or None when the message is not one. ``keep``: the
    person asked to keep the picture ("same scene in the evening"), so what is said is a change to it."""
    body = SAME_BUT.sub("", text.strip()).strip()
    same_but = body != text.strip() or keep
    if ctx.scene is not None and not main_noun(ctx.scene):  # "make her fatter" where no noun says who she is: the picture's one
        body = re.sub(r"^((?:make|turn)\s+)(?:him|her|them)\b", r"\1it", body, flags=re.I)
    m = re.fullmatch(r"(?:(?:a\s+)?(?:bit|little|lot)\s+)?fewer\s+([\w' -]{2,30}?s)\s*[,;]?\s*(?:just|only)\s+"
                     r"((?:one|a single|a|an|two)\s+[\w' -]{2,30}?)\W*", body, re.I)
    if m and ctx.scene is not None and ctx.scene.mentions(bare(m.group(1))):
        return [Replace(old=bare(m.group(1)), new=m.group(2))]  # "fewer kids, just one little girl"
    weighted = weight_set(body, ctx)
    if weighted:  # "lower the bokeh weight to 0.8"
        return weighted
    negative = negative_ops(body)
    if negative is not None:  # "remove lowres from the negative and add blurry"
        ops, rest = negative
        more = parse_edit(rest, ctx, keep=keep) if rest else []
        return None if more is None else [*ops, *more]
    ops: list[Op] = []
    previous: str | None = None
    unknown: list[str] = []
    for clause in _CLAUSE_SPLIT.split(body):
        clause = as_seen(GOES_ON.sub("", clause.strip())) if clause else clause
        if not clause or not clause.strip(" ,.!?") or previous == "remove" and re.match(r"(?:just\s+)?(?:an?\s+)?(?:plain|blank|empty|bare|"
                                                                                       r"clean)\b|(?:it|this|that)(?:'s|\s+(?:feels|looks|is|seems))\b|(?:i|we)(?:'ll|\s+will|'re\s+going\s+to|\s+can)\s",
                                                                                       clause.strip(), re.I):
            continue  # "remove the label text then, plain jar": what is left said, not taken away too
        clause = re.sub(r"^((?:(?:ok(?:ay)?|now|and|just|please|pls)\s+)*)take\s+((?:the|his|her|its|their|that|those|these)\s+[\w' -]{1,30}?)\s+"
                        r"(?:off|out|away)(?=\s*(?:please|pls|now|again)?\W*$)", r"\1remove \2", clause.strip(), flags=re.I)  # "take the lipstick off"
        gone = NONE_ON_IT.match(clause.strip())
        if gone:  # "no text on it", "no numbers on the clock please": none of that, anywhere
            ops.append(Remove(thing=bare(gone.group(1))))
            previous = "remove"
            continue
        try:
            found = _clause_ops(clause, ctx, previous)
        except ValidationError:  # a phrase longer than an operation holds is no edit
            found = None
        if found is None:
            unknown.append(clause.strip(" ,.!?"))
            continue
        ops += found
        if found:
            previous = found[-1].op
    ops = merge_tones(ops)
    if unknown:
        if not ops and not same_but:
            return None
        # Beside understood changes, a short unknown phrase is a detail to add ("..., and a red scarf").
        for phrase in unknown:
            if chat_kind(phrase) or REMARK.match(phrase) or complained_of(phrase) or SHOW_ME.fullmatch(phrase) or \
                    re.match(r"(?:it'?s|its|this is|that'?s)\s+(?:a|an|for)\s", phrase, re.I):  # "…, it's a double-page spread": why
                continue  # "i love it but make it blue", "the cows ruin it, remove them": said to us, not drawn
            led = re.match(r"^(?:an?|some|two|three)\s", phrase, re.I)
            if len(phrase.split()) > 8:
                # "…, a jin at the apex and a shari running down the trunk": a list of things; "add me, a bald guy in
                # his sixties with a controller in his hand": who is added, said in full
                parts = re.split(r"\s+and\s+(?=(?:an?|some|two|three)\s)", phrase, flags=re.I)
                if led and len(parts) > 1 and all(len(part.split()) <= 8 for part in parts):
                    ops += [Add(thing=part) for part in parts]
                    continue
                if not (led and ops and isinstance(ops[-1], Add) and len(phrase.split()) <= 14):
                    return None
            swap = instead_ops(phrase, ctx) if same_but and led else None
            ops += swap or [Add(thing=re.sub(r"^(?:with|and|plus)\s+", "", phrase, flags=re.I))]
    if any(isinstance(op, Add) and op.thing.lower() in ("me", "myself", "us") for op in ops) and \
            sum(isinstance(op, Add) for op in ops) > 1:  # "add me, a bald guy in his sixties": the description is who
        ops = [op for op in ops if not (isinstance(op, Add) and op.thing.lower() in ("me", "myself", "us"))]
    return ops if ops or same_but else None
