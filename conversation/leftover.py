"""A follow-up no other rule read, while a picture is on screen: a remark, a change to what is drawn,
or (only when it reads as a description) a new picture.

The other rules recognise wordings; this one looks at a message's shape, so wordings nobody listed
still land on the right side. A new picture is a description: a noun phrase ("a lighthouse at dusk",
"cyberpunk samurai", "portrait of an old fisherman") or a request to draw one. A sentence with a
person or the picture as its subject ("i can't stop laughing", "the stars came out nicely", "you're
good at this") is said *to* the chat, not asked *of* it; and an order about what is drawn ("make him
wave", "have it float upside down", "more steam coming off it") changes the picture. Pure functions.
"""

from __future__ import annotations

import re

from conversation.actions import Action, Add, Chat, Edit, Op, Remove, Repeat, SetSlot, Undo
from conversation.interpreter import Context
from conversation.edit_clauses import DOING
from conversation.phrases import gerund, is_colour, main_noun

# A message's opening interjections and fillers, which say nothing about what it is.
_OPENER = re.compile(r"^\W*(?:(?:ok(?:ay)?|oh+|ah+|wow|well|so|yeah|yes|yep|hmm+|hm+|honestly|tbh|ngl|lol|lmao|haha+|"
                     r"hehe+|omg|man|dang|damn|bro|dude|alright|aw+|ooh+)\b[\s,.!]*)+", re.I)

# Who or what a statement is about: the speaker, the chat, or the picture (by pronoun).
_SUBJECT = (r"i|i'?m|im|i'?ve|ive|i'?d|i'?ll|we|we'?re|we'?ve|we'?ll|you|you'?re|youre|ur|u|he|he'?s|she|she'?s|"
            r"they|they'?re|it|it'?s|its|this|that|that'?s|thats|these|those|mine|yours")
# Words anywhere that make a sentence a request, not a remark: "…, can you add a moon", "… but make it blue".
_ASKING = re.compile(r"\b(?:can you|could you|would you|will you|can u|could u|let'?s|let me|give me|show me|"
                     r"(?:but|so|and|now|just|please|pls)\s+(?:make|add|remove|change|put|give|turn|try|draw|zoom|use))\b|"
                     r"^(?:make|add|remove|change|put|give|turn|try|draw|zoom|use|set|swap|replace)\b|"
                     r"^(?:you|u|maybe you|we|maybe we)\s+(?:could|can|should|might|may)\s+(?:\w+\s+)?(?:make|add|remove|change|put|"
                     r"give|turn|try|draw|zoom|use|set|swap|replace|show|move|get rid)\b", re.I)
# What the speaker wants, or what the picture should have: asked, not said ("i want …", "it should …").
_SPEAKER_WANTS = re.compile(r"^(?:i|we|i'?d|we'?d)\s+(?:really\s+|just\s+|kinda\s+|don'?t\s+|do not\s+)?(?:want|wanna|need|wish|'d like|would like|"
                            r"would love|'d love|like|love|prefer|'d prefer|would prefer)\s+(?:it|him|her|them|the|a|an|some|to)\b",
                            re.I)
_PICTURE_NEEDS = re.compile(r"^(?:it|he|she|they|this|that|it'?s|he'?s|she'?s|they'?re)\s+(?:should|must|needs?|has to|have to|"
                            r"could use|ought to|shall|gotta)\b", re.I)
# A verb (or an auxiliary) right after "the <thing>": "the stars came out nicely", "the hat is perfect".
_FINITE = re.compile(r"^(?:is|are|was|were|looks?|looked|seems?|seemed|feels?|felt|came|comes|turned|turns|"
                     r"has|had|have|got|gets|went|goes|works?|worked|reminds?|reminded|nailed|killed|made|"
                     r"really|totally|definitely|just|actually|kinda|honestly|still|already|[a-z]+ed)\b", re.I)

# Words of small talk beyond those the small-talk module lists: acknowledgements and verdicts.
_REMARK_WORDS = frozenset(
    "not bad at all half too terrible understood noted makes sense fair enough sure thing okay ok alright all right "
    "right i see gotcha roger copy that good to know interesting neat wild crazy insane unreal damn dang whoa "
    "impressive incredible brilliant stunning gorgeous superb excellent fantastic wonderful love it great nice cool "
    "so very really quite pretty super totally absolutely honestly actually tbh though lol haha".split())

