"""Changes said loosely, rewritten into the words the edit rules read: "the circle a hair thinner" → "make the circle
slightly thinner", "twilight shot with the windows glowing" → "make it at twilight …", "more steps, 50" → "steps 50",
"give me one more variation" → "another one", "the windmill one at night" → "take the windmill one and make it at night",
"Rotate the view 90 degrees so we look from the front" → "view from the front". Pure functions."""

from __future__ import annotations

import re

from conversation.message_frame import plain_degree

_PART_COMPARED = re.compile(r"^\W*(?:(?P<the>the|his|her|its|their)\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+(?P<how>(?:(?:a bit|a little|slightly|"
                            r"much|a lot|way|even)\s+)?(?:more\s+[\w-]+|[\w-]+(?:er|ier)))(?P<end>\s+(?:please|pls|now))*\W*$", re.I)
_TIME_SHOT = re.compile(r"^\W*(?:an?\s+)?(?P<time>twilight|night|nighttime|sunset|sunrise|dawn|dusk|golden hour|blue hour|daytime|evening|"
                        r"morning)\s+(?:shot|version|one|take|scene)\b", re.I)
_MAIN_COLOUR = re.compile(r"^\W*(?:use|make|go with)\s+(?:our|my|the)?\s*(?:brand\s+)?colou?r\s+(?P<colour>[\w -]{2,20}?)\s+as\s+the\s+"
                          r"(?:main|primary|dominant|key)\s+colou?r\W*$", re.I)


_ALSO_THERE = re.compile(r"^\W*(?:and\s+|also\s+|plus\s+)?(?P<thing>(?:an?|some|two|three|a few|one)\s+[\w' -]{2,60}?)(?<!\bversion)(?<!\bone)"
                         r"(?<!\bvariant)(?<!\btake)(?<!\bcopy)\s+(?:too|as well|also)\W*$", re.I)  # not "a snowy version too"
_BEHIND = re.compile(r"^\W*(?:and\s+|also\s+)?(?P<thing>(?!(?:make|add|put|give|turn|change|remove|draw|show|try|do|use|set|zoom|go|get|"
                     r"take|let|have|keep|leave|move|place|bring|drop|delete|erase|clear|what|what'?s|where|who|why|how|which|is|are|"
                     r"can|could|would|will|should|i|you|we|it|that|this|there|haha\w*|lol|lmao|omg|wow|oh|ooh)\b)(?![^?]*\?)"
                     r"(?![\w' -]*\b(?:what|what'?s|where|who|why|how|which)\b)"
                     r"[\w' -]{2,50}?)\s+(?:(?:rolling|coming|creeping|peeking|drifting|flying|floating)\s+(?:in\s+|out\s+|up\s+)?)?"
                     r"(?P<where>behind|in the background|in the foreground|in the distance|in the corner|on the (?:left|right)|overhead|"
                     r"above (?:it|him|her|them))\W*$", re.I)
_IS_NOW = re.compile(r"^\W*(?:now\s+|and\s+)?(?P<the>the|his|her|its|their)\s+(?P<what>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:is|are|should be|"
                     r"becomes?)\s+(?P<how>(?!(?:so|too|very|really|a bit|kinda|pretty|perfect|great|good|fine|nice|lovely|amazing|off|wrong|weird|an?|"
                     r"adorable|cute|beautiful|gorgeous|stunning|awesome|cool|funny|hilarious|creepy|scary|majestic|brilliant|terrible|awful|"
                     r"epic|insane|incredible|spot on|sick|fire|dope|clean|crisp|precious|charming|sweet|ugly|cursed|still|my|our|the\s+best)\b)(?!.*\b(?:haha+|lol|lmao|"
                     r"but\s+ok(?:ay)?|but\s+fine|but\s+whatever)\b)"
                     r"[\w ,'-]{2,60}?)\W*$", re.I)
_SHAPED_ONE = re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:do|make|give me|try|get me|render)\s+(?:a|one|an)\s+(?P<shape>wide|wider|"
                         r"tall|taller|square|landscape|portrait|vertical|horizontal|widescreen)\s+(?:one|version|copy|take)\b", re.I)


