"""Settings written into a message: Midjourney-style flags (``--ar 16:9 --seed 42 --no text``)
and their plain-English forms ("use seed 1234", "30 steps", "landscape format please").

``extract_settings`` returns the typed operations and the text with those words taken out, so
what is left is only the picture's content.
"""

from __future__ import annotations

import re

from conversation.actions import Op, Remove, SetGuidance, SetSeed, SetSize, SetSteps
from conversation.words import ASPECT_WORDS

_NUM = r"(\d+(?:\.\d+)?)"
_FLAG = re.compile(
    r"(?:^|\s)--?(ar|aspect|seed|steps|cfg|guidance|scale|no|size|w|h|width|height)\b[\s:=]*"
    r"((?:(?!\s--?[a-z]).)*)", re.I)
# Midjourney's own settings pasted with a prompt ("--v 6 --stylize 250", "--style raw", "--sref <url>"): no model
# here reads them, so each goes with its value rather than being drawn as words. "--w" stays the width.
_MIDJOURNEY_FLAG = re.compile(
    r"(?:^|\s)--(?:(?:v|version|niji|stylize|s|q|quality|chaos|c|weird|iw|sw|cw|sv|ow|stop|repeat|r|exp|motion)"
    r"(?:\s+(?:\d*\.?\d+|high|low)(?![\w/-]))?"
    r"|style(?:\s+(?!--)[\w.-]+)?"
    r"|(?:sref|cref|oref|p|personalize|profile)(?:\s+(?:https?://\S+|[\w.:-]*\d[\w.:-]*|random)(?![\w/-]))*"
    r"|tile|raw|hd|video|loop|relax|fast|turbo|draft|test|testp|upbeta|uplight|upanime)(?![\w/-])", re.I)
_WIDTH_HEIGHT = re.compile(r"\b(?:w|width)\s*[=:]?\s*(\d{2,4})\s*(?:px)?\s*[,;x]?\s*(?:(?:and|by)\s+)?(?:h|height)\s*[=:]?\s*"
                           r"(\d{2,4})\b(?:\s*px)?", re.I)
_NEGATIVE_SAID = re.compile(r"(?:^|[\s,;])(?:negative(?: prompt)?|neg(?: prompt)?|negatives)\s*[:=]\s*(.+)$", re.I)
# The settings line of a pasted A1111 "parameters" text: it starts with "Steps:", items "Name: value" by commas.
_A1111_LINE = re.compile(r"(?:^|\s)Steps:\s*\d+\s*,.*$", re.S)
_A1111_ITEM = re.compile(r"(?:^|,)\s*(Steps|Sampler|Schedule type|CFG scale|Seed|Size|Model hash|Model|Clip skip|Denoising strength|"
                         r"VAE hash|VAE|Version|[A-Z][\w ]{1,24}?)\s*:\s*([^,]*)", re.I)
_RATIO = re.compile(r"^(\d{1,2}(?:\.\d+)?)\s*[:x×/]\s*(\d{1,2}(?:\.\d+)?)$")
_SIZE = re.compile(r"(?:\b(?:size|resolution|res|dimensions?)\s*(?:of|to|=|:)?\s*)?\b(\d{2,4})\s*(?:[x×*]|by)\s*(\d{2,4})\b"
                   r"(?:\s*(?:px|pixels))?", re.I)
_FILLER = re.compile(r"\b(?:as|a|an|the|for|format|size|make|it|into|like|please|pls|my|in|version|one|mode|orientation|"
                     r"ratio|aspect|now|turn|change|to|do|use|style|shape|layout|crop|so|that|fits?|sized?|like|just|actually|"
                     # what the shape is for is no content: "wider for my desktop", "so it fits a book cover"
                     r"on|our|desktop|phone|screen|monitor|tv|laptop|computer|instagram|insta|stories|story|reels?|feed|"
                     r"post|book|cover|wallpaper|print|poster|header|website|blog|bit|little|slightly|would|be|better|it'?s|is|"
                     r"going|gonna|want|need|use|using|i'd|i|we|hmm+|actually|pls|plz|please|same|pinterest|twitter|facebook|tiktok|ig|"
                     r"square|portrait|landscape|wide|vertical|horizontal|header|too|both|also|well|still|really|long|even|"
                     r"youtube|reddit|linkedin|cool|nice|great|awesome|can|could|ok|okay|yeah)(?:'s)?\b", re.I)