# An order about what is drawn, where the rest is a verb: "make him wave", "have it float", "let them dance".
_ORDER_VERB = re.compile(r"^(?:please\s+)?(make|let|have|get)\s+(him|her|it|them|the\s+[\w-]+|(?:one|two|some|both|all|each|"
                         r"the rest) of (?:them|the\s+[\w-]+)|the one (?:in|on|at) the [\w-]+)\s+(?:to\s+)?"
                         r"([a-z]+)\b(.*)$", re.I)
# After "make him <word>", what shows <word> is a verb: a preposition, an article or an adverb follows.
_VERB_FOLLOWER = re.compile(r"^\s+(?:at|to|toward|towards|into|onto|over|under|through|across|along|around|up|down|"
                            r"out|off|away|back|on|in|with|from|a|an|the|his|her|its|their|some|happily|proudly|"
                            r"upside)\b", re.I)
_OBJECT_PRONOUN = re.compile(r"\b(?:it|him|her|them)\b", re.I)
# Words after "make him" that describe him rather than say what he does: read by the edit rules, not here.
_NOT_A_VERB = frozenset("a an the more less bigger smaller look looks taller shorter older younger happy sad happier "
                        "sadder angry angrier female male feminine masculine young old bald blonde blond ginger brunette "
                        "tall short fat thin skinny chubby muscular cute scary evil friendly human robotic famous bearded "
                        "shirtless asleep awake alive invisible transparent tiny huge giant all both each every in into".split())


def _opened(text: str) -> str:
    return _OPENER.sub("", text).strip()


def is_statement(text: str, ctx: Context) -> bool:
    """A sentence said to the chat about the speaker, the chat or the picture, asking for nothing."""
    t = _opened(text).rstrip(" .!~")
    if not t or _ASKING.search(t) or _SPEAKER_WANTS.match(t) or _PICTURE_NEEDS.match(t):
        return False
    if re.search(r",\s*[^,]{2,40}\b(?:please|pls|plz)$", t, re.I):
        return False  # "the boats look smudged, sharper boats please": the fault, then what is asked
    if re.match(rf"^(?:{_SUBJECT})\b(?!\s*(?:,|$))", t, re.I):
        # "this is going straight to my group chat", "i can't stop laughing", "you're pretty good at this";
        # but not "it at night" or "that with a hat", which name no verb and are asked.
        rest = re.sub(rf"^(?:{_SUBJECT})\s*", "", t, flags=re.I)
        said = re.match(r"^(?:'s|'re|'m|'ve|'ll|'d|am|is|are|was|were|can'?t|cannot|can|could|will|won'?t|would|"
                        r"do|don'?t|did|didn'?t|does|doesn'?t|have|has|had|really|just|totally|definitely|actually|"
                        r"never|always|still|love|loved|like|liked|hate|think|thought|feel|felt|guess|bet|swear|see|"
                        r"saw|know|knew|got|get|look|looks|looked|seem|seems|made|make|remind|reminds|came|went|"
                        r"nailed|killed|saves?|helps?|works?|fits?|means?|[a-z]+ed)\b", rest, re.I)
        if said or re.match(r"^(?:i'?m|im|i'?ve|ive|i'?d|i'?ll|we'?re|you'?re|youre|he'?s|she'?s|they'?re|it'?s|that'?s|"
                            r"thats)$", re.match(rf"^(?:{_SUBJECT})", t, re.I).group(0), re.I):
            return True
    m = re.match(r"^(?:my|our)\s+[\w-]+\s+(?:(?:is|are|was|were|will|would|can|says|said|thinks|loves|likes|wants|used\s+to|"
                 r"drove|had|owned|took|went|grew|built|made|wore|rode|flew|drew|wrote|ran|kept|sold|bought|taught|met|gave|came|saw|"
                 r"knew|told|[a-z]+ed)\b|"
                 r"\w+s\s+(?:hi|hello|thanks|thank you)\b)", t, re.I)
    if m:
        return True  # "my kid says hi", "my wife is going to frame it"
    m = re.match(r"^(?:the|his|her|its|their|this|that|these|those)\s+([\w-]+)(?:\s+([\w-]+))?\s+(.*)$", t, re.I)
    if m and ctx.scene is not None:
        after = (m.group(3) if m.group(2) and ctx.scene.mentions(f"{m.group(1)} {m.group(2)}")
                 else f"{m.group(2) or ''} {m.group(3)}").strip()
        if ctx.scene.mentions(m.group(1)) or not t.lower().startswith(("the ", "this ", "that ", "these ", "those ")):
            return bool(_FINITE.match(after))  # "the hat is perfect", "his helmet looks great"
        return bool(_VERDICT.match(after))  # "the stars came out nicely": a verdict on what was drawn
    return False


