"""The offline interpreter: plain rules that read a message as one typed action, so the app is a
useful chatbot with no chat model at all. Pure functions; no I/O.

Order matters and goes from the most specific reading to the least: settings written as flags,
help, small talk, questions about a picture, undo / revert / branch / repeat, an edit of the
current picture, and last a new picture. A greeting or a question never costs a generation.
Each reading has its own module (``cues``, ``small_talk``, ``history_actions``, ``edit_parse`` with
``edit_clauses``, ``new_picture``); this one tries them in that order. ``message_prep`` first tidies
the message and translates it, and ``whole_message`` tries the readings of a whole message (a
correction, a question about the app, a way back) before settings are taken out of it.
"""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import ValidationError

from prompts.text import clean

from conversation import words as w
from conversation.actions import (Action, Add, Branch, Chat, Edit, Help, New, Question, Remove, Repeat, Revert, SetSeed, SetSize,
                                  SetSlot, Undo)
from conversation.asked_kindly import asked_kindly
from conversation.asked_politely import asked_politely
from conversation.batch_edit import each_of_batch, one_of_batch
from conversation.complaints import fault_then_fix, fix_asked, named_for_it, unsharp_fixed
from conversation.counts import recounted
from conversation.cues import NEW_REQUEST, NEW_TOPIC, NEW_WORDS, POLITE, REPEAT, is_undo, plain_request, strip_lead
from conversation.describe import is_power_prompt
from conversation.each_clause import each_clause, instead_of, instead_of_removed, meant_not
from conversation.edit_parse import parse_edit
from conversation.emoji_picture import emoji_picture
from conversation.flags import extract_settings
from conversation.given_picture import given_picture
from conversation.help_asked import HELP, how_to_asked, how_to_topic
from conversation.history_actions import complained_again, history_action
from conversation.interpreter import Context, Interpretation, StreamItem
from conversation.leftover import (history_leftover, is_statement, leftover_followup, order_about_picture, remark_first,
                                   sentiment)
from conversation.likeness import likeness_asked
from conversation.look_of_another import look_of_another
from conversation.message_frame import without_trailing_aside
from conversation.message_prep import prepare
from conversation.new_picture import new_action, same_character
from conversation.one_like_this import FOR_ONLY, PURPOSE, one_like_this, room_for_words, same_but
from conversation.own_subject import looks_new, possessive_back, styled_subject
from conversation.phrases import COLOUR_PHRASE, bare, phrase_head
from conversation.request_among_talk import request_among_talk
from conversation.remark_then import asked_after_remark, kept_from_before, seed_just_said
from conversation.said_last import changed_after
from conversation.said_of_a_thing import place_swapped
from conversation.set_right import put_right, said_wrong
from conversation.short_followups import (REMOVAL, SWAP, as_a_look, bumped, bumped_clause, craft_look, depth_of_field,
                                          last_said, lettering, look_of, modifier_only, plain_change, sex_change,
                                          spelling_fix, text_change)
from conversation.size_compared import compared_size
from conversation.small_talk import chat_kind, question
from conversation.last_word import last_word
from conversation.talk_or_draw import answered_instead
from conversation.turn_intent import second_reading
from conversation.terse import (colour_tried, corrected_subject, in_a_part, look_tried_instead, recoloured, swapped_in,
                                terse_change)
from conversation.whole_message import read_whole
from conversation.words_on_it import words_asked
from conversation.wishes import as_a_request


