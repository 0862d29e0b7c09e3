"""Follow-ups in other languages (issue 8): the phrasebook lets the offline rules read what people
send to an image chat in Spanish, French, German, Italian, Portuguese, Dutch, Chinese, Japanese and
Korean, as a native speaker types it, and never changes an English follow-up.

Each follow-up goes through the real rules against a picture on screen, and the action is applied
the way a turn applies it (``apply_ops`` then ``write``), so what reaches the prompt is checked.
"""

from __future__ import annotations

import re

import pytest

from conversation import phrasebook as pb
from conversation import words
from conversation.actions import (Add, Camera, Chat, Edit, Help, New, Question, Remove, Repeat, Replace, Revert,
                                  SetSeed, SetSize, SetSlot, SetSteps, SetStyle, Undo)
from conversation.rules import understand
from conversation.scene import Scene
from conversation.writer import write
from tests.conversation_context import ctx, next_scene, scene_of

# --------------------------------------------------------------------------- helpers


_scene = scene_of


def run_turn(scene: Scene, text: str):
    """One turn as the service runs it: understand, then build the next scene and write its prompt."""
    action, notes = understand(text, ctx(scene, pictures=2))
    new_scene = next_scene(action, scene)
    if new_scene is None:
        return action, notes, scene, None
    return action, notes, new_scene, write(new_scene, "sd15")


def has(text: str, phrase: str) -> bool:
    norm = lambda s: re.sub(r"[\s-]+", " ", s.lower())  # noqa: E731
    return re.search(rf"\b{re.escape(norm(phrase))}(?:s|es)?\b", norm(text)) is not None


SCENE = "a man wearing a hat walking a dog by a lake"


# --------------------------------------------------------------------------- what each follow-up must do
# Each check gets (action, new scene, written prompt) and says what the person asked for happened.

def slot(name: str, word: str):
    def check(a, s, w):
        return isinstance(a, Edit) and any(isinstance(o, SetSlot) and o.slot == name and word in (o.value or "") for o in a.ops) \
            and has(w.prompt, word.split()[-1])
    return check


def style(sid: str):
    return lambda a, s, w: isinstance(a, Edit) and SetStyle(style=sid) in a.ops and s.style == sid


def shape(aspect: str):
    return lambda a, s, w: isinstance(a, Edit) and any(isinstance(o, SetSize) and o.aspect == aspect for o in a.ops)


def camera(move: str):
    return lambda a, s, w: isinstance(a, Edit) and any(isinstance(o, Camera) and o.move == move for o in a.ops)


def adds(thing: str):
    return lambda a, s, w: isinstance(a, Edit) and any(isinstance(o, Add) and has(o.thing, thing) for o in a.ops) \
        and has(w.prompt, thing)


def removes(thing: str):
    return lambda a, s, w: isinstance(a, Edit) and any(isinstance(o, Remove) and has(o.thing, thing) for o in a.ops) \
        and not has(w.prompt, thing)


def swaps(old: str, new: str):
    return lambda a, s, w: isinstance(a, Edit) and any(isinstance(o, Replace) and has(o.old, old) for o in a.ops) \
        and has(w.prompt, new) and not has(w.prompt, old)


def recolours(thing: str, colour: str):
    return lambda a, s, w: isinstance(a, Edit) and has(w.prompt, f"{colour} {thing}")


def both(*checks):
    return lambda a, s, w: all(c(a, s, w) for c in checks)


def kind(cls, **fields):
    return lambda a, s, w: isinstance(a, cls) and all(getattr(a, k) == v for k, v in fields.items())


NIGHT, SNOW, FOG = slot("time", "at night"), slot("weather", "snow"), slot("weather", "fog")

