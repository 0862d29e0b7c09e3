"""Follow-ups in other languages, as tables: what people type, and the English the rules read.

Data only; ``conversation.foreign`` reads it. Entries are written as people type them; matching
ignores case and accents, takes whole words in the Latin-script languages and pieces of text in
Chinese, Japanese and Korean. An entry may use a little regex (``[oa]``, ``(?:…)?``). Chinese is
written in simplified characters; the traditional spellings are made from ``TRADITIONAL``.
A word that is the same in English ("winter", "anime", "storm") is only listed inside a phrase of
its own language, so that an English follow-up never matches.

Tables: PHRASES (concept → English), NUMBERED (settings with a number), THINGS (what is added or
taken away), COLOURS, the verbs (ADD_VERBS, REMOVE_VERBS, FINAL_ADD, FINAL_REMOVE, REPLACE_FRAMES,
WITH, WITHOUT), the small words around a thing (FILLERS, ONE, SOME, NUMBERS, COLOUR_LINKS,
COLOUR_FRAMES, POLITE) and TRADITIONAL.
"""

from __future__ import annotations

LANGUAGES = ("es", "fr", "de", "it", "pt", "nl", "zh", "ja", "ko")
CJK = ("zh", "ja", "ko")

# --------------------------------------------------------------------------- concepts
# English the rules read → what is typed for it, by language.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    # 1. time and light
    "at night": {
        "es": ("de noche", "por la noche", "nocturn[oa]", "que sea de noche", "en la noche"),
        "fr": ("de nuit", "la nuit", "(?:sc[èe]ne|ambiance|version) nocturne", "en pleine nuit"),
        "de": ("bei nacht", "in der nacht", "nachts", "nachtszene"),
        "it": ("di notte", "la notte", "notturn[oa]", "nella notte"),
        "pt": ("de noite", "[àa] noite", "noturn[oa]", "na noite"),
        "nl": ("bij nacht", "'?s ?nachts", "in de nacht", "nachtelijk"),
        "zh": ("夜晚", "晚上", "夜景", "夜里", "黑夜"),
        "ja": ("夜に", "夜の", "夜景", "夜"),
        "ko": ("밤에", "밤으로", "밤 풍경", "야경", "밤"),
    },
    "during the day": {
        "es": ("de d[ií]a", "durante el d[ií]a"), "fr": ("de jour", "en plein jour", "pendant la journ[ée]e"),
        "de": ("am tag", "tags[üu]ber", "bei tag"), "it": ("di giorno", "durante il giorno"),
        "pt": ("de dia", "durante o dia"), "nl": ("overdag", "bij dag"),
        "zh": ("白天", "白昼"), "ja": ("昼に", "昼間", "日中"), "ko": ("낮에", "낮으로", "대낮"),
    },
    "at sunset": {
        "es": ("al atardecer", "atardecer", "puesta de sol", "al ocaso"),
        "fr": ("au coucher du soleil", "coucher de soleil", "au cr[ée]puscule"),
        "de": ("bei sonnenuntergang", "sonnenuntergang", "in der d[äa]mmerung"),
        "it": ("al tramonto", "tramonto"), "pt": ("ao p[ôo]r do sol", "p[ôo]r do sol", "ao entardecer", "entardecer"),
        "nl": ("bij zonsondergang", "zonsondergang", "bij schemering"),
        "zh": ("日落", "黄昏", "夕阳"), "ja": ("夕日", "夕焼け", "夕暮れ", "日没", "黄昏"), "ko": ("노을", "일몰", "해질녘", "석양"),
    },
    "at sunrise": {
        "es": ("al amanecer", "amanecer", "salida del sol"), "fr": ("au lever du soleil", "lever de soleil"),
        "de": ("bei sonnenaufgang", "sonnenaufgang"), "it": ("all'alba", "al sorgere del sole", "alba"),
        "pt": ("ao nascer do sol", "nascer do sol"), "nl": ("bij zonsopgang", "zonsopgang"),
        "zh": ("日出",), "ja": ("日の出", "朝日"), "ko": ("일출", "해돋이"),
    },
    "at dawn": {
        "es": ("al alba", "de madrugada", "en la madrugada"), "fr": ("[àa] l'aube", "aube", "au petit matin"),
        "de": ("im morgengrauen", "bei tagesanbruch", "morgend[äa]mmerung"), "it": ("all'aurora", "di primo mattino"),
        "pt": ("de madrugada", "ao amanhecer", "amanhecer", "na aurora"), "nl": ("bij dageraad", "in de ochtendschemering"),
        "zh": ("黎明", "拂晓", "破晓"), "ja": ("夜明け", "明け方"), "ko": ("새벽",),
    },
    "in the evening": {
        "es": ("por la tarde", "al anochecer", "de tarde"), "fr": ("le soir", "en soir[ée]e", "au soir"),
        "de": ("am abend", "abends", "abendstimmung"), "it": ("di sera", "la sera", "in serata"),
        "pt": ("[àa] tarde", "ao anoitecer", "anoitecer"), "nl": ("'?s ?avonds", "in de avond", "avondsfeer"),
        "zh": ("傍晚",), "ja": ("夕方",), "ko": ("저녁",),
    },
    "in the morning": {
        "es": ("por la ma[ñn]ana", "de ma[ñn]ana", "en la ma[ñn]ana"), "fr": ("le matin", "au matin"),
        "de": ("am morgen", "morgens", "morgenstimmung"), "it": ("di mattina", "la mattina", "al mattino"),
        "pt": ("de manh[ãa]", "pela manh[ãa]", "na manh[ãa]"), "nl": ("'?s ?ochtends", "in de ochtend", "'?s ?morgens"),
        "zh": ("早上", "清晨", "早晨"), "ja": ("朝に", "朝の", "早朝"), "ko": ("아침",),
    },
    "golden hour": {
        "es": ("(?:a |en )?la hora dorada", "hora dorada"), "fr": ("heure dor[ée]e",), "de": ("(?:zur |in der )?goldenen? stunde",),
        "it": ("ora d'oro", "ora dorata"),
        "pt": ("hora dourada",), "nl": ("(?:in |tijdens )?het gouden uur", "gouden uur"), "zh": ("黄金时刻", "黄金时段", "黄金时间"),
        "ja": ("ゴールデンアワー", "マジックアワー"), "ko": ("골든 ?아워",),
    },
    "brighter": {
        "es": ("m[aá]s (?:brillante|clar[oa]|luminos[oa]|luz)", "aclar[aá]lo", "con m[aá]s luz"),
        "fr": ("plus (?:lumineu(?:x|se)|clair[e]?)", "[ée]claircis", "plus de lumi[èe]re"),
        "de": ("heller", "mehr licht"), "it": ("pi[uù] (?:luminos[oa]|chiar[oa])", "pi[uù] luce", "schiariscil[ao]"),
        "pt": ("mais (?:clar[oa]|luminos[oa]|brilhante)", "mais luz"), "nl": ("lichter", "helderder", "meer licht"),
        "zh": ("更亮", "亮一点", "亮一些", "明亮一点", "调亮"), "ja": ("明るく", "明るい"), "ko": ("밝게", "더 밝", "환하게"),
    },
    "darker": {
        "es": ("m[aá]s oscur[oa]", "oscur[eé]celo", "con menos luz"), "fr": ("plus sombre", "plus fonc[ée]e?", "assombris"),
        "de": ("dunkler",), "it": ("pi[uù] scur[oa]", "scuriscil[ao]"), "pt": ("mais escur[oa]", "escure[cç]a"),
        "nl": ("donkerder",), "zh": ("更暗", "暗一点", "暗一些", "调暗"), "ja": ("暗く", "暗い"), "ko": ("어둡게", "더 어둡"),
    },
    "warmer light": {
        "es": ("luz m[aá]s c[aá]lida", "m[aá]s c[aá]lid[oa]", "luz c[aá]lida"), "fr": ("lumi[èe]re plus chaude", "plus chaud[e]?", "lumi[èe]re chaude"),
        "de": ("w[äa]rmeres licht", "mach es w[äa]rmer", "warmes licht"), "it": ("luce pi[uù] calda", "pi[uù] cald[oa]", "luce calda"),
        "pt": ("luz mais quente", "mais quente", "luz quente"), "nl": ("warmer licht", "maak het warmer", "warm licht"),
        "zh": ("暖色调", "更暖", "暖光", "暖一点"), "ja": ("暖かい光", "暖かく", "暖色"), "ko": ("따뜻한 빛", "따뜻하게"),
    },
    "colder light": {
        "es": ("luz m[aá]s fr[ií]a", "m[aá]s fr[ií][oa]", "luz fr[ií]a"), "fr": ("lumi[èe]re plus froide", "plus froid[e]?", "lumi[èe]re froide"),
        "de": ("k[äa]lteres licht", "k[äa]lter", "kaltes licht"), "it": ("luce pi[uù] fredda", "pi[uù] fredd[oa]", "luce fredda"),
        "pt": ("luz mais fria", "mais fri[oa]", "luz fria"), "nl": ("koeler licht", "kouder", "koeler"),
        "zh": ("冷色调", "更冷", "冷光", "冷一点"), "ja": ("冷たい光", "寒色", "冷たく"), "ko": ("차가운 빛", "차갑게"),
    },
    # 2. weather and season
    "in the snow": {
        "es": ("en la nieve", "nevando", "con nieve", "nevad[oa]", "bajo la nieve", "que nieve"),
        "fr": ("sous la neige", "dans la neige", "avec de la neige", "enneig[ée]e?", "qu'il neige", "il neige"),
        "de": ("im schnee", "mit schnee", "verschneit", "schneebedeckt", "schneit", "schneien"),
        "it": ("sotto la neve", "nella neve", "con (?:la )?neve", "innevat[oa]", "che nevica", "nevica"),
        "pt": ("na neve", "com neve", "nevando", "nevad[oa]", "sob a neve"),
        "nl": ("in de sneeuw", "met sneeuw", "besneeuwd", "sneeuwt", "laat het sneeuwen"),
        "zh": ("下雪", "雪景", "雪中", "雪天", "在雪里", "雪"), "ja": ("雪の中", "雪景色", "雪が降", "雪を降らせ", "雪に", "雪"), "ko": ("눈 ?오는", "눈이 ?내리", "눈 ?내리", "눈 ?오게", "설경", "눈 속"),
    },
    "in the rain": {
        "es": ("bajo la lluvia", "lloviendo", "con lluvia", "lluvios[oa]", "que llueva"),
        "fr": ("sous la pluie", "pluvieu(?:x|se)", "qu'il pleuve", "il pleut"),
        "de": ("im regen", "mit regen", "regnerisch", "regnet"), "it": ("sotto la pioggia", "piovos[oa]", "con la pioggia", "che piove"),
        "pt": ("na chuva", "chovendo", "com chuva", "chuvos[oa]", "sob a chuva"),
        "nl": ("in de regen", "met regen", "regenachtig", "regent"),
        "zh": ("下雨", "雨中", "雨天", "雨景", "雨"), "ja": ("雨の中", "雨が降", "雨を降らせ", "雨に", "雨の日", "雨"), "ko": ("비 ?오는", "비가 ?오는", "비 ?오게", "빗속", "비 ?내리"),
    },
    "in the fog": {
        "es": ("con niebla", "en la niebla", "neblinos[oa]", "brumos[oa]", "con neblina"),
        "fr": ("dans le brouillard", "avec du brouillard", "brumeu(?:x|se)", "dans la brume", "avec de la brume"),
        "de": ("im nebel", "mit nebel", "neblig", "nebelig", "dunstig"),
        "it": ("nella nebbia", "con la nebbia", "con nebbia", "nebbios[oa]"),
        "pt": ("na neblina", "com neblina", "na n[ée]voa", "com n[ée]voa", "nebulos[oa]", "enevoad[oa]"),
        "nl": ("in de mist", "met mist", "mistig", "nevelig", "in de nevel"),
        "zh": ("雾", "起雾", "薄雾", "雾气"), "ja": ("霧", "もや"), "ko": ("안개",),
    },
    "in a storm": {
        "es": ("con tormenta", "en una tormenta", "tormentos[oa]", "durante una tormenta"),
        "fr": ("avec un orage", "sous l'orage", "pendant un orage", "orageu(?:x|se)", "dans la temp[êe]te", "temp[êe]te"),
        "de": ("im sturm", "mit sturm", "st[üu]rmisch", "gewitter", "mit gewitter"),
        "it": ("con (?:il |un )?temporale", "tempestos[oa]", "in una tempesta", "temporale", "tempesta"),
        "pt": ("com tempestade", "numa tempestade", "tempestuos[oa]", "tempestade"),
        "nl": ("met storm", "in de storm", "stormachtig", "onweer"),
        "zh": ("暴风雨", "雷雨", "风暴", "暴雨"), "ja": ("嵐", "雷雨"), "ko": ("폭풍", "뇌우"),
    },
    "on a sunny day": {
        "es": ("soleado", "con sol", "d[ií]a soleado", "a pleno sol"), "fr": ("ensoleill[ée]e?", "au soleil", "avec du soleil"),
        "de": ("sonnig", "bei sonnenschein", "sonnenschein"), "it": ("soleggiat[oa]", "con il sole", "giornata di sole"),
        "pt": ("ensolarad[oa]", "com sol", "dia de sol"), "nl": ("zonnig", "in de zon", "met zon"),
        "zh": ("晴天", "阳光明媚", "晴朗"), "ja": ("晴れ", "快晴"), "ko": ("맑은 날", "화창한", "맑게"),
    },
    "under a cloudy sky": {
        "es": ("nublado", "con nubes", "cielo nublado"), "fr": ("nuageu(?:x|se)", "couvert", "ciel couvert"),
        "de": ("bew[öo]lkt", "wolkig", "bedeckt"), "it": ("nuvolos[oa]", "cielo coperto", "coperto"),
        "pt": ("nublad[oa]", "c[ée]u nublado"), "nl": ("bewolkt", "grijze lucht"),
        "zh": ("阴天", "多云"), "ja": ("曇り", "曇天"), "ko": ("흐린 날", "구름 낀", "흐리게"),
    },
    "on a windy day": {
        "es": ("con viento", "ventos[oa]"), "fr": ("venteu(?:x|se)", "avec du vent", "dans le vent"),
        "de": ("windig", "mit wind"), "it": ("ventos[oa]", "con il vento"), "pt": ("com vento", "ventos[oa]", "ventando"),
        "nl": ("winderig", "met wind"), "zh": ("刮风", "大风", "有风"), "ja": ("風の強い", "強風"), "ko": ("바람 부는", "바람이 부는"),
    },
    "in winter": {
        "es": ("en invierno", "invernal", "de invierno", "invierno"), "fr": ("en hiver", "hivernal[e]?", "d'hiver", "hiver"),
        "de": ("im winter", "winterlich", "mach es winter"), "it": ("in inverno", "d'inverno", "invernale", "inverno"),
        "pt": ("no inverno", "de inverno", "invernal", "inverno"), "nl": ("in de winter", "maak het winter", "'s ?winters"),
        "zh": ("冬天", "冬季", "冬"), "ja": ("冬",), "ko": ("겨울",),
    },
    "in summer": {
        "es": ("en verano", "de verano", "veraniego", "verano"), "fr": ("en [ée]t[ée]", "d'[ée]t[ée]", "estival[e]?"),
        "de": ("im sommer", "sommerlich"), "it": ("in estate", "d'estate", "estiv[oa]"), "pt": ("no ver[ãa]o", "de ver[ãa]o", "ver[ãa]o"),
        "nl": ("in de zomer", "zomers", "'?s ?zomers"), "zh": ("夏天", "夏季"), "ja": ("夏",), "ko": ("여름",),
    },
    "in autumn": {
        "es": ("en oto[ñn]o", "de oto[ñn]o", "oto[ñn]al", "oto[ñn]o"), "fr": ("en automne", "d'automne", "automnal[e]?", "automne"),
        "de": ("im herbst", "herbstlich"), "it": ("in autunno", "d'autunno", "autunnale", "autunno"), "pt": ("no outono", "de outono", "outonal", "outono"),
        "nl": ("in de herfst", "herfstig", "in het najaar", "herfst"), "zh": ("秋天", "秋季"), "ja": ("秋",), "ko": ("가을",),
    },
    "in spring": {
        "es": ("en primavera", "primaveral", "primavera"), "fr": ("au printemps", "printani[èe]re?", "printemps"),
        "de": ("im fr[üu]hling", "fr[üu]hlingshaft", "im fr[üu]hjahr"), "it": ("in primavera", "primaverile", "primavera"),
        "pt": ("na primavera", "primaveril", "primavera"), "nl": ("in de lente", "in het voorjaar", "lenteachtig", "lente"),
        "zh": ("春天", "春季"), "ja": ("春",), "ko": ("봄",),
    },
    # 3. styles
    "make it a watercolor": {
        "es": ("acuarela",), "fr": ("aquarelle",), "de": ("aquarell",), "it": ("acquerello",), "pt": ("aquarela",),
        "nl": ("aquarel", "waterverf"), "zh": ("水彩",), "ja": ("水彩",), "ko": ("수채화",),
    },
    "make it an oil painting": {
        "es": ("(?:pintura al )?[óo]leo",), "fr": ("peinture [àa] l'huile", "[àa] l'huile"),
        "de": ("[öo]lgem[äa]lde", "[öo]lmalerei"), "it": ("(?:dipinto|pittura) a olio", "a olio"),
        "pt": ("pintura a [óo]leo", "a [óo]leo"), "nl": ("olieverf(?:schilderij)?",),
        "zh": ("油画",), "ja": ("油絵", "油彩"), "ko": ("유화",),
    },
    "make it anime": {
        "es": ("estilo anime", "tipo anime", "como anime"), "fr": ("style anime", "fa[çc]on anime", "en anime"),
        "de": ("im anime-?stil", "anime-?stil", "als anime"), "it": ("stile anime", "in stile anime"),
        "pt": ("estilo anime", "em anime"), "nl": ("anime-?stijl", "in anime ?stijl"),
        "zh": ("动漫", "动画风", "二次元", "日漫"), "ja": ("アニメ",), "ko": ("애니메이션", "애니 ?풍", "애니"),
    },
    "make it pixel art": {
        "es": ("(?:en |estilo )pixel ?art", "pixelad[oa]", "estilo pixel"), "fr": ("(?:en |style )pixel ?art", "pixelis[ée]e?", "en pixels"),
        "de": ("pixel-?art-stil", "im pixel-?art-stil", "pixelig", "verpixelt", "pixelkunst"), "it": ("stile pixel ?art", "pixelat[oa]"),
        "pt": ("(?:em |estilo )pixel ?art", "pixelad[oa]", "arte em pixels"), "nl": ("pixel-?art-?stijl", "gepixeld", "pixelkunst"),
        "zh": ("像素",), "ja": ("ドット絵", "ピクセルアート"), "ko": ("픽셀 ?아트", "도트"),
    },
    "make it a pencil sketch": {
        "es": ("(?:un |a )?(?:boceto|dibujo) a l[aá]piz", "a l[aá]piz", "boceto"), "fr": ("(?:un )?croquis", "au crayon", "dessin au crayon"),
        "de": ("bleistiftzeichnung", "skizze", "mit bleistift"), "it": ("a matita", "schizzo", "disegno a matita"),
        "pt": ("a l[áa]pis", "esbo[çc]o", "desenho a l[áa]pis"), "nl": ("potloodtekening", "schets", "met potlood"),
        "zh": ("素描", "铅笔画", "草图"), "ja": ("鉛筆画", "スケッチ", "デッサン", "鉛筆"), "ko": ("연필 ?스케치", "스케치", "연필화", "소묘"),
    },
    "make it cartoon style": {
        "es": ("dibujos animados", "caricatura", "estilo cartoon", "estilo caricatura"), "fr": ("dessin anim[ée]", "style cartoon"),
        "de": ("zeichentrick", "cartoon-?stil"), "it": ("cartone animato", "cartoni animati", "stile cartoon", "fumettoso"),
        "pt": ("desenho animado", "estilo cartoon"), "nl": ("tekenfilm", "cartoon-?stijl", "cartoonachtig"),
        "zh": ("卡通",), "ja": ("カートゥーン", "漫画風"), "ko": ("카툰", "만화 ?풍"),
    },
    "make it a comic": {
        "es": ("(?:estilo |en |de )c[oó]mic", "historieta"), "fr": ("bande dessin[ée]e", "bd", "style comics"), "de": ("comic-?stil", "als comic"),
        "it": ("fumetto",), "pt": ("quadrinhos", "hist[óo]ria em quadrinhos", "gibi"), "nl": ("stripverhaal", "strip-?stijl"),
        "zh": ("漫画", "连环画", "美漫"), "ja": ("アメコミ", "コミック"), "ko": ("만화", "코믹"),
    },
    "make it a 3d render": {
        "es": ("render 3d", "renderizado 3d", "en 3d"), "fr": ("rendu 3d", "en 3d"), "de": ("3d-?rendering", "in 3d", "als 3d"),
        "it": ("render 3d", "in 3d"), "pt": ("renderiza[çc][ãa]o 3d", "render 3d", "em 3d"), "nl": ("3d-?weergave", "in 3d"),
        "zh": ("3d渲染", "三维", "3d风格"), "ja": ("3dcg", "3dレンダリング", "3d風"), "ko": ("3d ?렌더", "3d로"),
    },
    "make it photorealistic": {
        "es": ("fotorrealista", "realista", "como una foto", "tipo foto", "fotogr[aá]fic[oa]"),
        "fr": ("photor[ée]aliste", "r[ée]aliste", "comme une photo", "photographique"),
        "de": ("fotorealistisch", "realistisch", "wie ein foto", "als foto"),
        "it": ("fotorealistic[oa]", "realistic[oa]", "come una foto", "fotografic[oa]"),
        "pt": ("fotorrealista", "realista", "como uma foto", "fotogr[áa]fic[oa]"),
        "nl": ("fotorealistisch", "realistisch", "als een foto", "als foto"),
        "zh": ("写实", "真实照片", "照片级", "逼真", "照片"), "ja": ("写実的", "リアル", "写真風", "実写"), "ko": ("사실적", "실사", "사진처럼"),
    },
    "make it ukiyo-e": {
        "es": ("(?:estilo |en )ukiyo-?e",), "fr": ("(?:style |en )ukiyo-?e", "estampe japonaise"), "de": ("ukiyo-?e-stil", "im ukiyo-?e-stil", "japanischer holzschnitt"),
        "it": ("(?:stile |in stile )ukiyo-?e",), "pt": ("(?:estilo |em )ukiyo-?e", "xilogravura japonesa"), "nl": ("ukiyo-?e-stijl", "japanse houtsnede"),
        "zh": ("浮世绘",), "ja": ("浮世絵",), "ko": ("우키요에",),
    },
    "make it line art": {
        "es": ("arte lineal", "dibujo lineal"), "fr": ("dessin au trait", "style line ?art"), "de": ("strichzeichnung", "linienzeichnung"),
        "it": ("disegno al tratto", "stile line ?art"), "pt": ("arte em linha", "desenho de linha", "estilo line ?art"), "nl": ("lijntekening", "lijnkunst"),
        "zh": ("线稿", "线条画", "白描"), "ja": ("線画",), "ko": ("선화", "라인 ?아트"),
    },
    "make it black and white": {
        "es": ("(?:en )?blanco y negro",), "fr": ("(?:en )?noir et blanc",), "de": ("(?:in )?schwarz[- ]?wei(?:ß|ss)",),
        "it": ("(?:in )?bianco e nero",), "pt": ("(?:em )?preto e branco",), "nl": ("(?:in )?zwart[- ]?wit",),
        "zh": ("黑白",), "ja": ("白黒", "モノクロ"), "ko": ("흑백",),
    },
    "make it stained glass": {
        "es": ("vitral", "vidriera"), "fr": ("vitrail",), "de": ("buntglas", "kirchenfenster", "glasmalerei"),
        "it": ("vetrata", "vetro colorato"), "pt": ("vitral",), "nl": ("glas-in-lood", "glas in lood", "brandglas"),
        "zh": ("彩色玻璃", "彩绘玻璃", "花窗玻璃"), "ja": ("ステンドグラス",), "ko": ("스테인드 ?글라스",),
    },
    "more colorful": {
        "es": ("m[aá]s colorid[oa]", "m[aá]s color(?:es)?"), "fr": ("plus color[ée]e?", "plus de couleurs?"),
        "de": ("bunter", "farbenfroher", "mehr farbe"), "it": ("pi[uù] colorat[oa]", "pi[uù] color[ei]"),
        "pt": ("mais colorid[oa]", "mais cor(?:es)?"), "nl": ("kleurrijker", "meer kleur"),
        "zh": ("更鲜艳", "色彩丰富", "更多颜色"), "ja": ("色鮮やか", "カラフル"), "ko": ("화려하게", "더 다채롭"),
    },
    # 4. shape
    "square format": {
        "es": ("cuadrad[oa]", "formato cuadrado"), "fr": ("carr[ée]e?", "format carr[ée]"), "de": ("quadratisch", "quadrat"),
        "it": ("quadrat[oa]", "formato quadrato"), "pt": ("quadrad[oa]", "formato quadrado"), "nl": ("vierkant",),
        "zh": ("正方形", "方形", "方图"), "ja": ("正方形", "スクエア"), "ko": ("정사각형", "정방형"),
    },
    "landscape format": {
        "es": ("(?:en |formato |hazlo |ponlo )horizontal", "apaisad[oa]", "m[aá]s anch[oa]", "formato paisaje"), "fr": ("format paysage", "en paysage", "(?:en |format )horizontal", "horizontale", "plus large"),
        "de": ("querformat", "breiter"), "it": ("orizzontale", "formato paesaggio", "pi[uù] larg[oa]"),
        "pt": ("(?:na |em |formato )horizontal", "formato paisagem", "mais larg[oa]"), "nl": ("liggend(?: formaat)?", "horizontaal", "breder"),
        "zh": ("横版", "横向", "横屏", "横幅", "宽屏"), "ja": ("横長", "横向き", "横"), "ko": ("가로(?:로|형)?",),
    },
    "portrait format": {
        "es": ("(?:en |formato |hazlo |ponlo )vertical", "formato retrato", "m[aá]s alt[oa]"), "fr": ("format portrait", "en portrait", "(?:en |format )vertical", "verticale", "plus haut[e]?"),
        "de": ("hochformat", "vertikal", "h[öo]her"), "it": ("verticale", "formato ritratto"),
        "pt": ("(?:na |em |formato )vertical", "formato retrato", "mais alt[oa]"), "nl": ("staand(?: formaat)?", "verticaal", "hoger"),
        "zh": ("竖版", "竖向", "竖屏", "竖图"), "ja": ("縦長", "縦向き", "縦"), "ko": ("세로(?:로|형)?",),
    },
    "phone wallpaper": {
        "es": ("fondo de pantalla(?: (?:del|para el) (?:m[oó]vil|celular))?",), "fr": ("fond d'[ée]cran(?: (?:de|pour) (?:t[ée]l[ée]phone|portable))?",),
        "de": ("handy-?hintergrund", "hintergrundbild", "f[üu]rs handy"), "it": ("sfondo (?:del|per il) (?:telefono|cellulare)", "sfondo"),
        "pt": ("papel de parede(?: do celular)?", "fundo de tela"), "nl": ("achtergrond voor (?:mijn )?telefoon", "telefoonachtergrond"),
        "zh": ("手机壁纸", "壁纸"), "ja": ("スマホの?壁紙", "待ち受け", "壁紙"), "ko": ("폰 ?배경화면", "배경화면"),
    },
    "for instagram": {
        "es": ("para instagram",), "fr": ("pour instagram",), "de": ("f[üu]r instagram",), "it": ("per instagram",),
        "pt": ("para (?:o )?instagram", "pro instagram"), "nl": ("voor instagram",),
        "zh": ("发ins", "发instagram", "instagram用"), "ja": ("インスタ用", "インスタ"), "ko": ("인스타용", "인스타그램용", "인스타"),
    },
    # 5. camera
    "closer": {
        "es": ("m[aá]s cerca", "ac[eé]rcate", "acercar", "haz zoom"), "fr": ("plus pr[èe]s", "rapproche-toi", "zoome", "zoomer"),
        "de": ("n[äa]her(?: ran)?", "ranzoomen", "reinzoomen", "zoom rein"), "it": ("pi[uù] vicino", "avvicinati", "zooma"),
        "pt": ("mais perto", "aproxima", "d[áa] zoom"), "nl": ("dichterbij", "inzoomen", "zoom maar in"),
        "zh": ("近一点", "拉近", "放大", "近景"), "ja": ("アップ", "近づいて", "寄って", "ズームイン"), "ko": ("가까이", "확대", "줌 ?인"),
    },
    "zoom out": {
        "es": ("m[aá]s lejos", "al[eé]jate", "alejar", "plano general"), "fr": ("plus loin", "d[ée]zoome", "recule"),
        "de": ("weiter weg", "rauszoomen", "mehr abstand"), "it": ("pi[uù] lontano", "allontanati", "zoom indietro"),
        "pt": ("mais longe", "afasta", "diminui o zoom"), "nl": ("verder weg", "uitzoomen", "zoom uit"),
        "zh": ("远一点", "拉远", "缩小", "远景"), "ja": ("引きで", "引いて", "遠くから", "ズームアウト"), "ko": ("멀리서", "축소", "줌 ?아웃"),
    },
    "from above": {
        "es": ("desde arriba", "vista a[ée]rea", "vista de p[aá]jaro", "cenital"), "fr": ("vu d'en haut", "d'en haut", "vue a[ée]rienne", "vue plongeante"),
        "de": ("von oben", "vogelperspektive", "luftaufnahme"), "it": ("dall'alto", "vista aerea", "a volo d'uccello"),
        "pt": ("de cima", "vista a[ée]rea", "vista de cima"), "nl": ("van bovenaf", "vogelperspectief", "luchtfoto"),
        "zh": ("俯视", "鸟瞰", "从上面", "航拍"), "ja": ("上から", "俯瞰", "鳥瞰"), "ko": ("위에서", "조감도", "부감"),
    },
    "from below": {
        "es": ("desde abajo", "contrapicado"), "fr": ("d'en bas", "contre-plong[ée]e"), "de": ("von unten", "froschperspektive"),
        "it": ("dal basso",), "pt": ("de baixo", "contra-?plong[ée]e"), "nl": ("van onderaf", "kikvorsperspectief"),
        "zh": ("仰视", "从下面", "低角度"), "ja": ("下から", "煽り", "ローアングル"), "ko": ("아래에서", "로우 ?앵글"),
    },
    "close-up": {
        "es": ("primer plano",), "fr": ("gros plan",), "de": ("nahaufnahme",), "it": ("primo piano",), "pt": ("(?:um |em )close",),
        "nl": ("detailopname", "van dichtbij"), "zh": ("特写",), "ja": ("クローズアップ",), "ko": ("클로즈업",),
    },
    "bigger": {
        "es": ("m[aá]s grande",), "fr": ("plus grand[e]?",), "de": ("gr[öo](?:ß|ss)er",), "it": ("pi[uù] grande",),
        "pt": ("maior",), "nl": ("groter",), "zh": ("更大", "大一点"), "ja": ("大きく",), "ko": ("더 크게", "크게"),
    },
    "smaller": {
        "es": ("m[aá]s peque[ñn][oa]",), "fr": ("plus petit[e]?",), "de": ("kleiner",), "it": ("pi[uù] piccol[oa]",),
        "pt": ("menor",), "nl": ("kleiner",), "zh": ("更小", "小一点"), "ja": ("小さく",), "ko": ("더 작게", "작게"),
    },
    # 8. history
    "another one": {
        "es": ("otr[ao](?: vez| m[aá]s)?", "una m[aá]s", "de nuevo", "otra variaci[oó]n", "una variaci[oó]n", "otra versi[oó]n"),
        "fr": ("encore une", "une autre", "encore", "[àa] nouveau", "une variante", "une variation", "une autre version"),
        "de": ("noch (?:eins|einmal|mal)", "noch eine(?:n)?(?: (?:variante|version))?", "nochmal", "eine variante", "eine variation", "andere version"),
        "it": ("un'altra", "ancora una", "di nuovo", "ancora", "una variante", "un'altra versione"),
        "pt": ("mais uma", "outra(?: vez)?", "de novo", "uma varia[çc][ãa]o", "outra vers[ãa]o"),
        "nl": ("nog (?:eentje|een|eens|een keer)", "opnieuw", "een variant", "een variatie", "andere versie"),
        "zh": ("再来一张", "再来一个", "再生成", "再来一次", "再画一张", "换一张", "重新生成", "变体"),
        "ja": ("もう一枚", "もう一度", "もう一回", "別バージョン", "バリエーション"), "ko": ("하나 더", "한 장 더", "다시", "한 번 더"),
    },
    "different seed": {
        "es": ("otra semilla", "semilla (?:distinta|diferente|nueva)", "nueva semilla"), "fr": ("autre graine", "nouvelle graine", "autre seed"),
        "de": ("anderer seed", "neuer seed", "andere seed"), "it": ("altro seed", "seed diverso", "nuovo seed"),
        "pt": ("outra semente", "semente diferente", "nova semente", "outro seed"), "nl": ("andere seed", "nieuwe seed"),
        "zh": ("换个种子", "换一个种子", "新种子", "不同的种子"), "ja": ("別のシード", "シードを変えて"), "ko": ("다른 시드", "시드 바꿔"),
    },
    "undo": {
        "es": ("deshacer", "desh[aá]z(?:lo)?", "vuelve atr[aá]s", "volver atr[aá]s", "atr[aá]s"),
        "fr": ("annuler?", "annule [çc]a", "retour en arri[èe]re", "reviens en arri[èe]re"),
        "de": ("r[üu]ckg[äa]ngig", "zur[üu]ck", "geh zur[üu]ck"), "it": ("annulla", "torna(?:re)? indietro", "indietro"),
        "pt": ("desfazer", "desfaz", "volta(?:r)?(?: atr[áa]s)?"), "nl": ("ongedaan maken", "maak ongedaan", "ga terug", "terug"),
        "zh": ("撤销", "撤回", "返回上一张", "回到上一张"), "ja": ("元に戻して", "元に戻す", "戻して", "取り消し"), "ko": ("되돌려", "취소해", "실행 ?취소", "이전으로"),
    },
    "go back to the first one": {
        "es": ("(?:vuelve|volver|regresa) a la primera", "la primera otra vez"), "fr": ("(?:reviens|retourne|revenir) [àa] la premi[èe]re",),
        "de": ("zur[üu]ck zu(?:m| dem) ersten", "zur[üu]ck zum original"), "it": ("torna alla prima", "torniamo alla prima"),
        "pt": ("volta(?:r)? para a primeira", "volta [àa] primeira"), "nl": ("terug naar de eerste",),
        "zh": ("回到第一张", "第一张那个", "恢复第一张"), "ja": ("最初のに戻して", "最初の画像に戻", "一枚目に戻"), "ko": ("첫 ?번째로 돌아가", "처음 걸로"),
    },
    "go back to the second one": {
        "es": ("(?:vuelve|volver|volvamos|regresa) a la segunda",), "fr": ("(?:reviens|retourne|revenons) [àa] la deuxi[èe]me",),
        "de": ("zur[üu]ck zu(?:m| dem) zweiten",), "it": ("(?:torna|tornare|torniamo) alla seconda",), "pt": ("volta(?:r)? (?:para a|[àa]) segunda",),
        "nl": ("terug naar de tweede",), "zh": ("回到第二张",), "ja": ("二枚目に戻", "2枚目に戻"), "ko": ("두 ?번째로 돌아가",),
    },
    "go back to the previous one": {
        "es": ("(?:vuelve|volver|volvamos|regresa) a la anterior", "la anterior era mejor"), "fr": ("(?:reviens|retourne|revenons) [àa] la pr[ée]c[ée]dente",),
        "de": ("zur[üu]ck zu(?:m| dem) vorherigen", "das vorherige war besser"), "it": ("(?:torna|tornare|torniamo) alla precedente",),
        "pt": ("volta(?:r)? (?:para a|[àa]) anterior",), "nl": ("terug naar de vorige", "de vorige was beter"),
        "zh": ("回到上一张", "上一张更好"), "ja": ("前のに戻", "前の方がいい"), "ko": ("이전 걸로", "전 걸로 돌아가"),
    },
    "more steps": {
        "es": ("m[aá]s pasos",), "fr": ("plus d'[ée]tapes", "plus de steps"), "de": ("mehr schritte", "mehr steps"), "it": ("pi[uù] passi", "pi[uù] step"),
        "pt": ("mais passos",), "nl": ("meer stappen",), "zh": ("更多步数", "增加步数"), "ja": ("ステップを増や",), "ko": ("스텝을? 늘려",),
    },
    "fewer steps": {
        "es": ("menos pasos",), "fr": ("moins d'[ée]tapes", "moins de steps"), "de": ("weniger schritte", "weniger steps"), "it": ("meno passi", "meno step"),
        "pt": ("menos passos",), "nl": ("minder stappen",), "zh": ("减少步数", "更少步数"), "ja": ("ステップを減ら",), "ko": ("스텝을? 줄여",),
    },
    # 9. small talk
    "thanks": {
        "es": ("gracias", "muchas gracias", "mil gracias"), "fr": ("merci(?: beaucoup)?",), "de": ("danke(?: sch[öo]n)?", "vielen dank"),
        "it": ("grazie(?: mille)?",), "pt": ("obrigad[oa]", "valeu", "muito obrigad[oa]"), "nl": ("bedankt", "dank ?je(?: wel)?", "dank u(?: wel)?"),
        "zh": ("谢谢", "多谢", "感谢"), "ja": ("ありがとう",), "ko": ("감사", "고마워", "고맙습니다"),
    },
    "i love it": {
        "es": ("me encanta", "me gusta(?: mucho)?", "me fascina"), "fr": ("j'adore", "j'aime(?: beaucoup)?"),
        "de": ("ich liebe es", "gef[äa]llt mir", "liebe es"), "it": ("mi piace(?: molto)?", "lo adoro", "la adoro"),
        "pt": ("amei", "adorei", "gostei", "eu amo"), "nl": ("ik vind het (?:geweldig|mooi|leuk)", "ik hou ervan", "vind ik leuk"),
        "zh": ("我很喜欢", "喜欢", "爱了"), "ja": ("気に入った", "大好き", "好き"), "ko": ("마음에 들", "좋아요", "맘에 들"),
    },
    "nice": {
        "es": ("(?:qu[eé] |muy )?(?:bonit[oa]|precios[oa]|lind[oa]|hermos[oa])", "perfecto", "genial", "incre[ií]ble",
               "(?:qu[eé] |muy )?(?:mon[oa]|tierno)", "buen trabajo", "est[aá] (?:muy )?bien"),
        "fr": ("(?:tr[èe]s |trop )?(?:beau|belle|joli[e]?|mignon(?:ne)?)", "parfait", "g[ée]nial", "magnifique", "superbe", "trop bien"),
        "de": ("(?:sehr |so )?(?:sch[öo]n|s[üu][ßs]|h[üu]bsch)", "perfekt", "toll", "klasse", "wundersch[öo]n", "gro[ßs]artig", "geil"),
        "it": ("(?:molto |che )?(?:bell[oa]|carin[oa])", "bellissim[oa]", "perfetto", "fantastico", "stupendo", "ottimo"),
        "pt": ("(?:muito |que )?(?:bonit[oa]|lind[oa]|fofo|fofa)", "perfeito", "[óo]timo", "incr[íi]vel", "maravilhos[oa]"),
        "nl": ("(?:heel |zo )?(?:mooi|schattig|leuk)", "prachtig", "geweldig", "gaaf"),
        "zh": ("好看", "漂亮", "太棒了", "真棒", "好棒", "完美", "不错", "可爱", "好美"),
        "ja": ("きれい", "綺麗", "すごい", "素晴らしい", "完璧", "かわいい", "可愛い", "最高", "素敵", "いいね"),
        "ko": ("예쁘", "멋지", "멋있", "완벽", "귀엽", "대박", "최고", "좋네"),
    },
    "hello": {
        "es": ("hola", "buenas", "buenos d[ií]as"), "fr": ("bonjour", "salut", "bonsoir"), "de": ("hallo", "guten tag", "servus", "moin"),
        "it": ("ciao", "buongiorno", "buonasera"), "pt": ("ol[áa]", "oi", "bom dia", "boa tarde"), "nl": ("hallo", "hoi", "goedemorgen", "goedendag"),
        "zh": ("你好", "您好", "嗨"), "ja": ("こんにちは", "こんばんは", "おはよう"), "ko": ("안녕",),
    },
    "ok": {
        "es": ("vale", "de acuerdo", "entendido"), "fr": ("d'accord", "compris", "entendu"), "de": ("alles klar", "verstanden", "passt"),
        "it": ("va bene", "capito", "d'accordo"), "pt": ("t[áa] bom", "entendi", "beleza", "certo"), "nl": ("ok[eé]", "begrepen", "prima", "goed zo"),
        "zh": ("好的", "明白", "知道了", "懂了"), "ja": ("了解", "わかった", "分かりました", "オッケー"), "ko": ("알겠", "오케이", "네"),
    },
    # 10. questions and help
    "what seed was that?": {
        "es": ("(?:qu[eé]|cu[aá]l)(?: es| era| fue)?(?: la)? semilla", "semilla\\s*\\?"), "fr": ("quelle (?:graine|seed)", "(?:graine|seed)\\s*\\?"),
        "de": ("welche[rns]? seed", "seed\\s*\\?"), "it": ("quale seed", "che seed", "seed\\s*\\?"),
        "pt": ("qual (?:[ée] |era |foi )?a semente", "qual seed", "semente\\s*\\?"), "nl": ("welke seed", "seed\\s*\\?"),
        "zh": ("什么种子", "种子是多少", "种子是什么", "哪个种子", "seed是多少"), "ja": ("シードは", "シード値は", "何のシード"), "ko": ("시드가 뭐", "시드는", "시드 ?값"),
    },
    "which model was that?": {
        "es": ("qu[eé] modelo", "cu[aá]l (?:es|era|fue) el modelo"), "fr": ("quel mod[èe]le",), "de": ("welche[sn]? modell",),
        "it": ("quale modello", "che modello"), "pt": ("qual (?:[ée] |foi )?o modelo", "que modelo"), "nl": ("welk model",),
        "zh": ("什么模型", "哪个模型", "模型是"), "ja": ("どのモデル", "モデルは", "何のモデル"), "ko": ("어떤 모델", "모델이 뭐", "모델은"),
    },
    "what prompt was that?": {
        "es": ("qu[eé] prompt", "cu[aá]l (?:es|era|fue) el prompt", "qu[eé] (?:texto|instrucci[oó]n) (?:usaste|enviaste)"),
        "fr": ("quel prompt", "quelle invite"), "de": ("welche[rn]? prompt", "was war der prompt"),
        "it": ("quale prompt", "che prompt"), "pt": ("qual (?:[ée] |foi )?o prompt", "que prompt"), "nl": ("welke prompt", "wat was de prompt"),
        "zh": ("什么提示词", "提示词是", "用的提示", "prompt是"), "ja": ("プロンプトは", "どんなプロンプト"), "ko": ("프롬프트가 뭐", "프롬프트는"),
    },
    "what size is it?": {
        "es": ("qu[eé] tama[ñn]o", "cu[aá]l es el tama[ñn]o", "qu[eé] resoluci[oó]n"), "fr": ("quelle taille", "quelle r[ée]solution"),
        "de": ("welche gr[öo](?:ß|ss)e", "wie gro(?:ß|ss)", "welche aufl[öo]sung"), "it": ("che dimensione", "quale risoluzione", "che risoluzione", "quanto [èe] grande"),
        "pt": ("qual (?:[ée] )?o tamanho", "que tamanho", "qual a resolu[çc][ãa]o"), "nl": ("welk formaat", "hoe groot", "welke resolutie"),
        "zh": ("多大", "尺寸是", "分辨率是", "什么尺寸"), "ja": ("サイズは", "解像度は", "大きさは"), "ko": ("크기가", "해상도가", "사이즈가"),
    },
    "how many steps?": {
        "es": ("cu[aá]ntos pasos",), "fr": ("combien d'[ée]tapes", "combien de steps", "combien de pas"), "de": ("wie viele schritte", "wieviele schritte", "wie viele steps"),
        "it": ("quanti passi", "quanti step"), "pt": ("quantos passos", "quantos steps"), "nl": ("hoeveel stappen", "hoeveel steps"),
        "zh": ("多少步", "几步"), "ja": ("何ステップ", "ステップ数"), "ko": ("몇 ?스텝", "스텝 ?수"),
    },
    "what can you do?": {
        "es": ("qu[eé] puedes hacer", "qu[eé] sabes hacer", "ayuda"), "fr": ("que (?:peux|sais)-tu faire", "qu'est-ce que tu (?:peux|sais) faire", "aide-moi", "de l'aide"),
        "de": ("was kannst du", "hilfe"), "it": ("cosa (?:sai|puoi) fare", "aiuto"), "pt": ("o que (?:voc[êe] )?(?:pode|sabe) fazer", "ajuda"),
        "nl": ("wat kun je", "wat kan je", "hulp"), "zh": ("你能做什么", "你会什么", "帮助"), "ja": ("何ができ", "ヘルプ"), "ko": ("뭘 할 수 있", "도움말"),
    },
    "how does this work?": {
        "es": ("c[oó]mo funciona",), "fr": ("comment [çc]a marche", "comment (?:ça|cela) fonctionne"), "de": ("wie funktioniert",),
        "it": ("come funziona",), "pt": ("como funciona",), "nl": ("hoe werkt",),
        "zh": ("怎么用", "如何使用", "怎么使用"), "ja": ("使い方", "どうやって使う"), "ko": ("어떻게 사용", "사용법", "어떻게 써"),
    },
}