def understand(text: str, ctx: Context) -> tuple[Action, tuple[str, ...]]:
    """The action a message asks for, and notes for the person (e.g. a language warning)."""
    try:
        action, notes = _read(text, ctx)
    except ValidationError:
        # Some piece was longer than an action holds: what was typed is a picture to draw, as typed.
        description = clean(text)[:20_000].strip()
        if not description:
            return Chat(kind="other"), ()
        return New(description=description, verbatim=is_power_prompt(description)), ()
    if not isinstance(action, (Repeat, Undo, Revert, Branch)):
        action = asked_kindly(text, ctx) or action  # "Could I see another one, just to compare?"
    if not isinstance(action, Help) and not ctx.attached and how_to_asked(text):
        action = Help(topic=how_to_topic(text))  # type: ignore[arg-type]  # "How do I keep this? Is it saved somewhere?"
    action = request_among_talk(action, text, ctx, _read)  # "It's lovely. Could it be wider? It's for a banner."
    action = asked_politely(action, text, ctx, _read)  # "Could it look more worn, as though it's been in a drawer?"
    lettered = words_asked(text) if ctx.scene is not None and not ctx.attached else None
    if lettered and not (isinstance(action, Edit) and any(isinstance(op, Add) and re.match(r"the text\b", op.thing) for op in action.ops)):
        action = Edit(ops=tuple(lettered))  # "can you write Happy 60th Dad along the top in gold"
    action = answered_instead(action, text, ctx)  # "perfect, grandma will cry": no pattern, and no picture
    fault = fault_then_fix(text) if ctx.scene is not None and not isinstance(action, (Undo, Revert, Branch, Repeat)) else None
    if fault:  # "the tower is crooked 😂 fix it"
        action = Edit(ops=tuple(fault))
    fix = put_right(text, ctx.scene) if not ctx.attached and not ctx.keep else None
    if fix and (isinstance(action, (New, Chat)) or isinstance(action, Edit) and any(
            isinstance(op, Add) and said_wrong(op.thing) for op in action.ops)):  # the fault itself was to be drawn
        kept = [op for op in action.ops if not isinstance(op, Add)] if isinstance(action, Edit) else []
        action = Edit(ops=(*kept, *fix.ops))  # "the tail is wrong. red kites have a deep forked tail"
    action = second_reading(action, text, ctx, _read)  # the whole turn, read by a model, when it is sure of another intent
    return last_word(action, text, ctx), notes  # "Me recuerda mucho a mi abuela ❤️", "creepy. love it"


def _read(text: str, ctx: Context) -> tuple[Action, tuple[str, ...]]:
    """The rules alone, from the most specific reading to the least."""
    said, each = each_of_batch(text, ctx.pictures)
    if each > 1:  # "make them all pink" after a batch: the change, drawn for each of its pictures
        action, notes = _understand(said, ctx)
        if isinstance(action, Edit):
            return action.model_copy(update={"count": each}), notes
    action, notes = _understand(text, ctx)
    if isinstance(action, Edit) and action.ops and not action.variants and all(
            isinstance(op, SetSeed) and op.seed is None and not op.keep for op in action.ops):
        return Repeat(), notes  # "same thing but another seed": the picture again, drawn anew
    action = changed_after(action, text, ctx, _understand)  # "I prefer the first, but bluer": a branch from it
    return one_of_batch(action, text, ctx.pictures), notes  # "the third one" after four pictures


_LAUGHED_QUESTION = re.compile(r"^\W*(?:(?:lol|lmao|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|omg|wow|whoa|oh+|wait|hmm+|huh)[\s,.!]+)+"
                               r"(?=(?:what|which|who|why|how|where)\b)", re.I)


_OFFERED = re.compile(r"(?!(?:what|how|why|is|are|was|were|can|could|do|does|did|will|would|should|which|who|where|when|whats|what's|"
                      r"hows|any|ok|okay|really|so|and|or|but|right|huh|wait|r|u|you|ur|i|im|i'm|it|its|it's|this|that|he|she|they)\b)"
                      r"(?![\w' -]*\b(?:model|seed|prompt|steps|size|cfg|guidance|sampler|resolution)\b)"
                      r"(?![\w' -]*\b(?:can|could|would|will|do|does|did|is|are|should)\s+(?:you|u|i|we|it|they)\b)"
                      r"[^\W\d_][\w' -]{2,80}\?+\s*", re.I)


