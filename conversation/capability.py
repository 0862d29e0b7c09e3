"""Questions about what the chat can do, asked in the words of a request: "can you do anime?", "can you
make anime style stuff?", "what can't you draw?", "can you export it as svg?", "can I use these
commercially?". Each is answered, never drawn: "can you" in front of a style's name alone asks whether
the style exists, not for a picture of it (that would be "can you make it anime" or "an anime fox")."""

from __future__ import annotations

import re

from conversation.actions import Help
from prompts.styles import find_style_mention

_LEAD = r"^\W*(?:(?:hey|hi|hello|so|ok(?:ay)?|and|also|quick question|question|btw|wait|oh|hmm+|lol|haha|oi|ol[aá]|hola|salut|bonjour|hallo|ciao|hoi)[\s,!.:]+)*"
_CAN_YOU = r"(?:can|could|do|will)\s+(?:you|u)\s+(?:also\s+|even\s+|actually\s+)?|are\s+you\s+able\s+to\s+|is\s+it\s+possible\s+to\s+"

# "can you do anime?", "can you make anime style stuff?", "do you do pixel art too?"
_STYLE_ASKED = re.compile(
    _LEAD + rf"(?:{_CAN_YOU})(?:do|make|draw|create|generate|paint|render)\s+(?P<style>[\w\s'-]{{2,40}}?)"
    r"(?:\s+(?:style|styled|type|kind))?(?:\s+(?:stuff|things|art|artwork|pictures|pics|images|ones|drawings|too|as well|also))*"
    r"\s*\?+\W*$", re.I)

# "what can't you draw?", "what can you not make", "anything you can't do?"
_LIMITS = re.compile(
    _LEAD + r"(?:what|is there anything|anything)\s+(?:(?:can'?t|cannot|can\s+not|won'?t|are(?:n'?t)?)\s+(?:you|u)|"
    r"(?:can|will|are)\s+(?:you|u)\s+not|(?:you|u)\s+(?:can'?t|cannot|can\s+not|won'?t|are\s+not))(?:\s+able\s+to)?\s+"
    r"(?:draw|make|do|create|generate|paint|render)\b(?:\s+(?:well|yet))?\W*$",
    re.I)

# "can you export it as svg?", "can I download it as a png", "can I get this in pdf"
_FILES = re.compile(
    _LEAD + r"(?:(?:can|could|do|will)\s+(?:you|u|i|we)\s+|how\s+(?:do|can)\s+(?:i|we)\s+)(?:export|save|download|get|have|send|"
    r"give\s+me)\s+(?:it|this|that|them|these|those|the\s+(?:picture|image|pic|file)s?|(?:this|that)\s+one)?\s*(?:(?:as|in|to|into)\s+)?"
    r"(?:an?\s+)?(?:(?:separate|individual|single|layered|high[- ]res)\s+)?(?:svg|png|jpe?g|webp|pdf|gif|eps|ai|psd|tiff?|vector|vectors|"
    r"high[- ]?res(?:olution)?|4k|print quality)"
    r"(?:\s+(?:files?|formats?|too))?\s*\W*$", re.I)

# "can I use these commercially?", "am I allowed to sell prints of this", "who owns the copyright?"
_RIGHTS = re.compile(
    _LEAD + r"(?:(?:can|may|could)\s+(?:i|we)\s+|am\s+i\s+allowed\s+to\s+|are\s+we\s+allowed\s+to\s+|is\s+it\s+ok(?:ay)?\s+to\s+)"
    r"(?:use|sell|print|publish|post|share)\s+[\w\s]{0,30}?(?:commercially|for\s+(?:commercial|business|profit|money|my\s+(?:shop|store|"
    r"business|brand|company|band|book|client)s?)|on\s+(?:merch|t-?shirts|etsy|amazon))\b\W*$|"
    + _LEAD + r"(?:how\s+(?:should|do|can|must|would)\s+(?:i|we)|do\s+(?:i|we)\s+(?:need|have)\s+to|should\s+(?:i|we))\s+(?:credit|attribute|"
    r"cite|reference|source)\b.*$|"
    + _LEAD + r"(?:who\s+owns\s+(?:the\s+)?(?:copyright|rights?)|(?:is|are)\s+(?:it|this|these|they)\s+(?:copyright(?:ed)?|"
    r"royalty[- ]free|free\s+to\s+use))\b[\w\s]{0,30}\W*$", re.I)


