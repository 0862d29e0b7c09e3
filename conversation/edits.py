"""Applying typed edit operations to a scene: pure functions, each op a small rule.

``apply_ops(scene, ops) -> (scene, changes)``: ``changes`` is the short diff the chat shows
("+ at night", "- hat", "style: anime"). An edit keeps the seed unless an op changes it.
"""

from __future__ import annotations

import re
from typing import Iterable

from prompts import lexicon as lx
from prompts.errors import PromptError
from prompts.refine import changes_once
from prompts.styles import get_style, style_label

from conversation.actions import (Add, Allow, Camera, Likeness, Op, Remove, Replace, SetGuidance, SetSeed, SetSize, SetSlot,
                                  SetSteps, SetStyle, SetSubject)
from conversation.describe import PLACE_NOUNS
from conversation.more_weight import is_weighted, reweighted
from conversation.negatives import allowed
from conversation.phrases import (ARTICLE, COLOUR_PHRASE, GREY_LOOK, HEAD_END, KIND_OF, a_an, bare, head_noun, main_noun,
                                  noun_forms, phrase_head, replace_in, thing_re, without_article)
from conversation.edit_clashes import (DRAWN_NOUN, PHOTO_LOOKS, new_ground, of_kind, one_of_kind, other_sex, without_opposites,
                                      without_time)
from conversation.scene import SLOTS, Scene
from conversation.take_out import cut_keeping_scene, people_drawn, thing_in
from conversation.words import find_style


_CAMERA = {
    "closer": "close-up shot", "wider": "wide shot, the whole scene in view", "above": "seen from above, bird's-eye view",
    "below": "low-angle shot from below", "side": "side view", "front": "front view", "behind": "seen from behind",
}
# Words that a new time of day makes wrong, by the kind of time (prompts.lexicon knows them).
_TIME_LIGHT_CLASH = {"night": re.compile(r"\b(sun|sunny|sunlit|sunlight|daylight|golden|midday|noon|bright day)\b", re.I),
                     "day": re.compile(r"\b(moon|moonlit|moonlight|night|stars|starry|neon glow)\b", re.I)}


# A place something is in ("in a library", "at the beach"), not what is around it ("in the background",
# "in the snow"): a new place takes its spot.
_OLD_PLACE = re.compile(
    rf",?\s+(?:in|inside|at|within)\s+(?:(?:the|a|an|some|my|our|his|her|their)\s+)?(?:[\w'-]+\s+){{0,2}}?"
    rf"(?!(?:background|snow|grass|sand|leaves|flowers|water|rain|fog|mist|night sky|sunset|landscape|world|universe)\b)"
    rf"(?:{PLACE_NOUNS})s?\b(?=\s*$|\s*[,.;]|\s+(?:with|and|during|where|while|at|by|under)\b)", re.I)
# A detail that only says how the picture looks: "vintage textbook style", "oil painting", "watercolor".
_LOOK_DETAIL = re.compile(rf"(?:[\w'-]+\s+){{0,3}}(?:style|styled|aesthetic|look)|(?:[\w'-]+\s+){{0,2}}?{lx.MEDIUM.pattern}",
                          re.I)
_ARTIST_LOOK = re.compile(r"(?:in\s+the\s+style\s+of|in\s+the\s+manner\s+of|(?:painted|drawn|illustrated)\s+by)\s+[\w' .-]{2,40}", re.I)
_TIMES_OF_DAY = ("early morning", "morning", "late afternoon", "afternoon", "evening", "dusk", "dawn", "sunrise", "sunset",
                 "noon", "midday", "night", "nighttime", "golden hour", "twilight", "daytime")
_WEATHER_WORDS = ("foggy", "misty", "hazy", "rainy", "snowy", "stormy", "cloudy", "overcast", "sunny", "windy", "drizzly")
_WEATHER_ADJ = re.compile(rf"\b(?:{'|'.join(_WEATHER_WORDS)})\b|\b(?:fog|mist|rain|snow|storm|cloud|sun|wind)", re.I)