# How a thing in the picture came out, said of it: "the stars came out nicely", "the colors look amazing".
_VERDICT = re.compile(r"^(?:(?:really|totally|just|actually|kinda|so)\s+)?(?:came out|turned out|worked out|look(?:s|ed)?|"
                      r"seem(?:s|ed)?|feel(?:s)?|are|is|were|was)\s+(?:so\s+|really\s+|very\s+|pretty\s+|super\s+|a bit\s+)?"
                      r"(?:nice|nicely|great|good|well|perfect|perfectly|amazing|beautiful|beautifully|lovely|gorgeous|awesome|"
                      r"cool|fine|right|off|wrong|weird|strange|odd|fake|bad|badly|cute|stunning|incredible|spot on|sick|fire|dope|lit|epic|"
                      r"insane|wild|clean|crisp|creepy|scary|funny|hilarious|adorable|majestic|brilliant|terrible|awful)\b", re.I)


# Interjections that make what follows an exclamation about the picture: "ooh the lighting on his armor".
_INTERJECTION = r"(?:oo+h|o+h|wow|whoa|omg|lol|lmao|haha+|hehe+|aw+|damn|dang)"
_EXCLAIM = re.compile(rf"^\W*(?=(?:{_INTERJECTION}|look at)\b)(?:{_INTERJECTION}\b[\s,.!]*)*(?:look at\s+)?"
                      r"(?:the|his|her|its|their|that|those|this|these|how|what|him|her|them|it)\b", re.I)
_LAUGHTER = re.compile(r"(?:\b(?:(?:ha){2,}h?|(?:he){2,}h?|lol+|lmao+|lmfao|rofl|xd)\b|[😂🤣😆😅😹💀])", re.I)
# A verdict on the mood, with nothing asked: "kind of sad tho", "a bit eerie honestly".
_MOOD = re.compile(r"^(?:(?:kind of|kinda|sort of|sorta|a bit|a little|pretty|so|very|really|quite|super|lowkey|highkey|"
                   r"also|but|and|just)\s+)+(?:sad|happy|creepy|eerie|spooky|lonely|melancholic|melancholy|moody|dreamy|"
                   r"peaceful|calm|funny|cute|weird|strange|intense|dramatic|wholesome|nostalgic|haunting|beautiful|pretty|"
                   r"unsettling|ominous|serene|magical|cozy|cosy|epic|wild|cursed|chaotic|adorable|majestic)"
                   r"(?:\s+(?:tho|though|lol|haha|honestly|tbh|ngl|too|as well))*\W*$", re.I)


def is_exclamation(text: str) -> bool:
    """An interjection and then something in the picture named, or a laugh, or a verdict on its mood:
    said about it, not asked of it ("awww look at him, so cozy", "lmao hes so proud of it")."""
    t = text.strip()
    if _ASKING.search(t) or _ASKING.search(_opened(t)) or _MAY_ASK.search(t) or len(t.split()) > 12:
        return False
    t = re.sub(r"([a-z])\1{2,}", r"\1", t, flags=re.I)  # "sooo wholesome", "awwww"
    return bool(_EXCLAIM.match(t) or _LAUGHTER.search(t) or _MOOD.match(t) or _MOOD.match(_opened(t)))


# A statement that may still ask for a change ("it's too dark", "the sky is a bit bright"): the edit rules read it first.
_MAY_ASK = re.compile(r"\b(?:too|more|less|enough|should|must|needs?|could use|bigger|smaller|larger|darker|brighter|lighter|sharper|clearer|"
                      r"crisper|cleaner|softer|smoother|meant|i\s+mean|"
                      r"wider|taller|warmer|cooler|instead|rather|but|missing|\w+er than|has to|have to|has got to|"
                      r"don'?t want|do not want|doesn'?t need|get rid|go away|gone|without|no longer)\b", re.I)