# "can u do faces?", "can you draw hands?", "can it make videos?", "do you do text?": what the model is good at, or
# what the chat makes at all, asked of a kind of thing in general (no article, no "it").
_KIND_ASKED = re.compile(
    _LEAD + rf"(?:(?:{_CAN_YOU})|(?:can|could|does|will)\s+(?:it|this(?:\s+app)?|this\s+thing|the\s+(?:app|bot|model|ai))\s+)"
    r"(?:do|make|draw|create|generate|render|handle|write|put|get)\s+"
    r"(?:(?:pictures?|images?|pics?|pngs?|logos?|ones|stuff|things)\s+(?:with|that have|in|of)\s+(?:an?\s+)?|an?\s+(?=transparent))?"
    r"(?:good\s+|realistic\s+|real\s+|decent\s+|proper\s+|nice\s+|"
    r"readable\s+|animated\s+|moving\s+|short\s+)?"
    r"(?:faces|hands|people|humans|portraits|text|words|letters|lettering|fonts|logos|animals|landscapes|photos|"
    r"videos?|gifs?|animations?|3d\s+models?|music|songs?|memes|nsfw|celebrities|real\s+people|fingers|eyes|"
    r"transparent\s+(?:backgrounds?|pngs?)|transparency|vectors?|svgs?|(?:pie\s+|bar\s+|line\s+)?charts|graphs|diagrams|infographics|"
    r"tables|spreadsheets|maps|floor\s?plans|qr\s+codes|comics|comic\s+strips)"
    r"(?:\s+(?:well|properly|right|correctly|too|as well|also|(?:on|in|into)\s+(?:posters?|images?|pictures?|signs?|it|them)))*"
    # what follows the kind asked: "or only still images", "or does it always come out weird"
    r"(?:\s+or\s+[\w\s',-]{1,60}?)?\s*\?+(?:\s*(?:lol|lmao|haha+|tho|though|😅|🤔))?\W*$|"
    # "can you animate it?", "can you print it for me and mail it?": what the chat does not do
    + _LEAD + rf"(?:{_CAN_YOU})(?:animate|print|mail|post|ship|send|frame|3d[- ]print)\s+(?:it|this|that|them|these)\b.*$|"
    # "can you make a gif of him walking", "is it possible to do a 360 view?": moving pictures and models, of anything
    + _LEAD + rf"(?:{_CAN_YOU})(?:make|do|create|generate|render|turn\s+(?:it|this|him|her|them)\s+into)\s+(?:an?\s+)?(?:gif|video|"
    r"animation|animated\s+\w+|3d\s+model|360(?:[- ]degree)?(?:\s+(?:view|spin|turnaround))?|turnaround|spinning\s+view)\b[^?]*\??\W*$", re.I)


