""""Make it a …" that keeps what the picture shows: a format ("make it a sticker" after a red panda chef is a
sticker of the red panda chef, not a sticker instead of it), a look ("a painting from the 1700s") or new
surroundings ("a stormy sea" after a sailboat moves the boat)."""

from __future__ import annotations

import re

from conversation.actions import Add, Camera, Op, Replace, SetSlot, SetSubject
from conversation.phrases import main_noun, phrase_head

# What a picture can be made into and still show what it shows: "make it a sticker" is a sticker of it.
_FORMAT_NOUN = re.compile(r"(?:sticker|poster|logo|icon|app icon|emoji|badge|patch|enamel pin|pin|stamp|postage stamp|postcard|"
                          r"t-?shirt (?:design|print)|tattoo(?: design)?|keychain|coin|book cover|album cover|label|"
                          r"greeting card|card|figurine|plushie|plush toy|toy|mural|coloring page|colouring page|"
                          r"stained glass window|tarot card|trading card|playing card|mosaic|embroidery|snow globe)s?", re.I)


# A look the whole picture takes: "make it a painting from the 1700s", "a faded polaroid".
_MEDIUM_NOUN = re.compile(r"(?:painting|photo|photograph|snapshot|polaroid|sketch|drawing|illustration|watercolou?r|engraving|"
                          r"etching|woodcut|linocut|lithograph|render|rendering|daguerreotype|fresco|tapestry|oil painting|"
                          r"print|screen ?print|risograph|blueprint|cartoon|comic|comic strip|manga panel)s?", re.I)


def format_of(thing: str, scene) -> list[Op] | None:
    """ "a sticker with a white border" for a red panda chef: a sticker of the red panda chef, with the border;
    "a painting from the 1700s": the picture's look."""
    look = re.match(rf"^(?:a|an|the)\s+((?:[\w'-]+\s+){{0,3}}?{_MEDIUM_NOUN.pattern}\b.*)$", thing.strip(), re.I)
    if look and scene is not None and not re.search(r"\bof\b", look.group(1), re.I):
        return [SetSlot(slot="medium", value=look.group(1))]
    m = re.match(rf"^(a|an|the)\s+((?:[\w-]+\s+){{0,2}}?{_FORMAT_NOUN.pattern})\b\s*(.*)$", thing.strip(), re.I)
    if m is None or scene is None or scene.verbatim or not scene.subject:
        return None
    said, rest = f"{'an' if m.group(1).lower() == 'an' else 'a'} {m.group(2)}", m.group(3).strip(" ,")
    main = main_noun(scene)
    made = re.match(rf"^(?:an?\s+)?((?:[\w-]+\s+){{0,2}}?{_FORMAT_NOUN.pattern})\s+of\s+", scene.subject, re.I)
    if made:  # a sticker of it made a poster: a poster of it
        ops: list[Op] = [SetSubject(subject=f"{said} of {scene.subject[made.end():]}")]
    elif main and _FORMAT_NOUN.fullmatch(main):  # a poster made a sticker: the sticker says what the poster said
        ops = [Replace(old=main, new=m.group(2))]
    else:
        ops = [SetSubject(subject=f"{said} of {scene.subject}")]
    if rest and not re.match(r"^(?:of|for)\b", rest, re.I):
        ops.append(Add(thing=rest))
    return ops


# Surroundings rather than things: "make it a stormy sea" after "a sailboat on a calm lake" moves the boat,
# it does not replace it. (Not buildings: "make it a cottage" after "a castle" is another building.)
ENVIRONMENT = re.compile(
    r"sea|ocean|lake|river|pond|beach|shore|coast|desert|forest|woods|jungle|mountains?|hills?|field|meadow|valley|"
    r"canyon|city|town|village|street|space|island|swamp|marsh|savann?ah?|prairie|countryside|snowfield|glacier|"
    r"tundra|sky|underwater|seabed|reef", re.I)

ON_SURFACE = {"sea", "ocean", "lake", "river", "pond", "beach", "shore", "coast", "street", "island", "field",
              "meadow", "hill", "hills", "mountain", "glacier", "snowfield", "prairie"}


def environment_ops(thing: str, scene) -> list[Op] | None:
    """ "a stormy sea" as the picture's new surroundings, when the picture shows something in them."""
    if scene is None:
        return None
    head = phrase_head(thing)
    shot = re.fullmatch(r"(?:an?\s+)?(?P<how>overhead|top[- ]down|bird'?s[- ]eye|aerial|close[- ]?up|extreme close[- ]?up|macro|wide|"
                        r"establishing|low[- ]angle|worm'?s[- ]eye)\s+(?:shot|view|angle|photo|perspective)", thing.strip(), re.I)
    if shot:  # "make it an overhead shot": where the camera is, not what is drawn
        how = shot.group("how").lower()
        move = "above" if re.match(r"overhead|top|bird|aerial", how) else "below" if re.match(r"low|worm", how) else \
            "wider" if re.match(r"wide|establishing", how) else "closer"
        return [Camera(move=move)]
    if head and re.fullmatch(r"scene|setting|backdrop|environment|landscape|scenery", head, re.I) and len(thing.split()) > 2:
        return [SetSlot(slot="setting", value=f"in {thing.strip()}")]  # "make it a snowy winter scene": where it is, not what
    main = main_noun(scene)
    if not head or not ENVIRONMENT.fullmatch(head) or not main or ENVIRONMENT.fullmatch(main):
        return None  # the picture is itself a place: "a lake" → "make it a sea" replaces it
    prep = "on" if head.lower() in ON_SURFACE else "in"
    return [SetSlot(slot="setting", value=f"{prep} {thing.strip()}")]
