"""Questions about the app rather than a picture: a daily limit, what may be done with the pictures, printing and
exporting, who sees them and where they go, working offline, keeping a character the same across pictures, finding
earlier pictures. Answered with help, never drawn, even when they name a picture ("is it ok if I post this on our
instagram?", "can I print this at A3 size?"). A request said in another sentence of the message is left to the rules."""

from __future__ import annotations

import re

from conversation.actions import Help

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((topic, re.compile(pattern, re.I)) for topic, pattern in (
    ("cost", r"\b(?:is\s+there|what'?s|whats|what\s+is|any)\s+(?:a|the|any)?\s*(?:daily\s+|per[- ]day\s+)?(?:limit|cap|max(?:imum)?|quota)\b|"
             r"\bhow\s+many\s+(?:pictures|images|pics|ones|of\s+(?:these|them))?\s*(?:can|could|may|do)\s+(?:i|we)\s+(?:make|generate|create|"
             r"do|get)\b.*\b(?:day|today|per|month|week|hour)\b|\bdaily\s+limit\b"),
    ("files", r"\b(?:best\s+way|how)\s+(?:do\s+i\s+|to\s+)?(?:export|save|download|print)\b|"
              r"\b(?:can|could|may)\s+(?:i|we|you)\s+(?:get\s+(?:it|this|them|these)\s+)?print(?:ed)?\s+(?:it|this|them|these)?\s*(?:on|at|as|in)\s+"
              r"(?:an?\s+)?(?:mug|card|shirt|t-?shirt|canvas|poster|sticker|a[2-6]|[\w-]+\s+size)\b|\bis\s+it\s+possible\s+to\s+print\b"),
    ("manage", r"\b(?:is\s+there\s+a\s+way\s+to|can\s+i|how\s+(?:do|can)\s+i|where\s+(?:do|can)\s+i)\s+(?:see|find|view|look\s+at|get\s+back\s+to)\s+"
               r"(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+)?(?:previous|old|older|earlier|past|other)?\s*(?:pictures|images|pics|creations|history|conversations)\b"),
    ("rights", r"\b(?:can|could|may)\s+(?:i|we)\s+(?:post|sell|use|put|trademark|copyright|share)\s+(?:these|this|them|it|one\s+of\s+(?:these|them)|"
               r"the\s+(?:pictures|images|designs))\b|\b(?:can|could|may)\s+(?:i|we)\s+print\s+(?:these|this|them|it)\s+(?:for|to\s+sell|"
               r"commercially|and\s+sell|without)\b|\b(?:are|is)\s+(?:these|this|they|it|the\s+pictures(?:\s+i\s+make(?:\s+here)?)?)\s+(?:mine|ours|"
               r"ok(?:ay)?\s+to\s+(?:use|post|print|sell|share|put)|free\s+to\s+use)\b|\bdo\s+(?:i|we)\s+own\b|\bis\s+it\s+ok(?:ay)?\s+(?:if\s+(?:i|we)|to)\s+(?:post|use|print|sell|share|put)\b|"
               r"\btrademark\b|\bsomeone'?s\s+likeness\b|\bis\s+(?:that|she|he)\s+a\s+real\s+person\b|\bwithout\s+any\s+(?:problem|issue)s?\b"),
    ("variations", r"\b(?:can|could)\s+(?:you|u|it|i)\s+(?:do|make|give|draw|get)\s+(?:\d|two|three|four|several|multiple|more\s+than\s+one)\s+"
                   r"(?:variations|versions|pictures|images|options|of\s+them)?\s*at\s+once\b.*\?"),
    ("limits", r"\b(?:does|can|will|could)\s+(?:it|this|you|u)\s+(?:even\s+)?(?:do|write|handle|spell|put|make)\s+(?:text|words|letters|"
               r"lettering|writing)\b|\b(?:will|would)\s+(?:the\s+|my\s+)?(?:title\s+)?(?:text|words|letters|lettering|title|name)\s+"
               r"(?:come\s+out|be|look)\s+(?:readable|legible|right|correct|ok(?:ay)?|spelled\s+right)\b|"
               r"\b(?:text|words|letters|lettering|title|name)\s+(?:will|would)\s+(?:come\s+out|be|look)\s+(?:readable|legible|right|correct|"
               r"spelled\s+right)\b"),
    ("manage", r"\b(?:does|do|will)\s+(?:this|it|the\s+app)\s+(?:even\s+)?(?:save|keep|store)\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+(?:pics|pictures|images|"
               r"stuff|work|history|creations)\b"),
    ("settings", r"\bhow\s+(?:big|large|wide|tall|high[- ]?res)\s+(?:can|could|may|do|are)\s+(?:the\s+)?(?:pics|pictures|images|they|it|you|i)\b|"
                 r"\bmax(?:imum)?\s+(?:size|resolution)\b|\b(?:does|do|can|will)\s+(?:it|this|you|u|the\s+app)\s+(?:even\s+)?(?:support|do|take|"
                 r"read|use|understand|handle)\s+(?:things\s+like\s+)?(?:loras?|clip\s*skip|--\w+|negative\s+prompts?|(?:prompt\s+)?weights?|"
                 r"samplers?|cfg|controlnet|embeddings?|textual\s+inversions?)\b|\b(?:does|do)\s+(?:clip\s*skip|--\w+|loras?|the\s+sampler|cfg)"
                 r"(?:\s+\d+)?\s+(?:(?:even|actually)\s+)?(?:do\s+anything|work|matter|change\s+anything)\b|\blike\s+midjourney'?s\s+--\w+"),
    ("edits", r"\bis\s+there\s+an?\s+(?:undo|redo|edit|eraser?)\s+button\b|\b(?:can|does|could)\s+(?:this|it|you|u)\s+(?:even\s+)?(?:do\s+)?"
              r"(?:inpainting|inpaint|outpainting|outpaint|masking)\b|\bhow\s+do\s+i\s+(?:undo|inpaint)\b"),
    ("files", r"\bhow\s+(?:would|do|can|should|could)\s+i\s+(?:go\s+about\s+)?(?:print(?:ing)?|sav(?:e|ing)|download(?:ing)?|export(?:ing)?)\b|"
              r"\b(?:can|could)\s+i\s+download\b"),
    ("general", r"\bwhat\s+(?:exactly\s+)?(?:can|does)\s+(?:it|this|this\s+thing|this\s+app|you)\s+(?:do|make)\b"),
    ("limits", r"\b(?:put\s+(?:these|them|all\s+of\s+them)\s+together|turn\s+(?:these|them|all\s+of\s+them))\s+(?:into|in|as)\s+an?\s+(?:\w+\s+){0,2}(?:book|pdf|album|video|gif|collage|slideshow)\b|"
               r"\bto\s+scale\b|\bactual\s+measurements\b|\bmake\s+it\s+move\b|\banimat(?:e|ion|ed)\b|"
               r"\b(?:are|is)\s+there\s+(?:things|anything|stuff)\s+(?:you|it)\s+(?:can'?t|cannot|won'?t)\s+(?:draw|make|do)\b"),
    ("edits", r"\bdifference\s+between\s+undo\b|\bundo\s+and\s+go(?:ing)?\s+back\b"),
    ("settings", r"\b(?:always|only)\s+square\b|\bother\s+(?:shapes|sizes)\b"),
    ("manage", r"\bhow\s+(?:do|can)\s+i\s+(?:delete|remove|get\s+rid\s+of)\s+(?:the\s+|my\s+|some\s+|old\s+)?(?:pictures|images|pics|ones)\b"),
    ("consistency", r"\bhow\s+(?:do|can|would|will)\s+(?:you|i|we)\s+keep\s+(?:him|her|them|it|the\s+\w+)\s+looking\s+the\s+same\b"),
    ("offline", r"\b(?:works?|run|runs)\s+offline\b|\bwithout\s+(?:internet|wi-?fi|a\s+connection|signal)\b|\bdead\s+zones?\b"),
    ("consistency", r"\b(?:keep|make)\s+(?:her|him|them|it|the\s+[\w-]+)\s+(?:looking\s+)?"
                    r"(?:the\s+same|identical|consistent)\s+(?:across|in|for|through(?:out)?)\b|\b(?:keep|make)\s+(?:his|her|their|its)\s+face\s+"
                    r"(?:identical|the\s+same|consistent)\b|\bsame\s+(?:character|face|person)\s+(?:across|in\s+every|in\s+all)\b"),
    ("privacy", r"\b(?:does|do|can|will|would)\s+(?:anyone|anybody|other\s+people|others|the\s+company|openai|google)\s+(?:else\s+)?(?:see|"
                r"keep|store|save|read|look\s+at|have\s+access\s+to)\b|\b(?:do|does|will|would)\s+you\s+(?:keep|store|save|share|sell)\s+"
                r"(?:a\s+copy|copies|my|what|the\s+(?:pictures|images|prompts|photos)|these|them|anything)\b|\bsent\s+(?:to\s+(?:the\s+cloud|"
                r"a\s+server|openai|anyone|the\s+internet)|anywhere)\b|\bprivacy\b|\bis\s+(?:it|this|my\s+\w+)\s+private\b"),
))
# A sentence that asks rather than tells: a question mark, or a question's first words
_ASKING = re.compile(r"\?\W*$|^\W*(?:(?:hey|so|ok(?:ay)?|and|also|quick\s+q(?:uestion)?|before\s+i\s+start)[,:\s]+)*(?:can|could|may|is|are|"
                     r"does|do|will|would|how|what'?s|what|where|any)\b", re.I)
# A sentence that asks a change: "also could the background be a bit more pastel", "add a few yoga mats"
_REQUEST = re.compile(r"^\W*(?:(?:also|and|then|so|pls|please|oh|ok(?:ay)?)[,\s]+)*(?:(?:could|can|would)\s+(?:you|u|it|the|we)\b|make|add|"
                      r"remove|change|draw|turn|give|put|try|use)\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def asked_of_app(text: str) -> Help | None:
    """The help a question about the app asks for, or None when the message asks none (or asks a change as well)."""
    sentences = [s for s in _SENTENCES.split(text.strip()) if s.strip()]
    for i, sentence in enumerate(sentences):
        topic = next((name for name, rx in _TOPICS if rx.search(sentence)), None)
        if topic is None or not _ASKING.search(sentence) and topic not in ("privacy", "offline"):
            continue
        others = sentences[:i] + sentences[i + 1:]
        if any(_REQUEST.search(other) for other in others):
            return None  # "is it possible to print it? also could the sky be pinker": the change is read elsewhere
        return Help(topic=topic)  # type: ignore[arg-type]
    return None
