"""Readings of a whole message, tried before any setting is taken out of it.

Each reads the message as one thing said: a correction ("that's not what I asked, I wanted it at
night"), something said in passing or of oneself, a question about the app or about which picture,
several pictures at once, a way back to an earlier picture (by step, by what it had, by its seed or
shape), a fix asked again, the next page of a story. The rules try these before the settings and
the edit rules, which would otherwise read their words as changes to draw.
"""

from __future__ import annotations

import re
from typing import Callable

from prompts.text import clean

from conversation import words as w
from conversation.actions import Action, Add, Branch, Chat, Edit, Remove, Repeat, Revert, SetSeed, Undo
from conversation.app_asked import asked_of_app
from conversation.capability import capability_question, not_a_picture
from conversation.colour_one import colour_one
from conversation.complaints import flaw_again
from conversation.corrections import corrected
from conversation.cues import NUMBER_WORDS, UNDO_N
from conversation.degree_again import degree_again
from conversation.foreign_praise import FOREIGN_ASK
from conversation.foreign_put import put_somewhere
from conversation.history_actions import changed_mind
from conversation.interpreter import Context
from conversation.message_frame import taken_out_abroad
from conversation.message_prep import Prepared
from conversation.next_page import next_page
from conversation.picture_by_words import before_it, seed_of_named, seeded_one, shaped_one
from conversation.picture_named import picture_named
from conversation.remark_then import (PLANS_REPLY, asked_again_of, done_as_said, ends_going_back, fault_then_again,
                                      other_was_better, picture_just_named, plans_told, preferred_look, put_back)
from conversation.replies import HOW_TO_VARY
from conversation.relayed import relayed
from conversation.said_in_passing import said_in_passing
from conversation.said_last import said_last
from conversation.short_followups import spelling_fix
from conversation.small_talk import question
from conversation.told import does_it_themselves, told_of_self
from conversation.typo_fixed import typo_fixed
from conversation.variants import variants_asked
from conversation.which_one import which_asked

Read = tuple[Action, tuple[str, ...]]

_BEFORE_THEN = re.compile(r"^\W*(?:(?:hmm+|ok(?:ay)?|actually|so|no)[\s,]+)*(?:let'?s\s+|let\s+us\s+)?(?:go\s+back|get\s+back|back|return)\s+to\s+"
                          r"(?:the\s+(?:one|version|picture)\s+)?before\s+(?:the\s+|that\s+)?(?P<thing>[\w' -]{2,30}?)\s*,?\s+(?:and|then)\s+"
                          r"(?:instead\s+)?(?P<change>(?:make|add|remove|put|give|turn|change|swap|replace)\b.+)$", re.I)


def _made_an_order(english: str, text: str) -> bool:
    """Whether tidying turned a statement into an order ("now he's asking if …" read as "add asking if …")."""
    return bool(re.match(r"\W*(?:add|make|give|put)\b", english, re.I)) and not re.match(r"\W*(?:add|make|give|put)\b", clean(text), re.I)


