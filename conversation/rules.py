"""The offline interpreter: plain rules that read a message as one typed action, so the app is a
useful chatbot with no chat model at all. Pure functions; no I/O.

Order matters and goes from the most specific reading to the least: settings written as flags,
help, small talk, questions about a picture, undo / revert / branch / repeat, an edit of the
current picture, and last a new picture. A greeting or a question never costs a generation.
"""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import ValidationError

from prompts.text import clean

from conversation import words as w
from conversation.actions import (Action, Add, Branch, Camera, Chat, Edit, Help, New, Op, Question, Remove, Repeat,
                                  Replace, Revert, SetGuidance, SetSeed, SetSize, SetSlot, SetSteps, SetStyle,
                                  SetSubject, Undo)
from conversation.describe import PLACE_NOUNS, is_power_prompt, strip_request
from conversation.edits import COLOUR_PHRASE, MATERIALS, bare, main_noun, phrase_head
from conversation.flags import extract_settings
from conversation.interpreter import Context, Interpretation, StreamItem

# ---- words of asking, cueing and filling ---------------------------------------------------------

_LEAD = re.compile(
    r"^(?:(?:hey there|hi there|hello there|good (?:morning|afternoon|evening)|ok(?:ay)?|alright|all right|cool|nice|great|good|hmm+|hm+|um+|uh+|well|so|and|also|now|then|next|"
    r"please|pls|plz|hey|oh|wait|actually|maybe|perhaps|yes|yeah|yep|sure|right|not quite|hi|hello|hey there|hi there|"
    r"hello there|good (?:morning|afternoon|evening)|"
    r"(?:no|nah|nope)(?=\s*[,.!;:-]|\s+(?:i|i'm|im|i'd|we|it|it's|its|that|that's|thats|this|make|go|back|wait|actually|"
    r"not|please|just|undo|revert|change|put|let's|lets|use|try|instead|sorry|remove|delete|add|take|get|drop|give|"
    r"turn|switch|swap|replace|lose|ditch|keep|redo|show)\b)|"
    r"lovely|perfect|awesome|thanks|thank you|wow|love it|i like it|that's (?:nice|great|good|cool)|but|"
    r"ah|oops|sorry|lol|(?:fine|ha|haha|stop)(?=\s*[,.!;:]))\b[\s,.!;:-]*)+", re.I)
_ASK = re.compile(
    r"^(?:(?:is it possible to|would it be possible to|is there a way to|any chance (?:you|we) could|do you think you could|"
    r"would you be able to|are you able to|could you possibly)\s+|"
    r"(?:can|could|would|will|won't|can't) (?:you|u|we)\s+(?:please\s+)?|(?:please\s+)?(?:i(?:'d| would) like(?: you)?(?: to)?|"
    r"i want(?: you)?(?: to)?|i need(?: you)?(?: to)?|let'?s|lets|try(?: to)?(?: and)?|go ahead and|how about (?=make|add|remove|put|"
    r"change|turn))\s*)", re.I)
_SAME_BUT = re.compile(r"^(?:(?:the\s+)?same\s+(?:thing|picture|image|one|scene|prompt|again|[\w-]+(?:\s+[\w-]+)?)?\s*(?:,\s*)?"
                       r"(?:but|with|except|only)\b|"
                       r"keep (?:everything|it|all)(?: (?:the )?same)?(?:,)?\s*(?:but|except)\b|"
                       r"(?:like|as) (?:that|this|before)(?:,)?\s*but\b|exactly the same but\b)\s*", re.I)
_EDIT_VERB = re.compile(
    r"^(?:make|add|remove|delete|erase|put|place|move|change|turn|switch|swap|replace|give|set|zoom|get rid|"
    r"take|drop|lose|include|insert|show|fix|increase|decrease|reduce|use|go|bring|let|have|render it|"
    r"try it|do it|redo it|recolou?r|colou?r|paint it|draw it|convert|transform|crop|flip|rotate|shift|"
    r"keep|lighten|darken|brighten|lower|raise|boost|tone|less|more|no|without|with|plus|also|but|now|"
    r"in|at|on|during|under|inside|from|as|like|into)\b", re.I)
_NEW_REQUEST = re.compile(
    r"^(?:(?:ok(?:ay)?|now|and|then|next|so|please)[\s,]+)*(?:(?:can|could|would) you\s+(?:please\s+)?|i want\s+|"
    r"i'd like\s+|let'?s (?:do|make|try|draw|see)\s+)?(?:(?:draw|paint|sketch|render|generate|create|imagine|design|"
    r"illustrate|produce)(?:\s+(?:me|us))?|(?:make|show|give|do)\s+(?:me|us))\s+(?!the same\b|it\b|them\b|him\b|her\b)"
    r"(?:an?|the|some|one|two|three|four|my|our|\d+)\b", re.I)
_NEW_WORDS = re.compile(r"^(?:(?:a\s+)?(?:completely\s+|totally\s+|brand\s+)?new\s+(?:one|image|picture|pic|drawing|scene|prompt)\b|"
                        r"something (?:new|else|different)\b|start over\b|from scratch\b|new topic\b|different picture\b)", re.I)

_REPEAT = re.compile(
    r"^(?:(?:give me |make |show me |do |generate |draw |let'?s (?:see |have )?|how about |maybe |i want |i'd like )?"
    r"(?:another|an other|one more|1 more|more|again|another one|one more time|another version|another variation|"
    r"more variations?|(?:some )?variations?|a variation|(?:a )?different (?:one|version|take|variation)|"
    r"re-?roll|re-?generate|re-?do|re-?try|try again|once more|same (?:thing|prompt) again|again please|"
    r"(?:two|three|four|2|3|4) more(?: (?:versions|variations|ones|of these|of them|like this|like that))?|"
    r"another (?:take|go|try|attempt|shot|seed)|new seed|different seed|random seed|"
    r"same (?:picture|image|thing|one)(?: again)?(?: but)?(?: with)? (?:a )?(?:new|different|another) seed|"
    r"same (?:thing|prompt|picture|image|one|scene)(?: again)?|same again|same (?:but|only|just) different|"
    r"more (?:of (?:these|this|that|those|them|it)|like (?:this|that|these|it))|"
    r"(?:two|three|four|2|3|4) (?:more |new |other |different )?(?:variations?|versions?|ones|takes|options|alternatives)|"
    r"(?:do|draw|make|render|run|generate|try) (?:it|that|this|the same(?: thing)?|one)(?: more time)? again)"
    r"(?:\s+(?:one|version|image|picture|pic|please|pls|of (?:it|that|this|those)|like (?:that|this|it)|"
    r"with (?:a )?(?:new|different|another|fresh|random) seed|time|after that|too|as well|for me|if you can))*)\W*$", re.I)
_COUNT = re.compile(r"\b(two|three|four|2|3|4)\s+(?:more|variations|versions)\b", re.I)
_UNDO = re.compile(
    r"^(?:undo(?: (?:that|this|it|the last (?:change|edit|one|step)|last (?:change|edit)))?|ctrl[- +]?z|"
    r"go back(?: (?:one|a step|to (?:the )?(?:previous|last|earlier|prior|one before|way it was|old) ?(?:one|version|image|picture|look)?|"
    r"to how it was|to before))?|"
    r"revert(?: (?:that|this|it|the (?:last )?(?:change|edit)|to (?:the )?(?:previous|last|earlier|prior) ?(?:one|version|image)?))?|"
    r"take (?:that|it) back|never ?mind|put it back|back to (?:the )?(?:previous|last|prior|earlier|old) ?(?:one|version|image|picture)?|"
    r"(?:the )?(?:previous|last|earlier|old|prior) (?:one|version|image|picture) (?:was|is|looked) better|"
    r"i (?:liked|prefer(?:red)?) (?:the )?(?:previous|last|earlier|old|prior|one before) ?(?:one|version|image|picture)?(?: better| more)?|"
    r"(?:let'?s )?go back|restore (?:the )?(?:previous|last) (?:one|version)|nah,? go back|no,? go back|"
    r"(?:put it |change it |set it |bring it )?back to (?:how it was|the way it was|what it was|before|normal)|"
    r"(?:make it |i want it )?(?:like|as|how) it was(?: before)?|"
    r"that'?s worse|that was better before|it was better before|change it back|undo the last (?:change|edit)|"
    r"(?:remove|cancel|forget) (?:that|the last) (?:change|edit))(?:\s+(?:please|pls|plz|thanks|thank you))?\W*$", re.I)
# "undo the watercolour", "and undo once more", "revert the last edit": undo with the change named or repeated.
_UNDO_NAMED = re.compile(
    r"^(?:(?:and|now|then|ok(?:ay)?|please|just|so|also)\s+)*(?:undo|revert(?!\s+(?:to|back to)\b)|reverse)\b"
    r"(?:\s+(?:that|this|it|the|my|your|last|latest|previous)\b)?(?:\s+(?!to\b)[\w'-]+){0,3}?"
    r"(?:\s+(?:again|once more|one more time|too|as well|please|pls|plz))*\W*$", re.I)
# "scrap that last change", "forget the previous edit": the last change taken back.
_UNDO_CHANGE = re.compile(
    r"^(?:(?:and|now|then|ok(?:ay)?|please|just|so)\s+)*(?:scrap|discard|drop|forget|ditch|lose|remove|cancel|"
    r"throw away|get rid of|take back)\s+(?:that|the|this|my|your)\s+(?:last\s+|latest\s+|previous\s+|recent\s+)?"
    r"(?:change|edit|step|tweak|modification)s?(?:\s+(?:please|pls))?\W*$", re.I)
# Said around an undo without asking anything else: "stop, that's worse. undo", "ugh no, undo".
_DISMAY_WORD = (r"(?:stop|no+|nope|nah|ugh+|ew+|yuck|hmm+|oops|wait|oh|not that|that'?s (?:worse|bad|wrong|not it|"
                r"not right|awful|terrible|ugly)|worse|bad)")
_DISMAY = re.compile(rf"{_DISMAY_WORD}(?:\s+{_DISMAY_WORD})*", re.I)


def _is_undo(text: str) -> bool:
    t = text.strip(" .!")
    if _UNDO.match(t) or _UNDO_NAMED.match(t) or _UNDO_CHANGE.match(t):
        return True
    clauses = [c for c in re.split(r"\s*[,.;!?]+\s*", t) if c]
    return len(clauses) > 1 and any(_UNDO.match(c) or _UNDO_NAMED.match(c) for c in clauses) and \
        all(_UNDO.match(c) or _UNDO_NAMED.match(c) or _DISMAY.fullmatch(c) or _UNDO_REASON.match(c) for c in clauses)


# Why an undo was asked, said beside it: "go back, i liked it calm", "undo that, it was better before".
_UNDO_REASON = re.compile(
    r"^(?:i (?:liked|loved|preferred|prefer|like) (?:it|that|this|the \w+|the (?:old|previous|last|earlier) (?:one|version))"
    r"(?:\s+[\w'-]+){0,3}|(?:it|that|this) (?:was|looked) (?:better|nicer|prettier)(?:\s+[\w'-]+){0,2}|"
    r"(?:it'?s|that'?s|this is|it is) (?:worse|too much|not it|not what i wanted|overdone)|"
    r"(?:too|way too) [\w'-]+|not (?:that|like that)|my bad|sorry|never ?mind)$", re.I)


_UNDO_N = re.compile(
    r"^\W*(?:please\s+)?(?:undo|go back|revert|step back|roll back)\s+(?:the\s+last\s+)?(\d{1,2}|one|two|three|four|five|"
    r"twice|thrice)(?:\s+(?:steps?|times|changes|edits|pictures|images|versions))?(?:\s+please)?\W*$", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4, "five": 5}
_REVERT_CUE = re.compile(
    r"\b(?:go(?:ing)? back to|back to|revert to|return to|restore|use|show (?:me )?(?:again )?|bring back|see|view|"
    r"(?:more|more like|closer to|like|as in|as) (?:the )?|i (?:liked|prefer(?:red)?|loved|want)|"
    r"(?:let'?s )?(?:go|stick) with|switch back to|redo|re-?make|make again)\b", re.I)
_BRANCH_CUE = re.compile(
    r"^(?:(?:take|use|start from|go back to|back to|edit|with|from|using|on|for|like|same as|based on)\s+)?"
    r"(?:the\s+)?(?:(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|original|previous|earlier)\s+"
    r"(?:one|image|picture|pic|version|photo)?|(?:image|picture|pic|version|number|#)\s*#?\d+)"
    r"\s*(?:,|:|-|and|but|then|,\s*and|,\s*but|again,?\s*but|and then)\s*(.+)$", re.I)

# ---- questions and small talk ----------------------------------------------------------------------

