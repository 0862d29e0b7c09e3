"""Is the message a picture to make, or a greeting or question for the bot?"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^(hi+|hello+|hey+|hiya|yo|howdy|greetings|good (morning|afternoon|evening|day)|"
    r"thanks?( you)?( so much| a lot)?|thank you( so much)?|thx|ty|cheers|bye|goodbye|ok(ay)?|cool|nice|great|"
    r"awesome|help|\?+|menu|start|what'?s up|sup)( there)?( bot)?[\s!.?]*$", re.I)
_ABOUT_BOT = re.compile(
    r"^(what (can|do) you (do|make|draw)|what are you|who are you|how (do|does) (you|this|it) work|"
    r"how do i (use|start)|what is this|what'?s this|what styles?|which styles?|what models?|"
    r"are you (a bot|an ai|human)|can you help|help me|how can you help|what can i (do|ask)|"
    r"what should i (type|say|write)|list (the )?styles|show (me )?(the )?styles|how to use)\b", re.I)
# Requests to draw are pictures even when phrased as a question ("can you draw a cat?").
_DRAW = re.compile(r"\b(draw|paint|sketch|render|generate|create|make|show|design|illustrate|picture|image|photo)\b", re.I)


def classify(message: str) -> str:
    """"chat" for greetings and questions about the bot, otherwise "image"."""
    text = message.strip()
    if _GREETING.match(text):
        return "chat"
    if _ABOUT_BOT.match(text) and not re.search(r"\b(draw|paint|sketch|render|generate|create)\s+(me\s+)?(a|an|the|some)\b", text, re.I):
        return "chat"
    return "image"


def reply_for(message: str, style_names: list[str]) -> str:
    text = message.strip().lower()
    if re.match(r"^(thanks?|thank you|thx|ty|cheers)", text):
        return "You're welcome! Describe another picture whenever you like."
    if re.match(r"^(bye|goodbye)", text):
        return "Goodbye! Your pictures stay in the gallery."
    if re.search(r"styles?", text):
        shown = ", ".join(style_names[:12])
        return (f"There are {len(style_names)} styles, for example: {shown}. "
                "Pick one from the style menu, or say \"make it a watercolor\" after a picture.")
    return (
        "Hi! Describe a picture and I'll make it, for example \"a lighthouse on a cliff at dusk\". "
        "Then refine it in your own words: \"now at night\", \"add a red umbrella\", \"remove the people\", "
        "\"wider\", \"closer\", \"make it a watercolor\", or \"another one\" for a new variation. "
        "You'll see the exact prompt I send, and you can switch on \"as is\" to send your words unchanged."
    )
