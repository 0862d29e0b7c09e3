"""The words around a request rather than in it: greetings and fillers in front ("ok so"), the ways of
asking ("could you", "would you mind making"), of asking for the same again, and of taking a change back.
"""

from __future__ import annotations

import re


_LEAD = re.compile(
    r"^(?:(?:hey there|hi there|hello there|good (?:morning|afternoon|evening)|ok(?:ay)?|alright|all right|cool|nice|great|good|hmm+|hm+|um+|uh+|well|so|and|also|now|then|next|"
    r"please|pls|plz|hey|oh|wait|actually|maybe|perhaps|yes|yeah|yep|sure|right|not quite|hi|hello|hey there|hi there|"
    r"hello there|good (?:morning|afternoon|evening)|"
    r"(?:no|nah|nope|never ?mind)(?=\s*[,.!;:-]|\s+(?:i|i'm|im|i'd|we|it|it's|its|that|that's|thats|this|make|go|back|wait|actually|"
    r"not|please|just|undo|revert|change|put|let's|lets|use|try|instead|sorry|remove|delete|add|take|get|drop|give|"
    r"turn|switch|swap|replace|lose|ditch|keep|redo|show|first|second|third|last|original|the)\b)|"
    r"lovely|perfect|awesome|thanks|thank you|wow|love it|i like it|that's (?:nice|great|good|cool)|but|"
    r"ah|oops|sorry|lol|(?:fine|ha|haha|stop)(?=\s*[,.!;:])|ugh+|meh|eh|o+h+|welp|oof|(?:ha){2,}h?|lmao|cute|sweet|"
    r"interesting|hmm+ ok|never ?mind(?=\s*[,.!;:])|random q(?:uestion)?(?:,? but)?|quick q(?:uestion)?(?:,? but)?)\b[\s,.!;:-]*)+", re.I)
ASK = re.compile(
    r"^(?:(?:is it possible to|would it be possible to|is there a way to|any chance (?:you|we) could|do you think you could|"
    r"would you be able to|are you able to|could you possibly)\s+|"
    r"(?:can|could|would|will|won't|can't) (?:you|u|we)\s+(?:please\s+)?|(?:please\s+)?(?:i(?:'d| would) like(?: you)?(?: to)?|"
    r"i want(?: you)?(?: to)?|i need(?: you)?(?: to)?|let'?s|lets|try(?: to)?(?: and)?|go ahead and|how about (?=make|add|remove|put|"
    r"change|turn))\s*)", re.I)
SAME_BUT = re.compile(r"^(?:(?:(?:do|make|draw)\s+)?(?:the\s+)?same\s+(?:thing|picture|image|one|scene|prompt|again|[\w-]+(?:\s+[\w-]+)?)?\s*(?:,\s*)?"
                      r"(?:but|with|except|only)\b|"
                      r"keep (?:everything|it|all)(?: (?:the )?same)?(?:,)?\s*(?:but|except)\b|"
                      r"(?:like|as) (?:that|this|before)(?:,)?\s*but\b|exactly the same but\b)\s*", re.I)
EDIT_VERB = re.compile(
    r"^(?:make|add|remove|delete|erase|put|place|move|change|turn|switch|swap|replace|give|set|zoom|get rid|"
    r"take|drop|lose|include|insert|show|fix|increase|decrease|reduce|use|go|bring|let|have|render it|"
    r"try it|do it|redo it|recolou?r|colou?r|paint it|draw it|convert|transform|crop|flip|rotate|shift|"
    r"keep|lighten|darken|brighten|lower|raise|boost|tone|less|more|no|without|with|plus|also|but|now|"
    r"in|at|on|during|under|inside|from|as|like|into)\b", re.I)
