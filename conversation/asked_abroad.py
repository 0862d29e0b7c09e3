"""A picture asked for as a question in another language: "¿puedes hacer una imagen de un gato?", "Kannst du mir ein
Bild von einem Fuchs machen?", "Kun je een windmolen maken?". Read as a request, not as a question to answer.
Pure functions."""

from __future__ import annotations

import re

from conversation.interpreter import Context

# A wish said in another language: "quiero", "je voudrais", "ich möchte", "vorrei", "eu quero", "ik wil".
WISH_ABROAD = (r"quiero|quisiera|me\s+gustar[ií]a|necesito|je\s+veux|je\s+voudrais|j'aimerais|il\s+me\s+faut|j'ai\s+besoin\s+d'|"
               r"ich\s+m[öo]chte(?:\s+gern)?|ich\s+will|ich\s+h[äa]tte\s+gern|ich\s+w[üu]nsche|ich\s+brauche|vorrei|voglio|"
               r"mi\s+piacerebbe|mi\s+serve|(?:eu\s+)?quero|queria|gostaria(?:\s+de)?|preciso\s+de|ik\s+wil(?:\s+graag)?|ik\s+zou\s+graag")
CAN_YOU_ABROAD = re.compile(
    r"\b(?:puedes|podr[ií]as|puede|podes|pode|poderia|podia|peux[- ]tu|pouvez[- ]vous|pourrais[- ]tu|pourriez[- ]vous|kannst\s+du|"
    r"k[öo]nntest\s+du|k[öo]nnen\s+sie|k[öo]nnten\s+sie|kun\s+je|kunt\s+u|zou\s+je|puoi|potresti|pu[oò]|mo[żz]esz|mo[żz]ecie|mi\s+disegni|"
    r"mi\s+fai|me\s+dibujas|me\s+haces|me\s+desenhas?|me\s+fazes?|tu\s+me\s+dessines)\b", re.I)
DRAW_ABROAD = re.compile(r"\b(?:dibujar|pintar|desenhar|dessiner|zeichnen|malen|tekenen|disegnare|narysowa[ćc]|disegni|dibujas|desenhas?|"
                          r"dessines)\b", re.I)
MAKE_ABROAD = re.compile(r"\b(?:hacer|crear|generar|fazer|criar|gerar|faire|cr[ée]er|g[ée]n[ée]rer|machen|erstellen|maken|fare|creare|"
                          r"generare|zrobi[ćc]|stworzy[ćc])\b", re.I)
_PICTURE_ABROAD = re.compile(r"\b(?:imagen|foto|dibujo|imagem|desenho|image|dessin|photo|bild|afbeelding|tekening|plaatje|immagine|"
                             r"disegno|obraz|obrazek|zdj[ęe]cie|rysunek)\b", re.I)


def asked_abroad(text: str, ctx: Context) -> bool:
    """ "¿puedes hacer una imagen de un gato?", "Kannst du mir ein Bild von einem Fuchs machen?", "Kun je een windmolen
    maken?" before any picture: a picture asked for as a question, in another language."""
    if not CAN_YOU_ABROAD.search(text):
        return False
    return bool(DRAW_ABROAD.search(text) or MAKE_ABROAD.search(text) and (_PICTURE_ABROAD.search(text) or ctx.scene is None))
