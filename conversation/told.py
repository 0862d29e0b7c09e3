"""Something told about the person's own life, said while a picture is on screen: "saw one of those at my feeder this
morning!", "I sent the middle line last weekend, took me 40 tries", "ok ordering some driftwood tonight", "the
sellers are my aunt and uncle, they built it in the 80s", "it's for my dad, he's turning 70". A story, a plan or a
fact about them, answered and never drawn, however many drawable words it names. Pure functions."""

from __future__ import annotations

import re

_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# When it happened or will: the mark of a story or a plan, not of a picture's content
_WHEN = re.compile(
    rf"\b(?:today|tonight|yesterday|tomorrow|all\s+(?:day|week|morning|afternoon|evening|night|weekend)|this\s+(?:morning|afternoon|evening|week|weekend|month|year|summer|winter|spring|autumn|fall)|"
    rf"(?:last|next|this\s+coming)\s+(?:night|week|weekend|month|year|time|season|{_DAYS}|{_MONTHS}|summer|winter|spring|autumn|fall)|"
    rf"next\s+(?:firing|batch|round|session|game|bake|class|meeting|trip|episode|issue|sale|market)|on\s+{_DAYS}|for\s+(?:{_DAYS}|tomorrow|next\s+week|the\s+weekend)|every\s+(?:day|week|morning|night|summer|winter|year|{_DAYS}|{_MONTHS})|"
    rf"in\s+the\s+(?:\d0s|'\d0s|(?:fifties|sixties|seventies|eighties|nineties))|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|a\s+couple\s+of)\s+(?:tries|attempts|times|years|months|weeks|days|"
    rf"hours)|years?\s+ago|ago\b|since\s+(?:\d{{4}}|i\s+was|we\s+were)|when\s+i\s+was|as\s+an?\s+(?:boy|girl|kid|child|lad|lass|teenager|young\s+(?:man|woman))|back\s+in\s+(?:the\s+day|\d{{4}}))\b", re.I)
_OPENER = (r"^\W*(?:(?:ha+|haha+|oh|ooh+|ok(?:ay)?|so|lol|wow|yeah|yep|perfect|great|nice|yesterday|last\s+night|this\s+morning|"
                  r"love\s+(?:him|her|it|this|them))[,.!\s]+)*")
# I or we doing, having done or going to do something (not wanting, asking or liking)
_SELF = re.compile(_OPENER + r"(?:i|we|i'?m|im|we'?re|i'?ve|ive|we'?ve|i'?ll|we'?ll|i'?d|me\s+and\s+\w+|my\s+\w+\s+and\s+i)\s+"
                   r"(?!(?:want|wanna|need|would|'d\s+like|wish|prefer|like|love|hate|think|wonder|was\s+wondering|mean|meant|"
                   r"asked|said)\b)", re.I)
# a plan or deed said without "I": "ordering some driftwood tonight", "saw one at my feeder this morning!"
_DONE = re.compile(_OPENER + r"(?:saw|caught|found|made|built|sent|ordered|bought|booked|went|got|took|met|ran|drew|flew|rode|"
                   r"[a-z]{3,}ed|ordering|booking|buying|heading|sending|making|building|going|getting|planning|launching|printing|"
                   r"framing|setting|saving|posting|sharing|hanging)\b", re.I)