# Settings said with a number: English with {n} where the number goes.
NUMBERED: dict[str, dict[str, tuple[str, ...]]] = {
    "use seed {n}": {
        "es": ("(?:usa |con )?(?:la )?semilla (?P<n>\\d+)", "(?:usa |con )(?:el )?seed (?P<n>\\d+)"), "fr": ("(?:utilise |avec )?(?:la )?graine (?P<n>\\d+)", "avec (?:le )?seed (?P<n>\\d+)"),
        "de": ("mit (?:dem )?seed (?P<n>\\d+)", "nimm seed (?P<n>\\d+)"), "it": ("(?:usa |con )(?:il )?seed (?P<n>\\d+)",),
        "pt": ("(?:usa |use |com )?(?:a )?semente (?P<n>\\d+)",), "nl": ("met seed (?P<n>\\d+)", "gebruik seed (?P<n>\\d+)"),
        "zh": ("种子(?:用|设为|改成)?\\s*(?P<n>\\d+)",), "ja": ("シード(?:を|値を)?\\s*(?P<n>\\d+)",), "ko": ("시드(?:를)?\\s*(?P<n>\\d+)",),
    },
    "{n} steps": {
        "es": ("(?P<n>\\d+) pasos",), "fr": ("(?P<n>\\d+) [ée]tapes",), "de": ("(?P<n>\\d+) schritte",), "it": ("(?P<n>\\d+) passi",),
        "pt": ("(?P<n>\\d+) passos",), "nl": ("(?P<n>\\d+) stappen",), "zh": ("(?P<n>\\d+)\\s*步",), "ja": ("(?P<n>\\d+)\\s*ステップ",),
        "ko": ("(?P<n>\\d+)\\s*스텝",),
    },
    "--ar {n}": {
        "es": ("(?:en |formato |relaci[oó]n de aspecto |proporci[oó]n )(?P<n>\\d+:\\d+)",), "fr": ("(?:en |format |au format |ratio )(?P<n>\\d+:\\d+)",),
        "de": ("(?:im |in |format |seitenverh[äa]ltnis )(?P<n>\\d+:\\d+)",), "it": ("(?:in |formato |proporzione )(?P<n>\\d+:\\d+)",),
        "pt": ("(?:em |formato |propor[çc][ãa]o )(?P<n>\\d+:\\d+)",), "nl": ("(?:in |formaat |verhouding )(?P<n>\\d+:\\d+)",),
        "zh": ("(?:比例|尺寸|改成|换成)\\s*(?P<n>\\d+:\\d+)",), "ja": ("(?P<n>\\d+:\\d+)\\s*(?:に|で)",), "ko": ("(?P<n>\\d+:\\d+)\\s*(?:로|으로|비율)",),
    },
}

