"""The forms of a remark about the picture, which ask for nothing: a judgement ("lmao it looks so grumpy"), a remark
about its future or someone's feelings ("she's going to love it"), a laugh and a few words, the picture settled as it is.
Answered, never drawn."""

from __future__ import annotations

import re

# A remark about the picture's future or someone's feelings, no request in it: "she's going to love it",
# "my mom will print this". Answered, never drawn (on DALL-E a wrong picture is a paid call).
# "ok actually keep it like this, thx", "it's fine as is": the picture is done, nothing more to change.
SETTLED = re.compile(r"\W*(?:(?:ok(?:ay)?|actually|no|nah|yeah|hmm+)[\s,]+)*(?:(?:just\s+)?(?:keep|leave)\s+it\s+(?:like\s+(?:this|that)|"
                     r"as\s+(?:it\s+)?is|that\s+way|this\s+way)|(?:it'?s\s+)?(?:good|fine|perfect)\s+as\s+(?:it\s+)?is)"
                     r"(?:[\s,.!]+(?:thx|thanks|thank you|ty|cheers|then))*\W*", re.I)
REMARK = re.compile(
    r"^\W*(?:(?:haha+|lol|lmao|aww+|omg|oh+|wow|yay|ha|hehe)[\s,.!]+)*(?:i|i'm|im|i'll|i am|we|we're|we'll|she|she's|she'll|he|he's|he'll|they|they're|they'll|you|my \w+|our \w+|"
    r"everyone|everybody|the kids?)\s+(?:(?:is|are|am|will|would|'ll|gonna|going to|is going to|are going to|"
    r"really|totally|definitely|absolutely|just|so|already)\s+)*(?:love|loves|loved|like|likes|liked|enjoy|adore|"
    r"print|frame|use|share|post|hang|show|send|keep|be (?:so |very |really )?(?:happy|glad|thrilled|pleased|excited|"
    r"impressed|amazed))\b(?!\s+(?:a|an|to\s+(?:see|have|get|make|draw)|some|one|another|you\s+to|me\s+(?:a|an|to|some))\b)(?!.*\b(?:but|make|add|change|remove|more|better|best|than|instead|rather|number|first|"
    r"second|third|1st|2nd|3rd|last|previous|original|earlier)\b|.*#\d)", re.I)


# A judgement of the picture with no request in it: "this looks delicious haha", "lmao it looks so grumpy",
# "hmm the colors are off". When unsure between a remark and an edit, a reply that asks costs nothing and a
# wrong picture may be a paid call; "it's too dark" (an edit) is read before this.
JUDGEMENT = re.compile(
    r"^\W*(?:(?:hmm+|hm+|lol|lmao|(?:ha)+h?|(?:he)+h?|omg|wow|aww+|oh+|ah+|ok|okay|well|honestly|tbh|man|dang|damn|ngl|ugh|"
    r"yum+|yummy|mm+|ooh+|i mean|look at (?:that|this))[\s,.!]*)*"
    r"(?:it|this|that|this one|that one|these|those|he|she|they|the (?:\w+ ){0,1}\w+|(?:his|her|their|its) \w+|"
    r"faces|hands|eyes|fingers|feet|legs|teeth|letters|text)\s*"
    r"(?:'s|’s|\s+(?:looks?|is|are|seems?|feels?|was|were|came out|turned out|got)(?: like)?)\s+(?:so\s+|really\s+|very\s+|kinda\s+|kind of\s+|"
    r"a bit\s+|a little\s+|pretty\s+|super\s+|quite\s+|totally\s+|just\s+|still\s+|all\s+|completely\s+)*"
    r"(off|wrong|weird|strange|odd|bad|ugly|fake|boring|blurry|mushy|muddy|smudged|smeared|warped|meh|garbled|messed up|broken|wonky|janky|mangled|a mess|gibberish|"
    r"unreadable|cursed|not (?:right|great|good|quite right)|good|great|nice|"
    r"delicious|tasty|yummy|grumpy|cute|adorable|cool|amazing|awesome|beautiful|gorgeous|stunning|lovely|perfect|fine|"
    r"funny|hilarious|silly|epic|sick|fire|wild|crazy|interesting|realistic|creepy|scary|sad|happy|angry|majestic|"
    r"incredible|impressive|magical|dreamy|peaceful|spooky|fun|sweet|neat|better|worse|close|almost there)"
    r"(?:\s+(?:haha+|lol|lmao|tbh|honestly|now|though|imo))*\W*$", re.I)