# What a shape is for, said beside it: "so it fits a double page spread", "it's a poster", "like for a spine piece".
_PURPOSE = re.compile(
    r"\W*(?:(?:make it|format|size|version|shape|pls|please)\W*)*(?:(?:like|just|cause|cuz|because|since|as|really|very|super|extra|"
    r"long|wide|tall|narrow|thin)\s+)*"
    r"(?:(?:like\s+)?for|so(?:\s+that)?\s+it\s+fits?(?:\s+on)?|to fit(?:\s+on)?|(?:it'?s|its|it is|this is|that'?s|it'?ll be|"
    r"it will be)\s+(?:going\s+)?(?:to be\s+)?(?:for|on|in|a|an|printed|used))\s+[\w\s'-]{1,40}?\W*", re.I)
_RATIO_WORDS = re.compile(
    r"(?:\b(?:in|as|at|to|with|use|make it|aspect(?: ratio)?(?: of)?|ratio(?: of)?|format)\s+)?"
    r"\b(\d{1,2}(?:\.\d{1,2})?)\s*:\s*(\d{1,2}(?:\.\d{1,2})?)\b(?:\s+(?:aspect(?: ratio)?|ratio|format|please))?", re.I)
# Paper sizes, upright unless said otherwise: "print size A4 portrait", "make it portrait A5 shape", "A3 landscape".
_PAPER = re.compile(r"(?<!\blner\s)(?<!\blms\s)(?<!\bclass\s)(?<!\blike\sa\s)\b(?:(?P<turn1>portrait|landscape|vertical|horizontal)\s+)?"
                    r"(?:an?\s+)?(?P<paper>a[2-6]|(?:us\s+)?letter(?=\s+(?:size|paper|"
                    r"format|page))|tabloid)\b(?:\s+(?:paper|size|format|sheet|page|shape|print))?(?:\s+(?P<turn2>portrait|landscape|"
                    r"vertical|horizontal))?(?:\s+(?:shape|format|size))?", re.I)
_SHAPE_SAID = re.compile(r"\b(?:landscape|horizontal|wide|widescreen|square|panoram\w*|vertical|tall|portrait)\b", re.I)
# Where two small numbers are a print's size, not pixels: "poster 18x24", "a 16x20 canvas", "50x70 cm".
_PRINTED = re.compile(r"\b(?:poster|print(?:ed|ing)?|frame[ds]?|canvas|inch(?:es)?|in\.|cm|centimet(?:er|re)s?|paper|flyer|sign)\b|\d\s*(?:\"|”)",
                      re.I)
# A shape word mistyped: "landscpe", "potrait", "sqaure".
_SHAPE_SLIPS = re.compile(r"\b(?:lan(?:d)?s(?:c|k)?a?pe?|landsacpe|landcape|landscae|potrait|portait|protrait|portriat|"
                          r"porrtait|portrat|sqaure|squre|sqare|suqare)\b(?<!\blandscape)(?<!\blandsape)", re.I)
_SHAPE_SPELT = {"lan": "landscape", "pot": "portrait", "por": "portrait", "pro": "portrait", "sqa": "square", "squ": "square",
                "suq": "square"}
# "square 1024", "1024 square": a square of that side.
_SQUARE_N = re.compile(r"\bsquare\s+(\d{3,4})(?:\s*px)?\b|\b(\d{3,4})(?:\s*px)?\s+square\b", re.I)
# "1024 wide and 256 tall": the width and height said with their words.
_WIDE_TALL = re.compile(r"\b(\d{2,4})\s*(?:px|pixels)?\s+wide\s*(?:,|and|by|x)?\s*(\d{2,4})\s*(?:px|pixels)?\s+(?:tall|high)\b", re.I)

