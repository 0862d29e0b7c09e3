"""The concepts of a scene, as typed in other languages: time and light, weather and season, styles.

Concept groups 1–3 of ``PHRASES`` (English the rules read → what is typed for it, by language);
``conversation.phrasebook`` puts them first, in this order.
"""

from __future__ import annotations

# 1. time and light
TIME_AND_LIGHT: dict[str, dict[str, tuple[str, ...]]] = {
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
    "cuter": {
        "es": ("m[aá]s (?:lind[oa]|tiern[oa]|mon[oa]|adorable)",), "fr": ("plus (?:mignon(?:ne)?|adorable|chou)",),
        "de": ("s[üu](?:ß|ss)er", "niedlicher", "knuffiger"), "it": ("pi[uù] (?:carin[oa]|tener[oa]|dolce)",),
        "pt": ("mais (?:fof[oa]|lind[oa]|bonitinh[oa])",), "nl": ("schattiger", "liever"),
        "zh": ("更可爱", "可爱一点", "可爱一些"), "ja": ("もっと可愛く", "もっとかわいく", "可愛くして", "かわいくして"), "ko": ("더 귀엽게", "귀엽게 해"),
    },
    "darker": {
        "es": ("m[aá]s oscur[oa]", "oscur[eé]celo", "con menos luz"), "fr": ("plus sombre", "plus fonc[ée]e?", "assombris"),
        "de": ("dunkler",), "it": ("pi[uù] scur[oa]", "scuriscil[ao]"), "pt": ("mais escur[oa]", "escure[cç]a"),
        "nl": ("donkerder",), "zh": ("更暗", "暗一点", "暗一些", "调暗"), "ja": ("暗く", "暗い"), "ko": ("어둡게", "더 어둡"),
    },
    "warmer light": {
        "es": ("luz m[aá]s c[aá]lida", "m[aá]s c[aá]lid[oa]", "luz c[aá]lida"), "fr": ("lumi[èe]re plus chaude", "plus chaud[e]?", "lumi[èe]re chaude", "plus chaleureu(?:x|se)", "chaleureu(?:x|se)",
               "dor[ée]e?s?"),
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
}

# 2. weather and season
WEATHER_AND_SEASON: dict[str, dict[str, tuple[str, ...]]] = {
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
        "zh": ("下雨", "雨中", "雨天", "雨景", "雨"), "ja": ("雨の中", "雨が降", "雨を降らせ", "雨に", "雨の日", "雨"), "ko": ("비 ?오는", "비가 ?오는", "비 ?오게", "빗속", "비 ?내리", "비가 ?내리"),
    },
    "in the fog": {
        "es": ("con niebla", "en la niebla", "neblinos[oa]", "brumos[oa]", "con neblina"),
        "fr": ("dans le brouillard", "avec du brouillard", "brumeu(?:x|se)", "dans la brume", "avec de la brume"),
        "de": ("im nebel", "mit nebel", "neblig", "nebelig", "dunstig"),
        "it": ("nella nebbia", "con la nebbia", "con nebbia", "nebbios[oa]"),
        "pt": ("na neblina", "com neblina", "na n[ée]voa", "com n[ée]voa", "nebulos[oa]", "enevoad[oa]"),
        "nl": ("in de mist", "met mist", "mistig(?:er)?", "nevelig(?:er)?", "in de nevel"),
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
}

# 3. styles
STYLES: dict[str, dict[str, tuple[str, ...]]] = {
    "in chinese ink wash painting style": {
        "es": ("tinta china", "pintura a tinta"), "fr": ("lavis", "encre de chine", "peinture [àa] l'encre"),
        "de": ("tuschmalerei", "tuschezeichnung"), "it": ("inchiostro di china", "pittura a inchiostro"),
        "pt": ("pintura a nanquim", "nanquim"), "nl": ("inktschilderij", "oost-indische inkt"),
        "zh": ("水墨画", "水墨"), "ja": ("水墨画", "墨絵"), "ko": ("수묵화",),
    },
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
    "add neon colors": {
        "es": ("(?:m[aá]s )?colores ne[oó]n", "m[aá]s ne[oó]n"), "fr": ("(?:plus de )?couleurs? n[ée]on", "plus de n[ée]on"),
        "de": ("(?:mehr )?neonfarben", "mehr neon"), "it": ("(?:pi[uù] )?colori neon", "pi[uù] neon"),
        "pt": ("(?:mais )?cores neon", "mais neon"), "nl": ("(?:meer )?neonkleuren", "meer neon"),
        "zh": ("霓虹色", "更多霓虹"), "ja": ("ネオンカラー", "ネオン色"), "ko": ("네온 ?색",),
    },
    "more colorful": {
        "es": ("m[aá]s colorid[oa]", "m[aá]s color(?:es)?"), "fr": ("plus color[ée]e?", "plus de couleurs?"),
        "de": ("bunter", "farbenfroher", "mehr farbe"), "it": ("pi[uù] colorat[oa]", "pi[uù] color[ei]"),
        "pt": ("mais colorid[oa]", "mais cor(?:es)?"), "nl": ("kleurrijker", "meer kleur"),
        "zh": ("更鲜艳", "色彩丰富", "更多颜色"), "ja": ("色鮮やか", "カラフル"), "ko": ("화려하게", "더 다채롭"),
    },
}
