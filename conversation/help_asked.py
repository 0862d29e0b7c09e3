"""A message that asks how the chat works: "help", "how does this work?", "what else can you do?", "can you make
pictures from a description?", "how do I start over?". Answered with help, never drawn."""

from __future__ import annotations

import re

from conversation.capability import capability_question

HELP = re.compile(
    r"^\W*(?:(?:so|ok(?:ay)?|and|hey|hi|well|uh+|um+|hmm+|er+|help|i'?m an? [\w-]+(?: [\w-]+)?)[\s,!]+)*"
    r"(?:help|help me|\?+|menu|commands|usage|instructions|how (?:do|does) (?:this|it|you|i) (?:work|use this|use it|start)|"
    r"how (?:does|do) (?:this|the) (?:thing|app|bot|tool|chat|site|page)s? work|"
    r"what(?:'s| is) this (?:app|thing|site|tool|place|bot|website|service|chat)|"
    r"what (?:commands|words|phrases|things) (?:do you|can you|will you) (?:understand|know|take|accept|do)|"
    # how a feature works, tips: "how does undo work", "any tips?", "can you explain how this works"
    r"(?:any )?(?:tips|hints|pointers)(?: for me| on (?:using )?(?:this|it))?|"
    r"how (?:does|do) (?:the )?(?:undo|redo|editing|seed|seeds|styles?|sizes?|revert|branching|stop button|buttons?|retry|"
    r"gallery|history|upload|uploading) (?:work|do)|"
    r"(?:can|could) (?:you|u) (?:please )?explain how (?:this|it|you|the \w+) works?|explain how (?:this|it|you) works?|"
    r"help me out(?: here| a bit| a little)?(?:[\s,!.]+how (?:do|can) (?:i|we) [\w\s']{1,30})?|"
    r"how (?:do|can) (?:i|we) (?:edit|change|tweak|modify|fix) (?:stuff|things|pictures|images|it|them)|"
    # how to do something with the tool: "how do I get a transparent background?", "how do I set the seed myself?"
    r"how (?:do|can|could|would|should) (?:i|we|one) (?:get|set|make|change|use|add|remove|save|download|export|upload|share|"
    r"undo|edit|pick|choose|keep|reuse|switch|turn|try|give|attach|send|fix|stop|cancel|see|find|copy|pick)\b[\w\s'-]{0,60}?"
    r"(?:\s+(?:myself|manually|by hand|here|in here|in the chat|too|again|later|with this|with you|in this app))?|"
    r"what can (?:this|the) (?:bot|app|thing|tool|chat) do(?: exactly| actually)?|"
    r"what can you actually do|halp|hlep|what else can (?:you|i) do|what can you help (?:me |us )?with|"
    r"[\w\s,']*\b(?:from now on|for all (?:future |the next )?(?:pictures|images|ones)|every time from now)\b[\w\s,']*|"
    r"how many (?:[\w-]+ )?(?:can|could) (?:i|we) (?:make|draw|get|generate|do) (?:per|a|each) (?:day|hour|week|month)[\w\s,']*|"
    r"(?:ciao|hola|hallo|bonjour|ol[aá])?[\s,!]*(?:come funziona|c[oó]mo funciona|como funciona|wie funktioniert (?:das|es)|comment [çc]a marche|"
    r"hoe werkt (?:dit|het))\b[\w\s,.?'!àèéìòù]*|"
    r"how long (?:do|will) you (?:keep|store|save|hold on to)\b[\w\s,.?'!]*|(?:can|could|will) you (?:delete|remove|erase) (?:it|them|these|this|"
    r"my (?:pictures|photos|images))(?: after(?:wards)?| later| when (?:i'?m|we'?re) done)[\w\s,.?'!]*|(?:is|are) my (?:prompts?|pictures|"
    r"photos|images|data) (?:sent|shared|uploaded|stored|kept|used)\b[\w\s,.?'!]*|(?:does|do) (?:this|it|you) run (?:locally|offline|on my "
    r"(?:computer|machine|pc))\b[\w\s,.?'!]*|would you be able to (?:draw|make) (?:a )?real (?:celebrit\w*|person|people)\b[\w\s,.?'!]*|"
    r"is it (?:ok(?:ay)?|alright|fine|allowed) (?:if i|to) use (?:this|it|these|them)\b[\w\s,.?'!]*|"
    r"(?:is there|there'?s) (?:a|any) way to (?:make|get|do|create|generate|keep) (?:the same (?:character|person|face|guy|girl)|several|"
    r"multiple|more than one|many|a batch|batches|consistent)\b[\w\s,']*|"
    r"(?:can|could|do|will) (?:you|u) (?:also )?(?:make|draw|create|generate|do) (?:pictures|images|art|drawings|pics)(?: (?:from|out of|with) "
    r"(?:a |my |just )?(?:description|descriptions|text|words|prompts?))?|"
    r"(?:can|could) (?:you|i|we) (?:also )?(?:undo|redo|go back|revert|edit|change) (?:things|stuff|pictures|images)(?: too| as well| later)?|"
    r"how (?:do|can) (?:i|we) (?:start over|start again|begin again|reset|start a new (?:one|picture|chat))(?: with [\w\s]{1,40})?|"
    r"is there (?:a|any) way to (?:undo|go back|revert|get (?:it )?back|change|fix|choose|pick|set)\b[\w\s']*|"
    r"can (?:i|we) (?:change|pick|choose|set) the (?:size|style|seed|shape|model|format)\b[\w\s']*|"
    r"where (?:do|can|should) (?:i|we) (?:set|change|find|pick|choose|put|type|enter)\b[\w\s']*|"
    r"how (?:would|do|can|could) (?:i|we) (?:get|make) (?:a |it |the picture |the image )?(?:wider|bigger|taller|smaller|larger|"
    r"longer|different) ?(?:picture|image|one|version|size)?|"
    r"(?:can|could|do) (?:you|u) (?:also )?(?:edit|change|work with|use|take|fix) (?:my|our) (?:own )?(?:photos?|pictures?|images?|"
    r"pics|selfies?|uploads?)(?: too| as well)?|"
    r"how (?:would|do|can|could) (?:i|we) (?:get|set|have|use) (?:a |the )?(?:different |other )?(?:aspect ratio|size|"
    r"resolution|shape|orientation|format|style|seed)(?:\W+is there a (?:setting|option|way))?|"
    r"what (?:kinds?|sorts?|types?) of (?:stuff|things|pictures|images|pics|art) (?:can|do|will) (?:you|u|i|it) (?:do|make|draw|create|"
    r"generate|ask for)|"
    r"how to use(?: this| it)?|what can (?:you|i) (?:do|make|draw|ask|say|type)(?: exactly| else| here| for me| with (?:this|you)|"
    r" (?:besides|other than|apart from|except(?: for)?|beyond) [\w\s]{1,30})?|what (?:do|should|can) i (?:type|say|write|do|ask)(?: here| now| next)?|"
    r"how (?:do|can|would) (?:i|we|you) (?:change|set|pick|choose|get|make) (?:the |a |it )?(?:size|shape|style|seed|aspect ratio|"
    r"resolution|orientation|format|model|steps|quality|(?:bigger|smaller|wider|taller|landscape|portrait|square))"
    r"(?: of (?:it|the (?:image|picture)))?|"
    r"what are you|who are you|what is this|what'?s this|how can you help|can you help(?: me)?|"
    r"what (?:are )?(?:the )?(?:styles|options|commands|settings)(?: are there| do you have| can i use| are available)?|"
    r"(?:can|could) (?:you|u) (?:draw|paint|make (?:pictures|images|pics|art))|do (?:you|u) (?:draw|make (?:pictures|images))|"
    r"(?:list|show) (?:me )?(?:the |all )?(?:styles|options|commands)|which styles?(?: are there| do you have| can i use| are available| do you support)?|"
    r"what styles?(?: are there| do you (?:have|know|support)| can you do)?|how do (?:i|you) (?:edit|change|undo)(?: it| a picture| an image)?)"
    r"(?:\s+(?:please|pls|plz|me|us|needed|wanted))*\W*$", re.I)