# --------------------------------------------------------------------------- things
# Things people add or take away: (English, its plural or None for a mass noun, a plural reads
# better when no number is said, forms by language as "singular, … | plural, …").
THINGS: tuple[tuple[str, str | None, bool, dict[str, str]], ...] = (
    # Korean 눈 is snow and eyes: it is read as eyes; snow is said with its verbs ("눈 내리는").
    ("snow", None, False, dict(es="nieve", fr="neige", de="schnee", it="neve", pt="neve", nl="sneeuw", zh="雪", ja="雪", ko="눈송이")),
    ("rain", None, False, dict(es="lluvia", fr="pluie", de="regen", it="pioggia", pt="chuva", nl="regen", zh="雨", ja="雨", ko="비")),
    ("fog", None, False, dict(es="niebla, neblina", fr="brouillard, brume", de="nebel", it="nebbia", pt="neblina, névoa", nl="mist, nevel", zh="雾", ja="霧", ko="안개")),
    ("hat", "hats", False, dict(es="sombrero, gorro | sombreros, gorros", fr="chapeau | chapeaux", de="hut, mütze | hüte, mützen", it="cappello | cappelli",
                                pt="chapéu, gorro | chapéus", nl="hoed, muts | hoeden", zh="帽子", ja="帽子, ハット", ko="모자")),
    ("glasses", None, False, dict(es="gafas, lentes", fr="lunettes", de="brille", it="occhiali", pt="óculos", nl="bril", zh="眼镜", ja="眼鏡, メガネ, めがね", ko="안경")),
    ("sunglasses", None, False, dict(es="gafas de sol", fr="lunettes de soleil", de="sonnenbrille", it="occhiali da sole", pt="óculos de sol", nl="zonnebril", zh="墨镜, 太阳镜", ja="サングラス", ko="선글라스")),
    ("person", "people", True, dict(es="persona | personas, gente", fr="personne | personnes, gens", de="person, mensch | menschen, leute, personen",
                                    it="persona | persone, gente", pt="pessoa | pessoas, gente", nl="persoon | mensen, personen", zh="人, 人物, 行人", ja="人, 人物, 人々", ko="사람")),
    ("man", "men", False, dict(es="hombre | hombres", fr="homme | hommes", de="mann | männer", it="uomo | uomini", pt="homem | homens", nl="man | mannen", zh="男人", ja="男性, 男の人", ko="남자")),
    ("woman", "women", False, dict(es="mujer | mujeres", fr="femme | femmes", de="frau | frauen", it="donna | donne", pt="mulher | mulheres", nl="vrouw | vrouwen", zh="女人", ja="女性, 女の人", ko="여자")),
    ("child", "children", False, dict(es="niño, niña | niños, niñas", fr="enfant | enfants", de="kind | kinder", it="bambino, bambina | bambini", pt="criança | crianças",
                                      nl="kind | kinderen", zh="孩子, 小孩", ja="子供, 子ども", ko="아이")),
    ("cat", "cats", False, dict(es="gato, gatito | gatos", fr="chat, chaton | chats", de="katze | katzen", it="gatto, gattino | gatti", pt="gato | gatos",
                                nl="kat, poes | katten", zh="猫, 小猫", ja="猫, ネコ, ねこ", ko="고양이")),
    ("dog", "dogs", False, dict(es="perro, perrito | perros", fr="chien | chiens", de="hund | hunde", it="cane | cani", pt="cachorro, cão | cachorros, cães",
                                nl="hond | honden", zh="狗, 小狗", ja="犬, イヌ", ko="강아지, 개")),
    ("bird", "birds", True, dict(es="pájaro, ave | pájaros, aves", fr="oiseau | oiseaux", de="vogel | vögel", it="uccello | uccelli", pt="pássaro | pássaros",
                                 nl="vogel | vogels", zh="鸟, 小鸟", ja="鳥", ko="새들, 새")),
    ("tree", "trees", True, dict(es="árbol | árboles", fr="arbre | arbres", de="baum | bäume", it="albero | alberi", pt="árvore | árvores", nl="boom | bomen",
                                 zh="树", ja="木", ko="나무")),
    ("flower", "flowers", True, dict(es="flor | flores", fr="fleur | fleurs", de="blume | blumen", it="fiore | fiori", pt="flor | flores", nl="bloem | bloemen",
                                     zh="花", ja="花", ko="꽃")),
    ("cloud", "clouds", True, dict(es="nube | nubes", fr="nuage | nuages", de="wolke | wolken", it="nuvola | nuvole", pt="nuvem | nuvens", nl="wolk | wolken",
                                   zh="云", ja="雲", ko="구름")),
    ("the moon", None, False, dict(es="luna", fr="lune", de="mond", it="luna", pt="lua", nl="maan", zh="月亮", ja="月", ko="달")),
    ("star", "stars", True, dict(es="estrella | estrellas", fr="étoile | étoiles", de="stern | sterne", it="stella | stelle", pt="estrela | estrelas", nl="ster | sterren",
                                 zh="星星", ja="星", ko="별")),
    ("the sun", None, False, dict(es="sol", fr="soleil", de="sonne", it="sole", pt="sol", nl="zon", zh="太阳", ja="太陽", ko="태양, 해님")),
    ("boat", "boats", False, dict(es="barco, barca, bote | barcos", fr="bateau, barque | bateaux", de="boot, schiff | boote", it="barca | barche", pt="barco | barcos",
                                  nl="boot | boten", zh="船", ja="船, ボート", ko="배, 보트")),
    ("car", "cars", False, dict(es="coche, carro, auto | coches, carros", fr="voiture | voitures", de="auto | autos", it="macchina, auto | macchine", pt="carro | carros",
                                nl="auto | auto's", zh="汽车, 车", ja="車", ko="자동차, 차")),
    ("house", "houses", False, dict(es="casa | casas", fr="maison | maisons", de="haus | häuser", it="casa | case", pt="casa | casas", nl="huis | huizen",
                                    zh="房子", ja="家", ko="집")),
    ("mountains", None, False, dict(es="montaña, montañas", fr="montagne, montagnes", de="berg, berge", it="montagna, montagne", pt="montanha, montanhas",
                                     nl="berg, bergen", zh="山", ja="山", ko="산")),
    ("river", "rivers", False, dict(es="río", fr="rivière, fleuve", de="fluss", it="fiume", pt="rio", nl="rivier", zh="河, 河流", ja="川", ko="강")),
    ("lake", "lakes", False, dict(es="lago", fr="lac", de="see", it="lago", pt="lago", nl="meer", zh="湖", ja="湖", ko="호수")),
    ("the sea", None, False, dict(es="mar", fr="mer", de="meer", it="mare", pt="mar", nl="zee", zh="大海, 海", ja="海", ko="바다")),
    ("beach", "beaches", False, dict(es="playa", fr="plage", de="strand", it="spiaggia", pt="praia", nl="strand", zh="海滩, 沙滩", ja="ビーチ, 浜辺", ko="해변")),
    ("forest", "forests", False, dict(es="bosque", fr="forêt", de="wald", it="bosco, foresta", pt="floresta, bosque", nl="bos", zh="森林", ja="森", ko="숲")),
    ("city", "cities", False, dict(es="ciudad", fr="ville", de="stadt", it="città", pt="cidade", nl="stad", zh="城市", ja="街, 都市", ko="도시")),
    ("lights", None, False, dict(es="luces", fr="lumières", de="lichter", it="luci", pt="luzes", nl="lichtjes, lampjes", zh="灯光, 灯", ja="ライト, 明かり", ko="조명, 불빛")),
    ("candle", "candles", True, dict(es="vela | velas", fr="bougie | bougies", de="kerze | kerzen", it="candela | candele", pt="vela | velas", nl="kaars | kaarsen",
                                     zh="蜡烛", ja="ろうそく, キャンドル", ko="촛불, 양초")),
    ("text", None, False, dict(es="texto, letras", fr="texte", de="text, schrift", it="testo, scritte, scritta", pt="texto", nl="tekst", zh="文字", ja="文字, テキスト", ko="글자, 텍스트")),
    ("watermark", None, False, dict(es="marca de agua", fr="filigrane", de="wasserzeichen", it="filigrana", pt="marca d'água", nl="watermerk", zh="水印", ja="透かし, ウォーターマーク", ko="워터마크")),
    ("the background", None, False, dict(es="fondo", fr="arrière-plan, fond", de="hintergrund", it="sfondo", pt="fundo", nl="achtergrond", zh="背景", ja="背景", ko="배경")),
    ("the sky", None, False, dict(es="cielo", fr="ciel", de="himmel", it="cielo", pt="céu", nl="lucht", zh="天空", ja="空", ko="하늘")),
    ("rainbow", "rainbows", False, dict(es="arcoíris, arco iris", fr="arc-en-ciel", de="regenbogen", it="arcobaleno", pt="arco-íris", nl="regenboog", zh="彩虹", ja="虹", ko="무지개")),
    ("butterfly", "butterflies", True, dict(es="mariposa | mariposas", fr="papillon | papillons", de="schmetterling | schmetterlinge", it="farfalla | farfalle",
                                            pt="borboleta | borboletas", nl="vlinder | vlinders", zh="蝴蝶", ja="蝶, ちょうちょ", ko="나비")),
    ("fish", None, False, dict(es="pez, peces", fr="poisson, poissons", de="fisch, fische", it="pesce, pesci", pt="peixe, peixes", nl="vis, vissen", zh="鱼", ja="魚", ko="물고기")),
    ("horse", "horses", False, dict(es="caballo | caballos", fr="cheval | chevaux", de="pferd | pferde", it="cavallo | cavalli", pt="cavalo | cavalos", nl="paard | paarden",
                                    zh="马", ja="馬", ko="말")),
    ("umbrella", "umbrellas", False, dict(es="paraguas, sombrilla", fr="parapluie | parapluies", de="regenschirm, schirm | regenschirme", it="ombrello | ombrelli",
                                          pt="guarda-chuva | guarda-chuvas", nl="paraplu | paraplu's", zh="雨伞, 伞", ja="傘", ko="우산")),
    ("scarf", "scarves", False, dict(es="bufanda | bufandas", fr="écharpe | écharpes", de="schal | schals", it="sciarpa | sciarpe", pt="cachecol | cachecóis",
                                     nl="sjaal | sjaals", zh="围巾", ja="マフラー", ko="목도리, 스카프")),
    ("crown", "crowns", False, dict(es="corona", fr="couronne", de="krone", it="corona", pt="coroa", nl="kroon", zh="皇冠, 王冠", ja="王冠", ko="왕관")),
    ("flag", "flags", False, dict(es="bandera | banderas", fr="drapeau | drapeaux", de="flagge, fahne | flaggen, fahnen", it="bandiera | bandiere", pt="bandeira | bandeiras",
                                  nl="vlag | vlaggen", zh="旗子, 旗帜, 国旗", ja="旗", ko="깃발")),
    ("book", "books", False, dict(es="libro | libros", fr="livre | livres", de="buch | bücher", it="libro | libri", pt="livro | livros", nl="boek | boeken",
                                  zh="书", ja="本", ko="책")),
    ("cup of coffee", "cups of coffee", False, dict(es="taza de café, café", fr="tasse de café, café", de="tasse kaffee, kaffee", it="tazza di caffè, caffè",
                                                    pt="xícara de café, café", nl="kop koffie, koffie", zh="咖啡, 一杯咖啡", ja="コーヒー", ko="커피")),
    ("cake", "cakes", False, dict(es="pastel, tarta | pasteles", fr="gâteau | gâteaux", de="kuchen, torte", it="torta | torte", pt="bolo | bolos", nl="taart | taarten",
                                  zh="蛋糕", ja="ケーキ", ko="케이크")),
    ("eyes", None, False, dict(es="ojos", fr="yeux", de="augen", it="occhi", pt="olhos", nl="ogen", zh="眼睛", ja="目, 瞳", ko="눈, 눈동자")),
    ("hair", None, False, dict(es="pelo, cabello", fr="cheveux", de="haare, haar", it="capelli", pt="cabelo", nl="haar", zh="头发", ja="髪, 髪の毛", ko="머리카락, 머리")),
    ("bridge", "bridges", False, dict(es="puente", fr="pont", de="brücke", it="ponte", pt="ponte", nl="brug", zh="桥", ja="橋", ko="다리")),
    ("castle", "castles", False, dict(es="castillo", fr="château", de="burg, schloss", it="castello", pt="castelo", nl="kasteel", zh="城堡", ja="城", ko="성")),
    ("balloon", "balloons", True, dict(es="globo | globos", fr="ballon | ballons", de="luftballon, ballon | luftballons, ballons", it="palloncino | palloncini",
                                       pt="balão | balões", nl="ballon | ballonnen", zh="气球", ja="風船", ko="풍선")),
    ("dragon", "dragons", False, dict(es="dragón | dragones", fr="dragon | dragons", de="drache | drachen", it="drago | draghi", pt="dragão | dragões", nl="draak | draken",
                                      zh="龙", ja="ドラゴン, 竜, 龍", ko="용, 드래곤")),
    ("rabbit", "rabbits", False, dict(es="conejo | conejos", fr="lapin | lapins", de="hase, kaninchen | hasen", it="coniglio | conigli", pt="coelho | coelhos",
                                      nl="konijn | konijnen", zh="兔子", ja="うさぎ, ウサギ", ko="토끼")),
    ("bear", "bears", False, dict(es="oso | osos", fr="ours", de="bär | bären", it="orso | orsi", pt="urso | ursos", nl="beer | beren", zh="熊", ja="熊, クマ", ko="곰")),
    ("duck", "ducks", False, dict(es="pato | patos", fr="canard | canards", de="ente | enten", it="anatra | anatre", pt="pato | patos", nl="eend | eenden", zh="鸭子", ja="アヒル, 鴨", ko="오리")),
    ("owl", "owls", False, dict(es="búho, lechuza | búhos", fr="hibou, chouette | hiboux", de="eule | eulen", it="gufo | gufi", pt="coruja | corujas", nl="uil | uilen",
                                zh="猫头鹰", ja="フクロウ, ふくろう", ko="부엉이, 올빼미")),
    ("fox", "foxes", False, dict(es="zorro | zorros", fr="renard | renards", de="fuchs | füchse", it="volpe | volpi", pt="raposa | raposas", nl="vos | vossen", zh="狐狸", ja="狐, キツネ", ko="여우")),
    ("lion", "lions", False, dict(es="león | leones", fr="lion | lions", de="löwe | löwen", it="leone | leoni", pt="leão | leões", nl="leeuw | leeuwen", zh="狮子", ja="ライオン", ko="사자")),
    ("waterfall", "waterfalls", False, dict(es="cascada", fr="cascade", de="wasserfall", it="cascata", pt="cachoeira, cascata", nl="waterval", zh="瀑布", ja="滝", ko="폭포")),
    ("island", "islands", False, dict(es="isla", fr="île", de="insel", it="isola", pt="ilha", nl="eiland", zh="岛, 小岛", ja="島", ko="섬")),
    ("window", "windows", False, dict(es="ventana | ventanas", fr="fenêtre | fenêtres", de="fenster", it="finestra | finestre", pt="janela | janelas", nl="raam | ramen",
                                      zh="窗户", ja="窓", ko="창문")),
    ("door", "doors", False, dict(es="puerta", fr="porte", de="tür", it="porta", pt="porta", nl="deur", zh="门", ja="ドア, 扉", ko="문")),
    ("chair", "chairs", False, dict(es="silla | sillas", fr="chaise | chaises", de="stuhl | stühle", it="sedia | sedie", pt="cadeira | cadeiras", nl="stoel | stoelen", zh="椅子", ja="椅子", ko="의자")),
    ("table", "tables", False, dict(es="mesa", fr="table", de="tisch", it="tavolo", pt="mesa", nl="tafel", zh="桌子", ja="テーブル, 机", ko="테이블, 탁자")),
    ("lamp", "lamps", False, dict(es="lámpara", fr="lampe", de="lampe", it="lampada", pt="lâmpada, luminária", nl="lamp", zh="台灯, 灯笼", ja="ランプ", ko="램프")),
    ("clock", "clocks", False, dict(es="reloj", fr="horloge", de="uhr", it="orologio", pt="relógio", nl="klok", zh="钟, 时钟", ja="時計", ko="시계")),
    ("sword", "swords", False, dict(es="espada", fr="épée", de="schwert", it="spada", pt="espada", nl="zwaard", zh="剑", ja="剣", ko="칼")),
    ("necklace", "necklaces", False, dict(es="collar", fr="collier", de="halskette, kette", it="collana", pt="colar", nl="ketting", zh="项链", ja="ネックレス", ko="목걸이")),
    ("earrings", None, False, dict(es="pendientes, aretes", fr="boucles d'oreilles", de="ohrringe", it="orecchini", pt="brincos", nl="oorbellen", zh="耳环", ja="イヤリング, ピアス", ko="귀걸이")),
    ("beard", None, False, dict(es="barba", fr="barbe", de="bart", it="barba", pt="barba", nl="baard", zh="胡子", ja="髭, ひげ", ko="수염")),
    ("smile", "smiles", False, dict(es="sonrisa", fr="sourire", de="lächeln", it="sorriso", pt="sorriso", nl="glimlach", zh="笑容, 微笑", ja="笑顔", ko="미소")),
    ("wings", None, False, dict(es="alas", fr="ailes", de="flügel", it="ali", pt="asas", nl="vleugels", zh="翅膀", ja="翼, 羽", ko="날개")),
    ("leaves", None, False, dict(es="hojas", fr="feuilles", de="blätter, laub", it="foglie", pt="folhas", nl="bladeren", zh="树叶, 落叶", ja="葉っぱ, 落ち葉", ko="나뭇잎, 낙엽")),
    ("grass", None, False, dict(es="césped, hierba", fr="herbe, gazon", de="gras, rasen", it="erba, prato", pt="grama, relva", nl="gras", zh="草地, 草", ja="草, 芝生", ko="잔디, 풀")),
    ("fire", None, False, dict(es="fuego", fr="feu", de="feuer", it="fuoco", pt="fogo", nl="vuur", zh="火, 火焰", ja="火, 炎", ko="불, 불꽃")),
    ("smoke", None, False, dict(es="humo", fr="fumée", de="rauch", it="fumo", pt="fumaça, fumo", nl="rook", zh="烟, 烟雾", ja="煙", ko="연기")),
    ("fireworks", None, False, dict(es="fuegos artificiales", fr="feux d'artifice", de="feuerwerk", it="fuochi d'artificio", pt="fogos de artifício", nl="vuurwerk",
                                    zh="烟花, 烟火", ja="花火", ko="불꽃놀이")),
    ("bicycle", "bicycles", False, dict(es="bicicleta, bici", fr="vélo, bicyclette", de="fahrrad", it="bicicletta, bici", pt="bicicleta", nl="fiets", zh="自行车", ja="自転車", ko="자전거")),
    ("plane", "planes", False, dict(es="avión", fr="avion", de="flugzeug", it="aereo", pt="avião", nl="vliegtuig", zh="飞机", ja="飛行機", ko="비행기")),
    ("robot", "robots", False, dict(es="robot", fr="robot", de="roboter", it="robot", pt="robô", nl="robot", zh="机器人", ja="ロボット", ko="로봇")),
    ("tie", "ties", False, dict(es="corbata", fr="cravate", de="krawatte", it="cravatta", pt="gravata", nl="stropdas, das", zh="领带", ja="ネクタイ", ko="넥타이")),
    ("jacket", "jackets", False, dict(es="chaqueta, abrigo", fr="veste, manteau", de="jacke, mantel", it="giacca, cappotto", pt="jaqueta, casaco", nl="jas, jasje", zh="外套, 夹克", ja="ジャケット, コート", ko="재킷, 코트")),
    ("dress", "dresses", False, dict(es="vestido", fr="robe", de="kleid", it="vestito, abito", pt="vestido", nl="jurk", zh="裙子, 连衣裙", ja="ドレス, ワンピース", ko="드레스, 원피스")),
    ("bag", "bags", False, dict(es="bolso, mochila", fr="sac", de="tasche, rucksack", it="borsa, zaino", pt="bolsa, mochila", nl="tas, rugzak", zh="包, 背包", ja="バッグ, カバン", ko="가방")),
    ("guitar", "guitars", False, dict(es="guitarra", fr="guitare", de="gitarre", it="chitarra", pt="violão, guitarra", nl="gitaar", zh="吉他", ja="ギター", ko="기타")),
    ("snowman", "snowmen", False, dict(es="muñeco de nieve", fr="bonhomme de neige", de="schneemann", it="pupazzo di neve", pt="boneco de neve", nl="sneeuwpop", zh="雪人", ja="雪だるま", ko="눈사람")),
    ("christmas tree", "christmas trees", False, dict(es="árbol de navidad", fr="sapin de noël", de="weihnachtsbaum, tannenbaum", it="albero di natale", pt="árvore de natal",
                                         nl="kerstboom", zh="圣诞树", ja="クリスマスツリー", ko="크리스마스 트리")),
    ("pumpkin", "pumpkins", False, dict(es="calabaza | calabazas", fr="citrouille | citrouilles", de="kürbis | kürbisse", it="zucca | zucche", pt="abóbora | abóboras",
                                        nl="pompoen | pompoenen", zh="南瓜", ja="かぼちゃ, カボチャ", ko="호박")),
)