# A question that opens its sentence, and a remark after it that asks nothing.
_OPENS_A_QUESTION = re.compile(r"^(?:(?:before i (?:start|begin)|first(?: of all)?|quick question|just wondering|sorry|excuse me|ok(?:ay)?|so)[\s,]+)?"
                               r"(?:what|which|who|how|why|where|when|are|is|do|does|did|can|could|will|would)\b", re.I)
_REMARK_ASKS = re.compile(r"\?|\b(?:draw|make|paint|create|generate|render|show|give|try|add|put|change|please|pls|let'?s|could|can|would)\b",
                          re.I)


def _asked_before_a_remark(said: str, ctx: Context) -> Question | Chat | Help | None:
    """The question asked before a remark ("are you a real person or a computer? My neighbour says it's a computer."),
    or None when the words before the mark open no question or the remark after it asks for something."""
    head, mark, tail = said.partition("?")
    if not mark or not tail.strip() or _REMARK_ASKS.search(tail) or \
            not _OPENS_A_QUESTION.match(re.split(r"(?<=[.!])\s+", head.strip())[-1]):
        return None
    return question(head + mark, ctx)


def _first_asks_help(message: str) -> bool:
    """ "how does this work? i want a cat": help asked first; not a standing wish before a picture asked ("from now on
    always make them square please. first one: a hot air balloon …")."""
    first, *more = re.split(r"(?<=[?!.])\s+", message)
    return bool(HELP.match(first)) and not (more and re.search(r"\bfrom now on\b|\balways\b", first, re.I) and re.search(
        r"\b(?:first one|draw|paint|show me|give me)\b|^\W*(?:an?|the|some)\s", " ".join(more), re.I))


def _help_clause(message: str) -> bool:
    """ "hey! first time here, how does this work?", "help me out here, how does it work": a greeting or
    a remark about oneself, and a question about the chat, in clauses of their own."""
    clauses = [c for c in re.split(r"\s*[,;:!?.]+\s*", message.strip()) if re.search(r"[^\W\d_]", c)]
    if len(clauses) < 2 or len(clauses) > 4 or not HELP.match(clauses[-1] + "?"):
        return False
    return all(chat_kind(c) or re.match(r"^(?:(?:it'?s )?(?:my )?first time(?: here| using this| trying this)?|i'?m new(?: here)?|"
                                        r"new here|help me(?: out)?(?: here| a bit)?|quick question|sorry|hi|hello|hey)$", c, re.I)
               for c in clauses[:-1])