NEW_REQUEST = re.compile(
    r"^(?:(?:ok(?:ay)?|now|and|then|next|so|please)[\s,]+)*(?:(?:can|could|would) you\s+(?:please\s+)?|i want\s+|"
    r"i'd like\s+|let'?s (?:do|make|try|draw|see)\s+)?(?:(?:draw|paint|sketch|render|generate|create|imagine|design|"
    r"illustrate|produce)(?:\s+(?:me|us))?|(?:make|show|give|do)\s+(?:me|us))\s+(?!the same\b|it\b|them\b|him\b|her\b)"
    r"(?:an?|the|some|one|two|three|four|my|our|\d+)\b", re.I)
NEW_WORDS = re.compile(r"^(?:(?:a\s+)?(?:completely\s+|totally\s+|brand\s+)?new\s+(?:one|image|picture|pic|drawing|scene|prompt)\b|"
                       r"something (?:new|else|different)\b|start over\b|from scratch\b|new topic\b|different picture\b)", re.I)

# A new subject announced before it is said: "different idea: robots playing chess", "change of plans, draw a
# castle", "forget the lighthouse, give me a desert". What follows is a new picture, never an edit.
NEW_TOPIC = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|now|so|right|anyway|well|oh|actually|(?:i'?ve\s+|i\s+have\s+)?changed\s+my\s+mind)[\s,]+)*"
    r"(?:"
    # "I'd like something completely different: a bowl of cherries", "nah something cooler. a samurai cat"
    r"(?:(?:nah|no|meh|hmm+)[\s,]+)?something\s+(?:way\s+|much\s+|a\s+bit\s+)?(?:cooler|better|funnier|weirder|cuter|scarier|prettier|"
    r"more\s+(?:fun|exciting|epic|interesting))(?=\s*[.:!—–-])|"
    r"(?:i'?d|i\s+would)\s+(?:like|love)\s+something\s+(?:completely\s+|totally\s+|entirely\s+)?(?:else|different|new)"
    r"(?:\s+(?:entirely|altogether|now|this\s+time))?(?=\s*[:—–-])|"
    r"(?:a |something )?(?:completely |totally |entirely |brand )?(?:new|different|other)(?: one| image| picture| pic| idea| "
    r"thing| topic| prompt| subject| request)?|change of (?:plans?|subject|topic|pace)|switching (?:topics?|gears|subjects?)|"
    r"next(?: one| up| idea| picture)?|(?:and )?(?:the )?last one|moving on|on to something (?:else|new)|let'?s (?:try|do) something (?:else|different|new)|"
    r"forget (?:the|that|this|it|about (?:the|that|it))(?: [\w-]+){0,2}|scrap (?:that|this|it) (?:entirely|completely)|"
    r"unrelated|nothing to do with (?:this|that|it)|"
    # "now do one for my friends character: dwarf cleric, …": another picture, described after the colon
    r"(?:(?:do|make|draw|create)\s+)?(?:one|another(?: one)?)\s+(?:for|of)\s+(?:my|our|his|her|their|a)\s+[\w' -]{1,40}?(?=\s*:))"
    r"\s*[:,\-\u2013\u2014.!;]+\s*(?=\S)", re.I)