_QUESTION_WORD = re.compile(
    r"^(?:what|what's|whats|which|who|whom|whose|when|where|why|how|is|are|was|were|do(?=\s+(?:you|u|i|we|they)\b)|does|did|can|could|"
    r"would|will|should|shall|have|has|had|tell me|explain|describe|define|give me (?:a|the) (?:definition|"
    r"explanation)|qu[ée]|cu[aá]l|por qu[ée]|c[oó]mo|was|warum|wie|pourquoi|comment|quel)\b", re.I)
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("seed", re.compile(r"\b(?:seeds?|semillas?|semente|semi|seme|graine|zufallswert)\b", re.I)),
    ("steps", re.compile(r"\b(?:steps?|iterations?)\b", re.I)),
    ("guidance", re.compile(r"\b(?:guidance|cfg)\b", re.I)),
    ("negative", re.compile(r"\bnegative(?: prompt)?\b", re.I)),
    ("prompt", re.compile(r"\b(?:prompt|exact words|what (?:did you|was) (?:send|sent|use|used))\b", re.I)),
    ("model", re.compile(r"\b(?:models?|checkpoints?|engine|ai|dall-?e(?:[- ]?[23])?|stable diffusion|sd(?:xl)?|modelos?|"
                         r"mod[eè]les?|modell|modello)\b", re.I)),
    ("backend", re.compile(r"\b(?:backend|gpu|cpu|server|api)\b", re.I)),
    ("size", re.compile(r"\b(?:size|resolution|dimensions?|pixels?|aspect(?: ratio)?|"
                        r"how (?:big|large|wide|tall) (?:is|was|are) (?:it|this|that|the (?:image|picture|pic)))\b", re.I)),
    ("style", re.compile(r"\bstyles?\b", re.I)),
    ("time", re.compile(r"\b(?:how long|time did it take|seconds|fast|slow|took)\b", re.I)),
    ("recipe", re.compile(r"\b(?:settings|parameters|params|recipe|config(?:uration)?|how did you (?:make|do|create|"
                          r"generate|draw) (?:it|this|that))\b", re.I)),
    ("quality", re.compile(r"\b(?:messed[- ]up|broken|mangled|melted|glitch\w*|artifacts?|extra (?:fingers|limbs|arms|legs)|"
                           r"(?:hands|fingers|faces?|eyes) (?:look|are|is)|wrong with|"
                           r"blurr?y|noisy|noise|ugly|bad|weird|distorted|deformed|grainy|low quality|"
                           r"fuzzy|messy|garbled|static|not good|doesn'?t look|look(?:s)? (?:like|wrong|off|strange))\b", re.I)),
    ("describe", re.compile(r"\b(?:describe|what(?:'s| is| do you see)? in (?:it|the|this|that)|what did you (?:draw|make|paint)|"
                            r"what does (?:it|the (?:image|picture)) show|what is (?:this|that|it)\b)", re.I)),
]
_ABOUT_PICTURE = re.compile(
    r"\b(?:it|this|that|the (?:image|picture|pic|photo|result|last one|first one|one)|image|picture|"
    r"seed|steps|prompt|model|guidance|cfg|size|resolution|you (?:draw|made|make|used|use|sent|send|generate))\b", re.I)
_HELP = re.compile(
    r"^\W*(?:help|help me|\?+|menu|commands|usage|instructions|how (?:do|does) (?:this|it|you|i) (?:work|use this|use it|start)|"
    r"how to use(?: this| it)?|what can (?:you|i) (?:do|make|draw|ask|say|type)(?: exactly| else| here| for me| with (?:this|you)|"
    r" (?:besides|other than|apart from|except(?: for)?|beyond) [\w\s]{1,30})?|what (?:do|should) i (?:type|say|write|do)|"
    r"how (?:do|can|would) (?:i|we|you) (?:change|set|pick|choose|get|make) (?:the |a |it )?(?:size|shape|style|seed|aspect ratio|"
    r"resolution|orientation|format|model|steps|quality|(?:bigger|smaller|wider|taller|landscape|portrait|square))"
    r"(?: of (?:it|the (?:image|picture)))?|"
    r"what are you|who are you|what is this|what'?s this|how can you help|can you help(?: me)?|"
    r"what (?:are )?(?:the )?(?:styles|options|commands|settings)(?: are there| do you have| can i use| are available)?|"
    r"(?:can|could) (?:you|u) (?:draw|paint|make (?:pictures|images|pics|art))|do (?:you|u) (?:draw|make (?:pictures|images))|"
    r"(?:list|show) (?:me )?(?:the |all )?(?:styles|options|commands)|which styles?(?: are there| do you have| can i use| are available| do you support)?|"
    r"what styles?(?: are there| do you (?:have|know|support)| can you do)?|how do (?:i|you) (?:edit|change|undo)(?: it| a picture| an image)?)"
    r"(?:\s+(?:please|pls|plz|me|us|needed|wanted))*\W*$", re.I)
_DRAW_INTENT = re.compile(r"\b(?:draw|paint|sketch|render|generate|create|illustrate|design|imagine|picture of|image of|"
                          r"photo of|make me|show me|give me)\b", re.I)


# A request's politeness, in front of what it asks for: "could you please make it bigger?"
_POLITE = re.compile(
    r"^(?:(?:hey|hi|ok(?:ay)?|so|and|now|then|actually|well|oh|hmm+|wait|sorry|oops|also|maybe)[\s,!]+)*"
    r"(?:is it possible to|would it be possible to|is there a way to|"
    r"any chance (?:you|we) could|do you think you could|would you be able to|are you able to|"
    r"(?:can|could|would|will|shall) (?:you|u|we)(?: please| possibly| maybe| also| just| quickly| now)*|please)\s+"
    r"(?=(?:make|add|remove|change|turn|put|give|zoom|use|set|switch|replace|swap|get rid|take|move|fix|redo|undo|go|"
    r"bring|increase|decrease|reduce|lighten|darken|brighten|try|do|draw|paint|create|generate|render|show|crop|flip|"
    r"upscale|enlarge|shrink|widen)\b)", re.I)


# "would you mind making it taller?": the request, as a plain verb.
_MIND = re.compile(r"\b(?:would|do|if) you (?:mind|could)\s+(?:(?:also|just|maybe|possibly)\s+)?(making|adding|removing|changing|"
                   r"turning|putting|giving|using|trying|doing|drawing|zooming|moving|setting|swapping|replacing|bringing|"
                   r"taking|switching|rendering|showing|painting|creating|generating|lightening|darkening|brightening)\b", re.I)
_GERUND_BASE = {"making": "make", "putting": "put", "giving": "give", "using": "use", "setting": "set", "swapping": "swap",
                "taking": "take", "removing": "remove", "changing": "change", "moving": "move", "replacing": "replace",
                "creating": "create", "generating": "generate", "lightening": "lighten", "darkening": "darken",
                "brightening": "brighten"}


def _plain_request(text: str) -> str:
    return _MIND.sub(lambda m: _GERUND_BASE.get(m.group(1).lower(), m.group(1)[:-3].lower()), text)


def _strip_lead(text: str) -> str:
    return _LEAD.sub("", text).strip(" ,.!;:")


def _chat_word(token: str) -> bool:
    """A word of small talk, as typed or with its drawn-out letters ("heyyy", "sooo", "niiice") shortened."""
    return token in w.CHAT_WORDS or re.sub(r"(.)\1{2,}", r"\1", token) in w.CHAT_WORDS or \
        re.sub(r"(.)\1{2,}", r"\1\1", token) in w.CHAT_WORDS


def _chat_kind(text: str) -> str | None:
    """The kind of small talk a message is, when it is only that."""
    t = text.strip()
    if not t:
        return None
    if not re.search(r"[^\W_]", t):  # emoji or punctuation only
        return "praise" if not re.fullmatch(r"\W*\?+\W*", t) else None
    if w.NEGATIVE_ACK.match(t):
        return "negative"
    cjk = re.sub(r"[^\w\s!.,！。、，~〜ー]", "", t)  # emoji and other marks aside
    if cjk and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", cjk) and w.CJK_TALK.fullmatch(cjk):
        if w.THANKS.search(t):
            return "thanks"
        return "greeting" if w.GREETING.match(t) else "praise"
    tokens = re.findall(r"[^\W_]+(?:'[a-z]+)?", t.lower())
    if tokens and all(_chat_word(tok) for tok in tokens) and len(tokens) <= 14:
        if w.THANKS.search(t):
            return "thanks"
        if w.BYE.search(t) and not re.search(r"\bnight\b", t, re.I) or re.search(r"\bgood ?night\b", t, re.I):
            return "bye"
        if w.GREETING.match(t):
            return "greeting"
        if re.fullmatch(r"\W*(?:ok(?:ay)?|k+|sure|yes|yeah|yep|yup|alright|fine|right|got it|i see)\W*", t, re.I):
            return "ack"
        if re.search(r"\b(?:no|nope|nah|meh|don'?t|dont|hate|bad|ugly|terrible|awful|weird|wrong|not)\b", t, re.I):
            return "negative"
        return "praise"
    if w.THANKS.search(t) and len(tokens) <= 8 and not _EDIT_VERB.search(_strip_lead(t)):
        return "thanks"
    if w.GREETING.match(t) and len(tokens) <= 6 and not _DRAW_INTENT.search(t):
        after = re.sub(r"^\W*(?:hi+|hello+|hey+|heya|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|hola|bonjour|"
                       r"hallo|ciao|olá|ola)\b", "", t, flags=re.I)
        rest = re.findall(r"[^\W_]+(?:'[a-z]+)?", after.lower())
        if all(_chat_word(tok) for tok in rest):  # "hello!" but not "hello! a cat in space please"
            return "greeting"
    if _REMARK.match(t) and len(tokens) <= 12:
        return "praise"  # "she's going to love it"
    m = _JUDGEMENT.match(t)
    if m and len(tokens) <= 10 and w.picture_number(t) is None:  # "this looks delicious haha", "hmm the colors are off": said, not asked
        return "negative" if re.match(r"(?:off|wrong|weird|strange|odd|bad|ugly|fake|boring|blurry|meh|not)\b",
                                      m.group(1), re.I) else "praise"
    m = _MARKED_JUDGEMENT.match(t)
    if m and len(tokens) <= 10 and (re.search(_LAUGH, t, re.I) or m.group("who").lower() in ("he", "she", "they")) \
            and not re.search(r"\b(?:too|more|less|enough|bigger|smaller|darker|brighter)\b", m.group("what"), re.I):
        return "praise"  # "haha he looks so sleepy": a remark, answered, never drawn
    if re.fullmatch(r"\W*(?:hmm+|hm+|well|honestly|tbh)?[\s,]*(?:i'?m |i am )?not (?:so |too |really )?sure(?: about (?:that|this|it))?"
                    r"|\W*(?:hmm+|hm+)?[\s,]*i (?:don'?t|do not) know(?: about (?:that|this|it))?\W*", t, re.I):
        return "negative"  # unsure: a reply that asks what to change, not a picture
    if re.fullmatch(r"\W*(?:i'?m|i am|im)\s+(?:so\s+|very\s+|really\s+|just\s+|a bit\s+|kinda\s+)?[a-z]+\W*", t, re.I):
        return "other"  # "I'm bored"
    return None


_NOT_A_PICTURE_VERB = re.compile(
    r"^(?:write|sing|translate|summari[sz]e|answer|calculate|compute|code|program|recommend|teach|spell|count|solve|"
    r"speak|talk|chat|book|order|search|google|send|email|call|remind|suggest|cook|play|text|proofread|debug|rephrase|"
    r"compose|fix my|do my)$", re.I)