CASES = {
    "Spanish": [
        ("ahora de noche y con nieve", both(NIGHT, SNOW)),
        ("añade nieve", adds("snow")),
        ("anade unos pajaros", adds("birds")),
        ("quita el sombrero", removes("hat")),
        ("cambia el perro por un caballo", swaps("dog", "horse")),
        ("hazlo en acuarela", style("watercolor")),
        ("formato vertical", shape("2:3")),
        ("más cerca", camera("closer")),
        ("que sea al atardecer", slot("time", "sunset")),
        ("el sombrero rojo", recolours("hat", "red")),
        ("sin gente", removes("people")),
        ("otra", kind(Repeat)),
        ("deshaz eso", kind(Undo)),
        ("vuelve a la primera", kind(Revert, image=1)),
        ("qué semilla usaste?", kind(Question, topic="seed")),
        ("muchas gracias, me encanta", kind(Chat)),
        ("como funciona?", kind(Help)),
    ],
    "French": [
        ("maintenant de nuit", NIGHT),
        ("ajoute de la neige", adds("snow")),
        ("enlève le chapeau", removes("hat")),
        ("enleve le chapeau", removes("hat")),
        ("remplace le chien par un chat", swaps("dog", "cat")),
        ("en noir et blanc", style("black-and-white")),
        ("format carré", shape("1:1")),
        ("vu d'en haut", camera("above")),
        ("ajoute des oiseaux et des fleurs", both(adds("birds"), adds("flowers"))),
        ("au coucher du soleil avec du brouillard", both(slot("time", "sunset"), FOG)),
        ("rends le chapeau bleu", recolours("hat", "blue")),
        ("encore une", kind(Repeat)),
        ("annule", kind(Undo)),
        ("quel modèle tu as utilisé ?", kind(Question, topic="model")),
        ("merci, c'est magnifique", kind(Chat)),
    ],
    "German": [
        ("jetzt bei nacht", NIGHT),
        ("füge einen hund hinzu", adds("dog")),
        ("entferne den hut", removes("hat")),
        ("nimm die leute weg", removes("people")),
        ("ersetze den hund durch eine katze", swaps("dog", "cat")),
        ("mach es im anime-stil", style("anime")),
        ("im querformat", shape("3:2")),
        ("von oben", camera("above")),
        ("wärmeres licht", slot("lighting", "warm")),
        ("waermeres licht", slot("lighting", "warm")),
        ("mach den hut rot", recolours("hat", "red")),
        ("noch eins", kind(Repeat)),
        ("rückgängig", kind(Undo)),
        ("rueckgaengig", kind(Undo)),
        ("welcher seed war das?", kind(Question, topic="seed")),
        ("danke, sehr schön", kind(Chat)),
    ],
    "Italian": [
        ("adesso di notte", NIGHT),
        ("aggiungi la neve", adds("snow")),
        ("togli il cappello", removes("hat")),
        ("sostituisci il cane con un gatto", swaps("dog", "cat")),
        ("in bianco e nero", style("black-and-white")),
        ("formato verticale", shape("2:3")),
        ("più vicino", camera("closer")),
        ("piu vicino", camera("closer")),
        ("al tramonto con la nebbia", both(slot("time", "sunset"), FOG)),
        ("un'altra", kind(Repeat)),
        ("torna alla prima", kind(Revert, image=1)),
        ("che prompt hai usato?", kind(Question, topic="prompt")),
        ("grazie mille, bellissimo", kind(Chat)),
    ],
    "Portuguese": [
        ("agora à noite", NIGHT),
        ("agora a noite", NIGHT),
        ("adicione neve", adds("snow")),
        ("tire o chapéu", removes("hat")),
        ("troque o cachorro por um gato", swaps("dog", "cat")),
        ("estilo aquarela", style("watercolor")),
        ("deixa em formato quadrado", shape("1:1")),
        ("mais perto", camera("closer")),
        ("no inverno", slot("season", "winter")),
        ("mais uma", kind(Repeat)),
        ("desfaz", kind(Undo)),
        ("qual foi o prompt?", kind(Question, topic="prompt")),
        ("obrigado, amei", kind(Chat)),
    ],
    "Dutch": [
        ("nu bij nacht", NIGHT),
        ("maak het mistig", FOG),
        ("haal de mensen weg", removes("people")),
        ("voeg een kat toe", adds("cat")),
        ("vervang de hond door een paard", swaps("dog", "horse")),
        ("in zwart-wit", style("black-and-white")),
        ("staand formaat", shape("2:3")),
        ("van bovenaf", camera("above")),
        ("nog een keer", kind(Repeat)),
        ("maak ongedaan", kind(Undo)),
        ("welk model was dat?", kind(Question, topic="model")),
        ("bedankt, prachtig", kind(Chat)),
    ],
    "Chinese": [
        ("换成水彩风格", style("watercolor")),
        ("加一只猫", adds("cat")),
        ("去掉帽子", removes("hat")),
        ("晚上，下雪", both(NIGHT, SNOW)),
        ("把狗换成猫", swaps("dog", "cat")),
        ("把帽子变成红色", recolours("hat", "red")),
        ("把帽子變成紅色", recolours("hat", "red")),  # traditional
        ("加幾隻鳥", adds("birds")),  # traditional
        ("横版", shape("3:2")),
        ("再来一张", kind(Repeat)),
        ("撤销", kind(Undo)),
        ("用的什么种子？", kind(Question, topic="seed")),
        ("谢谢，太好看了", kind(Chat)),
    ],
    "Japanese": [
        ("夜にして", NIGHT),
        ("帽子を消して", removes("hat")),
        ("猫を追加して", adds("cat")),
        ("水彩画風にして", style("watercolor")),
        ("もっと明るく", slot("lighting", "bright")),
        ("雪を降らせて", SNOW),
        ("帽子を赤くして", recolours("hat", "red")),
        ("横長にして", shape("3:2")),
        ("もう一枚", kind(Repeat)),
        ("元に戻して", kind(Undo)),
        ("シードは？", kind(Question, topic="seed")),
        ("ありがとう、すごい", kind(Chat)),
    ],
    "Korean": [
        ("밤으로 바꿔줘", NIGHT),
        ("모자를 빼줘", removes("hat")),
        ("고양이를 추가해줘", adds("cat")),
        ("수채화로 해줘", style("watercolor")),
        ("모자를 빨간색으로 바꿔줘", recolours("hat", "red")),
        ("가로로 해줘", shape("3:2")),
        ("더 가까이", camera("closer")),
        ("하나 더", kind(Repeat)),
        ("되돌려줘", kind(Undo)),
        ("시드가 뭐야?", kind(Question, topic="seed")),
        ("고마워, 예쁘다", kind(Chat)),
    ],
}