_SETTING_SAID = ((re.compile(r"^\W*(?:use\s+)?(\d+)\s+steps\s+(?:is|are|was)\s+(?:fine|ok(?:ay)?|good|enough)\b.*$", re.I), r"steps \1"),
                 (re.compile(r"^\W*(?:more|fewer|less)\s+steps[,:]?\s+(?:like\s+|to\s+|say\s+|about\s+)?(\d+)\W*$", re.I), r"steps \1"),
                 (re.compile(r"\b(guidance|cfg)\s+(?:lower|higher|down|up)[,:]?\s+(?:like\s+|to\s+|say\s+|about\s+)?(\d+(?:\.\d+)?)\b", re.I),
                  r"\1 \2"),
                 (re.compile(r"^\W*(?:(?:give|show|get)\s+me\s+|make\s+|do\s+|can\s+i\s+(?:get|have|see)\s+)?(?:one\s+more|another)\s+"
                             r"(?:variation|option|version|take|variant)(?:\s+of\s+(?:that|this|it|the\s+same(?:\s+[\w-]+){0,2}|this\s+[\w-]+)"
                             r"(?:\s+one)?)?(?:\s+(?:please|pls))?\W*$", re.I), "another one"),
                 # "try fixing it, put 'deformed face, blurry' in the negative": the fix is what follows
                 (re.compile(r"^\W*(?:(?:try\s+(?:fixing|to\s+fix)|fix|let'?s\s+fix)\s+(?:it|that|this))[,.;:]\s*(?P<rest>\S.{3,})$", re.I), r"\g<rest>"),
                 # "we need it on a beige linen background instead": put there
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|so|actually)[,\s]+)*(?:we|i)\s+(?:need|want|'d\s+like|would\s+like)\s+(?:it|this|them)\s+"
                             r"(?P<x>(?:on|in|at|against|by|under)\s+.+?)\W*$", re.I), r"put it \g<x>"),
                 # "just take the text out entirely", "ok forget the words, just the food pictures": taken out
                 (re.compile(r"^\W*(?:(?:just|ok(?:ay)?|please|pls|so)[,\s]+)*take\s+(?P<x>the\s+[\w' -]{2,30}?)\s+out(?:\s+(?:entirely|completely|"
                             r"altogether|fully|please|pls|of\s+it))*\W*$", re.I), r"remove \g<x>"),
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|so|just|hmm+)[,\s]+)*(?:forget|drop|skip|ditch|lose)\s+(?:about\s+)?the\s+(?:words|text|"
                             r"lettering|writing|title|letters|caption)\b.*$", re.I), "no text"),
                 # "more like a risograph print", "more like a hand-drawn sketch": that look (not a picture named, "the first one")
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|now|hmm+|and|maybe)[,\s]+)*more\s+like\s+(?P<x>(?:an?\s+)[\w' -]{2,40}?)(?:\s+(?:please|pls|"
                             r"instead|now))*\W*$", re.I), r"make it look like \g<x>"),
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and)[,\s]+)*(?:another\s+one|one\s+more)(?:\s+(?:please|pls))?[,\s]+(?:with\s+)?(?:a\s+)?"
                             r"(?:different|new|another|other)\s+(?:pose|angle|seed|take|expression)\W*$", re.I), "another one"),
                 (re.compile(r"^\W*(?:(?:whatever|ok(?:ay)?|fine|meh|ugh)[,.!\s]+)*(?:give\s+me\s+|make\s+|do\s+|try\s+)?a\s+new\s+one"
                             r"(?:\s+(?:please|pls|then))?\W*$", re.I), "another one"),
                 # "another one with that look", "one more in this style": another take of the picture
                 (re.compile(r"^\W*(?:(?:give\s+me|make|do|try)\s+)?(?:another\s+one|one\s+more)\s+(?:with|in)\s+(?:that|this|the\s+same)\s+"
                             r"(?:look|style|vibe|feel|mood|palette|colou?rs)(?:\s+(?:please|pls))?\W*$", re.I), "another one"),
                 # "show it wider so we see the whole garden", "make it long and wide for the wall": the shape
                 (re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?show\s+(?:it|this|that|them)\s+(wider|taller|bigger|larger|smaller)\b", re.I),
                  r"make it \1"),
                 (re.compile(r"\b(?:long\s+and\s+wide|wide\s+and\s+long)\b", re.I), "wide"),
                 # "Put the toucan more big in the picture": a comparative as said in another language's grammar
                 (re.compile(r"\bmore\s+(big|small|large|tall|short|long|wide|dark|bright|close|near|old|young|thick|thin)\b", re.I),
                  lambda m: _COMPARATIVE[m.group(1).lower()]),
                 (re.compile(r"^\W*(?:please\s+)?put\s+(?P<x>(?:the|his|her)\s+[\w -]{2,30}?)\s+(?P<how>bigger|smaller|larger|closer|"
                             r"further|farther|higher|lower)\b(?:\s+in\s+the\s+(?:picture|image|frame|photo|pic))?", re.I), r"make \g<x> \g<how>"),
                 # "can you show more of the ramps and the big stone blocks": those, more of them
                 (re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?show\s+(?:us\s+|me\s+)?more\s+of\s+(?:the\s+)?(?P<x>[\w' -]{2,80})$", re.I),
                  r"add more \g<x>"),
                 # "rn its too bright make it golden hour": a complaint run into the request without a stop
                 (re.compile(r"^(?P<a>[^.!?]*?\btoo\s+[\w-]+)\s+(?P<b>(?:make|add|remove|give|turn|change|put)\s+(?:it|the|a|an|some|him|her)\b.*)$",
                             re.I), r"\g<a>. \g<b>"),
                 # "branch off this one with a cherry blossom bonsai": a change of this one; of an earlier one, a branch
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|now|so|let'?s)\s+)*(?:branch|fork|spin)\s+(?:off\s+|from\s+|off\s+of\s+)?(?:this|that|it)"
                             r"(?:\s+one)?\s+(?:with|and\s+(?:make\s+it|do|try)|into|as)\s+(?P<x>(?:an?|the|some)\s+.+)$", re.I), r"make it \g<x>"),
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|now|so|let'?s)\s+)*(?:branch|fork|spin)\s+(?:off\s+|from\s+|off\s+of\s+)?the\s+(?P<n>[\w-]+)"
                             r"(?:\s+one)?\s+(?:with|into|as)\s+(?P<x>(?:an?|the|some)\s+.+)$", re.I), r"take the \g<n> one and make it \g<x>"),
                 (re.compile(r"^\W*(?:(?:ok(?:ay)?|now|so|let'?s)\s+)*(?:branch|fork|spin)\s+(?:off\s+|from\s+|off\s+of\s+)?the\s+(?P<n>[\w-]+)"
                             r"(?:\s+one)?[,\s]+(?:and|then)\s+(?P<x>.+)$", re.I), r"take the \g<n> one and \g<x>"),
                 # "Now please the background a theater with lights": the background said without its verb
                 (re.compile(r"^\W*(?:(?:now|and|ok(?:ay)?|then|please|pls)[,\s]+)*(?:the\s+)?background\s+(?:(?:to|as|is|=|:)\s+)?"
                             r"(?P<x>(?:an?|the|some)\s+[\w ,'-]{2,60}?)(?:\s+(?:please|pls))?\W*$", re.I), r"make the background \g<x>"),
                 (re.compile(r"^\W*undo\s+(?:the|that|my|your|last)\s+[\w/ -]{0,30}?(?:change|changes|edit|edits|tweak|step)\W*$", re.I),
                  "undo"))