REPEAT = re.compile(
    r"^(?:(?:(?:just |ok |okay |then )*(?:give me|make|show me|do|generate|draw|let'?s (?:see|have)|let me see|can i see|"
    r"how about|maybe|i want|i'd like|try|just|roll|run it)\s+)?"
    r"(?:another|an other|one more|1 more|more|again|another one|one more time|another version|another variation|"
    r"more variations?|(?:some )?variations?|a variation|(?:a )?different (?:one|version|take|variation)|"
    r"re-?roll|re-?generate|re-?do|re-?try|try again|once more|same (?:thing|prompt) again|again please|"
    r"(?:two|three|four|2|3|4) more(?: (?:versions|variations|ones|takes|goes|tries|options|of these|of them|like this|like that))?|"
    r"(?:two|three|four|2|3|4) (?:more )?of (?:those|these|them|that|this|it)|"
    r"another (?:take|go|try|attempt|shot|seed|roll)|one more (?:roll|spin|go|try|shot)(?: of the dice)?|"
    r"run it back|roll (?:it )?again|again!*|"
    r"new seed|different seed|random seed|"
    r"same (?:picture|image|thing|one)(?: again)?(?: but)?(?: with)? (?:a )?(?:new|different|another) seed|"
    r"same (?:thing|prompt|picture|image|one|scene)(?: again)?|same again|same (?:but|only|just) different|"
    r"more (?:of (?:these|this|that|those|them|it)|like (?:this|that|these|it))|"
    r"(?:two|three|four|2|3|4) (?:more |new |other |different )?(?:variations?|versions?|ones|takes|options|alternatives)|"
    r"(?:do|draw|make|render|run|generate|try) (?:it|that|this|the same(?: thing)?|one)(?: more time)? again)"
    r"(?:[\s,!]+(?:one|version|image|picture|pic|please|pls|then|of (?:it|that|this|those|these)|like (?:that|this|it)|"
    r"different take|one more(?: roll| time)?|"
    r"(?:but |and )?(?:with )?(?:a )?(?:new|different|another|fresh|random|other) seeds?|time|after that|too|as well|for me|if you can|"
    r"(?:but )?keep (?:the |all the )?(?:settings|everything(?: else)?|rest)|"
    r"on (?:it|that|this)|it|that|this))*)\W*$", re.I)
_UNDO = re.compile(
    r"^(?:undo(?: (?:that|this|it|the last (?:change|edit|one|step)|last (?:change|edit)))?|ctrl[- +]?z|"
    r"(?:scrap|scratch|forget|ditch|drop|cancel) (?:that|this|it)|"
    r"go back(?: (?:one|a step|to (?:the )?(?:previous|last|earlier|prior|one before|way it was|old) ?(?:one|version|image|picture|look)?|"
    r"to before (?:the |that |you added (?:the )?)?[\w -]{1,30}|"
    r"to how it was|to before))?|"
    r"put it back(?: (?:how|the way|like) it was)?|change it back|"
    r"revert(?: (?:that|this|it|the (?:last )?(?:change|edit)|to (?:the )?(?:previous|last|earlier|prior) ?(?:one|version|image)?))?|"
    r"take (?:that|it) back|take (?:that|it) (?:out|away|off)(?: again)?|never ?mind|put it back|back to (?:the )?(?:previous|last|prior|earlier|old) ?(?:one|version|image|picture)?|"
    r"(?:(?:lol|ok|okay|so|then|just)[ ,]+)*back to (?:that|that one|that version)|"
    r"(?:the )?(?:previous|last|earlier|old|prior) (?:one|version|image|picture) (?:was|is|looked) better|"
    r"i (?:liked|prefer(?:r?ed)?) (?:the )?(?:previous|last|earlier|old|prior|one before) ?(?:one|version|image|picture)?(?: better| more)?|"
    r"(?:let'?s )?go back|restore (?:the )?(?:previous|last) (?:one|version)|nah,? go back|no,? go back|"
    r"(?:put it |change it |set it |bring it )?back to (?:how it was|the way it was|what it was|before|normal)|"
    r"(?:make it |i want it )?(?:like|as|how) it was(?: before)?|"
    r"that'?s worse|that was better before|it was better before|change it back|undo the last (?:change|edit)|"
    r"(?:remove|cancel|forget) (?:that|the last) (?:change|edit))(?:\s+(?:please|pls|plz|thanks|thank you))?\W*$", re.I)
# "undo the watercolour", "and undo once more", "revert the last edit": undo with the change named or repeated.
_UNDO_NAMED = re.compile(
    r"^(?:(?:and|now|then|ok(?:ay)?|please|just|so|also|let'?s|let us)\s+)*(?:undo|revert(?!\s+(?:to|back to)\b)|reverse)\b"
    r"(?:\s+(?:that|this|it|the|my|your|last|latest|previous)\b)?(?:\s+(?!to\b)[\w'-]+){0,3}?"
    r"(?:\s+(?:again|once more|one more time|too|as well|please|pls|plz))*\W*$", re.I)