# The same judgement of any word when laughter or an intensifier marks it as said, not asked:
# "haha he looks so sleepy", "lol she's such a diva". "it's too dark" (an edit) is read before this.
LAUGH = r"(?:(?:ha)+h?|(?:he)+h?|lol+|lmao+|rofl|omg|aww+|xd|😂|🤣|😆|😅)"
# Words that mark a message as said about the picture, not asked of it: slang verdicts and reactions.
SAID_NOT_ASKED = re.compile(
    r"\b(?:ngl|af|tbh|fr fr|no notes|10/10|11/10|a keeper|the vibe|vibes|killing me|nice touch|tear(?:ing)? up|"
    r"literally me|it me|mood|bruh|dont touch (?:it|anything)|don'?t touch (?:it|anything)|never (?:have|would have) "
    r"thought|way better than|better than (?:the|my) (?:original|first|last)|chef'?s kiss|slaps|goes hard|"
    r"love (?:this|that|it) so much|made my day|i'?m obsessed|obsessed|look at (?:his|her|its|their|that|this|those|the)|"
    r"exactly what i (?:imagined|wanted|pictured|had in mind|needed)|(?:i )?love the \w+|perfect for (?:my|our|the) \w+|"
    r"got it|gonna love|going to love|will love|freak(?:ing)? out|hilarious|i'?m (?:so )?hungry|now i'?m \w+|"
    r"when (?:you|u) can do)\b|👌|🔥|💯|😂|🤣|😭|👏|💀|^(?:he|she|they|it|this|that)\s.*\b(?:haha+|hehe+|lol|lmao)\W*$", re.I)

# Laughter or delight, then a few words naming what is seen: a remark, never a request.
LAUGHED_REMARK = re.compile(
    rf"^\W*(?:(?:{LAUGH}|(?:ja){{2,}}j?|(?:je){{2,}}j?|jaja+|jeje+|kkk+|mdr|😍|🥰|❤️?|😭|🤩|wow|whoa|oh+)(?![^\W\d_])[\s,.!]*)+"
    rf"(?!(?:make|add|remove|change|turn|put|give|draw|paint|create|generate|render|show|use|set|try|zoom|now|an?|"
    rf"can|could|would|please|what|which|who|why|how|where|when|is|are|was|did|does)\b)(?:(?:it|that|this)\s+)?(?:looks? like\s+)?[^\W\d_][\w'-]*(?:\s+[\w'-]+){{0,3}}"
    rf"(?:[\s,.!]*(?:{LAUGH}|😍|🥰|❤️?|😭|🤩))*\W*$", re.I)
MARKED_JUDGEMENT = re.compile(
    rf"^\W*(?:(?:{LAUGH}|wow|oh+|ok|okay|man|dang|damn)[\s,.!]+)*(?P<who>it|this|that|this one|that one|he|she|they|"
    rf"the (?:\w+ ){{0,1}}\w+)\s*(?:'s|’s|'re|\s+(?:looks?|is|are|seems?|was|were))\s+(?:like\s+)?"
    rf"(?P<so>so|such an?|really|super|totally|very|kinda|pretty|absolutely)\s+(?P<what>[\w'-]+(?:\s+[\w'-]+){{0,2}})"
    rf"(?P<after>(?:[\s,.!]+(?:{LAUGH}|now|tbh|honestly|though))*)\W*$", re.I)
