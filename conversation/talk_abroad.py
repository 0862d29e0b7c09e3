"""A remark in another language while a picture is on screen: "Me recuerda mucho a mi abuela ❤️", "Ich war da als Kind
mit meinen Eltern", "os da minha avó eram os melhores do mundo". Answered, never drawn.

The phrasebook reads requests in these languages, and a remark that names a thing it knows ("fa freddo": cold) would
otherwise be read as a change. A message is a remark here when it says something of the speaker (I, my, we, our…) or
how it was, and no clause of it asks: no imperative, no "can you", no wish ("quiero", "je voudrais"), no "now" or
"more" and no "let it be" ("que tenga…"). Pure functions.
"""

from __future__ import annotations

import re

from prompts.text import clean

from conversation import words as w
from conversation.actions import Chat
from conversation.asked_abroad import CAN_YOU_ABROAD, DRAW_ABROAD, MAKE_ABROAD, WISH_ABROAD
from conversation.foreign_praise import FOREIGN_ASK
from conversation.interpreter import Context

# The speaker and theirs, and how things were, in Spanish, French, German, Italian, Portuguese and Dutch. The words
# that are English words too ("me", "war", "ben") count only where the message's language is told.
_SELF_WORDS = (r"yo|mis|m[ií]o|m[ií]a|nosotros|nuestr[oa]s?|hac[ií]a|eran|fue|fui|tengo|estoy|soy|recuerdo|recuerda|"  # es
               r"je|j'|moi|mes|nous|notre|[ée]tait|c'[ée]tait|suis|j'ai|rappelle|"  # fr
               r"ich|mich|mir|mein|meine|meinen|meinem|meiner|wir|uns|unser|unsere|unseren|unserem|waren|habe|erinnert|"  # de
               r"mio|miei|mie|noi|nostr[oaie]|ero|sono|ricorda|manca|"  # it
               r"eu|meu|minha|meus|minhas|n[óo]s|noss[oa]s?|foi|sou|estou|tenho|lembra|saudade|"  # pt
               r"ik|mij|mijn|wij|onze|heb")  # nl
_ALSO_ENGLISH = r"me|mi|era|mon|nos|on|war|bin|hab|io|ho|ben|ons"
_SELF = re.compile(rf"(?:^|[\s,¡¿(])(?:{_SELF_WORDS})(?=[\s,.!?;:)]|$)", re.I)
_SELF_TOLD = re.compile(rf"(?:^|[\s,¡¿(])(?:{_SELF_WORDS}|{_ALSO_ENGLISH})(?=[\s,.!?;:)]|$)", re.I)
# Which picture: "la primera era mejor" goes back to it, whatever else is said.
_WHICH = re.compile(r"\b(?:la|el|le|lo|les|los|las|die|der|das|den|il|i|a|o|as|os|het|de)\s+(?:primer[ao]?|premi[èe]re?|erste[nr]?|prim[ao]|primeir[ao]|segund[ao]|seconde?|zweite[nr]?|second[ao]|"
                    r"anterior|pr[ée]c[ée]dente?|vorherige[nr]?|precedente|[úu]ltim[ao]|derni[èe]re?|letzte[nr]?|vorige)\b", re.I)

# Asking, in a clause of its own: a wish, "now", "more"/"less", "let it have…", "without…" said alone.
_WISHED_OR_MEANT = re.compile(
    r"\b(?:" + WISH_ABROAD + r"|graag|"
    # what was meant: "eu quis dizer um cachorro, não um gato"
    r"quis\s+dizer|quise\s+decir|quer[ií]a\s+decir|je\s+voulais\s+dire|ich\s+meinte|intendevo|volevo\s+dire|ik\s+bedoelde)\b", re.I)
_CLAUSE_ASKS = re.compile(
    r"^\W*(?:(?:me|te)\s+l[oa]\s+\w+|hazme|dame|ponme|ahora|maintenant|jetzt|nun|ora|adesso|agora|nu|m[áa]s|plus|mehr|pi[ùu]|mais|meer|menos|moins|weniger|meno|minder|"
    r"sin|sans|ohne|senza|sem|zonder|con|avec|mit|com|met|otra|otro|une\s+autre|un\s+autre|noch|encore|ancora|outra|outro|nog|"
    r"que\s+(?:sea|tenga|haya|lleve|est[ée]|fique|seja|tenha|soit|ait)|che\s+(?:sia|abbia))\b", re.I)
# "Nur ohne Katze bitte": "only without", or "without" said with a courtesy, asks wherever it is said
_ONLY_WITHOUT = re.compile(r"^\W*(?:(?:nur|solo|s[oó]lo|seulement|juste|solamente|apenas|alleen)\s+(?:ohne|sin|sans|senza|sem|zonder)\b|"
                           r"(?:ohne|sin|sans|senza|sem|zonder)\b.*\b(?:bitte|por\s+favor|s'il|per\s+favore|svp|alsjeblieft)\b)", re.I)
_CLAUSES = re.compile(r"[,.;!?¡¿…]+|\s+[—–-]\s+|\s+(?:pero|mais|aber|ma|mas|maar|y|et|und|e|en)\s+")


def _asks(message: str) -> bool:
    if CAN_YOU_ABROAD.search(message) or DRAW_ABROAD.search(message) or MAKE_ABROAD.search(message) or \
            _WISHED_OR_MEANT.search(message):
        return True
    clauses = [c.strip() for c in _CLAUSES.split(message) if c and c.strip()]
    first, *later = clauses or [""]
    # "sin chorizo por supuesto" after a story of one's own is part of the story; said first it is the request
    return bool(FOREIGN_ASK.match(first) or _CLAUSE_ASKS.match(first)) or any(FOREIGN_ASK.match(c) or _ONLY_WITHOUT.match(c) for c in later)


def talk_abroad(text: str, ctx: Context) -> Chat | None:
    """A remark about oneself or one's own, in another language, with a picture on screen; None otherwise."""
    if ctx.scene is None or ctx.attached:
        return None
    message = clean(text)
    language = w.language_of(message)
    if language in w.LANGUAGE_NAMES.values():
        said_of_self = _SELF_TOLD.search(message)
    elif language is None:  # too short to tell: a word of the speaker's that is no English word, and next to no English
        said_of_self = _SELF.search(message) and sum(map(w.has_english, message.split())) <= 1
    else:  # a language whose words these tables do not hold
        return None
    if not said_of_self or message.rstrip().endswith("?") or _WHICH.search(message) or _asks(message):
        return None
    return Chat(kind="other")