# What the people will do with the picture: "we should frame this one", "i'll print it", "guess what i'm doing with it".
_PLAN = re.compile(r"^(?:(?:we|i|you)\s*(?:should|could|will|'ll|gotta|have to|need to|must|might|are going to|'re going to|"
                   r"am going to|'m going to|gonna|(?:'re|are|'m|am) (?:definitely |totally |so )?(?:gonna|going to))\s+(?!make|add|remove|change|put|give|try|draw|get rid|turn|zoom)"
                   r"[a-z]+\s+(?:it|this|that|these|them|this one|that one)\b|guess what\b)", re.I)


def remark_first(text: str, ctx: Context) -> bool:
    """A remark to answer before the edit rules try to read a change into it: a statement that asks
    for nothing ("you nailed the horse") or a plan for the picture ("we should frame this one")."""
    t = _opened(text)
    if _THEN_ASKED.search(t):
        return False  # "lol that's cursed, make him smile": the remark comes before what is asked
    return bool(_PLAN.match(t)) or (is_statement(text, ctx) and not _MAY_ASK.search(t)) or is_exclamation(text)


def order_after_remark(text: str, ctx: Context) -> str | None:
    """ "lol that's cursed, make him smile", "The umbrella is not even open. Open umbrella.": the order after a remark,
    alone; None when no remark comes before an order."""
    t = _opened(text)
    m = _THEN_ASKED.search(t)
    if m is None or m.start() == 0:
        return None
    # "omg no that's too sad 😭 make him happy": the interjections before a remark say nothing of it
    before = re.sub(r"^(?:(?:omg|oh+|ugh|lol|lmao|haha+|wow|hmm+|ok(?:ay)?|yikes|oof|(?:no+|nah)(?=[\s,.!]+(?:that'?s|thats|this|it'?s|its)\b))"
                    r"[\s,.!]+)+", "", t[:m.start()].strip(" ,.;:!-"), flags=re.I)
    after = t[m.start():]
    if re.match(r"[\s.!?,;:-]*(?:(?:so|then|ok(?:ay)?|just)\s+)*(?:(?:can|could|shall)\s+(?:we|you|u)\s+)?(?:let'?s\s+)?(?:go\s+back|undo|revert|back\s+to|bring\s+(?:it|that)\s+back)\b",
                after, re.I):
        return None  # "…the dark coat read better. Let's go back to that": which one, the remark says
    if not before or _THEN_ASKED.search(before) or re.search(r"\b(?:one|version|picture|pic|image)\b", before, re.I) \
            or ctx.scene is not None and re.search(r"\b(?:it|him|her|them|they|this|that|those|these)\b", after, re.I) \
            and any(ctx.scene.mentions(word) for word in re.findall(r"[a-z]{4,}", before, re.I)):
        return None  # "the bucket looks out of place. remove it": what "it" is, is said before
    asks = re.match(r"(?:make|add|remove|give|put|turn|change|take|draw|show|try|use|set|zoom|swap|replace|no|more|less|without|can|could|"
                    r"would|please|pls)\b", before, re.I)  # "make it autumn, give her a raincoat": both asked
    short = len(before.split()) <= 4 and not asks and not re.match(r"(?:the|a|an|his|her|its|their|this|that|my)\b", before, re.I)
    told = t[m.start()] in ".!" and len(before.split()) >= 3 and not re.match(
        r"(?:make|add|remove|give|put|turn|change|take|draw|show|try|use|can|could|would|please|pls|i\s+want|i'?d\s+like|now|no|not|"
        r"without)\b", before, re.I)
    fault = re.match(r"the \w+\s+(?:tho|though)$", before, re.I) or re.match(r"(?:it|this|that|the \w+)(?:'s|\s+is|\s+are|\s+looks?)\s+(?:a bit\s+|way\s+|kinda\s+|much\s+|still\s+)*(?:too\s+\w+|blurry|"
                     r"off|wrong|weird|broken|messed up|distorted|ugly|bad|muddy|wonky)\b", before, re.I)
    if not (is_statement(before, ctx) or is_exclamation(before) or is_verdict(before) or short or told or fault):
        return None  # "ngl kinda mid, try again": a few words of verdict, then what is asked
    pointed = re.match(r"((?:the|her|his|their|its)\s+\w+)\s+(?:(?:tho|though)$|(?:look|looks|is|are|seem|seems)\b)", before, re.I)
    if pointed:  # "the legs tho 💀 fix them", "her hands look weird, can u fix them": them, the legs, her hands
        t = t[:m.start()] + re.sub(r"\b(?:them|it)\b", pointed.group(1), t[m.start():], count=1, flags=re.I)
    return re.sub(r"^[^\w'\"(]+|^(?:(?:please|pls|now|just|ok|okay|so|but|and|then|forget it[.,!]?)\s+)+", "", t[m.start():], flags=re.I)