_COMPARATIVE = {"big": "bigger", "small": "smaller", "large": "larger", "tall": "taller", "short": "shorter", "long": "longer",
                "wide": "wider", "dark": "darker", "bright": "brighter", "close": "closer", "near": "nearer", "old": "older",
                "young": "younger", "thick": "thicker", "thin": "thinner"}
_SAID_AGAIN = ((re.compile(r"^\W*what\s+would\s+(?:it|this|that)\s+look\s+like\s+(?:if\s+(?P<x>[\w' -]{2,40}?)\s+(?:were|was)\s+(?P<y>[^?]{2,40}?)|"
                           r"with\s+(?P<w>[^?]{2,60}?)|(?P<p>(?:in|at|as)\s+[^?]{2,60}?))\s*\?*\s*$", re.I),
                lambda m: f"make {m.group('x')} {m.group('y')}" if m.group("x") else f"add {m.group('w')}" if m.group("w")
                else f"make it {m.group('p')}"),  # "what would it look like if the cabinets were sage green?": that change
               (re.compile(r"^\W*(?:(?:ok(?:ay)?|so|alright)[\s,]+)?(?:(?:he|she|they|we|i)\s+(?:picked|chose|went\s+with|will\s+go\s+with|decided\s+on)|"
                           r"(?:i|we|he|she|they)'?ll\s+(?:go\s+with|take|pick)|we\s+decided\s*:)\s*(?P<x>the\s+[\w' -]{2,30}?\s+one)\W*$", re.I), r"go back to \g<x>"),  # "ok he picked the first red one"
               (re.compile(r"^\W*(?P<x>the\s+[\w' -]{1,30}?\s+one)\s+(?:is\s+the\s+winner|wins)\W*$", re.I), r"go back to \g<x>"),
               (re.compile(r"^\W*is\s+(?:it|this|that)\s+(?:square|landscape|portrait|vertical|horizontal)\s*\?.*$", re.I), "what size is it?"),
               (re.compile(r"^\W*(?:same\s+(?:thing\s+)?again(?:\s+(?:please|pls))?|(?:can\s+i\s+see|give\s+me|show\s+me|try)\s+(?:a\s+different\s+version|another\s+take|"
                           r"another\s+version)(?:\s+(?:of|on)\s+(?:that|this|it|the\s+same\s+\w+))?)(?:\s*[,.!]\s*[^?]{0,60})?\W*$", re.I), "another one"),
               (re.compile(r"^\W*(?:(?:now|ok(?:ay)?|just)\s+)*(?:give\s+me|show\s+me|make|do)\s+(?:just\s+)?a\s+couple\s+more(?:\s+of\s+(?:that|those|these|it))?\W*$",
                           re.I), "2 more"),
               (re.compile(r"^\W*(?:(?:can|could)\s+(?:the|its|this)\s+style\s+match|(?:make\s+(?:it|the\s+style)\s+)?match\s+the\s+style\s+of|"
                           r"make\s+(?:it|the\s+style)\s+match)\s+(?P<x>the\s+(?:first|second|third|last|previous|original|[\w-]+)\s+one)"
                           r"(?:\s+(?:more|better|again|please|pls))*\s*(?:[?.!]+.*)?$", re.I), r"same style as \g<x>"),  # "can the style match the first one more?"
               (re.compile(r"^.*?\b(?:they|he|she|(?:my|our|the)\s+\w+)(?:\s+(?:wants?|would\s+(?:like|prefer)|prefers?)|'d\s+(?:like|prefer))\s+it\s+(?P<x>(?!to\b)[\w' -]{2,30}?)"
                           r"(?:\s+(?:instead|now|please|pls))?\W*$", re.I), r"make it \g<x>"),  # "the kids voted and they want it blue"
               (re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:(?:do|make|give\s+me|try)\s+)?another\s+one\s*,?\s+(?:with\s+)?(?:a\s+)?"
                           r"(?:different|new|other)\s+(?:pose|angle|expression|composition|seed|take|look|framing)\W*$", re.I),
                "another one"),  # "can you do another one, different pose?": a new take
               (re.compile(r"^\W*(?:(?:ok(?:ay)?|now|and|so)\s+)?(?:(?:make|do|give\s+me|try)\s+)?(?:a\s+)?v(?:ersion\s*)?[2-9]"
                           r"(?:\s+(?:of\s+(?:that|this|it)|pls|please))*\W*$", re.I), "another one"),  # "v2 of that": another take
               (re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|now|hmm+|actually|nah|yeah)[\s,]+)*go\s+back\s+to\s+the\s+(?:one|picture|pic|version)\s+with\s+(?:the\s+|a\s+)?"
                           r"(?P<x>[\w' -]{2,30}?)\s+and\s+(?P<rest>.+)$", re.I), r"take the \g<x> one and \g<rest>"),
               (re.compile(r"^\W*(?:and\s+|now\s+)?the\s+(?P<x>[\w' -]{2,30}?)\s+one\s+(?P<change>(?:at|in|as|during)\s.+|but\s+(?:at|in|during|outdoors|"
                           r"indoors|outside|inside)\b.+)$",
                           re.I), lambda m: "take the " + m.group("x") + " one and make it " + re.sub(r"^but\s+", "", m.group("change"))),
               (re.compile(r"^\W*(?:and\s+|now\s+|also\s+)(?:one|another one)\s+of\s+(?P<x>(?:an?|some|the|two|three)\s+.+)$", re.I),
                r"draw \g<x>"),
               (re.compile(r"^\W*(?:in|like)\s+the\s+style\s+of\s+(?=(?:an?|the)\s)", re.I), "make it look like "),  # of a thing, not a name
               (re.compile(r"^\W*ink\s+it\b[\s,]*", re.I), "make it an ink drawing, "),
               (re.compile(r"[,\s]+(?:can|could)\s+(?:you|u)\s+do\s+(?:that|this|it)\W*$", re.I), ""),
               (re.compile(r"^\W*(?:[\w']+\s+){1,3}?(?:wants|would like|needs|prefers|asked for|asks for)\s+(?:it|this|the (?:picture|image|pic))\s+(?=\w)",
                           re.I),
                "make it "),
               (re.compile(r"^\W*now\s+(?=the\s+[\w-]+\s+(?:on|in|under|next to|beside|behind|on top of)\s)", re.I), "put "),
               (re.compile(r"^\W*what\s+would\s+(?:it|this)\s+look\s+like\s+(?=(?:in|as|with|at)\s)", re.I), "make it "),
               (re.compile(r"^\W*(?:honestly\s+)?(?:can|could)\s+(?:you|u|we)\s+swap\s+(?:all\s+)?(?:the\s+)?(?P<x>[\w -]{2,30}?)\s+for\s+", re.I),
                r"replace the \g<x> with "),
               (re.compile(r"^\W*(?:ok(?:ay)?\s+)?same\s+(?:character|guy|girl|person|dog|cat|one|scene|picture)[,\s]+(?:but\s+)?(?:now\s+)?", re.I),
                "now "),
               (re.compile(r"\b(to|at|around)\s+like\s+(?=\d)", re.I), r"\1 "),
               (re.compile(r"^\W*(?:(?:hmm+|no|nah|actually|ok)[\s,]+)*i\s+(?:preferred|prefered|liked|like)\s+it\s+(?:better\s+)?before"
                           r"(?:\s+(?:that|this|the (?:last )?change))?\W*$", re.I), "undo"),
               (re.compile(r"^\W*(?:(?:\w+[.!]\s+)*)?(?:please\s+)?(?:save|remember|note down|write down)\s+the\s+seed(?:\s+for\s+me)?(?:[,\s]+what\s+is\s+it)?",
                           re.I), "what's the seed"),
               (re.compile(r"^\W*(?:do|make|give)\s+me\s+an?\s+(?!(?:variation|version|option|copy|take|different|new|other)\b)(?P<look>[\w -]{2,30}?)\s+"
                           r"(?:one|version)\b", re.I), r"make it \g<look>"),
               (re.compile(r"^\W*ad\s+(?=(?:an?|some|the|two|three)\s)", re.I), "add "),
               (re.compile(r"\bfrnt\b", re.I), "front"),
               (re.compile(r"^\W*(?:give me|show me|do|make it|try)\s+(?:an?\s+)?(full[- ](?:body|length))(?:\s+(?:shot|view|pic|picture|portrait))?\W*$",
                           re.I), r"\1 shot"),
               (re.compile(r"\bseed\s*[=:]?\s*-1\b(?:\s+again)?", re.I), "new seed"),
               (re.compile(r"^\W*(?=(?:in the (?:rain|snow|fog|mist|dark|evening|morning|afternoon)|at (?:night|dawn|dusk|sunset|sunrise|noon))\b)",
                           re.I), "make it "),
               # an engineer's words: "Increase steps to 50. Nothing else changes.", "Reduce the CFG to 4.5 and leave the seed unchanged."
               (re.compile(r"\b(?:increase|raise|bump|up|reduce|lower|decrease|drop|set|change)\s+(?:the\s+)?(steps|cfg(?:\s+scale)?|guidance(?:\s+scale)?|"
                           r"sampling\s+steps)\s+(?:to|at)\s+(\d+(?:\.\d+)?)", re.I), r"\1 \2"),
               (re.compile(r"[,.\s]*(?:and\s+)?(?:leave|keep)\s+(?:the\s+)?seed\s+(?:unchanged|the same|as is|alone|fixed)\b", re.I), ", same seed"),
               (re.compile(r"\s*[.,;]\s*(?:nothing|everything)\s+else\s+(?:changes|stays(?:\s+the\s+same)?|the same|unchanged|as is)\W*$", re.I), ""),
               (re.compile(r"^\W*(?:please\s+)?(?:rotate|turn|swing|orbit|move)\s+(?:the\s+)?(?:view|camera)\b[^.]*?\bfrom\s+the\s+(front|side|back)\b.*$",
                           re.I), r"view from the \1"),
               (re.compile(r"^\W*(?:please\s+)?(?:move|raise|lift|tilt)\s+(?:the\s+)?camera\s+(?:up\s+)?(?:[\d.]+\s+degrees?\s+)?(?:higher|up|above)\b.*$",
                           re.I), "view from above"),
               (re.compile(r"^\W*(?:please\s+)?(?:lower|drop)\s+(?:the\s+)?camera\b.*$", re.I), "low angle"),
               (re.compile(r"^\W*(?:please\s+)?(?:(?:increase|double)\s+(?:the\s+)?camera\s+distance|(?:move|pull)\s+(?:the\s+)?camera\s+"
                           r"(?:back|further|farther|away))\b.*$", re.I), "zoom out"),
               (re.compile(r"^\W*(?:now\s+)?(?:produce|generate|render|create)\s+(\d|two|three|four)\s+(?:more|further|other|additional)\s+"
                           r"(?:variants|variations|versions|takes|options|images|pictures)(?:\s+with\s+(?:different|new|other)\s+seeds)?\W*$", re.I),
                r"\1 more"),
               (re.compile(r"^\W*(?:now\s+)?produce\s+", re.I), "make "),
               (re.compile(r"^\W*(?:(?:can|could)\s+(?:we|you)\s+)?go\s+back\s+to\s+(?:how|the way)\s+it\s+(?:was|looked)\s+before"
                           r"(?:\s+(?:the|that|this)\b[\w\s]*)?\W*$", re.I), "undo"),
               (re.compile(r"^\W*(?:(?:lol|ok(?:ay)?|haha\w*|hmm+|and|so|maybe|perhaps)[\s,]+)*(?P<the>the|his|her)\s+(?P<x>[\w-]+(?:\s+[\w-]+)?)\s+"
                           r"(?:could|should|can|might)\s+"
                           r"(?:all\s+)?be\s+", re.I), r"make \g<the> \g<x> "),
               # the polite and the impatient: "If it isn't too much trouble, might it be raining", "bruh do 4 of them"
               (re.compile(r"^\W*(?:if (?:it isn'?t|it'?s not) too much (?:trouble|bother)|if you (?:would|could|don'?t mind)|if possible)[,\s]+", re.I), ""),
               (re.compile(r"^\W*(?:might|may)\s+it\s+(?:be\s+)?", re.I), "make it "),
               (re.compile(r"^(?:.*?[.!]\s+)?\W*(?:might|may|could|can)\s+we\s+(?:see|have)\s+it\s+(?:from\s+)?(?:a\s+bit\s+|a\s+little\s+|slightly\s+)?"
                           r"(?:further|farther)\s+(?:away|back)\b.*$", re.I), "zoom out"),
               (re.compile(r"^(?:.*?[.!,;]\s+)?\W*(?:(?:could|can|might)\s+(?:we|i)\s+have|bring\s+back|give\s+me)\s+the\s+(?P<x>[\w -]{2,30}?)\s+one\s+back\W*$", re.I),
                r"go back to the \g<x> one"),
               (re.compile(r"^\W*(?:(?:can|could|would)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?(?:bruh\s+|ok\s+|just\s+)*(?:do|make|give me|gimme)\s+"
                           r"(?:it\s+)?(\d|two|three|four)\s+(?:of\s+(?:them|these|it)|"
                           r"variations|versions|at once)(?:\s+(?:please|pls|now|then))*\W*$", re.I), r"\1 more"),
               (re.compile(r"^\W*(\d|two|three|four)\s+at\s+once\b.*$", re.I), r"\1 more"),
               (re.compile(r"^\W*(?:whatever|meh|fine|ugh|sigh)[.,!\s]+(again|another one|one more)\W*$", re.I), r"\1"),
               (re.compile(r"^\W*(?:now\s+)?an?\s+(closer|wider|tighter)\s+(?:view|shot|look)(?:\s+(?:of|at)\s+(?P<on>.+))?$", re.I),
                lambda m: f"zoom in on {m.group('on')}" if m.group("on") and m.group(1).lower() != "wider" else
                ("zoom out" if m.group(1).lower() == "wider" else "zoom in")),
               (re.compile(r"^\W*(?:now\s+)?an?\s+(front|side|rear|back)\s+(?:elevation|view)\b.*$", re.I), r"view from the \1"),
               (re.compile(r"^\W*do\s+(?P<the>the|his|her)\s+(?P<x>[\w-]+)\s+in\s+", re.I), r"make \g<the> \g<x> "),
               (re.compile(r"^\W*(?:that\s+(?:feels|looks|is)\s+[\w ]{2,30}?[,.]\s*)?(?:go\s+)?back\s+one(?:\s+step)?\W*$", re.I), "undo"),
               (re.compile(r"^\W*(?:show|give)\s+me\s+the\s+(?P<x>[\w -]{2,30}?)\s+(?:one\s+)?again\W*$", re.I), r"go back to the \g<x> one"),
               (re.compile(r"^\W*(?:(?:no|nah|hmm+|actually)[,\s]+)*the\s+(?P<x>[\w -]{2,30}?)\s+one\s+(?:was|looked)\s+(?:better|nicer|best)\W*$", re.I),
                r"go back to the \g<x> one"),
               (re.compile(r"^\W*(?:which|what)\s+(?!(?:seed|prompt|model|steps|sampler|size|style|settings|guidance|cfg|negative|resolution)\b)"
                           r"[\w-]+\s+did\s+you\s+(?:put|add|use|draw|pick|choose|include)\b.*$", re.I), "what's in the picture?"),
               (re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+|please\s+)?sharpen\s+(?:it|them|this|the\s+[\w ]{2,30}?)(?:\s+(?:up|please|a bit))*\W*$",
                           re.I), "make it sharper"),
               (re.compile(r"^\W*(?:did|does|is)\s+(?:it|you|that|this)\s+(?:keep|use|have|still have)\s+the\s+same\s+(seed|steps|size|model)\b.*$",
                           re.I), r"what was the \1?"),
               (re.compile(r"^(?:.*?[.!]\s+)?\W*(?:can|could)\s+(?:i|we)\s+(?:get|have|see)\s+another\s+(?:one\s+)?(?:like\s+(?:that|this|it))?"
                           r"(?:\s+(?:for|on)\s+[\w' -]+)?\W*$", re.I), "another one"),
               (re.compile(r"^\W*(?:pull|zoom)\s+(?:back|out)\b(?!\s+(?:one|a|two|to)\b).*$", re.I), "zoom out"),
               (re.compile(r"^\W*undo\b[,.!\s]+(?:he|she|they|it|i|we|hes|shes|theyre|its|the\s+\w+)\b(?!.*\b(?:and|then)\s+(?:make|add|put)\b).*$", re.I),
                "undo"),
               (re.compile(r"^\W*know\b[,\s]+(?=(?:actually|wait|make|go|undo|not)\b)", re.I), "no, "),  # dictated "no"
               (re.compile(r"\bson\s+(?=(?:is\s+)?(?:setting|rising|shining|sets|rises|shines|going down|coming up)\b)", re.I), "sun "),
               (re.compile(r"\b(at|by|to)\s+knight\b", re.I), r"\1 night"),
               # "now a dragon, red, sleeping on a treasure hoard": a new thing with its colour said after it, not the colour of this one
               (re.compile(r"^\W*(?P<now>now|next)[,:]?\s+(?P<a>an?)\s+(?P<x>[\w-]+),\s+(?P<adj>[\w-]+),\s+(?P<rest>.+)$", re.I),
                r"\g<now> a \g<adj> \g<x> \g<rest>"),
               (re.compile(r"^\W*(?:make\s+it\s+so\s+(?:that\s+)?)?the\s+sun\s+(?:is\s+)?(?:setting|going down|sets)\W*$", re.I), "make it at sunset"),
               (re.compile(r"^\W*(?:make\s+it\s+so\s+(?:that\s+)?)?the\s+sun\s+(?:is\s+)?(?:rising|coming up|rises)\W*$", re.I), "make it at sunrise"),
               (re.compile(r"\b(an?)\s+which\b(?!\s+(?:is|was|one|has|had|means|would|will|can)\b)", re.I), r"\1 witch"),
               (re.compile(r"^(?:.*?[.!]\s+)?\W*(?:chuck|bung|pop|stick|whack|slap)\s+(?=(?:an?|some|the|two|three)\s)", re.I), "add "),
               (re.compile(r"[,\s]+(?:would you|will you|could you|if you would|cheers)\W*$", re.I), ""),
               (re.compile(r"^.*?\b(?:wants?|would like|needs?)\s+another\s+one(?:\s+just)?(?:\s+like\s+(?:it|that|this))?\W*$", re.I), "another one"),
               (re.compile(r"^\W*(?:oh\s+and\s+|also\s+|and\s+)?(?:she|he|they|my \w+)\s+(?:hates?|can'?t stand|is allergic to|doesn'?t like|don'?t like)"
                           r"\s+(?P<x>[\w -]{2,30}?)(?P<rest>[,.;]\s*(?:(?:so|and|then|pls|please)\s+)*(?:make|use|put|try|give|do)\b.*|[,.;].*)?$", re.I),
                lambda m: _disliked(m.group("x"), m.group("rest") or "")),
               (re.compile(r"^\W*(?:this|that)\s+one\s+(square|landscape|portrait|wide|wider|tall|taller|vertical|horizontal)\b.*$", re.I), r"make it \1"),
               (re.compile(r"^\W*what\s+does\s+the\s+(?:text|sign|headline|caption|banner|label|writing|title|poster)\s+say\W*$", re.I),
                "what's in the picture?"),
               (re.compile(r"^\W*(?:and\s+)?what\s+if\s+there(?:\s+(?:was|were|is)|'s)\s+", re.I), "add "),
               (re.compile(r"^\W*(?:(?:is|are)\s+the\s+[\w -]+\s+supposed\s+to\b|what\s+kind\s+of\s+[\w -]+\s+(?:are|is)\s+(?:those|these|that|"
                           r"this|they|it)\b|did\s+you\s+(?:keep|include|leave|remove|add)\s+the\s+[\w -]+\?).*$", re.I), "what's in the picture?"),
               (re.compile(r"^\W*(?:was\s+hast\s+du\s+ge[äa]ndert|qu'?est-ce\s+que\s+tu\s+as\s+chang[ée]|qu[ée]\s+cambiaste|cosa\s+hai\s+cambiato|"
                           r"o\s+que\s+(?:voc[êe]\s+)?mudou)\W*$", re.I), "what did you change?"),
               (re.compile(r"^\W*(?:je[sš]t[eě]\s+jeden|jeszcze\s+jeden|otra\s+m[aá]s|noch\s+eins|encore\s+une|un'?altra|mais\s+uma|nog\s+een)\W*$",
                           re.I), "another one"),
               (re.compile(r"^\W*(?:is|was)\s+(?:that|this|it)\s+(?:still\s+)?the\s+same\s+(seed|steps|size|model)\b.*$", re.I), r"what was the \1?"),
               (re.compile(r"^\W*(?:thanks[,.!]?\s+)?now\s+(?:the\s+[\w -]{2,30}?\s+)?from\s+(below|above|the side|behind)\b", re.I), r"view from \1"),
               (re.compile(r"^\W*if\s+(?:i|we)\s+don'?t\s+like\s+(?:it|them)[,\s]+(?:can|could)\s+(?:i|we)\s+(?:always\s+|still\s+)?(?:go\s+back|undo|"
                           r"revert)\b.*$", re.I), "can i undo things later?"),
               (re.compile(r"^(?:.*?[.!;]\s+)?\W*(?:might|could|can)\s+(?P<the>the|his|her)\s+(?P<x>[\w-]+(?:\s+[\w-]+)?)\s+be\s+", re.I),
                r"make \g<the> \g<x> "),
               (re.compile(r"^\W*(?:our|my|the)\s+(?:[\w-]+\s+)?colou?r\s+is\s+(?P<c>[\w -]{2,20}?)[,.;]\s*(?:so\s+)?(?:change|"
                           r"make|do|recolou?r)\s+the\s+(?P<x>[\w -]{2,30}?)(?:\s+(?:that|to match|too))?\W*$", re.I), r"make the \g<x> \g<c>"),
               (re.compile(r"^\W*(?:for\s+an?\s+[\w ]{2,30}?\s+)?it\s+(?:needs|has|ought)\s+to\s+be\s+", re.I), "make it "))


