"""A message read as a new picture: the request's manners and purpose taken off, negations sent to the
negative prompt, and a style it names (at either end) taken out as a style.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import New, Op, Remove, SetSize, SetSlot, SetStyle
from conversation.circumstances import without_circumstances
from conversation.describe import is_power_prompt, strip_request
from conversation.edit_clauses import own_name
from conversation.interpreter import Context
from conversation.phrases import VERB_ING, a_an, bare


# What a person says around a request that is not the picture: "I'm working on a book cover and I'd love an
# image of …", "…? I'd really appreciate it.", "…, if that's possible."
_PREAMBLE = re.compile(
    r"^(?:(?:i'?m|i am|we'?re|we are)\s+(?:working on|making|writing|designing|putting together|creating|doing|planning|"
    r"preparing|building)\s+[^.;!?]{1,80}?(?:[\s,]+(?:and|so)\s+|\s*[—–-]+\s*|[.;!]\s+)(?=(?:i|we)(?:'d| would) (?:love|like)|"
    r"(?:i|we) (?:need|want)|(?:could|can|would) you)|"
    r"(?:for|as) (?:my|our|a|the) [^.;!?,]{1,40}?(?:,\s*|\s+)(?=(?:i|we)(?:'d| would)|(?:could|can|would) you|please\b))", re.I)
# "sumthin cool, like a dragon on a skateboard": the vague words before the picture named
# The request verb of a new picture described in another language: "faz um farol", "dibújame un gato", "fammi un cane".
_ASKED_IN_ANOTHER_LANGUAGE = re.compile(
    r"^\W*(?:(?:ok|okay|vale|bueno|oui|ja|sì|si|sim|bom)[\s,!.]+)?(?:(?:por favor|s'il te pla[iî]t|bitte|per favore|alsjeblieft)[\s,]+)?"
    r"(?:faz(?:-me)?|fa[çc]a(?:-me)?|desenha(?:-me)?|desenhe|haz(?:me)?|dibuja(?:me)?|dib[uú]jame|hazme|dessine(?:-moi)?|fais(?:-moi)?|"
    r"zeichne(?:\s+mir)?|mach(?:\s+mir)?|disegna(?:mi)?|fammi|crea(?:mi)?|teken|maak)\s+(?=\S)", re.I)
_VAGUE = re.compile(r"^(?:me\s+)?(?:something|sumthin|smth|somethin|anything)\s+(?:cool|nice|fun|epic|awesome|pretty|funny|cute|"
                    r"weird|different|interesting|happy|cheerful|to cheer me up|to make me (?:smile|happy|laugh)|uplifting)?"
                    r"\s*[,?!.]?\s*(?:maybe\s+)?(?:like|such as|maybe)\s+(?=\S)", re.I)
_COURTESY_END = re.compile(
    r"(?:(?<=[.!?])\s*|[\s,]+)(?:(?:i|we)'?d (?:really |very much |greatly |so |truly )?appreciate (?:it|that)(?: a lot| so much)?|"
    r"(?:that|it) would be (?:great|awesome|amazing|lovely|nice|perfect|wonderful|fantastic)|"
    r"thanks?(?: you)?(?: so much| a lot| in advance| very much)?|"
    r"if (?:that'?s|it'?s|this is) (?:possible|ok|okay|alright|not too much (?:trouble|to ask))|if you (?:can|could|don'?t mind)|"
    r"(?:no|there'?s no) rush)[\s.!]*$", re.I)


_MAKE_IT_LOOK = re.compile(r"\b(?:make|turn|render|convert|transform|redo|change|restyle)\s+(?:this|it|that|them|"
                           r"(?:the|my|this|our) (?:photo|picture|image|pic|selfie|drawing|sketch))\s+"
                           r"(?:look\s+like|into|as|in(?:to)?(?: the style of)?)\s+"
                           r"(?:an?\s+)?([\w' -]{2,40}?)(?:\s+(?:pls|please|style))?\W*$", re.I)


# Several pictures of one idea, asked with a count and a word that makes them separate pictures:
# "3 different logos for a bakery", "two versions of a cabin", "4 options for a book cover".
_SEVERAL = re.compile(r"^(?P<n>[234]|two|three|four|a couple(?: of)?|a few)\s+(?:(?:different|distinct|alternative)\s+(?P<kind>[\w-]+s)\b|"
                      r"(?:different\s+|distinct\s+)?(?P<one>[\w-]+)\s+(?:ideas|options|designs|concepts|variations|versions|takes)\b|"
                      r"(?:variations?|versions?|options?|takes?|ideas?|alternatives?|designs?|concepts?)\s+(?:of|for|on)\b)\s*(?P<rest>.*)$",
                      re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "a couple": 2, "a couple of": 2, "a few": 3}


def _one_of(plural: str) -> str:
    """ "logos" → "logo", "puppies" → "puppy", "sketches" → "sketch" (enough for the words a count is put to)."""
    for end, one in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("s", "")):
        if plural.lower().endswith(end) and len(plural) > len(end) + 1:
            return plural[: len(plural) - len(end)] + one
    return plural


def _several(body: str) -> tuple[str, int]:
    """The description of one picture and how many are asked ("3 different logos for Crumb" → "a logo for Crumb", 3)."""
    m = _SEVERAL.match(body)
    if not m:
        return body, 1
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _COUNTS[n]
    rest = m.group("rest").strip()
    if m.group("kind") or m.group("one"):  # "different logos for a bakery", "logo ideas for …": one logo, that many times
        kind = _one_of(m.group("kind")) if m.group("kind") else m.group("one")
        rest = f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind} {rest}".strip()
    return (rest or body), count


# What the picture is for, then what is in it: "a header image for my blog post about remote work — a laptop".
_FRAMED = re.compile(r"^(?P<frame>(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:image|picture|pic|header|banner|cover|illustration|thumbnail|"
                     r"poster|graphic|visual|wallpaper)\s+for\s+(?:my|our|a|an|the|his|her|their)\b[^—:–]{0,80}?)\s*(?:[—:–]|\s-)\s+"
                     r"(?P<content>\S.{3,})$", re.I)
# A shape said last, as one more tag: "…, soft morning light, landscape".
# "…, soft morning light, landscape", "…, bright gouache, wide", "… no characters. landscape please", "…, very wide",
# "…, portrait, leave room for text": a shape said as a part of its own
_SHAPE_LAST = re.compile(r"(?:[,.;]|\s-)\s*(?P<much>(?:very|extra|super|really)\s+)?(landscape|portrait|square|vertical|horizontal|widescreen|wide|"
                         r"tall|panoramic)(?:\s+(?:format|orientation|mode|spread|aspect|ratio|please|pls|shot|page))*\s*(?=[,.;]|\W*$)", re.I)
_SHAPES = {"landscape": "3:2", "horizontal": "3:2", "widescreen": "16:9", "portrait": "2:3", "vertical": "2:3", "square": "1:1",
           "wide": "16:9", "tall": "2:3", "panoramic": "21:9"}

# "surprise me", "draw anything", "your choice": the person leaves the subject to us.
_SURPRISE = re.compile(r"^\W*(?:(?:idk|ok|so|hmm+|umm*|just)[\s,]+)*(?:surprise (?:me|us)|(?:draw|make|paint|show me|create|do|give me)\s+"
                       r"(?:me\s+)?(?:anything|something|whatever)(?:\s+(?:you (?:like|want)|cool|fun|random|nice|interesting))?|"
                       r"(?:dealer'?s|your) choice|anything(?: you like| goes)?|something (?:random|new|else|different)|random (?:picture|image|one))"
                       r"(?:\s+(?:please|pls))?\W*$",
                       re.I)
SURPRISES = (
    "a lighthouse on a sea stack at dusk, waves crashing, warm light in its window",
    "a red fox curled up asleep in a snowy birch forest, soft morning light",
    "a cozy bookshop cafe on a rainy evening, warm lamps, seen through the window",
    "a hot air balloon drifting over terraced rice fields at sunrise",
    "a tiny astronaut tending a glowing garden on the moon, earth in the sky",
    "an old wooden sailboat in a glass bottle on a windowsill, afternoon sun",
    "a koi pond in a japanese garden in autumn, maple leaves on the water",
    "a steampunk owl with brass goggles perched on a stack of old books",
)


_FIRST_ONE = re.compile(r"(?:^|[.!?;]\s+)(?:(?:the\s+)?first\s+one|to\s+start|first\s+up|starting\s+with|for\s+now)\s*[:,-]\s*(?P<x>\S.{2,})$", re.I)


# "a penguin in a tuxedo... wait penguins already look like tuxedos lol. a penguin in a hawaiian shirt then": a first
# thought taken back, and the picture said again after it.
_TAKE_BACK = re.compile(r"(?:\.{2,}|…|[,.;!-])\s*(?:no\s+)?(?:wait|actually|hmm+|scratch that|on second thought|never ?mind|no no)\b",
                        re.I)
_SAID_AGAIN = re.compile(r"(?:^|[.!;]\s+|,\s*)((?:an?|the|some|two|three)\s+[^.!;]{3,200}?)(?:,?\s+(?:then|instead))?\W*$", re.I)


def _taken_back(body: str) -> str:
    """What is left to draw when a message takes back its first thought: the description said after it."""
    doubted = re.match(r"^\W*(?:an?\s+|the\s+)?[\w' -]{2,30}\?+\s*(?:no+\s+wait|wait\s+no|no+|wait|actually|hmm+|scratch that)\b[\s,.!…-]*"
                       r"(?P<rest>(?:an?|the|some)\s+\S.{3,})$", body, re.I)
    if doubted:  # "a hoopoe? no wait, a waxwing. bohemian waxwing eating rowan berries": the second thought
        return doubted.group("rest")
    back = _TAKE_BACK.search(body)
    if back is None or back.start() < 8:
        return body
    again = _SAID_AGAIN.search(body[back.end():])
    if again is None or not re.search(r"\b(?:then|instead)\W*$", body, re.I) and not re.search(r"\bscratch that\b", body, re.I):
        return body
    return again.group(1).strip()


def new_action(body: str, settings: list[Op], ctx: Context) -> New:
    if _SURPRISE.match(body.strip()):  # a subject picked for the person, a different one each conversation turn
        return New(description=SURPRISES[len(ctx.pictures) % len(SURPRISES)], ops=tuple(settings))
    same = _SAME_LOOK.search(body) if ctx.scene is not None else None
    if same:  # "now do The Sun card in the same style": a new subject with the look, and the shape, of this one
        new = new_action(body[:same.start()] + body[same.end():], settings, ctx)
        return new.model_copy(update={"description": ", ".join([new.description, *_look_parts(ctx.scene, new.description)]),
                                      "ops": (*_look_ops(ctx.scene, new.ops), *new.ops)})
    first = _FIRST_ONE.search(body)
    if first:  # "from now on always make them square please. first one: a hot air balloon …": that one, in that shape
        shape = re.search(r"\b(square|portrait|landscape|vertical|horizontal|widescreen|wide|tall)\b", body[:first.start()], re.I)
        if shape and not any(isinstance(op, SetSize) for op in settings):
            settings = [*settings, SetSize(aspect=_SHAPES[shape.group(1).lower()])]
        body = first.group("x")
    body = _PREAMBLE.sub("", body.strip()) or body
    body = without_circumstances(body)  # "teacher here — I need a volcano for tomorrow's lesson": the volcano
    # "ok do a portrait one then: jazz band silhouette": the picture said after its label
    body = re.sub(r"^(?:(?:ok(?:ay)?|so|then|and|now)[\s,]+)*(?:(?:do|make|draw|give me)\s+)?(?:an?\s+)?(?:one|version)(?:\s+then)?\s*[:—–]\s*(?=\S)",
                  "", body, flags=re.I) or body
    body = _ASKED_IN_ANOTHER_LANGUAGE.sub("", body) or body  # "faz um farol …": the lighthouse, not the asking
    body = _taken_back(body)
    # "what would a cat look like as a knight?": a cat as a knight; "thinking of a cozy cabin": a cozy cabin
    body = re.sub(r"^(?:what|how) would (.+?) look(?: like)?\s+(as|in|at|on|with|if)\b", r"\1 \2", body, flags=re.I)
    body = re.sub(r"^(?:i'?m |i am |i was |we'?re |been )?(?:thinking|dreaming) (?:of|about)\s+", "", body, flags=re.I) or body
    several, count = _several(strip_request(body) or body)
    body = several if count > 1 else body
    while True:
        shorter = _COURTESY_END.sub("", body).strip()
        if shorter == body or not shorter:
            break
        body = shorter
    description = strip_request(body) or body
    description = _VAGUE.sub("", description) or description
    ops: list[Op] = list(settings)
    sized = any(isinstance(op, SetSize) for op in ops)
    framed = _FRAMED.match(description)
    if framed:  # "a header image for my blog post about remote work — a laptop on a table": what is in it
        kind = re.match(r"^(.+?)\s+for\b", framed.group("frame"), re.I)  # "an editorial illustration" stays as its kind
        kept = kind.group(1) if kind and not re.search(r"\b(?:image|picture|pic|graphic|visual|header|banner)$", kind.group(1), re.I) else ""
        description = f"{kept} of {framed.group('content')}" if kept else framed.group("content")
    shape = _SHAPE_LAST.search(description)
    if shape:  # "…, soft morning light, landscape"
        description = (description[:shape.start()] + description[shape.end():]).strip(" ,.") or description
    wide_photo = re.search(r",\s*(?:very\s+)?wide\s+(?:landscape\s+)?(?:photo(?:graph)?|shot|panorama)\W*$", description, re.I)
    if not sized and (shape or wide_photo or framed and re.search(r"\b(?:header|banner|hero)\b", framed.group("frame"), re.I)):
        aspect = _SHAPES[shape.group(2).lower()] if shape else "16:9"
        ops.append(SetSize(aspect="21:9" if shape and shape.group("much") and aspect == "16:9" else aspect))
    description = re.sub(r"[\s,]+(?:lol|lmao|haha+|hehe+|xd|rofl)\W*$", "", description, flags=re.I) or description
    description = re.sub(r"(?:^|[\s,]+)(?:lol|lmao|lmfao|rofl)\b(?=\s)", "", description, flags=re.I).strip() or description  # a laugh mid-way
    # talk between the tags: "…, you know just something happy and soft, pastel colors maybe"
    description = re.sub(r"\byou know,?\s+(?:just\s+)?|\s+maybe(?=\s*(?:,|$))", "", description, flags=re.I).strip() or description
    trimmed = re.sub(r"(?:[\s,]+(?:instead|please|pls|plz|thanks|thank you|now|for me|again|this time|if you can|"
                     r"if possible))+[\s.!?]*$|\s*[?!.]+$", "", description, flags=re.I).strip()
    description = trimmed or description
    description = re.sub(r"[\s,]*(?:,\s*|\s)(?:please|pls|plz|thanks|thank you|thx)[\s!.?]*$", "", description, flags=re.I).strip() \
        or description
    # What the picture is for is not in it: "a banner for my hiking blog, mountains" draws no blog.
    description = re.sub(r"\s+for (?:my|our) (?:[\w'-]+\s+){0,2}?(?:blog|website|web ?site|site|channel|podcast|"
                         r"presentation|newsletter|page|profile|project|class|homework|article|post|slides?|slide deck|"
                         r"thread|stream|video|server)\b", "", description, flags=re.I).strip() or description
    if is_power_prompt(description):
        parts = [x.strip() for x in description.split(",")]
        said_no = [re.fullmatch(r"(?:no|without(?:\s+any)?)\s+([\w' -]{1,40})", x, re.I) for x in parts]
        if any(said_no) and not all(said_no):  # "…, 3d render, no text, no people": kept out, in the negative prompt
            ops += [Remove(thing=bare(m.group(1))) for m in said_no if m]
            description = ", ".join(x for x, m in zip(parts, said_no) if not m)
        return New(description=description, ops=tuple(ops), verbatim=True, count=count)
    # Negations inside a new description go to the negative prompt: "a beach, no people".
    negs = re.compile(r"(?:,\s*|\s+)(?:with no|without(?: any)?|no|but no|and no|not any|minus|avoid(?: any)?|"
                      r"(?:(?<=,\s)|(?<=,))not(?:\s+in|\s+on)?(?=\s+(?:an?|any)\s)|"  # "goldfish in a pond, not a bowl!"
                      r"(?:and |but )?make sure (?:that )?there(?:'s| is| are) no)\s+"
                      r"((?:[\w'-]+)(?:\s+(?!(?:and|with|in|on|at)\b)[\w'-]+){0,2})(?:\s+(?:or|and|nor)\s+((?:[\w'-]+)(?:\s+[\w'-]+)?))?", re.I)
    kept = description
    foreign = not w.has_english(description) and w.language_of(description) is not None  # "um farol no meio do mar": "in the"
    for m in [] if foreign else list(negs.finditer(description)):
        things = [x for x in (m.group(1), m.group(2)) if x]
        for x in things:
            ops.append(Remove(thing=bare(x)))
        kept = kept.replace(m.group(0), "")
    description = kept.strip(" ,") or description
    description, style, said = split_style(description)
    # "picture book spread: a girl …" once the style's words are out: what is left of the frame goes too
    description = re.sub(r"^(?:(?:double\s+)?(?:spread|page|cover|panel|art|illustration|design|print))\s*[:—–-]\s*", "", description,
                         flags=re.I) or description
    description = a_an(description)  # "a steampunk airship" without its style: "an airship"
    m = _MAKE_IT_LOOK.search(body) if not style else None
    found = w.find_style(m.group(1)) if m else None
    if found:  # "make this look like a watercolour painting" (a picture given with it): that style
        style, said = found
    if style:
        ops.append(SetStyle(style=style, said=own_name(style, said)))
    m = re.match(r"^(?:what|how)\s+(.+?)\s+(?:would|might|could|will|should)\s+look(?:\s+like)?$", description, re.I) or \
        re.match(r"^(?:what|how)\s+(?:would|might|could|will|does|do)\s+(.+?)\s+look(?:\s+like)?$", description, re.I)
    if m:  # "show me what a cyberpunk samurai would look like", "what would a cat astronaut look like?"
        description = m.group(1)
    return New(description=description.strip() or body, ops=tuple(ops), count=count)


_SAME_LOOK = re.compile(r"[\s,]*\b(?:(?:in|with|using|keeping)\s+)?(?:the\s+)?(?:exact\s+)?same\s+(?:art\s+)?(?:style|look|vibe|aesthetic|"
                        r"design|treatment)(?:\s+as\s+(?:before|that|this|the (?:last|first|previous) one|the others?))?\b", re.I)
# The parts of a description that say how it looks rather than what is in it.
_LOOK_WORDS = re.compile(r"\b(?:design|style|border|frame|foil|accents?|palette|colou?rs?|texture|finish|lighting|illustration|"
                         r"painting|print|render|art|artwork|photo(?:graphy)?|sketch|drawing|lines?|shading|aesthetic)\b", re.I)


def _look_parts(scene, description: str) -> list[str]:
    """The words of the scene that say how it looks ("art nouveau border", "gold foil accents"), for a new subject."""
    said = description.lower()
    return [p for p in (scene.subject, *scene.details) if p and p.lower() not in said
            and (_LOOK_WORDS.search(p) or w.find_style(p)) and len(p.split()) <= 6]


def _look_ops(scene, ops: tuple[Op, ...]) -> list[Op]:
    """The style preset, look slots and shape of the scene, where the new picture sets none of its own."""
    out: list[Op] = []
    if scene.style != "none" and not any(isinstance(op, SetStyle) for op in ops):
        out.append(SetStyle(style=scene.style))
    out += [SetSlot(slot=slot, value=getattr(scene, slot)) for slot in ("medium", "palette", "lighting") if getattr(scene, slot)]
    if not any(isinstance(op, SetSize) for op in ops) and (scene.aspect or scene.width and scene.height):
        out.append(SetSize(aspect=scene.aspect) if scene.aspect else SetSize(width=scene.width, height=scene.height))
    return out


# "now same girl flying a kite", "and one where she's reading in bed": the character kept, doing something else.
_SAME_CHARACTER = re.compile(
    r"^(?:(?:now|and|ok(?:ay)?|then|next)[\s,]+)*(?:(?:the\s+)?same\s+(?P<noun>[\w-]+)\s+|(?:(?:a|another|one more)\s+)?(?:one|version)\s+"
    r"(?:where|in which|with)\s+(?:he|she|they|it)(?:'s|'re|\s+is|\s+are)\s+)(?P<doing>[a-z]+ing\b.*)$", re.I)


def same_character(body: str, ctx: Context) -> New | None:
    """The character on screen in a new scene ("now same girl flying a kite on a windy hill"), in its look, or None."""
    m = _SAME_CHARACTER.match(body.strip(" .!?"))
    scene = ctx.scene
    if m is None or scene is None or not VERB_ING.fullmatch(m.group("doing").split()[0]) or re.match(
            r"(?:crying|laughing|smiling|grinning|winking|frowning|screaming|blushing|pouting|sulking|yawning|sneezing)\b", m.group("doing"), re.I):
        return None  # "now one where he's crying": the same picture with that face, an edit
    if m.group("noun") and not re.search(rf"\b{re.escape(m.group('noun'))}", scene.subject, re.I) and \
            m.group("noun").lower() not in ("character", "one", "guy", "person", "kid", "pet", "creature"):
        return None
    words = scene.subject.split()
    cut = next((i for i, x in enumerate(words) if i and VERB_ING.fullmatch(x.strip(",")) and
                not re.fullmatch(r"(?:with|and|a|an|the)", words[i - 1], re.I)), len(words))
    character = re.sub(r"\s+(?:who\s+is|who'?s|is)$", "", " ".join(words[:cut]).strip(" ,"), flags=re.I)
    look = [p for p in _look_parts(scene, character) if p not in scene.details or not VERB_ING.search(p)]
    return New(description=", ".join([f"{character} {m.group('doing')}", *look]), ops=tuple(_look_ops(scene, ())))


# Up to five words, none a preposition: the words a style's name can be ("studio ghibli", "pop art").
_STYLE_WORDS = (r"(?:(?!(?:in|on|at|with|of|under|over|by|near|and|from)\b)[\w'&-]+\s+){0,4}"
                r"(?!(?:in|on|at|with|of|under|over|by|near|and|from)\b)[\w'&-]+")


def split_style(description: str) -> tuple[str, str | None, str | None]:
    """(the description without a style it names, that style, the words that named it): "a fox in the snow, ukiyo-e",
    "a fox, watercolor style", "in the style of ukiyo-e", "pixel art of a knight", "oil painting, a sailor"."""
    tails = [
        re.compile(r"(?:,\s*|\s+)in\s+(?:the\s+|an?\s+)?style\s+of\s+(?:an?\s+)?([\w' &-]+?)\s*$", re.I),
        re.compile(rf"(?:,\s*|\s+)(?:in|as)\s+(?:an?\s+)?({_STYLE_WORDS}?)(?:\s+style)?\s*$", re.I),
        re.compile(rf"(?:,\s*|\s+)({_STYLE_WORDS}?)\s+style\s*$", re.I),
        re.compile(r",\s*([\w' &-]{2,30})\s*$", re.I),
    ]
    for rx in tails:
        m = rx.search(description)
        if not m:
            continue
        if re.search(r"\b(?:in|on|at|with|of|under|over|by|near|and|from)\b", m.group(1), re.I):
            continue  # "a robot in a field in pop art style": the place is no part of the style's name
        found = w.find_style(m.group(1))
        if found and rx is tails[-1] and not _style_only(m.group(1), found[1]):
            continue  # "a cat, cyberpunk city": a place in that style, not only the style
        if found and len(found[1]) >= len(m.group(1).strip()) - 12:
            rest = description[:m.start()].strip(" ,")
            if rest:
                return rest, found[0], found[1]
    m = re.match(r"^\s*([\w' &-]{2,30}?)(?:\s+style)?\s*,\s*(.+)$", description, re.I)
    if m:  # "oil painting, portrait of an old sailor"
        found = w.find_style(m.group(1))
        if found and _style_only(m.group(1), found[1]) and len(found[1]) >= len(m.group(1).strip()) - 6:
            return m.group(2).strip(), found[0], found[1]
        leading = _leading_style(m.group(1), found) if found else None
        if leading:  # "steampunk owl, brass gears": the owl, in that style, and the rest of what was said
            return f"{leading}, {m.group(2).strip()}", found[0], found[1]
    found = w.find_style(description)
    if found:
        lead = re.match(rf"^(?:an?\s+)?{re.escape(found[1])}\s+(?:(?:painting|drawing|image|picture|illustration|portrait|"
                        rf"style|artwork|art|render|rendering|photo|photograph|sketch|print|version)\s+)?(?:of|showing)\s+(.+)$",
                        description, re.I)
        if lead:
            return lead.group(1).strip(), found[0], found[1]
        leading = _leading_style(description, found)
        if leading:
            return leading, found[0], found[1]
    return description, None, None


# Words that name a kind of picture, not a thing in it: "watercolor painting", "pixel art style", "anime screenshot".
_STYLE_NOUNS = frozenset({"style", "styled", "painting", "art", "artwork", "illustration", "drawing", "render", "rendering",
                          "aesthetic", "look", "vibe", "vibes", "image", "picture", "photo", "photograph", "photography",
                          "sketch", "print", "design", "screenshot", "version", "inspired", "esque", "like", "the", "a",
                          "an", "in", "of", "by", "animation", "anime", "still", "poster", "shot", "film"})


def _style_only(said: str, named: str) -> bool:
    """Whether the words naming a style say nothing else: "watercolor painting" does, "steampunk owl" does not."""
    rest = re.sub(re.escape(named), " ", said, count=1, flags=re.I)
    return all(x.lower() in _STYLE_NOUNS for x in re.findall(r"[\w'-]+", rest))


def _leading_style(description: str, found: tuple[str, str]) -> str | None:
    """What is drawn, when a style's name is said in front of it: "Ukiyo-e wave crashing against a boat",
    "pixel art frog wizard", "a low poly fox" (an article first is kept)."""
    key = w.squash(found[1])
    if key in _NOT_LEADING_STYLES:
        return None
    m = re.match(r"^\s*((?:an?|the)\s+)?(.+)$", description, re.I)
    article, body = (m.group(1) or ""), m.group(2)
    words = body.split()
    for n in range(1, min(4, len(words)) + 1):
        if w.squash(" ".join(words[:n])) != key:
            continue
        rest = " ".join(words[n:]).strip(" ,:-")
        rest = re.sub(r"^(?:style(?:d)?|art|artwork)\b[\s,:-]*", "", rest, flags=re.I)
        if re.search(r"[^\W_]{2,}", rest) and not re.match(r"^(?:and|or|with|in|on|at|of|by|for|from)\b", rest, re.I):
            return f"{article}{rest}".strip()
        return None
    return None


# Names that also start ordinary descriptions: "a starry night over a lake", "a comic book store", "a blender on a counter".
_NOT_LEADING_STYLES = frozenset({"starrynight", "sprite", "blender", "headshot", "marvel", "graphite", "manga",
                                 "comicbook", "comics", "graphicnovel", "cgi", "octane", "monochrome", "noir",
                                 "polaroid", "woodblock", "photograph", "lifelike", "reallife"})
