"""Praise in another language before a request: "bellissima! fammela rossa", "qué chulo! ponle palmeras".
The praise is answered by the picture; the rest is the request, in the praise's language."""

from __future__ import annotations

import re

from conversation import words as w
from conversation.foreign import translate as translate_foreign
from conversation.small_talk import chat_kind

# How a request opens in the languages the phrasebook knows (an imperative or "can you …"), for follow-ups it
# cannot read further: "fammela rossa", "kannst du eine katze ins fenster setzen?", "maak er een winterlandschap van".
FOREIGN_ASK = re.compile(
    r"^\W*(?:fa(?:i|mmel[ao]|mmi|ll[ao])|mett(?:i|ici|igli)|rendi(?:l[ao])?|aggiungi|togli|cambia|puoi|potresti|"  # it
    r"pon(?:le|lo|la|gan?)?|haz(?:lo|la|le)?|a[ñn]ade|quita|agrega|mete|cambia|puedes|podr[ií]as|"  # es
    r"kannst du|k[öo]nntest du|mach(?:e|t)?|setz(?:e|t)?|f[üu]g|nimm|entfern|tu|gib|"  # de
    r"maak|zet|doe|voeg|haal|kun je|kan je|geef|"  # nl
    r"peux-tu|tu peux|pourrais-tu|fais|mets|ajoute|enl[èe]ve|rends|"  # fr
    r"coloca|p[õo]e|tira|faz|adiciona|muda|troca|bota|voc[êe] pode|pode)\b", re.I)


def after_foreign_praise(message: str) -> tuple[str, str | None]:
    """ "bellissima! fammela rossa": the praise in front answered by the picture, the rest read as the request,
    in the praise's language. Returns the message (shortened or not) and that language's name, if found."""
    m = re.match(r"^([^!.,;?¡¿]{1,40}?)\s*[!.,;]+\s*(?=\S)", message)
    if not m:
        return message, None
    rest = message[m.end():]
    said = translate_foreign(m.group(1))
    if said is None or not FOREIGN_ASK.match(rest) or chat_kind(rest):
        return message, None
    if any(chat_kind(piece) not in ("thanks", "praise", "greeting") for piece in said[1]):
        return message, None
    again = w.translate_followup(rest)
    if again and all(chat_kind(piece) for piece in again.split(", ")):
        return message, None  # "merci, bonne soirée": small talk throughout
    return rest, w.LANGUAGE_NAMES.get(said[0])