def _understand(text: str, ctx: Context) -> tuple[Action, tuple[str, ...]]:
    if ctx.attached:
        given = given_picture(text, ctx, _understand)
        if given is not None:  # "here's my living room, can you show it with dark green walls?"
            return given
    liked = likeness_asked(clean(text), ctx, _understand)
    if liked is not None:  # "keep it closer to my photo": drawn again from the person's picture, less changed
        return liked
    named = emoji_picture(text) if ctx.scene is None else None
    if named:
        return New(description=named), ()  # "🦊🌲" before any picture: a fox and a tree
    p = prepare(text, ctx)
    message, english, language, notes = p.message, p.english, p.language, list(p.notes)
    scene = ctx.scene
    untranslated = english == message
    whole = read_whole(text, p, ctx, _understand)
    if whole is not None:
        return whole
    if scene is not None:
        english = as_a_request(named_for_it(english))
    english = POLITE.sub("", plain_request(english))
    if scene is not None:  # "now it should be night obviously": the aside at the end says nothing about the picture
        english = without_trailing_aside(english)
    settings, rest = extract_settings(english, previous_steps=scene.steps if scene else None,
                                      previous_guidance=scene.guidance if scene else None)
    if scene is not None:  # "too saturated, lower it to 5": the guidance said before, to 5
        more, rest = bumped_clause(rest, ctx)
        settings = [*settings, *more]
    rest_lead = strip_lead(rest)
    if re.search(r"\b(?:that|this)\s+seed\b", english, re.I):
        said = seed_just_said(ctx)
        if said is not None:  # "what was the seed of the first one?" … "use that seed": the one just named
            settings = [SetSeed(seed=said) if isinstance(op, SetSeed) and op.keep else op for op in settings]

    looked = (look_of_another(rest, ctx) or kept_from_before(rest, ctx)) if scene is not None and not settings else None
    if looked:  # "same style as the warlock one": that picture's look, on this one
        return Edit(ops=tuple(looked)), tuple(notes)
    room = room_for_words(rest_lead) if scene is not None else None
    if room is not None:  # "make it wider so theres room for text on the right"
        return Edit(ops=(*settings, room)), tuple(notes)
    m = _PLUS_MINUS.match(rest.strip())
    if scene is not None and m:  # "+ wasabi and ginger", "-rocks": a power user's add and remove
        things = [x.strip(" .!?") for x in re.split(r"\s*(?:,|\band\b|&|\+)\s*", m.group(2)) if x.strip(" .!?")]
        ops = [Add(thing=x) for x in things] if m.group(1) == "+" else [Remove(thing=bare(x)) for x in things]
        return Edit(ops=(*settings, *ops)), tuple(notes)
    if scene is not None and _WEIGHTED_ONLY.fullmatch(rest.strip()):
        return Edit(ops=(*settings, recoloured(Add(thing=rest.strip()), scene))), tuple(notes)  # "(storm clouds:1.4)": one more weighted tag

    if not rest_lead and not settings:
        kind = chat_kind(message) or "other"
        return Chat(kind=kind), tuple(notes)  # type: ignore[arg-type]
    if not rest_lead or settings and not re.search(r"[^\W_]", rest_lead) or re.fullmatch(r"(?:please|pls|now|ok|okay|and|then|but|with|use|try|make it|do|in|at|add)?", rest_lead, re.I) \
            or settings and (_SETTING_FILLER.fullmatch(rest_lead) or PURPOSE.fullmatch(rest_lead) or _FORMAT.fullmatch(rest_lead)
                             or scene is not None and (FOR_ONLY.fullmatch(rest_lead) or _SAID_OF_IT.match(rest_lead))):
        if scene is not None and settings and all(isinstance(op, SetSeed) and op.seed is None and not op.keep
                                                  for op in settings):
            return Repeat(), tuple(notes)  # "try with a different seed": the same picture drawn again
        if scene is None:
            # "portrait", "a phone wallpaper" before any picture: that is the picture asked for.
            said = _SUBJECT_SIZE_WORD.search(english)
            if said and any(isinstance(op, SetSize) for op in settings):
                return New(description=said.group(0), ops=tuple(settings)), tuple(notes)
            return Chat(kind="other", reply=None), tuple(notes)
        if not settings:
            return Chat(kind="other", reply=None), tuple(notes)  # "make it", "ok then": nothing asked yet
        return Edit(ops=tuple(settings)), tuple(notes)

    if not re.search(r"\byour\s+(?:favou?rite|fave|fav)\b", rest, re.I) and (  # "what's your favorite style" is small talk
            HELP.match(rest) or HELP.match(rest_lead) or HELP.match(strip_lead(message)) or
            _first_asks_help(strip_lead(message)) or _help_clause(message)):  # "how does this work? …"
        topic = "styles" if re.search(r"\bstyles?\b", rest, re.I) else "general"
        return Help(topic=topic), tuple(notes)  # type: ignore[arg-type]
    if not settings and complained_again(rest, ctx):
        return Repeat(), tuple(notes)  # "nice but the dog looks weird": drawn again, not only answered
    laughed = _LAUGHED_QUESTION.match(rest)
    if laughed and not settings:  # "lol what is that": the question, not the laugh
        asked = question(rest[laughed.end():], ctx)
        if asked is not None:
            return asked, tuple(notes)
    unsharp = unsharp_fixed(rest) if scene is not None and not settings else None
    if unsharp:  # "it's kinda blurry": drawn sharper, the seed kept
        return Edit(ops=tuple(unsharp)), tuple(notes)
    # "evening" alone with a picture on screen is the time of day asked for; "evening!" or "good evening" greets
    kind = None if scene is not None and re.fullmatch(r"(?:morning|evening)", rest.strip(), re.I) else chat_kind(rest)
    if kind and not settings:
        return Chat(kind=kind), tuple(notes)  # type: ignore[arg-type]
    if kind is None and not settings:
        # "thanks! now make it blue": the small talk in front is dropped, the rest read on.
        pass
    if settings and all(isinstance(op, SetSeed) for op in settings) and english.rstrip().endswith("?"):
        seed_asked = question(english, ctx)  # "is that the same seed as before or random?": asked, not set
        if isinstance(seed_asked, Question) and seed_asked.topic == "seed":
            return seed_asked, tuple(notes)
    asked = question(rest_lead or rest, ctx)
    if asked is None:
        asked = _asked_before_a_remark(rest_lead or rest, ctx)  # "are you a real person or a computer? My neighbour says …"
    if isinstance(asked, Chat) and asked.kind == "offtopic" and scene is not None and _OFFERED.fullmatch(rest_lead or rest) \
            and chat_kind(rest) is None and not language:
        asked = None  # "sticker sheet with 4 different drinks?": a picture offered with a question mark, not a question
    if isinstance(asked, Chat) and asked.kind == "offtopic" and scene is not None and re.search(
            r"\b(?:write|put|spell|letter)\b.{1,60}\b(?:on|across|at the (?:top|bottom))\s+(?:it|this|that|the\s+\w+)\b", rest, re.I):
        asked = None  # "can u write happy 90th nana on it": words lettered on the picture, not a text to write
    if asked is not None and not settings:
        if isinstance(asked, Chat) and re.search(r"\bstyles?\b", rest, re.I) and re.search(r"\b(?:what|which)\b", rest, re.I) \
                and not re.search(r"\byour\b", rest, re.I):
            return Help(topic="styles"), tuple(notes)
        return asked, tuple(notes)

    body = rest_lead
    if scene is None and not settings:
        # "undo" or "another one" before any picture: said so, never drawn as words.
        if is_undo(body):
            return Undo(), tuple(notes)
        if REPEAT.match(body.strip(" .!")):
            return Repeat(), tuple(notes)
    said = body if NEW_TOPIC.match(body) else rest  # "next one: a teacup", whose "next" the lead words took
    topic = NEW_TOPIC.match(said)
    if scene is not None and topic and not re.match(r"(?:make|turn|add|remove|put|give|change|set|zoom|undo)\s+(?:it|him|her|them|this)\b",
                                                    said[topic.end():], re.I):  # "different idea: robots playing chess": a new picture
        return new_action(said[topic.end():], settings, ctx), tuple(notes)
    if scene is not None and ctx.pictures:
        action = history_action(body, ctx, settings) or (history_leftover(body) if not settings else None)
        if action is not None:
            return action, tuple(notes)
    if scene is not None and not ctx.keep:
        again = same_character(body, ctx)
        if again is not None:  # "now same girl flying a kite": the girl, somewhere else
            return again.model_copy(update={"ops": (*again.ops, *settings)}), tuple(notes)
        same = same_but(body, ctx)
        if same:  # "can you do the same in anime style?": this picture, in that style
            return Edit(ops=(*settings, *same)), tuple(notes)
        one = one_like_this(body, ctx, has_settings=bool(settings))
        if one is not None:  # "now one at night", "a version for a poster, tall": this picture, changed
            return Edit(ops=(*settings, *one)), tuple(notes)
        kept_seed = re.match(r"^\W*same\s+seed\s*,?\s+but\b", english, re.I)  # "same seed but a wolf": the fox becomes a wolf
        said = re.sub(r"^but\s+", "", body.strip(" .!?"), flags=re.I)
        if re.fullmatch(r"(?:an?\s+)?[\w-]+", said, re.I) and (SWAP.match(last_said(ctx)) or kept_seed):
            swapped = parse_edit(f"same but {said}", ctx)  # "same but a cat" … "now a hamster"
            if swapped:
                return Edit(ops=(*settings, *swapped)), tuple(notes)
    painted = re.match(r"(?:paint|colou?r|draw)\s+(?:the|his|her|its|their)\s+([\w-]+)", body, re.I)  # "paint the kite orange"
    coloured = painted and re.search(rf"\b(?:{COLOUR_PHRASE})\W*$", body, re.I)  # "paint the door red": its door
    if scene is not None and (ctx.keep or not NEW_REQUEST.match(body) and not NEW_WORDS.match(body)
                              or painted and (scene.mentions(painted.group(1)) or coloured)):
        if not settings and not ctx.keep and remark_first(body, ctx):  # "you nailed the horse"; "lol creepy, go back"
            return asked_after_remark(body, lambda part: _understand(part, ctx)[0]) or Chat(kind=sentiment(body)), tuple(notes)  # type: ignore[arg-type]
        fixed = corrected_subject(rest, scene)
        if fixed:  # "no, a dog" after a cat
            return Edit(ops=(*settings, *fixed)), tuple(notes)
        # "make the horse jump over a fence": what it does, before the edit rules read "make X Y" as X becoming Y
        ops = (recounted(body, scene) or compared_size(body, scene) or text_change(body, scene) or sex_change(body, scene) or colour_tried(body, scene, last_said(ctx))
               or look_tried_instead(body, scene, last_said(ctx)) or craft_look(body, scene)
               or place_swapped(rest, scene, last_said(ctx)) or as_a_look(body)
               or depth_of_field(body) or bumped(body, ctx) or lettering(body) or spelling_fix(body, scene) or fix_asked(body)
               or order_about_picture(body, ctx) or instead_of_removed(body) or meant_not(body, lambda part: _understand(part, ctx)[0], scene.mentions)
               or instead_of(body, lambda part: _understand(part, ctx)[0], scene.mentions)
               or parse_edit(body, ctx, keep=ctx.keep))
        joined = re.match(r"^\W*(?:and|plus|also|with)\b", rest, re.I)  # "and a bowl of milk": one more thing
        last = last_said(ctx)
        if ops is None and re.match(r"^\W*(?:and|also|plus)\b", rest, re.I) and len(body.split()) <= 6 and REMOVAL.match(last):
            ops = [Remove(thing=bare(body.strip(" .!?")))]  # "remove the coffee mug" … "and the sticky notes"

        if ops is None and joined and len(body.split()) <= (12 if re.match(r"(?:an?|some|a few)\s", body, re.I) else 8):
            ops = [Add(thing=body.strip(" .!?"))]
        # "ok now a creeper next to me", "a beagle in the back seat" (of the car on screen): one more thing, by what is there
        beside = _BESIDE.match(body) is not None or in_a_part(body, scene)
        if ops is None and len(body.split()) <= 10 and (
                re.search(r"\s(?:everywhere|all over(?: the place)?|all around|in the background|in the foreground)\W*$", body, re.I)
                or re.match(r"^(?:an?|some|two|three)\s", body, re.I) and possessive_back(body, scene) or beside):
            ops = [Add(thing=body.strip(" .!?"))]  # "autumn leaves everywhere", "a seagull stealing his carrot nose"
        if ops is not None and len(ops) == 1 and isinstance(ops[0], Add) and "," in ops[0].thing and not joined:
            ops = each_clause(body, lambda part: _understand(part, ctx)[0]) or ops  # "less scary, it's for my kid's class"
        ops = [swapped_in(ops[0], scene, english)] if ops is not None and len(ops) == 1 else ops  # "a velvet sofa instead"
        own_subject = ops is not None and not joined and not ctx.keep and not beside and (looks_new(body, ops, scene) or
                                                                         styled_subject(body, ops, scene))
        if own_subject:
            ops = None
        if ops is not None:
            ops = [look_of(recoloured(op, scene)) for op in ops]
            return Edit(ops=tuple([*settings, *ops])) if settings or ops else Repeat(), tuple(notes)
        if is_statement(body, ctx):
            return Chat(kind=sentiment(body)), tuple(notes)  # type: ignore[arg-type]  # "you nailed the horse"
        if _detail_of(body, scene):
            return Edit(ops=(*settings, Add(thing=body.strip(" .!?")))), tuple(notes)
        foreign = language or w.foreign_word_first(message)  # "mit rauch aus dem schornstein": too short to tell, not English
        if foreign and untranslated and w.short_followup(message):
            # A short follow-up in a language the rules cannot read changes the picture being worked on
            # (its words go in as typed, with the language note); it does not start over without the subject.
            return Edit(ops=(*settings, Add(thing=body.strip(" .!?"))) if body.strip(" .!?") else tuple(settings)), \
                tuple(notes)
        leftover = leftover_followup(body, english, ctx, settings)
        modifier = modifier_only(body)
        if modifier is not None and (leftover is None or isinstance(leftover, New)):
            return Edit(ops=(*settings, modifier)), tuple(notes)  # "in color pls": no new picture opens so
        clauses = each_clause(body, lambda part: _understand(part, ctx)[0]) if not isinstance(leftover, Edit) else None
        if clauses:  # "slow shutter feel, wings blurred": each clause a change of this picture
            return Edit(ops=(*settings, *clauses)), tuple(notes)
        if leftover is not None:
            return leftover, tuple(notes)
        terse = None if own_subject else terse_change(body, rest, scene) or plain_change(body)
        if terse:  # "red hair", "sunglasses", "polar": a few words right after a picture change it
            return Edit(ops=(*settings, *(recoloured(op, scene) for op in terse))), tuple(notes)
        added = _TOO.match(body) or (_INSTEAD.match(body) if not own_subject else None)
        if added:  # "ok now some people too", "blue hour light through the window instead": one more thing, or in place of one
            return Edit(ops=(*settings, swapped_in(Add(thing=added.group("x")), scene, english))), tuple(notes)
        styled = _IN_THE_STYLE_OF.match(body)
        if styled and not ctx.attached:  # "now in the style of a Victorian natural history plate": this picture, in that look
            return Edit(ops=(*settings, *(as_a_look(f"as a {styled.group('look')}") or
                                          [SetSlot(slot="medium", value=styled.group("look"))]))), tuple(notes)
    return new_action(body, settings, ctx), tuple(notes)