_SOON = re.compile(r"\b(?:(?:right\s+)?now|for\s+(?:my|our)\s+\w+)\b", re.I)  # "setting it now", "printing 40 of these for my unit"
# someone of theirs doing something, said with when: "my students paint these every friday"
_THEIRS_WHEN = re.compile(_OPENER + r"(?:my|our)\s+(?:[\w-]+\s+){1,2}(?!(?:is|are|was|were|should|could|would|needs?)\b)[a-z]+\b", re.I)
# a fact about people the person knows: "the sellers are my aunt and uncle", "my players fight these on sunday",
# "he's called Pip", "everyone's going to ask about the sheep", "it's for my dad, he's turning 70"
_THEIRS = re.compile(_OPENER + r"(?:(?:the\s+[\w-]+|they|he|she)\s+(?:are|is|'re|'s|were|was)\s+(?:my|our)\s+\w+|"
                     r"(?:my|our)\s+(?:[\w-]+\s+){1,2}(?:fight|play|love|use|run|meet|come|visit|live|work|keep|raise|grow|"
                     r"[a-z]+ed)\b|(?:he|she|it)(?:'s|\s+is)\s+(?:called|named)\s+[A-Z]\w*|everyone(?:'s|\s+is)\s+(?:going\s+to|gonna)\s+"
                     r"(?:ask|love|notice|laugh|want)|(?:the\s+[\w-]+\s+(?:on|of|in)\s+)?(?:mine|ours)\s+(?:came\s+out|turned\s+out|ended\s+up|was|were|looked)\b|"
                     r"(?:it'?s|its|this\s+is)\s+for\s+(?:my|our)\s+(?:[\w'-]+\s+){0,2}[\w'-]+\s*[,.;!]\s*"
                     r"(?:he|she|they)(?:'s|\s+is|'re|\s+are)\b)", re.I)
# people of theirs, or their work, reported: "director says the pacing is good", "the client will see these monday",
# "the kids are going to colour these in on friday", "the agent wants these for the weekend open house"
_WHO = (r"(?:client|clients|director|editor|boss|agent|teacher|kids|students|children|class|customers|team|manager|mom|mum|dad|"
        r"friend|friends|neighbou?r|neighbou?rs|sister|brother|son|daughter|grandson|granddaughter|grandkids|grandchildren|partner|"
        r"boyfriend|girlfriend|colleague|colleagues|coworker|coworkers|vicar|priest|nan|gran|grandma|grandpa|auntie|aunt|uncle|cousin|"
        r"wife|husband|players|readers|audience|guests|family|boys|girls|publisher|printer|bride|groom)")
_REPORTED = re.compile(_OPENER + rf"(?:the\s+|my\s+|our\s+)?{_WHO}\s+(?:will\s+be\s+(?:so\s+|really\s+)?(?:delighted|thrilled|pleased|happy|"
                       rf"chuffed|over\s+the\s+moon|amazed|impressed)|says|said|thinks|thought|loved|liked|will\s+(?:see|love|get|use|"
                       rf"colou?r|hang|read)|(?:are|is|'re|'s)\s+(?:going\s+to|gonna)|wants?\s+(?:these|them|it|this)\s+(?:for|by|on|before))\b", re.I)
# their day and how they feel: "ugh, long day at work", "im so stressed about finals", "just finished a 12 hour shift"
_MOOD = re.compile(r"^\W*(?:(?:ugh+|sigh|man|omg|phew|oof)[,.!\s]+)+(?:(?:such\s+an?\s+|a\s+|what\s+an?\s+)?(?:long|rough|hard|busy|crazy|"
                   r"exhausting)\s+(?:day|week|night|shift|morning)\b)|^\W*(?:such\s+an?\s+|what\s+an?\s+)?(?:long|rough|hard|busy|crazy|"
                   r"exhausting)\s+(?:day|week|night|shift|morning)(?:\s+at\s+(?:work|school|uni))?\W*$|"
                   r"^\W*(?:(?:ugh+|sigh|man|omg|so|lol|phew|oof)[,.!\s]+)*(?:(?:i'?m|im|i\s+am)\s+(?:so\s+|really\s+|super\s+)?(?:stressed|tired|"
                   r"exhausted|sick|bored|wiped|beat)\b|just\s+(?:finished|got\s+(?:home|back|off))\b)|my\s+(?:feet|back|head)\s+(?:are|is)\s+"
                   r"(?:dead|killing|sore)", re.I)