def _question(text: str, ctx: Context) -> Question | Chat | Help | None:
    """A question (about a picture: Question; anything else: Chat), or None when it asks for a change."""
    t = text.strip()
    is_q = t.endswith("?") or _QUESTION_WORD.match(t)
    if not is_q:
        m = re.match(r"^(?:tell me|show me|give me|remind me(?: of)?|what'?s|print|display|i want to know)\s+(?:the\s+)?"
                     r"(seed|prompt|steps|model|negative prompt|guidance|cfg|size|resolution|recipe|settings|parameters)\b", t, re.I)
        if not m:
            return None
    if _ASK_FOR_MORE.match(t) and ctx.scene is not None:
        return None  # "can i get 3 variations?": a request for pictures
    if re.match(r"^(?:make|add|remove|change|turn|put|give it|zoom|use|set|switch|replace|swap|get rid|take|move|fix|redo|"
                r"undo|bring|try|do(?!\s+(?:you|u|i|we|they)\b)|draw|paint|create|generate|render|crop|flip|increase|"
                r"decrease|reduce|lighten|darken|brighten|another|one more|again)\b", t, re.I):
        return None  # "try it at night?" (after "can we"), "do another one?": a change
    if w.picture_number(t) is not None and re.search(r"\b(?:see|show|bring back|go back|back to|use|have|get)\b", t, re.I) \
            and not re.search(r"\b(?:seed|prompt|steps|model|settings|size|guidance)\b", t, re.I):
        return None  # "can I see the first one again?": back to it
    # A change phrased as a question is a change: "can you make it darker?", "what if it was at night?";
    # a favour that is no picture ("can you write me a poem?") is small talk.
    m = re.match(r"^(?:can|could|would|will) (?:you|u)\s+(?:please\s+)?(?:also\s+)?(\w+)", t, re.I)
    if m and _NOT_A_PICTURE_VERB.match(m.group(1)):
        return Chat(kind="offtopic")
    if re.match(r"^(?:can|could|would|will) (?:you|u|we)\s+(?:please\s+)?(?!tell|explain|describe|say|remind|show me the "
                r"(?:seed|prompt|steps|model|settings))\w+", t, re.I):
        return None
    if re.match(r"^(?:what|how) (?:if|about)\b|^why not\b|^maybe\b|^should (?:we|i)\b|^is it possible to\b|"
                r"^(?:do|can) you (?:do|make|draw)\b(?!\W*$)|^what would (?:it|this|an?\s.+?|the\s.+?) look like\b|"
                r"^(?:what|how) (?:an?|the)\s.+?\s(?:would|might|could) look\b", t, re.I):
        return None
    if re.match(r"^(?:what|which|how|why|who|where|when|is|was|did|does|do|are|were|can|could|tell|describe|"
                r"show|give|remind|explain|print|display|i want to know|what'?s)\b", t, re.I) is None and not t.endswith("?"):
        return None
    if re.match(r"^(?:what(?:'s| is)? the (?:time|date|day)|what time is it|what day is (?:it|today))\b", t, re.I):
        return Chat(kind="offtopic")
    topic = next((name for name, rx in _TOPICS if rx.search(t)), None)
    number = w.picture_number(t)
    if topic == "style" and re.search(r"\b(?:which|what) (?:other )?styles? (?:can|could|do|are|is(?!\s+(?:this|it|that|used|the|in|on)\b)|should)\b|"
                                      r"\bhow (?:do|can|could) (?:i|we|you) (?:change|set|switch|pick|choose)\b", t, re.I):
        return Help(topic="styles")  # "what styles can I use?" asks what there is, not about the picture
    if topic in ("model", "backend") and re.search(r"\b(?:which|what) (?:other )?(?:models?|backends?) (?:can|could|do|"
                                                   r"are (?:there|available)|is there)\b", t, re.I):
        return Help(topic="settings")
    about_picture = ctx.pictures and (topic is not None or _ABOUT_PICTURE.search(t))
    if about_picture and topic not in (None,) or (about_picture and re.search(r"\b(?:it|this|that|image|picture)\b", t, re.I)):
        if topic is None:
            topic = "describe" if re.search(r"\b(?:what|describe)\b", t, re.I) else "recipe"
        if topic == "style" and re.search(r"\b(?:which|what) (?:other )?styles? (?:can|could|do|are|is(?!\s+(?:this|it|that|used|the|in|on)\b)|should)\b|"
                                          r"\bhow (?:do|can|could) (?:i|we|you) (?:change|set|switch|pick|choose)\b", t, re.I):
            return Help(topic="styles")  # "what styles can I use?" asks what there is, not about the picture
        if topic in ("model", "backend") and re.search(r"\b(?:which|what) (?:other )?(?:models?|backends?) (?:can|could|do|"
                                                       r"are (?:there|available)|is there)\b", t, re.I):
            return Help(topic="settings")
        return Question(topic=topic, image=number if number and number > 0 else None)
    if topic in ("seed", "steps", "prompt", "guidance", "negative") and not ctx.pictures:
        return Question(topic=topic)
    # A question that asks for a picture ("can you draw a cat?") was handled above; the rest is off-topic.
    if _DRAW_INTENT.search(t):
        return None
    return Chat(kind="offtopic")


# ---- edits ---------------------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(
    r"\s*(?:[;.!](?=\s|$)|,\s*(?:and|but|then|also|plus)?\s*|\s+(?:and then|then|but|also|plus)\s+|"
    r"\s+and\s+(?=(?:make|add|remove|delete|put|place|move|change|turn|switch|swap|replace|give|set|zoom|get|take|"
    r"drop|lose|use|no|without|with|in|at|on|during|a bit|more|less|let|have|show|keep|bring|it|the)\b))\s*", re.I)

_REMOVE = re.compile(
    r"^(?:remove|delete|erase|take out|take away|take off|get rid of|drop|lose|eliminate|cut out|cut|hide|"
    r"no more|without|with no|no|minus|don'?t (?:want|show|include|need|put|add|draw)|do not (?:want|show|include|draw)|"
    r"there should be no|there should not be|i don'?t want(?: to see)?|not|nothing like|exclude|lose the|"
    r"get the|clear (?:out|away)?|wipe(?: out)?|ditch|scrap|kill)\s+(?:any\s+|all\s+(?:the\s+)?|the\s+)?(.+?)"
    r"(?:\s+(?:out|gone|away|please|anymore|any more|again|too|as well|completely|entirely|altogether|"
    r"in (?:it|the (?:picture|image|scene|background))|"
    r"from (?:it|the (?:picture|image|scene|background))))*$", re.I)
_GONE = re.compile(r"^(?:the\s+)?(.+?)\s+(?:has to|must|should|needs to) (?:go|be gone|be removed)$|"
                   r"^(?:make|get)\s+(?:the\s+)?(.+?)\s+(?:go away|disappear|gone|out)$|"
                   r"^(?:take|put|move|throw|clear|cut)\s+(?:the\s+|that\s+|those\s+)?(.+?)\s+(?:away|out)$", re.I)
# "bring the boats back": what was taken away (or asked away) comes back.
_BACK = re.compile(r"^(?:bring|put|add|get|have|i want|give me)\s+(?:back\s+)?(?:the\s+|my\s+|those\s+|that\s+)?(.+?)\s+back"
                   r"(?:\s+in)?$|^(?:bring|put|add)\s+back\s+(?:the\s+|my\s+)?(.+)$", re.I)
_REPLACE = [
    re.compile(r"^(?:replace|swap|switch|exchange|substitute)\s+(?:out\s+)?(.+?)\s+(?:with|for|by|to)\s+(.+)$", re.I),
    re.compile(r"^(?:change|turn|transform|convert|make|morph)\s+(.+?)\s+(?:in)?to\s+(.+)$", re.I),
    re.compile(r"^(.+?)\s+instead of\s+(?:the\s+|a\s+|an\s+)?(.+)$", re.I),  # new instead of old (swapped below)
    re.compile(r"^instead of\s+(.+?),?\s+(?:make it\s+|use\s+|have\s+|put\s+)?(.+)$", re.I),
    re.compile(r"^(?:make|let)\s+(?:the|his|her|their|its)\s+(.+?)\s+(?:be\s+)?(an?\s+.+)$", re.I),
    re.compile(r"^(?:the\s+)?(.+?)\s+should be\s+(an?\s+.+)$", re.I),
    re.compile(r"^not (?:an?|the)\s+(.+?),?\s+but\s+(.+)$", re.I),
    re.compile(r"^(.+?)\s*(?:->|→|=>)\s*(.+)$", re.I),
]
_MODIFY = [
    re.compile(r"^(?:make|paint|colou?r|turn|change)\s+(?:the|his|her|their|its|that|this)\s+(.+?)\s+"
               r"(?:be\s+|to\s+|in\s+|look\s+|seem\s+|appear\s+|feel\s+)?"
               r"((?:more\s+|a (?:bit|little) |very |really |much |slightly |bright |dark |light |pale |deep |hot )*"
               r"(?:(?:navy|sky|royal|baby|forest|olive|lime|emerald|mint|jet|blood|midnight|powder|electric|neon|pastel|"
               r"dusty|burnt|rose|ice|steel|charcoal|hunter|sea|cherry|wine|sand|off|lemon|fire[- ]engine|bottle|"
               r"candy|coral|salmon|slate|ash|chocolate|caramel|honey|peach)[ -](?:red|orange|yellow|green|blue|purple|"
               r"pink|black|white|grey|gray|brown|gold)|[\w-]+))$", re.I),
    re.compile(r"^(?:the|his|her|their|its)\s+(.+?)\s+(?:should be|must be|needs to be|to be|in)\s+(\w+)$", re.I),
]
_ADD = re.compile(
    r"^(?:add|include|insert|put|place|throw in|stick|draw|paint|give (?:it|him|her|them|the \w+)|have|show|"
    r"there should be|i want|let there be|can you add|we need|plus|and|with|also(?: add)?|now with|along with|"
    r"together with|accompanied by)\s+(.+?)(?:\s+(?:in|on|to|into|onto)\s+(?:it|the (?:picture|image|scene|photo)|there))?"
    r"(?:\s+(?:too|as well|also|please))?$", re.I)
_PUT = re.compile(r"^(?:put|place|move|set|bring|take|send|transport|relocate|have)\s+(?:it|him|her|them|the\s+[\w\s-]+?|everything)"
                  r"\s+(in|on|at|into|onto|to|inside|under|underneath|near|by|beside|onto|over|above|through)\s+(.+)$", re.I)
_PLACE_PHRASE = re.compile(
    rf"^(in|on|at|inside|under|underneath|beneath|by|near|beside|into|onto|over|above|through|among|along|across|within)"
    rf"\s+((?:(?:the|a|an|some|my|our)\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{PLACE_NOUNS})s?)$", re.I)
_PARTICIPLE = re.compile(r"^(?:on|riding|holding|wearing|carrying|sitting|standing|playing|reading|eating|drinking|"
                         r"walking|running|flying|jumping|dancing|singing|swimming|looking|smiling|laughing|crying|"
                         r"sleeping|lying|driving|fighting|chasing|hugging|next to|beside|surrounded by|covered in|"
                         r"made of|dressed (?:as|in)|in (?:a|an|the)\s+(?!\w+\s*(?:style|version))\w+(?:\s+\w+)?$)\b", re.I)

_CAMERA = [
    (re.compile(r"^(?:zoom(?:ed)? (?:in|closer)|get closer|move closer|closer|come closer|tighter(?: shot| crop)?|"
                r"(?:a )?close-?up(?: shot| view)?|(?:extreme )?close up|crop (?:in|tighter)|punch in|up close|"
                r"focus on)\b(?:\s+(?:on|of|to|at)\s+(.+))?$", re.I), "closer"),
    (re.compile(r"^(?:zoom(?:ed)? out|pull back|further (?:away|back)|farther (?:away|back)|wider(?: shot| view| angle)?|"
                r"(?:a )?wide(?:-angle)? (?:shot|view|angle)|show (?:more|the whole|everything)|full (?:body|view|shot)|"
                r"from (?:further|farther) away|less close|step back|back up)\b(?:\s+.*)?$", re.I), "wider"),
    (re.compile(r"^(?:(?:seen |viewed |shot |looking )?from above|top[- ]down(?: view)?|overhead(?: view| shot)?|"
                r"bird'?s[- ]eye(?: view)?|aerial(?: view| shot)?|from the top|drone (?:shot|view))\b.*$", re.I), "above"),
    (re.compile(r"^(?:(?:seen |viewed |shot |looking )?from below|(?:from |at )?(?:a )?low(?:er)?[- ]angle(?: shot| view)?|"
                r"worm'?s[- ]eye(?: view)?|from (?:the )?ground(?: level)?|(?:from|at) (?:the )?(?:street|ground|water) level|"
                r"looking up)\b.*$", re.I), "below"),
    (re.compile(r"^(?:(?:from |at )?(?:a )?high(?:er)?[- ]angle(?: shot| view)?)\b.*$", re.I), "above"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from the side|side view|profile(?: view| shot)?|side profile|sideways)\b.*$", re.I), "side"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from the front|front view|(?:from|at) eye[- ]level|facing (?:the )?(?:camera|viewer|us|forward))\b.*$", re.I), "front"),
    (re.compile(r"^(?:(?:seen |viewed |shot )?from behind|from the back|rear view|back view|facing away)\b.*$", re.I), "behind"),
]

