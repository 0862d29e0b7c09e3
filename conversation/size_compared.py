"""One thing's size said against another's: "the lantern should be bigger than the hedgehogs", "make the dragon much
larger than the castle". The thing keeps its words, with the comparison after them."""

from __future__ import annotations

import re

from conversation.actions import Replace
from conversation.phrases import phrase_head
from conversation.scene import Scene

_COMPARED = re.compile(r"^\W*(?:(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:make|have)\s+)?(?:the|his|her|its)\s+(?P<x>[\w' -]{2,30}?)\s+"
                       r"(?:(?:should|must|needs\s+to|has\s+to|could|can)\s+be\s+|be\s+|is\s+)?(?P<how>(?:much\s+|a\s+lot\s+|way\s+|a\s+bit\s+|"
                       r"even\s+)?(?:bigger|larger|smaller|taller|shorter|higher|lower|wider|brighter|darker))\s+than\s+"
                       r"(?P<y>(?:the|his|her|its|their|a|an)\s+[\w' -]{2,40}?)(?:\s+(?:please|pls))?\W*$", re.I)


def compared_size(body: str, scene: Scene | None) -> list[Replace] | None:
    """The thing, said bigger (or smaller…) than the other; None when the message compares nothing the picture has."""
    m = _COMPARED.match(body.strip())
    if m is None or scene is None or not scene.mentions(phrase_head(m.group("x"))):
        return None
    return [Replace(old=m.group("x"), new=f"{m.group('x')} {m.group('how')} than {m.group('y')}")]
