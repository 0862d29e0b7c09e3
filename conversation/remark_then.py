"""What a message asks when a remark or a laugh comes with it, and what "that" points back to: "now pixel art
lol", "lol that's terrifying, go back", "hmm i preferred night", "nvm put them back", "ok do that" after the
help said how, "go back to that one" after a reply named a picture, "use that seed" after a reply named one, a plan
told before any picture. Pure functions."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Add, Op, Repeat, Revert, Undo
from conversation.interpreter import Context
from conversation.phrases import bare
from conversation.short_followups import last_reply, last_said
from conversation.small_talk import chat_kind
from conversation.words import picture_number

_LAUGH = r"(?:lol+|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|xd|[😂🤣😆😅😹💀]+)"
_LAUGH_LEAD = re.compile(rf"^(?:\s*{_LAUGH}[\s,.!]*)+", re.I)
_LAUGH_TAIL = re.compile(rf"(?:[\s,.!]+{_LAUGH})+\W*$|(?<=[^\W\d_])\s*[😂🤣😆😅😹💀]+\W*$", re.I)
# What a change opens with: what is left once the laugh is off must be asked, not said ("😂😂 drummer octopus" is said).
_CHANGE_CUE = re.compile(r"^(?:now|more|less|add|make|remove|change|turn|put|give|go back|back to|undo|try|zoom|redo|again|"
                         r"another|one more|bigger|smaller|no more|get rid of|no,? i meant|i meant)\b", re.I)


def laugh_aside(message: str) -> str:
    """ "now pixel art lol", "😂😂 more bubbles", "more chaotic 😂 add a shopping cart": the laugh around or between
    changes taken off, so the changes are read."""
    message = re.sub(r"(?<=[^\W\d_])\s*(?:[😂🤣😆😅🙄😩]+|\s(?:lol|lmao|haha+)\b)\s*(?=(?:add|make|remove|put|give|and|now|more|less|try)\b)", ", ",
                     message, flags=re.I)
    rest = _LAUGH_TAIL.sub("", _LAUGH_LEAD.sub("", message)).strip()
    rest = re.sub(r"^[🔥❤️😍👍🙌✨💯]+\s*", "", rest)  # "🔥 ok one more with a different seed"
    rest = re.sub(r"^(?:ok(?:ay)?|alright)[\s,]+(?=now\b|one more\b|another\b|again\b)", "", rest, flags=re.I)  # "haha ok now she's …"
    return rest if rest and rest != message.strip() and _CHANGE_CUE.match(rest) else message


# The last clause asks to go back or again: "lol that's terrifying, go back", "ugh creepy. undo".
_HISTORY_ASK = re.compile(r"^(?:(?:pls|please|just|so|ok(?:ay)?|then)\s+)*(?:go back|back|undo|revert|take it back|try again|"
                          r"again|redo|re-?roll|another(?: one)?|one more)\b", re.I)


def asked_after_remark(body: str, read: Callable[[str], Action]) -> Action | None:
    """The undo, revert or repeat a remark ends with; None when the message only remarks."""
    clauses = [c for c in re.split(r"\s*[,.;!]+\s*|\s+-+\s+", body.strip(" .!?")) if c]
    if len(clauses) < 2 or not _HISTORY_ASK.match(clauses[-1]):
        return None
    action = read(clauses[-1])
    return action if isinstance(action, (Undo, Revert, Repeat)) else None


_PREFERRED = re.compile(r"^(?:(?:hmm+|hm+|ok(?:ay)?|honestly|tbh|nah|actually|ugh|meh|yeah|no|wait)[\s,.]+)*(?:i|we)\s+"
                        r"(?:(?:kinda|kind of|actually|definitely|really)\s+)?(?:preferr?ed|liked|loved)\s+(?:it\s+)?"
                        r"(?:(?:at|in|with|as|during|by)\s+)?(?:the\s+)?(?P<look>[\w-]+(?:\s+[\w-]+)??)"
                        r"(?:\s+(?:better|more|tbh|honestly|though|tho))*\W*$", re.I)
_NOT_A_LOOK = re.compile(r"(?:it|that|this|them|one|those|these|before|version|picture|image|pic|original|old one|way|"
                         r"(?:previous|last|other|earlier|old|first|second|third)(?:\s+(?:one|version|picture|image|pic))?)$", re.I)


def preferred_look(text: str, ctx: Context) -> int | None:
    """ "hmm i preferred night" after "make it dawn instead": the latest earlier picture that had it, when the
    picture on screen has it no more; None otherwise."""
    m = _PREFERRED.match(text.strip())
    if m is None or len(ctx.pictures) < 2:
        return None
    look = m.group("look")
    if _NOT_A_LOOK.match(look) or picture_number(look) is not None or ctx.pictures[-1].says(look):
        return None
    return next((pic.number for pic in reversed(ctx.pictures[:-1]) if pic.says(look)), None)


_PUT_BACK = re.compile(r"^(?:(?:nvm|never ?mind|actually|ok(?:ay)?|no|nah|hmm+|oops|wait|on second thought|changed my mind)[\s,.!]+)*"
                       r"(?:(?:pls|please|can you|could you)\s+)?(?:(?:put|bring|add)\s+(?P<a>them|it|those|that|him|her|these|"
                       r"the\s+[\w-]+(?:\s+[\w-]+)?)\s+back(?:\s+in)?|bring\s+back\s+(?P<b>them|it|those|the\s+[\w-]+(?:\s+[\w-]+)?))"
                       r"(?:\s+(?:please|pls|then))?\W*$", re.I)
_REMOVED = re.compile(r"\b(?:remove|delete|erase|get rid of|take out|take away|lose|drop|without|no)\b", re.I)


def put_back(text: str, ctx: Context) -> bool:
    """ "nvm put them back" right after a removal: that removal undone."""
    m = _PUT_BACK.match(text.strip())
    said = last_said(ctx)
    if m is None or len(ctx.pictures) < 2 or not _REMOVED.search(said):
        return False
    named = m.group("a") or m.group("b")
    if re.fullmatch(r"them|it|those|that|him|her|these", named, re.I):
        return True
    return re.search(rf"\b{re.escape(bare(named))}", said, re.I) is not None


# "ok do that": what the reply before said to say, done.
_DO_THAT = re.compile(r"^(?:(?:ok(?:ay)?|sure|yes|yeah|yep|alright|cool|great|perfect|nice)[\s,!.]+)*(?:(?:then\s+)?(?:do|try)\s+"
                      r"(?:that|it|so|one)|go\s+(?:ahead|for it)|let'?s\s+(?:do|try)\s+(?:that|it))(?:\s+(?:then|please|pls|for me|now))?\W*$",
                      re.I)


def done_as_said(text: str, ctx: Context, how_to_vary: str) -> Action | None:
    """ "ok do that" after the help said how to get another version: another version."""
    reply = last_reply(ctx)
    if ctx.scene is None or not _DO_THAT.match(text.strip()) or not reply.startswith(how_to_vary):
        return None
    return Repeat()


_BACK_TO_THAT = re.compile(r"^(?:(?:ok(?:ay)?|yes|yeah|right|cool|then|so|hmm+)[\s,!.]+)*(?:(?:go|get|take me|switch)\s+)?back\s+to\s+"
                           r"(?:that|this|it)(?:\s+one)?(?:\s+(?:then|please|pls))?\W*$", re.I)


def picture_just_named(text: str, ctx: Context) -> int | None:
    """ "ok go back to that one" after a reply about picture 1: picture 1."""
    if not _BACK_TO_THAT.match(text.strip()):
        return None
    reply = last_reply(ctx)
    m = re.match(r"\W*Picture (\d+)\b", reply or "")
    number = int(m.group(1)) if m else None
    return number if number and number < len(ctx.pictures) else None


_OTHER_WAS_BETTER = re.compile(r"^(?:(?:ngl|tbh|honestly|hmm+|nah|ok(?:ay)?|lol|ugh|actually|yeah|no)[\s,.]+)*(?:i\s+think\s+)?the\s+"
                               r"(?:other|previous|old|last|earlier)\s+(?!one\b)[\w-]+(?:\s+[\w-]+)?\s+(?:was|looked|is|were)\s+"
                               r"(?:way\s+|much\s+|so\s+|a lot\s+|kinda\s+|definitely\s+)?(?:better|nicer|cooler|prettier)"
                               r"(?:\s+(?:tbh|ngl|honestly|though|tho|lol))*\W*$", re.I)


def other_was_better(text: str, ctx: Context) -> bool:
    """ "ngl the other hair was better" right after the hair changed, or "ugh no": the picture before, back."""
    return len(ctx.pictures) >= 2 and (_OTHER_WAS_BETTER.match(text.strip()) is not None or _UGH_NO.fullmatch(text.strip()) is not None)


_UGH_NO = re.compile(r"\W*(?:(?:ugh|argh|eww*|yikes|oof|nah|oh)[\s,.!]+)+(?:no+|nope)[\s!.]*(?:go back|undo)?\W*|\W*(?:no+[\s,!.]+){1,3}no+\W*", re.I)


_KEEP_THING = re.compile(r"^\W*(?:(?:but|and|oh|ok(?:ay)?|pls|please)[\s,]+)*(?:keep|bring back|don'?t lose)\s+(?:the\s+|those\s+|that\s+|its\s+)?"
                         r"(?P<thing>(?!(?:it|this|that|picture|image|pic|everything|composition|rest|same)\b)[\w -]{2,30}?)"
                         r"(?:\s+(?:tho|though|please|pls|too|as well|in|in it|from before|though pls))*\W*$", re.I)


def kept_from_before(text: str, ctx: Context) -> list[Op] | None:
    """ "keep the neon tho" after a new look lost it: the words an earlier picture had for it, back."""
    m = _KEEP_THING.match(text.strip())
    if m is None or len(ctx.pictures) < 2 or ctx.pictures[-1].says(m.group("thing")):
        return None
    for pic in reversed(ctx.pictures[:-1]):
        said = next((p.strip() for p in pic.prompt_sent.split(",") if re.search(rf"\b{re.escape(m.group('thing'))}", p, re.I)), None)
        if said:
            return [Add(thing=said)]
    return None


_AND_THAT_ONE = re.compile(r"^\W*(?:and|what about|how about|same for|and for)\s+(?:the\s+)?(?P<which>first|second|third|1st|2nd|3rd|last|"
                           r"previous|original|other)(?:\s+(?:one|picture|image|pic))?\s*\?*\W*$|"
                           r"^\W*(?:and|what about|how about|same for|and for)\s+(?:#|picture\s+|image\s+|pic\s+|number\s+)(?P<n>\d{1,2})\s*\?*\W*$", re.I)


def asked_again_of(text: str, ctx: Context, ask: Callable[[str, Context], object]) -> Action | None:
    """ "and the first one?" right after "whats the seed of this one": the same question, of the first picture."""
    m = _AND_THAT_ONE.match(text.strip())
    said = last_said(ctx)
    if m is None or not said or not ctx.pictures:
        return None
    number = int(m.group("n")) if m.group("n") else picture_number(f"the {m.group('which')} one")
    if number is None or number == 0:
        return None
    number = number if number > 0 else len(ctx.pictures) + number + 1
    asked = ask(said, ctx)
    if getattr(asked, "intent", None) != "question" or not 0 < number <= len(ctx.pictures):
        return None
    return asked.model_copy(update={"image": number})  # type: ignore[union-attr]


# What the person is working on, told first, with nothing yet asked: "i'm making a card for my mom's retirement".
_PLANS = re.compile(r"^\W*(?:(?:hey|hi|hello|ok(?:ay)?|so|hiya|yo)[\s!,.]+)*(?:i'?m|i am|im|we'?re|we are)\s+(?:making|working on|planning|"
                    r"designing|putting together|preparing|doing)\s+(?:a|an|some|my|our)\b[^?]*$", re.I)
_ASKED = re.compile(r"\b(?:draw|paint|make (?:me|that|this|it|one)|generate|create|render|picture of|image of|illustration of|photo of|"
                    r"can you|could you|would you|please|pls|i'?d love|i want|i need|i'?d like|show me|design me)\b|"
                    r"\b(?:of|showing|featuring|with)\s+(?:an?|the|some|two|three|\d+)\s|"
                    r":\s*[^,:]+,[^,]+", re.I)  # "a poster of a tiger", "a poster for my class: clouds, rain, …": that is the picture
PLANS_REPLY = ("That sounds lovely! Describe the picture you'd like for it (what is in it, and a style, e.g. \"a watercolor of "
               "…\") and I'll make it.")


def plans_told(text: str, ctx: Context) -> bool:
    """A plan told before any picture, with no picture asked for yet: answered, not drawn."""
    return ctx.scene is None and not ctx.pictures and _PLANS.match(text.strip()) is not None and not _ASKED.search(text)


def past_manners(translated: str) -> str:
    """ "thanks, which model was that?" (read from "gracias! qué modelo es este?"): the question, not the thanks."""
    parts = translated.split(", ")
    while len(parts) > 1 and chat_kind(parts[0]) in ("thanks", "praise", "greeting", "ack") and not chat_kind(", ".join(parts[1:])):
        parts = parts[1:]
    return ", ".join(parts)


def seed_just_said(ctx: Context) -> int | None:
    """The seed the last reply named ("Picture 1 used seed 1234."), if it named one."""
    m = re.search(r"\bseed\s+(\d{1,10})\b", last_reply(ctx), re.I)
    return int(m.group(1)) if m else None


# A sentence said about the picture or the moment before the request: "Oh, it is beautiful. He would have loved it."
_SAID_FIRST = re.compile(r"^\W*(?:(?:oh|ah|aw+|wow|well|hmm+|ok(?:ay)?)(?:\s+(?:dear|my|wow|my god|gosh))?[\s,!.]+)*(?:(?:it|this|that)(?:'s|\s+is|"
                         r"\s+was|\s+looks)\s+(?:so\s+|very\s+|really\s+|just\s+|quite\s+)?(?:lovely|beautiful|wonderful|gorgeous|perfect|"
                         r"great|nice|amazing|stunning|good|cute|sweet)|(?:ok(?:ay)?,?\s+)?(?:so\s+)?(?:a few|some|two|three)\s+things\s+i'?d\s+"
                         r"like\s+to\s+change|(?:ok(?:ay)?\s+)?i\s+(?:need|like|want|love)\s+both(?:\s+(?:versions|of them|"
                         r"options))?|(?:he|she|they|my \w+)\s+(?:would have|would've|will|would)\s+"
                         r"(?:loved?|liked?|adored?)\s+(?:it|this|that)|(?:oh|ah)\s+(?:dear|my|wow|gosh)|thank you(?: so much)?|thanks)\W*$", re.I)


def after_remarks(message: str) -> str:
    """ "It is lovely. Could there be flowers in the front garden?": the request, without the sentences before it
    that only remark."""
    sentences = re.split(r"(?<=[.!?])\s+(?=\S)", message.strip())
    while len(sentences) > 1 and _SAID_FIRST.match(sentences[0]):
        sentences = sentences[1:]
    return " ".join(sentences) if len(sentences) < len(re.split(r"(?<=[.!?])\s+(?=\S)", message.strip())) else message


_TONE_DOWN = re.compile(r"^\W*(?:(?:too much|way too much|overdone|overkill)[\s,.!]+)?(?:tone|dial|pull|bring)\s+it\s+(?:down|back)(?:\s+a\s+(?:bit|little|notch))?\W*$", re.I)
_PURE_BACK = re.compile(r"^\W*(?:(?:so|then|ok(?:ay)?|just|please|pls)\s+)*(?:(?:can|could)\s+(?:we|you|u|i)\s+(?:please\s+)?)?"
                        r"(?:let'?s\s+)?(?:undo(?:\s+(?:that|it|this))?|back\s+to\s+(?:that|that one|the (?:previous|last|old|other) one|before)|"
                        r"go back(?:\s+to\s+(?:that|it|that one|the (?:previous|last|old|other) one|before)|"
                        r"\s+one(?:\s+step)?)?|"
                        r"revert(?:\s+(?:that|it))?|the\s+(?:previous|old|other)\s+one)(?:\s+(?:please|pls|then|now))*\W*$", re.I)


_NAMES_ONE = re.compile(r"\b(?:first|second|third|original|v\d)\b|\bthe\s+[\w-]+\s+(?:one|version|picture)\b|#\d", re.I)


def ends_going_back(message: str, ctx: Context) -> bool:
    """ "hmm the stars ruin it, undo", "Oh dear, I preferred it without the lambs. Can we go back?": whatever is said
    first, the last words ask for the picture before."""
    clauses = [c for c in re.split(r"\s*[,.;!?]+\s*|(?:(?<=fine)|(?<=better)|(?<=good)|(?<=nicer))\s+(?=go back|undo)", message.strip(), flags=re.I)
               if c.strip()]
    if len(clauses) >= 2 and re.fullmatch(r"(?:(?:hmm+|actually|ok(?:ay)?|nah|no|yeah)\s+)*(?:undo|go back|revert)(?:\s+(?:that|it|this))?",
                                          clauses[0], re.I) and not re.search(
            r"\b(?:make|add|remove|put|give|turn|change|instead|try)\b", " ".join(clauses[1:]), re.I):
        return len(ctx.pictures) >= 2  # "undo that, SD can't do text anyway lol": the undo, and a remark
    run_on = re.match(r"^(?P<pre>.+?)\s+(?:so\s+|just\s+|pls\s+|please\s+)?(?:go back|undo)(?:\s+(?:pls|please|then|now))?\W*$", message.strip(),
                      re.I)
    if len(clauses) == 1 and run_on and not re.search(r"\b(?:make|add|remove|put|give|turn|change|and|or|to|can|could|should)\b",
                                                      run_on.group("pre"), re.I) and not _NAMES_ONE.search(run_on.group("pre")):
        return len(ctx.pictures) >= 2  # "zu viel lol go back": said without a comma, the way back is still last
    named = any(re.search(r"\bthe\s+[\w-]+\s+(?:one|version|picture)\b|#\d|\b(?:picture|image|pic)\s+\d|\bv\d\b", c, re.I)
                or picture_number(c) for c in clauses[:-1])  # "prefer the watercolor one, go back to that": that one, read elsewhere
    return len(ctx.pictures) >= 2 and (len(clauses) >= 2 and not named and _PURE_BACK.match(clauses[-1]) is not None
                                       or _TONE_DOWN.match(message.strip()) is not None)  # "too much. tone it down a bit"


_TOLD = re.compile(r"^\W*(?:and\s+|but\s+)?(?:she|he|it|they)(?:'s|'re|\s+is|\s+are|\s+was)\s+(?:actually\s+|really\s+|very\s+|a bit\s+|quite\s+)?"
                   r"(?P<how>(?:[a-z]+\s+and\s+)?(?:black|white|orange|ginger|grey|gray|brown|golden|tabby|calico|spotted|striped|fluffy|"
                   r"fat|chubby|skinny|small|tiny|big|huge|old|young|blonde|bald|tall|short))\W*$", re.I)


def told_about_it(text: str, ctx: Context) -> str | None:
    """ "she is orange" right after "draw my cat": how it is, to draw it so ("make it orange"); "now she's holding a
    treasure map": what it does now ("add holding a treasure map"); None otherwise."""
    if ctx.scene is None:
        return None
    m = _TOLD.match(text.strip())
    if m:
        return f"make it {m.group('how')}"
    m = _NOW_DOING.match(text.strip())
    return f"add {m.group('what') or m.group('holds')}" if m else None