# "give me a wizard hat" said of a picture of the person (their selfie made a character): on them, not a new picture
_GIVE_ME_WORN = re.compile(r"^\W*(?:(?:now|and|ok(?:ay)?|lol|haha|please|pls|can\s+you|could\s+you)[,\s]+)*give\s+me\s+(?P<thing>(?:an?|some|the)\s+"
                           r"(?:[\w-]+\s+){0,3}(?:hat|cap|crown|helmet|glasses|sunglasses|beard|moustache|mustache|cape|cloak|scarf|tie|"
                           r"necklace|earrings|tattoos?|wings|halo|mask|wig|hood|headband|tiara|robe|armou?r|jacket|coat|costume|outfit|"
                           r"haircut|hairstyle|freckles|makeup|smile|bow))(?:\s+(?:please|pls|too|as well))*\W*$", re.I)
_ANOTHER_OF_IT = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|pls|please|now)[,\s]+)*(?:(?:give|show)\s+me\s+|make\s+|do\s+|draw\s+)?(?:another|one\s+more)"
                            r"(?:\s+of\s+the\s+same)?\s+(?P<x>(?!one\b|version\b|take\b|time\b)[\w-]+(?:\s+[\w-]+)?)(?:[,\s]+(?:please|pls|cheer\s+me\s+up|"
                            r"(?:with\s+a\s+)?(?:different|new|another)\s+(?:pose|angle|seed)|for\s+me))*\W*$", re.I)