# a remark that compares it with their own, or is done: "that looks just like our place in 1962", "my tomatoes never look
# that good", "my daughter has the same teddy bear", "reminds me of a place outside Amarillo", "calendar is done"
_OWN = re.compile(r"\b(?:looks?|looked)\s+(?:just\s+|exactly\s+)?like\s+(?:my|our)\b|\breminds?\s+me\s+of\b|"
                  r"\btakes?\s+me\s+(?:straight\s+|right\s+)?back\b|\b(?:he|she|they)(?:'s|\s+is|'re|\s+are)\s+(?:now\s+)?(?:asking|wondering)\s+"
                  r"(?:if|whether|why|how|what)\b|"
                  r"\b(?:my|our)\s+[\w-]+\s+(?:never|always|usually|don'?t|doesn'?t|didn'?t)\b|"
                  r"\b(?:my|our)\s+[\w-]+\s+(?:has|had|have)\s+(?:the\s+same|one\s+(?:just\s+)?like|that\s+exact)\b|"
                  r"^\W*(?:(?:thank\s+you|thanks|ok|great)[!.,\s]+)*(?:the\s+|my\s+|our\s+)?[\w-]+\s+(?:is|are)\s+(?:done|finished|ready|complete)\W*$|"
                  r"^\W*(?:(?:perfect|great|ok)[,.!\s]+)*(?:it|this|they|these)\s+needs?\s+to\s+(?:go\s+out|ship|be\s+(?:done|ready|sent|"
                  r"printed))\b|^\W*needs?\s+to\s+(?:go\s+out|ship)\b|"
                  r"^\W*(?:(?:perfect|great|ok)[,.!\s]+)*(?:it'?s|its|this\s+is|these\s+are|they'?re)\s+for\s+(?:my|our)\s+", re.I)
# anywhere in it: "episode one drops next week, wish me luck"
_NEWS = re.compile(r"\bwish\s+(?:me|us)\s+luck\b|\b(?:drops|launches|airs|opens|premieres|goes\s+live|comes\s+out|is\s+due)\s+"
                   r"(?:next|this|on|tomorrow|tonight|in\s+\d+)\b", re.I)
# what someone else thinks of the picture, told: "lol she says the spider is too cute to be scary", "he thinks it looks like a potato"
_THEIR_OPINION = re.compile(_OPENER + r"(?:lol\s+|haha\s+)?(?:he|she|they|(?:my|our)\s+\w+)\s+(?:says|said|thinks|thought|reckons)\s+(?:that\s+)?"
                            r"[\w\s'-]{0,40}?\b(?:is|are|'s|looks?)\s+(?:(?:too|so|really|very|super|kinda|way)\s+\w+|like\s+(?:an?|the)\s+\w+)", re.I)
# the weather where the person is: "It is pouring down here", "Too rainy to go out there today", "in my country today is sunny"
_WEATHER_HERE = re.compile(r"\b(?:(?:it'?s|it\s+is|its|been)\s+(?:\w+\s+)?(?:pouring|raining|snowing|freezing|boiling|so\s+hot|so\s+cold|"
                           r"sunny|grey|gray|miserable|horrible)\b[^?]{0,40}\b(?:here|today|outside|all\s+day|all\s+week|where\s+i\s+(?:am|live))|"
                           r"(?:too|so)\s+(?:rainy|wet|cold|hot|windy|snowy)\s+(?:to\s+go\s+out|outside|today|here)|"
                           r"\b(?:stuck|staying)\s+(?:indoors|inside|at\s+home|in)\b|in\s+my\s+(?:country|city|town)\b[^?]{0,30}\b(?:sunny|rain|raining|"
                           r"snow|snowing|hot|cold|warm)\b)", re.I)
# what someone else wishes of the picture, relayed: a request, not news
_WISHED = re.compile(r"\b(?:should|needs?|has\s+to|must|could|would|can|more|less|too|bigger|smaller|add|make|wish|prefer|better\s+before|"
                     r"rather|instead)\b", re.I)
# what asks for a picture or a change, whoever says it
_ASKS = re.compile(r"(?:^|[,.;!]\s*)(?:(?:ok(?:ay)?|fine|alright|then)[,\s]+)?(?:(?:please|pls|can\s+you|could\s+you|would\s+you)\s+)?(?:make|add|remove|draw|paint|show|"
                   r"take|drop|lose|delete|erase|swap|replace|get\s+rid|"
                   r"give\s+(?:it|him|her|them|me)|put|turn|change|render|create|generate|redo|undo)\b|\bcan\s+you\b|\bcould\s+you\b|"
                   r"\bsurprise\s+(?:me|us)\b|\bcheer\s+me\s+up\b|\bgo\s+back\b(?!\s+to\s+(?:school|work|bed|sleep))|\bback\s+to\b(?!\s+(?:school|work|bed|sleep))|\bundo\b|\brevert\b|"
                   r"\bplease\b|\?", re.I)