def read_whole(text: str, p: Prepared, ctx: Context, understand: Callable[[str, Context], Read]) -> Read | None:
    """The action the whole message asks for, when one of these readings holds; None for the rules to read on."""
    message, english, language, notes = p.message, p.english, p.language, p.notes
    scene = ctx.scene
    untranslated = english == message
    asked_abroad = capability_question(message) if language else None
    if asked_abroad is not None:  # "oi, como faço pra mudar o estilo da imagem?": the chat asked about, in their language
        return asked_abroad, tuple(notes)
    typo = typo_fixed(clean(text), ctx)
    if typo:  # "*puddles lol autocorrect": the slip in the last message put right
        return Edit(ops=tuple(typo)), tuple(notes)
    fixed = corrected(clean(text) if untranslated else english, ctx, understand)
    if fixed is not None:  # "that's not what I asked, I wanted it at night": what was wanted
        return fixed
    wished = relayed(english, ctx, understand)
    if wished is not None:  # "my kids say he needs a broom too": their wish, as the person's own request
        return wished, tuple(notes)
    degree = degree_again(english, ctx)
    if degree:  # "not that dark 😅", "harder 🔥": the last change toned down or pushed further
        return Edit(ops=tuple(degree)), tuple(notes)
    passing = said_in_passing(english)
    if passing is None and untranslated and said_in_passing(clean(text)) == "other":
        passing = "other"  # "would this look good on a forearm?": an opinion asked, as typed, before it read "make it look good …"
    if passing:  # "what's a good instagram caption for this?", "perfect for our instagram, thanks": before "instagram" is a shape
        return Chat(kind=passing), tuple(notes)  # type: ignore[arg-type]
    if told_of_self(english, on_screen=scene is not None) or untranslated and (
            does_it_themselves(clean(text)) or _made_an_order(english, text) and told_of_self(clean(text), on_screen=scene is not None)):  # "saw one of those at my feeder this morning!": their life
        return Chat(kind="other"), tuple(notes)
    which = which_asked(english, ctx)
    if which is not None:  # "which one had the bigger moon?": answered from the prompts
        return which, tuple(notes)
    app = asked_of_app(english)
    if app is not None:  # "is it ok if I post this on our instagram?": about the app, not a picture
        return app, tuple(notes)
    several = variants_asked(english, ctx) or picture_named(english, ctx)
    if several is not None:  # "show me it in all four seasons": one picture per variant, each its own prompt
        return several, tuple(notes)
    put = put_somewhere(message) if scene is not None else None
    if put:  # "mettila su una strada di montagna al tramonto": a new place, even one not translated
        return Edit(ops=tuple(put)), tuple(notes)
    without = taken_out_abroad(message) if scene is not None and english is message else None
    if without:  # "sin cilantro por favor 😂": what is taken out, in any of the languages read
        return Edit(ops=(Remove(thing=without),)), tuple(notes)
    if language and english is message and scene is not None:
        m = w.FOREIGN_ADD.match(message) or w.FOREIGN_REMOVE.match(message)
        if m and len(m.group(1)) <= 200:
            op = Add(thing=m.group(1)) if m.re is w.FOREIGN_ADD else Remove(thing=m.group(1))
            return Edit(ops=(op,)), tuple(notes)
        if FOREIGN_ASK.match(message) and len(message) <= 200:  # a request the phrasebook cannot read: as typed
            return Edit(ops=(Add(thing=message.strip(" .!?¡¿")),)), tuple(notes)
    then = _BEFORE_THEN.match(english.strip(" .!?"))
    if then and scene is not None:  # "go back to the one before the pond and put a greenhouse in instead": a branch from it
        number = before_it(f"go back to before {then.group('thing')}", ctx)
        change = understand(re.sub(r"\s+instead$", "", then.group("change").strip(" .!?"), flags=re.I), ctx)[0]
        if number is not None and isinstance(change, Edit) and not change.variants:
            return Branch(image=number, ops=change.ops), tuple(notes)
    before = before_it(english.strip(" .!?"), ctx)
    if before is not None and not re.search(r"\s(?:and|then)\s+(?:make|add|remove|put|give|turn|change)\b", english, re.I):  # "i liked it before the owl", "go back to before the snow"; the one just before is an undo
        return (Undo() if before == ctx.pictures[-2].number else Revert(image=before)), tuple(notes)
    m = UNDO_N.match(english) or UNDO_N.match(re.split(r"(?<=[.!?;])\s+", english.strip())[-1])  # "ugh too much. go back two steps"
    if m and (scene is not None or ctx.pictures):
        n = NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
        return Undo(steps=max(1, min(50, n))), tuple(notes)
    if changed_mind(english, ctx) or put_back(english, ctx) or other_was_better(english, ctx) or ends_going_back(english, ctx):
        return Undo(), tuple(notes)  # "nvm put them back" after a removal
    respelled = (spelling_fix(clean(text), scene) or flaw_again(english)) if scene is not None else None
    if respelled:  # "it says OPNE lol", "try again, it still has six fingers": the same picture on a new seed, drawn right
        return Edit(ops=tuple(respelled)), tuple(notes)
    seed = seed_of_named(english, ctx) if scene is not None else None
    if seed is not None:  # "redo this panel with the same seed as the first one"
        return Edit(ops=(SetSeed(seed=seed),)), tuple(notes)
    page = next_page(english, ctx) if scene is not None else None
    if page is not None:  # "make another page where he finds a sleeping owl": the same character, a new picture
        return page, tuple(notes)
    last = said_last(english, ctx, understand, typed=clean(text) if untranslated else None)
    if last is not None:  # "mmm no, is too much. go back to the one before the snow", "why is it blurry? make it sharper"
        return last
    tinted = colour_one(english, ctx) if scene is not None else None
    if tinted is not None:  # "now a mustard yellow one" after "try a green sofa": the sofa
        return tinted, tuple(notes)
    named = picture_just_named(english, ctx)
    if named is not None:  # "go back to that one" after a reply about picture 1
        return Revert(image=named), tuple(notes)
    liked = preferred_look(english, ctx)
    if liked is not None:  # "hmm i preferred night"
        return (Undo() if liked == ctx.pictures[-2].number else Revert(image=liked)), tuple(notes)
    again = asked_again_of(english, ctx, question) or (Repeat() if fault_then_again(english, ctx) else None)
    if again is not None:  # "and the first one?" after a question about this one; "still 6 fingers, try another seed"
        return again, tuple(notes)
    done = done_as_said(english, ctx, HOW_TO_VARY)
    if done is not None:  # "ok do that" after the help said how to get another version
        return done, tuple(notes)
    if plans_told(english, ctx):  # "hey! i'm making a card for my mom's retirement": what to draw is still to come
        return Chat(kind="other", reply=PLANS_REPLY), tuple(notes)
    if not_a_picture(english):
        return Chat(kind="offtopic"), tuple(notes)  # "write me a haiku about autumn": not a picture
    capable = capability_question(english)
    if capable is not None:
        return capable, tuple(notes)  # "can you do anime?": asked about the chat, answered, not drawn
    seeded = seeded_one(english, ctx) if scene is not None else None
    if seeded is not None:  # "hmm 1234 was better, go back": the picture drawn with that seed
        return (Undo() if seeded == ctx.pictures[-2].number else Revert(image=seeded)), tuple(notes)
    shaped = shaped_one(english, ctx) if scene is not None else None
    if shaped is not None:  # "the wide one was best, go back to that", before "wide" is read as a shape asked for
        return Revert(image=shaped), tuple(notes)
    return None