_PERSON = ("person", "man", "woman", "girl", "boy", "character", "selfie", "portrait", "face", "kid", "child", "avatar", "me",
           "self-portrait", "caricature", "lady", "guy")


def _disliked(thing: str, rest: str) -> str:
    """ "they hate gravel, use flagstones": the gravel replaced; "…, make it brick": gone, and brick; "she's allergic": gone."""
    used = re.match(r"[,.;]\s*(?:(?:so|and|then|pls|please)\s+)*use\s+(?P<y>.+)$", rest, re.I)
    if used:
        return f"replace the {thing} with {used.group('y')}"
    asked = re.match(r"[,.;]\s*(?:(?:so|and|then|pls|please)\s+)*(?:make|put|try|give|do)\b", rest, re.I)
    return f"no {thing}" + (rest if asked else "")


def as_change(message: str, mentions) -> str:
    """A change said without its verb, as the edit rules read it: "the circle a hair thinner" → "make the circle a bit
    thinner", "twilight shot with the windows glowing" → "make it at twilight with the windows glowing", "my manager
    wants it wider" → "make it wider", "use our brand color teal as the main color" → "teal color scheme".
    ``mentions`` tells whether the picture has a thing ("the circle")."""
    m = _ANOTHER_OF_IT.match(message)
    if m and mentions(m.group("x").split()[-1]):  # "give me another captain", "ok one more panda, cheer me up": another take
        return "another one"
    m = _GIVE_ME_WORN.match(message)
    if m and any(mentions(word) for word in _PERSON):
        return f"add {m.group('thing')}"
    m = _PART_COMPARED.match(message)
    if m and not m.group("the") and not re.match(r"(?:a bit|a little|slightly|much|a lot|way|even)\s", m.group("how"), re.I):
        m = None  # "lose the sunflower" is no part compared; "door a bit more faded" is
    if m and mentions(m.group("what").split()[-1]) and len(m.group("what").split()[-1]) > 3:
        return plain_degree(f"make {m.group('the') or 'the'} {m.group('what')} {m.group('how')}")  # "door a bit more faded"
    for rx, said in (*_SETTING_SAID, *_SAID_AGAIN):  # "more steps, 50", "give me one more variation", "the windmill one at night"
        message = rx.sub(said, message)
    m = _SHAPED_ONE.match(message)
    if m:  # "can you do a wide one for the website": that shape
        rest = message[m.end():]
        if re.fullmatch(r"(?:\s+(?:for|of)\s+[\w' -]+)?(?:[\s,]+(?:same thing|same picture|same as before|otherwise the same|"
                        r"same|please|pls))*\W*", rest, re.I):
            rest = ""  # "for the website, same thing": what it is for, and that the rest is kept
        return f"make it {m.group('shape')}{rest}"
    m = _ALSO_THERE.match(message)
    if m:  # "a cup of cocoa on the windowsill too": one more thing
        return f"add {m.group('thing')}"
    m = _BEHIND.match(message)
    if m and not mentions(m.group("thing").split()[-1]):  # "storm clouds rolling in behind"
        return f"add {message.strip(' .!')}"
    m = _IS_NOW.match(message)
    if m and mentions(m.group("what").split()[-1]):  # "now the little tow truck is bright yellow"
        if re.match(r"[a-z]+ing\b", m.group("how"), re.I):
            return f"add {m.group('how')}"  # "now the giraffe is heckling them back": what it does
        return f"make {m.group('the')} {m.group('what')} {m.group('how')}"
    m = _TIME_SHOT.match(message)
    if m:
        return f"make it at {m.group('time')}{message[m.end():]}"
    m = _MAIN_COLOUR.match(message)
    if m:
        return f"make the color scheme {m.group('colour').strip()}"
    return message
