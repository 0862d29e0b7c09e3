"""A picture given with a message that names it: "here's my living room, can you show it with dark green walls?",
"turn this photo of my dog into a watercolor painting". The picture named is the scene, and the change asked of
it is read as a change of that scene, drawn from the given picture."""

from __future__ import annotations

import re
from typing import Callable

from conversation.actions import Action, Edit, New, Question, SetSlot, SetStyle, SetSubject
from conversation.interpreter import Context
from conversation.words import has_english, translate_followup
from conversation.scene import Scene

_HERES_MY = re.compile(r"^\W*(?:(?:here'?s|here is|this is|these are|that'?s|attached is|i'?ve attached)\s+(?:my|our|a|the)|"
                       # the same, said in the other languages read: "esta es mi casa, …", "das ist mein Hund Bello. …"
                       r"(?:esta|este|esto)\s+es\s+(?:mi|nuestr[oa])|c'est\s+(?:mon|ma|notre)|voici\s+(?:mon|ma|notre)|das\s+ist\s+(?:mein|meine|unser|unsere)|"
                       r"quest[oa]\s+è\s+(?:il\s+mio|la\s+mia|mio|mia)|est[ae]\s+é\s+(?:o\s+meu|a\s+minha|meu|minha))\s+"
                       r"(?P<what>[\w' -]{2,50}?)(?:\s+(?:photo|pic|picture))?\s*(?:[,.!:;]+|[^\w\s,.!?;:'\"()¿¡—–-]+)\s*(?P<rest>.*)$", re.I)
# "my dog Biscuit — can you make him look like a pixar character?": the picture's subject named alone, then the request
_MY_NAMED = re.compile(r"^\W*(?:my|our)\s+(?P<what>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s*(?:\s[—–-]|[^\w\s,.!?;:'\"()¿¡—–-]+)\s*(?P<rest>.+)$", re.I)
# "Our kitchen, attached. What would it look like with …": the picture named, then said to be attached
_ATTACHED = re.compile(r"^\W*(?:(?:my|our|the)\s+)(?P<what>[\w' -]{2,40}?)[,\s]+(?:is\s+)?(?:attached|enclosed|below|above|uploaded)\s*[.!:;,]+\s*"
                       r"(?P<rest>\S.*)$", re.I)
_PICTURE_WORD = r"(?:photo(?:graph)?|picture|pic|image|selfie|shot|snap(?:shot)?|scan|sketch|drawing|doodle|painting)"
_PHOTO_OF = re.compile(r"\b(?:this|the|my|that)\s+(?:(?:old|rough|quick|little|pencil|hand-?drawn)\s+)?" + _PICTURE_WORD + r"\s+of\s+(?:my|our|a|an|the|me and my)\s+"
                       r"(?P<what>[\w'-]+(?:\s+(?!(?:into|in|as|to|with|for|and|on|at|look|like)\b)[\w'-]+)?)", re.I)
_SHOW_IT = re.compile(r"^\W*(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+)?(?:show|draw|render|make|give me)\s+(?:it|this|that|me it)\s+"
                      r"(?:(with\s+)|(?=in|as|at|without))", re.I)

# "make this a watercolor", "turn this photo into a cartoon", "make my dog look like a pixar character": the look asked of
# the picture given, with its subject named ("my dog") or not ("this").
_INTO = re.compile(r"^\W*(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+|just\s+)?(?:make|turn|convert|transform|change|"
                   r"redo|redraw|render|restyle)\s+(?:(?:this|it|the)(?:\s+(?:photo|pic|picture|image|sketch|drawing|doodle|one|selfie))?|"
                   r"my\s+(?P<what>[\w'-]+(?:\s+(?!(?:an?|the|into|to|as|in|look)\b)[\w'-]+)?))\s+(?:(?:in)?to\s+|as\s+|in\s+|look\s+like\s+)?(?P<look>(?:an?\s+)?[\w' -]{2,60}?)"
                   r"(?:\s+(?:please|pls|for me))?\W*$", re.I)

_GREETING = re.compile(r"^\W*(?:hello|hi|hey|good\s+(?:morning|afternoon|evening)|dear\s+\w+)(?:\s+there)?\W+(?=\w)", re.I)
# "turn this photo of my dog into …": the picture named inside the request, which goes on around it
_VERB_BEFORE = re.compile(r"\b(?:turn|make|convert|transform|change|redo|redraw|render|restyle|paint|draw|edit|use|take|put)\s*$", re.I)
_CLEAN_UP = re.compile(r"\b(?:clean|tidy|polish|touch)\s+(?:it|this|that|him|her|them)\s+up\s+(?:in)?to\b", re.I)

# "my 6 year old drew this rocket", "I knitted this hat": the thing the person made, named
_MADE_THIS = re.compile(r"\b(?:drew|made|painted|sketched|took|shot|designed|built|knitted|crocheted|baked|sewed|carved|photographed)\s+"
                        r"(?:this|these)\s+(?P<what>(?!(?:photo|picture|pic|image|sketch|drawing|one)\b)[\w' -]{2,40}?)(?=\s*[.,;!?]|\s+(?:and|so|"
                        r"can|could|would|please)\b)", re.I)
# What a picture is made as, not what it shows: "a full colour painted character portrait", "a proper tattoo design"
_A_LOOK = re.compile(r"\b(?:portrait|painting|illustration|drawing|render|artwork|art|poster|sticker|design|sketch|print|cartoon|"
                     r"comic|style|version|piece|concept art)\W*$", re.I)

