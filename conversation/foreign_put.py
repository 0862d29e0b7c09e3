"""A picture moved somewhere in another language: "adesso mettila su una strada di montagna al tramonto",
"ponlo en una playa al atardecer", "mets-la dans une forêt". The place becomes the picture's setting (in
English when the phrasebook knows it, as typed when not) and what is said after it (a time, the weather) is
read as usual, so the old place goes even when the new one cannot be translated."""

from __future__ import annotations

import re

from conversation import words as w
from conversation.actions import Op, SetSlot
from conversation.edit_clauses import slot_ops
from conversation.foreign_tables import fold, lang_tables

_PUT = re.compile(
    r"^\W*(?:(?:adesso|ora|poi|ahora|luego|maintenant|puis|jetzt|dann|nu|agora|now)[\s,]+)?"
    r"(?:mett(?:il[oa]|ila|ilo)|port(?:al[oa])|spostal[oa]|"  # it
    r"p[óo]n(?:lo|la|los|las)|ll[ée]val[oa]|mu[ée]vel[oa]|"  # es
    r"mets-(?:le|la|les)|place-(?:le|la)|d[ée]place[- ](?:le|la)|"  # fr
    r"(?:stell|setz|pack|verschieb)(?:e)?\s+(?:es|ihn|sie)|"  # de
    r"zet\s+(?:het|hem|haar)|plaats\s+(?:het|hem)|"  # nl
    r"coloc(?:a|que)[- ](?:o|a)|p[õo]e[- ](?:no|na)|bot(?:a|e)[- ](?:o|a)|leva[- ](?:o|a)|"  # pt
    # asked: "¿la puedes poner en la playa?", "tu peux la mettre dans une forêt ?", "puoi metterla su una spiaggia?"
    r"(?:(?:la|lo|los|las)\s+)?(?:puedes|podrías|podrias)\s+(?:poner|llevar|mover)(?:la|lo|las|los)?|(?:tu\s+peux|peux-tu)\s+(?:le|la|les)\s+"
    r"(?:mettre|placer)|(?:puoi|potresti)\s+(?:metter|portar)(?:la|lo)|(?:pode|podes|podia)\s+(?:coloc[áa]-l[oa]|p[ôo]-l[oa]|colocar))\s+"
    r"(?P<place>.+?)\W*$", re.I)


def put_somewhere(message: str) -> list[Op] | None:
    """The setting and whatever follows it, for a message that moves the picture somewhere; else None."""
    m = _PUT.match(message)
    if m is None:
        return None
    place, after = m.group("place"), ""
    when = slot_ops(w.translate_followup(place) or "")
    if when and all(op.slot != "setting" for op in when):
        return when  # "ponlo de noche": a time, not a place
    words = place.split()
    for i in range(1, len(words)):  # the longest tail the phrasebook reads: "al tramonto" → "at sunset"
        tail = " ".join(words[i:])
        read = w.translate_followup(tail)
        if read:
            place, after = " ".join(words[:i]), read
            break
    setting = w.translate_followup(place) or _place_in_english(place) or place
    ops: list[Op] = [SetSlot(slot="setting", value=setting)]
    if after:
        ops += slot_ops(after) or []
    return ops


_LATIN = ("it", "es", "fr", "pt", "de", "nl")
_ON = {"beach", "road", "street", "hill", "mountain", "lake", "river", "sea", "ocean", "island", "field", "meadow", "bridge",
       "roof", "boat", "table"}


def _place_in_english(place: str) -> str | None:
    """ "en una playa" → "on a beach", by the phrasebook's things; None when it names none of them."""
    words = re.findall(r"[\w']+", fold(place))
    for code in _LATIN:
        things = lang_tables(code).things
        for word in words:
            hit = things.get(word)
            if hit and not hit[0].english.startswith("the "):
                noun = hit[0].english
                if hit[0].plural is None:  # "montagna" → "the mountains", "neve" → "the snow"
                    return f"in the {noun}"
                return f"{'on' if noun in _ON else 'in'} {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
    return None

