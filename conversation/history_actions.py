"""Asking about the pictures already made: undo, go back to one, branch from one with a change, or the
same again with a new seed.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Action, Add, Branch, Edit, Op, Repeat, Revert, SetSeed, SetSlot, SetStyle, Undo
from conversation.cues import ASK_FOR_MORE, REPEAT, is_undo, strip_lead
from conversation.edit_parse import parse_edit
from conversation.interpreter import Context
from conversation.picture_by_words import WITH_BEFORE, before_it, picture_described
from conversation.phrases import phrase_head
from conversation.short_followups import as_a_look
from conversation.small_talk import chat_kind


_VARIED = re.compile(r"^(?:(?:make|do|give me|draw|show me|generate|try)\s+)?(two|three|four|[234])\s+(?:more\s+)?(?:of\s+(?:them|these|those|it|this)|"
                     r"versions?|variations?|options?)\s+with\s+(?:different|other|varied|various|new)\s+[\w-]+(?:\s+[\w-]+)?\W*$", re.I)
_COUNT = re.compile(r"\b(two|three|four|2|3|4)\s+(?:more|variations|versions|of (?:those|these|them|that|this|it))\b", re.I)
_REVERT_CUE = re.compile(
    r"\b(?:go(?:ing)? back to|back to|revert to|return to|restore|use|show (?:me )?(?:again )?|bring back|see|view|"
    r"(?:more|more like|closer to|like|as in|as) (?:the )?|i (?:liked|prefer(?:r?ed)?|loved|want)|"
    r"(?:let'?s )?(?:go|stick) with|switch back to|redo|re-?make|make again|again)\b", re.I)
_BRANCH_CUE = re.compile(
    r"^(?:(?:take|use|start from|go back to|back to|go to|jump to|open|edit|with|from|using|on|for|like|same as|based on|grab|pick|"
    r"do|redo|re-?make|make|try|render|draw)\s+)?"
    r"(?:the\s+)?(?:(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|original|previous|earlier)\s*"
    r"(?:one|image|picture|pic|version|photo|poster|drawing|painting|shot|render|logo|wallpaper|frame|panel|page|card|icon|cover|design|"
    r"option|take|spread|sticker|thumbnail)?|(?:image|picture|pic|version|number|#)\s*#?\d+)"
    r"(?:\s*(?:,|:|-|\+|and|but|then|,\s*and|,\s*but|again,?\s*but|and then)\s*|"
    # "do the first one at sunset", "redo #1 with a red roof": the change said right after the picture
    r"\s+(?:again\s+)?(?=(?:at|in|with|without|as|during|under|on|from)\s))(.+)$", re.I)


_UNDO_THEN = re.compile(r"^(?:undo|go back|revert|scrap)(?:\s+(?:that|it|this|the last (?:one|change)))?\s*[,;.]?\s*(?:and\s+|then\s+)+"
                        r"(?:instead\s+)?(?:try\s+|do\s+|make\s+it\s+)?(?:instead\s+)?(.{3,})$", re.I)
_ORIGINAL_THEN = re.compile(r"^(?:take|use|start from|go back to|grab)\s+the\s+(?:[\w-]+\s+)?(?:original|very first(?:\s+one)?)\s*,?\s*"
                            r"(?:and|then)\s+(?:only\s+|just\s+)?(?P<change>.+?)(?:\s+(?:there|on that one|on it))?$", re.I)
_WAS_BEST = re.compile(r"^(?:(?:honestly|tbh|ok(?:ay)?|nah|hmm+|actually|yeah)[\s,]+)*(?:the\s+)?([\w-]+)(?:\s+(?:one|version))?\s+(?:was|is|looked)\s+"
                       r"(?:the\s+)?(?:best|better|my favou?rite|nicest|cutest|prettiest|coolest)\b(?:[\s,.;!]+(?:(?:can|could)\s+(?:you|u)\s+|please\s+|"
                       r"pls\s+|just\s+)?(?P<change>(?:give|make|add|put|turn|change)\b.+))?", re.I)
_BACK_TO_LOOK = re.compile(r"^(?:(?:hmm+|ok(?:ay)?|actually|nah)[\s,.]+)*(?:(?:put|change|turn|make|switch|set)\s+(?:it|them|him|her)\s+|go\s+)?"
                           r"back\s+to\s+(?!the\b|that\b|it\b|this\b|before\b)((?:[\w-]+\s+){0,2}?[\w-]+)(?:\s+(?:please|pls))?\W*$", re.I)
# The plain picture, before a look was put on it, then changed: "take the normal pirate ship (not the ghost one) and …".
_PLAIN_ONE = re.compile(r"^(?:take|use|start from|go back to|grab)\s+the\s+(?:normal|regular|plain|original|ordinary|real|non-[\w-]+)\s+"
                        r"[\w -]{2,30}?\s*(?:\(\s*not the (?P<without>[\w-]+)(?:\s+(?:one|version))?\s*\)\s*)?,?\s*(?:and|then)\s+"
                        r"(?P<change>.+)$", re.I)


# An earlier picture named by its place and a few words, then changed: "take the first saturn and make it a sketch".
_NTH_THEN = re.compile(r"^(?:(?:ok(?:ay)?|now|so|actually|hmm+)[\s,]+)*(?:take|use|grab|go\s+back\s+to|back\s+to|start\s+from|redo)\s+the\s+"
                       r"(?:very\s+)?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th|original)\s+(?P<words>(?:[\w'-]+\s+){0,3}?)"
                       r"(?P<noun>one|picture|image|pic|version|photo|[\w'-]+)(?:\s+of\s+(?:him|her|them|it|the\s+[\w'-]+))?\s*,?\s*"
                       r"(?:and|then|but)\s+(?:just\s+|only\s+)?(?P<change>.{3,})$", re.I)


# "use the seed from the first one but make the robot gold": that picture, changed.
_SEED_OF = re.compile(r"^(?:use|take|keep|with|same)\s+(?:the\s+)?seed\s+(?:from|of)\s+(?:the\s+)?(first|second|third|1st|2nd|3rd|"
                      r"original|previous)\s+(?:one|picture|image|pic|version)\s*,?\s*(?:but|and)\s+(.+)$", re.I)


# A picture liked best, then a change asked of it.
_LIKED_THEN = re.compile(r"^(?:i\s+(?:like|love|prefer)\s+)?(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|last)\s*(?:one|image|picture|"
                         r"pic|version|logo|design)?\s*(?:is\s+)?(?:the\s+)?(?:best|most|more)?\s*(?:,|\.|;|\band\b|\bbut\b|\bso\b)+\s*"
                         r"(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+|just\s+)?(?P<change>(?:make|turn|give|add|remove|change|"
                         r"put|try)\b.+)$", re.I)
_ANOTHER_LIKE = re.compile(r"^(?:(?:give me|make|show me|draw|do|i want|i'd like)\s+)?(?:another|one more|a second)\s+"
                           r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:just\s+)?(?:like (?:that|this|it|the last one|before)|one|"
                           r"(?:just )?the same|please)(?:\s+(?:please|again))*$", re.I)


# How a person says a picture is not it, before asking for another: "not feeling it", "nah not quite".
_MOOD = re.compile(r"(?:(?:eh|meh|nah|hmm+|ugh|no)\s+)*(?:not (?:feeling|loving|sold on|into) (?:it|this|that)|not quite|"
                   r"not it|not great|nope|meh|eh|nah|hmm+)", re.I)


# Hesitation in front of going back: "idk", "wait", "hmm", "ok".
_HESITATION = re.compile(r"^(?:(?:idk|i dunno|dunno|wait|hmm+|hm+|ok(?:ay)?|ugh|oops|meh|no|nah|actually|tbh|lol)[\s,.!]+)+"
                         r"(?=(?:go|step|get|switch|back|revert|return|undo)\b)", re.I)

# A change taken back as soon as it is seen: "no wait, keep the hat", "actually leave the cows".
_CHANGED_MIND = re.compile(r"^(?:no|nah|nope|wait|actually|hmm+|oh|oops|on second thought|changed my mind)\b[\s,!.]*"
                           r"(?:(?:no|wait|actually|sorry|i changed my mind)\b[\s,!.]*)*(?:keep|leave|put back|bring back)\b", re.I)

def changed_mind(message: str, ctx: Context) -> bool:
    """ "no wait, keep the hat" right after the hat was removed: the last change taken back (an undo)."""
    return len(ctx.pictures) > 1 and ctx.scene is not None and _CHANGED_MIND.match(message.strip()) is not None


# A complaint about what was drawn, then "again" (or the complaint alone after a "but"): the same picture, a new seed.
_FAULT = r"(?:weird|wrong|off|strange|odd|bad|ugly|broken|messed up|creepy|deformed|distorted|melted|cursed|terrible|awful|fake)"
_COMPLAINED_AGAIN = re.compile(
    rf"^(?:(?:ugh|eh|meh|hmm+|oof|yikes|welp|nah|lol|haha)[\s,.!]+)*(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:looks?|is|are|seems?)\s+"
    rf"(?:(?:kinda|kind of|a bit|really|so|very|super)\s+)?(?:like\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?|{_FAULT})[\s,.;!-]+"
    r"(?:(?:please|pls|can you|could you)\s+)?(?:try(?:\s+it)?\s+again|again|reroll|re-?roll|redo(?:\s+it)?|another(?:\s+one)?|"
    r"one more(?:\s+time)?|new seed)(?:\s+(?:please|pls))?$|"
    rf"^(?:nice|cool|good|great|ok(?:ay)?|love it|i like it|not bad|pretty good)[\s,.!]+but\s+(?:the\s+|his\s+|her\s+|its\s+)?"
    rf"[\w-]+(?:\s+[\w-]+)?\s+(?:looks?|is|are|seems?)\s+(?:(?:kinda|kind of|a bit|a little|really|so|very|super)\s+)?{_FAULT}$", re.I)


def complained_again(text: str, ctx: Context) -> bool:
    """A fault named in what was drawn, and "again" (or "nice but … looks weird"): a redraw with a new seed."""
    return ctx.scene is not None and _COMPLAINED_AGAIN.match(text.strip(" .!?")) is not None


_KEEP = re.compile(r"^\W*(?:but\s+|and\s+|just\s+)*keep(?:ing)?\s+(?:the\s+|my\s+|his\s+|her\s+)?(?P<x>[\w' -]{2,30}?)\W*$", re.I)


def _kept(change: str, ctx: Context) -> list[Op] | None:
    """ "go back to the first one but keep the tea": the tea as the picture on screen has it, brought to that one."""
    m = _KEEP.match(change)
    if m is None or ctx.scene is None:
        return None
    head = phrase_head(m.group("x")) or m.group("x")
    phrase = next((p for p in ctx.scene.phrases() if re.search(rf"\b{re.escape(head)}", p, re.I)), None)
    return [Add(thing=phrase)] if phrase else None


# A picture named, said to be better, then gone back to: "the first scarf one was cuter go back", "ok the orange one was
# the best honestly, go back to that".
_NAMED_THEN_BACK = re.compile(r"^(?:\W*(?:ok(?:ay)?|hmm+|honestly|actually|nah|yeah|tbh)[\s,]+)*(the\s+(?:[\w-]+\s+){0,3}?(?:one|version|pic))\s+"
                              r"(?:was|is|looked|looks)\s+(?:\w+\s+){0,2}?(?:better|nicer|cuter|best|prettier|cooler|funnier)\b"
                              r"[\w\s,.!]*?\b(?:go(?:ing)?\s+back|back\s+to\s+(?:it|that|that one)|revert)\b", re.I)


_PUT_BACK = re.compile(r"^\W*(?:(?:so|pls|please|just|and)\s+)*(?:put|bring|get|change|switch|set)\s+(?:it|that|this|them|that\s+one)\s+back\b|"
                       r"^\W*(?:(?:so|pls|please|just|and)\s+)*(?:go|get)\s+back\b", re.I)
# The picture before preferred, whatever is said of the new one after: "Actually I preferred it before, …"
_BEFORE_WAS_BETTER = re.compile(r"^\W*(?:(?:actually|hmm+|honestly|ok(?:ay)?|nah|no|tbh|now)[\s,.!]+)*(?:(?:my\s+\w+|he|she|they)\s+(?:says|said|thinks|"
                                r"reckons)\s+(?:that\s+)?)?(?:i\s+(?:think\s+)?(?:preferred|liked|prefer)\s+"
                                r"it\s+(?:better\s+)?(?:before|the\s+way\s+it\s+was|as\s+it\s+was)|it\s+(?:was|looked)\s+better\s+before|"
                                r"(?:he|she|they)(?:'s|\s+has|'ve|\s+have)?\s+changed\s+(?:his|her|their)\s+mind\s+and\s+wants?\s+the\s+"
                                r"(?:old|previous|other|last|earlier)\s+one)\b"
                                r"(?![^.!?]*\b(?:but|except|though|just|only)\b)", re.I)


def history_action(body: str, ctx: Context, settings: list[Op]) -> Action | None:
    """Undo, revert, branch or repeat, when the message asks for one."""
    if len(ctx.pictures) > 1 and _BEFORE_WAS_BETTER.match(body.strip()):
        return Undo()  # "Actually I preferred it before, the wide one crops the wheat weirdly"
    undone = _UNDO_THEN.match(body.strip(" .!?"))
    if undone and len(ctx.pictures) > 1 and not re.search(r"\bback\b", undone.group(1), re.I):  # not "and bring the lamp back"  # "undo that, and instead try a minimalist line art label": the one before, changed
        ops = parse_edit(undone.group(1), ctx) or [Add(thing=undone.group(1))]
        return Branch(image=ctx.pictures[-2].number, ops=(*settings, *ops))
    first = _ORIGINAL_THEN.match(_HESITATION.sub("", body.strip(" .!?")))
    if first and len(ctx.pictures) > 1:  # "actually take the pink original and only make the outfit black there"
        ops = parse_edit(first.group("change"), ctx)
        if ops:
            return Branch(image=1, ops=(*settings, *ops))
    plain = _PLAIN_ONE.match(body.strip(" .!?"))
    if plain and len(ctx.pictures) > 1:  # "take the normal pirate ship (not the ghost one) and put it in a storm"
        without = plain.group("without")
        number = next((p.number for p in reversed(ctx.pictures) if not p.says(without)), None) if without else 1
        ops = parse_edit(plain.group("change"), ctx) if number else None
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    text = re.sub(r"\s*\([^()]{1,60}\)", "", ASK_FOR_MORE.sub("", body.strip(" .!?")))  # "(the ukiyo-e one)": said aside
    text = _HESITATION.sub("", text) or text  # "idk go back to the bright one", "wait go back 2"
    if re.match(r"^(?:go\s+|get\s+|switch\s+|jump\s+)?back\s+to\b", text, re.I):  # "go back to the octopus, it was cuter"
        text = re.sub(r"\s*[,;.!—–-]+\s*(?:(?:it|that(?:\s+one)?|he|she|they|this)\s*(?:was|looked|is|'s)\s+(?:so\s+|way\s+|much\s+|"
                      r"a\s+lot\s+)?(?:\w+er|better|best|nicest|cutest|prettier|the\s+one|perfect|fine)|(?:he|she|they|my\s+\w+)\s+"
                      r"(?:changed\s+(?:his|her|their|my)\s+mind|prefers?\s+(?:it|that\s+one)|liked\s+(?:it|that\s+one)\s+(?:more|better)|"
                      r"wants?\s+that\s+one|won)|[\w'-]+\s+(?:won|wins|decided|insists|insisted))(?:\s+(?:tbh|honestly|imo|lol))?\W*$", "", text,
                      flags=re.I)
        plain = re.match(r"^(?:go\s+|get\s+)?back\s+to\s+the\s+(?:normal|plain|regular|ordinary|original|old|basic|simple)\s+([\w-]+)\W*$",
                         text, re.I)
        first = next((p.number for p in ctx.pictures if p.says(plain.group(1))), None) if plain else None
        if first is not None and len(ctx.pictures) > 1:
            return Revert(image=first)  # "go back to the normal giraffe": the first that had it, before it was changed
    text = re.sub(r"\bvery\s+(first|last|original|1st)\b", r"\1", text, flags=re.I)  # "take the very first one"
    m = _SEED_OF.match(text)
    number = w.picture_number(f"the {m.group(1)} one") if m else None
    if m and number and 0 < number <= len(ctx.pictures):  # "use the seed from the first one but make the robot gold"
        ops = parse_edit(m.group(2), ctx)
        if ops:  # its seed: not the new one "seed" alone would ask for
            return Branch(image=number, ops=(*(op for op in settings if not isinstance(op, SetSeed)), *ops))
    named = _NAMED_THEN_BACK.search(text)
    if named and not re.match(r"(?:go\s+)?back\s+to\b", text, re.I):  # "the first scarf one was cuter go back"
        back = history_action(f"go back to {named.group(1)}", ctx, settings)
        if isinstance(back, Revert):
            return back
    m = re.fullmatch(r"(?:go\s+)?back\s+to\s+(?:#|number\s+|picture\s+|image\s+|pic\s+|v|version\s*)?(\d{1,2})", text, re.I)
    if m and 0 < int(m.group(1)) <= len(ctx.pictures):
        return Revert(image=int(m.group(1)))  # "back to 1", "go back to v1"
    m = re.match(r"^(?:version|v|take|option)\s*#?\s*(\d)\s*[:\-–]\s*(.+)$", text, re.I)
    if m and int(m.group(1)) > len(ctx.pictures) and ctx.scene is not None:  # "version 2: ruined and overgrown": the next one
        return Edit(ops=(*settings, *(parse_edit(m.group(2), ctx) or parse_edit(f"make it {m.group(2)}", ctx) or [Add(thing=m.group(2))])))
    m = re.fullmatch(r"(?:(?:go|switch)\s+)?back\s+to\s+(?:the\s+)?(?:seed\s+)?(\d{1,10})(?:\s+(?:one|seed|version))?", text, re.I)
    if m:  # "back to 777": the latest earlier picture drawn with that seed
        for pic in reversed(ctx.pictures[:-1]):
            if pic.seed == int(m.group(1)):
                return Revert(image=pic.number)
    m = re.fullmatch(r"(?:(?:again|more|re-?roll|repeat)\s+)?(?:x\s*([2-8])|([2-8])\s*x)\s*(?:new\s+seeds?|more|variations?|versions?|takes?|again|re-?rolls?|seeds?)?",
                     text, re.I)
    if m and ctx.scene is not None:  # "x4 new seeds": a power user's count of new takes
        return Repeat(count=min(4, int(m.group(1) or m.group(2))))
    text = re.sub(r"\s+(?:with|using|keeping)\s+the\s+same\s+(?:text|prompt|words|wording|settings|everything|style|caption)$", "", text,
                  flags=re.I)  # "make another with the same text": another, nothing changed
    text = re.sub(r"[\s,.!]+(?:it'?s|its)\s+(?:so\s+)?(?:funny|cute|hilarious|great|perfect|adorable)$", "", text, flags=re.I)  # the why
    few = re.search(r"[\s,.?!]+i\s+(?:want|wanna|'?d like)\s+to\s+(?:pick|choose)\s+(?:between|from|among)\s+(?:a few|some|several)$", text, re.I)
    if few and REPEAT.match(ASK_FOR_MORE.sub("", text[:few.start()]).strip(" ?.!") or "") and ctx.scene is not None:
        return Repeat(count=3)  # "can you do it again? i want to pick between a few"
    m = re.fullmatch(r"(?:some\s+)?(?:variations?|versions?|takes?|alternatives?|options?|more\s+of\s+(?:these|those|this|that|them))\s*"
                     r"(?:pls|please)?\s*[,:]?\s*(?:like\s+|x\s*)?([2-4])", text, re.I)
    if m and ctx.scene is not None:  # "variations pls, 4"
        return Repeat(count=int(m.group(1)))
    m = re.match(r"^(?:(?:can|could)\s+(?:you|u)\s+)?(?:do|make|give me|show me|draw)\s+([2-4]|two|three|four)\s+(?:more\s+)?of\s+the\s+"
                 r"([\w-]+(?:\s+[\w-]+)?)\s+(?:one|version|picture|pic)\b", text, re.I)
    if m and ctx.pictures and ctx.pictures[-1].says(m.group(2)):  # "can u do 4 of the water one with different seeds"
        return Repeat(count=int(m.group(1)) if m.group(1).isdigit() else {"two": 2, "three": 3, "four": 4}[m.group(1).lower()])
    m = re.fullmatch(r"(?:re-?roll|redo|regenerate|try)\s+(?:it\s+|again\s+)?(a couple(?: of)?|a few|twice|three|[2-4])(?:\s+(?:times|more times))?", text,
                     re.I)
    if m and ctx.scene is not None:  # "reroll it a couple times"
        return Repeat(count={"twice": 2, "three": 3, "a few": 3}.get(m.group(1).lower(), 2 if "couple" in m.group(1).lower() else
                                                                   int(m.group(1)) if m.group(1).isdigit() else 2))
    m = _WAS_BEST.match(text)
    if m and m.group("change") and _PUT_BACK.match(m.group("change")):
        text = text[:m.start("change")].rstrip(" ,.;!")  # "red was better, put it back": the way back said again
        m = _WAS_BEST.match(text)
    ordinal = w.picture_number(f"the {m.group(1)} one") if m else None
    if m and ordinal is not None and 0 < ordinal <= len(ctx.pictures):  # "the second one was the best. go back"
        change = m.group("change") and parse_edit(re.sub(r"\b(?:that|this)\s+one\b", "it", m.group("change"), flags=re.I), ctx)
        return Branch(image=ordinal, ops=(*settings, *change)) if change else Revert(image=ordinal)
    if m and m.group("change") and len(ctx.pictures) > 1:  # "the ghibli one was the cutest. give that one a tiny scarf"
        earlier = [p for p in ctx.pictures if p.says(m.group(1)) or m.group(1).lower() in (p.style or "")]
        change = parse_edit(re.sub(r"\b(?:that|this)\s+one\b", "it", m.group("change"), flags=re.I), ctx)
        if earlier and change:
            return Branch(image=earlier[-1].number, ops=(*settings, *change))
    m = m or _BACK_TO_LOOK.match(text)
    if m and len(ctx.pictures) > 1 and not ctx.pictures[-1].says(m.group(1)):
        # "honestly santorini was the best, bring that one back", "put it back to orange": the latest that had it
        earlier = ctx.earlier_saying(m.group(1))
        if earlier:
            return Undo() if earlier[-1] is ctx.pictures[-2] else Revert(image=earlier[-1].number)
    more = _more_takes(text) if ctx.scene is not None else None
    if more:  # "show me some alternatives", "gimme 4", "again but different"
        return Repeat(count=more)
    if complained_again(text, ctx):
        return Repeat()  # "ugh the frisbee looks like a pizza, try again", "nice but the dog looks weird"
    clauses = [c for c in re.split(r"\s*[,.;!]+\s*", text) if c]
    if len(clauses) > 1 and REPEAT.match(clauses[-1]) and all(
            _MOOD.fullmatch(c) or chat_kind(c) for c in clauses[:-1]):
        return Repeat()  # "eh not feeling it, reroll"
    if is_undo(text) or re.fullmatch(r"(?:go\s+)?back|previous|prev|undo undo", text, re.I):
        return Undo()
    if re.fullmatch(r"#?\s*(\d{1,2})", text) and 0 < int(text.lstrip("# ")) <= len(ctx.pictures):
        return Revert(image=int(text.lstrip("# ")))  # "2": the second picture
    m = re.fullmatch(r"(?:make it\s+)?([\w-]{3,}(?:\s+[\w-]+)?)\s+again(?:\s+(?:please|pls|plz))?", text, re.I)
    if m and not re.search(r"\b(?:same|one|it|that|this|once|all|over|seed|more|them)\b", m.group(1), re.I) and len(ctx.pictures) > 1 \
            and not ctx.pictures[-1].says(m.group(1)):
        earlier = ctx.earlier_saying(m.group(1))
        if earlier:  # "spooky again pls" after "make it less scary": back to the picture that was
            return Undo() if earlier[-1] is ctx.pictures[-2] else Revert(image=earlier[-1].number)
        ops = parse_edit(f"make it {m.group(1)}", ctx)
        if ops and all(isinstance(op, (SetSlot, SetStyle)) for op in ops):
            return Edit(ops=(*settings, *ops))  # ... or, when no picture said it, that look asked for
    varied = _VARIED.match(text)
    if varied:  # "make 4 of them with different roofs": more of this picture, each seed its own
        return Repeat(count={"two": 2, "three": 3, "four": 4}.get(varied.group(1).lower()) or min(4, int(varied.group(1))))
    if REPEAT.match(text):
        m = _COUNT.search(text)
        count = {"two": 2, "three": 3, "four": 4}.get(m.group(1).lower(), None) if m else None
        count = count or (int(m.group(1)) if m and m.group(1).isdigit() else 1)
        if settings and not all(isinstance(o, SetSeed) and o.seed is None and not o.keep for o in settings):
            same = re.match(r"^(?:(?:now|ok(?:ay)?|and|then)[\s,]+)*(?:the\s+)?same\b", text, re.I)  # "same thing for desktop": this one
            return Edit(ops=(*settings, *(() if same or any(isinstance(o, SetSeed) for o in settings) else (SetSeed(),))))
        return Repeat(count=max(1, min(4, count)))  # "make another with a different seed" is a repeat
    m = _ANOTHER_LIKE.match(text)
    if m and ctx.scene is not None and ctx.scene.mentions(phrase_head(m.group(1)) or m.group(1)):
        return Repeat()  # "another jellyfish like that": the same picture, a new seed
    m = re.match(r"^(another(?:\s+(?:one|version|image|picture|take|variation))?|one more(?:\s+time)?|again)\b[\s,]*"
                 r"(?:but\s+|with\s+|,\s*)?(.+)$", text, re.I)
    if m and not re.match(r"^(?:one|version|image|picture|pic|please)\b", m.group(2), re.I):
        ops = parse_edit(m.group(2), ctx)
        if ops:
            return Edit(ops=(*settings, *ops, SetSeed()))
    if re.match(r"^(?:the\s+)?(?:original|very first)(?:\s+(?:one|version|picture|image))?\s+(?:was|is|looked)\s+"
                r"(?:better|best|nicer)\b", text, re.I) and ctx.pictures:
        return Revert(image=1)  # "meh, original was better, that one pls"
    m = _LIKED_THEN.match(text)
    liked = w.picture_number(text) if m else None
    if m and liked is not None and liked > 0:  # "i like the second one best, can you make that one a bit more minimal"
        ops = parse_edit(re.sub(r"\b(?:that|this)\s+one\b", "it", m.group("change"), flags=re.I), ctx)
        if ops:
            return Branch(image=liked, ops=(*settings, *ops))
    m = re.match(r"^(?:\w+[\s,]+)?(?:the\s+)?(first|second|third|1st|2nd|3rd|original|previous|last)\s*(?:one|version|picture|image|pic)?\s+"
                 r"(?:was|is|looked|looks)\s+(?:way\s+|much\s+|so\s+|(?:just\s+|totally\s+|perfectly\s+)?)?(?:better|best|nicer|cooler|prettier|"
                 r"closest|[a-z]+er|(?:my\s+)?favou?rite|fine|good|ok(?:ay)?|perfect|right)\b(?!\s+(?:but|except|apart|though)\b)", text, re.I)
    if m and m.group(1).lower() == "last" and re.search(r"\b(?:fine|good|ok(?:ay)?|perfect|right)\W*$", m.group(0), re.I):
        m = None  # "the last one was good": the picture on screen, praised
    if m and ctx.pictures:  # "nah the first one was cooler, bring it back"
        number = w.picture_number(f"the {m.group(1)} one")
        if number is not None and number > 0:
            return Revert(image=number)
        return Undo()
    m = _NTH_THEN.match(text)
    nth = w.picture_number(f"the {m.group('nth')} one") if m else None
    if m and nth is not None and nth > 0:  # "the first teacup one": the first of those with a teacup
        said = [*m.group("words").split(), *([] if re.fullmatch(r"one|picture|image|pic|version|photo", m.group("noun"), re.I)
                                              else [m.group("noun")])]
        having = [p for p in ctx.pictures if all(p.says(word) for word in said)]
        nth = having[nth - 1].number if len(having) >= nth else None
    if m and nth is not None and 0 < nth != ctx.pictures[-1].number:  # the picture on screen itself is no branch
        ops = parse_edit(m.group("change"), ctx) or as_a_look(m.group("change"))
        if ops:  # "take the first saturn and make it look like a pencil sketch", "go back to the very first picture of him and make it sunny"
            return Branch(image=nth, ops=(*settings, *ops))
    before = before_it(text, ctx)
    then = WITH_BEFORE.match(text)
    ops = parse_edit(then.group("change"), ctx) if before is not None and then and then.group("change") else None
    if ops:  # "take the one with the cake before the film look and make it an overhead shot"
        return Branch(image=before, ops=(*settings, *ops))
    if before is not None:  # "the night one without the owl"
        return Revert(image=before)
    nth = _nth_described(text, ctx)
    if nth is not None:  # "back to the first robot one": the first of those with a robot
        number, rest = nth
        ops = _kept(rest, ctx) or parse_edit(rest, ctx) if rest else None
        return Branch(image=number, ops=(*settings, *ops)) if ops else Revert(image=number)
    number = w.picture_number(text)
    if number is None:
        found = picture_described(text, ctx)
        if found is None and len(ctx.pictures) > 1 and re.match(
                r"^(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}\s+(?:one|version|pic|picture)\s+(?:was|is|looked)\s+(?:better|best|nicer)\W*$",
                text, re.I):
            return Undo()  # "the japanese print one was better", its words matching no prompt: the one before
        if found is not None:  # "take the glass one and put it on a lace tablecloth"
            number, rest = found
            ops = (_kept(rest, ctx) or parse_edit(rest, ctx) or as_a_look(rest)) if rest else None
            return Branch(image=number, ops=(*settings, *ops)) if ops else Revert(image=number)
    if number is None or len(ctx.pictures) < 1:
        return None
    if number > len(ctx.pictures) and re.search(rf"\bnumber\s+{number}\b", text, re.I) or \
            re.match(r"^\W*(?:a\s+(?:bit|little)\s+)?(?:earlier|later)\s+(?:in|on|at|that|this)\b", text, re.I):
        return None  # "number 37 on the doors", "earlier in the morning": what is drawn, not which picture
    m = _BRANCH_CUE.match(text)
    which = re.match(r"^(?:with|that\s+had|where)\s+(?:just\s+|only\s+|still\s+)?(?:the\s+|a\s+|an\s+|one\s+)?(?:one\s+|single\s+)?(.+?)\W*$",
                     m.group(1), re.I) if m else None
    if which and 0 < number <= len(ctx.pictures) and ctx.pictures[number - 1].says(phrase_head(which.group(1))):
        return Revert(image=number)  # "go back to the very first one, with just the one hedgehog": which one, not a change
    if m:
        ops = _kept(m.group(1), ctx) or parse_edit(m.group(1), ctx)
        if ops is None and len(m.group(1).split()) <= 4 and re.search(r"[^\W_]", m.group(1)) and not chat_kind(m.group(1)):
            ops = [Add(thing=strip_lead(m.group(1)))] if strip_lead(m.group(1)) else None
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    if re.match(r"^(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|original|previous)\s+(?:one|image|picture|version)?\s+but\s+)(.+)$",
                text, re.I):
        rest = re.sub(r"^.*?\bbut\s+", "", text, count=1, flags=re.I)
        ops = parse_edit(rest, ctx)
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    m = re.match(r"^(?:(?:more\s+)?like|same as|as in)\s+(?:the\s+)?(?:first|second|third|1st|2nd|3rd|original|previous|"
                 r"image\s*\d+|picture\s*\d+|#\d+)\s*(?:one|image|picture|version)?\s*(?:,\s*)?but\s+(.+)$", text, re.I)
    if m:
        ops = parse_edit(m.group(1), ctx)
        if ops:
            return Branch(image=number, ops=(*settings, *ops))
    added = re.match(r"^(?:add|put|give\s+(?:him|her|it|them))\s+(?P<thing>.+?)\s+(?:just\s+)?(?:like|as)\s+(?:in\s+|on\s+)?(?:the\s+)?"
                     r"(?:first|second|third|1st|2nd|3rd|original|previous|earlier)\s*(?:one|image|picture|version|pic)?\W*$", text, re.I)
    if added:  # "add goggles like the first one": the goggles, as that one had them, on this picture
        earlier = next((p for p in ctx.pictures if p.number == number), None) if number and number > 0 else None
        head = re.escape(phrase_head(added.group("thing")) or added.group("thing"))
        said = re.search(rf"(?:\b(?!with\b|and\b|an?\b|the\b|in\b|on\b)[\w'-]+\s+)?{head}\b", earlier.prompt_sent, re.I) \
            if earlier and earlier.prompt_sent else None
        phrase = said.group(0) if said else None  # "brass goggles", as the first one had them
        return Edit(ops=(*settings, Add(thing=(phrase or added.group("thing")).strip())))
    if _REVERT_CUE.search(text) or re.match(r"^(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|original|previous|last)"
                                             r"\s*(?:one|image|picture|version|pic|frame|panel|page|card|icon|cover|design|option|take)?\s*"
                                             r"(?:please|again|was (?:better|best|nicer|the best)|is (?:better|best|the best)|one was better)?$", text, re.I) or \
            re.match(r"^(?:image|picture|pic|version|number|#)\s*#?\d+(?:\s+(?:please|again))?$", text, re.I):
        if number == -1 and re.search(r"\blast\b", text, re.I) and not re.search(r"\bback\b", text, re.I):
            return None
        return Revert(image=number)
    return None


_TAKES = re.compile(r"^(?:(?:show me|can i see|could i see|give me|gimme|let me see|i want|i'?d like|can i get|could i get|"
                    r"can (?:you|u) (?:show|give|make|do|try)(?: me)?|make(?: me)?|draw(?: me)?|do|try|any)\s+)?(?P<many>some|a few|few|a couple(?: of)?|other|more|"
                    r"different|alternative|several|(?P<k>[2-4]|two|three|four))?\s*(?:other\s+|different\s+|alternative\s+|more\s+)?"
                    r"(?P<what>alternatives?|versions?|options?|variations?|variants?|takes?|tries|(?<=different )ones|(?<=other )ones|"
                    r"(?<=different )seeds|(?<=new )seeds)"
                    r"(?:\s+(?:of (?:it|this|that)|please|pls|so (?:i|we) can (?:pick|choose|compare)(?: one)?|to (?:pick|choose) from))*\W*$|"
                    r"^(?:gimme|give me|another|make|do|draw|show me)\s+(?P<n>\d|two|three|four)(?:\s+more)?"
                    r"(?:\s+(?:(?:more\s+)?of\s+(?:these|those|this|that|it|them)|like\s+(?:this|that|it)))?(?:\s+(?:please|pls))?\W*$|"
                    r"^(?:(?:again|same(?: thing)?|the same)\s+but\s+)?different(?:\s+(?:please|pls))?\W*$|^something similar\W*$|"
                    r"^(?:(?:can|could) (?:you|u) (?:make|do|draw)\s+|make\s+|do\s+)?(?:a|another)\s+matching\s+one\b.{0,40}$", re.I)


def _more_takes(text: str) -> int | None:
    """How many new takes of the picture a message asks for, or None when it asks none."""
    m = _TAKES.match(text)
    if m is None:
        return None
    if m.group("n") or m.group("k"):
        n = (m.group("n") or m.group("k")).lower()
        return min(4, int(n) if n.isdigit() else {"two": 2, "three": 3, "four": 4}[n])
    many = (m.group("many") or "").lower()
    if many in ("some", "a few", "few", "several"):
        return 3
    return 2 if many.startswith("a couple") else 1


_TO_ONE = re.compile(r"^(?:(?:can you|could you|pls|please)\s+)?(?:(?:(?:go|step|get|switch|jump)\s+)?back\s+to|return\s+to|"
                     r"revert\s+to|take|use|bring back|show me|edit|start from)\s+(?:the\s+)?", re.I)
_ORDINAL = r"(first|1st|second|2nd|third|3rd|last|latest|previous|earlier|original)"
_NTH = [re.compile(rf"{_ORDINAL}\s+([\w-]+)\s+(?:one|version|picture|image|pic)\b[\s,]*(?:and\s+|then\s+)?(.*)$", re.I),
        re.compile(rf"{_ORDINAL}\s+(?:one|version|picture|image|pic)\s+(?:with|that had|where)\s+(?:the\s+|a\s+|an\s+)?"
                   rf"([\w-]+)\s*(?:in it|again)?[\s,]*(?:and\s+|then\s+)?(.*)$", re.I)]


def _nth_described(text: str, ctx: Context) -> tuple[int, str] | None:
    """ "back to the first robot one", "take the last one with the fox and …": the picture that is the first
    (second, last) of those whose prompt has the word, and what is asked of it; None when none has it."""
    lead = _TO_ONE.match(text)
    m = next((m for m in (rx.fullmatch(text[lead.end():]) for rx in _NTH) if m), None) if lead else None
    if m is None or len(ctx.pictures) < 2:
        return None
    having = ctx.earlier_saying(m.group(2))
    at = {"first": 0, "1st": 0, "original": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}.get(m.group(1).lower(), -1)
    if not -len(having) <= at < len(having):
        return None
    return having[at].number, m.group(3).strip(" ,.!?")