# What a how-to question says around its core, which asks nothing more: "… myself if I wanted to, in future?",
# "… from scratch if I want a different picture altogether?", "… once they're made too, or do I have to start again?"
_ASIDE = re.compile(r"(?:[\s,]+(?:myself|exactly|please|again|later|in (?:the )?future|next time|each time|every time|"
                    r"from scratch|if (?:i|we) (?:wanted|want|need|needed|wish|like|liked) (?:to\b|a\b|an\b|another\b|one\b)[^?]*|"
                    r"so (?:that )?(?:i|we) (?:can|could)\b[^?]*|or (?:do|must|should|would) (?:i|we)\b[^?]*|"
                    r"once (?:they'?re|it'?s|they are|it is) (?:made|done|drawn|finished)(?: too| as well)?))+\W*$", re.I)
_IF_FIRST = re.compile(r"^\W*if (?:i|we) (?:don'?t|do not|didn'?t) (?:like|want|love) [^,?]{1,40},\s*", re.I)
# The ways to do a thing the person might look for, asked as "is there a way to …".
_WAY_TO = re.compile(r"^(?:is there|there'?s) (?:a|any) way (?:to|of) (?:download|save|print|keep|get(?:ting)? (?:it |them )?back|"
                     r"go(?:ing)? back|undo(?:ing)?|stor(?:e|ing)|export|shar(?:e|ing))\b[\w\s']*$", re.I)