# "scrap that last change", "forget the previous edit": the last change taken back.
_UNDO_CHANGE = re.compile(
    r"^(?:(?:and|now|then|ok(?:ay)?|please|just|so)\s+)*(?:scrap|discard|drop|forget|ditch|lose|remove|cancel|"
    r"throw away|get rid of|take back)\s+(?:that|the|this|my|your)\s+(?:last\s+|latest\s+|previous\s+|recent\s+)?"
    r"(?:change|edit|step|tweak|modification)s?(?:\s+(?:please|pls))?\W*$", re.I)
# Said around an undo without asking anything else: "stop, that's worse. undo", "ugh no, undo".
_DISMAY_WORD = (r"(?:stop|no+|nope|nah|ugh+|ew+|yuck|hmm+|oops|wait|oh|not that|that'?s (?:(?:so|too|kinda|a bit|really)\s+)?(?:worse|bad|wrong|not it|"
                r"not right|awful|terrible|ugly|creepy|weird|scary|gross|cursed|uncanny|disturbing|horrible|off|too much)|worse|bad)")
_DISMAY = re.compile(rf"{_DISMAY_WORD}(?:\s+{_DISMAY_WORD})*", re.I)


def is_undo(text: str) -> bool:
    t = re.sub(r"^(?:(?:no+|nope|nah|ugh+|wait|oops|hmm+)[\s,!.]+)+(?=\S)", "", text.strip(" .!"), flags=re.I)  # "no no go back"
    if _UNDO.match(t) or _UNDO_NAMED.match(t) or _UNDO_CHANGE.match(t):
        return True
    clauses = [c for c in re.split(r"\s*[,.;!?]+\s*|\s+and\s+(?=bring|put|give|i want)", t) if c]
    return len(clauses) > 1 and any(_UNDO.match(c) or _UNDO_NAMED.match(c) or UNDO_N.match(c) for c in clauses) and \
        all(_UNDO.match(c) or _UNDO_NAMED.match(c) or UNDO_N.match(c) or _DISMAY.fullmatch(c) or _UNDO_REASON.match(c)
            for c in clauses)


# Why an undo was asked, said beside it: "go back, i liked it calm", "undo that, it was better before".
_UNDO_REASON = re.compile(
    r"^(?:i (?:liked|loved|preferred|prefer|like) (?:it|that|this|the \w+|the (?:old|previous|last|earlier) (?:one|version))"
    r"(?:\s+[\w'-]+){0,3}|(?:it|that|this) (?:was|looked) (?:better|nicer|prettier)(?:\s+[\w'-]+){0,2}|"
    r"(?:it'?s|that'?s|this is|it is) (?:worse|too much|not it|not what i wanted|overdone)|"
    # a verdict on the change: "that was worse", "this looks off", "it got weird"
    r"(?:it|that|this|the \w+)(?:'s| is| was| looks?| looked| got| went)\s+(?:\w+\s+)?(?:worse|bad|wrong|off|weird|ugly|awful|"
    r"terrible|horrible|messy|not (?:it|right|great|good|better))|(?:worse|nope|yikes|ugh|eww?|hmm+ no)|"
    r"(?:too|way too) [\w'-]+|not (?:that|like that)|my bad|sorry|never ?mind|keep (?:the )?[\w -]{1,25}|"
    # "that crop was too tight", "bring the candle back": what was better before, or what to have again
    r"(?:it|that|this|the)(?:\s+[\w-]+)?\s+(?:was|is|looks?|looked|got|went)\s+(?:\w+\s+)?too\s+[\w'-]+|"
    r"(?:bring|put|give)\s+(?:me\s+)?(?:the\s+|my\s+)?[\w -]{1,25}\s+back|i want (?:the\s+)?[\w -]{1,25}\s+back|"
    r"the [\w -]{1,25} (?:was|were) (?:fine|better|good|ok|okay|nicer))$", re.I)


