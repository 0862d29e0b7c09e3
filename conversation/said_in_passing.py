"""Small talk that the word lists miss, because it is said in a sentence: a day vented about ("ugh today has been the
worst, my landlord raised the rent again"), a session ended ("perfect, let's stop there", "Good, thank you. Have a nice
evening!"), a picture's use told ("perfect, sending these to my artist as reference"), praise in a superlative ("best
thing I've seen all week", "he's exactly how I imagined him"), thanks with a word on what it helps. Answered, never
drawn. Pure functions."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that ask for a picture or a change: a sentence with them is no small talk here.
_ASKS = re.compile(r"\b(?:make|add|remove|give|put|turn|change|draw|show|try|paint|create|generate|render|redo|undo|go back|"
                   r"can you|could you|would you|please|pls|instead|more|less|another)\b|\?", re.I)
_OPENER = r"^\W*(?:(?:ok(?:ay)?|oh|aw+|wow|great|perfect|cool|nice|good|awesome|amazing|lovely|wonderful|brilliant|ugh|man|sigh|omg|" \
          r"honestly|literally|haha+|lol)[\s,!.]+){0,3}"
# a laugh or a word of assent before a reaction
_SOFT = r"^\W*(?:(?:ok(?:ay)?|oh|ha+|haha+|lol|lmao+|nice|perfect|great|cool|yes+|yay|wow|omg|see)[\s,!.]+){0,3}"
_WAS_BAD = (r"(?:was|were|is|are|has been|have been)\s+(?:so\s+|really\s+|pretty\s+|just\s+)?(?:bad|brutal|awful|terrible|rough|"
            r"exhausting|hard|slow|dead|crazy|insane|hectic)")
_LATELY = r"(?:this (?:month|year|week|morning|season)|today|lately|these days|anymore)"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thanks", re.compile(_OPENER + r"(?:thanks?|thank you|ty|thx|tysm)\b(?![\w\s',.!-]*\bnow\s+(?:the|a|an|make|add|it|in|at|with|from)\b)"
                          r"[\w\s',.!-]{0,80}$", re.I)),
    ("offtopic", re.compile(r"^\W*how\s+(?:many|much)\s+(?!(?:steps|pictures|images|seeds|credits|pics|times)\b)[\w\s]{1,30}?\s+(?:would|do|does|"
                            r"should|will)\s+(?:a|an|the|i|we|you)\b", re.I)),
    ("thanks", re.compile(_OPENER + r"(?:let'?s\s+(?:stop|leave it|call it)\s*(?:there|here|a day)?|(?:that'?s|thats)\s+(?:all|it)"
                          r"(?:\s+for\s+(?:now|today|tonight))?|(?:i'?m|we'?re|im)\s+(?:done|all set|good)(?:\s+(?:for\s+(?:now|today)|"
                          r"here|then))?)(?:[\s,!.]+(?:thanks|thank you|ty|thx))?\W*$", re.I)),
    ("offtopic", re.compile(r"\b(?:what'?s|what is|suggest|give me|write|come up with|any ideas? for)\s+(?:an?\s+|some\s+)?(?:good\s+|nice\s+|"
                            r"catchy\s+|funny\s+)?(?:(?:instagram|insta|ig|tiktok|twitter|facebook|linkedin|etsy)\s+)?(?:caption|title|name|hashtags?|slogan|tagline)s?\s+for\s+(?:this|it|the (?:picture|pic|image|post))",
                            re.I)),
    ("offtopic", re.compile(r"\bwhat\s+would\s+you\s+(?:title|call|name)\b|^\W*(?:wait\s+|so\s+)?(?:do|does|did)\s+(?!you\b|it\b|this\b|that\b|"
                            r"they\b|the (?:picture|image|pic|model|app|ai)\b|dall-?e\b|stable\b|midjourney\b)[\w-]+s?\s+(?:really|actually|usually|ever|always)\b|\bwhich\s+[\w-]+\s+would\s+be\s+"
                            r"(?:easier|better|cheaper|faster|best|safer)\b|\bis\s+it\s+(?:cheating|plagiarism)\b|what'?s\s+a\s+good\s+(?:age|price|"
                            r"name|title)\s+for\b", re.I)),
    ("ack", re.compile(r"\b(?:sent (?:that|it|this) twice|double[- ]?post(?:ed)?|sent (?:it|that) by (?:accident|mistake)|"
                       r"(?:the )?(?:second|other) one is fine)\b", re.I)),
    ("praise", re.compile(_OPENER + r"(?:that|this|it)\s+(?:covers|does it|works|will do nicely)\b", re.I)),
    ("offtopic", re.compile(r"\bdo\s+you\s+think\s+(?!(?:it|this|that|the (?:picture|image|pic)|the\s+(?:title\s+)?(?:text|words|letters|"
                            r"lettering|title|name|sign)|i\s+should|we\s+should)\b)", re.I)),
    ("offtopic", re.compile(r"^\W*have\s+you\s+ever\s+(?:been|seen|tried|visited|eaten|met|heard)\b", re.I)),
    ("offtopic", re.compile(r"^\W*(?:he|she|they|my \w+|our \w+)\s+wants?\s+to\s+know\s+(?:if|whether|why|how|what|when|where)\b", re.I)),
    ("bye", re.compile(r"\bhave\s+an?\s+(?:nice|good|great|lovely|wonderful|fine)\s+(?:evening|day|night|weekend|one|afternoon|morning|"
                       r"week)\b", re.I)),
    ("praise", re.compile(_OPENER + r"(?:(?:this|that|it)(?:'s| is)\s+)?(?:the\s+)?best\s+(?:thing|picture|pic|image|one|drawing)\s+"
                          r"(?:i'?ve|i have|i)\s+(?:ever\s+)?seen\b", re.I)),
    ("praise", re.compile(_OPENER + r"(?:(?:he|she|it|they|this|that)(?:'s|'re| is| are| looks?)\s+)?(?:exactly|just|precisely)\s+"
                          r"(?:how|what|like)\s+i\s+(?:imagined|pictured|wanted|had in mind|hoped|envisioned|dreamed)", re.I)),
    ("praise", re.compile(_OPENER + r"(?:sending|showing|printing|posting|sharing|using|giving|framing|forwarding)\s+(?:these|this|it|"
                          r"them|that|this one|these ones)\s+(?:to|on|for|at|as|with|in)\b", re.I)),
    ("praise", re.compile(_OPENER + r"(?:the\s+|my\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|'s|'re|will|'ll)\s+(?:going to\s+|gonna\s+|"
                          r"so gonna\s+)?(?:love|hate|adore|cry|freak out|lose (?:it|their minds?)|flip|be (?:thrilled|amazed|shocked|furious))"
                          r"(?:\s+(?:it|this|that|them))?\W*$", re.I)),
    ("praise", re.compile(_OPENER + r"(?:(?:that|this)\s+one'?s|(?:that|this)\s+one\s+is)\s+(?:so\s+|really\s+|very\s+)?(?:sharp|nice|great|good|"
                          r"perfect|better|lovely|beautiful|cute|cool|gorgeous)\W*$|^\W*(?:thank you[.!]?\s+)?(?:most|very|quite)\s+"
                          r"(?:satisfactory|agreeable|pleasing)\W*$", re.I)),
    ("praise", re.compile(_OPENER + r"(?:the\s+|my\s+|our\s+)?[\w-]+\s+(?:will|'ll|are going to|is going to|can)\s+(?:colou?r|print|frame|hang|"
                          r"use|share|post|love)\s+(?:it|this|them|these)(?:\s+in|\s+up)?\W*$", re.I)),
    ("thanks", re.compile(r"^\W*(?:(?:marvell?ous|splendid|lovely|brilliant)[.!,]?\s+)?(?:thank you|thanks|ta)(?:\s+(?:ever so|very|so)\s+much)?"
                          r"[.!,]?(?:\s+you'?ve been (?:most|very|so|really) (?:helpful|kind))?\W*$", re.I)),
    ("ack", re.compile(r"^\W*(?:fine|ok(?:ay)?|alright|right)[,.\s]+(?:that'?ll do|that will do|good enough)\W*$", re.I)),
    ("thanks", re.compile(r"^\W*(?:perfect|great|ideal|just right|exactly right)\s+for\s+(?:my|our|the)\s+[\w' ]{2,30}?(?:[,!.\s]+(?:thanks|thank you|"
                          r"ty|thx|cheers))?\W*$", re.I)),
    # a bad time said with when it was: "my blog stats are so bad this month", "work was so hectic today"
    ("other", re.compile(_OPENER + rf"[\w\s']{{0,40}}\b{_WAS_BAD}\b[\w\s',.!-]{{0,40}}\b{_LATELY}\b", re.I)),
    ("other", re.compile(_OPENER + rf"[\w\s']{{0,40}}\b{_LATELY}\b[\w\s',.!-]{{0,20}}\b{_WAS_BAD}\b", re.I)),
    ("other", re.compile(_OPENER + r"(?:today|this week|this morning|work|my day|my week|my boss|my landlord|my commute|traffic|"
                         r"life|this year)\b[\w\s',.!-]{0,40}\b(?:has been|was|is|raised|sucks|killing me|been rough|been awful|"
                         r"been crazy)\b", re.I)),
)

# Reactions said in a word or two, as people type them: "bro thats so clean", "too cute i cant", "ahh yes", "mid",
# "hmm not sure about the pink", "wow thats my drawing but better lol". Never a request.
_REACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("praise", re.compile(r"^\W*(?:(?:bro|dude|omg|oh|a+h+|o+h+|yo|man|sheesh|lol|lmao|wow|okay|ok)[\s,!.]+)*(?:(?:that'?s|thats|this\s+is|"
                          r"it'?s|its|this)\s+)?(?:so+\s+|hella\s+|mad\s+|really\s+|actually\s+)?(?:clean|fire|crisp|sick|dope|lit|slaps|"
                          r"goated|bussin|elite|unreal|a\s+vibe|iconic|chef'?s\s+kiss)(?:\s+(?:ngl|fr|tbh|lol|bro|dude|man))*\W*$", re.I)),
    ("praise", re.compile(r"^\W*(?:(?:a+h+|o+h+|o+o+h+|m+)[\s,!.]*(?:yes+|yas+)|yess+|yas+s|hell\s+yes|heck\s+yes)(?:[\s,!.]+(?:that'?s\s+it|"
                          r"exactly|perfect|love\s+it))?\W*$", re.I)),
    ("praise", re.compile(r"^\W*(?:(?:too|so)\s+(?:cute|good|funny|pretty|much)\s+)?i\s*(?:can'?t|cant)(?:\s+even)?(?:\s+(?:lol|omg))?\W*$|"
                          r"^\W*(?:omg\s+|lol\s+)?(?:i'?m|im)\s+(?:dead|deceased|crying|screaming|weak|obsessed)\b[\w\s]{0,20}$", re.I)),
    ("negative", re.compile(r"^\W*(?:(?:it'?s|its|that'?s|thats|kinda|pretty|lowkey|honestly|hmm+)\s+)*(?:mid|meh|eh+|so-so|"
                            r"(?:alright|ok(?:ay)?|fine)\s+i\s+guess)\W*$", re.I)),
    ("other", re.compile(r"^\W*(?:(?:hmm+|um+|idk|honestly|eh+|well)[\s,]+)*(?:i'?m\s+|im\s+)?not\s+(?:so\s+|too\s+|really\s+|100%\s+)?"
                         r"sure\s+about\s+(?:the\s+|this|that|it|these|those)[\w\s-]{0,30}\W*$", re.I)),
    ("praise", re.compile(r"^\W*(?:(?:wow|omg|oh|lol)[\s,!.]+)*(?:that'?s|thats|it'?s|its)\s+(?:my|our)\s+[\w' -]{1,25}?\s+but\s+(?:better|"
                          r"cooler|prettier|nicer|way better|so much better)\b[\w\s!.]{0,12}$", re.I)),
    ("other", re.compile(r"^\W*[\w' -]{1,25}\?+\s*(?:cool|nice|neat|interesting|ok(?:ay)?|huh|wow|ah|oh|got\s+it|i\s+see|noted)\W*$", re.I)),
    ("praise", re.compile(r"^\W*(?:(?:yes+|yep|oh|ok)[.!,\s]+)*(?:(?:that'?s|thats|this\s+is)\s+(?:the\s+one|it|exactly\s+(?:her|him|it|them|right|"
                          r"what\s+i\s+wanted))|there\s+(?:she|he|it|they)\s+(?:is|are)|exactly\s+(?:this|that|it))\b[\w\s!.,']{0,60}$", re.I)),
    ("praise", re.compile(r"\b(?:is|was)\s+(?:still\s+)?(?:my|our)\s+(?:favou?rite|fave)\b(?![^?]*\b(?:make|add|change|use|go\s+back|back\s+to|take|pick|revert|undo|give)\b)", re.I)),
    ("other", re.compile(r"^\W*(?:and\s+)?(?:the\s+)?same\s+[\w -]{1,30}?,?\s+right\s*\?+\W*$", re.I)),
    # it did what was asked, or it is who it should be: "nice it worked", "ok perfect thats him", "ok nvm its fine"
    ("praise", re.compile(_SOFT + r"(?:(?:it|that|this)\s+(?:worked|works(?:\s+now)?)|(?:that'?s|thats)\s+(?:him|her|them|us|me)(?:\s+(?:alright|"
                          r"exactly|for sure))?|(?:still\s+)?(?!(?:the|a|an|now|and|make|his|her|its|their|my)\b)[\w']+(?:\s+[\w']+)?\s+but\s+(?:way\s+|much\s+|a\s+lot\s+)?better)"
                          r"(?:[\s,.!]+(?:lol|lmao|haha+|now|tho))*[^\w]*$", re.I)),
    ("ack", re.compile(_SOFT + r"(?:(?:nvm|never\s*mind|nah|fine)[\s,.!]+)*(?:it'?s|its|that'?s|thats)\s+fine(?:\s+(?:as\s+is|like\s+that|then))?"
                       r"[^\w]*$", re.I)),
    # what the picture does to them, or what its character seems up to: "this picture is making me hungry",
    # "ha she looks like she's plotting something, love it"
    ("praise", re.compile(_SOFT + r"(?:(?:this|that|it|the\s+\w+)\s+(?:picture\s+|pic\s+|one\s+)?(?:is\s+|'s\s+)?mak(?:es|ing)\s+me\s+"
                          r"(?:so\s+|really\s+)?(?:hungry|thirsty|sleepy|happy|sad|cry|smile|laugh|nostalgic|emotional)|"
                          r"(?:he|she|it|they)\s+looks?\s+like\s+(?:he|she|it|they)(?:'s|'re|\s+is|\s+are|\s+wants?|\s+knows?)\s+"
                          r"(?!(?:too|not)\b)[\w' ]{2,40}?)(?:[\s,.!]+(?:love\s+it|lol|haha+|omg))*[^\w]*$", re.I)),
    # an opinion asked on where it would go: "would this look good on a forearm?"
    ("other", re.compile(r"^\W*(?:(?:hmm+|so|honestly)[\s,]+)*would\s+(?:this|it|that|these|they)\s+(?:look|work)\s+(?:good|ok(?:ay)?|nice|"
                         r"cool|right)\s+(?:on|as|for|at|in\s+(?:my|our|a|an|the)\b)[^?]{1,40}\?\s*$", re.I)),
    # nothing to draw, an opinion wanted: "dont draw anything, just tell me what u'd add to make it better"
    ("other", re.compile(r"^\W*(?:(?:ok(?:ay)?|so|but|and|please|pls)[\s,]+)*(?:don'?t|dont|do\s+not)\s+(?:draw|make|generate|change)\s+"
                         r"(?:anything(?:\s+(?:yet|new|else))?|it|a\s+(?:new\s+)?(?:one|picture))(?:\s*[,.;!?]|\s+(?:just|yet|until|but)\b)", re.I)),
    # a verdict on the last change, then why, asking nothing: "much better, the rain made it gloomy", "better! hands are hard
    # I guess", "yeah cleaner without her"
    ("praise", re.compile(r"^\W*(?:(?:yeah|yes|ok(?:ay)?|oh|ah|ha+)[\s,!.]+)?(?:much\s+|way\s+|so\s+|a\s+lot\s+|so\s+much\s+)?(?:better|cleaner|nicer|"
                          r"tidier|neater|calmer|perfect|lovely|love\s+it)(?:\s*[!.,:;-]+\s*|\s+without\s+(?:her|him|it|them|the\s+\w+)\b\W*)"
                          r"(?![^?]*\b(?:make|add|remove|put|give|turn|change|try|can\s+you|could\s+you|please|pls|but|now|go\s+back|undo|again|"
                          r"another|more|less|widescreen|landscape|portrait|square|vertical|horizontal|wallpaper|banner|wider|taller|bigger|smaller|"
                          r"darker|brighter)\b)[^?]{0,80}$", re.I)),
    # "ok back to work 😴", "Right, back to marking.", "ok back to the floor. thanks": the person leaves for a while
    ("bye", re.compile(r"^\W*(?:(?:ok(?:ay)?|right|anyway|well|alright|sigh|ugh|interesting|cool|thanks|thank\s+you)[\s,.!]+)*(?:time\s+to\s+(?:get\s+)?)?"
                       r"back\s+to\s+(?:work|the\s+(?:floor|office|grind|desk|ward|kitchen|books|salt\s+mine)|school|class|bed|sleep|studying|"
                       r"reality|marking|my\s+(?:desk|shift|work|emails?|spreadsheets?))\b[^?]{0,30}$", re.I)),
    # "thats just a black circle bro": a verdict on what came out, not a request
    ("negative", re.compile(r"^\W*(?:that'?s|thats|it'?s|its)\s+(?:just|only|literally)\s+(?:an?\s+)?[\w\s-]{1,30}?(?:\s+(?:bro|lol|lmao|dude|man|"
                            r"mate))?\W*$", re.I)),
    # "Dear Sir, that is first rate.": praise in older words, with its greeting
    ("praise", re.compile(r"^\W*(?:(?:dear\s+\w+|oh|well|my)[\s,!.]+)*(?:(?:that|it|this)(?:'s|\s+is|\s+was)\s+)?(?:(?:quite|simply|absolutely|"
                          r"really|truly|most)\s+)?(?:first[\s-]rate|top[\s-]notch|splendid|marvell?ous|superb|capital|smashing|delightful|"
                          r"wonderful)\W*$", re.I)),
    ("ack", re.compile(r"\bfinal\s+answer\W*$|^\W*(?:(?:he|she|they|my\s+\w+|the\s+\w+|[\w-]+)\s+(?:approves?|approved|signed\s+off|is\s+happy|"
                       r"is\s+pleased))\W*$", re.I)),
    ("praise", re.compile(r"^\W*(?:(?:it|this|that)\s+)?fits\s+(?:(?:my|the|our)\s+\w+\s+)?(?:perfectly|great|just\s+right)\W*$|"
                          r"^\W*(?:(?:it'?s|this\s+is|that'?s)\s+)?mak(?:es|ing)\s+me\s+(?:so\s+)?(?:hungry|thirsty|sleepy|cry|smile|nostalgic)"
                          r"(?:\s+(?:ngl|lol|tbh|haha+))*\W*$|"
                          r"^\W*i\s+wish\s+i\s+could\s+(?:paint|draw|make|do)\s+(?:like|something\s+like)\s+(?:this|that)\b|"
                          r"^\W*(?:(?:hmm+|honestly|ok)[\s,]+)?(?:they'?re\s+)?both\s+(?:are\s+)?(?:so\s+)?(?:nice|good|great|cute|lovely|"
                          r"gorgeous)(?:\s+honestly)?\W*$|"
                          r"\b(?:he|she|they)'?ll\s+be\s+(?:so\s+)?(?:thrilled|happy|delighted|chuffed)\b[^?]*$", re.I)),
    # a likeness laughed at: "ha, like a poodle. cute"
    ("praise", re.compile(r"^\W*(?:ha+|haha+|hehe+|lol|lmao+|omg|oh)[\s,.!]+(?:it'?s\s+|he'?s\s+|she'?s\s+)?(?:just\s+)?like\s+an?\s+[\w' -]{2,30}?"
                          r"(?:[\s,.!]+(?:so\s+)?(?:cute|lol|haha+|love\s+it|adorable|nice|funny))*[^\w]*$", re.I)),
    # a toast or an exclamation from another language: "mamma mia 🤌", "prost 🍺", "ok así"
    ("praise", re.compile(r"^\W*(?:(?:ok(?:ay)?|ja|si|sí|oui|yes|ah+)[\s,.!]+)*(?:mamma\s+mia|prost|salud|sa[úu]de|sant[ée]|cin\s+cin|sk[åa]l|"
                          r"cheers|bravo|brava|olé|ole|voil[àa]|que\s+bueno|qué\s+bueno|genau|así|asi|comme\s+[çc]a|tal\s+cual|ecco)"
                          r"(?:[\s,.!]+(?:ja|si|sí|oui|ok))*[^\w]*$", re.I)),
)


_OPINION = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|honestly|hmm+|be honest)[\s,]+)*(?:which|what)\s+(?:one|version|picture|pic|image|of\s+"
                      r"(?:them|these|those|the \w+))\s+(?:do|would)\s+you\s+(?:think|like|prefer|reckon|pick|choose)\b|"
                      r"(?:^|[.!?]\s+)do\s+you\s+(?:like|love)\s+(?:it|this|that|them|the\s+\w+)\W*$", re.I)


@lru_cache(maxsize=256)  # asked of one message by the rules, the question reader and the small-talk reader
def said_in_passing(text: str) -> str | None:
    """The kind of small talk a sentence is (thanks, bye, praise, other), or None when it asks for anything."""
    t = text.strip()
    if _OPINION.search(t):
        return "other"  # "which one do you think works better as a thumbnail?": the chat's opinion, asked
    if not t or len(t) > 160:
        return None
    reaction = next((kind for kind, rx in _REACTIONS if rx.search(t)), None)
    if reaction:
        return reaction
    if _ASKS.search(t):  # a question may still ask for words, not a picture: "what's a good caption for this?"
        return next((kind for kind, rx in _KINDS if kind == "offtopic" and rx.search(t)), None)
    return next((kind for kind, rx in _KINDS if rx.search(t)), None)