# A sentence or clause after a remark that asks something: "…, make him smile", "… Open umbrella.", "… start over: a woman".
# An emoji between a remark and an order ends the remark as a full stop would: "the legs tho 💀 fix them".
_THEN_ASKED = re.compile(r"(?:[.!?,;:]\s+|\s-\s|\s[^\w\s.,;:!?'\"()-]+\s+)(?:(?:please|pls|now|just|ok|okay|so|but|and|then|forget it[.,!]?)\s+)*"
                         r"(?:(?:can|could|would|will|shall)\s+(?:you|u|we)\s+(?:please\s+|also\s+|maybe\s+)*)?(?:(?:can|could|would)\s+(?:it|he|she|"
                         r"they|this)\s+(?:be|look|have|get)|(?:what|which)\s+(?:seed|prompt|model)|what(?:'s|s|\s+is|\s+was)\s+the\s+(?:seed|"
                         r"prompt|model)|make|add|"
                         r"remove|give|put|turn|change|take|draw|show|try|use|zoom|open|close|fix|move|swap|replace|switch|paint|sharpen|brighten|darken|"
                         r"lighten|clean up|"
                         r"start over|redo|undo|go back|let'?s|one more|another|do\s+(?:an?|it|one|the|another)|(?:now|next)[,:]?\s+(?:an?|some)(?=\s+\w))\b", re.I)


def is_verdict(text: str) -> bool:
    """A few words of acknowledgement or verdict and nothing else: "not bad at all", "alright understood"."""
    tokens = re.findall(r"[^\W\d_]+(?:'[a-z]+)?", _opened(text).lower())
    return 0 < len(tokens) <= 5 and all(tok in _REMARK_WORDS for tok in tokens) and "".join(tokens) != ""


def sentiment(text: str) -> str:
    if re.search(r"\b(?:not (?:great|good|right|it)|bad|ugly|wrong|weird|off|hate|worse|meh|disappoint\w*|boring)\b",
                 text, re.I) and not re.search(r"\bnot (?:bad|too bad|half bad|terrible)\b", text, re.I):
        return "negative"
    if re.search(r"\b(?:understood|noted|makes sense|got it|gotcha|i see|ok(?:ay)?|alright|fair enough)\b", text, re.I):
        return "ack"
    return "praise"


def _is_verb_here(m: re.Match[str]) -> bool:
    word = m.group(3).lower()
    if word == "look" and re.match(r"^\s+(?:at|up|down|away|into|toward|towards|over|out|back)\b", m.group(4), re.I) or \
            DOING.fullmatch(word) and not m.group(4).strip() or word in ("hold", "hug") and m.group(4).strip():
        return True  # "make her look at the camera", "make them hold hands", "make him dance"
    if word in _NOT_A_VERB or word.endswith(("er", "est", "ly", "ful", "ous", "ish")) or is_colour(word):
        return False  # "make him taller", "make the horse black": how he looks, for the edit rules
    if m.group(1).lower() == "make" and m.group(2).lower() == "it":
        return False  # "make it night with a full moon", "make it sunset over the bay": what it becomes
    if m.group(1).lower() != "make" or m.group(0).lower().startswith("please") or " of " in m.group(2).lower():
        return True  # "have/let/get him …" is followed by what he does
    return bool(_VERB_FOLLOWER.match(m.group(4))) or (not m.group(4).strip() and m.group(2).lower() in ("him", "her", "them"))


# One comparative and nothing else: "sharper please", "a bit crisper", "even bolder colors".
_COMPARATIVE = re.compile(r"^(?:a (?:bit|little|touch|tad)\s+|much\s+|way\s+|even\s+|slightly\s+)?([a-z]{3,}(?:er|ier))"
                          r"(?:\s+(colou?rs?|lines?|edges?|details?|lighting|light|shadows?|tones?|contrast))?"
                          r"(?:\s+(?:please|pls|plz|now|still))*$", re.I)