# Comparatives and adjectives that change one slot: (pattern, slot, value).
_TONES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p, re.I), slot, value) for p, slot, value in [
        (r"\b(?:warmer|warm(?:er)? (?:light|lighting|tones?|colou?rs?)|more warm(?:th)?)\b", "lighting", "warm"),
        (r"\b(?:more )?golden\b", "lighting", "golden"),
        (r"\b(?:cooler|colder|cool(?:er)? (?:light|lighting|tones?|colou?rs?)|more cool|bluer)\b", "lighting", "cool"),
        (r"\b(?:brighter|lighter|more light|bright(?:en(?: it| up)?)?|lighten(?: it)?(?: up)?|less dark|more lit|well[- ]lit)\b", "lighting", "bright"),
        (r"\b(?:darker|dark(?:en)?(?: it)?|dimmer|less bright|less light|more shadows?|low[- ]key|gloomier)\b", "lighting", "dark, low-key"),
        (r"\b(?:more )?dramatic(?: light(?:ing)?)?\b", "lighting", "dramatic"),
        (r"\b(?:softer|soft(?:er)? (?:light|lighting)|more soft|gentler)\b", "lighting", "soft"),
        (r"\b(?:neon|with neon lights)\b", "lighting", "neon"),
        (r"\b(?:more )?cinematic light(?:ing)?\b", "lighting", "cinematic"),
        (r"\b(?:more colou?rful|more vibrant|more saturated|vibrant|colou?rful|more vivid|vivid|brighter colou?rs|more colou?rs?)\b", "palette", "vibrant colors"),
        (r"\b(?:less colou?rful|less saturated|desaturated|muted(?: colou?rs| tones)?|more muted|duller)\b", "palette", "muted colors"),
        (r"\bpastel(?: colou?rs| tones)?\b", "palette", "pastel colors"),
        (r"\b(?:(?:make )?(?:the )?colou?rs (?:pop|stand out)|pop(?:py|ping)?|punchier|more punchy)\b", "palette", "vibrant colors"),
        (r"\bsepia(?: tones?| toned)?\b", "palette", "sepia tones"),
        (r"\b(?:monochrom(?:e|atic)|gr[ae]yscale)\b", "palette", "monochrome"),
        (r"\b(?:spookier|creepier|scarier|more spooky|more creepy|more scary|spooky|creepy|scary|horror|eerie|haunting|sinister)\b", "mood", "eerie, ominous atmosphere"),
        (r"\b(?:happier|more cheerful|cheerful|joyful|happy|more joyful|more fun|playful)\b", "mood", "cheerful, joyful mood"),
        (r"\b(?:sadder|more melancholic|melancholic|melancholy|sad|gloomy|more somber|somber)\b", "mood", "melancholic mood"),
        (r"\b(?:cozier|cosier|more cozy|more cosy|cozy|cosy)\b", "mood", "cozy atmosphere"),
        (r"\b(?:calmer|more peaceful|peaceful|serene|tranquil|more relaxed|relaxing)\b", "mood", "calm, serene mood"),
        (r"\b(?:more magical|magical|dreamier|dreamy|more dreamy|ethereal)\b", "mood", "dreamy, magical atmosphere"),
        (r"\b(?:more epic|epic|grander|majestic)\b", "mood", "epic, majestic atmosphere"),
        (r"\b(?:moodier|more moody|moody)\b", "mood", "moody atmosphere"),
        (r"\b(?:more mysterious|mysterious)\b", "mood", "mysterious atmosphere"),
        (r"\b(?:more romantic|romantic)\b", "mood", "romantic atmosphere"),
    ]
]
_TIME_WORDS = re.compile(
    r"^(?:(?:at|during|in|by|around)\s+)?(?:the\s+)?(night(?:time)?|midnight|sunset|sunrise|dawn|dusk|twilight|noon|midday|"
    r"daytime|day ?time|day ?light|(?:the )?day|morning|afternoon|evening|golden[ -]hour|blue hour|late at night|"
    r"(?:early |late )?morning)(?:\s+(?:time|instead|version|scene|light|lighting))?$", re.I)
_SEASON_WORDS = re.compile(r"^(?:(?:in|during)\s+)?(?:the\s+)?(winter(?:time)?|summer(?:time)?|autumn|fall|spring(?:time)?)"
                           r"(?:\s+(?:time|instead|version|scene))?$", re.I)
_WEATHER_WORDS = re.compile(
    r"^(?:(?:in|during|under|with)\s+)?(?:the\s+|a\s+|an\s+)?((?:heavy |light |pouring )?rain(?:ing|y)?|snow(?:ing|y)?|"
    r"(?:a )?(?:thunder)?storm(?:y)?|fog(?:gy)?|mist(?:y)?|cloudy|overcast|sunny|clear skies?|blizzard|drizzle|windy|"
    r"(?:a )?rainy day|(?:a )?snowy day|(?:a )?sunny day)(?:\s+(?:weather|instead|day|version))?$", re.I)
_SLOT_VALUE = {
    "time": lambda v: {"day": "during the day", "daytime": "during the day", "day time": "during the day",
                       "daylight": "in daylight", "day light": "in daylight", "late at night": "late at night",
                       "golden hour": "at golden hour", "golden-hour": "at golden hour"}.get(
        v.lower(), f"at {v.lower()}" if v.lower() not in ("morning", "afternoon", "evening", "early morning", "late morning",
                                                          "late afternoon") else f"in the {v.lower()}"),
    "season": lambda v: f"in {'autumn' if v.lower() == 'fall' else re.sub('time$', '', v.lower())}",
    "weather": lambda v: {"raining": "in the rain", "rain": "in the rain", "rainy": "on a rainy day", "snowing": "in the snow",
                          "snow": "in the snow", "snowy": "in the snow", "foggy": "in thick fog", "fog": "in thick fog",
                          "misty": "in the mist", "mist": "in the mist", "stormy": "in a storm", "storm": "in a storm",
                          "thunderstorm": "in a thunderstorm", "cloudy": "under a cloudy sky", "overcast": "under an overcast sky",
                          "sunny": "on a sunny day", "windy": "on a windy day"}.get(v.lower(), v.lower()),
}

_STYLE_CLAUSE = re.compile(
    r"^(?:(?:make|turn|render|redo|do|draw|paint|change|switch|convert|try|go back to|back to|go with|use|"
    r"give me|show me|let'?s (?:do|try|see|go with))\s+(?:it|this|that|them|the (?:image|picture|whole thing)|everything)?\s*"
    r"(?:(?:in)?to|as|in|into|like|with)?\s*)?(?:(?:a|an|the)\s+)?(?:(?:in|as|into|like)\s+)?(?:(?:a|an|the)\s+)?"
    r"(?:style of\s+|(?:the\s+)?style of\s+)?(.+?)(?:\s+(?:style|styled|version|look|aesthetic|vibe|version of (?:it|this)|"
    r"instead|again|please|painting|art|artwork|drawing|illustration|render(?:ing)?|image|picture|one|mode|"
    r"edition|effect|filter|look(?:ing)?))*$", re.I)
_NO_STYLE = re.compile(r"^(?:no style|remove (?:the )?style|without (?:a |any )?style|plain|back to normal|normal style|"
                       r"default style|clear (?:the )?style|(?:no|without) (?:any )?filter)$", re.I)
_IT_ADJ = re.compile(r"^(?:make|render|paint|draw|show|do|redo)\s+(?:it|this|that|them|everything|the (?:image|picture|scene))\s+"
                     r"(?:look\s+|feel\s+|seem\s+|more\s+|a (?:bit|little)(?: more)?\s+|much\s+|very\s+|really\s+|slightly\s+|"
                     r"as\s+(?=an?\s|some\s))*(.+)$", re.I)
_MORE_ADJ = re.compile(r"^(?:(?:a\s+)?(?:bit|little|lot|touch|tad)\s+)?(?:more|less|much more|even more|extra|very|super|slightly)\s+(.+)$", re.I)


_TOO = re.compile(
    r"^(?:(?:it|this|that|everything|the (?:image|picture|scene|photo|result|light|lighting|colou?rs?|background|sky|"
    r"whole thing))\s*(?:'s|is|are|were|was|looks|look|seems|seem|feels|feel|got|has gotten|is getting|came out|turned out)?"
    r"\s+|it'?s\s+|its\s+)?"
    r"(?:(?:a\s+)?(?:bit|little|tad|lot)\s+|way\s+|much\s+|slightly\s+|kinda\s+|kind of\s+|far\s+|rather\s+|just\s+)*"
    r"too\s+(.+)$", re.I)
# "too X" asks for the opposite of X.
_OPPOSITE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), en) for p, en in [
        (r"^(?:dark|dim|gloomy|murky|shadowy|black|underexposed)$", "brighter"),
        (r"^(?:bright|light|washed[- ]out|overexposed|glaring|harsh)$", "darker"),
        (r"^(?:warm|orange|yellow|hot|red)$", "cooler"),
        (r"^(?:cold|cool|blue|icy)$", "warmer"),
        (r"^(?:saturated|colou?rful|vivid|garish|vibrant|loud|intense)$", "muted colors"),
        (r"^(?:dull|muted|gr[ae]y|bland|flat|washed|pale|desaturated|boring)$", "more vibrant"),
        (r"^(?:happy|cheerful|cute|sweet|bright and happy)$", "moodier"),
        (r"^(?:scary|creepy|dark and scary|spooky|sad|depressing|gloomy)$", "more cheerful"),
    ]
]


def _too_ops(what: str) -> list[Op]:
    what = re.sub(r"\s+(?:now|please|for me|imo|tbh)$", "", what.strip(" ,.!?"), flags=re.I)
    for rx, opposite in _OPPOSITE:
        if rx.match(what):
            ops = _tone_ops(opposite)
            if ops:
                return ops
    if re.fullmatch(r"small|tiny|low[- ]res", what, re.I):
        return [SetSize(scale=1.5)]
    if re.fullmatch(r"(?:busy|cluttered|crowded|messy|chaotic|full)", what, re.I):
        return [Remove(thing="clutter"), SetSlot(slot="mood", value="calm, uncluttered composition")]
    m = re.match(r"^(?:many|much)\s+(.+)$", what, re.I)
    return [Remove(thing=bare(m.group(1) if m else what))]


_RAINY_NIGHT = re.compile(r"^(?:(?:on|during|in)\s+)?(?:(?:an?|the)\s+)?(rainy|snowy|stormy|foggy|misty|sunny|cloudy|windy)\s+"
                          r"(night|day|morning|evening|afternoon)$", re.I)
_SHOULD = re.compile(r"^(he|she|they|it|him|her|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:should|must|needs? to|has to|have to|"
                     r"could|would|can)\s+(?:also\s+)?(.+)$", re.I)
_PERSON_ADJ = re.compile(r"^(?:make|turn|render|paint|draw)\s+(?:him|her|them|he|she|the\s+(?:man|woman|person|guy|girl|"
                         r"boy|lady|character|figure|people|kid|child))\s+(?:look\s+|a (?:bit|little)\s+|more\s+|much\s+|"
                         r"very\s+|into\s+)*(.+)$", re.I)


def _ing(verb: str) -> str:
    """ "breathe" → "breathing", "run" → "running", "fly" → "flying"."""
    v = verb.lower()
    if v.endswith("ing"):
        return v
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", v) and len(v) <= 4:
        return v + v[-1] + "ing"
    return v + "ing"


def _should_ops(who: str, what: str, scene) -> list[Op] | None:
    """ "he should be holding a shield", "the dragon should breathe fire", "she should have red hair"."""
    what = what.strip(" ,.!?")
    noun = re.sub(r"^the\s+", "", who, flags=re.I) if who.lower().startswith("the ") else ""
    m = re.match(r"^(?:be|look|seem|appear)\s+(.+)$", what, re.I)
    if m:
        rest = m.group(1)
        if re.match(r"^(?:an?|the)\s", rest, re.I):  # "he should be a pirate"
            return [Replace(old=noun or main_noun(scene) or "it", new=rest)]
        if _PARTICIPLE.match(rest) or re.match(r"^(?:on|in|at|under|with|by|near|next to)\b", rest, re.I):
            return [Add(thing=f"{noun} {rest}" if noun else rest)]
        if len(rest.split()) <= 3:  # "she should be taller": a quality of the one named
            target = noun or main_noun(scene)
            return [Replace(old=target, new=f"{rest} {head_of(target)}")] if target else [Add(thing=rest)]
        return [Add(thing=rest)]
    m = re.match(r"^(?:have|hold|wear|carry)\s+(.+)$", what, re.I)
    if m:
        verb = what.split()[0].lower()
        phrase = m.group(1) if verb == "have" else f"{_ing(verb)} {m.group(1)}"
        return [Add(thing=f"{noun} with {phrase}" if noun and verb == "have" else phrase)]
    m = re.match(r"^([a-z]+)\b\s*(.*)$", what, re.I)
    if m:  # "the dragon should breathe fire" → "dragon breathing fire"
        phrase = f"{_ing(m.group(1))} {m.group(2)}".strip()
        return [Add(thing=f"{noun} {phrase}" if noun else phrase)]
    return None