@pytest.mark.parametrize("language,text,check", [(lang, t, c) for lang, cases in CASES.items() for t, c in cases])
def test_follow_ups_in_other_languages(language, text, check):
    scene = _scene(SCENE, seed=42)
    action, notes, new, w = run_turn(scene, text)
    assert check(action, new, w), (language, text, action, w and w.prompt)
    if isinstance(action, Edit):
        assert has(w.prompt, "man"), (text, w.prompt)  # the picture being worked on is kept
        assert new.seed == 42  # an edit keeps the seed
        assert not re.search(r"[^\x00-\x7f]", w.prompt), (text, w.prompt)  # English reaches an English-only model
        assert not notes, (text, notes)  # understood: no language warning


def test_every_language_has_eight_concepts_tested():
    for lang, cases in CASES.items():
        assert len(cases) >= 8, lang


# --------------------------------------------------------------------------- what translate_followup returns


@pytest.mark.parametrize("text,english", [
    ("de noche y con nieve", "at night, in the snow"),
    ("ajoute de la neige", "add snow"),
    ("AJOUTE DE LA NEIGE", "add snow"),
    ("quita el sombrero", "remove the hat"),
    ("haal de mensen weg", "remove the people"),
    ("加一只猫", "add a cat"),
    ("帽子を消して", "remove the hat"),
    ("maak het mistig", "in the fog"),
    ("deixa em formato quadrado", "square format"),
    ("añade un gato negro", "add a black cat"),
    ("gracias", "thanks"),
    ("me encanta", "i love it"),
    ("d'accord", "ok"),
    ("qué tamaño tiene?", "what size is it?"),
    ("cuántos pasos?", "how many steps?"),
    ("was kannst du?", "what can you do?"),
])
def test_translations(text, english):
    assert words.translate_followup(text) == english