def apply_ops(scene: Scene, ops: Iterable[Op]) -> tuple[Scene, list[str]]:
    changes: list[str] = []
    style, medium = None, None
    for op in ops:
        scene = _apply(scene, op, changes)
        if isinstance(op, SetStyle):
            style = scene.style
        elif isinstance(op, SetSlot) and op.slot == "medium" and op.value:
            medium = scene.medium
    if style is not None and medium is not None:
        # A preset and a look asked in one message ("black and white, like an old press photo"): both kept.
        scene = scene.with_(style=style, medium=medium)
    return scene, changes_once(changes)


def _apply(s: Scene, op: Op, changes: list[str]) -> Scene:
    if isinstance(op, Add):
        return _add(s, op.thing, changes)
    if isinstance(op, Remove):
        return _remove(s, op.thing, changes)
    if isinstance(op, Allow):
        return allowed(s, op.thing, changes)
    if isinstance(op, Replace):
        return _replace(s, op.old, op.new, changes)
    if isinstance(op, SetSubject) and (kind := one_of_kind(op.subject)):
        changes.append(f"+ {kind}")  # "make it a matcha one" on "a cute boba tea sticker": the same thing, of that kind
        return s.with_(subject=of_kind(s.subject, kind))
    if isinstance(op, SetSubject):
        parts = HEAD_END.split(s.subject, maxsplit=1)
        rest = parts[1] if len(parts) > 1 else ""
        new_subject = f"{op.subject} {rest}".strip() if rest and not HEAD_END.search(" " + op.subject) else op.subject
        changes += [f"- {parts[0]}", f"+ {op.subject}"]
        return s.with_(subject=new_subject)
    if isinstance(op, SetSlot):
        return _set_slot(s, op.slot, op.value, changes)
    if isinstance(op, SetStyle):
        try:
            style = get_style(op.style).id
        except PromptError:
            # A chat model's style name: a preset in another spelling, or a look no preset names.
            found = find_style(op.style)
            if found is None:
                return _set_slot(s, "medium", op.style.strip(), changes)
            style = found[0]
        if style != s.style:
            changes.append(f"style: {style_label(style).lower()}" if style != "none" else "style: none")
        # "more like ghibli": the anime preset, and the name said, which the preset's words do not carry
        medium = f"{op.said} style" if op.said and style != "none" else None if style != "none" else s.medium
        looks = tuple(d for d in s.details if _LOOK_DETAIL.fullmatch(d.strip()) and not re.match(rf"(?:{COLOUR_PHRASE})\s", d.strip(), re.I)
                      or _ARTIST_LOOK.fullmatch(d.strip())) if style != "none" else ()  # not a colour: "purple aesthetic"
        if looks:  # one look at a time: "now van gogh" after "in the style of cezanne"
            changes += [f"- {d}" for d in looks]
        if style == "black-and-white":  # "black and white only" on "…, purple and yellow": the colours go
            s = s.with_(subject=without_opposites(s.subject, "monochrome"),
                        details=tuple(t for t in (without_opposites(d, "monochrome") for d in s.details) if t))
        subject = s.subject
        if style in PHOTO_LOOKS:  # "make it look like a real photo" on "a card illustration of tulips": a photo of them
            subject = DRAWN_NOUN.sub(lambda m: "photo of" if m.group(0).lower().endswith(" of") else "", subject).strip(" ,")
            subject = re.sub(r"\s{2,}", " ", subject) or s.subject
        return s.with_(style=style, medium=medium, subject=subject, details=tuple(d for d in s.details if d not in looks))
    if isinstance(op, SetSize):
        if op.width and op.height:
            changes.append(f"{op.width}×{op.height}")
            return s.with_(width=op.width, height=op.height, aspect=None)
        if op.scale:
            if not (s.width and s.height):
                return s  # nothing drawn yet to scale: the model's default size stands
            changes.append("bigger" if op.scale > 1 else "smaller")
            return s.with_(width=round(s.width * op.scale), height=round(s.height * op.scale), aspect=None)
        if op.aspect:
            changes.append(f"aspect {op.aspect}")
            return s.with_(aspect=op.aspect, width=None, height=None)
        return s
    if isinstance(op, SetSeed):
        if op.keep:
            return s
        changes.append(f"seed {op.seed}" if op.seed is not None else "new seed")
        return s.with_(seed=op.seed)
    if isinstance(op, SetSteps):
        changes.append(f"{op.steps} steps")
        return s.with_(steps=op.steps)
    if isinstance(op, SetGuidance):
        changes.append(f"guidance {op.guidance:g}")
        return s.with_(guidance=op.guidance)
    if isinstance(op, Camera):
        framing = _CAMERA[op.move]
        if op.move == "closer" and op.on:
            on = re.sub(r"^(?:the|a|an)\s+", "", op.on.strip(), flags=re.I)
            framing = f"close-up of {on}"
        if op.move != "closer":  # "zoom out" after "close-up of a bee": the framing said in the subject goes too
            subject = re.sub(r"^(?:an?\s+)?(?:extreme\s+)?(?:close-?\s?up|macro)(?:\s+(?:shot|photo|photograph|view|"
                             r"portrait))?\s+of\s+", "", s.subject, flags=re.I)
            if subject and subject != s.subject:
                s = s.with_(subject=subject)
        return _set_slot(s, "framing", framing, changes)
    if isinstance(op, Likeness):  # the scene stays; what changes is how much of the person's picture is kept
        changes.append("closer to your picture" if op.closer else "further from your picture")
    return s