def _person_ops(rest: str, scene) -> list[Op] | None:
    """ "make him older" → an older knight; "make her a queen" → a queen."""
    main = main_noun(scene)
    if not main:
        return None
    style = _style_op(rest, strict=True)
    if style:
        return [style]
    if re.match(r"^(?:an?|the)\s", rest, re.I):
        return [Replace(old=main, new=rest)]
    if len(rest.split()) <= 3:
        return [Replace(old=main, new=f"{rest} {main}")]
    return None


def head_of(phrase: str) -> str:
    words = re.findall(r"[^\W_]+", phrase)
    return words[-1] if words else phrase


# "a dog instead", "what about a fox?", "try an owl instead": another main subject in the same scene.
_INSTEAD = re.compile(
    r"^(?:(?:what|how) about|try|maybe|perhaps|let'?s (?:try|do|have)|make it|do|use|go with|rather|or)?\s*"
    r"((?:an?|some|two|three)\s+[\w' -]+?)(?:\s+instead)\W*$|"
    r"^(?:(?:what|how) about|try|maybe|perhaps)\s+((?:an?|some|two|three)\s+[\w' -]+?)(?:\s+instead)?\W*$", re.I)


def _instead_ops(thing: str | None, ctx: Context) -> list[Op] | None:
    if not thing:
        return None
    thing = thing.strip(" ,.!?")
    scene = ctx.scene
    if scene is None or _slot_ops(thing) or _style_op(thing, strict=True):
        return None
    head = phrase_head(thing)
    if head and scene.mentions(head):
        return [Add(thing=thing)]  # "same but a black cat": the cat there is changes
    main = main_noun(scene)
    return [Replace(old=main, new=thing)] if main else [SetSubject(subject=thing)]


_MEANT = re.compile(r"^(?:i|we)\s+(?:meant|mean|said|asked for|wanted|was asking for|was thinking of)\s+(.+)$", re.I)


def _meant_ops(thing: str, scene) -> list[Op]:
    """ "no, I meant a tabby cat": the thing said takes the place of what was drawn for it."""
    head = phrase_head(thing)
    if head and scene.mentions(head):
        return [Add(thing=thing)]
    main = main_noun(scene)
    return [Replace(old=main, new=thing)] if main else [SetSubject(subject=thing)]


_MEDIUM_NOUNS = (r"painting|drawing|sketch|illustration|cartoon|comic strip|sculpture|statue|mosaic|tapestry|engraving|"
                 r"etching|woodcut|linocut|print|mural|fresco|collage|doodle|charcoal drawing|pastel drawing|"
                 r"chalk drawing|embroidery|origami|graffiti|blueprint|daguerreotype|postage stamp|tattoo|vase painting")
_MEDIUM = re.compile(
    rf"^(?:(?:make|turn|render|redo|do|draw|paint|change)\s+(?:it|this|that|them|everything|the (?:image|picture|scene))\s+)?"
    rf"(?:look\s+|looking\s+|feel\s+)?(?:(?:in)?to|as|like|into)\s+(?:an?\s+)?((?:[\w'-]+\s+){{0,2}}(?:{_MEDIUM_NOUNS}))$", re.I)


def _slot_ops(text: str) -> list[Op] | None:
    t = text.strip(" ,.!?")
    t = re.sub(r"^(?:set|change|switch)\s+(?:it\s+|the\s+(?:time|scene|weather|season)\s+)?(?:to\s+)?", "", t, flags=re.I)
    t = re.sub(r"^(?:now\s+|make it\s+|turn it\s+|let it be\s+|have it\s+|it should be\s+)", "", t, flags=re.I)
    for rx, slot in ((_TIME_WORDS, "time"), (_SEASON_WORDS, "season"), (_WEATHER_WORDS, "weather")):
        m = rx.match(t)
        if m:
            return [SetSlot(slot=slot, value=_SLOT_VALUE[slot](re.sub(r"^(?:a|the)\s+", "", m.group(1), flags=re.I)))]
    return None


def _tone_ops(text: str) -> list[Op] | None:
    """ "make the light warmer and more golden" → one lighting op; "spookier" → the mood."""
    t = text.strip(" ,.!?")
    found: dict[str, list[str]] = {}
    rest = t
    for rx, slot, value in _TONES:
        if rx.search(rest):
            if value not in found.setdefault(slot, []):
                found[slot].append(value)
            rest = rx.sub(" ", rest)
    if not found:
        return None
    leftover = re.sub(r"\b(?:make|it|the|a|an|bit|little|lot|much|more|even|slightly|very|really|and|but|with|now|"
                      r"light|lighting|lights|colou?rs?|tones?|palette|mood|atmosphere|vibe|feel|look|overall|image|"
                      r"picture|scene|please|too|somewhat|kind of|kinda|way|super|touch|tad|less|so|to|be|should|"
                      r"turn|change|get|go|feeling|lit|much|alot|abit|way more|up|down|them|this|that|everything|"
                      r"overall|whole|thing|all|bit more|some|tone|tones|look|looks|looking|can|you|could|is|are)\b",
                      " ", rest, flags=re.I)
    if re.search(r"[^\W_]", leftover):
        return None
    ops: list[Op] = []
    for slot, values in found.items():
        if slot == "lighting":
            ops.append(SetSlot(slot="lighting", value=", ".join(values) + (" light" if len(values) == 1 or
                                                                           "low-key" not in values[-1] else " lighting")))
        else:
            ops.append(SetSlot(slot=slot, value=values[-1]))  # type: ignore[arg-type]
    return ops


def _style_op(text: str, *, strict: bool) -> SetStyle | None:
    t = text.strip(" ,.!?")
    if _NO_STYLE.match(t):
        return SetStyle(style="none")
    m = _STYLE_CLAUSE.match(t)
    if not m:
        return None
    core = m.group(1).strip()
    # A style whose name ends in a word the clause pattern reads as a suffix ("pop art", "line art",
    # "3d render", "oil painting") is looked for in the words with their suffixes first.
    whole = t[m.start(1):].strip()
    found = w.find_style(whole) if whole != core else None
    if found:
        core = whole
    else:
        found = w.find_style(core, loose=True)
    if not found:
        return None
    sid, said = found
    leftover = core.replace(said, " ")
    leftover = re.sub(r"\b(?:a|an|the|style|styled|version|look|like|in|as|of|please|more|it|into|to|with|"
                      r"art|artwork|painting|drawing|illustration|image|picture|kind|sort|type|bit|little|"
                      r"something|some|proper|real|classic|traditional|japanese|old|school|cool|nice|again|"
                      r"instead|go|back|vibe|aesthetic|effect|filter|render(?:ed|ing)?)\b", " ", leftover, flags=re.I)
    if re.search(r"[^\W_]", leftover) and strict:
        return None
    return SetStyle(style=sid)


_VERSION = re.compile(
    r"^(?:(?:do|make|give me|show me|try|render|draw|create|generate|can i (?:get|have|see)|how about|what about)\s+)?"
    r"(?:an?|the|one)\s+(?:(?!version\b)(.+?)\s+)?(?:version|take|variant|rendition|edition)"
    r"(?:\s+of\s+(?:that|it|this|the (?:image|picture|last one|same (?:thing|picture|scene))))?(?:\s+(.+?))?$", re.I)
_ONE_SUCH = re.compile(r"^(?:do|make|try|render|draw|give me)\s+(?:one|another one|a new one)\s+"
                       r"((?:at|in|during|on|under|as|with|by)\b.+)$", re.I)
_SUNNY_AND_CLEAR = re.compile(r"^(?:make it\s+)?(?:sunny and clear|clear and sunny|bright and sunny|sunny and bright)$", re.I)