UNDO_N = re.compile(
    r"^\W*(?:(?:wait|no|nah|hmm+|ok(?:ay)?|actually|idk|ugh|oops)[\s,!.]+)*(?:please\s+)?(?:undo|go back|revert|step back|roll back|back)\s+"
    r"(?:the\s+last\s+)?(\d{1,2}|one|two|three|four|five|"
    r"twice|thrice)(?:\s+(?:steps?|times|changes|edits|pictures|images|versions))?(?:\s+please)?\W*$", re.I)
NUMBER_WORDS = {"one": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4, "five": 5}


# A request's politeness, in front of what it asks for: "could you please make it bigger?"
POLITE = re.compile(
    r"^(?:(?:hey|hi|ok(?:ay)?|so|and|now|then|actually|well|oh|hmm+|wait|sorry|oops|also|maybe)[\s,!]+)*"
    r"(?:is it possible to|would it be possible to|is there a way to|is possible to|it is possible to|"
    r"any chance (?:you|we) could|do you think you could|would you be able to|are you able to|"
    r"(?:can|could|would|will|shall) (?:you|u|we)(?: please| possibly| maybe| also| just| quickly| now)*|please|"
    r"(?:can|could|may) i(?= (?:make|turn) (?:it|this|that|him|her|them)\b))\s+"
    r"(?=(?:make|add|remove|change|turn|put|give|zoom|use|set|switch|replace|swap|get rid|take|move|fix|redo|undo|go|"
    r"bring|increase|decrease|reduce|lighten|darken|brighten|try|do|draw|paint|create|generate|render|show|crop|flip|"
    r"upscale|enlarge|shrink|widen|get|have|see)\b)", re.I)


# "would you mind making it taller?": the request, as a plain verb.
_MIND = re.compile(r"\b(?:would|do|if) you (?:mind|could)\s+(?:(?:also|just|maybe|possibly)\s+)?(making|adding|removing|changing|"
                   r"turning|putting|giving|using|trying|doing|drawing|zooming|moving|setting|swapping|replacing|bringing|"
                   r"taking|switching|rendering|showing|painting|creating|generating|lightening|darkening|brightening)\b", re.I)
_GERUND_BASE = {"making": "make", "putting": "put", "giving": "give", "using": "use", "setting": "set", "swapping": "swap",
                "taking": "take", "removing": "remove", "changing": "change", "moving": "move", "replacing": "replace",
                "creating": "create", "generating": "generate", "lightening": "lighten", "darkening": "darken",
                "brightening": "brighten", "having": "have", "placing": "place", "including": "include",
                "going": "go", "getting": "get", "dropping": "drop", "cutting": "cut", "shifting": "shift"}


_EDIT_GERUNDS = frozenset(("adding", "making", "removing", "changing", "turning", "putting", "giving", "using", "trying",
                           "doing", "drawing", "zooming", "moving", "setting", "swapping", "replacing", "bringing",
                           "taking", "switching", "rendering", "showing", "painting", "creating", "generating",
                           "lightening", "darkening", "brightening", "getting", "going", "dropping", "cutting",
                           "including", "throwing", "sticking", "placing", "having", "pulling", "pushing", "shifting"))


def gerund_base(gerund: str) -> str | None:
    """The plain verb of a gerund that asks for a change ("adding" → "add"), or None for another word."""
    g = gerund.lower()
    if g not in _EDIT_GERUNDS:
        return None
    return _GERUND_BASE.get(g, g[:-3])


def plain_request(text: str) -> str:
    return _MIND.sub(lambda m: _GERUND_BASE.get(m.group(1).lower(), m.group(1)[:-3].lower()), text)


def strip_lead(text: str) -> str:
    return _LEAD.sub("", text).strip(" ,.!;:")


# "can i get 3 variations?", "could we see another one": asking for more pictures of this one.
ASK_FOR_MORE = re.compile(r"^(?:can|could|may) (?:i|we) (?:get|have|see|try)\s+(?=(?:\d|two|three|four|another|one more|"
                          r"more|some|a few|a couple|(?:a )?(?:new |different )?variations?|versions?)\b)", re.I)