def _add(s: Scene, thing: str, changes: list[str]) -> Scene:
    thing = re.sub(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+", "", thing).strip()  # "on fire 🔥": the emoji is no picture
    thing = re.sub(r"^(?:with|and|plus|also)\s+", "", thing.strip(" ,."), flags=re.I)
    thing = re.sub(r"\s+instead$", "", thing, flags=re.I)
    if not thing:
        return s
    spot = _ON_A_PART.search(thing)
    if spot:  # "a tiny towel on his head": whatever was on its head before goes
        worn = re.compile(rf"(?:,?\s*(?:with|wearing|holding)\s+)?(?:an?\s+|the\s+|some\s+)?(?:[\w-]+\s+){{0,2}}?[\w-]+\s+"
                          rf"{spot.group(1)}\s+(?:his|her|its|their)\s+{spot.group(2)}s?\b", re.I)
        subject, details = worn.sub("", s.subject).strip(" ,"), [worn.sub("", d).strip(" ,") for d in s.details]
        if subject != s.subject or details != list(s.details):
            changes.append("- what was " + spot.group(0))
            s = s.with_(subject=subject or s.subject, details=tuple(d for d in details if d))
    noun = "" if re.search(r"['\"“‘]", thing) else phrase_head(thing)  # lettering ("the text \"VISIT MARS\"") joins nothing
    negatives = tuple(n for n in s.negatives if head_noun(n) != noun and bare(n).lower() != bare(thing).lower())
    if negatives != s.negatives:
        changes.append(f"no longer avoided: {', '.join(n for n in s.negatives if n not in negatives)}")
    details = list(s.details)
    if re.match(r"^(?:another|one more|a second|a third|more|other|two|three|four|five|several|many|lots of|a few|"
                r"some more|\d+)\b", thing, re.I):
        noun = ""  # "another cat": one more, not a change of the cat there is
    # "same but with blue eyes": the new eyes replace the old ones, wherever they were said.
    for i, d in enumerate(details):  # a detail about that thing, not one that only names it ("a jungle behind the door")
        said = re.sub(r"[()\[\]]|:\s*\d+(?:\.\d+)?", " ", d)
        if noun and re.search(rf"\b{noun_forms(noun)}\b", said, re.I) and \
                re.fullmatch(noun_forms(noun), phrase_head(said) or "", re.I):
            changes += [f"- {d}", f"+ {thing}"]
            details[i] = thing
            return s.with_(details=tuple(details), negatives=negatives)
    if noun and len(thing.split()) > 1 and re.search(rf"\b{noun_forms(noun)}\b", s.subject, re.I):
        subject, hit = replace_in(s.subject, noun, thing)
        if hit and subject != s.subject:
            changes += [f"+ {thing}"]
            return s.with_(subject=without_opposites(subject, thing) or subject, negatives=negatives)
    if any(bare(d).lower() == bare(thing).lower() for d in details):
        return s.with_(negatives=negatives)
    moved = new_ground(s, thing)
    if moved is not None:  # "desert road" on "parked on a wet city street": the street becomes the road
        changes += [f"+ {thing}"]
        return moved.with_(negatives=negatives)
    changes.append(f"+ {thing}")
    subject, details = without_opposites(s.subject, thing), [without_opposites(d, thing) for d in details]
    return s.with_(subject=subject if subject.strip() else s.subject, details=(*details, thing), negatives=negatives)


# Where a thing is worn or held: "on his head", "in her hand", "around its neck".
_ON_A_PART = re.compile(r"\b(on|in|around|over)\s+(?:his|her|its|their)\s+(head|hand|neck|shoulder|back|nose|face|paw|lap|ear)s?\b",
                        re.I)


def _remove(s: Scene, thing: str, changes: list[str]) -> Scene:
    said = [d for d in s.details if d.strip().lower() == thing.strip().lower() and re.match(r"\s*['\"“‘]", d)]
    if said:  # words quoted for a sign ("'Visit Olympus Mons'"): that phrase goes, and is no negative
        changes += [f"- {d}" for d in said]
        return s.with_(details=tuple(d for d in s.details if d not in said))
    thing = re.sub(r"^(?:the\s+)?(?:[\w-]+\s+)?(text|lettering|writing)(?:\s+on\s+(?:the\s+)?[\w-]+)?$", r"\1", thing.strip(), flags=re.I)
    what = people_drawn(thing, s.details) or thing_in(" ".join(s.phrases()), bare(thing))  # "no palms": the palm trees drawn
    if not what:
        return s
    if re.fullmatch(r"(?:the\s+)?(?:lora|lycoris|lyco|embedding)s?", what, re.I):  # "same without the lora": its tag goes whole
        tag = re.compile(r"\s*<(?:lora|lyco|lycoris|hypernet):[^>]*>\s*", re.I)
        changes.append(f"- {what}")
        return s.with_(subject=tag.sub(" ", s.subject).strip() or s.subject,
                       details=tuple(t for t in (tag.sub(" ", d).strip() for d in s.details) if t))
    if re.fullmatch(r"(?:the\s+)?(?:caption|text|words|writing|lettering|title|letters|quote|slogan|tagline|label)s?", what, re.I):
        # "no caption actually": the quoted words go with the word that named them
        quoted = re.compile(r"(?:,\s*)?(?:\b(?:with\s+)?(?:an?\s+|the\s+)?(?:caption|text|title|slogan|tagline|label|words)\s*:?\s*|"
                            r"\b(?:that\s+)?(?:says?|saying|reads?|reading)\s+)?['\"“‘][^'\"”’]{1,80}['\"”’]"
                            r"(?:\s+(?:at|on|across|along|in)\s+the\s+(?:top|bottom|left|right|middle|cent(?:er|re))(?:\s+(?:edge|corner|side))?)?",
                            re.I)
        subject = quoted.sub("", s.subject).strip(" ,") or s.subject
        details = tuple(d for d in (quoted.sub("", d).strip(" ,") for d in s.details) if d)
        if subject != s.subject or details != s.details:  # ... and the word stays out, as any thing taken away does
            changes.append(f"- {what}")
            negatives = s.negatives if any(n.lower() == what.lower() for n in s.negatives) else (*s.negatives, what)
            return s.with_(subject=subject, details=details, negatives=negatives)
    subject, hit = cut_keeping_scene(s.subject, what) if len(s.subject.split()) > 1 else (s.subject, False)
    if hit and not re.search(r"[^\W_]", subject):
        subject, hit = s.subject, False  # never remove the subject itself to nothing
    main = main_noun(s)
    if hit and main and head_noun(what) != main and not re.search(rf"\b{re.escape(main)}\b", subject, re.I):
        subject, hit = s.subject, False  # "remove the people" from "a man in a crowd": the man stays
    details = []
    leads = re.compile(rf"^\s*(?:{ARTICLE}\s+)?(?:[\w-]+\s+){{0,2}}?(?:{thing_re(what).pattern})", re.I)
    for d in s.details:
        cut, dhit = cut_keeping_scene(d, what)
        if dhit:
            hit = True
            # "a cat sniffing it" is about the cat: without the cat nothing of it is left to draw.
            about_it = leads.match(d) and re.match(r"^\W*(?:\w+ing\b|(?:next to|beside|near|on|under|behind|by|with)\s+"
                                                   r"(?:it|him|her|them)\b)", cut, re.I)
            rest = re.sub(r"^\s*(?:and|&|plus)\s+|\s+(?:and|&|plus)\s*$", "", cut).strip(" ,")
            if not about_it and re.search(r"[^\W_]", rest) and (len(rest.split()) > 1 or re.search(r"\s(?:and|&|plus)\s", d)):
                details.append(rest)  # "sun and waves" without the sun: the waves
        else:
            details.append(d)
    slots = {}
    for slot in SLOTS:
        value = getattr(s, slot)
        if value and thing_re(what).search(value):
            slots[slot] = None
            hit = True
    # "take away the mist" from "in a misty forest": the word that says it goes, the forest stays.
    word = what.lower()
    if re.fullmatch(r"[a-z]{3,}", word):
        forms = {word + "y", word + word[-1] + "y", word[:-1] + "y" if word.endswith("e") else word + "y"}
        adjective = re.compile(rf"\b(?:{'|'.join(sorted(forms))})\s+(?=[^\W\d_])", re.I)
        if adjective.search(subject):
            subject, hit = adjective.sub("", subject), True
        details = [adjective.sub("", d) for d in details]
        for slot in SLOTS:
            value = slots.get(slot, getattr(s, slot)) if slot not in slots or slots[slot] else None
            if value and adjective.search(value):
                slots[slot] = adjective.sub("", value)
    negatives = s.negatives if any(n.lower() == what.lower() for n in s.negatives) else (*s.negatives, what)
    changes.append(f"- {what}")
    return s.with_(subject=subject, details=tuple(details), negatives=negatives, **slots)


def _replace(s: Scene, old: str, new: str, changes: list[str]) -> Scene:
    if is_weighted(old):  # "(bokeh:1.3)" → "(bokeh:0.8)", where it is
        return reweighted(s, old, new, changes)
    if re.match(r"(?:on|in|under|at|by|next\s+to|behind|above|below|in\s+front\s+of|beside|inside|over|near)\s", old, re.I):
        literal = re.compile(rf"\b{re.escape(old)}\b", re.I)  # "on a bridge" → "on the water": where it is, said as it was
        slots = {x: literal.sub(new, v) for x in SLOTS if (v := getattr(s, x)) and literal.search(v)}
        if literal.search(s.subject) or any(literal.search(d) for d in s.details) or slots:
            changes += [f"- {old}", f"+ {new}"]
            return s.with_(subject=literal.sub(new, s.subject), details=tuple(literal.sub(new, d) for d in s.details), **slots)
    old_b = bare(old)
    if old_b.lower() in ("it", "this", "that", "them", "him", "her", "the image", "the picture", "everything"):
        return _apply(s, SetSubject(subject=new), changes)
    if old_b.lower() in KIND_OF and not s.mentions(old_b):
        text = " ".join(s.phrases())
        member = next((m for m in KIND_OF[old_b.lower()].split() if re.search(rf"\b{noun_forms(m)}\b", text, re.I)), None)
        if member:
            old_b = member
    if re.search(r"\bone$", new, re.I) and not re.fullmatch(r"(?:an?\s+|the\s+)?one", new.strip(), re.I):
        new = re.sub(r"\bone$", phrase_head(old_b) or old_b, new, flags=re.I)  # "swap the sofa for a green velvet one"
    subject, hit = replace_in(s.subject, old_b, new)
    details = []
    for d in s.details:
        nd, dh = replace_in(d, old_b, new)
        hit = hit or dh
        details.append(nd)
    slots = {}
    for slot in SLOTS:
        value = getattr(s, slot)
        if value:
            nv, sh = replace_in(value, old_b, new)
            if sh:
                slots[slot], hit = nv, True
    if not hit:
        return _add(s, new, changes)
    changes += [f"- {old_b}", f"+ {without_article(new) if head_noun(new) == head_noun(old_b) else new}"]
    negatives = tuple(n for n in s.negatives if head_noun(n) != head_noun(new))
    if not re.search(re.escape(new), subject, re.I):  # "make the alleys deserted": the market is no longer crowded
        subject = without_opposites(subject, new) or subject
    colour = re.search(rf"\b(?:{COLOUR_PHRASE})\b", new, re.I)
    if colour:  # "make it red" on "a mustang fastback in dark green": the colour said after the noun goes
        said_after = re.compile(rf"\s+(?:in|painted)\s+(?:an?\s+)?(?!{re.escape(colour.group(0))}\b)(?:{COLOUR_PHRASE})"
                                r"(?:\s+(?:paint|paintwork|colou?r|finish))?(?=\s*(?:,|$))", re.I)
        subject = said_after.sub("", subject, count=1) if re.search(rf"\b{re.escape(colour.group(0))}\b", subject, re.I) else subject
    sexed = other_sex(new)
    if sexed is not None:  # "make her male" on "half-orc paladin, female": the other sex's words go
        subject = sexed.sub("", subject).strip(" ,") or subject
        details = [d for d in (sexed.sub("", d).strip(" ,") for d in details) if d]
    return s.with_(subject=subject, details=tuple(details), negatives=negatives, **slots)


def _set_slot(s: Scene, slot: str, value: str | None, changes: list[str]) -> Scene:
    old = getattr(s, slot)
    if value and old and old.lower() == value.lower():
        return s
    if old:
        changes.append(f"- {old}")
    if value:
        changes.append(f"+ {value}")
    update: dict = {slot: value}
    if slot == "medium" and value and s.style != "none":
        changes.append("style: none")  # one look at a time: "now as a linocut print" after the watercolor preset
        update["style"] = "none"
    if slot == "medium" and value:  # ... and a look said in words ("vintage textbook style") goes too
        looks = tuple(d for d in s.details if _LOOK_DETAIL.fullmatch(d.strip()))
        if looks:
            changes += [f"- {d}" for d in looks]
            update["details"] = tuple(d for d in s.details if d not in looks)
    if slot == "lighting" and value and re.search(r"\bbright", value, re.I):  # "brighter" on "dark moody background"
        dim = re.compile(r"\b(?:dark\s+)?(?:moody|gloomy|dim|shadowy)\s+(?=background|backdrop|lighting|light|atmosphere|tones?)", re.I)
        update["subject"], update["details"] = dim.sub("bright ", s.subject), tuple(dim.sub("bright ", d) for d in s.details)
        if s.mood and re.search(r"\b(?:dark|moody|gloomy|dim|shadowy|somber|sombre)\b", s.mood, re.I):
            update["mood"] = None
    if slot == "time" and value:
        # What a new time of day makes wrong: the light of another time ("soft morning light", up to five
        # words) and, by the kind of time, words that belong to the other half of the day (up to four).
        others = [t for t in _TIMES_OF_DAY if not re.search(rf"\b{t}\b", value, re.I)]
        clashes = [(re.compile(rf"\b(?:{'|'.join(others)})\s+(?:light|sun|sunlight|glow|haze|mist|sky|colou?rs?|tones?)\b",
                               re.I), 5)]
        kind_clash = _TIME_LIGHT_CLASH.get(lx.time_kind(value) or "")
        if kind_clash is not None:
            clashes.append((kind_clash, 4))
        if s.lighting and any(rx.search(s.lighting) for rx, _ in clashes):
            changes.append(f"- {s.lighting}")
            update["lighting"] = None
        details = tuple(d for d in s.details if not any(rx.search(d) and len(d.split()) <= most for rx, most in clashes))
        if details != s.details:
            changes += [f"- {d}" for d in s.details if d not in details]
            update["details"] = details
        if kind_clash is not None:
            # A time of day said inside the subject or a detail ("a street at night") gives way to the new one.
            subject = without_time(s.subject)
            if subject != s.subject and subject.strip():
                update["subject"] = subject
            details = tuple(t for t in (without_time(d) for d in update.get("details", s.details)) if t)
            if details != update.get("details", s.details):
                update["details"] = details
    if slot == "setting" and value:
        # "make the background pink" on "pastel blue background" or "tavern background": the old background goes
        backdrop = re.compile(r"(?:^|,)\s*(?:(?:with|on|against)\s+(?:an?\s+|the\s+)?)?(?:(?!(?:in|the|of)\b)[\w&'-]+\s+){0,3}(?:background|backdrop)"
                              r"\s*(?=,|$)", re.I)
        subject = backdrop.sub("", update.get("subject", s.subject)).strip(" ,")
        if subject != update.get("subject", s.subject) and subject:
            update["subject"] = subject
        details = tuple(d for d in update.get("details", s.details) if not backdrop.fullmatch(d.strip()))
        if details != update.get("details", s.details):
            update["details"] = details
    if slot == "setting" and value and _OLD_PLACE.match(" " + value):
        # "now in a forest" on "an owl ... in a library": a place said inside the subject or a detail goes too.
        was_subject, was_details = update.get("subject", s.subject), update.get("details", s.details)
        subject, details = _without_place(was_subject), tuple(_without_place(d) for d in was_details)
        if subject != was_subject and subject.strip():
            changes.append("- " + ", ".join(m.group(0).strip(" ,") for m in _OLD_PLACE.finditer(was_subject)))
            update["subject"] = subject
        if details != was_details:
            changes += [f"- {d}" for d, n in zip(was_details, details) if d != n]
            update["details"] = tuple(d for d in details if d)
    if slot == "palette" and value == "full color":
        # "in color pls" after a charcoal sketch: the words that made it grey go, and a grey preset with them
        grey = re.compile(rf"{GREY_LOOK}\s*", re.I)
        update["subject"] = re.sub(r"\s{2,}", " ", grey.sub("", s.subject)).strip() or s.subject
        update["details"] = tuple(d for d in (re.sub(r"\s{2,}", " ", grey.sub("", d)).strip() for d in s.details) if d)
        if s.medium and grey.search(s.medium):
            update["medium"] = grey.sub("", s.medium).strip() or None
        if s.style in ("black-and-white", "pencil-sketch"):
            update["style"] = "none"
    if slot == "weather" and value:
        # "make it sunny" on "a foggy harbour": the old weather said inside the subject or a detail goes.
        said = {m.lower() for m in _WEATHER_ADJ.findall(value)}
        other = re.compile(rf"\b(?:{'|'.join(w for w in _WEATHER_WORDS if w not in said)})\s+(?=[^\W\d_])", re.I)
        subject = other.sub("", s.subject)
        if subject != s.subject and subject.strip():
            changes.append(f"- {', '.join(sorted({m.lower() for m in other.findall(s.subject)}))}".rstrip())
            update["subject"] = subject
        details = tuple(other.sub("", d) for d in s.details)
        if details != s.details:
            update["details"] = details
    if slot == "season" and value:
        kind = lx.season_kind(value)
        clash = lx.CONFLICTS.get(kind or "")
        if clash is not None:
            details = tuple(d for d in s.details if not (clash.search(d) and len(d.split()) <= 4))
            if details != s.details:
                update["details"] = details
            if s.weather and clash.search(s.weather):
                update["weather"] = None
            if s.time and clash.search(s.time):  # "summer afternoon" in winter: the afternoon stays
                update["time"] = re.sub(r"\s{2,}", " ", clash.sub("", s.time)).strip() or None
            # "a snowy mountain cabin" in summer: a word of the old season before a noun goes
            subject = a_an(re.sub(r"\s{2,}", " ", re.sub(rf"(?:{clash.pattern})\s+(?=[^\W\d_])",
                                                   lambda m: "" if re.fullmatch(r"\w+y|summer|winter|autumn|spring", m.group(1))
                                                   else m.group(0), s.subject, flags=re.I)))
            if subject != s.subject and subject.strip():
                update["subject"] = subject
    if value:  # a negative must never forbid what the scene now asks for
        negatives = tuple(n for n in s.negatives if not re.search(rf"\b{re.escape(head_noun(n))}\b", value, re.I))
        update["negatives"] = negatives
    return s.with_(**update)


def _without_place(text: str) -> str:
    return re.sub(r"^\s*,\s*|\s{2,}", " ", _OLD_PLACE.sub("", text)).strip()