def _clause_ops(clause: str, ctx: Context, previous: str | None) -> list[Op] | None:
    """The ops one clause asks for, or None when it is not an edit."""
    raw = clause.strip(" ,.!?;:")
    if not raw:
        return []
    led = _strip_lead(raw)
    text = _ASK.sub("", led).strip()
    if text != led:  # "i want it at sunset", "i'd like it to be darker": "it" is the picture
        text = re.sub(r"^(?:it|this|that|the (?:image|picture|scene))\s+(?:to\s+(?:be|look|have|feel)\s+|be\s+)?(?=\S)", "",
                      text, flags=re.I)
    text = re.sub(r"^(?:now|then|also|and|but|just|please|maybe|perhaps)\s+", "", text, flags=re.I).strip()
    text = re.sub(r"^(?:(?:what|how) (?:if|about)(?: (?:it|we|you|they|he|she))?(?: (?:was|were|is|had|made it|make it|"
                  r"did it|do it|tried))?|could it be|can it be|it should be|it needs to be|i think it should be|"
                  r"i want it(?: to be)?|i'd like it(?: to be)?|i would like it(?: to be)?|make sure it'?s|let'?s have it)\s+",
                  "", text, flags=re.I).strip()
    # Words at the end that only say how it is asked: "no fireplace actually", "the hat off then".
    text = re.sub(r"(?:[\s,]+(?:please|pls|plz|now|instead|too|as well|thanks|thank you|actually|then|anymore|any more|"
                  r"after all|either|though|for now|this time))+$", "", text, flags=re.I).strip(" ,.!?")
    if not text:
        return []
    text = _SUNNY_AND_CLEAR.sub("sunny", text)
    m = _VERSION.match(text) or _ONE_SUCH.match(text)
    if m and any(m.groups()):
        # "do a pixel art version of that", "a version at night": the version's words are the change.
        said = [g.strip() for g in m.groups() if g and g.strip()]
        found = [_clause_ops(x, ctx, previous) for x in said]
        if all(f for f in found):
            return [op for f in found for op in f]  # type: ignore[union-attr]
    m = _TOO.match(text)
    if m:
        return _too_ops(m.group(1))
    m = _INSTEAD.match(led)
    if m and ctx.scene is not None:
        ops = _instead_ops(m.group(1) or m.group(2), ctx)
        if ops:
            return ops
    text = re.sub(r"^(?:it'?s|it is|its|it should be|it must be|it has to be|it needs to be|let it be|have it be)\s+"
                  r"(?:now\s+|already\s+)?(?=\S)", "", text, flags=re.I)
    m = _BACK.match(text)
    if m:
        return [Add(thing=next(g for g in m.groups() if g))]
    m = _RAINY_NIGHT.match(text)
    if m:
        weather = {"rainy": "in the rain", "snowy": "in the snow", "stormy": "in a storm", "foggy": "in thick fog",
                   "misty": "in the mist", "cloudy": "under a cloudy sky"}.get(m.group(1).lower(), m.group(1).lower())
        return [SetSlot(slot="weather", value=weather), SetSlot(slot="time", value=_SLOT_VALUE["time"](m.group(2)))]
    m = _GONE.match(text)
    if m:
        return [Remove(thing=bare(next(g for g in m.groups() if g)))]
    m = _SHOULD.match(text)
    if m and ctx.scene is not None:
        ops = _should_ops(m.group(1), m.group(2), ctx.scene)
        if ops:
            return ops
    m = _PERSON_ADJ.match(text)
    if m and re.match(r"^\w+\s+her\s", text, re.I) and len(m.group(1).split()) >= 2 \
            and not re.match(r"^(?:an?|the)\s", m.group(1), re.I):
        m = None  # "make her hair straight": "her" is whose hair
    if m and ctx.scene is not None:
        ops = _person_ops(m.group(1).strip(), ctx.scene)
        if ops:
            return ops
    m = _MEANT.match(text)
    if m and ctx.scene is not None:
        return _meant_ops(m.group(1).strip(), ctx.scene)
    m = _MEDIUM.match(text)
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
    for rx, move in _CAMERA:
        m = rx.match(seen_as)
        if m:
            on = m.group(1) if m.groups() else None
            return [Camera(move=move, on=on.strip() if on else None)]  # type: ignore[arg-type]
    ops = _slot_ops(text)
    if ops:
        return ops
    m = re.match(r"^(.+?)\s+(?:with|and)\s+(.+)$", text, re.I)
    if m:  # "at night with a full moon": the time, and a thing to add
        ops = _slot_ops(m.group(1))
        if ops:  # ... and the rest may be weather or light too: "in winter with snow"
            return [*ops, *(_slot_ops(m.group(2)) or _tone_ops(m.group(2)) or [Add(thing=m.group(2).strip())])]
    m = _BY_IT.match(text)
    if m and ctx.scene is not None:
        main = main_noun(ctx.scene)
        thing = re.sub(r"^(?:add|put|place|include|insert|draw|paint|have|get)\s+", "", m.group(1), flags=re.I)
        return [Add(thing=f"{thing} {m.group(2)} {'the ' + main if main else m.group(3)}")]
    if _NO_STYLE.match(text):
        return [SetStyle(style="none")]
    m = _GONE.match(text)
    if m:
        return [Remove(thing=bare(next(g for g in m.groups() if g)))]
    m = _REMOVE.match(text)
    if m and not re.match(r"^not\s+(?:more|less)\b|^no\s+(?:more|less)\s+(?:than|\w+er\b)", text, re.I):
        things = [bare(x) for x in re.split(r"\s*(?:,|\band\b|\bor\b|\bnor\b)\s*", m.group(1)) if bare(x)]
        things = [_antecedent(x, ctx) for x in things]
        if things and not (re.match(r"^not\b", text, re.I) and len(things[0].split()) > 3):
            return [Remove(thing=x) for x in things]
    style = _style_op(text, strict=True)
    if style:
        return [style]
    tones = _tone_ops(text)
    if tones:
        return tones
    m = re.fullmatch(r"(?:(?:on|with|against)\s+)?(?:an?\s+|the\s+)?((?:plain|solid|simple|clean|blank|"
                     rf"{COLOUR_PHRASE}|gradient|transparent|neutral)(?:\s+[\w-]+)?)\s+(?:background|backdrop)", text, re.I)
    if m:  # "white background instead": what is behind the subject
        return [SetSlot(slot="setting", value=f"{m.group(1).strip().lower()} background")]
    m = re.fullmatch(r"(?:in|with|using|use)\s+(?:an?\s+|the\s+)?([\w' -]+?)\s+(colou?rs|colou?r palette|palette|tones|hues|shades)",
                     text, re.I)
    if m:  # "in autumn colors", "with earthy tones": the palette
        return [SetSlot(slot="palette", value=f"{m.group(1).strip()} {'tones' if m.group(2).lower() == 'tones' else 'colors'}")]
    for i, rx in enumerate(_REPLACE):
        m = rx.match(text)
        if not m:
            continue
        old, new = m.group(1).strip(), m.group(2).strip()
        if i == 2:
            old, new = new, old  # "a dog instead of the cat"
        if i == 1 and re.match(r"^(?:it|this|that|them|the (?:image|picture|scene|whole thing))$", old, re.I):
            style = _style_op(new, strict=False)
            if style:
                return [style]
            slot = _slot_ops(new)
            if slot:
                return slot
            if re.match(r"^(?:a|an|the|some)\s", new, re.I):
                return _environment_ops(new, ctx.scene) or [SetSubject(subject=new)]
            return [Add(thing=new)]
        if i in (0, 1) and re.fullmatch(rf"(?:{COLOUR_PHRASE}|{MATERIALS})", new, re.I):
            return [Replace(old=bare(old), new=f"{new} {bare(old)}")]  # "change the sofa to green": a green sofa
        if bare(old) and bare(new) and len(old.split()) <= 6:
            return [Replace(old=bare(old), new=new)]
    for rx in _MODIFY:
        m = rx.match(text)
        if m:
            thing, adj = m.group(1).strip(), m.group(2).strip()
            if re.match(r"^(?:light|lighting|lights)$", thing, re.I):
                tones = _tone_ops(adj)
                return tones or [SetSlot(slot="lighting", value=f"{adj} light")]
            if re.match(r"^(?:colou?rs?|palette|tones?)$", thing, re.I):
                return _tone_ops(adj) or [SetSlot(slot="palette", value=f"{adj} colors")]
            if re.match(r"^(?:mood|atmosphere|vibe|feel)$", thing, re.I):
                return _tone_ops(adj) or [SetSlot(slot="mood", value=f"{adj} atmosphere")]
            if re.match(r"^(?:background)$", thing, re.I):
                return [SetSlot(slot="setting", value=f"{adj} background")]
            if re.match(r"^(?:bigger|larger|huge|giant|smaller|tiny)$", adj, re.I):
                return [Replace(old=bare(thing), new=f"{'tiny' if adj.lower() in ('smaller', 'tiny') else 'huge'} {bare(thing)}")]
            if re.fullmatch(r"[a-z]{3,}s", thing, re.I) and re.fullmatch(r"[a-z]{2,}[^su]s", adj, re.I) \
                    and not re.search(r"(?:ous|ss|less|ness)$", adj, re.I):
                return [Replace(old=bare(thing), new=adj)]  # "make the cats dogs": plural for plural, a new kind
            return [Replace(old=bare(thing), new=f"{re.sub(r'^(?:more|a bit|a little|very|really|much|slightly) ', '', adj)} {bare(thing)}")]
    m = _PUT.match(text)
    if m:
        prep = {"to": "at", "into": "in", "onto": "on"}.get(m.group(1).lower(), m.group(1).lower())
        return [SetSlot(slot="setting", value=f"{prep} {m.group(2).strip()}")]
    m = _PLACE_PHRASE.match(text)
    if m:
        prep = {"into": "in", "onto": "on"}.get(m.group(1).lower(), m.group(1).lower())
        return [SetSlot(slot="setting", value=f"{prep} {m.group(2).strip()}")]
    if re.match(r"^(?:underwater|in space|outdoors|indoors|outside|inside)$", text, re.I):
        return [SetSlot(slot="setting", value=text.lower())]
    m = _ADD.match(text)
    if m and re.match(r"^(?:draw|paint|show|have|put|place)\s+(?:it|this|that|them|him|her|everything)\b", text, re.I):
        m = None  # "draw it as a dog" changes what is drawn; nothing is added
    if m and not re.match(r"^(?:draw|paint|show|have)\s+(?:me|us)\b", text, re.I):
        things = [x.strip() for x in re.split(r"\s*(?:,|\band\b)\s*(?=(?:a|an|some|two|three|the|more)\s)", m.group(1)) if x.strip()]
        if things:
            return [Add(thing=x) for x in things]
    if _PARTICIPLE.match(text):
        return [Add(thing=text)]
    m = _IT_ADJ.match(text)
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
        style = _style_op(rest, strict=False)
        if style:
            return [style]
        tones = _tone_ops(rest)
        if tones:
            return tones
        if re.match(r"^(?:a|an|the|some)\s", rest, re.I):
            return _environment_ops(rest, ctx.scene) or [SetSubject(subject=rest)]
        return [Add(thing=rest)]
    m = _MORE_ADJ.match(text)
    if m and len(m.group(1).split()) <= 3:
        if re.match(r"^(?:(?:a\s+)?(?:bit|little|lot|touch|tad)\s+)?less\b", text, re.I):
            return [Remove(thing=bare(m.group(1)))]  # "less cluttered": what is asked away goes to the negative
        more = _more_of(m.group(1), ctx)
        return more or [Add(thing=m.group(1))]
    style = _style_op(text, strict=False) if len(text.split()) <= 4 else None
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


# Surroundings rather than things: "make it a stormy sea" after "a sailboat on a calm lake" moves the boat,
# it does not replace it. (Not buildings: "make it a cottage" after "a castle" is another building.)
_ENVIRONMENT = re.compile(
    r"sea|ocean|lake|river|pond|beach|shore|coast|desert|forest|woods|jungle|mountains?|hills?|field|meadow|valley|"
    r"canyon|city|town|village|street|space|island|swamp|marsh|savann?ah?|prairie|countryside|snowfield|glacier|"
    r"tundra|sky|underwater|seabed|reef", re.I)
_ON_SURFACE = {"sea", "ocean", "lake", "river", "pond", "beach", "shore", "coast", "street", "island", "field",
               "meadow", "hill", "hills", "mountain", "glacier", "snowfield", "prairie"}


def _environment_ops(thing: str, scene) -> list[Op] | None:
    """ "a stormy sea" as the picture's new surroundings, when the picture shows something in them."""
    if scene is None:
        return None
    head = phrase_head(thing)
    main = main_noun(scene)
    if not head or not _ENVIRONMENT.fullmatch(head) or not main or _ENVIRONMENT.fullmatch(main):
        return None  # the picture is itself a place: "a lake" → "make it a sea" replaces it
    prep = "on" if head.lower() in _ON_SURFACE else "in"
    return [SetSlot(slot="setting", value=f"{prep} {thing.strip()}")]


# "a baby penguin next to it", "a kite above him": something new placed by the picture's subject.
_BY_IT = re.compile(
    r"^(.+?)\s+(next to|beside|near|behind|in front of|on top of|around|under|over|above|below|on|with|holding|"
    r"chasing|following|facing|looking at|riding)\s+(it|him|her|them)$", re.I)
_BY_IT_ANYWHERE = re.compile(
    r"\b(?:next to|beside|near|behind|in front of|on top of|around|under|above|below|chasing|following|facing|"
    r"looking at)\s+(?:it|him|her|them)\b", re.I)


def _more_of(thing: str, ctx: Context) -> list[Op] | None:
    """ "more freckles" when the picture has freckles: more weight on them in Stable Diffusion's attention
    syntax, rather than the same words twice."""
    scene = ctx.scene
    said = bare(thing)
    if scene is None or not said or not re.search(rf"(?<![\w(]){re.escape(said)}(?![\w:])",
                                                  " ".join(scene.phrases()), re.I):
        return None
    if re.search(rf"\(\s*{re.escape(said)}\s*:", " ".join(scene.phrases()), re.I):
        return None
    if not ctx.target.startswith("sd"):
        return None  # prose: "more clouds" is added as said
    return [Replace(old=said, new=f"({said}:1.3)")]


_PRONOUN = re.compile(r"^(?:it|them|they|those|these|that|this|that one|those ones|him|her)$", re.I)


def _antecedent(thing: str, ctx: Context) -> str:
    """ "remove them" right after "add some pigeons": a pronoun stands for the detail added last,
    never for the picture itself (the negative prompt must not get "them")."""
    if not _PRONOUN.match(thing.strip()) or ctx.scene is None or not ctx.scene.details:
        return thing
    return bare(ctx.scene.details[-1]) or thing


def parse_edit(text: str, ctx: Context, *, keep: bool = False) -> list[Op] | None:
    """The ops of an edit of the current picture, or None when the message is not one. ``keep``: the
    person asked to keep the picture ("same scene in the evening"), so what is said is a change to it."""
    body = _SAME_BUT.sub("", text.strip()).strip()
    same_but = body != text.strip() or keep
    ops: list[Op] = []
    previous: str | None = None
    unknown: list[str] = []
    for clause in _CLAUSE_SPLIT.split(body):
        if not clause or not clause.strip(" ,.!?"):
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
    ops = _merge_tones(ops)
    if unknown:
        if not ops and not same_but:
            return None
        # Beside understood changes, a short unknown phrase is a detail to add ("..., and a red scarf").
        for phrase in unknown:
            if _chat_kind(phrase) or _REMARK.match(phrase):
                continue  # "i love it but make it blue": the praise is said to us, not drawn
            if len(phrase.split()) > 8:
                return None
            swap = _instead_ops(phrase, ctx) if same_but and re.match(r"^(?:an?|some)\s", phrase, re.I) else None
            ops += swap or [Add(thing=re.sub(r"^(?:with|and|plus)\s+", "", phrase, flags=re.I))]
    return ops if ops or same_but else None


def _merge_tones(ops: list[Op]) -> list[Op]:
    """ "warmer and more golden" → one light, "warm, golden light", not the second replacing the first."""
    out: list[Op] = []
    for op in ops:
        last = out[-1] if out else None
        if (isinstance(op, SetSlot) and isinstance(last, SetSlot) and op.slot == last.slot == "lighting"
                and op.value and last.value and op.value.endswith(" light") and last.value.endswith(" light")):
            out[-1] = SetSlot(slot="lighting", value=f"{last.value[:-6]}, {op.value}")
        else:
            out.append(op)
    return out


# ---- the whole message -----------------------------------------------------------------------------

def understand(text: str, ctx: Context) -> tuple[Action, tuple[str, ...]]:
    """The action a message asks for, and notes for the person (e.g. a language warning)."""
    try:
        return _understand(text, ctx)
    except ValidationError:
        # Some piece was longer than an action holds: what was typed is a picture to draw, as typed.
        description = clean(text)[:20_000].strip()
        if not description:
            return Chat(kind="other"), ()
        return New(description=description, verbatim=is_power_prompt(description)), ()


def _seed_just_said(ctx: Context) -> int | None:
    """The seed the last reply named ("Picture 1 used seed 1234."), if it named one."""
    for role, content in reversed(ctx.history):
        if role == "assistant":
            m = re.search(r"\bseed\s+(\d{1,10})\b", content or "", re.I)
            return int(m.group(1)) if m else None
    return None


# What follows thanks when it asks for something: a request, a change, a question, a picture.
_ASKS_FOR_SOMETHING = re.compile(
    r"(?:can|could|would|will|please|pls|make|add|remove|change|put|give|draw|paint|create|generate|render|show|"
    r"turn|try|use|now|what|which|how|why|where|who|is|are|do|does|did|an?|the|some|another|one more|undo|go back|"
    r"zoom|no|without|with|more|less|in|at|on|set|switch|replace|swap|let'?s|i(?:'d| would) like|i want|i need)\b", re.I)
