"""The asking around a picture described in another language, left out of what is drawn: "hola! quiero un dibujo de una
casa en la playa" is "una casa en la playa", "bonjour, pouvez-vous dessiner un vieux moulin" is "un vieux moulin",
"Kannst du eine alte Dampflok malen, die über eine Brücke fährt?" is "eine alte Dampflok, die über eine Brücke fährt".

A model that reads English only is warned of the language either way; what is left is the picture, in the words it was
described in. Greetings, requests ("can you draw", "I want", "I need a picture of"), courtesy ("por favor", "bitte",
"svp") and hedges ("vielleicht lieber") in Spanish, French, German, Italian, Portuguese and Dutch. A follow-up that
asks in the words of a question ("¿le pones un perro?", "Pourriez-vous enlever les cyprès ?") is said as the request the
phrasebook reads. Pure functions.
"""

from __future__ import annotations

import re

from conversation import words as w
from conversation.asked_abroad import WISH_ABROAD
from conversation.foreign_praise import FOREIGN_ASK

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


# "can you remove …" asked with the verb after: the imperative the phrasebook reads
_DO_IT = {"enlever": "enlève", "ajouter": "ajoute", "mettre": "mets", "rendre": "rends", "changer": "change", "retirer": "retire",
          "quitar": "quita", "añadir": "añade", "agregar": "agrega", "poner": "pon", "cambiar": "cambia", "hacer": "haz",
          "togliere": "togli", "aggiungere": "aggiungi", "mettere": "metti", "cambiare": "cambia", "rendere": "rendi",
          "tirar": "tira", "adicionar": "adiciona", "colocar": "coloca", "mudar": "muda", "trocar": "troca",
          "entfernen": "entferne", "hinzufügen": "füge hinzu"}
_CAN_YOU_DO = re.compile(r"^(?:pourriez-vous|pouvez-vous|peux-tu|pourrais-tu|tu\s+peux|vous\s+pouvez|puedes|podr[ií]as|puede|podr[ií]a|puoi|"
                         r"potresti|pode|podes|poderia|voc[êe]\s+pode)\s+(?:me\s+|m'|mi\s+)?(" + "|".join(_DO_IT) + r")\b", re.I)
# "¿le pones un perro?" is "ponle un perro": a request asked as a question, said as the phrasebook reads it
_ASKED_AS_QUESTION = {"pones": "pon", "añades": "añade", "anades": "añade", "agregas": "agrega", "quitas": "quita", "cambias": "cambia",
                      "haces": "haz", "pintas": "pinta", "dibujas": "dibuja"}
_YOU_DO_IT = re.compile(r"(?:^|(?<=[¿\s]))(?:me|le|les|se\s+lo|se\s+la)\s+(" + "|".join(_ASKED_AS_QUESTION) + r")\b", re.I)


def last_foreign_ask(message: str) -> str:
    """A message in another language that ends in a request: the request ("… se ve un poco vacía... ¿le pones un perro en la
    arena?" asks "pon un perro en la arena"); the message as it was otherwise."""
    parts = [x.strip(" ¿?¡!") for x in re.split(r"[.!…]+|¿", message) if x.strip(" ¿?¡!")]
    if not parts:
        return message
    pieces = [x.strip(" ¿?¡!") for x in re.split(r"[.!…,;]+|¿", message) if x.strip(" ¿?¡!")]
    asking = [x for x in pieces[:-1] if re.match(r"(?:nur\s+|solo\s+|seulement\s+|solo\s+)?(?:ohne|sin|sans|senza|sem|zonder)\s+\w", x, re.I)]
    if len(pieces) > 1 and asking and not FOREIGN_ASK.match(pieces[-1]):
        return asking[-1]  # "Sehr schön! Nur ohne Katze bitte, ich bin allergisch 😅": the "without" asked, the reason after it

    last = _YOU_DO_IT.sub(lambda m: _ASKED_AS_QUESTION[m.group(1).lower()], parts[-1])
    last = re.sub(r"^(?:tu\s+peux|peux-tu|pourrais-tu|vous\s+pouvez|pouvez-vous|puedes|podr[ií]as|kannst\s+du|k[öo]nntest\s+du|puoi|potresti|"
                  r"pode|podes|kun\s+je|kan\s+je)\s+(?:\S+\s+){0,2}?(?=(?:une?\s+autre|otr[ao]|noch|un'?altr[ao]|outr[ao]|nog\s+een)\b)", "",
                  last, flags=re.I)  # "tu peux m'en faire une autre version ?": another one
    last = _CAN_YOU_DO.sub(lambda m: _DO_IT[m.group(1).lower()], last)  # "pourriez-vous enlever les cyprès ?": "enlève …"
    last = re.sub(r"^kann\s+(?:er|sie|es)\s+(?:noch\s+|auch\s+)?(.+?)\s+(?:halten|tragen|haben)$", r"gib ihm \1", last, flags=re.I)
    last = re.sub(r"^(?:kannst|k[öo]nntest)\s+du\s+(?:ihm|ihr|ihnen|es|dem\s+\w+|der\s+\w+)\s+(?:bitte\s+)?(?:noch\s+|auch\s+)?(.+?)\s+geben$",
                  r"gib ihm \1", last, flags=re.I)  # "Kannst du ihm einen kleinen Pilz als Regenschirm geben?"
    styled = w.find_style(last)
    if styled and not w.translate_followup(last) and re.search(r"\b(?:als|comme|en|como|come|em|im|estilo|style|stil|stile|stijl)\b", last, re.I) and not re.search(
            r"\b(?:sin|sans|ohne|senza|sem|zonder|nicht|pas|no)\b", last, re.I):
        return f"make it {styled[1]}"  # "Kannst du das als Pixel-Art machen?": that look
    last = re.sub(r"^(?:(?:puede|podr[ií]a|pode|poderia)\s+(?:llevar|tener|usar|ter)|que\s+(?:tenga|lleve))\b", "ponle", last,
                  flags=re.I)  # "¿puede llevar un gorro?", "que tenga ojos verdes"
    if last == parts[-1] and (len(parts) < 2 or not FOREIGN_ASK.match(last)) or not re.search(r"[^\W\d_]", last):
        return message
    return last