_SEED_NEW = re.compile(
    r"\b(?:(?:with|use|try|using|on)\s+)?(?:a\s+)?(?:new|different|another|random|fresh|other)\s+seed\b|"
    r"\b(?:change|switch|randomi[sz]e)\s+(?:the\s+)?seed\b", re.I)
_SEED_SAME = re.compile(
    r"\b(?:(?:with|use|keep|using|on)\s+)?(?:the\s+)?same\s+seed\b|\b(?:with|use|keep|using|on|take)\s+(?:that|this)\s+seed\b|\bkeep(?:ing)?\s+(?:the\s+)?seed\b|"
    r"\bseed\s+(?:unchanged|fixed|locked)\b|\block\s+(?:the\s+)?seed\b", re.I)
_SEED_N = re.compile(r"\b(?:(?:use|with|try|using|set|change|switch)\s+(?:the\s+|a\s+)?)?seed\s*(?:to\s+|=|:|#|of\s+|number\s+)?"
                     r"\s*(\d{1,10})\b", re.I)
_STEPS_N = re.compile(r"\b(?:(?:use|with|try|using|set|do|run|at)\s+)?(\d{1,3})\s+(?:sampling\s+|inference\s+|denoising\s+)?"
                      r"steps\b|\bsteps\s*(?:,?\s*(?:like|to|around|about|maybe|say|of|at|up to)\s+|=\s*|:\s*)?(\d{1,3})\b", re.I)
_STEPS_MORE = re.compile(r"\b(more|fewer|less|increase|raise|decrease|lower|reduce|double|halve)\s+(?:the\s+)?"
                         r"(?:number of\s+)?(?:sampling\s+|inference\s+|denoising\s+)?steps\b", re.I)
_GUIDANCE_N = re.compile(r"\b(?:(?:use|with|set|try)\s+(?:a\s+)?)?(?:guidance(?:\s+scale)?|cfg(?:\s+scale)?)\s*(?:,?\s*(?:(?:down|up|back)\s+)?(?:like|to|around|about|maybe|say|of|at)\s+|=\s*|:\s*)?"
                         r"(\d{1,2}(?:\.\d+)?)\b", re.I)
_GUIDANCE_MORE = re.compile(r"\b(higher|more|stronger|lower|less|weaker|increase|raise|boost|decrease|reduce)\s+(?:the\s+)?"
                            r"(?:guidance|cfg)(?:\s+scale)?\b|\b(?:guidance|cfg)(?:\s+scale)?\s+(up|down|higher|lower)\b", re.I)
_BIGGER = re.compile(r"^(?:(?:make|render|do|redo|upscale|give\s+me)\s+(?:it|this|that|the\s+(?:image|picture))\s+(?:in\s+)?|in\s+)?"
                     r"(?:a\s+(?:bit|little)\s+)?"
                     r"(bigger|larger|higher[ -]res(?:olution)?|hi-?res|high[ -]res(?:olution)?|more pixels|upscale(?:d)?|"
                     r"4k|8k|2k|uhd|full ?hd|hd|smaller|lower[ -]res(?:olution)?)"
                     r"(?:\s+(?:image|picture|size|version|please|pls|resolution|quality))*$|^(upscale)\s+(?:it|this|that)(?:\s+please)?$",
                     re.I)


_DOUBLE = re.compile(r"^(?:make\s+it\s+)?(double|twice|half|halve)\s+(?:the\s+)?(?:as\s+(?:big|large)|size|resolution|"
                     r"the\s+size)?(?:\s+please)?$", re.I)


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _ratio_op(a: float, b: float) -> SetSize | None:
    if a <= 0 or b <= 0 or max(a / b, b / a) > 4:
        return None
    return SetSize(aspect=f"{a:g}:{b:g}")


_TO_NEGATIVE = re.compile(r"\b(?:add|put|include)\s+(['\"]?[^'\"]{1,60}?['\"]?)\s+(?:to|in|into)\s+(?:the\s+)?negatives?(?:\s+prompt)?"
                          r"(?:\s+(?:too|as well|also|please|pls))*\b", re.I)


