"""The grammar around a thing, by language: the verbs of adding, taking away and swapping, "with"
and "without", the small words between a verb and its thing (articles, "some", numbers, asking
nicely), the frames a colour is asked in, and the traditional spellings of the Chinese entries."""

from __future__ import annotations

# Verbs of adding, taking away and swapping; in the Latin-script languages the object follows the
# verb (German and Dutch may close with a particle: "füge … hinzu", "haal … weg").
ADD_VERBS: dict[str, tuple[str, ...]] = {
    "es": ("añade(?:le)?", "añadir(?:le)?", "agrega(?:le)?", "agregar(?:le)?", "pon(?:le)?", "ponga", "poner(?:le)?", "mete(?:le)?",
           "meter(?:le)?", "incluye", "incluir", "dibuja(?:le)?"),
    "fr": ("ajoute(?:z)?(?:-lui|-leur)?", "rajoute(?:z)?", "rajouter", "remets", "remettez", "remettre", "mets-lui", "mets-leur",
           "mets", "mettez", "mettre", "ajouter",
           "dessine"),
    "de": ("füge", "füg", "ergänze", "mach", "mache", "setze?", "zeichne", "gib(?: ihm| ihr)?"),
    "it": ("aggiungi", "aggiungere", "rimetti(?:ci)?", "metti(?:ci)?", "mettere", "mettici", "inserisci", "inserire", "disegna"),
    "pt": ("adicione", "adiciona", "adicionar", "coloque", "coloca", "colocar", "acrescente", "acrescenta", "acrescentar", "põe", "pôr",
           "bota", "botar", "inclua", "desenhe"),
    "nl": ("voeg", "zet", "doe", "teken", "plaats"),
    "zh": ("添加", "增加", "加上", "加入", "加个", "(?<![更参增添追])加", "放上", "放一", "画上", "画一", "再画"),
    "ja": ("追加して", "追加", "加えて", "足して", "入れて", "描き足して", "描いて", "を置いて"),
    "ko": ("추가해", "추가", "넣어", "그려 ?줘", "더해"),
}
REMOVE_VERBS: dict[str, tuple[str, ...]] = {
    "es": ("quita(?:le)?", "quitar(?:le)?", "elimina", "eliminar", "borra", "borrar", "saca", "sácale", "sacar", "remueve"),
    "fr": ("enlève", "enlevez", "enlever", "supprime", "supprimez", "supprimer", "retire", "retirez", "retirer", "efface", "effacer", "vire"),
    "de": ("entferne", "entfern", "lösche", "lösch", "nimm", "mach", "mache", "streiche"),
    "it": ("togli", "togliere", "rimuovi", "rimuovere", "elimina", "eliminare", "leva", "levare", "cancella", "cancellare", "via"),
    "pt": ("remova", "remove", "remover", "tire", "tira", "tirar", "retire", "retira", "retirar", "apague", "apaga", "apagar", "elimine", "elimina"),
    "nl": ("verwijder", "haal", "doe", "wis"),
    "zh": ("去掉", "去除", "删掉", "删除", "拿掉", "移除", "不要"),
    "ja": ("消して", "削除して", "取って", "なくして", "外して", "取り除いて", "いらない", "消す"),
    "ko": ("빼 ?줘", "빼", "없애", "지워", "제거"),
}
# German and Dutch may put the verb last ("kannst du den Hut entfernen?", "de hoed mag weg").
FINAL_ADD: dict[str, tuple[str, ...]] = {
    "de": ("hinzufügen", "dazumachen", "dazutun", "ergänzen", "einfügen", "hinzu", "dazu"),
    "nl": ("toevoegen", "erbij zetten", "erbij doen", "bij zetten", "bij doen", "erbij", "bij", "toe"),
}
FINAL_REMOVE: dict[str, tuple[str, ...]] = {
    "de": ("entfernen", "löschen", "weglassen", "wegmachen", "wegnehmen", "rausnehmen", "muss weg", "soll weg", "weg"),
    "nl": ("weghalen", "verwijderen", "weglaten", "wegdoen", "mag weg", "moet weg", "weg"),
}
# Asking nicely, after what is asked: "ohne Hut bitte".
POLITE: dict[str, tuple[str, ...]] = {
    "es": ("por favor", "porfa", "porfis"), "fr": ("s'il te plaît", "s'il vous plaît", "stp", "svp"), "de": ("bitte", "bitte schön"),
    "it": ("per favore", "per piacere"), "pt": ("por favor", "pfv", "pf"), "nl": ("alsjeblieft", "alstublieft", "aub", "graag", "natuurlijk"),
    "zh": ("吧", "谢谢", "了"), "ja": ("ください", "下さい", "お願い"), "ko": ("주세요", "줘"),
}
REPLACE_FRAMES: dict[str, tuple[str, ...]] = {
    # {old} and {new} are things; what is around them is the language's own way of swapping.
    "es": ("(?:cambia|reemplaza|sustituye) {old} por {new}", "(?:cambia|reemplaza|sustituye) {old} con {new}", "convierte {old} en {new}"),
    "fr": ("(?:remplace|change) {old} par {new}", "(?:change|transforme) {old} en {new}"),
    "de": ("ersetze? {old} durch {new}", "tausche? {old} gegen {new}", "mach aus {old} {new}", "mach {old} zu {new}"),
    "it": ("(?:sostituisci|cambia) {old} con {new}", "trasforma {old} in {new}"),
    "pt": ("(?:troque|troca|substitua|substitui) {old} por {new}", "transforma {old} em {new}"),
    "nl": ("vervang {old} door {new}", "verander {old} in {new}", "maak van {old} {new}"),
    "zh": ("把{old}(?:换成|变成|改成){new}", "{old}(?:换成|变成|改成){new}", "用{new}(?:代替|替换){old}"),
    "ja": ("{old}を{new}に(?:変えて|して|替えて|変更)", "{old}じゃなくて{new}"),
    "ko": ("{old}(?:을|를)? ?{new}(?:으로|로) ?(?:바꿔|변경)",),
}
# "with X" / "without X" as their own clause.
WITH: dict[str, tuple[str, ...]] = {
    "es": ("con",), "fr": ("avec",), "de": ("mit",), "it": ("con",), "pt": ("com",), "nl": ("met",),
    "zh": ("带着", "有"), "ja": ("付きの", "がある"), "ko": ("있는",),
}
WITHOUT: dict[str, tuple[str, ...]] = {
    "es": ("sin", "que no (?:haya|salga|salgan|aparezca|aparezcan)"), "fr": ("sans",), "de": ("ohne",), "it": ("senza",), "pt": ("sem",),
    "nl": ("zonder",),
    "zh": ("没有", "无"), "ja": ("なし", "無し", "抜きで"), "ko": ("없이", "없는"),
}
# Small words between a verb and its thing: articles, "some", "a few", "more", "also", "please".
FILLERS: dict[str, tuple[str, ...]] = {
    "es": ("el", "la", "los", "las", "lo", "le", "un", "una", "unos", "unas", "algo de", "algunos", "algunas", "unos cuantos", "un poco de",
           "más", "también", "de", "del", "al", "por favor", "porfa", "y", "e"),
    "fr": ("le", "la", "les", "l'", "un", "une", "des", "du", "de", "de la", "de l'", "d'", "quelques", "encore", "aussi", "plus de",
           "s'il te plaît", "s'il vous plaît", "stp", "svp", "et"),
    "de": ("der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "etwas", "ein paar", "paar", "noch", "mehr", "auch",
           "bitte", "und", "es"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'", "dei", "degli", "delle", "del", "della", "dello",
           "qualche", "alcuni", "alcune", "un po' di", "anche", "ancora", "per favore", "e"),
    "pt": ("o", "a", "os", "as", "um", "uma", "uns", "umas", "alguns", "algumas", "um pouco de", "mais", "também", "de", "do", "da",
           "por favor", "e"),
    "nl": ("de", "het", "een", "wat", "een paar", "nog", "meer", "ook", "alsjeblieft", "graag", "en", "er"),
    "zh": ("一个", "一只", "一些", "一点", "一朵", "一棵", "一条", "一匹", "一本", "一顶", "一副", "一把", "一杯", "一座", "一艘", "一辆",
           "几只", "几个", "几朵", "几棵", "点", "些", "个", "只", "上", "把", "的", "再", "请", "也", "和"),
    "ja": ("を", "も", "と", "の", "少し", "もっと", "たくさん", "一匹の", "一羽の", "一つ", "ください", "下さい", "お願い"),
    "ko": ("을", "를", "도", "좀", "와", "과", "하고", "한 마리", "몇 마리", "많이"),
}
# Words that mark one thing ("un", "一只") or several ("unos", "几只"), so the English says "a cat" or "cats".
ONE: dict[str, tuple[str, ...]] = {
    "es": ("un", "una"), "fr": ("un", "une"), "de": ("ein", "eine", "einen", "einem"), "it": ("un", "uno", "una", "un'"),
    "pt": ("um", "uma"), "nl": ("een",), "zh": ("一个", "一只", "一朵", "一棵", "一条", "一匹", "一本", "一顶", "一副", "一把", "一杯", "一座", "一艘", "一辆"),
    "ja": ("一匹の", "一羽の", "一つ"), "ko": ("한 마리",),
}
# Words that mark several ("unos", "ein paar", "几只"), and small numbers, so the English says "birds", "two cats".
SOME: dict[str, tuple[str, ...]] = {
    "es": ("unos", "unas", "algunos", "algunas", "unos cuantos", "varios", "varias", "mucho", "mucha", "muchos", "muchas"),
    "fr": ("des", "quelques", "plusieurs", "beaucoup de", "plein de"),
    "de": ("ein paar", "paar", "einige", "mehrere", "viel", "viele", "vielen", "jede menge"), "it": ("dei", "degli", "delle", "alcuni", "alcune", "qualche", "molto", "molta", "molti", "molte", "tanta", "tanti", "tante"),
    "pt": ("uns", "umas", "alguns", "algumas", "vários", "várias", "muito", "muita", "muitos", "muitas"),
    "nl": ("een paar", "wat", "enkele", "meerdere", "veel"),
    "zh": ("几只", "几个", "几朵", "几棵", "一些", "些"), "ja": ("たくさん", "何匹か", "いくつか"), "ko": ("몇 마리", "몇 개", "많이"),
}
NUMBERS: dict[str, dict[str, str]] = {
    "two": dict(es="dos", fr="deux", de="zwei", it="due", pt="dois, duas", nl="twee", zh="两只, 两个, 两朵, 两棵, 两", ja="二匹の, 2匹の, 二羽の, 二つの", ko="두 마리, 두 개"),
    "three": dict(es="tres", fr="trois", de="drei", it="tre", pt="três", nl="drie", zh="三只, 三个, 三朵, 三棵", ja="三匹の, 3匹の, 三羽の, 三つの", ko="세 마리, 세 개"),
    "four": dict(es="cuatro", fr="quatre", de="vier", it="quattro", pt="quatro", nl="vier", zh="四只, 四个", ja="四匹の, 4匹の", ko="네 마리"),
    "five": dict(es="cinco", fr="cinq", de="fünf", it="cinque", pt="cinco", nl="vijf", zh="五只, 五个", ja="五匹の, 5匹の", ko="다섯 마리"),
}