# Colours: English → forms by language (every gender and number).
COLOURS: dict[str, dict[str, str]] = {
    "red": dict(es="rojo, roja, rojos, rojas", fr="rouge, rouges", de="rot, rote, roten, roter, rotes", it="rosso, rossa, rossi, rosse",
                pt="vermelho, vermelha, vermelhos, vermelhas", nl="rood, rode", zh="红色, 红", ja="赤色, 赤い, 赤く, 赤", ko="빨간색, 빨갛게, 빨간"),
    "blue": dict(es="azul, azules", fr="bleu, bleue, bleus, bleues", de="blau, blaue, blauen, blauer, blaues", it="blu, azzurro, azzurra, azzurri, azzurre",
                 pt="azul, azuis", nl="blauw, blauwe", zh="蓝色, 蓝", ja="青色, 青い, 青く, 青", ko="파란색, 파랗게, 파란"),
    "green": dict(es="verde, verdes", fr="vert, verte, verts, vertes", de="grün, grüne, grünen, grüner, grünes", it="verde, verdi",
                  pt="verde, verdes", nl="groen, groene", zh="绿色, 绿", ja="緑色, 緑, グリーン", ko="초록색, 녹색, 초록"),
    "yellow": dict(es="amarillo, amarilla, amarillos, amarillas", fr="jaune, jaunes", de="gelb, gelbe, gelben, gelber, gelbes", it="giallo, gialla, gialli, gialle",
                   pt="amarelo, amarela, amarelos, amarelas", nl="geel, gele", zh="黄色", ja="黄色い, 黄色", ko="노란색, 노랗게, 노란"),
    "black": dict(es="negro, negra, negros, negras", fr="noir, noire, noirs, noires", de="schwarz, schwarze, schwarzen, schwarzer, schwarzes", it="nero, nera, neri, nere",
                  pt="preto, preta, pretos, pretas", nl="zwart, zwarte", zh="黑色", ja="黒色, 黒い, 黒く", ko="검은색, 검정색, 까맣게, 검은"),
    "white": dict(es="blanco, blanca, blancos, blancas", fr="blanc, blanche, blancs, blanches", de="weiß, weiße, weißen, weißer, weißes", it="bianco, bianca, bianchi, bianche",
                  pt="branco, branca, brancos, brancas", nl="wit, witte", zh="白色", ja="白色, 白い, 白く", ko="흰색, 하얀색, 하얗게, 하얀"),
    "pink": dict(es="rosa, rosado, rosada", fr="rose, roses", de="rosa", it="rosa", pt="rosa, cor-de-rosa", nl="roze", zh="粉色, 粉红色", ja="ピンク", ko="분홍색, 핑크"),
    "purple": dict(es="morado, morada, violeta", fr="violet, violette", de="lila, violett", it="viola", pt="roxo, roxa", nl="paars, paarse", zh="紫色", ja="紫色, 紫", ko="보라색"),
    "orange": dict(es="naranja, anaranjado", fr="orange", de="orangefarben, orangene", it="arancione", pt="laranja", nl="oranje", zh="橙色, 橘色", ja="オレンジ色, オレンジ", ko="주황색, 오렌지색"),
    "brown": dict(es="marrón, café", fr="marron, brun, brune", de="braun, braune, braunen", it="marrone", pt="marrom, castanho", nl="bruin, bruine", zh="棕色, 褐色", ja="茶色", ko="갈색"),
    "gold": dict(es="dorado, dorada", fr="doré, dorée", de="golden, goldene, goldenen", it="dorato, dorata, d'oro", pt="dourado, dourada", nl="goud, gouden", zh="金色", ja="金色", ko="금색"),
    "silver": dict(es="plateado, plateada", fr="argenté, argentée", de="silbern, silberne", it="argentato, argentata, d'argento", pt="prateado, prateada", nl="zilver, zilveren", zh="银色", ja="銀色", ko="은색"),
}