# A remark about the picture's future or someone's feelings, no request in it: "she's going to love it",
# "my mom will print this". Answered, never drawn (on DALL-E a wrong picture is a paid call).
_REMARK = re.compile(
    r"^\W*(?:(?:haha+|lol|lmao|aww+|omg|oh+|wow|yay|ha|hehe)[\s,.!]+)*(?:i|i'm|im|i'll|i am|we|we're|we'll|she|she's|she'll|he|he's|he'll|they|they're|they'll|you|my \w+|our \w+|"
    r"everyone|everybody|the kids?)\s+(?:(?:is|are|am|will|would|'ll|gonna|going to|is going to|are going to|"
    r"really|totally|definitely|absolutely|just|so|already)\s+)*(?:love|loves|loved|like|likes|liked|enjoy|adore|"
    r"print|frame|use|share|post|hang|show|send|keep|be (?:so |very |really )?(?:happy|glad|thrilled|pleased|excited|"
    r"impressed|amazed))\b(?!.*\b(?:but|make|add|change|remove|more|better|best|than|instead|rather|number|first|"
    r"second|third|1st|2nd|3rd|last|previous|original|earlier)\b|.*#\d)", re.I)


# A judgement of the picture with no request in it: "this looks delicious haha", "lmao it looks so grumpy",
# "hmm the colors are off". When unsure between a remark and an edit, a reply that asks costs nothing and a
# wrong picture may be a paid call; "it's too dark" (an edit) is read before this.
_JUDGEMENT = re.compile(
    r"^\W*(?:(?:hmm+|hm+|lol|lmao|(?:ha)+h?|(?:he)+h?|omg|wow|aww+|oh+|ah+|ok|okay|well|honestly|tbh|man|dang|damn|ngl|"
    r"yum+|yummy|mm+|ooh+|i mean|look at (?:that|this))[\s,.!]*)*"
    r"(?:it|this|that|this one|that one|these|those|he|she|they|the (?:\w+ ){0,1}\w+)\s*"
    r"(?:'s|’s|\s+(?:looks?|is|are|seems?|feels?|was|were)(?: like)?)\s+(?:so\s+|really\s+|very\s+|kinda\s+|kind of\s+|"
    r"a bit\s+|a little\s+|pretty\s+|super\s+|quite\s+|totally\s+|just\s+|still\s+)*"
    r"(off|wrong|weird|strange|odd|bad|ugly|fake|boring|blurry|meh|not (?:right|great|good|quite right)|good|great|nice|"
    r"delicious|tasty|yummy|grumpy|cute|adorable|cool|amazing|awesome|beautiful|gorgeous|stunning|lovely|perfect|fine|"
    r"funny|hilarious|silly|epic|sick|fire|wild|crazy|interesting|realistic|creepy|scary|sad|happy|angry|majestic|"
    r"incredible|impressive|magical|dreamy|peaceful|spooky|fun|sweet|neat|better|worse|close|almost there)"
    r"(?:\s+(?:haha+|lol|lmao|tbh|honestly|now|though|imo))*\W*$", re.I)


# The same judgement of any word when laughter or an intensifier marks it as said, not asked:
# "haha he looks so sleepy", "lol she's such a diva". "it's too dark" (an edit) is read before this.
_LAUGH = r"(?:(?:ha)+h?|(?:he)+h?|lol+|lmao+|rofl|omg|aww+|xd|😂|🤣|😆|😅)"
_MARKED_JUDGEMENT = re.compile(
    rf"^\W*(?:(?:{_LAUGH}|wow|oh+|ok|okay|man|dang|damn)[\s,.!]+)*(?P<who>it|this|that|this one|that one|he|she|they|"
    rf"the (?:\w+ ){{0,1}}\w+)\s*(?:'s|’s|'re|\s+(?:looks?|is|are|seems?|was|were))\s+(?:like\s+)?"
    rf"(?P<so>so|such an?|really|super|totally|very|kinda|pretty|absolutely)\s+(?P<what>[\w'-]+(?:\s+[\w'-]+){{0,2}})"
    rf"(?P<after>(?:[\s,.!]+(?:{_LAUGH}|now|tbh|honestly|though))*)\W*$", re.I)


_SENTENCE = re.compile(r"^(.+?(?:[.!?]+|[\u3002\uff01\uff1f]))\s*(\S.*)$", re.S)


def _after_small_talk(message: str) -> str:
    """ "Thank you so much! Could you add a cat by the oven?": thanks or a greeting in front of a
    request is manners; the request is what is read (and a lone "thanks!" stays small talk)."""
    while True:
        m = _SENTENCE.match(message)
        if not m or _chat_kind(m.group(1)) not in ("thanks", "praise", "greeting", "ack") or _chat_kind(m.group(2)) \
                or _REMARK.match(m.group(2)) or not _ASKS_FOR_SOMETHING.match(_strip_lead(m.group(2))):
            return message  # "thank you!! she's going to love it" stays thanks, whole
        message = m.group(2)


def _understand(text: str, ctx: Context) -> tuple[Action, tuple[str, ...]]:
    message = _after_small_talk(clean(text))
    notes: list[str] = []
    language = w.language_of(message)
    english = message
    translated = w.translate_followup(message)
    # A short follow-up too short to tell its language by ("sin gente", "plus sombre", "di notte").
    short_foreign = bool(translated) and len(message.split()) <= 5 and not w.has_english(message)
    if language or short_foreign:
        if translated and (ctx.scene is not None or translated in ("thanks",)):
            english = translated
        elif ctx.english_only and language:
            notes.append(f"This looks like {language}. {ctx.target_label} reads English only, so the words were sent as "
                         "typed and may be misread; a chat model (--chat-model) would translate them.")
    scene = ctx.scene
    untranslated = english == message
    if language and english is message and scene is not None:
        m = w.FOREIGN_ADD.match(message) or w.FOREIGN_REMOVE.match(message)
        if m and len(m.group(1)) <= 200:
            op = Add(thing=m.group(1)) if m.re is w.FOREIGN_ADD else Remove(thing=m.group(1))
            return Edit(ops=(op,)), tuple(notes)
    m = _UNDO_N.match(english)
    if m and (scene is not None or ctx.pictures):
        n = _NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
        return Undo(steps=max(1, min(50, n))), tuple(notes)
    english = _POLITE.sub("", _plain_request(english))
    settings, rest = extract_settings(english, previous_steps=scene.steps if scene else None,
                                      previous_guidance=scene.guidance if scene else None)
    rest_lead = _strip_lead(rest)
    if re.search(r"\b(?:that|this)\s+seed\b", english, re.I):
        said = _seed_just_said(ctx)
        if said is not None:  # "what was the seed of the first one?" … "use that seed": the one just named
            settings = [SetSeed(seed=said) if isinstance(op, SetSeed) and op.keep else op for op in settings]

    if not rest_lead and not settings:
        kind = _chat_kind(message) or "other"
        return Chat(kind=kind), tuple(notes)  # type: ignore[arg-type]
    if not rest_lead or re.fullmatch(r"(?:please|pls|now|ok|okay|and|then|but|with|use|try|make it|do|in|at)?", rest_lead, re.I) \
            or settings and _SETTING_FILLER.fullmatch(rest_lead):
        if scene is not None and settings and all(isinstance(op, SetSeed) and op.seed is None and not op.keep
                                                  for op in settings):
            return Repeat(), tuple(notes)  # "try with a different seed": the same picture drawn again
        if scene is None:
            # "portrait", "a phone wallpaper" before any picture: that is the picture asked for.
            said = _SUBJECT_SIZE_WORD.search(english)
            if said and any(isinstance(op, SetSize) for op in settings):
                return New(description=said.group(0), ops=tuple(settings)), tuple(notes)
            return Chat(kind="other", reply=None), tuple(notes)
        return Edit(ops=tuple(settings)), tuple(notes)

    if _HELP.match(rest) or _HELP.match(rest_lead) or _HELP.match(_strip_lead(message)):
        topic = "styles" if re.search(r"\bstyles?\b", rest, re.I) else "general"
        return Help(topic=topic), tuple(notes)  # type: ignore[arg-type]
    kind = _chat_kind(rest)
    if kind and not settings:
        return Chat(kind=kind), tuple(notes)  # type: ignore[arg-type]
    if kind is None and not settings:
        # "thanks! now make it blue": the small talk in front is dropped, the rest read on.
        pass
    asked = _question(rest_lead or rest, ctx)
    if asked is not None and not settings:
        if isinstance(asked, Chat) and re.search(r"\bstyles?\b", rest, re.I) and re.search(r"\b(?:what|which)\b", rest, re.I):
            return Help(topic="styles"), tuple(notes)
        return asked, tuple(notes)

    body = rest_lead
    if scene is None and not settings:
        # "undo" or "another one" before any picture: said so, never drawn as words.
        if _is_undo(body):
            return Undo(), tuple(notes)
        if _REPEAT.match(body.strip(" .!")):
            return Repeat(), tuple(notes)
    if scene is not None and ctx.pictures:
        action = _history_action(body, ctx, settings)
        if action is not None:
            return action, tuple(notes)
    m = _PLUS_MINUS.match(rest.strip())
    if scene is not None and m:  # "+ wasabi and ginger", "- ginger": a power user's add and remove
        things = [x.strip(" .!?") for x in re.split(r"\s*(?:,|\band\b|&|\+)\s*", m.group(2)) if x.strip(" .!?")]
        ops = [Add(thing=x) for x in things] if m.group(1) == "+" else [Remove(thing=bare(x)) for x in things]
        return Edit(ops=(*settings, *ops)), tuple(notes)
    if scene is not None and (ctx.keep or not _NEW_REQUEST.match(body) and not _NEW_WORDS.match(body)):
        ops = parse_edit(body, ctx, keep=ctx.keep)
        joined = re.match(r"^\W*(?:and|plus|also|with)\b", rest, re.I)  # "and a bowl of milk": one more thing
        if ops is None and joined and len(body.split()) <= 8:
            ops = [Add(thing=body.strip(" .!?"))]
        if ops is not None and not joined and not ctx.keep and _looks_new(body, ops):
            ops = None
        if ops is not None:
            return Edit(ops=tuple([*settings, *ops])) if settings or ops else Repeat(), tuple(notes)
        if _detail_of(body, scene):
            return Edit(ops=(*settings, Add(thing=body.strip(" .!?")))), tuple(notes)
        if language and untranslated and _short_followup(message):
            # A short follow-up in a language the rules cannot read changes the picture being worked on
            # (its words go in as typed, with the language note); it does not start over without the subject.
            return Edit(ops=(*settings, Add(thing=body.strip(" .!?"))) if body.strip(" .!?") else tuple(settings)), \
                tuple(notes)
    return _new(body, settings, ctx), tuple(notes)


_PLUS_MINUS = re.compile(r"^([+\-\u2212\u2013])\s*([^\W\d_][^+\-\u2212\u2013]{0,200})$")


def _short_followup(message: str) -> bool:
    text = message.strip()
    if text.endswith(("?", "？")) or text.startswith("¿"):
        return False
    # "un perro en la playa", "一只猫": a thing of its own, as "a dog on the beach" is in English
    if re.match(r"^(?:un|una|unos|unas|uno|ein|eine|einen|einem|une|um|uma|umas|uns)\b", text, re.I) or \
            re.match(r"^[一两三][只个座条匹头张幅位棵朵艘辆]", text):
        return False
    spaced = len(text.split())
    unspaced = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return spaced <= 5 and (unspaced <= 12 or spaced > 1) and len(text) <= 48


# What is left of "lower the guidance to 5" or "use seed 5 instead" once the setting is taken out:
# the verbs and articles of asking for it, no content of the picture.
_SETTING_FILLER = re.compile(
    r"(?:(?:please|pls|plz|now|ok|okay|and|then|but|also|just|with|use|using|try|make|it|do|in|at|set|change|switch|"
    r"lower|raise|increase|decrease|reduce|bump|turn|up|down|the|a|an|to|instead|again|same|this|that|one|picture|"
    r"image|pic|version|value|number|of|for|can|could|would|you|u|we|let'?s|go|keep|put|give|me|a bit|a little|"
    r"more|fewer|less|higher|like|around|about|maybe|say|"
    # a judgement of the setting, no content: "landscape orientation would be better"
    r"would|be|is|looks?|better|nicer|best|good|great|prefer|rather|i'?d|i|think|if|possible|ok|fine)"
    r"[\s,.!?]*)+", re.I)


def _detail_of(body: str, scene) -> bool:
    """A few words that change a detail of the picture rather than describe a new one: "short hair"
    after a picture with long hair, or a tag after a hand-written tag prompt ("1boy", "rim lighting")."""
    text = body.strip(" .!?")
    words = text.split()
    if not 0 < len(words) <= 4 or re.match(r"^(?:an?|the|one|two|three|some|my|this|that)\b", text, re.I):
        return False
    if scene.verbatim:
        return True
    head = phrase_head(text)
    return len(words) >= 2 and bool(head) and len(head) > 2 and scene.mentions(head)