_IN_THE_STYLE_OF = re.compile(r"^\W*(?:(?:now|and|ok(?:ay)?|then|maybe|but|try|actually)[\s,]+)*(?:(?:do|make|redo|draw|render|paint)\s+"
                              r"(?:it|this|that|him|her|them)\s+)?(?:in|as)\s+(?:the\s+)?style\s+of\s+(?:an?\s+|the\s+)?"
                              r"(?P<look>[\w' -]{3,60}?)(?:\s+(?:instead|please|pls))?\W*$", re.I)


_TOO = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|now|also|maybe)\s+)*(?P<x>(?:some|an?|a few|two|three|more)\s+[\w' -]{2,40}?)\s+(?:too|as well)\W*$",
                  re.I)
_INSTEAD = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|now|maybe|actually)\s+)*(?P<x>(?!.*\binstead\s+of\b)[^\W\d_][\w' -]{2,60}?)\s+instead\W*$", re.I)


_BESIDE = re.compile(r"^(?:an?|some|two|three)\s[\w' -]{1,30}?\s(?:next to|beside|behind|near|around|on top of|in front of)\s+"
                     r"(?:me|him|her|it|them|us)\W*$", re.I)
_WEIGHTED_ONLY = re.compile(r"(?:\(+[^()]{1,80}?(?::\s*\d+(?:\.\d+)?)?\)+[\s,]*)+")
_PLUS_MINUS = re.compile(r"^([+\-\u2212\u2013])\s*([^\W\d_][^+\-\u2212\u2013]{0,200})$")


# What is left of "lower the guidance to 5" or "use seed 5 instead" once the setting is taken out:
# the verbs and articles of asking for it, no content of the picture.
# "make it a 2:3 print", "as a 9:16 story": the shape is the change, the format names no new picture.
_FORMAT = re.compile(r"(?:(?:make|turn|do)\s+it(?:\s+into)?\s+|as\s+)?(?:an?\s+)?(?:(?:phone|desktop|mobile)\s+)?"
                     r"(?:print|poster|wallpaper|story|banner|cover|postcard|flyer)", re.I)
_SETTING_FILLER = re.compile(
    r"(?:(?:please|pls|plz|now|ok|okay|and|then|but|also|just|with|use|using|try|make|it|do|in|at|set|change|switch|"
    r"lower|raise|increase|decrease|reduce|bump|turn|up|down|the|a|an|to|instead|again|same|this|that|one|picture|"
    r"image|pic|version|value|number|of|for|can|could|would|you|u|we|let'?s|go|keep|put|give|me|a bit|a little|"
    r"more|fewer|less|higher|like|around|about|maybe|say|"
    # a judgement of the setting, no content: "landscape orientation would be better"
    r"would|be|is|looks?|better|nicer|best|good|great|prefer|rather|i'?d|i|think|if|possible|ok|fine|back|nope|no|nah|"
    # the rest kept as it is: "new seed, same everything else", "portrait, keep the settings"
    r"everything|else|settings|rest|all|"
    # a shape's name and what it is for, beside its ratio: "square 1:1", "9:16 for ig stories"
    r"square|portrait|landscape|wide|ig|insta|instagram|stories|story|reels?|wallpaper|phone|desktop)"
    r"[\s,.!?]*)+", re.I)


def _detail_of(body: str, scene) -> bool:
    """A few words that change a detail of the picture rather than describe a new one: "short hair"
    after a picture with long hair, or a tag after a hand-written tag prompt ("1boy", "rim lighting")."""
    text = body.strip(" .!?")
    words = text.split()
    if not 0 < len(words) <= 4 or re.match(r"^(?:an?|the|one|two|three|some|my|this|that)\b", text, re.I):
        return False
    if scene.verbatim:
        return True
    head = phrase_head(text)
    return len(words) >= 2 and bool(head) and len(head) > 2 and scene.mentions(head)


# What is left beside a setting that only tells of the picture: "make it wider, it's going above my bed", "this is great but it
# needs to be square for Instagram"
_SAID_OF_IT = re.compile(r"^\W*(?:(?:this|that|it)(?:'s|\s+is)\s+(?:great|perfect|nice|good|lovely|cool|fine)\s+but\s+)?"
                         r"(?:(?:this|that|it)(?:'s|\s+is|\s+was|\s+needs|\s+will|'ll|\s+has\s+to|\s+goes|\s+should)|"
                         r"(?:i|we)(?:'m|\s+am|'re|\s+are|'ll|\s+will|\s+need|\s+want\s+to\s+(?:print|hang|post|use|put))|"
                         r"(?:he|she|they)(?:'s|\s+is|'re|\s+are))\b", re.I)
_SUBJECT_SIZE_WORD = re.compile(r"\b(?:(?:phone|mobile|desktop|computer|laptop)\s+)?(?:portrait|landscape|panorama|banner|"
                                r"wallpaper|thumbnail|avatar|profile picture)\b", re.I)


class RulesInterpreter:
    """The offline rules as an :class:`~conversation.interpreter.Interpreter`."""

    name = "rules"

    def interpret(self, text: str, context: Context) -> Interpretation:
        action, notes = understand(text, context)
        return Interpretation(action=action, by=self.name, notes=notes)

    def stream(self, text: str, context: Context) -> Iterator[StreamItem]:
        yield self.interpret(text, context)