def extract_settings(text: str, *, previous_steps: int | None = None,
                     previous_guidance: float | None = None) -> tuple[list[Op], str]:
    """(operations, the text without the words that asked for them)."""
    ops: list[Op] = []
    rest = _SHAPE_SLIPS.sub(lambda m: _SHAPE_SPELT[m.group(0).lower()[:3]], text)  # "make it landscpe"

    sides: dict[str, int] = {}

    def flag(m: re.Match[str]) -> str:
        name, value = m.group(1).lower(), m.group(2).strip().rstrip(",.;")
        said = _flag(name, value)
        # A flag takes one value; what follows it is the prompt when the flags come first ("--seed 1234 a red panda …")
        tail = re.match(r"\s*\S+\s*(.*)", m.group(2), re.S) if name not in ("no", "size") else None
        return f" {tail.group(1)} " if said and tail and tail.group(1).strip() else " "

    def _flag(name: str, value: str) -> bool:
        """Whether the flag's value was read; its operation appended."""
        count = len(ops)
        first = value.split()[0].rstrip(",.;") if value.split() else ""
        if name in ("ar", "aspect"):
            r = _RATIO.match(first)
            op = _ratio_op(float(r.group(1)), float(r.group(2))) if r else None
            if op:
                ops.append(op)
        elif name == "seed" and first.isdigit():
            seed = int(first)
            if seed <= 2**32 - 1:
                ops.append(SetSeed(seed=seed))
        elif name == "steps" and first.isdigit():
            n = int(first)
            if 1 <= n <= 500:
                ops.append(SetSteps(steps=n))
        elif name in ("cfg", "guidance", "scale") and first:
            g = _float(first)
            if g is not None and 0 <= g <= 50:
                ops.append(SetGuidance(guidance=g))
        elif name == "no":
            for thing in re.split(r"\s*(?:,|\band\b)\s*", value):
                if thing.strip():
                    ops.append(Remove(thing=thing.strip()))
        elif name == "size":
            s = _SIZE.search(value)
            if s:
                ops.append(SetSize(width=int(s.group(1)), height=int(s.group(2))))
        elif name in ("w", "width", "h", "height") and first.isdigit() \
                and 64 <= int(first) <= 8192:  # "--w 512 --h 768": the two sides, once both are said
            sides[name[0]] = int(first)
            if len(sides) == 2:
                ops.append(SetSize(width=sides["w"], height=sides["h"]))
            return True
        return len(ops) > count
    for m in list(_TO_NEGATIVE.finditer(rest)):  # "add 'text' to the negative too": kept out, as "--no text" is
        ops += [Remove(thing=t.strip(" '\"")) for t in re.split(r"\s*(?:,|\band\b)\s*", m.group(1)) if t.strip(" '\"")]
    rest = _TO_NEGATIVE.sub(" ", rest)
    rest = re.sub(r"(?<!\S)[—–](?=(?:ar|aspect|seed|steps|cfg|guidance|no|size|v|version|stylize|s|q|quality|chaos|c|style|"
                  r"niji|weird|w|tile|iw|sref|cref|raw)(?:\s|$))", "--", rest, flags=re.I)  # a phone's dash for "--ar 2:3"
    rest = _MIDJOURNEY_FLAG.sub(" ", rest)
    settings_line = _A1111_LINE.search(rest)
    if settings_line and len(_A1111_ITEM.findall(settings_line.group(0))) >= 3:
        rest = rest[:settings_line.start()] + " "  # "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 768x512"
        for name, value in _A1111_ITEM.findall(settings_line.group(0)):
            key = {"cfg scale": "cfg"}.get(name.lower(), name.lower())
            if key in ("steps", "cfg", "seed", "size"):
                flag(re.match(r"(\w+)\s*(.*)", f"{key} {value}"))  # the same checks as "--steps 20"
    rest = _FLAG.sub(flag, rest)

    def sized(m: re.Match[str]) -> str:
        w, h = int(m.group(1)), int(m.group(2))
        if 64 <= w <= 8192 and 64 <= h <= 8192:
            ops.append(SetSize(width=w, height=h))
            return " "
        small = 4 <= w <= 100 and 4 <= h <= 100
        if small and _SHAPE_SAID.search(text):
            return " "  # "square, 30x30", "portrait please, 5x7": the shape word says it; the print's size is no content
        op = _ratio_op(w, h) if small and _PRINTED.search(text) and not any(isinstance(o, SetSize) for o in ops) else None
        if op:  # "poster 18x24", "a 16x20 print": a print's inches or centimetres, its shape
            ops.append(op)
            return " "
        return m.group(0)
    rest = _SIZE.sub(sized, rest)
    rest = re.sub(r"\b(\d{1,2})\s*[x×]\s*(\d{1,2})\b(?!\s*(?:zoom|magnif))", sized, rest)  # "portrait please, 5x7"
    rest = _WIDE_TALL.sub(sized, rest)
    rest = _SQUARE_N.sub(lambda m: sized(re.match(r"(\d+) (\d+)", f"{m.group(1) or m.group(2)} {m.group(1) or m.group(2)}")), rest)

    def paper(m: re.Match[str]) -> str:
        turned = (m.group("turn1") or m.group("turn2") or "").lower() in ("landscape", "horizontal")
        long_side = 1.29 if m.group("paper").lower() in ("letter", "us letter") else 1.41  # letter is 8.5 × 11, A sizes 1 × √2
        op = _ratio_op(long_side, 1) if turned else _ratio_op(1, long_side)
        if op is None or any(isinstance(o, SetSize) for o in ops):
            return m.group(0)
        ops.append(op)
        return " "
    rest = _PAPER.sub(paper, rest)
    rest = _WIDTH_HEIGHT.sub(sized, rest)  # "w=768 h=512", "width 1024, height 576"

    m = _NEGATIVE_SAID.search(rest)
    if m:  # "negative: blurry, lowres": what the picture must not have, said as A1111's field
        for thing in re.split(r"\s*(?:,|\band\b)\s*", m.group(1)):
            if thing.strip(" .!"):
                ops.append(Remove(thing=thing.strip(" .!")))
        rest = rest[:m.start()]

    def ratio(m: re.Match[str]) -> str:
        op = _ratio_op(float(m.group(1)), float(m.group(2)))
        if op is None:
            return m.group(0)
        ops.append(op)
        return " "
    rest = _RATIO_WORDS.sub(ratio, rest)

    m = _DOUBLE.match(rest.strip(" ,.!?"))
    if m:
        ops.append(SetSize(scale=0.5 if m.group(1).lower().startswith("half") else 2.0))
        rest = ""
    m = _BIGGER.match(rest.strip(" ,.!?"))
    if m:
        word = (m.group(1) or m.group(2)).lower()
        ops.append(SetSize(scale=0.75 if word.startswith(("smaller", "lower")) else 2.0 if word in ("4k", "8k", "uhd") else 1.5))
        rest = ""

    if _SEED_SAME.search(rest):
        rest = _SEED_SAME.sub(" ", rest)
        ops.append(SetSeed(keep=True))
    elif _SEED_NEW.search(rest):
        rest = _SEED_NEW.sub(" ", rest)
        ops.append(SetSeed(seed=None))
    else:
        m = _SEED_N.search(rest)
        if m and int(m.group(1)) <= 2**32 - 1:
            ops.append(SetSeed(seed=int(m.group(1))))
            rest = rest[:m.start()] + " " + rest[m.end():]

    m = _STEPS_N.search(rest)
    if m:
        n = int(m.group(1) or m.group(2))
        if 1 <= n <= 500:
            ops.append(SetSteps(steps=n))
            rest = rest[:m.start()] + " " + rest[m.end():]
    else:
        m = _STEPS_MORE.search(rest)
        if m:
            base = previous_steps or 20
            more = m.group(1).lower() in ("more", "increase", "raise", "double")
            ops.append(SetSteps(steps=max(1, min(500, base * 2 if more else base // 2))))
            rest = rest[:m.start()] + " " + rest[m.end():]

    m = _GUIDANCE_N.search(rest)
    if m and _float(m.group(1)) is not None and 0 <= float(m.group(1)) <= 50:
        ops.append(SetGuidance(guidance=float(m.group(1))))
        rest = rest[:m.start()] + " " + rest[m.end():]
    else:
        m = _GUIDANCE_MORE.search(rest)
        if m:
            base = previous_guidance if previous_guidance is not None else 7.0
            up = (m.group(1) or m.group(2)).lower() in ("higher", "more", "stronger", "increase", "raise", "boost", "up")
            ops.append(SetGuidance(guidance=min(50.0, base + 2.0) if up else max(0.0, base - 2.0)))
            rest = rest[:m.start()] + " " + rest[m.end():]

    # Aspect words last: with the seed and steps taken out, "portrait, seed 5, 20 steps" is only settings.
    if not any(isinstance(op, SetSize) for op in ops):
        for rx, aspect, noun in ASPECT_WORDS:
            m = rx.search(rest)
            if not m or rx is ASPECT_WORDS[-1][0] and _SHAPE_SAID.search(rest):
                continue  # "a book cover, landscape": the shape said wins over a cover's usual one
            ops.append(SetSize(aspect=aspect))
            if noun:
                # "a phone wallpaper of a forest" is a forest; "a banner for a bakery" stays a banner;
                # "as a phone wallpaper" (nothing else said) is only the size.
                wrap = re.compile(rf"(?:\b(?:an?|the|my|some)\s+)?(?:{rx.pattern})\s+(?:of|showing|featuring|depicting|"
                                  rf"with)\s+", re.I)
                without = rx.sub(" ", rest, count=1)
                if not re.sub(_FILLER, " ", without).strip(" ,.!?"):
                    rest = ""
                else:
                    rest = wrap.sub(" ", rest, count=1)
            else:
                rest = rx.sub(" ", rest, count=1)
            break
        if any(isinstance(op, SetSize) for op in ops):  # "tall rather than wide": the shape it is not, no content
            rest = re.sub(r"\b(?:rather\s+than|instead\s+of|and\s+not|not)\s+(?:wide|tall|square|landscape|portrait|horizontal|vertical)\b",
                          " ", rest, flags=re.I)
        if any(isinstance(op, SetSize) for op in ops) and re.fullmatch(
                r"\W*(?:make it\s+)?(?:for|like)\s+(?:a|an|my|our|the|his|her|their)\s+[\w\s'-]{2,40}?\W*", rest, re.I):
            rest = ""  # "make it portrait for a menu card", "… like a real card": what the shape is for is not drawn
        if any(isinstance(op, SetSize) for op in ops):
            # Other words for the same shape said alongside ("make it tall, like a phone wallpaper") are
            # no content either.
            probe = rest
            for rx, _, _ in ASPECT_WORDS:
                probe = rx.sub(" ", probe)
            if not re.sub(_FILLER, " ", probe).strip(" ,.!?"):
                rest = ""
            else:
                for rx, _, noun in ASPECT_WORDS:
                    rest = rest if noun else rx.sub(" ", rest)

    clauses = [c for c in re.split(r"\s*[,;]\s*|\s+-\s+", rest) if c.strip(" .!?")]
    if any(isinstance(op, SetSize) for op in ops) and clauses and all(
            _PURPOSE.fullmatch(c) or not re.sub(_FILLER, " ", c).strip(" ,.!?") for c in clauses):
        rest = ""  # "vertical pls, its going on a forearm", "this is for a listing, can it be 3:2"
    if any(isinstance(op, SetSize) and op.width and op.height for op in ops):
        ops = [op for op in ops if not (isinstance(op, SetSize) and op.scale)]  # "hires, 1024x1024": the size said wins
    rest = re.sub(r"\s+", " ", rest).strip(" ,;")
    rest = re.sub(r"\s*,\s*(,\s*)+", ", ", rest)
    return ops, rest