# --------------------------------------------------------------------------- verbs and frames
# Verbs of adding, taking away and swapping; in the Latin-script languages the object follows the
# verb (German and Dutch may close with a particle: "füge … hinzu", "haal … weg").
ADD_VERBS: dict[str, tuple[str, ...]] = {
    "es": ("añade(?:le)?", "añadir(?:le)?", "agrega(?:le)?", "agregar(?:le)?", "pon(?:le)?", "ponga", "poner(?:le)?", "mete(?:le)?",
           "meter(?:le)?", "incluye", "incluir", "dibuja(?:le)?"),
    "fr": ("ajoute(?:z)?", "rajoute(?:z)?", "rajouter", "mets", "mettez", "mettre", "ajouter", "dessine"),
    "de": ("füge", "füg", "ergänze", "mach", "mache", "setze?", "zeichne", "gib(?: ihm| ihr)?"),
    "it": ("aggiungi", "aggiungere", "metti(?:ci)?", "mettere", "mettici", "inserisci", "inserire", "disegna"),
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
    "nl": ("toevoegen", "erbij zetten", "erbij doen", "erbij", "toe"),
}
FINAL_REMOVE: dict[str, tuple[str, ...]] = {
    "de": ("entfernen", "löschen", "weglassen", "wegmachen", "wegnehmen", "rausnehmen", "muss weg", "soll weg", "weg"),
    "nl": ("weghalen", "verwijderen", "weglaten", "wegdoen", "mag weg", "moet weg", "weg"),
}
# Asking nicely, after what is asked: "ohne Hut bitte".
POLITE: dict[str, tuple[str, ...]] = {
    "es": ("por favor", "porfa", "porfis"), "fr": ("s'il te plaît", "s'il vous plaît", "stp", "svp"), "de": ("bitte", "bitte schön"),
    "it": ("per favore", "per piacere"), "pt": ("por favor", "pfv", "pf"), "nl": ("alsjeblieft", "alstublieft", "aub", "graag"),
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
    "es": ("sin",), "fr": ("sans",), "de": ("ohne",), "it": ("senza",), "pt": ("sem",), "nl": ("zonder",),
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
    "es": ("unos", "unas", "algunos", "algunas", "unos cuantos", "varios", "varias"), "fr": ("des", "quelques", "plusieurs"),
    "de": ("ein paar", "paar", "einige", "mehrere"), "it": ("dei", "degli", "delle", "alcuni", "alcune", "qualche"),
    "pt": ("uns", "umas", "alguns", "algumas", "vários", "várias"), "nl": ("een paar", "wat", "enkele", "meerdere"),
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
    "fr": ("rends-le {c}", "rends-la {c}", "en {c}", "couleur {c}", "tout en {c}"),
    "de": ("mach es {c}", "mach's {c}", "in {c}", "ganz in {c}"),
    "it": ("fallo {c}", "falla {c}", "in {c}", "color {c}", "tutto {c}"),
    "pt": ("deixa {c}", "deixe {c}", "faz {c}", "em {c}", "na cor {c}", "todo {c}"),
    "nl": ("maak het {c}", "in het {c}", "helemaal {c}"),
    "zh": ("变成{c}", "改成{c}", "换成{c}", "弄成{c}", "{c}的"),
    "ja": ("{c}にして", "{c}して", "{c}に"), "ko": ("{c}으로", "{c}로", "{c} ?해"),
}