_NOT_COMPARATIVE = frozenset("other never ever rather after later water under over power paper river flower tower "
                             "summer winter silver butter matter number corner danger center centre monster poster "
                             "computer letter sister brother mother father daughter finger hammer ladder leather "
                             "soldier spider tiger dinner farmer partner player singer teacher".split())
# "tone down the colors", "turn up the contrast": a phrasal verb that moves one quality down or up.
_DIAL = re.compile(r"^(?:tone|dial|turn|bring|calm|crank|bump|pump|ramp|push|pull)\s+(?:it\s+)?(down|up|back)\s+"
                   r"(?:the\s+)?([\w\s-]{2,30})$", re.I)


# "the roof is too plain": a quality of a thing in the picture to have less of; read after the edit rules,
# which know the commoner ones ("too dark" → brighter light).
_TOO = re.compile(r"^(?:the|his|her|its|their)\s+([\w\s-]{1,30}?)\s+(?:is|are|looks?|seems?|feels?|'s)\s+"
                  r"(?:way\s+|a bit\s+|a little\s+|kinda\s+|slightly\s+|much\s+|still\s+)?too\s+([\w-]+)$", re.I)


def _quality_change(text: str) -> list[Op] | None:
    m = _TOO.match(text)
    if m:
        return [Remove(thing=f"{m.group(2).lower()} {m.group(1).strip()}")]  # the negative prompt gets "plain roof"
    m = _COMPARATIVE.match(text)
    if m and m.group(1).lower() not in _NOT_COMPARATIVE:
        return [Add(thing=" ".join(x for x in (m.group(1).lower(), m.group(2)) if x))]  # "crisper", "bolder colors"
    m = _DIAL.match(text)
    if m:
        amount = "more" if m.group(1).lower() == "up" else "less"
        return [Add(thing=f"{amount} {m.group(2).strip()}")]  # "tone down the colors" → "less colors"
    return None


def _subject_doing(text: str, ctx: Context) -> list[Op] | None:
    """ "fox wearing a tiny hat", "the fox with a scarf": the picture's own subject, given something."""
    noun = main_noun(ctx.scene) if ctx.scene is not None else ""
    if not noun:
        return None
    m = re.match(rf"^(?:the\s+|a\s+|an\s+|my\s+)?{re.escape(noun)}s?\s+(with|wearing|holding|carrying|eating|reading|"
                 rf"playing|sleeping|smiling|laughing|jumping|running|dancing|sitting|standing|riding)\s+(.+)$", text, re.I)
    if not m:
        return None
    said = m.group(2) if m.group(1).lower() == "with" else f"{m.group(1).lower()} {m.group(2)}"
    return [Add(thing=said)]


def order_about_picture(body: str, ctx: Context) -> list[Op] | None:
    """An order about what is drawn that names it by pronoun: the thing it says, added to the picture."""
    text = body.strip(" .!?")
    found = _subject_doing(text, ctx)
    if found:
        return found
    m = _ORDER_VERB.match(text)
    if m and _is_verb_here(m):
        # "make him wave at the camera" → "waving at the camera"; "have it float upside down" → "floating upside down"
        who = m.group(2).lower()
        lead = f"{who} " if " of " in who or who.startswith("the one") else ""  # "one of them holding a newspaper"
        return [Add(thing=f"{lead}{gerund(m.group(3))}{m.group(4)}".strip())]
    if ctx.scene is not None and re.match(r"^(?:more|less|some more|extra|lots of|a lot more|plenty of)\s+\w", text, re.I) \
            and _OBJECT_PRONOUN.search(text):
        noun = main_noun(ctx.scene)
        said = _OBJECT_PRONOUN.sub(f"the {noun}", text) if noun else text
        return [Add(thing=said)]  # "more steam coming off it" → "more steam coming off the bowl"
    return None


# "hit it again", "spin again", "go again": a verb and "again" and nothing of the picture.
_AGAIN = re.compile(r"^(?:please\s+)?(?:[a-z]+\s+)?(?:it\s+|that\s+|this\s+|one\s+)?(?:again|once more|one more time)"
                    r"(?:\s+please)?\W*$", re.I)