# Questions about the app itself, by topic: using one's own picture, languages, speed, running offline, the
# settings explained, and what may be done with the pictures.
_ASKED_ABOUT: list[tuple[str, re.Pattern[str]]] = [(topic, re.compile(_LEAD + pattern, re.I)) for topic, pattern in (
    ("uploads", r"(?:can|could|do|will)\s+(?:you|u|it)\s+(?:also\s+)?(?:edit|change|work\s+(?:with|on)|fix|use|touch\s+up)\s+"
                r"(?:the\s+)?(?:photos?|pictures?|images?|pics?|files?)\s+(?:that\s+)?(?:i|we)\s+(?:upload|send|give\s+you|attach|share)\b.*|"
                r"(?:(?:can|could|may)\s+(?:i|we)\s+|how\s+(?:do|can)\s+(?:i|we)\s+)(?:upload|attach|send|give\s+you|share|add|use|"
                r"edit)\s+(?:you\s+)?(?:my\s+own|my|our|a|an|own)\s+(?:own\s+)?(?:photos?|pictures?|images?|pics?|sprites?|drawings?|"
                r"sketch(?:es)?|selfies?|files?|art)\b.*|how\s+(?:does|do)\s+(?:the\s+)?upload(?:s|ing)?\s+work\b.*|"
                r"(?:do|will)\s+(?:you|u)\s+(?:keep|store|save|see|share)\s+(?:my|our)\s+(?:photos?|pictures?|images?|uploads?|"
                r"files?|pics?)\b.*"),
    ("languages", r"(?:what|which)\s+languages?\s+(?:do|can|does)\s+(?:you|u|it)\s+(?:understand|speak|know|read|support)\b.*|"
                  r"(?:do|can)\s+(?:you|u)\s+(?:understand|speak|read)\s+(?:other\s+languages|[a-z]+ish|french|german|italian|"
                  r"portuguese|dutch|japanese|chinese|korean|spanish)\W*$|can\s+i\s+(?:write|talk|type|ask)\s+(?:to\s+you\s+)?in\s+"
                  r"(?:other\s+languages|[a-z]+)\W*$|"
                  # "can you make images from text in spanish too?": prompts in another language, asked about
                  r"(?:can|could|do|does|will)\s+(?:you|u|it)\s+(?:also\s+)?(?:make|draw|generate|create|do|read|take|understand)\s+"
                  r"(?:images|pictures|pics|prompts|them|it)?\s*(?:from\s+(?:text|prompts|words|descriptions)\s+)?in\s+(?:other\s+languages|"
                  r"[a-z]+ish|french|german|italian|portuguese|dutch|japanese|chinese|korean|spanish|hindi|arabic|russian)"
                  r"(?:\s+(?:too|as\s+well|also))?\W*$"),
    # "how do you decide what to change when I say darker?", "what can you help me with besides drawing?"
    ("edits", r"how\s+(?:do|does|did)\s+(?:you|it|the\s+app)\s+(?:decide|know|choose|pick|work\s+out|figure\s+out)\s+(?:what|which|how\s+much)\s+"
              r"(?:(?:parts?|things?|bits?)\s+)?(?:to\s+)?(?:change|keep|edit|leave)\b.*"),
    ("general", r"what\s+(?:else\s+)?(?:can|could)\s+(?:you|u)\s+(?:help\s+(?:me\s+)?(?:with\s+)?|do\s+)(?:besides|other\s+than|apart\s+from|"
                r"except|aside\s+from)\b.*|what\s+else\s+can\s+(?:you|u)\s+(?:do|help\s+with)\b.*"),
    # "what kind of pictures are you good at?", "what's the best size for an instagram post?", "is it possible to make this a video?"
    ("styles", r"(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\s+(?:pictures|images|pics|art|things|stuff|styles)\s+(?:are\s+you|is\s+it|"
               r"is\s+this(?:\s+app)?)\s+(?:good|best|great|better|strongest)\s+at\b.*"),
    # "can you make images in specific sizes? like for a linkedin banner", "can I choose a specific seed?"
    ("settings", r"(?:can|could|do|will)\s+(?:you|u|it)\s+(?:also\s+)?(?:make|do|draw|create|generate|render)\s+(?:images|pictures|pics|"
                 r"them|things|stuff|ones|art)\s+(?:in|at|of|with)\s+(?:different|specific|other|custom|any|various|certain|exact|"
                 r"particular|multiple|all\s+(?:kinds|sorts)\s+of)\s+(?:sizes|shapes|formats|dimensions|resolutions|aspect\s+ratios|ratios)"
                 r"\b.*|(?:can|could|do)\s+(?:i|we)\s+(?:choose|pick|set|specify|enter|type\s+in|give|fix|lock)\s+(?:a|my\s+own|the|my|"
                 r"your)\s+(?:own\s+)?(?:specific\s+|particular\s+|certain\s+)?(?:seed|size|model|steps|resolution|aspect\s+ratio)"
                 r"(?:\s+number)?\s*\?+\W*$"),
    # "how do i start a fresh picture without it editing this one?"
    ("edits", r"how\s+(?:do|can|would|should)\s+(?:i|we)\s+(?:start|make|get|begin|do|draw)\s+(?:a\s+|an\s+)?(?:fresh|new|brand\s+new|"
              r"separate|different|totally\s+different|clean)\s+(?:picture|image|one|pic|drawing|conversation|chat)\b.*"),
    # "is a transparent background possible?", "is it possible to get a higher resolution?", "is there a way to add the labels
    # myself afterwards?": what can be had, or done by the person, asked of a kind of thing
    ("limits", r"(?:is|are)\s+(?:an?\s+)?(?:transparent|see-?through|higher|bigger|larger|better|full|print|4k|8k|hd|vector|svg|png|"
               r"animated|moving)[\w\s-]{0,30}\s+(?:possible|available|an\s+option|doable)\W*$|"
               r"is\s+it\s+possible\s+to\s+(?:get|have|make|download|export)\s+(?:an?\s+|the\s+|it\s+in\s+(?:an?\s+)?)?(?:higher|bigger|"
               r"larger|better|full|max(?:imum)?|print)[- ]?(?:res|resolution|size|quality|version)\b.*|"
               r"is\s+there\s+(?:a|any)\s+way\s+(?:to|for\s+me\s+to|i\s+can|that\s+i\s+can)\b.*\b(?:myself|ourselves|afterwards|"
               r"later|on\s+my\s+own|by\s+myself|compare|side\s+by\s+side)\b(?!.*\b(?:download|save|export|print|keep|share)\b).*"),
    # "how does the --no flag work here?", "how do weights work?": a setting's working asked about
    ("settings", r"how\s+(?:does|do)\s+(?:the\s+)?(?:--?[a-z]+|flags?|seeds?|negative\s+prompts?|cfg|guidance|steps|samplers?|(?:prompt\s+)?"
                 r"weights?|aspect\s+ratios?)(?:\s+(?:flag|option|setting|thing|syntax))?\s+(?:\w+\s+)?work\b.*"),
    # "¿cómo descargo la imagen?", "oi, como faço pra mudar o estilo da imagem?": the chat asked about in another language
    ("files", r"[¿]?(?:c[oó]mo|comment|wie|come|hoe)\s+(?:[\w']+\s+){0,3}?(?:descarg\w*|guard\w*|baix\w*|salv\w*|t[ée]l[ée]charg\w*|"
              r"enregistr\w*|herunterlad\w*|lade|speicher\w*|scaric\w*|download\w*|opslaan|sla)\b.*"),
    ("styles", r"[¿]?(?:c[oó]mo|comment|wie|come|hoe)\s+(?:[\w']+\s+){0,4}?(?:estilo|style|stil|stile|stijl)\b.*"),
    ("general", r"[¿]?(?:c[oó]mo|comment|wie|come|hoe)\s+(?:funciona|se\s+usa|uso|fonctionne|marche|funktioniert|funziona|werkt|"
                r"fa?[çc]o|hago|faccio|fais)\b.*"),
    # "What size should I use for an A4 poster?"
    ("settings", r"(?:what|which)\s+(?:size|aspect(?:\s+ratio)?|ratio|resolution|format|dimensions|shape)\s+(?:should|do|would|can|must)\s+"
                 r"(?:i|we)\s+(?:use|pick|choose|get|go\s+with|ask\s+for|set)\b.*"),
    # "do I need to pay for each picture?", "how many of these am I permitted to make in a day?"
    ("cost", r"(?:do|will|would|must|should)\s+(?:i|we)\s+(?:need\s+to\s+|have\s+to\s+)?pay\b.*|(?:is\s+(?:it|this|this\s+app)|are\s+(?:they|"
               r"these|the\s+pictures))\s+(?:really\s+)?free\b.*|how\s+much\s+(?:does|do|will|is)\s+(?:it|this|each|one|a\s+picture|they)\b.*|"
               r"(?:could\s+you\s+tell\s+me\s+)?how\s+many\s+(?:of\s+these|pictures|images|pics)\s+(?:i\s+am|am\s+i|can\s+i|may\s+i|i\s+can|"
               r"i\s+may|are\s+we|we\s+can|can\s+we)\b.*"),
    # "can you do hires fix or upscale it?": what the app does not do
    ("limits", r"(?:can|could|do|will|does)\s+(?:you|u|it|this)\s+(?:also\s+)?(?:do|use|apply|run|support|have|handle)\s+(?:a\s+|an\s+)?"
               r"(?:hi-?res(?:olution)?\s*fix|hires\s*fix|upscal\w*|face\s+restor\w*|controlnet|loras?|refiner|outpaint\w*)\b.*|"
               r"(?:can|could)\s+(?:you|u)\s+upscale\b.*"),
    # "does dall-e always get the spelling right?": what the model does well, asked
    ("limits", r"(?:does|do|can|will)\s+(?:dall-?e|it|the\s+(?:model|ai|app)|stable\s+diffusion|sd|this)\s+(?:always\s+|usually\s+|ever\s+)?"
               r"(?:get|spell|do|draw|write)\s+(?:the\s+)?(?:spelling|text|words|letters|hands|faces|fingers)\s+(?:right|correctly|properly|well)\b.*"),
    # the app asked about in another language: its rights, its cost, what it makes, keeping a picture
    ("rights", r"[¿]?(?:puedo|podemos|posso|possiamo|podemos|je\s+peux|puis-je|on\s+peut|darf\s+ich|kann\s+ich|mag\s+ik)\s+(?:usar|utilizar|"
               r"usare|utilizzare|utiliser|verwenden|benutzen|gebruiken|vender|vendre|verkaufen)\w*\b.*|.*\b(?:derechos|droits|rechte|diritti|"
               r"direitos|copyright)\b.*|es\s+m[ií]o\b.*|c'est\s+[àa]\s+moi\b.*"),
    ("cost", r".*\b(?:co[uû]te|cuesta|cu[eé]sta|kostet|costa|custa|kost|combien|cu[aá]nto\s+cuesta|wie\s+viel\s+kostet|quanto\s+costa|"
             r"quanto\s+custa|gratis|gratuit|kostenlos|gratuito)\b.*"),
    ("limits", r"(?:kannst\s+du|k[öo]nnen\s+sie|puedes|peux-tu|tu\s+peux|pouvez-vous|puoi|pode|podes|kun\s+je)\s+(?:auch\s+|tambi[eé]n\s+|aussi\s+|"
               r"anche\s+|tamb[eé]m\s+|ook\s+)?(?:\w+\s+)?(?:videos?|v[ií]deos?|vid[ée]os?|gifs?|animaci[oó]n|animations?|animazioni)\b.*"),
    ("files", r".*(?:ダウンロード|保存|下载|保存).*"),
    # "can you tell me how to get a transparent background?"
    ("limits", r"(?:(?:can|could)\s+(?:you|u)\s+(?:tell|show)\s+me\s+)?how\s+(?:do\s+(?:i|you)\s+|can\s+i\s+|to\s+)(?:get|make|have|do)\s+"
               r"(?:an?\s+|the\s+)?(?:transparent|see-?through|clear)\s+(?:background|bg|png)s?\b.*"),
    ("settings", r"(?:what'?s|whats|what\s+is|what\s+are)\s+(?:a|the)\s+(?:good|best|right|ideal|recommended|usual|standard|normal|typical)\s+(?:size|sizes|aspect(?:\s+ratio)?|"
                 r"ratio|resolution|format|dimensions)\s+for\b.*"),
    ("limits", r"(?:is\s+it\s+possible\s+to|(?:can|could)\s+(?:you|u|it|i|we))\s+(?:make|turn|convert|animate|export)\s+(?:this|it|that|them|these)"
               r"\s+(?:into\s+|as\s+|to\s+)?(?:an?\s+)?(?:video|gif|animation|animated\s+\w+|movie|clip|3d\s+model|3d\s+print|stl|mp4)\b.*"),
    ("speed", r"how\s+long\s+(?:does|do|will|did)\s+(?:a|one|each|the|every)\s+(?:picture|image|pic|generation|render|one)s?\s+"
              r"(?:usually\s+)?take\b.*|why\s+(?:is|does)\s+(?:it|this|this app|everything)\s+(?:so\s+)?(?:slow|take so long)\b.*|"
              r"how\s+fast\s+(?:is|are)\s+(?:it|this|you)\b.*"),
    ("offline", r"(?:can|could|does|will)\s+(?:i|we|it|this|you)\s+(?:use\s+(?:it|this|you)\s+|run\s+(?:it|this)\s+|work\s+|be\s+used\s+)?"
                r"(?:offline|without\s+(?:the\s+)?(?:internet|wifi|a connection))\b.*|"
                r"(?:can|could)\s+i\s+run\s+(?:it|this|you)\s+(?:locally|on\s+my\s+(?:own\s+)?(?:pc|computer|laptop|gpu|machine|mac))\b.*"),
    ("edits", r"(?:can|could)\s+(?:i|we)\s+(?:change|edit|tweak|fix|modify)\s+(?:the\s+|a\s+|my\s+)?(?:pictures?|images?|pics?|it)\s+"
              r"after\s+(?:it'?s|its|it is|they'?re|they are)\s+(?:made|done|generated|finished)\b.*|"
              # "can I edit pictures I've already made here?"
              r"(?:can|could)\s+(?:i|we)\s+(?:change|edit|tweak|fix|modify)\s+(?:the\s+|my\s+|old\s+)?(?:pictures?|images?|pics?|ones?)\s+"
              r"(?:that\s+)?(?:i'?ve|i have|we'?ve|we have|you'?ve|i|we)\s+(?:already\s+)?(?:made|generated|created|drawn|done)\b.*"),
    # "how do i get a different version of the same thing": how to get another take, asked
    ("variations", r"(?:can|could|do)\s+(?:i|we|you)\s+(?:undo|revert|go back)(?:\s+(?:things|stuff|changes|edits|it|a change))?"
                   r"(?:\s+(?:if|when)\s+[^?]{1,30})?\s*\?+\W*$|how\s+(?:do|can)\s+(?:i|we)\s+(?:go back|get back|return|undo)\b.*|"
                   r"(?:can|could|will)\s+(?:i|we)\s+(?:go back|return|get back|switch back)\s+to\s+(?:an?\s+|the\s+)?(?:earlier|previous|"
                   r"older|old|first|last)\s+(?:pictures?|images?|ones?|versions?|pics?)\b.*|"
                   r"how\s+(?:do|can|could|would)\s+(?:i|we|you)\s+(?:get|make|see|have|do|generate|draw)\s+(?:an?\s+)?(?:different|"
                   r"another|new|other|more)\s+(?:versions?|takes?|variations?|variants?|ones?)(?:\s+of\s+(?:the\s+same|this|it|that)"
                   r"(?:\s+(?:thing|picture|image|one|pic))?)?\W*$|how\s+(?:do|can)\s+(?:i|we)\s+(?:re-?roll|get variations|vary it)\W*$"),
    # "any tips for writing good prompts?": how to ask, answered with the general help
    ("styles", r"(?:can|could)\s+(?:you|u|it)\s+(?:make|do|draw)\s+(?:something|anything|pictures|images|stuff)\s+(?:that\s+)?"
               r"(?:looks?|look)\s+like\s+(?:an?\s+)?real\s+photos?\W*$|"
               r"(?:do|does)\s+(?:you|u|it|this(?:\s+app)?)\s+have\s+(?:any\s+)?(?:preset\s+|built-?in\s+)?(?:styles|presets|style presets)\b.*"),
    ("general", r"(?:what'?s|whats|what\s+is)\s+the\s+best\s+way\s+to\s+(?:describe|write|ask\s+for|word|explain)\b.*|"
                r"how\s+(?:should|do|can)\s+(?:i|we)\s+describe\s+what\s+(?:i|we)\s+want\b.*|"
                r"(?:any\s+)?(?:tips|advice|hints)\s+(?:for|on)\s+(?:writing\s+)?(?:good|better|great)?\s*prompts?\b.*|how\s+(?:do|can|should)\s+"
                r"(?:i|we)\s+write\s+(?:a\s+)?(?:good|better|great)\s+prompts?\b.*"),
    ("cost", r"how\s+many\s+(?:images|pictures|pics|generations)\s+(?:can|may|do)\s+(?:i|we)\s+(?:make|generate|get|create|do)"
               r"(?:\s+(?:per|a|each)\s+(?:day|month|hour))?\W*$"),
    ("files", r"(?:and\s+)?how\s+(?:do|can|should)\s+(?:i|we)\s+(?:keep|save|download|print|get)\s+(?:it|this|them|the\s+(?:picture|image))\b.*"),
    ("cost", r"(?:how\s+much\s+(?:does|do|is|will)\s+(?:it|this|each|a\s+(?:picture|pic|image)|one|the\s+app)(?:\s+cost)?|"
             r"(?:is|are)\s+(?:it|this|the\s+app|these|they)\s+free|do\s+(?:i|we)\s+(?:have|need)\s+to\s+pay|what\s+does\s+it\s+cost)"
             r"(?:\s+(?:to\s+use|per\s+(?:picture|image)|anything))?\W*$"),
    ("files", r"what\s+(?:can|do|should)\s+(?:i|we)\s+do\s+with\s+(?:these|the|my|those|this)\s+(?:pictures?|images?|pics?)\b.*|"
              # "should i print it at 300dpi?": how to print or export it, asked
              r"(?:should|can|could|do|would)\s+(?:i|we)\s+(?:print|export|save|upscale)\b[^?]{0,40}?\b(?:\d+\s*(?:dpi|ppi)|dpi|ppi|"
              r"print\s+(?:quality|resolution)|what\s+(?:size|resolution))\b[^?]*\?\W*$|"
              # "can I print this big, like A2?": how large a picture prints
              r"(?:can|could|should)\s+(?:i|we)\s+print\s+(?:it|this|these|them|that)\s+(?:big|bigger|large|larger|huge|on\s+\w+|as\s+a\s+\w+)"
              r"\b[^?]*\?\W*$"),
    ("settings", r"(?:can|could|do|does|will)\s+(?:you|u|it|this(?:\s+app)?)\s+(?:support|understand|take|accept|read|handle|know|use)\s+"
                 # "does this support midjourney params like --ar?": the flags it reads, asked about
                 r"(?:(?:midjourney|mj|a1111|automatic1111|comfy\w*|sd|stable diffusion)(?:[- ]style)?\s+)?(?:params|parameters|flags|"
                 r"syntax|args|arguments|commands|(?:prompt\s+)?weights|negative prompts?)\b.*|"
                 r"(?:can|could|do|does)\s+(?:you|u|it|this)\s+(?:do|make|support|handle|offer)\s+(?:different|other|custom|any|"
                 r"multiple|various)\s+(?:aspect\s+ratios?|sizes?|shapes?|resolutions?|formats?|dimensions|orientations?)\b.*|"
                 r"(?:can|could|will)\s+(?:you|u|it)\s+(?:make|do|draw|generate|render|go)\s+(?:images|pictures|pics|them|it|"
                 r"anything|stuff)?\s*(?:bigger|larger|higher(?:[- ]res(?:olution)?)?|more\s+than)\s+(?:than\s+)?\d+.*|"
                 # "can you make pictures in 4k?": of pictures in general, not "make it 4k"
                 r"(?:can|could|will|do)\s+(?:you|u|it)\s+(?:make|do|draw|generate|render|create|export)\s+(?:images|pictures|pics|"
                 r"wallpapers|photos)\s+(?:in|at)\s+(?:4k|8k|hd|full\s+hd|uhd|high[- ]res(?:olution)?|print\s+(?:quality|resolution))\W*$|"
                 r"what'?s\s+the\s+difference\s+between\s+.*\b(?:steps|cfg|guidance|seeds?|samplers?|strength)\b.*|"
                 r"what\s+(?:does|do|is|are)\s+(?:the\s+)?(?:steps|cfg|guidance|cfg scale|denoising strength|strength|"
                 r"hd(?:\s+quality)?|quality|vivid|natural|sampler|scheduler|negative prompt|seed)(?:\s+(?:setting|option|mode|style))?\s+"
                 r"(?:do|mean|for)\b.*|(?:what'?s|what\s+is)\s+the\s+(?:max(?:imum)?|biggest|largest|highest)\s+(?:resolution|size)\b.*|"
                 r"how\s+(?:big|large)\s+can\s+(?:you|it|the pictures?|images?)\s+(?:go|be|make|draw)\b.*|"
                 r"(?:what|which)\s+(?:sizes?|resolutions?|aspect\s+ratios?|formats?|dimensions|shapes?)\s+(?:can|do|does|will)\s+(?:you|u|it)\s+"
                 r"(?:make|do|draw|support|generate|render|handle|offer)\b.*|"
                 # "is it possible to get it in 4k?": asked whether, not yet asked for
                 r"(?:is\s+it\s+possible\s+to|(?:can|could)\s+(?:i|we))\s+(?:get|have|download)\s+(?:it|this|that|them|these)\s+(?:in|at)\s+"
                 r"(?:4k|8k|hd|full\s+hd|uhd|high[- ]res(?:olution)?|higher\s+res(?:olution)?|print\s+(?:quality|resolution))\s*\?\W*$"),
    ("rights", r"(?:(?:can|could|may)\s+(?:i|we|my\s+[\w-]+(?:\s+[\w-]+)?)\s+|is\s+it\s+ok(?:ay)?\s+(?:if\s+i\s+|to\s+)|"
               r"(?:am\s+i|are\s+we)\s+allowed\s+to\s+)"
               r"(?:use|sell|print|put)\s+(?:this|it|these|them|the\s+(?:pictures?|images?|designs?|art)|(?:these|those|the|my)\s+(?:pics|pictures|images|designs))\b.{0,40}?\b(?:etsy|shop|store|"
               r"sell(?:ing)?|prints?|brochure|commercial(?:ly)?|business|client|tattoo|merch|book cover|album|website|ads?|"
               r"advert\w*|marketing|youtube|monetiz\w*|logo|t-?shirts?|products?|instagram|insta|social media|socials|salon|restaurant|menu)\b.*|"
               r"who\s+owns\s+(?:the\s+)?(?:designs?|pictures?|images?|art|things|stuff|copyright|rights?)\b.*"),
)]


