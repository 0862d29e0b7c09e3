"""Telling what is said to us from what is asked of the picture: small talk (thanks, greetings, praise,
remarks), help, and questions about a picture or about anything else.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Chat, Help, Question
from conversation.cues import ASK_FOR_MORE, EDIT_VERB, strip_lead
from conversation.asked_abroad import asked_abroad
from conversation.said_in_passing import said_in_passing
from conversation.slips import slip_of
from conversation.interpreter import Context
from conversation.leftover import is_verdict, sentiment
from conversation.remark_forms import JUDGEMENT, LAUGH, LAUGHED_REMARK, MARKED_JUDGEMENT, REMARK, SAID_NOT_ASKED, SETTLED


_QUESTION_WORD = re.compile(
    r"^(?:what|what's|whats|which|who|whom|whose|when|where|why|how|is|are|was|were|do(?=\s+(?:you|u|i|we|they)\b)|does|did|can|could|"
    r"would|will|should|shall|have|has|had|tell me|explain|describe|define|list|give me (?:a|the) (?:definition|"
    r"explanation)|qu[ée]|cu[aá]l|por qu[ée]|c[oó]mo|was|warum|wie|pourquoi|comment|quel)\b", re.I)
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("seed", re.compile(r"\b(?:seeds?|semillas?|semente|semi|seme|graine|zufallswert)\b|种子|シード|시드", re.I)),
    ("steps", re.compile(r"\b(?:steps?|iterations?)\b", re.I)),
    ("guidance", re.compile(r"\b(?:guidance|cfg)\b", re.I)),
    ("negative", re.compile(r"\bnegative(?: prompt)?\b|\b(?:excluding|excluded|leaving out|left out)\b", re.I)),
    ("prompt", re.compile(r"\b(?:prompt|exact words|my words|use them exactly|what (?:did you|was) (?:send|sent|use|used)|what did you (?:write|type|put)(?:\s+(?:for|as|in))?|what did (?:i|we) (?:ask|type|say|write|request)(?: for)?|(?:what|why)\s+(?:did\s+)?you\s+"
                          r"(?:add|added|put|remove|removed)|you\s+added)\b|プロンプト|提示词|提示語|프롬프트", re.I)),
    ("model", re.compile(r"\b(?:models?|checkpoints?|engine|ai|dall-?e(?:[- ]?[23])?|stable diffusion|sd(?:xl)?|modelos?|"
                         r"mod[eè]les?|modell|modello)\b|模型|モデル|모델", re.I)),
    ("backend", re.compile(r"\b(?:backend|gpu|cpu|server|api)\b", re.I)),
    ("size", re.compile(r"^\W*is\s+(?:it|this|that)\s+(?:square|landscape|portrait|wide|tall|vertical|horizontal)\s*\?|\b(?:size|resolution|dimensions?|pixels?|aspect(?: ratio)?|gro(?:ß|ss)e?|tamaño|taille|grandezza|"
                        r"how (?:big|large|wide|tall) (?:is|was|are) (?:it|this|that|the (?:image|picture|pic)))\b", re.I)),
    ("style", re.compile(r"\bstyles?\b", re.I)),
    ("time", re.compile(r"\b(?:how long|time did it take|seconds|fast|slow|took)\b", re.I)),
    ("recipe", re.compile(r"\b(?:settings|parameters|params|recipe|config(?:uration)?|strength|denois\w*|samplers?|schedulers?|how did you (?:make|do|create|"
                          r"generate|draw) (?:it|this|that))\b", re.I)),
    ("watermark", re.compile(r"\bwater-?mark(?:s|ed)?\b|\b(?:signature|stamp|logo)\s+(?:on|in)\s+(?:it|them|these|those|the\s+\w+)\b", re.I)),
    ("quality", re.compile(r"\bwhy\s+(?:does|do|is|are)\s+(?:it|the\s+\w+|he|she|they)\s+(?:have|has)\s+(?:\w+\s+)?(?:legs|arms|fingers|heads|"
                           r"eyes|tails|hands|ears|wings)\b|\bwhy\s+(?:does|did|is)\s+(?:it|this|that|the\s+[\w-]+)\s+(?:say|spell|read|written)\b|\b(?:messed[- ]up|broken|mangled|melted|glitch\w*|artifacts?|extra (?:fingers|limbs|arms|legs)|"
                           r"(?:hands|fingers|faces?|eyes) (?:look|are|is)|wrong with|"
                           r"blurr?y|noisy|noise|ugly|bad|weird|distorted|deformed|grainy|low quality|"
                           r"fuzzy|messy|garbled|static|not good|doesn'?t look|look(?:s)? (?:like|wrong|off|strange))\b", re.I)),
    ("changes", re.compile(r"\bdid\s+you\s+change\s+(?:their|his|her|the|my|its)\s+\w+(?:\s+at\s+all)?\W*$", re.I)),
    # "why does the cabin look different now?", "why did her face change?": what changed, and why a change moves more
    ("changes", re.compile(r"\bwhy\s+(?:does|did|do|is|has|have)\s+(?:it|this|that|(?:the|her|his|their|its)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
                           r"(?:look(?:s|ing)?\s+(?:so\s+)?different|chang(?:e|ed|ing)|mov(?:e|ed)|shift(?:ed)?|come\s+out\s+different)\b", re.I)),
    ("changes", re.compile(r"\bwhat\s+(?:did|have)\s+you\s+(?:just\s+)?(?:change|changed|alter|altered|edit|edited)\b(?!\s+(?:it\s+)?to\b)|"
                           r"\bwhat(?:'s|\s+is|\s+was)\s+(?:different|changed)\b|\bwhat\s+changed\b|\bwhat'?s\s+the\s+difference\s+between\s+"
                           r"(?:the\s+(?:last\s+)?two|them|these|those|the\s+(?:pictures|images|versions))", re.I)),
    ("describe", re.compile(r"\b(?:describe|what(?:'s| is| do you see)? in (?:it|the|this|that)|what did you (?:draw|make|paint)|"
                            r"what (?:did|have) you (?:just )?(?:change|changed|do|did|alter|altered|edit|edited)(?: (?:there|this time))?"
                            r"(?: exactly)?\W*$|what(?:'s| is| was) (?:different|new|changed)\b|what you (?:changed|did|altered|edited)\b|"
                            r"what does (?:it|the (?:image|picture)) show|what is (?:this|that|it)\b|"
                            r"^\W*(?:are|is)\s+(?:those|these|that|this|they|it)\s+[\w ]{2,30}?\s+or\s+[\w ]{2,40}\?|"
                            r"^\W*(?:is|are)\s+(?:there\s+)?(?:an?\s+|the\s+|any\s+)?[\w-]+(?:\s+[\w-]+)?\s+in\s+(?:there|it|this|the\s+(?:picture|image|pic))\s*\?)",
                            re.I)),
]
_ABOUT_PICTURE = re.compile(
    r"\b(?:it|this|that|the (?:image|picture|pic|photo|result|last one|first one|one)|image|picture|"
    r"seed|steps|prompt|model|guidance|cfg|size|resolution|you (?:draw|made|make|used|use|sent|send|generate))\b", re.I)
# A place in the frame: "which crater is the big one near the middle?" asks about what is drawn there.
_PLACE_IN_PICTURE = re.compile(r"\b(?:near|in|at|on|to)\s+the\s+(?:middle|centre|center|left|right|top|bottom|corner|edge|background|"
                               r"foreground)\b|\bin\s+the\s+(?:top|bottom)\s+(?:left|right)\b", re.I)
_DRAW_INTENT = re.compile(r"\b(?:draw|paint|sketch|render|generate|create|illustrate|design|imagine|picture of|image of|"
                          r"photo of|make me|show me|give me|illustration of|drawing of|painting of|render of|sketch of|"
                          r"portrait of|(?:can|could|may) (?:i|we) (?:get|have) (?:an?|some))\b", re.I)


def tokens_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[a-z]+)?", text.lower())


def _chat_word(token: str) -> bool:
    """A word of small talk, as typed, with its drawn-out letters ("heyyy", "sooo", "niiice") shortened, or with one
    slip of the fingers in a long word ("perfct", "thnak", "beautful")."""
    return token in w.CHAT_WORDS or re.sub(r"(.)\1{2,}", r"\1", token) in w.CHAT_WORDS or \
        re.sub(r"(.)\1{2,}", r"\1\1", token) in w.CHAT_WORDS or slip_of(token) is not None


def _described(text: str, ctx: Context) -> int | None:
    """ "what seed was the mushroom cup?": the latest picture whose prompt has those words, if not the last one."""
    m = re.search(r"\b(?:of|was|is|for|in|did|on|with)\s+the\s+([a-z][\w -]{2,40}?)(?:\s+(?:one|picture|image|pic|version))?"
                  r"(?:\s+(?:use|have|get|take))?\W*$", text, re.I)
    if m is None or len(ctx.pictures) < 2:
        return None
    words = [x for x in re.findall(r"[a-z]{3,}", m.group(1).lower()) if x not in ("one", "picture", "image", "version", "last")]
    if not words:
        return None
    for pic in reversed(ctx.pictures):
        if all(pic.says(x, inside=True) for x in words):  # "cup" is in "teacup"
            return pic.number if pic is not ctx.pictures[-1] else None
    return None


def chat_kind(text: str) -> str | None:
    """The kind of small talk a message is, when it is only that."""
    t = text.strip()
    if not t:
        return None
    if not re.search(r"[^\W_]", t):  # emoji or punctuation only
        return "praise" if not re.fullmatch(r"\W*\?+\W*", t) else None
    if w.NEGATIVE_ACK.match(t):
        return "negative"
    passing = said_in_passing(t)
    if passing:
        return passing  # "perfect, let's stop there", "ugh today has been the worst"
    cjk = re.sub(r"[^\w\s!.,！。、，~〜ー]", "", t)  # emoji and other marks aside
    if cjk and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", cjk) and w.CJK_TALK.fullmatch(cjk):
        if w.THANKS.search(t):
            return "thanks"
        return "greeting" if w.GREETING.match(t) else "praise"
    if re.fullmatch(r"[\s!.,?~]*(?:(?:정말|진짜|너무|완전|예쁘다|예뻐요?|이쁘다|귀엽다|귀여워요?|멋지다|멋져요?|좋아요?|대박|최고|오+|"
                    r"맛있어 ?보인다|맛있겠다|"
                    r"와+|ㅋ+|ㅎ+|고마워요?|감사합니다|감사해요)[\s!.,?~]*)+", re.sub(r"[^\w\s!.,?~]", "", t)):
        return "thanks" if w.THANKS.search(t) else "praise"  # Korean: "정말 예쁘다", "ㅋㅋ 귀엽다"
    if re.fullmatch(r"\W*(?:(?:can|could) you\s+|pls\s+|please\s+)?(?:rate|score|grade|judge|critique|review)\s+(?:it|this|that|them|"
                    r"(?:my|the) (?:picture|image|pic|work))(?:\s+out of (?:10|ten|5|five))?\W*", t, re.I):
        return "other"  # "rate it": an opinion asked, nothing to draw
    if re.fullmatch(r"\W*(?:(?:ugh|hmm+|meh|nah|honestly|ok)[\s,]+)*(?:(?:that'?s|it'?s|this is)\s+)?(?:way\s+|a bit\s+|a little\s+)?"
                    r"(?:too much|overkill|over the top|a bit much|too busy now)\W*", t, re.I):
        return "negative"  # "ugh too much": a verdict on the change; what to do next is the person's to say
    if re.fullmatch(r"\W*(?:(?:ugh|hmm+|meh|nah|honestly|ok|hm+|well)[\s,]+)*(?:(?:there'?s\s+|it'?s\s+|i see\s+)?(?:not|hardly|barely)\s+"
                    r"(?:much|any|a lot of|a big)\s+(?:of\s+a\s+)?(?:difference|change)|(?:it\s+)?(?:looks|seems)\s+(?:about\s+|pretty much\s+|"
                    r"almost\s+|basically\s+|exactly\s+)?the same(?:\s+(?:as before|to me))?|(?:i\s+)?can'?t\s+(?:see|tell)\s+(?:the|a|any)\s+"
                    r"difference|(?:nothing|barely anything)\s+(?:really\s+)?changed)\W*", t, re.I):
        return "negative"  # "hmm not much difference": the change was too small; what to do about it is the person's to say
    if re.fullmatch(r"\W*(?:(?:ok(?:ay)?|alright|sure|cool|oh)[\s,!.]+)*(?:no (?:problem|worries|prob)|all good|that'?s (?:ok(?:ay)?|fine|alright))"
                    r"(?:[\s,!.]+(?:thanks|thank you|ty))?\W*", t, re.I):
        return "ack"  # "ok np": nothing to change
    if re.match(r"^\W*(?:brb|be right back|gtg|g2g|got to go|gotta go|afk)\b[\w\s,.!'-]{0,30}$", t, re.I):
        return "bye"  # "brb coffee": away for a moment, nothing to draw
    if re.fullmatch(r"\W*(?:(?:ok(?:ay)?|and|alright|hey|hi)[\s,]+)*(?:i'?m|im|i am)\s+back(?:\s+(?:now|again))?\W*", t, re.I):
        return "greeting"  # "ok im back"
    if re.fullmatch(r"\W*(?:(?:nothing|not) much|not a lot|same old|all good|i'?m (?:good|fine|ok(?:ay)?|alright|great|bored)|"
                    r"(?:just )?(?:bored|chilling|chillin'?|relaxing|killing time|procrastinating))"
                    r"(?:[\s,.!]+(?:just\s+|really\s+|kinda\s+|pretty\s+)?(?:bored|chilling|chillin'?|relaxing|killing time|"
                    r"procrastinating|tired|you|u|and you|hbu|wbu|thanks|ty))*\W*", t, re.I):
        return "greeting"  # "nothing much, just bored": an answer to "what's up", nothing to draw
    if re.fullmatch(r"\W*(?:(?:hi+|hello|hey+|morning|good morning|evening|good evening)\W+)?(?:it'?s\s+)?(?:my\s+)?first time"
                    r"(?:\s+(?:here|using (?:this|it|you|this app)|trying (?:this|it)))?\W*", t, re.I):
        return "greeting"  # "morning! first time using this"
    if re.fullmatch(r"\W*(?:(?:ok(?:ay)?|eh|meh|hmm+|well|yeah|ah|oh)[\s,]+)*(?:that'?s\s+|it'?s\s+|thats\s+)?(?:close enough|good enough|"
                    r"that'?ll do|it'?ll do|fair enough|works for me)(?:\s+(?:lol|haha|i guess|tbh|honestly|thanks|ty|for now))*\W*", t, re.I):
        return "ack"  # "close enough lol": settled, nothing to change
    if re.search(r"\b(?:bye+|goodbye|gtg|g2g|cya|see ya|see you(?: later)?|later)\W*$", t, re.I) and len(tokens_of(t)) <= 8 \
            and not EDIT_VERB.search(strip_lead(t)):
        return "bye"  # "ok lunch is over bye"
    if re.fullmatch(r"\W*(?:(?:ok(?:ay)?|right|well|alright)[\s,]+)*(?:no\s+more\s+(?:changes|edits|tweaks)|that'?s\s+(?:all|it)(?:\s+for\s+"
                    r"(?:now|today))?|i'?m\s+(?:all\s+)?done|all\s+done|nothing\s+(?:else|more))(?:[\s,.!]+(?:i\s+promise|promise|thanks?|"
                    r"thank\s+you|ty|for\s+now|for\s+today))*\W*", t, re.I):
        return "thanks"  # "No more changes, I promise!": the picture is done
    if re.fullmatch(r"\W*(?:yeah|yes|yep|oh|wow|ooh|ah)[\s,!]+(?:much|way|so|a\s+lot|loads)\s+(?:better|cleaner|nicer|clearer|sharper|"
                    r"prettier|cuter|cooler|closer)\W*", t, re.I):
        return "praise"  # "yeah much cleaner": the change liked, nothing more asked
    if SETTLED.fullmatch(t):
        return "thanks"  # "ok actually keep it like this, thx": nothing more to change
    if re.fullmatch(r"\W*(?:(?:my|our|the)\s+)?(?:client|customer|boss|wife|husband|kids?|son|daughter|mom|mum|dad|friend|"
                    r"girlfriend|boyfriend|partner|team|teacher|students?|grandma|grandpa)s?\s+(?:(?:will|is gonna|is going to|"
                    r"would|totally|really|absolutely)\s+)*(?:loves?|liked?|likes|adores?|approved|hates?)\s+(?:it|this|them|that|these)\b"
                    r"[^a-z]*", t, re.I):
        return "praise"  # "client loves it 🖤"
    if re.fullmatch(r"\W*(?:my\s+|our\s+)?[\w'-]+\s+(?:would|will|'d|'ll|is\s+gonna|is\s+going\s+to)\s+(?:totally\s+|so\s+|really\s+|"
                    r"definitely\s+|absolutely\s+)?(?:approve|love\s+(?:it|this|that)|be\s+(?:so\s+|very\s+)?(?:proud|impressed|happy|"
                    r"thrilled|pleased))\W*", t, re.I) and not re.match(r"\W*(?:it|this|that|you|u)\b", t, re.I):
        return "praise"  # "babcia would approve": someone's verdict imagined, nothing asked
    if re.fullmatch(r"\W*(?:(?:aw+|oh|yes|yeah)[\s,!]+)?(?:she|he|they|you|we|mum|mom|dad|nan)\s+(?:really\s+|so\s+|totally\s+)?(?:deserves?|earned)\s+"
                    r"(?:it|this|that|one|the\s+best)\W*", t, re.I):
        return "praise"  # "she deserves it"
    if re.search(r"\b(?:can|could)\s+(?:you|u)\s+be\s+(?:a\s+bit\s+|a\s+little\s+)?(?:faster|quicker)\b", t, re.I) and \
            not re.search(r"\b(?:make|add|draw|change)\b", t, re.I):
        return "other"  # "can you be faster next time lol i have a meeting in 5": a wish about the wait
    if re.fullmatch(r"\W*(?:(?:sigh+|\*sigh\*|ah well|oh well|haha|lol|well)[\s.,!…]+)*(?:maybe\s+)?(?:one day|some ?day|one of these days|"
                    r"in my dreams|a man can dream|a girl can dream|if only)\W*", t, re.I):
        return "other"  # "sigh. one day.": a wish for oneself, not a time of day
    if re.fullmatch(r"\W*(?:my|our)\s+(?:\w+\s+)?(?:grandma|grandmother|grandpa|grandfather|mom|mum|mother|dad|father|aunt|uncle|"
                    r"family|parents?|sister|brother)\s+(?:used to|would always|always|once|had|has|grew|loved?)\b[\w\s',-]{0,60}", t, re.I) \
            and not re.search(r"\b(?:draw|make|add|paint|show|put|give)\b", t, re.I):
        return "praise"  # "my grandma used to grow these": said about the picture, nothing asked
    said = re.sub(r"\b(?:vibes?|aesthetic|style|look|feel|energy|please|pls|plz|more|some|give it)\b", "", t, flags=re.I).strip(" ,.!?")
    named = w.find_style(said) if said else None
    if named and named[1].lower() == said.lower():
        return None  # "studio ghibli vibes": a look asked for, not a remark
    romaji = w.read_romaji(t)  # "sugoi!! kirei desu ne": Japanese praise in Latin letters
    if romaji in ("thanks!", "wow, love it!"):
        return "thanks" if romaji == "thanks!" else "praise"
    tokens = re.findall(r"[^\W_]+(?:'[a-z]+)?", t.lower())
    if re.fullmatch(r"\W*(?:good ?)?night\W*", t, re.I) and not re.match(r"\W*good", t, re.I):
        return None  # "night" alone after a picture: the time of day, not goodnight
    # "now night", "now happy": a change asked in two words, though each is a word of small talk
    asked_now = len(tokens) == 2 and tokens[0] == "now" and not (w.THANKS.search(t) or w.GREETING.search(t))
    # "what is it lol": a question about the picture, laughed after, though each word is one of small talk
    asked_what = re.match(r"^\W*(?:what|which|who|why)\s+(?:is|was|are|were|does|did)\s+(?!up\b)", t, re.I) is not None
    # "a wizard", "a legend please": a thing named with its article is a picture asked, though its word is also praise
    named_thing = re.fullmatch(r"\W*(?:an?|one)\s+(?!masterpiece|beauty|treat|dream|joy|delight|gem|lot|bit)[^\W\d_]+(?:\s+(?:please|pls|plz))?\W*",
                               t, re.I) is not None
    if tokens and all(_chat_word(tok) for tok in tokens) and len(tokens) <= 14 and not asked_now and not asked_what \
            and not named_thing:
        if w.THANKS.search(t):
            return "thanks"
        if w.BYE.search(t) and not re.search(r"\bnight\b", t, re.I) or re.search(r"\bgood ?night\b", t, re.I):
            return "bye"
        if w.GREETING.match(t):
            return "greeting"
        if re.fullmatch(r"\W*(?:ok(?:ay)?|k+|sure|yes|yeah|yep|yup|alright|fine|right|got it|i see)\W*", t, re.I):
            return "ack"
        if re.search(r"\b(?:no|nope|nah|meh|don'?t|dont|hate|bad|ugly|terrible|awful|weird|wrong|not|e+w+|yuck|ick|gross|blech)\b", t, re.I):
            return "negative"
        return "praise"
    if w.THANKS.search(t) and (len(tokens) <= 8 or len(tokens) <= 12 and w.THANKS.match(t) and not re.search(
            r"\b(?:make|add|remove|give|put|turn|change|draw|show|try|now|next|can|could|would|please|pls)\b", t, re.I)) and not EDIT_VERB.search(strip_lead(t)) \
            or re.fullmatch(
            r"\W*(?:thank you|thanks|ty)\s+(?:(?:so|very)\s+much\s+)?from\s+(?:both of us|all of us|us both|(?:me|us) and [\w' ]{1,20})\W*", t, re.I):
        return "thanks"
    if w.GREETING.match(t) and len(tokens) <= 6 and not _DRAW_INTENT.search(t):
        after = re.sub(r"^\W*(?:hi+|hello+|hey+|heya|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|hola|bonjour|"
                       r"hallo|ciao|olá|ola)\b", "", t, flags=re.I)
        rest = re.findall(r"[^\W_]+(?:'[a-z]+)?", after.lower())
        if all(_chat_word(tok) for tok in rest):  # "hello!" but not "hello! a cat in space please"
            return "greeting"
    if REMARK.match(t) and len(tokens) <= 12:
        return "praise"  # "she's going to love it"
    m = JUDGEMENT.match(t)
    if m and len(tokens) <= 10 and w.picture_number(t) is None:  # "this looks delicious haha", "hmm the colors are off": said, not asked
        return "negative" if re.match(r"(?:off|wrong|weird|strange|odd|bad|ugly|fake|boring|blurry|mushy|muddy|smudged|smeared|warped|meh|not|garbled|messed|broken|"
                                      r"wonky|janky|mangled|a mess|gibberish|unreadable|cursed)\b",
                                      m.group(1), re.I) else "praise"
    if SAID_NOT_ASKED.search(t) and len(tokens) <= 10 and not re.match(
            r"^\W*(?:make|add|remove|change|turn|put|give|draw|can|could|would|please|now|but)\b", t, re.I) \
            and not (len(tokens) >= 5 and re.match(r"^\W*(?:an?|some)\s", t, re.I)) \
            and not re.search(r"\b(?:but|instead|make|add|remove|change|put|turn|give|fix|redo|go back|back to|undo|revert|should|needs? to|"
                              r"must|without|sin|sans|ohne|senza|sem|zonder|por favor|please|pls)\b", t, re.I):
        return "praise"  # "looks tasty ngl", "10/10 no notes", "that one's a keeper 👌", "mood"
    praise_lead = re.match(r"^\W*(?:perfect|great|nice|cool|wow|lovely|amazing|awesome|cute|sweet|aww+|ok(?:ay)?)[\s,!.]+(?=\S)", t, re.I)
    if praise_lead and len(tokens) <= 10:
        rest = t[praise_lead.end():]
        if REMARK.match(rest) or SAID_NOT_ASKED.search(rest) or MARKED_JUDGEMENT.match(rest):
            return "praise"  # "perfect she'll love it", "perfect thats the vibe 🔥"
    if LAUGHED_REMARK.match(t) and len(tokens) <= 7:
        return "praise"  # "😂😂 drummer octopus", "aww the third one 😍", "lmao looks like new york now"
    if re.fullmatch(r"\W*(?:(?:yeah|yes|yep|ok(?:ay)?|true|honestly|hmm+|oh+|ah+|ooh+)[\s,!.]+)*(?:(?:that|this|it)(?: one)?(?:'s|\s+(?:was|is|looks?|"
                    r"looked))\s+)?(?:(?:so|much|way|a lot|even|loads|heaps)\s+)*(?:better|nicer|best|worse)(?:\s+(?:now|tbh|though|already))?\W*", t, re.I):
        return "praise"  # "yeah that was better": said, not asked
    m = MARKED_JUDGEMENT.match(t)
    if m and len(tokens) <= 10 and (re.search(LAUGH, t, re.I) or m.group("who").lower() in ("he", "she", "they")) \
            and not re.search(r"\b(?:too|more|less|enough|bigger|smaller|darker|brighter)\b", m.group("what"), re.I):
        return "praise"  # "haha he looks so sleepy": a remark, answered, never drawn
    if re.fullmatch(r"\W*(?:hmm+|hm+|well|honestly|tbh)?[\s,]*(?:i'?m |i am )?not (?:so |too |really )?sure(?: about (?:that|this|it))?"
                    r"|\W*(?:hmm+|hm+)?[\s,]*i (?:don'?t|do not) know(?: about (?:that|this|it))?\W*", t, re.I):
        return "negative"  # unsure: a reply that asks what to change, not a picture
    if re.fullmatch(r"\W*(?:i'?m|i am|im|i feel|feeling)\s+(?:so\s+|very\s+|really\s+|just\s+|a bit\s+|kinda\s+|pretty\s+)?"
                    r"[a-z]+(?:\s+(?:today|tonight|now|right now|lately|rn|atm))?\W*", t, re.I):
        return "other"  # "I'm bored", "i'm sad today"
    if is_verdict(t):
        return sentiment(t)  # type: ignore[return-value]  # "not bad at all", "alright understood"
    parts = [p for p in re.split(r"\s*(?:[,;]|[.!?]+(?=\s|$))\s*", t) if re.search(r"[^\W_]", p)]
    if 1 < len(parts) <= 4 and all(chat_kind(p) for p in parts):
        return next((k for k in map(chat_kind, parts) if k not in ("ack", "other")), "praise")  # "gorgeous, the orchids look so real"
    return None


_NOT_A_PICTURE_VERB = re.compile(
    r"^(?:write|sing|translate|summari[sz]e|answer|calculate|compute|code|program|recommend|teach|spell|count|solve|"
    r"speak|talk|chat|book|order|search|google|send|email|call|remind|suggest|cook|play|text|proofread|debug|rephrase|"
    r"compose|fix my|do my)$", re.I)


_NAMED_LAST = re.compile(r"\b(?:seed|prompt|steps|guidance|cfg|model|settings|parameters|recipe)(?:'s)?(?: number| value| used| again)?\s*(?:please)?\W*$",
                         re.I)



# A setting's name asked about as a word: "what's a seed?", "what is cfg?"
_WHAT_IS_A = re.compile(r"^\W*(?:(?:sorry|ok(?:ay)?|so|hi|hey|quick question)[\s,!.]+)*(?:what(?:'s|\s+is|\s+are)|whats)\s+(?:an?\s+|the\s+)?"
                        r"(?:seed|negative\s+prompt|cfg(?:\s+scale)?|guidance(?:\s+scale)?|steps|sampler|scheduler|lora|checkpoint|"
                        r"(?:denoising\s+)?strength|prompt\s+weights?|aspect\s+ratio)s?(?:\s+(?:exactly|even|anyway))?\s*\?*\W*$", re.I)


def question(text: str, ctx: Context) -> Question | Chat | Help | None:
    """A question (about a picture: Question; anything else: Chat), or None when it asks for a change."""
    t = text.strip()
    if asked_abroad(t, ctx):
        return None  # "¿puedes hacer una imagen de un gato naranja?": a picture asked for, not a question
    if not ctx.pictures and _WHAT_IS_A.match(t):
        return Help(topic="settings")  # "what's a seed?" before any picture: the word explained
    if ctx.scene is not None and t.count("?") <= 1 and re.match(r"^\W*(?:can|could|may)\s+(?:i|we)\s+(?:make|turn|have|get|see)\s+(?:it|this|that|him|her|them)\s+"
                                          r"(?:look\s+)?(?:like|as|in|into|more|less|a\s+bit|an?\s+)", t, re.I):
        return None  # "can i make it look like an oil painting?": a change asked for in the person's name
    passing = said_in_passing(t)
    if passing:
        return Chat(kind=passing)  # type: ignore[arg-type]  # "which one do you think works better?"
    marked = t.endswith(("?", "？"))
    # "1st pic's seed number pls": a setting named last, asked for without a question word or mark
    named = bool(_NAMED_LAST.search(t)) and not re.match(
        r"^\W*(?:use|set|change|keep|try|with|new|different|same|make|switch)\b", t, re.I) \
        and not re.search(r"\b(?:go|step|going)\s+back\b|\bundo\b", t, re.I) \
        and not re.search(r"\b(?:no|without|not\s+an?)\s+(?:[\w-]+\s+)?(?:model|prompt|steps|settings)\W*$", t, re.I)  # "…, soft shadows, no model"
    if not marked and re.match(r"^\W*(?:did|done)\s+(?:it|that|this|the\s+\w+)\s+(?:in|with|on|last|back|when|for|twice|once|myself|"
                               r"solo|alone)\b", t, re.I):
        return Chat(kind="other")  # "did it in 11 days in 2019 with my sister": told, not asked
    is_q = marked or _QUESTION_WORD.match(t) or named
    if not is_q:
        m = re.match(r"^(?:tell me|show me|give me|remind me(?: of| what| which)?|what'?s|print|display|"
                     r"i want to know(?: what| which)?|i forgot(?: what| which)?)\s+(?:the\s+)?"
                     r"(?:(?:exact|full|actual|whole|same|real)\s+)?"
                     r"(seed|prompt|steps|model|negative prompt|guidance|cfg|size|resolution|recipe|settings|parameters)\b", t, re.I)
        if not m:
            return None
    if ctx.scene is not None and re.fullmatch(r"\W*(?:any\s+)?(?:other|more|different|alternative)\s+(?:options|versions|variations|"
                                              r"takes|alternatives|ones)\W*", t, re.I):
        return None  # "other options?": more takes of the picture
    if marked and re.fullmatch(r"\W*(?:an?|some|two|three)\s+(?!(?:bit|little|lot|few|question)\b)[\w' -]{1,60}?\?+\W*", t, re.I):
        return None  # "a cat?": a picture offered, not a question
    if re.match(r"^(?:(?:good (?:morning|afternoon|evening)|hello|hi|hey)[\s,.!?]+)?(?:(?:before i (?:start|begin)|first(?: of all)?|"
                r"quick question|just wondering|sorry|excuse me)[\s,]+)?(?:(?:are|r) (?:you|u)|is (?:this|it|that)) (?:an? )?(?:real )?(?:ai|a\.i\.|bot|robot|human|"
                r"person|real|chatgpt|gpt|alive|sentient|computer|"
                r"machine|program)\b", t, re.I):
        return Chat(kind="offtopic")  # "are you an ai?": about the chat, not a picture's model
    if ASK_FOR_MORE.match(t) and ctx.scene is not None:
        return None  # "can i get 3 variations?": a request for pictures
    if ctx.scene is not None and re.fullmatch(r"\W*(?:(?:a (?:bit|little|tad|touch)|slightly|maybe|even|much)\s+)?(?:more|less)\s+"
                                              r"[\w-]+(?:\s+[\w-]+)?\s*[?？]+\W*", t, re.I):
        return None  # "a bit more colourful?": a change asked with a question mark
    if ctx.scene is not None and re.search(r",\s*(?:(?:a\s+(?:bit|little|tad)|slightly|maybe|much|even)\s+)?(?:more\s+[\w-]+|less\s+[\w-]+|"
                                           r"[a-z]{3,}er)\s*\?+\W*$", t, re.I) and not _QUESTION_WORD.match(t):
        return None  # "the light is a bit cold, warmer?": a change asked with a question mark
    if ctx.scene is not None and re.match(r"^(?:can|could|may) (?:it|he|she|they|we|i|this|the \w+|one of (?:the |them|those )?[\w-]*) (?:be|have|get|wear|see|hold|"
                                          r"look|become|see it)\b", t, re.I) and not any(rx.search(t) for _, rx in _TOPICS[:5]) \
            and not re.search(r"\b(?:several|multiple|many|at once|more than one)\b", t, re.I):
        return None  # "can it be landscape", "can he have a straw hat", "can i see it as a 3d render?": a change
    if re.match(r"^(?:make|add|remove|change|turn|put|give it|zoom|use|set|switch|replace|swap|get rid|take|move|fix|redo|"
                r"show (?:it|him|her|them)\b|"
                r"undo|bring|try|do(?!\s+(?:you|u|i|we|they)\b)(?!\s+(?!(?:a|an|the|one|some|another|it|this|that|more|something)\b)"
                r"[a-z]+s\s+(?:actually|really|ever|always|usually|still|even|normally|naturally|truly|often|just)\b)|draw|paint|create|generate|render|crop|flip|increase|"
                r"decrease|reduce|lighten|darken|brighten|another|one more|again)\b", t, re.I):
        return None  # "try it at night?" (after "can we"), "do another one?": a change
    if w.picture_number(t) is not None and re.search(r"\b(?:see|show|bring back|go back|back to|use|have|get)\b", t, re.I) \
            and not re.search(r"\b(?:seed|prompt|steps|model|settings|size|guidance)\b", t, re.I):
        return None  # "can I see the first one again?": back to it
    # A change phrased as a question is a change: "can you make it darker?", "what if it was at night?";
    # a favour that is no picture ("can you write me a poem?") is small talk.
    m = re.match(r"^(?:can|could|would|will) (?:you|u)\s+(?:please\s+)?(?:also\s+)?(\w+)", t, re.I)
    if m and _NOT_A_PICTURE_VERB.match(m.group(1)) and not (
            re.match(r"explain|tell|describe|show", m.group(1), re.I) and ctx.pictures
            and (any(rx.search(t) for _, rx in _TOPICS) or re.search(r"\b(?:chang\w*|did you|you did)\b", t, re.I))):
        return Chat(kind="offtopic")  # "can you write me a poem?"; not "can you explain what you changed?"
    if re.match(r"^(?:can|could|would|will) (?:you|u|we)\s+(?:please\s+)?(?!tell|explain|describe|say|remind|show me the "
                r"(?:seed|prompt|steps|model|settings))\w+", t, re.I):
        return None
    if re.match(r"^(?:what|how) (?:if|about)\b|^why not\b|^maybe\b|^should (?:we|i)\b|^is it possible to\b|"
                r"^(?:would|will|could|might) (?:it|this) look (?:better|nicer|cooler|good|great|more \w+)\b|"
                r"^(?:do|can) you (?:do|make|draw)\b(?!\W*$)|^what would (?:it|this|an?\s.+?|the\s.+?) look like\b|"
                r"^(?:what|how) (?:an?|the)\s.+?\s(?:would|might|could) look\b", t, re.I):
        return None
    if re.match(r"^(?:what|which|how|why|who|where|when|is|was|did|does|do|are|were|can|could|tell|describe|"
                r"show|give|remind|explain|print|display|i want to know|i forgot|what'?s|list)\b", t, re.I) is None and not marked \
            and not named:
        return None
    if re.search(r"(?:^|[.!?]\s+)(?:do|did) (?:you|u) (?:know|think)\s+(?:why|what|how|who|where|when|if|whether|an?|any)\b", t, re.I) and not re.search(
            r"\b(?:it|it'?s|this|that|the (?:picture|image|pic|photo)|seeds?|prompt|model|steps|you (?:drew|made|did))\b", t, re.I):
        return Chat(kind="offtopic")  # "do you know why sloths are so slow?": the world, not the picture
    if re.match(r"^(?:what(?:'s| is)|whats|which is)\s+your\s+(?:favou?rite|fave|fav)\b", t, re.I):
        return Chat(kind="offtopic")  # "what's your favorite style": about the chat, not the picture
    if re.match(r"^(?:is|was)\s+(?:this|it|that)\s+(?:made\s+(?:with|by)\s+)?(?:stable diffusion|sd|sdxl|dall-?e|midjourney|flux|"
                r"gpt|an? (?:ai|model))\b", t, re.I):
        return Question(topic="model")  # "is this stable diffusion 1.5 or sdxl?": the model that drew it
    if re.match(r"^(?:what(?:'s| is)? the (?:time|date|day)|what time is it|what day is (?:it|today))\b", t, re.I):
        return Chat(kind="offtopic")
    if re.search(r"\b(?:tomorrow|yesterday|tonight|next week|this weekend|forecast|the news|stock market|election|"
                 r"in (?:seattle|london|paris|new york|tokyo|[A-Z][a-z]+) (?:today|tomorrow|tonight|right now))\b", t, re.I) \
            and not any(rx.search(t) for _, rx in _TOPICS[:5]):
        return Chat(kind="offtopic")  # "do you know if it'll rain in seattle tomorrow?": the world, not the picture
    if re.search(r"\byour\s+(?:own\s+)?recipe\b|\brecipe\s+for\s+(?:an?\s+|the\s+)?(?:good|great|proper|perfect|best|easy|quick|simple|"
                 r"classic|real)\s+\w+", t, re.I):
        return Chat(kind="offtopic")  # "what's your recipe for a good victoria sponge?": baking, not the picture's recipe
    topic = next((name for name, rx in _TOPICS if rx.search(t)), None)
    asked = {name for name, rx in _TOPICS if name in ("seed", "steps", "guidance", "size", "model") and rx.search(t)}
    if len(asked) >= 2:
        topic = "recipe"  # "which seed and how many steps?": the recipe answers all of them
    number = w.picture_number(t) or (_described(t, ctx) if topic else None)
    if topic == "style" and re.search(r"\b(?:which|what) (?:other )?styles? (?:can|could|do|are|is(?!\s+(?:this|it|that|used|the|in|on)\b)|should)\b|"
                                      r"\bhow (?:do|can|could) (?:i|we|you) (?:change|set|switch|pick|choose)\b", t, re.I):
        return Help(topic="styles")  # "what styles can I use?" asks what there is, not about the picture
    if topic in ("model", "backend") and re.search(r"\b(?:which|what) (?:other )?(?:models?|backends?) (?:can|could|do|"
                                                   r"are (?:there|available)|is there)\b", t, re.I):
        return Help(topic="settings")
    if topic in ("model", "backend") and not ctx.pictures:
        return Question(topic="model")  # "what model are you using?" before any picture: the one set to draw
    about_picture = ctx.pictures and (topic is not None or _ABOUT_PICTURE.search(t) or _PLACE_IN_PICTURE.search(t))
    if about_picture and topic not in (None,) or (about_picture and re.search(r"\b(?:it|this|that|image|picture)\b", t, re.I)) \
            or about_picture and re.match(r"^(?:what|which|who|where)\b", t, re.I) and _PLACE_IN_PICTURE.search(t):
        if topic is None:
            topic = "describe" if re.search(r"\b(?:what|which|who|where|describe)\b", t, re.I) else "recipe"
        if number and number < -1 and -number <= len(ctx.pictures):
            number = ctx.pictures[number].number  # "the one before": counted back from the last
        return Question(topic=topic, image=number if number and number > 0 else None)
    if topic in ("seed", "steps", "prompt", "guidance", "negative") and not ctx.pictures:
        return Question(topic=topic)
    # A question that asks for a picture ("can you draw a cat?") was handled above; the rest is off-topic.
    if _DRAW_INTENT.search(t):
        return None
    return Chat(kind="offtopic")


# What follows thanks when it asks for something: a request, a change, a question, a picture.
_ASKS_FOR_SOMETHING = re.compile(
    r"(?:can|could|would|will|please|pls|make|add|remove|change|put|give|draw|paint|create|generate|render|show|"
    r"turn|try|use|now|what|which|how|why|where|who|is|are|do|does|did|an?|the|some|another|one more|undo|go back|"
    r"zoom|no|without|with|more|less|in|at|on|set|switch|replace|swap|let'?s|i(?:'d| would) like|i want|i need)\b", re.I)

_SENTENCE = re.compile(r"^(.+?(?:[.!?]+|[\u3002\uff01\uff1f]))\s*(\S.*)$", re.S)


def after_small_talk(message: str) -> str:
    """ "Thank you so much! Could you add a cat by the oven?": thanks or a greeting in front of a
    request is manners; the request is what is read (and a lone "thanks!" stays small talk)."""
    while True:
        m = _SENTENCE.match(message)
        if not m or chat_kind(m.group(1)) not in ("thanks", "praise", "greeting", "ack") or chat_kind(m.group(2)) \
                or REMARK.match(m.group(2)) or not _ASKS_FOR_SOMETHING.match(strip_lead(m.group(2))):
            return message  # "thank you!! she's going to love it" stays thanks, whole
        message = m.group(2)