def test_an_unknown_thing_goes_in_as_typed():
    action = understand("ajoute un chat qui dort sur le canapé", ctx(SCENE, pictures=2))[0]
    assert isinstance(action, Edit) and isinstance(action.ops[0], Add)
    assert "chat qui dort sur le canapé" in action.ops[0].thing


def test_an_unknown_thing_beside_a_known_concept_keeps_both():
    english = words.translate_followup("ajoute un chat qui dort, de nuit")
    assert english == "add un chat qui dort, at night"


def test_the_old_add_and_remove_verbs_still_match():
    assert words.FOREIGN_ADD.match("añade un unicornio").group(1) == "un unicornio"
    assert words.FOREIGN_ADD.match("voeg een eenhoorn toe").group(1) == "een eenhoorn"
    assert words.FOREIGN_REMOVE.match("haal de eenhoorn weg").group(1) == "de eenhoorn"
    assert words.FOREIGN_REMOVE.match("togli l'unicorno").group(1) == "l'unicorno"


def test_russian_follow_ups_are_kept():
    assert words.translate_followup("ночью") == "at night"
    assert words.translate_followup("ещё одну") == "another one"


# --------------------------------------------------------------------------- English is never translated

ENGLISH = [
    "remove the tire", "remove tire", "a bowl of pasta con carne", "pasta con carne", "tire swing", "met gala dress",
    "a pontoon boat", "winter", "anime style", "pixel art", "zoom in", "zoom out", "vertical", "horizontal please",
    "square", "portrait", "more colorful", "no text", "sin city poster", "add a hat", "remove the hat", "with snow",
    "a pizza margherita", "ok", "nice", "perfect", "thanks", "make it red", "one more", "undo", "again",
    "close-up", "warmer", "darker", "a hot dog con queso", "pon farina", "a dog with a hat", "cartoon", "storm",
    "more like a photo", "the sun", "a mare and her foal", "a dame in a hat", "tire tracks in the mud", "3d-render",
    "horizontal", "vertical format", "golden hour", "nocturne", "aquarelle", "pixel-art", "line art", "close up",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_follow_ups_are_unchanged(text, monkeypatch):
    context = ctx(SCENE, pictures=2)
    with_phrasebook = understand(text, context)
    monkeypatch.setattr(words, "translate_followup", lambda _text: None)
    assert understand(text, context) == with_phrasebook, text


def test_remove_the_tire_removes_a_tire():
    action = understand("remove the tire", ctx("a bicycle with a flat tire leaning on a wall", pictures=2))[0]
    assert isinstance(action, Edit) and action.ops == (Remove(thing="tire"),)


# --------------------------------------------------------------------------- the tables themselves


def test_every_concept_and_thing_is_in_every_language():
    for english, table in pb.PHRASES.items():
        assert set(table) == set(pb.LANGUAGES), english
    for english, _plural, _many, cells in pb.THINGS:
        assert set(cells) == set(pb.LANGUAGES), english
    for colour, cells in pb.COLOURS.items():
        assert set(cells) == set(pb.LANGUAGES), colour
    assert len(pb.THINGS) >= 80
    for table in (pb.ADD_VERBS, pb.REMOVE_VERBS, pb.REPLACE_FRAMES, pb.WITH, pb.WITHOUT, pb.FILLERS, pb.COLOUR_FRAMES):
        assert set(table) == set(pb.LANGUAGES)


def test_traditional_chinese_spellings_are_made_from_the_simplified():
    assert "把猫换成狗".translate(pb.TRADITIONAL) == "把貓換成狗"


@pytest.mark.parametrize("text", ["un perro en la playa de noche", "une maison dans la forêt la nuit",
                                  "ein schloss auf einem berg bei sonnenuntergang", "一只猫在海边"])
def test_a_description_of_its_own_is_a_new_picture(text):
    """Things named outside any phrase read: a new picture, not "at night" applied to the old one."""
    action = understand(text, ctx(SCENE, pictures=2))[0]
    assert isinstance(action, New), (text, action)


# --------------------------------------------------------------------------- more concepts, language by language

MORNING, GOLDEN, SUMMER = slot("time", "morning"), slot("time", "golden hour"), slot("season", "summer")
MORE = {
    "Spanish": [("a la hora dorada", GOLDEN), ("por la mañana", MORNING), ("luz más fría", slot("lighting", "cool")),
                ("con tormenta", slot("weather", "storm")), ("en otoño", slot("season", "autumn")),
                ("pintura al óleo", style("oil-painting")), ("estilo pixel art", style("pixel-art")),
                ("fondo de pantalla del movil", shape("9:16")), ("desde abajo", camera("below")),
                ("una variación", kind(Repeat)), ("cuántos pasos?", kind(Question, topic="steps")),
                ("qué puedes hacer?", kind(Help))],
    "French": [("à l'heure dorée", GOLDEN), ("le matin", MORNING), ("en été", SUMMER), ("au crayon", style("pencil-sketch")),
               ("bande dessinée", style("comic")), ("rendu 3d", style("3d-render")), ("vitrail", style("stained-glass")),
               ("pour instagram", shape("1:1")), ("plus loin", camera("wider")), ("gros plan", camera("closer")),
               ("quelle taille ?", kind(Question, topic="size")), ("comment ça marche ?", kind(Help))],
    "German": [("zur goldenen stunde", GOLDEN), ("am morgen", MORNING), ("im sommer", SUMMER),
               ("als ölgemälde", style("oil-painting")), ("fotorealistisch", style("photorealistic")),
               ("buntglas", style("stained-glass")), ("von unten", camera("below")), ("nahaufnahme", camera("closer")),
               ("anderer seed", kind(Repeat)), ("wie viele schritte?", kind(Question, topic="steps")),
               ("was kannst du?", kind(Help))],
    "Italian": [("all'ora d'oro", GOLDEN), ("di mattina", MORNING), ("in estate", SUMMER), ("dipinto a olio", style("oil-painting")),
                ("a matita", style("pencil-sketch")), ("fumetto", style("comic")), ("vetrata", style("stained-glass")),
                ("sfondo del telefono", shape("9:16")), ("dal basso", camera("below")), ("primo piano", camera("closer")),
                ("quanti passi?", kind(Question, topic="steps")), ("come funziona?", kind(Help))],
    "Portuguese": [("na hora dourada", GOLDEN), ("de manhã", MORNING), ("no verão", SUMMER), ("a óleo", style("oil-painting")),
                   ("quadrinhos", style("comic")), ("papel de parede do celular", shape("9:16")), ("mais longe", camera("wider")),
                   ("de baixo", camera("below")), ("que tamanho?", kind(Question, topic="size")),
                   ("o que você pode fazer?", kind(Help))],
    "Dutch": [("in het gouden uur", GOLDEN), ("'s ochtends", MORNING), ("'sochtends", MORNING), ("in de zomer", SUMMER),
              ("olieverfschilderij", style("oil-painting")), ("potloodtekening", style("pencil-sketch")),
              ("fotorealistisch", style("photorealistic")), ("voor instagram", shape("1:1")), ("verder weg", camera("wider")),
              ("van onderaf", camera("below")), ("hoeveel stappen?", kind(Question, topic="steps")), ("hoe werkt het?", kind(Help))],
    "Chinese": [("黄金时刻", GOLDEN), ("早上", MORNING), ("夏天", SUMMER), ("油画", style("oil-painting")), ("素描", style("pencil-sketch")),
                ("漫画", style("comic")), ("3D渲染", style("3d-render")), ("浮世绘", style("ukiyo-e")), ("线稿", style("line-art")),
                ("手机壁纸", shape("9:16")), ("远一点", camera("wider")), ("仰视", camera("below")), ("特写", camera("closer")),
                ("多少步？", kind(Question, topic="steps")), ("你能做什么？", kind(Help))],
    "Japanese": [("夕方", slot("time", "evening")), ("油絵にして", style("oil-painting")), ("鉛筆画", style("pencil-sketch")),
                 ("ステンドグラス", style("stained-glass")), ("スマホの壁紙", shape("9:16")), ("下から", camera("below")),
                 ("クローズアップ", camera("closer")), ("何ステップ？", kind(Question, topic="steps")), ("何ができるの？", kind(Help))],
    "Korean": [("골든아워", GOLDEN), ("아침으로", MORNING), ("여름", SUMMER), ("유화로", style("oil-painting")),
               ("연필 스케치", style("pencil-sketch")), ("스테인드글라스", style("stained-glass")), ("배경화면", shape("9:16")),
               ("위에서", camera("above")), ("몇 스텝?", kind(Question, topic="steps")), ("사용법", kind(Help))],
}


@pytest.mark.parametrize("language,text,check", [(lang, t, c) for lang, cases in MORE.items() for t, c in cases])
def test_more_concepts_in_other_languages(language, text, check):
    scene = _scene(SCENE, seed=42)
    action, notes, new, w = run_turn(scene, text)
    assert check(action, new, w), (language, text, action, w and w.prompt)


@pytest.mark.parametrize("text", ["estilo caricatura", "style cartoon", "cartone animato", "desenho animado", "tekenfilm", "卡通"])
def test_cartoon_keeps_the_picture_and_says_cartoon(text):
    scene = _scene(SCENE, seed=42)
    action, _notes, _new, w = run_turn(scene, text)
    assert isinstance(action, Edit) and has(w.prompt, "cartoon") and has(w.prompt, "man"), (text, action)


@pytest.mark.parametrize("text", ["hola", "vale", "salut", "d'accord", "hallo", "alles klar", "ciao", "va bene", "olá", "tá bom",
                                  "hoi", "你好", "好的", "こんにちは", "了解", "안녕", "알겠어"])
def test_greetings_and_ok_are_chat(text):
    assert understand(text, ctx(SCENE, pictures=2))[0].intent == "chat", text


# --------------------------------------------------------------------------- the vocabulary of things


@pytest.mark.parametrize("text,english", [
    ("pon un paraguas", "add an umbrella"),
    ("añade una bufanda roja", "add a red scarf"),
    ("añade dos gatos", "add two cats"),
    ("quita la marca de agua", "remove the watermark"),
    ("ajoute une tasse de café", "add a cup of coffee"),
    ("ajoute un drapeau et un livre", "add a flag, add a book"),
    ("füge ein paar Vögel hinzu", "add birds"),
    ("entferne das wasserzeichen", "remove the watermark"),
    ("mach den text weg", "remove the text"),
    ("aggiungi delle farfalle", "add butterflies"),
    ("metti una sciarpa", "add a scarf"),
    ("adicione um arco-íris", "add a rainbow"),
    ("tire as pessoas", "remove the people"),
    ("zet er een paraplu bij", "add an umbrella"),
    ("verwijder het watermerk", "remove the watermark"),
    ("加一把伞", "add an umbrella"),
    ("加几只蝴蝶", "add butterflies"),
    ("去掉水印", "remove the watermark"),
    ("虹を足して", "add a rainbow"),
    ("透かしを削除して", "remove the watermark"),
    ("우산을 추가해줘", "add an umbrella"),
    ("글자 빼줘", "remove the text"),
])
def test_things_people_add_and_remove(text, english):
    assert words.translate_followup(text) == english


@pytest.mark.parametrize("text,ops", [
    ("añade un perro y quita el sombrero", (Add(thing="a dog"), Remove(thing="hat"))),
    ("ajoute de la neige et enlève le chapeau", (Add(thing="snow"), Remove(thing="hat"))),
    ("sin texto ni marca de agua", (Remove(thing="text"), Remove(thing="watermark"))),
    ("ohne text und ohne wasserzeichen", (Remove(thing="text"), Remove(thing="watermark"))),
    ("加一只猫，去掉帽子", (Add(thing="a cat"), Remove(thing="hat"))),
])
def test_several_clauses_in_one_message(text, ops):
    action = understand(text, ctx(SCENE, pictures=2))[0]
    assert isinstance(action, Edit) and action.ops == ops, (text, action)


def test_no_text_goes_to_the_negative_prompt():
    scene = _scene(SCENE, seed=42)
    _action, _notes, _new, w = run_turn(scene, "sin texto ni marca de agua")
    assert has(w.negative_prompt, "text") and has(w.negative_prompt, "watermark")
    assert not has(w.prompt, "text")


@pytest.mark.parametrize("text,english", [
    ("没有人", "without people"), ("人を消して", "remove the people"), ("más grande", "bigger"), ("小さく", "smaller"),
    ("雪", "in the snow"), ("竖版", "portrait format"), ("세로로", "portrait format"), ("obrigada", "thanks"),
    ("zurück zum ersten", "go back to the first one"), ("rendila in stile pop art", "make it pop art"),
])
def test_follow_ups_read_before_the_phrasebook_still_are(text, english):
    assert words.translate_followup(text) == english


@pytest.mark.parametrize("text", ["a cat in a hat", "vertical poster of a city at night", "horizontal banner of a forest",
                                  "pixel art of a knight", "a bowl of pasta con carne", "chili con carne on a table",
                                  "remove the tire", "a pontoon boat at sunset", "tire swing in the rain", "met gala dress"])
def test_english_first_messages_get_no_language_warning(text):
    action, notes = understand(text, ctx(None))
    assert isinstance(action, New) and not notes, (text, action, notes)


@pytest.mark.parametrize("text,thing,colour", [
    ("los ojos azules", "eyes", "blue"), ("haz el pelo rojo", "hair", "red"), ("mets les yeux en bleu", "eyes", "blue"),
    ("les cheveux rouges", "hair", "red"), ("mach die haare rot", "hair", "red"), ("gli occhi azzurri", "eyes", "blue"),
    ("os olhos azuis", "eyes", "blue"), ("maak de ogen blauw", "eyes", "blue"), ("把眼睛变成蓝色", "eyes", "blue"),
    ("目を青くして", "eyes", "blue"), ("눈을 파란색으로 바꿔줘", "eyes", "blue"), ("머리를 빨간색으로", "hair", "red"),
])
def test_the_colour_of_a_thing_in_the_picture(text, thing, colour):
    scene = _scene("a woman with long brown hair and green eyes in a garden", seed=7)
    action, _notes, new, w = run_turn(scene, text)
    assert isinstance(action, Edit) and has(w.prompt, f"{colour} {thing}"), (text, action, w and w.prompt)
    assert has(w.prompt, "woman") and new.seed == 7


def test_add_and_remove_verbs_without_their_accents():
    assert words.FOREIGN_REMOVE.match("enleve le dragon rose a pois").group(1) == "le dragon rose a pois"
    assert words.FOREIGN_ADD.match("anade un unicornio").group(1) == "un unicornio"
    assert not words.FOREIGN_ADD.match("mach es gruselig")  # "mach" says make, not add


# --------------------------------------------------------------------------- asked as people ask


@pytest.mark.parametrize("text,op", [
    ("kannst du den hut entfernen?", Remove(thing="hat")),
    ("bitte den hut weglassen", Remove(thing="hat")),
    ("ohne hut bitte", Remove(thing="hat")),
    ("kun je de hoed weghalen", Remove(thing="hat")),
    ("de hoed mag weg", Remove(thing="hat")),
    ("mach bitte einen hund dazu", Add(thing="a dog")),
    ("puedes quitar el sombrero?", Remove(thing="hat")),
    ("¿puedes ponerle un sombrero rojo?", Replace(old="hat", new="red hat")),  # he has a hat: that one, red
    ("tu peux enlever le chapeau ?", Remove(thing="hat")),
    ("peux-tu ajouter de la neige ?", Add(thing="snow")),
    ("potresti togliere il cappello?", Remove(thing="hat")),
    ("pode tirar o chapéu?", Remove(thing="hat")),
    ("dá pra colocar um gato?", Add(thing="a cat")),
    ("voeg ook wat sneeuw toe", Add(thing="snow")),
])
def test_questions_and_polite_requests_are_edits(text, op):
    action = understand(text, ctx(SCENE, pictures=2))[0]
    assert isinstance(action, Edit) and action.ops == (op,), (text, action)


@pytest.mark.parametrize("text", ["ahora ponlo de noche por favor", "podrías hacerlo de noche", "quiero que sea de noche",
                                  "je veux la même chose mais de nuit", "lo mismo pero de noche", "lo stesso ma di notte",
                                  "mesmo, mas à noite", "hetzelfde maar dan bij nacht", "dasselbe aber bei nacht",
                                  "同じで夜にして", "一样，但是晚上"])
def test_the_same_but_at_night(text):
    action = understand(text, ctx(SCENE, pictures=2))[0]
    assert isinstance(action, Edit) and action.ops == (SetSlot(slot="time", value="at night"),), (text, action)


def test_the_english_of_the_phrasebook_is_never_translated():
    """What the phrasebook turns things into is English already: none of it reads as another language."""
    english = [*pb.PHRASES, *(e for e, *_ in pb.THINGS), *(p for _, p, *_ in pb.THINGS if p), *pb.COLOURS,
               *(f"add {e}" for e, *_ in pb.THINGS), *(f"remove the {e}" for e, *_ in pb.THINGS),
               *(f"make it {c}" for c in pb.COLOURS), "cartoon", "cartoon style", "phone wallpaper", "close-up"]
    translated = {t: words.translate_followup(t) for t in english}
    assert {t: e for t, e in translated.items() if e} == {}


@pytest.mark.parametrize("text,op", [
    ("formato 16:9", SetSize(aspect="16:9")), ("im format 16:9", SetSize(aspect="16:9")), ("比例16:9", SetSize(aspect="16:9")),
    ("16:9で", SetSize(aspect="16:9")), ("usa la semilla 42", SetSeed(seed=42)), ("种子 1234", SetSeed(seed=1234)),
    ("50 pasos", SetSteps(steps=50)), ("30 stappen", SetSteps(steps=30)),
])
def test_settings_said_with_a_number(text, op):
    action = understand(text, ctx(SCENE, pictures=2))[0]
    assert isinstance(action, Edit) and action.ops == (op,), (text, action)


@pytest.mark.parametrize("text,check", [
    ("vuelve a la segunda", kind(Revert, image=2)), ("torniamo alla seconda", kind(Revert, image=2)),
    ("volvamos a la anterior", kind(Undo)), ("terug naar de vorige", kind(Undo)),
    ("y que sea invierno", slot("season", "winter")), ("비 오게 해줘", slot("weather", "rain")),
    ("눈 내리게 해줘", slot("weather", "snow")), ("más pasos", lambda a, s, w: isinstance(a, Edit) and a.ops[0].op == "steps"),
])
def test_history_seasons_and_steps_in_other_words(text, check):
    scene = _scene(SCENE, seed=42)
    action, _notes, new, w = run_turn(scene, text)
    assert check(action, new, w), (text, action)