# What is done with a picture rather than to it, and with the conversation itself.
_KEEP_IT = re.compile(_LEAD + r"(?:(?:can|could) (?:you|u|i)\s+|please\s+|pls\s+)?(?:save|download|export|keep|share|send|e-?mail|"
                      r"post|remember|bookmark|store)\s+(?:it|this|that|them|these|this one|that one|the (?:picture|image|pic)s?)(?:\s+(?:to|with|on|for|by)\s+"
                      r"[\w\s'.-]{1,30}?)?(?:\s+(?:please|pls|for me))?\W*", re.I)
_MANAGE = re.compile(_LEAD + r"(?:(?:can|could) (?:you|u|i)\s+|please\s+|pls\s+)?(?:(?:delete|erase|trash|get rid of)\s+(?:this|that|"
                     r"the last|the whole)\s+(?:one|picture|image|pic|conversation|chat)|(?:clear|reset|wipe|delete)\s+(?:the\s+|my\s+|this\s+)?"
                     r"(?:chat|conversation|history)|(?:start\s+)?(?:a\s+)?new\s+(?:chat|conversation)|start over|"
                     r"(?:show|see)\s+(?:me\s+)?(?:all\s+)?(?:my|the)\s+(?:pictures|images|pics|gallery|history)|"
                     r"where\s+(?:are|do i find|can i find|can i see)\s+(?:all\s+)?my\s+(?:pictures|images|pics))(?:\s+(?:please|pls))?\W*",
                     re.I)