# Simplified → traditional Chinese characters used above, for the spellings of Taiwan and Hong Kong.
TRADITIONAL = str.maketrans(
    "猫鸟鱼云树书车马伞围灯变换删颜红蓝绿黄爱欢谢个只张种风画图阳线笔动写实摄视远顶从镜头气雾阴觉样么这帮让们请来数骤吗"
    "绘铅纸机滩城烛关项链阳颗瀑岛门钟剑脸发飞桥龙鸭狮头鹰狐狸领带夹裙吉圣诞烟间时刻点节宽长纵俯瞰缩销边调暖级优赞极厉错"
    "尔两几杯辆艘顶复设图样设细步骤尺寸辨率号义处尔为会么试问题选项应该难标签后觉实际台笼叶壶蜡应",
    "貓鳥魚雲樹書車馬傘圍燈變換刪顏紅藍綠黃愛歡謝個隻張種風畫圖陽線筆動寫實攝視遠頂從鏡頭氣霧陰覺樣麼這幫讓們請來數驟嗎"
    "繪鉛紙機灘城燭關項鏈陽顆瀑島門鐘劍臉髮飛橋龍鴨獅頭鷹狐狸領帶夾裙吉聖誕煙間時刻點節寬長縱俯瞰縮銷邊調暖級優讚極厲錯"
    "爾兩幾杯輛艘頂複設圖樣設細步驟尺寸辨率號義處爾為會麼試問題選項應該難標籤後覺實際檯籠葉壺蠟應",
)