# "give me a few more", "a couple more please": more of the same picture.
_MORE = re.compile(r"^(?:(?:give me|get me|show me|make|do|draw|i want|i'?d like|let'?s (?:see|have)|can i (?:get|have|see))\s+)?"
                   r"(a few|some|a couple(?: of)?|several|a bunch|two|three|four|[234])\s+more"
                   r"(?:\s+(?:please|of (?:these|those|them|this|that)|like (?:this|that|it)|versions?|variations?|takes?))*\W*$",
                   re.I)
_HOW_MANY = {"two": 2, "2": 2, "a couple": 2, "a couple of": 2, "three": 3, "3": 3, "four": 4, "4": 4}
_BACK_A_STEP = re.compile(r"^(?:(?:go|step|one|move)\s+)?back\s+(?:one|a|1)\s+(?:step|version|change)(?:\s+please)?\W*$|"
                          r"^(?:one|a)\s+step\s+back\W*$", re.I)


def history_leftover(body: str) -> Action | None:
    """A repeat or an undo said in words no list names: "hit it again", "a few more", "back one step"."""
    text = _LAUGHTER.sub(" ", body).strip(" !.")
    text = re.sub(r"\b(\w+)(?:\s+\1\b)+", r"\1", text, flags=re.I).strip()  # "again again", "no no go back"
    if _BACK_A_STEP.match(text):
        return Undo()
    m = _MORE.match(text)
    if m:
        return Repeat(count=_HOW_MANY.get(m.group(1).lower(), 3))
    if _AGAIN.match(text) and not re.match(r"^(?:undo|redo|go back|revert)\b", text, re.I):
        return Repeat()
    return None


# A look with a name no preset has: "in chinese ink wash painting style", "as a linocut print", "art deco style".
_NAMED_LOOK = re.compile(r"^(?:(?:make|do|render|redo|draw|paint|try|show)\s+(?:it|this|that|them)\s+)?(?:(?:in|as|like)\s+)?"
                         r"(?:an?\s+|the\s+)?(?:style of\s+(?:an?\s+)?)?([^\W\d_][\w' &-]{1,40}?)\s+"
                         r"(style|styled|aesthetic|look|painting|drawing|illustration|print|artwork|art style|rendering|render|"
                         r"photo|photograph|sketch|woodcut|engraving|etching|mosaic|tapestry|poster|comic)"
                         r"(?:\s+(?:please|pls|instead|now|version))*$", re.I)


def named_look(text: str, ctx: Context) -> list[Op] | None:
    """A style asked for by a name the presets do not know: the medium of the picture, as said."""
    m = _NAMED_LOOK.match(text.strip(" .!?"))
    if not m or ctx.scene is None or ctx.scene.mentions(m.group(1)):
        return None
    words = m.group(1).lower()
    if re.search(r"\b(?:of|with|on|at|in|under|and|his|her|my|a|an)\b", words):
        return None  # "a portrait of a man drawing": a picture of its own
    medium = words if m.group(2).lower() in ("style", "styled", "aesthetic", "look", "art style") else f"{words} {m.group(2).lower()}"
    return [SetSlot(slot="medium", value=f"{medium} style" if medium == words else medium)]


_MORE_THINGS = re.compile(r"^(?:(?:and|also|plus)\s+)?(?:more|extra|some more|lots more|lots of|a few more|even more)\s+(?!of\b)"
                          r"([^\W\d_][\w\s,'-]{1,80})$", re.I)


def leftover_followup(body: str, message: str, ctx: Context, settings: list[Op]) -> Action | None:
    """What a follow-up that no other rule read is, or None when it is a new picture."""
    if ctx.scene is None:
        return None
    look = named_look(body, ctx)
    if look:
        return Edit(ops=(*settings, *look))
    m = _MORE_THINGS.match(body.strip(" .!?"))
    if m:  # "more torches and a treasure chest at the end": more of what is there, and something new
        parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b)\s*", m.group(1)) if p.strip()]
        first, others = parts[0], parts[1:]
        return Edit(ops=(*settings, Add(thing=f"more {first}"), *(Add(thing=p) for p in others)))
    ops = order_about_picture(body, ctx) or _quality_change(body.strip(" .!?"))
    if ops is not None:
        return Edit(ops=(*settings, *ops))
    if settings:
        return None
    for text in (message, body):
        if is_verdict(text) or is_statement(text, ctx) or is_exclamation(text):
            return Chat(kind=sentiment(text))  # type: ignore[arg-type]
    return None