# what they will do themselves, or how they make pictures otherwise: "I'll add the prices myself in canva", "I'll fix it in
# photoshop", "honestly I can't draw at all", "I usually use chatgpt for images", "i just adopted a kitten!!"
_THEIR_OWN = re.compile(r"\b(?:i'?ll|i\s+will|we'?ll|i\s+can|i'?m\s+going\s+to|i'?m\s+gonna)\s+(?:\w+\s+){1,5}?(?:myself|ourselves|"
                        r"in\s+(?:photoshop|canva|gimp|figma|illustrator|procreate|lightroom|krita|affinity|powerpoint|word|paint))\b|"
                        r"\bi\s+(?:really\s+|honestly\s+|just\s+|totally\s+)?(?:can'?t|cannot|can\s+not)\s+draw\b|\bthat'?s\s+why\s+i'?m\s+here\b|"
                        r"\b(?:i|we)\s+(?:usually|normally|mostly|always|often)\s+use\b|"
                        r"^\W*(?:(?:omg|guess\s+what|so|yay)[\s,!.]+)*(?:i|we)\s+just\s+(?:adopted|got|bought|moved|finished|started|had|won|"
                        r"graduated|married|rescued)\b[^,.;!?]{0,40}[!.\s]*$", re.I)


# their news and their people, after a picture: "baby's due in march!", "it's a boy! we just found out", "table's ready for
# saturday", "she turns six on saturday, I'm not ready", "alright bedtime, aliens included", "toddlers man", "my Cornish
# friend would agree with you", "the one with the big teeth is me apparently", "if only I could undo the mess my kids made"
_NEWS_OF_THEM = re.compile(
    r"\b(?:is|'s|are|'re)\s+(?:due|ready|done|booked|sorted)\s+(?:for|in|on|by|next)\b|^\W*it'?s\s+a\s+(?:boy|girl)\b|\bwe\s+just\s+found\s+out\b|"
    r"^\W*(?:(?:alright|ok(?:ay)?|right|well)[\s,]+)?(?:bed\s*time|time\s+for\s+bed)\b|^\W*(?:toddlers|kids|teenagers)\s+(?:man|lol|smh)\W*$|"
    r"\b(?:he|she|they)\s+turns?\s+(?:\w+)\s+(?:on|next|this|tomorrow|in)\b|"
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}(?:friend|mum|mom|dad|wife|husband|sister|brother|boss|neighbou?r)\s+would\s+(?:agree|disagree|say|argue|"
    r"laugh|love)\b|^\W*the\s+one\s+with\s+[\w' -]{2,30}?\s+is\s+(?:me|my\s+\w+|him|her|us)\b|"
    r"^\W*(?:if\s+only|i\s+wish)\s+i\s+could\s+(?:undo|fix|change|redo|clean)\b|"
    r"\bmy\s+(?:kid|son|daughter|boy|girl|kids|\w+)\s+(?:is|'s|are)\s+(?:so\s+|really\s+|a\s+bit\s+)?(?:nervous|excited|scared|worried|"
    r"sick|upset|thrilled)\b|^\W*(?:ha+!?\s+)?(?:perfect|great|ok)?[.!,\s]*printing\s+\d+\b|"
    # how they met, and their day: "They met rowing on that lake in 1975", "we met in Kyoto in 2019", "its our 3 year
    # anniversary tmrw", "dad still dances with her every night while the kettle boils"
    r"^\W*(?:we|they|he\s+and\s+she|she\s+and\s+he|(?:my|our)\s+[\w-]+\s+and\s+(?:i|me|[\w-]+))\s+(?:first\s+)?(?:met|married|got\s+"
    r"(?:married|engaged)|fell\s+in\s+love|moved\s+in)\b|"
    r"^\W*(?:it'?s|its|it\s+is)\s+(?:our|my|his|her|their)\s+(?:\d+\s*(?:st|nd|rd|th)?\s+|\w+\s+)?(?:year\s+)?(?:anniversary|birthday|"
    r"wedding\s+anniversary)\b|"
    r"^\W*(?:my\s+)?(?:dad|mum|mom|nan|gran|grandma|grandpa|granddad|husband|wife|he|she)\s+still\s+[a-z]+s\b", re.I)