# How a picture is asked for: "Do I just write what I'd like to see?", "do I type it here?"
_HOW_TO_ASK = re.compile(r"^(?:so\s+)?(?:do|should|can|must) (?:i|we) (?:just |simply )?(?:write|type|say|describe|tell you|put)\b"
                         r"(?:[\w\s']*\b(?:like|want|see|picture|here|in|box|it))?$", re.I)
# A sentence beside it that asks about the app or tells about oneself: "Is it saved somewhere?", "My daughter set this up."
_BESIDE = re.compile(r"^\W*(?:(?:hello|hi|hey|good (?:morning|afternoon|evening))[\s,!.]*)?(?:is (?:it|this|that) (?:saved|kept|stored)\b|"
                     r"is this (?:the|a) (?:thing|app|place|site|program|one) that\b|(?:my|our) [\w-]+ (?:set|put) (?:this|it) up\b|"
                     r"i'?m (?:not (?:really |quite )?sure|new|a bit (?:lost|confused|nervous))\b)[^?]*\W*$", re.I)


def how_to_asked(message: str) -> bool:
    """A question about using the chat said with asides and beside other questions about it: "How do I keep this? Is
    it saved somewhere?", "If I don't like a change, is there a way of getting back to the one before?"."""
    sentences = [s.strip() for s in re.split(r"(?<=[?!.])\s+|,\s*(?=(?:do|can|should|must)\s+(?:i|we)\s+(?:just\s+|simply\s+)?"
                                             r"(?:write|type|say|describe|tell|put|use|ask|change|edit|undo|go)\b)", message.strip())
                 if re.search(r"[^\W\d_]", s)]
    if not 1 <= len(sentences) <= 4:
        return False
    core = [s for s in sentences if not _BESIDE.match(s)
            and not re.fullmatch(r"\W*(?:hi+|hello|hey+|good\s+(?:morning|afternoon|evening)|ok(?:ay)?|wait)\W*", s, re.I)]
    # "how do i use this, do i just type what i want?": two ways of asking one thing
    return 1 <= len(core) <= 2 and all(_asks(c, beside=len(sentences) > 1) for c in core)


def _asks(sentence: str, *, beside: bool) -> bool:
    bare = re.sub(r"^\W*(?:(?:hello|hi|hey|ok(?:ay)?|so|well|and|right)[\s,!.]+)+", "", _IF_FIRST.sub("", sentence)).strip()
    while (shorter := _ASIDE.sub("", bare.rstrip(" ?!."))) != bare.rstrip(" ?!."):
        bare = shorter
    bare = bare.strip(" ?!.")
    # HELP itself reads a question said plainly; this adds only what was said around one
    return bool(bare) and (bool(_WAY_TO.match(bare) or _HOW_TO_ASK.match(bare) or _USING.match(bare)) or (beside or bare != sentence.strip(" ?!."))
                           and bool(HELP.match(bare + "?") or capability_question(bare + "?")))


# The app's use asked in general: "can you explain what i can do here, like undo and stuff", "what commands are there".
_USING = re.compile(r"^(?:(?:wait|ok(?:ay)?|so|hi|hey)[\s,!]+)*(?:(?:can|could)\s+(?:you|u)\s+(?:explain|tell\s+me|show\s+me)\s+)?"
                    r"(?:what\s+(?:(?:else\s+)?(?:can|could)\s+(?:i|we)\s+do|(?:i|we)\s+(?:can|could)\s+do)(?:\s+here|\s+with\s+(?:this|it|you))?|what\s+(?:commands?\s+(?:are|is)\s+"
                    r"there|(?:are\s+)?the\s+commands)|how\s+(?:this|it)\s+works)(?:[\s,]+(?:like|such\s+as|e\.g\.)\s+[\w\s]{1,30})?$|"
                    r"^(?:(?:wait|ok(?:ay)?|so)[\s,]+)*(?:can|could)\s+(?:i|we)\s+(?:undo|go\s+back|change|edit)\s+(?:stuff|things|"
                    r"pictures|images|them|it)(?:\s+(?:here|later|after(?:wards)?))?$", re.I)


def how_to_topic(message: str) -> str:
    """Which part of the help answers a how-to question: keeping and downloading, sizes and settings, changes."""
    if re.search(r"\b(?:download|save[ds]?|saving|keep|kept|print|export|stored?)\b", message, re.I):
        return "files"
    if re.search(r"\b(?:size|shape|orientation|aspect|seed|steps|format)\b", message, re.I):
        return "settings"
    if re.search(r"\b(?:change|edit|getting back|go(?:ing)? back|undo|start (?:again|over)|from scratch)\b", message, re.I):
        return "edits"
    return "general"
