"""The asking around a picture described in another language, left out of what is drawn: "hola! quiero un dibujo de una
casa en la playa" is "una casa en la playa", "bonjour, pouvez-vous dessiner un vieux moulin" is "un vieux moulin",
"Kannst du eine alte Dampflok malen, die über eine Brücke fährt?" is "eine alte Dampflok, die über eine Brücke fährt".

A model that reads English only is warned of the language either way; what is left is the picture, in the words it was
described in. Greetings, requests ("can you draw", "I want", "I need a picture of"), courtesy ("por favor", "bitte",
"svp") and hedges ("vielleicht lieber") in Spanish, French, German, Italian, Portuguese and Dutch. Pure functions.
"""

from __future__ import annotations

import re

from conversation.asked_abroad import WISH_ABROAD

_GREETING = re.compile(r"^\W*(?:hola|buenas|buenos\s+d[ií]as|bonjour|bonsoir|salut|coucou|hallo|guten\s+(?:tag|morgen|abend)|servus|moin|"
                       r"ciao|salve|buongiorno|buonasera|oi|ol[áa]|bom\s+dia|boa\s+(?:tarde|noite)|hoi|goedemorgen|goedendag|hey|hi)"
                       r"(?:\s+\w+)?\s*[!,.:]+\s*", re.I)
_PICTURE_OF = (r"(?:(?:un|una|une|ein|eine|einen|uno|um|uma|een)\s+)?(?:dibujo|imagen|ilustraci[óo]n|foto|cuadro|pintura|dessin|image|"
               r"illustration|photo|tableau|bild|zeichnung|illustration|foto|gem[äa]lde|disegno|immagine|illustrazione|quadro|desenho|"
               r"imagem|ilustra[çc][ãa]o|pintura|tekening|afbeelding|plaatje|schilderij)\s+(?:de|d'|von|di|da|do|van)\s*")
_VERBS = (r"(?:dibujar|pintar|hacer|crear|generar|dessiner|peindre|faire|cr[ée]er|g[ée]n[ée]rer|disegnare|dipingere|fare|creare|"
          r"generare|desenhar|fazer|criar|gerar|tekenen|maken|schilderen)")
# The asking that opens a request: "¿puedes dibujar(me)", "quiero", "pouvez-vous dessiner", "mi disegni", "desenha", "teken"
_ASKING = re.compile(
    r"^\W*(?:(?:y|et|und|e|en|dann|alors|entonces|ahora|maintenant|jetzt|ora|agora|nu)\s+)?(?:bitte\s+)?(?:"
    r"(?:me\s+)?(?:puedes|podr[ií]as|puede|podes|pode|podia|poderia|pouvez[- ]vous|peux[- ]tu|pourriez[- ]vous|pourrais[- ]tu|"
    r"tu\s+peux|vous\s+pouvez|puoi|potresti|kun\s+je|kan\s+je|wil\s+je|zou\s+je)\s+(?:me\s+|m'|mi\s+|moi\s+)?(?:por\s+favor\s+)?"
    + _VERBS + r"(?:me|-moi|mi)?\s+|"
    r"(?:yo\s+)?(?:" + WISH_ABROAD + r")\s+(?:ver\s+|voir\s+|sehen\s+|vedere\s+)?|"
    r"(?:mi|me)\s+(?:disegni|fai|dibujas|haces|desenhas|fazes|dessines)\s+|tu\s+me\s+dessines\s+|"
    r"(?:dib[uú]ja(?:me)?|p[ií]nta(?:me)?|haz(?:me)?|cr[ée]a(?:me)?|gen[ée]ra(?:me)?|dessine(?:-moi)?|peins(?:-moi)?|fais(?:-moi)?|"
    r"disegna(?:mi)?|dipingi(?:mi)?|fammi|desenha(?:-me)?|pinta(?:-me)?|faz(?:-me)?|teken|maak|mal(?:e)?(?:\s+mir)?|zeichne(?:\s+mir)?|"
    r"mach(?:\s+mir)?)\s+)(?:" + _PICTURE_OF + r")?", re.I)
# German asks with the verb at the clause's end: "Kannst du eine alte Dampflok malen, die …"
_GERMAN_ASKING = re.compile(r"^\W*(?:kannst\s+du|k[öo]nntest\s+du|k[öo]nnen\s+sie|k[öo]nnten\s+sie|w[üu]rdest\s+du)\s+(?:mir\s+)?(?:bitte\s+)?"
                            r"(?:mal\s+)?(?:" + _PICTURE_OF + r")?", re.I)
_GERMAN_VERB = re.compile(r"\s+(?:malen|zeichnen|machen|erstellen|generieren)\b(?=\s*(?:[,.?!]|$))", re.I)
_COURTESY = re.compile(r"^\W*(?:(?:dann|also|alors|entonces|allora|ent[ãa]o)\s+)?(?:bitte|por\s+favor|per\s+favore|s'il\s+te\s+pla[îi]t)\s+|"
                       r"[\s,]*\b(?:por\s+favor|porfa|per\s+favore|s'il\s+(?:vous|te)\s+pla[îi]t|svp|stp|bitte(?:\s+sch[öo]n)?|"
                       r"alsjeblieft|alstublieft|pfv)\b[\s,]*(?=[^\w]*$)", re.I)
_HEDGE = re.compile(r"^\W*(?:vielleicht\s+lieber|vielleicht|lieber|quiz[áa]s|tal\s+vez|peut-[êe]tre|forse|magari|talvez|misschien)\s+", re.I)


def said_plainly(text: str, *, asking: bool = True) -> str:
    """The picture a message in another language describes, without the greeting, the asking (unless ``asking`` is False:
    a follow-up's verb says it is a change) and the courtesy around it; the message as it was when none is there."""
    said = _GREETING.sub("", text.strip())
    m = _GERMAN_ASKING.match(said) if asking else None
    if m:
        said = _GERMAN_VERB.sub("", said[m.end():], count=1)
    elif asking:
        said = _HEDGE.sub("", _ASKING.sub("", said, count=1))
    asked = said != _GREETING.sub("", text.strip())
    if asked:  # "¿puedes dibujar un gato?": the question mark was the asking's
        said = re.sub(r"\s*[?¿!]+\s*$", "", re.sub(r"^\W*¿\s*", "", said))
    said = _COURTESY.sub("", said).strip(" ,;")
    # Portuguese "um" (a) read first would be taken for a pause ("um, a cat"): such a message is left to the phrasebook
    return said if re.search(r"[^\W\d_]{2}", said) and not re.match(r"um\b", said, re.I) else text