# "the eyes in blue": small words between a thing and its colour.
COLOUR_LINKS: dict[str, tuple[str, ...]] = {
    "es": ("en", "de color"), "fr": ("en",), "de": ("in",), "it": ("in", "di"), "pt": ("em", "de"), "nl": ("in het",),
    "zh": (), "ja": (), "ko": (),
}
# "Make it {colour}": the frames a colour alone is asked in.
COLOUR_FRAMES: dict[str, tuple[str, ...]] = {
    "es": ("hazlo {c}", "hazla {c}", "ponlo {c}", "ponla {c}", "en {c}", "de color {c}", "todo {c}"),
    "fr": ("rends-le {c}", "rends-la {c}", "fais-le {c}", "fais-la {c}", "en {c}", "couleur {c}", "tout en {c}"),
    "de": ("mach es {c}", "mach's {c}", "in {c}", "ganz in {c}"),
    "it": ("fallo {c}", "falla {c}", "fammel[oa] {c}", "rendil[oa] {c}", "in {c}", "color {c}", "tutto {c}"),
    "pt": ("deixa {c}", "deixe {c}", "faz {c}", "em {c}", "na cor {c}", "todo {c}"),
    "nl": ("maak het {c}", "in het {c}", "helemaal {c}"),
    "zh": ("变成{c}", "改成{c}", "换成{c}", "弄成{c}", "{c}的"),
    "ja": ("{c}にして", "{c}して", "{c}に"), "ko": ("{c}으로", "{c}로", "{c} ?해"),
}

