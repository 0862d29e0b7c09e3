"""What people ask of a picture and of the chat, as typed in other languages: shape, camera,
history, small talk, questions and help, and the settings said with a number.

Concept groups 4, 5 and 8–10 of ``PHRASES`` (English the rules read → what is typed for it, by
language); ``conversation.phrasebook`` puts them after the scene concepts, in this order.
``NUMBERED`` holds the settings said with a number (English with {n} where the number goes).
"""

from __future__ import annotations

# 4. shape
SHAPE: dict[str, dict[str, tuple[str, ...]]] = {
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
        "de": ("handy-?hintergrund", "hintergrundbild", "f[üu]rs handy"), "it": ("sfondo (?:del|per il) (?:telefono|cellulare)", "sfondo per (?:il )?(?:telefono|cellulare)"),
        "pt": ("papel de parede(?: do celular)?", "fundo de tela"), "nl": ("achtergrond voor (?:mijn )?telefoon", "telefoonachtergrond"),
        "zh": ("手机壁纸", "壁纸"), "ja": ("スマホの?壁紙", "待ち受け", "壁紙"), "ko": ("폰 ?배경화면", "배경화면"),
    },
    "for instagram": {
        "es": ("para instagram",), "fr": ("pour instagram",), "de": ("f[üu]r instagram",), "it": ("per instagram",),
        "pt": ("para (?:o )?instagram", "pro instagram"), "nl": ("voor instagram",),
        "zh": ("发ins", "发instagram", "instagram用"), "ja": ("インスタ用", "インスタ"), "ko": ("인스타용", "인스타그램용", "인스타"),
    },
}

# 5. camera
CAMERA: dict[str, dict[str, tuple[str, ...]]] = {
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
}

# 8. history
HISTORY: dict[str, dict[str, tuple[str, ...]]] = {
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
}

# 9. small talk
SMALL_TALK: dict[str, dict[str, tuple[str, ...]]] = {
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
               "(?:qu[eé] |muy )?(?:mon[oa]|tierno)", "buen trabajo", "est[aá] (?:muy )?bien",
               "(?:qu[eé] |muy )?(?:chul[oa]|guap[oa]|guay)", "qu[eé] pasada"),
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
}

# 10. questions and help
QUESTIONS_AND_HELP: dict[str, dict[str, tuple[str, ...]]] = {
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
    "how long does a picture take?": {
        "es": ("cu[aá]nto (?:tiempo )?(?:tarda|tardas|se tarda|demora)",), "fr": ("combien de temps (?:faut-il|prend|met|ça prend|tu mets)",),
        "de": ("wie lange (?:dauert|brauchst du|braucht)",), "it": ("quanto (?:tempo )?(?:ci (?:vuole|metti|mette)|impieghi)",),
        "pt": ("quanto tempo (?:demora|leva|levas|voc[êe] leva)", "quanto demora"), "nl": ("hoe lang (?:duurt|doe je|ben je)",),
        "zh": ("要多久", "需要多长时间", "多长时间"), "ja": ("どのくらい(?:時間が)?かか", "どれくらい(?:時間が)?かか"), "ko": ("얼마나 걸",),
    },
    "can you make pictures in 4k?": {
        "es": ("(?:puedes|podr[ií]as) (?:hacer|generar|crear)(?: im[aá]genes| fotos)? en (?:4k|8k|hd|alta (?:resoluci[oó]n|calidad))",),
        "fr": ("(?:peux-tu|tu peux|pourrais-tu) (?:faire|g[ée]n[ée]rer|cr[ée]er)(?: des images| des photos)? en (?:4k|8k|hd|haute (?:r[ée]solution|qualit[ée]))",),
        "de": ("(?:kannst du|k[öo]nntest du) (?:auch )?(?:bilder )?(?:in|mit) (?:4k|8k|hd|hoher aufl[öo]sung)",),
        "it": ("(?:puoi|potresti) (?:fare|generare|creare)(?: immagini| foto)? in (?:4k|8k|hd|alta (?:risoluzione|qualit[àa]))",),
        "pt": ("(?:voc[êe] )?(?:consegue|pode|podes|poderia) (?:fazer|gerar|criar)(?: imagens| fotos)? em (?:4k|8k|hd|alta (?:resolu[çc][ãa]o|qualidade))",),
        "nl": ("(?:kun je|kan je|kun jij) (?:ook )?(?:afbeeldingen |plaatjes |foto's )?(?:in|met) (?:4k|8k|hd|hoge resolutie)",),
        "zh": ("(?:能|可以)(?:做|生成|画)4k",), "ja": ("4kで(?:作れ|できま|生成)",), "ko": ("4k로 (?:만들|생성)",),
    },
    "how much does it cost?": {
        "es": ("cu[aá]nto cuesta", "es gratis"), "fr": ("combien [çc]a co[uû]te", "c'est gratuit"), "de": ("was kostet (?:das|es)", "ist (?:das|es) kostenlos"),
        "it": ("quanto costa", "[èe] gratis"), "pt": ("quanto custa", "[ée] gr[áa]tis"), "nl": ("wat kost (?:het|dit)", "is (?:het|dit) gratis"),
        "zh": ("多少钱", "免费吗"), "ja": ("いくら", "無料"), "ko": ("얼마", "무료"),
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