# "write me a haiku about autumn", "tell me a joke": something other than a picture, asked of a picture maker.
_NOT_A_PICTURE = re.compile(_LEAD + r"(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+|pls\s+)?(?:write|compose|tell|sing|translate|"
                            r"summari[sz]e|code|solve)\s+(?:me\s+|us\s+)?(?:an?\s+|some\s+|the\s+)?(?:\w+\s+)?(?:haiku|poem|story|song|"
                            r"essay|email|e-mail|letter|joke|limerick|code|script|function|recipe|speech|tweet|caption|summary|"
                            r"equation|riddle|fact|trivia)s?\b.*$|"
                            + _LEAD + r"(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+|pls\s+)?tell\s+(?:me|us)\s+(?:something|anything|a\s+few\s+things|"
                            r"more)\s+(?:\w+\s+)?(?:about|on|regarding)\b.*$|"
                            # "is it true goldfish only have a 3 second memory", "what's the tallest mountain in the solar system?": the world
                            + _LEAD + r"(?!.*\b(?:picture|image|pic|seed|size|prompt|model|steps|style|app|draw|paint|render|you|u|take|took|make|"
                            r"made|making|generate|one)\b)"
                            r"(?:is\s+it\s+true|(?:what'?s|what\s+is|which\s+is)\s+the\s+(?:tallest|biggest|largest|smallest|longest|fastest|"
                            r"highest|deepest|oldest|hottest|coldest|capital)|who\s+(?:was|is|invented|wrote|painted|discovered|won)|"
                            r"how\s+(?:many|far|old|tall|deep|big|long)\s+(?:is|are|was|were|do|does|did|people|years|miles|km))\b.*$|"
                            # "roll a d20 for me", "flip a coin": a game's chance, not a picture
                            + _LEAD + r"(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+)?(?:roll|flip|toss)\s+(?:me\s+)?(?:an?|the|two|\d+)\s+(?:d\d+|dice|die|"
                            r"coins?)\b.*$", re.I)  # "tell me something fun about octopuses"