def told_of_self(text: str, on_screen: bool = True) -> bool:
    """Whether the message only tells of the person's life (a story, a plan, a fact about people they know, their day).
    With no picture on screen only their day counts ("ugh, long day at work"): anything else may be a picture to draw."""
    t = text.strip()
    if on_screen and t and len(t) <= 240 and _NEWS_OF_THEM.search(t) and not _ASKS.search(re.sub(
            r"^\W*(?:if\s+only|i\s+wish)\s+i\s+could\s+\w+|\bgo\s+back\s+to\s+(?:school|work|bed|sleep)\b", "", t, flags=re.I)):
        return True
    if not t or len(t) > 240 or _ASKS.search(t):
        return False
    if _MOOD.search(t) or _THEIR_OWN.search(t):
        return True
    if not on_screen:
        return False
    if _THEIRS.search(t) or _NEWS.search(t) or _OWN.search(t):
        return True
    if _THEIR_OPINION.match(t):  # "lol she says the spider is too cute to be scary"
        return True
    if _WEATHER_HERE.search(t) and not re.search(r"\b(?:make|add|put|turn|give|change)\b", t, re.I):
        return True  # "It is pouring down here, we are all stuck indoors", "too rainy to go out today"
    if _REPORTED.search(t) and not _WISHED.search(t):  # "my daughter says the dragon should be purple" is her wish, asked
        return True
    if _DONE.match(t) and _SOON.search(t):
        return True
    return bool(_WHEN.search(t)) and bool(_SELF.match(t) or _DONE.match(t) or _THEIRS_WHEN.match(t))


def does_it_themselves(text: str) -> bool:
    """ "I'll fix it in photoshop", "I usually use chatgpt": what the person does on their own, said anywhere in the message."""
    return _THEIR_OWN.search(text.strip()) is not None and not _ASKS.search(text.strip())


# Before any picture: a day told ("rough day. our dog had surgery this morning"), the weather or a state that has lasted
# ("it's been raining for like 5 days straight here"), a greeting in Japanese, Chinese or Korean with news and no request
# ("こんにちは！このアプリ、友達から教えてもらいました").
_DAY_FIRST = re.compile(r"^\W*(?:(?:ugh+|sigh|man|omg|phew|oof|so)[,.!\s]+)*(?:(?:such\s+an?|what\s+an?|a|another)\s+)?(?:long|rough|hard|busy|"
                        r"crazy|exhausting|tough|bad|awful|terrible|weird|slow|stressful|horrible|brutal)\s+(?:day|week|night|shift|"
                        r"morning|monday|one)\b\s*[.!,…]+\s*(?=\S)", re.I)
_LASTED = re.compile(r"^\W*(?:(?:ugh+|man|so|honestly)[,.!\s]+)*(?:it'?s|it\s+has|its)\s+been\s+[a-z]+ing\b", re.I)
_CJK_GREETING = re.compile(r"^\W*(?:こんにちは|こんばんは|おはよう(?:ございます)?|はじめまして|你好|您好|嗨|大家好|안녕하세요|안녕)")
_CJK_ASKS = re.compile(r"描|かいて|書いて|作って|つくって|生成|画像|絵|イラスト|写真|出して|ください|下さい|お願い|画|图|做|给我|来一张|生成|"
                       r"그려|만들어|생성|그림|이미지|사진|주세요")


def told_before_a_picture(text: str) -> bool:
    """Whether a message sent before any picture only tells the person's day or news, and asks for nothing."""
    t = text.strip()
    if not t or len(t) > 240:
        return False
    if _CJK_GREETING.match(t):
        return not _CJK_ASKS.search(t)
    if _ASKS.search(t):
        return False
    day = _DAY_FIRST.match(t)
    if day:
        rest = t[day.end():]
        return told_of_self(rest, on_screen=True) or bool(_MOOD.search(rest) or _WHEN.search(rest))
    return bool(_LASTED.match(t) and _WHEN.search(t))