_SUBJECT_SIZE_WORD = re.compile(r"\b(?:(?:phone|mobile|desktop|computer|laptop)\s+)?(?:portrait|landscape|panorama|banner|"
                                r"wallpaper|thumbnail|avatar|profile picture)\b", re.I)


def _looks_new(body: str, ops: list[Op]) -> bool:
    """A message that starts with "a/an" + a subject of its own is a new picture, not an addition."""
    if not re.match(r"^(?:an?|one|two|three|some)\s+", body, re.I) or \
            re.match(r"^a\s+(?:bit|little|lot|touch|tad|little bit)\b", body, re.I):
        return False
    if any(not isinstance(op, Add) for op in ops) or _BY_IT_ANYWHERE.search(body):
        return False  # "a baby penguin next to it": placed by what is drawn, so an addition
    return len(body.split()) >= 3


# "can i get 3 variations?", "could we see another one": asking for more pictures of this one.
_ASK_FOR_MORE = re.compile(r"^(?:can|could|may) (?:i|we) (?:get|have|see|try)\s+(?=(?:\d|two|three|four|another|one more|"
                           r"more|some|a few|a couple|(?:a )?(?:new |different )?variations?|versions?)\b)", re.I)


_ANOTHER_LIKE = re.compile(r"^(?:(?:give me|make|show me|draw|do|i want|i'd like)\s+)?(?:another|one more|a second)\s+"
                           r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:just\s+)?(?:like (?:that|this|it|the last one|before)|"
                           r"(?:just )?the same|please)(?:\s+(?:please|again))*$", re.I)


def _history_action(body: str, ctx: Context, settings: list[Op]) -> Action | None:
    """Undo, revert, branch or repeat, when the message asks for one."""
    text = _ASK_FOR_MORE.sub("", body.strip(" .!?"))
    if _is_undo(text) or re.fullmatch(r"(?:go\s+)?back|previous|undo undo", text, re.I):
        return Undo()
    if re.fullmatch(r"#?\s*(\d{1,2})", text) and 0 < int(text.lstrip("# ")) <= len(ctx.pictures):
        return Revert(image=int(text.lstrip("# ")))  # "2": the second picture
    if _REPEAT.match(text):
        m = _COUNT.search(text)
        count = {"two": 2, "three": 3, "four": 4}.get(m.group(1).lower(), None) if m else None
        count = count or (int(m.group(1)) if m and m.group(1).isdigit() else 1)
        if settings and not all(isinstance(o, SetSeed) and o.seed is None and not o.keep for o in settings):
            return Edit(ops=(*settings, *(() if any(isinstance(o, SetSeed) for o in settings) else (SetSeed(),))))
        return Repeat(count=max(1, min(4, count)))  # "make another with a different seed" is a repeat
    m = _ANOTHER_LIKE.match(text)
    if m and ctx.scene is not None and ctx.scene.mentions(phrase_head(m.group(1)) or m.group(1)):
        return Repeat()  # "another jellyfish like that": the same picture, a new seed
    m = re.match(r"^(another(?:\s+(?:one|version|image|picture|take|variation))?|one more(?:\s+time)?|again)\b[\s,]*"
                 r"(?:but\s+|with\s+|,\s*)?(.+)$", text, re.I)
    if m and not re.match(r"^(?:one|version|image|picture|pic|please)\b", m.group(2), re.I):
        ops = parse_edit(m.group(2), ctx)
        if ops:
            return Edit(ops=(*settings, *ops, SetSeed()))
    number = w.picture_number(text)
    if number is None:
        found = _picture_described(text, ctx)
        if found is not None:  # "take the glass one and put it on a lace tablecloth"
            number, rest = found
            ops = parse_edit(rest, ctx) if rest else None
            return Branch(image=number, ops=(*settings, *ops)) if ops else Revert(image=number)
    if number is None or len(ctx.pictures) < 1:
        return None
    m = _BRANCH_CUE.match(text)
    if m:
        ops = parse_edit(m.group(1), ctx)
        if ops is None and len(m.group(1).split()) <= 4 and re.search(r"[^\W_]", m.group(1)):
            ops = [Add(thing=_strip_lead(m.group(1)))] if _strip_lead(m.group(1)) else None
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    if re.match(r"^(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|original|previous)\s+(?:one|image|picture|version)?\s+but\s+)(.+)$",
                text, re.I):
        rest = re.sub(r"^.*?\bbut\s+", "", text, count=1, flags=re.I)
        ops = parse_edit(rest, ctx)
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    m = re.match(r"^(?:(?:more\s+)?like|same as|as in)\s+(?:the\s+)?(?:first|second|third|1st|2nd|3rd|original|previous|"
                 r"image\s*\d+|picture\s*\d+|#\d+)\s*(?:one|image|picture|version)?\s*(?:,\s*)?but\s+(.+)$", text, re.I)
    if m:
        ops = parse_edit(m.group(1), ctx)
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    if _REVERT_CUE.search(text) or re.match(r"^(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|original|previous|last)"
                                             r"\s*(?:one|image|picture|version|pic)?\s*(?:please|again|was (?:better|best|nicer)|"
                                             r"is (?:better|best)|one was better)?$", text, re.I) or \
            re.match(r"^(?:image|picture|pic|version|number|#)\s*#?\d+(?:\s+(?:please|again))?$", text, re.I):
        if number == -1 and re.search(r"\blast\b", text, re.I) and not re.search(r"\bback\b", text, re.I):
            return None
        return Revert(image=number)
    return None


_DESCRIBED_ONE = re.compile(
    r"^(?:take|use|go back to|back to|start from|edit|bring back|show me|i (?:liked|prefer(?:red)?|want))\s+the\s+"
    r"([\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|image|pic)\b\s*(?:again\b)?\s*(?:,|and|but|then|,\s*and)?\s*(.*)$", re.I)


def _picture_described(text: str, ctx: Context) -> tuple[int, str] | None:
    """ "the glass one": the latest earlier picture whose prompt says the words, and what is asked of it."""
    m = _DESCRIBED_ONE.match(text)
    if not m or len(ctx.pictures) < 2 or w.picture_number(m.group(1)) is not None:
        return None
    said = m.group(1).lower()
    if said in ("same", "other", "new", "next", "right", "good", "best", "better", "nice", "whole"):
        return None
    rx = re.compile(rf"\b{re.escape(said)}\b", re.I)
    for pic in reversed(ctx.pictures[:-1]):  # an earlier picture: the current one is "it"
        if rx.search(pic.prompt_sent or "") or rx.search(pic.prompt_typed or ""):
            return pic.number, m.group(2).strip(" ,.!?")
    return None


# What a person says around a request that is not the picture: "I'm working on a book cover and I'd love an
# image of …", "…? I'd really appreciate it.", "…, if that's possible."
_PREAMBLE = re.compile(
    r"^(?:(?:i'?m|i am|we'?re|we are)\s+(?:working on|making|writing|designing|putting together|creating|doing|planning|"
    r"preparing|building)\s+[^.;!?]{1,80}?[\s,]+(?:and|so)\s+(?=(?:i|we)(?:'d| would) (?:love|like)|(?:i|we) (?:need|want)|"
    r"(?:could|can|would) you)|(?:for|as) (?:my|our|a) [^.;!?,]{1,40},\s*(?=(?:i|we)(?:'d| would)|(?:could|can|would) you))", re.I)
_COURTESY_END = re.compile(
    r"(?:(?<=[.!?])\s*|[\s,]+)(?:(?:i|we)'?d (?:really |very much |greatly |so |truly )?appreciate (?:it|that)(?: a lot| so much)?|"
    r"(?:that|it) would be (?:great|awesome|amazing|lovely|nice|perfect|wonderful|fantastic)|"
    r"thanks?(?: you)?(?: so much| a lot| in advance| very much)?|"
    r"if (?:that'?s|it'?s|this is) (?:possible|ok|okay|alright|not too much (?:trouble|to ask))|if you (?:can|could|don'?t mind)|"
    r"(?:no|there'?s no) rush)[\s.!]*$", re.I)


def _new(body: str, settings: list[Op], ctx: Context) -> New:
    body = _PREAMBLE.sub("", body.strip()) or body
    while True:
        shorter = _COURTESY_END.sub("", body).strip()
        if shorter == body or not shorter:
            break
        body = shorter
    description = strip_request(body) or body
    trimmed = re.sub(r"(?:[\s,]+(?:instead|please|pls|plz|thanks|thank you|now|for me|again|this time|if you can|"
                     r"if possible))+[\s.!?]*$|\s*[?!.]+$", "", description, flags=re.I).strip()
    description = trimmed or description
    description = re.sub(r"[\s,]*(?:,\s*|\s)(?:please|pls|plz|thanks|thank you|thx)[\s!.?]*$", "", description, flags=re.I).strip() \
        or description
    # What the picture is for is not in it: "a banner for my hiking blog, mountains" draws no blog.
    description = re.sub(r"\s+for (?:my|our) (?:[\w'-]+\s+){0,2}?(?:blog|website|web ?site|site|channel|podcast|"
                         r"presentation|newsletter|page|profile|project|class|homework|article|post|slides?|slide deck|"
                         r"thread|stream|video|server)\b", "", description, flags=re.I).strip() or description
    ops: list[Op] = list(settings)
    if is_power_prompt(description):
        return New(description=description, ops=tuple(ops), verbatim=True)
    # Negations inside a new description go to the negative prompt: "a beach, no people".
    negs = re.compile(r"(?:,\s*|\s+)(?:with no|without(?: any)?|no|but no|and no|not any|minus)\s+"
                      r"((?:[\w'-]+)(?:\s+(?!(?:and|with|in|on|at)\b)[\w'-]+){0,2})(?:\s+(?:or|and|nor)\s+((?:[\w'-]+)(?:\s+[\w'-]+)?))?", re.I)
    kept = description
    for m in list(negs.finditer(description)):
        things = [x for x in (m.group(1), m.group(2)) if x]
        for x in things:
            ops.append(Remove(thing=bare(x)))
        kept = kept.replace(m.group(0), "")
    description = kept.strip(" ,") or description
    description, style = _style_of_description(description)
    if style:
        ops.append(SetStyle(style=style))
    m = re.match(r"^(?:what|how)\s+(.+?)\s+(?:would|might|could|will|should)\s+look(?:\s+like)?$", description, re.I) or \
        re.match(r"^(?:what|how)\s+(?:would|might|could|will|does|do)\s+(.+?)\s+look(?:\s+like)?$", description, re.I)
    if m:  # "show me what a cyberpunk samurai would look like", "what would a cat astronaut look like?"
        description = m.group(1)
    return New(description=description.strip() or body, ops=tuple(ops))


# Up to five words, none a preposition: the words a style's name can be ("studio ghibli", "pop art").
_STYLE_WORDS = (r"(?:(?!(?:in|on|at|with|of|under|over|by|near|and|from)\b)[\w'&-]+\s+){0,4}"
                r"(?!(?:in|on|at|with|of|under|over|by|near|and|from)\b)[\w'&-]+")


def _style_of_description(description: str) -> tuple[str, str | None]:
    """(the description without a style it names, that style): "a fox in the snow, ukiyo-e",
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
        if found and len(found[1]) >= len(m.group(1).strip()) - 12:
            rest = description[:m.start()].strip(" ,")
            if rest:
                return rest, found[0]
    m = re.match(r"^\s*([\w' &-]{2,30}?)(?:\s+style)?\s*,\s*(.+)$", description, re.I)
    if m:  # "oil painting, portrait of an old sailor"
        found = w.find_style(m.group(1))
        if found and len(found[1]) >= len(m.group(1).strip()) - 6:
            return m.group(2).strip(), found[0]
    found = w.find_style(description)
    if found:
        lead = re.match(rf"^(?:an?\s+)?{re.escape(found[1])}\s+(?:(?:painting|drawing|image|picture|illustration|portrait|"
                        rf"style|artwork|art|render|rendering|photo|photograph|sketch|print|version)\s+)?(?:of|showing)\s+(.+)$",
                        description, re.I)
        if lead:
            return lead.group(1).strip(), found[0]
        leading = _leading_style(description, found)
        if leading:
            return leading, found[0]
    return description, None


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


class RulesInterpreter:
    """The offline rules as an :class:`~conversation.interpreter.Interpreter`."""

    name = "rules"

    def interpret(self, text: str, context: Context) -> Interpretation:
        action, notes = understand(text, context)
        return Interpretation(action=action, by=self.name, notes=notes)

    def stream(self, text: str, context: Context) -> Iterator[StreamItem]:
        yield self.interpret(text, context)