def not_a_picture(message: str) -> bool:
    """A request for something other than a picture ("write me a haiku about autumn"), also as the last sentence ("ugh, 2
    more hours. tell me something fun about octopuses")."""
    sentences = re.split(r"(?<=[.!?])\s+", message.strip())
    return _NOT_A_PICTURE.match(message.strip()) is not None or len(sentences) > 1 and _NOT_A_PICTURE.match(sentences[-1]) is not None


def capability_question(message: str) -> Help | None:
    """The help a question about the chat's abilities asks for, or None when the message asks for a picture."""
    text = _PLEASANTRIES.sub("", message.strip())  # "Hello, I hope you are well. I have a question before I begin: …"
    if re.search(r"\b(?:is\s+(?:this|it|that)|are\s+(?:you|u))\s+(?:an?\s+)?(?:real\s+)?(?:person|human|bot|robot|ai|computer|machine)\b",
                 text, re.I):
        return None  # "is this a real person?": about the chat itself, small talk
    if re.search(r"\byour\s+(?:favou?rite|fave|fav)\b", text, re.I):
        return None  # "what's your favorite style": small talk, answered as such
    m = _STYLE_ASKED.match(text)
    if m and not re.match(r"(?:it|this|that|him|her|them|one|an?|the|some|me|my|our|his|its)\b", m.group("style"), re.I) \
            and _only_style(m.group("style")):
        return Help(topic="styles")
    if _FILES.match(text):
        return Help(topic="files")  # "could u send them as individual jpg files?"
    if _LIMITS.match(text) or _KIND_ASKED.match(text):
        return Help(topic="limits")
    if _RIGHTS.match(text):
        return Help(topic="rights")
    if _KEEP_IT.fullmatch(text):
        return Help(topic="files")  # "save it", "download it please": the chat draws; the picture is saved already
    if _MANAGE.fullmatch(text):
        return Help(topic="manage")  # "delete this one", "clear the chat", "show me all my pictures"
    if re.fullmatch(r"\W*(?:(?:here|this|use this|edit this|from this)[\s:,]+)?https?://\S+\W*", text, re.I):
        return Help(topic="uploads")  # a link to a picture: links are not fetched, a picture is attached
    found = next((Help(topic=topic) for topic, rx in _ASKED_ABOUT if rx.match(text)), None)
    asked, mark, rest = text.partition("?")
    if found is None and mark and rest.strip() and not _ASKS_TO_DRAW.search(rest):
        return capability_question(asked + mark)  # "can you do hands properly? every AI messes up hands lol"
    return found  # type: ignore[return-value]


_PLEASANTRIES = re.compile(r"^\W*(?:(?:hello|hi|hey|good\s+(?:morning|afternoon|evening)|dear\s+\w+)[\s,!.]+)?(?:i\s+hope\s+(?:you\s+are|you'?re)\s+"
                           r"(?:well|keeping\s+well|having\s+a\s+good\s+day)[\s,!.]+)?(?:i\s+have\s+a\s+(?:quick\s+|small\s+)?question"
                           r"(?:\s+(?:before\s+i\s+(?:begin|start)|first))?\s*[:.,!-]+\s*)(?=\S)", re.I)


# What a remark after a question would say if it asked for a picture after all.
_ASKS_TO_DRAW = re.compile(r"\b(?:draw|make|paint|create|generate|render|show|give|try|do one|let'?s|please|pls)\b|\?", re.I)


def _only_style(words: str) -> bool:
    """The words name a style and nothing else to draw ("anime", "pixel art", "3d"; not "an anime fox")."""
    found = find_style_mention(words)
    return found is not None and re.sub(re.escape(found[1]), "", words, count=1, flags=re.I).strip(" -'") == ""