Read = Callable[[str, Context], "tuple[Action, tuple[str, ...]]"]


# "any idea what model it is?", "what do you think of the glaze?": asked about the picture given, nothing to draw
_ASKED_OF_IT = re.compile(r"(?:^|[.!?]\s+)(?:(?:so|and|hey|ok)[,\s]+)?(?:any\s+idea|do\s+you\s+know|can\s+you\s+tell|could\s+you\s+tell|what|"
                          r"which|who|how\s+old|is\s+(?:this|it|that)|are\s+(?:these|they)|does\s+(?:this|it))\b[^.!?]*\?"
                          r"(?:\s+[^?]{0,80}?)?\W*$", re.I)  # "what style is this painting? my grandma did it"
_CHANGE_ASKED = re.compile(r"\bwhat\s+would\s+(?:it|this|that)\s+look\s+like\s+(?:with|if|in|as|at)\b|"
                           r"\b(?:make|turn|add|remove|change|draw|paint|restyle|convert|clean|fix|colou?ri[sz]e|restore|edit|redo|"
                           r"render|give|put|use|transform|style\s+(?:it|this|him|her|them)|recreate|enhance|upscale|sharpen|animate)\b", re.I)
SEEN_NOT = ("I can't look inside a picture to say what it shows, so I can't tell what it is or judge it. I can draw from "
            "it: say what to change (\"turn it into a watercolor\", \"make it look new\") and I'll start from your picture.")


def given_picture(text: str, ctx: Context, read: Read) -> tuple[Action, tuple[str, ...]] | None:
    """A new picture of what the given picture shows, changed as asked (``read`` reads the change as the rules
    would, of that scene), or None when the message does not name the picture or asks no change of it; a question
    about the picture is answered (nothing is drawn)."""
    text = _GREETING.sub("", text.strip())  # "Hello. This is a photograph of …"
    if _ASKED_OF_IT.search(text) and not _CHANGE_ASKED.search(text):
        return Question(topic="other", answer=SEEN_NOT), ()
    m = _HERES_MY.match(text) or _MY_NAMED.match(text) or _ATTACHED.match(text)
    of = _PHOTO_OF.search(text)
    if m and m.group("rest"):  # "here's a photo of my living room, …": the living room
        what = re.sub(r"^(?:(?:rough|quick|old|little|first|current|own)\s+)*(?:(?:pencil|ink|hand-?drawn)\s+)?" + _PICTURE_WORD + r"\s+of\s+(?:my|our|a|an|the)\s+", "", m.group("what"), flags=re.I)
        what = re.sub(r"^(?:current|old|existing|own)\s+", "", what, flags=re.I)  # "my current logo": the logo
        rest = m.group("rest")
    elif (made := _MADE_THIS.search(text)) is not None:  # "my 6 year old drew this rocket. can you turn it into …": the rocket
        what, rest = made.group("what"), text[made.end():].lstrip(" .,;!")
    elif of:  # "turn this photo of my dog into a watercolor painting": the dog, in the look asked
        what = of.group("what")
        if _VERB_BEFORE.search(text[:of.start()]):
            rest = text[:of.start()] + " it " + text[of.end():]
        else:  # "client sent me this sketch of a wolf head, can you clean it up …": the request after it
            tail = text[of.end():]
            said = re.match(r"^\s*(?:—|–|:|\s-)\s*(?P<desc>[^.!?]{3,80})[.!?]\s*(?P<rest>.*)$", tail)
            if said:  # "my rough sketch of our label — a hop cone with wings. make it …": what the label shows, too
                what, tail = f"{what}: {said.group('desc').strip()}", said.group("rest")
            rest = re.sub(r"^[\w' -]{0,40}?[,.;:!]+\s*", "", tail) if not said else tail
    elif (into := _INTO.match(text.strip())) is not None and not into.group("what"):  # "make this a watercolor"
        action, notes = read(f"make it {into.group('look')}", ctx.model_copy(update={"scene": Scene(subject="it"), "pictures": (), "attached": False}))
        looks = isinstance(action, Edit) and action.ops and all(isinstance(op, SetStyle) or isinstance(op, SetSlot) and op.slot == "medium"
                                                                for op in action.ops)
        return (New(description=into.group("look"), ops=action.ops), notes) if looks else None
    elif into is not None:  # "make my dog a cartoon": the dog, in that look
        what, rest = into.group("what"), f"make it {into.group('look')}"
    else:
        return None  # the picture is not named: the message is read as any other is
    rest = re.sub(r"\b(?:turn|make|draw|paint|render)\s+(?:him|her|them)\b", lambda v: f"{v.group(0).split()[0]} it", rest, flags=re.I)
    rest = _CLEAN_UP.sub("make it", rest)  # "clean it up into a proper tattoo design"
    rest = _SHOW_IT.sub(lambda s: "add " if s.group(1) else "make it ", rest).strip(" ?")  # "turn him into …": the dog is "it"
    if not has_english(rest):  # "Kannst du ihn im Schnee zeigen?": the change, in English where the phrasebook reads it
        rest = translate_followup(rest) or rest
    action, notes = read(rest, ctx.model_copy(update={"scene": Scene(subject=what), "pictures": (), "attached": False}))
    if isinstance(action, Edit):  # "render it as a full colour painted character portrait": a look, the tiefling kept
        ops = tuple(SetSlot(slot="medium", value=op.subject) if isinstance(op, SetSubject) and _A_LOOK.search(op.subject) else op
                    for op in action.ops)
        return New(description=what, ops=ops), notes
    return None