_NOW_DOING = re.compile(r"^\W*(?:now\s+(?:he|she|it|they)(?:'s|'re|\s+is|\s+are)\s+(?P<what>(?:[a-z]+ing|wearing|in|on|under|with)\b.{2,80}?)|"
                        r"(?:and\s+)?(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?P<holds>(?:holding|wearing|carrying|hugging|clutching|riding)\s+"
                        r"(?:his|her|their|a|an|the)\s+[\w' -]{2,40}?))\W*$", re.I)  # "he's holding his teddy bear": drawn so


_AGAIN_LAST = re.compile(r"^(?:(?:so|just|pls|please|ok(?:ay)?)\s+)*(?:try\s+(?:another|a\s+(?:different|new))\s+seed|(?:new|different)\s+seed|re-?roll|"
                         r"try\s+(?:it\s+)?again|again)(?:\s+(?:please|pls))?$", re.I)


def fault_then_again(message: str, ctx: Context) -> bool:
    """ "still 6 fingers 🙄 try another seed": a fault seen, then another take asked."""
    clauses = [c for c in re.split(r"\s*(?:[,.;!?]+|[🙄😩😒😤]+)\s*", message.strip()) if c.strip()]
    if re.search(r"\b(?:spell\w*|misspel\w*|typos?|lettering|text|words|letters)\b", message, re.I):
        return False  # "the lettering is misspelled, try again": the words asked again, read elsewhere
    return ctx.scene is not None and len(clauses) >= 2 and _AGAIN_LAST.match(clauses[-1]) is not None and all(
        re.match(r"(?:still|again|(?:it|he|she|they|the\s+\w+)\s+(?:still|looks?|is|are|has|have))\b", c, re.I) or chat_kind(c)
        for c in clauses[:-1])