# Simplified → traditional Chinese characters used in the phrasebook's entries, for the spellings
# of Taiwan and Hong Kong.
TRADITIONAL = str.maketrans(
    "猫鸟鱼云树书车马伞围灯变换删颜红蓝绿黄爱欢谢个只张种风画图阳线笔动写实摄视远顶从镜头气雾阴觉样么这帮让们请来数骤吗"
    "绘铅纸机滩城烛关项链阳颗瀑岛门钟剑脸发飞桥龙鸭狮头鹰狐狸领带夹裙吉圣诞烟间时刻点节宽长纵俯瞰缩销边调暖级优赞极厉错"
    "尔两几杯辆艘顶复设图样设细步骤尺寸辨率号义处尔为会么试问题选项应该难标签后觉实际台笼叶壶蜡应",
    "貓鳥魚雲樹書車馬傘圍燈變換刪顏紅藍綠黃愛歡謝個隻張種風畫圖陽線筆動寫實攝視遠頂從鏡頭氣霧陰覺樣麼這幫讓們請來數驟嗎"
    "繪鉛紙機灘城燭關項鏈陽顆瀑島門鐘劍臉髮飛橋龍鴨獅頭鷹狐狸領帶夾裙吉聖誕煙間時刻點節寬長縱俯瞰縮銷邊調暖級優讚極厲錯"
    "爾兩幾杯輛艘頂複設圖樣設細步驟尺寸辨率號義處爾為會麼試問題選項應該難標籤後覺實際檯籠葉壺蠟應",
)
