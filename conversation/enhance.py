"""Enhancement by meaning: what a Stable Diffusion prompt gains for the kind of thing it shows.

The kind is read from the subject (a logo is not a photograph; a monster is not peaceful), and an
addition is skipped when the scene already says something about it or the person negated it.
Nothing is added for models that rewrite prompts themselves (DALL-E 3, gpt-image).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conversation.scene import Scene

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("graphic", re.compile(r"\b(logos?|icons?|emblems?|badges?|stickers?|mascots?|wordmarks?|monograms?|app icon|"
                           r"favicon|crest|insignia|clip ?art|vector|infographic|poster|flyer|banner|label|"
                           r"t-?shirt design|tattoo design|coat of arms|seal|pictogram|emoji)\b", re.I)),
    ("interior", re.compile(r"\b(coffee ?shops?|cafes?|cafés?|restaurants?|diners?|bars?|pubs?|taverns?|bakery|bakeries|"
                            r"kitchens?|living rooms?|bedrooms?|bathrooms?|rooms?|libraries|library|offices?|"
                            r"interiors?|shops?|stores?|boutiques?|studios?|classrooms?|lobby|hallways?|attics?|"
                            r"basements?|workshops?|greenhouses?|lounges?)\b", re.I)),
    ("food", re.compile(r"\b(food|dish|meal|pizza|burger|sushi|ramen|noodles?|pasta|cake|cupcakes?|pie|salad|soup|"
                        r"steak|breakfast|dessert|cookies?|bread|croissants?|coffee(?! ?(?:shop|house|table|bar))|"
                        r"latte|cocktail|drink|tacos?|pho|bento|matcha|tea|"
                        r"sandwich|ice cream|donuts?|doughnuts?|fruit|curry|dumplings?|pancakes?|waffles?)\b", re.I)),
    ("product", re.compile(r"\b(product|bottle(?! of)|perfume|sneakers?|shoes?|watch|headphones|smartphone|phone|laptop|"
                           r"packaging|package|box(?! of)|mug(?! of)|cup(?! of)|handbag|bag(?! of)|lipstick|cosmetics?|"
                           r"jar(?! of)|chair|lamp|"
                           r"furniture|jewel(?:le)?ry|ring|necklace|gadget|camera|speaker)\b", re.I)),
    ("creature", re.compile(r"\b(monsters?|demons?|zombies?|ghosts?|creatures?|beasts?|aliens?|vampires?|werewolf|"
                            r"werewolves|kraken|dragons?|skeletons?|ghouls?|witch|horror|nightmare|eldritch)\b", re.I)),
    ("architecture", re.compile(r"\b(building|house|mansion|cathedral|church|temple|tower|skyscraper|bridge|castle|"
                                r"palace|interior|architecture|facade|villa|cabin|cottage|library|museum|station|"
                                r"lighthouse|pagoda|mosque|apartment|office)\b", re.I)),
    ("portrait", re.compile(r"\b(portrait|man|woman|girl|boy|person|lady|guy|child|kid|face|king|queen|princess|"
                            r"prince|knight|wizard|warrior|astronaut|soldier|chef|dancer|musician|samurai|ninja|"
                            r"pirate|doctor|student|grandmother|grandfather|elder|selfie|headshot|people|couple|"
                            r"family|man's|woman's|men|women|girls|boys|children|kids|fisherman|sailor|farmer|"
                            r"worker|nurse|teacher|artist|painter|scientist|detective|cowboy|viking|monk|nun|priest|"
                            r"elf|dwarf|mage|sorcerer|sorceress|hunter|explorer|traveller|traveler|hiker|surfer|"
                            r"skater|athlete|businessman|businesswoman|grandma|grandpa|baby|toddler|teenager|bride|"
                            r"groom|character|old man|old woman|gentleman|gentlemen|boxer|gymnast|ballerina|singer|"
                            r"guitarist|drummer|pilot|firefighter|policeman|policewoman|cyborg)\b", re.I)),
    ("animal", re.compile(r"\b(cats?|kittens?|dogs?|puppy|puppies|fox(?:es)?|wolf|wolves|birds?|owls?|horses?|lions?|"
                          r"tigers?|bears?|rabbits?|bunny|deer|elephants?|monkeys?|fish|whales?|dolphins?|penguins?|"
                          r"frogs?|turtles?|butterfly|butterflies|squirrels?|hamsters?|parrots?|eagles?|cows?|sheep|"
                          r"goats?|pigs?|ducks?|mouse|mice|raccoons?|otters?|pandas?|koalas?|giraffes?|zebras?|"
                          r"hedgehogs?|octopus|corgis?|retrievers?|labradors?|huskies|husky|jellyfish|snakes?|"
                          r"lizards?|sharks?|crabs?|lobsters?|bees?|insects?|spiders?|beetles?|moths?|snails?|"
                          r"chickens?|hens?|roosters?|swans?|flamingos?|peacocks?|crows?|ravens?|pigeons?|koi|"
                          r"goldfish|seals?|axolotls?|alpacas?|llamas?|camels?|kangaroos?|sloths?|leopards?|"
                          r"cheetahs?|jaguars?|gorillas?|puffins?|hummingbirds?|ladybugs?|dragonfl(?:y|ies)|"
                          r"animals?|pets?|kitty|kitties|doggo|pupp?y)\b", re.I)),
    ("landscape", re.compile(r"\b(landscape|mountains?|forest|lake|beach|ocean|sea|river|valley|desert|cityscape|"
                             r"skyline|city|village|town|street|island|waterfall|canyon|meadow|field|harbou?r|"
                             r"countryside|jungle|glacier|volcano|coast|park|garden|sunset|sunrise|aurora|galaxy|"
                             r"nebula|planet|space)\b", re.I)),
]
_CYBERPUNK = re.compile(r"\b(cyberpunk|neon|blade runner|synthwave|vaporwave)\b", re.I)


@dataclass(frozen=True)
class Addition:
    text: str
    about: str  # the scene slot or aspect it speaks to: an addition is skipped when that is already said


# Additions per kind, most useful first. Quality words last.
_ADDITIONS: dict[str, list[Addition]] = {
    "graphic": [Addition("flat vector design", "medium"), Addition("clean simple shapes", "detail"),
                Addition("bold clean lines", "detail"), Addition("plain white background", "setting"),
                Addition("centered composition", "framing")],
    "food": [Addition("appetizing food photography", "medium"), Addition("fresh ingredients, rich texture", "detail"),
             Addition("soft natural window light", "lighting"), Addition("shallow depth of field", "framing")],
    "product": [Addition("professional product photography", "medium"), Addition("clean studio background", "setting"),
                Addition("soft studio lighting", "lighting"), Addition("sharp focus", "detail")],
    "creature": [Addition("menacing presence", "mood-detail"), Addition("dramatic shadows", "lighting"),
                 Addition("ominous atmosphere", "mood"), Addition("highly detailed", "detail")],
    "interior": [Addition("detailed interior", "detail"), Addition("natural ambient light", "lighting"),
                 Addition("depth and perspective", "framing"), Addition("highly detailed", "detail")],
    "architecture": [Addition("architectural photography", "medium"), Addition("clean lines, strong perspective", "framing"),
                     Addition("natural light", "lighting"), Addition("highly detailed", "detail")],
    "portrait": [Addition("detailed face, expressive eyes", "detail"), Addition("natural skin texture", "detail"),
                 Addition("soft flattering light", "lighting"), Addition("sharp focus", "detail")],
    "animal": [Addition("detailed fur", "fur"), Addition("expressive eyes", "eyes"),
               Addition("soft natural light", "lighting"), Addition("sharp focus", "detail")],
    "landscape": [Addition("sweeping vista", "framing"), Addition("atmospheric depth", "detail"),
                  Addition("dramatic sky", "sky"), Addition("highly detailed", "detail")],
    "thing": [Addition("highly detailed", "detail"), Addition("sharp focus", "detail")],
}
_NEGATIVES: dict[str, str] = {
    "graphic": "photo, photorealistic, 3d render, shading, gradient clutter, busy background, blurry",
    "food": "unappetizing, blurry, plastic look",
    "product": "clutter, blurry, distorted shape",
    "portrait": "deformed face, extra fingers, blurry",
    "animal": "deformed, extra legs, blurry",
    "architecture": "distorted perspective, blurry",
    "landscape": "blurry, oversaturated",
    "interior": "distorted perspective, blurry",
    "creature": "cute, cartoonish, blurry",
    "thing": "blurry, low quality",
}
# Animals without fur, by what covers them instead.
_COVERING: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\b(birds?|owls?|eagles?|parrots?|penguins?|ducks?|hens?|chickens?|swans?|hummingbirds?|"
                r"flamingos?|peacocks?|crows?|ravens?|pigeons?|sparrows?|robins?)\b", re.I), "fine feather detail"),
    (re.compile(r"\b(fish|fishes|goldfish|koi|salmon|trout|sharks?|snakes?|lizards?|turtles?|tortoises?|"
                r"crocodiles?|alligators?|iguanas?|geckos?|chameleons?)\b", re.I), "fine scale detail"),
    (re.compile(r"\b(frogs?|toads?|octopus|octopi|squids?|jellyfish|dolphins?|whales?|seals?|axolotls?|snails?|"
                r"slugs?)\b", re.I), "smooth glistening skin"),
    (re.compile(r"\b(butterfly|butterflies|moths?|bees?|beetles?|ants?|insects?|spiders?|dragonfl(?:y|ies)|"
                r"ladybugs?)\b", re.I), "fine intricate detail"),
]


_LIGHT_SAID = re.compile(r"\b(glow\w*|neon|lit|candle\w*|lantern\w*|moonlit|moonlight|sunlit|sunlight|backlit|"
                         r"light(?:ing)?|shadows?|dark(?:ness)?|night|sunset|sunrise|dusk|dawn|fire\w*|bioluminescen\w*)\b",
                         re.I)


def subject_kind(scene: Scene) -> str:
    """The kind of thing the picture shows: what is named first in the subject (so "a cat in a
    coffee shop" is an animal and "a coffee shop with a cat" an interior); a logo, icon or sticker
    is graphic design wherever it is named."""
    text = " ".join([scene.subject, *scene.details])
    found: list[tuple[int, int, str]] = []
    for kind, rx in _KINDS:
        for m in rx.finditer(text):
            if kind == "graphic":
                return kind
            found.append((m.start(), m.end(), kind))
    if not found:
        return "thing"
    found.sort()
    start, end, kind = found[0]
    # A noun before a noun names a sort of the second: "a house cat" is a cat, "a dog house" a house.
    while True:
        nxt = next((f for f in found if end < f[0] <= end + 1), None)
        if nxt is None:
            return kind
        start, end, kind = nxt


# Additions that describe a photograph: wrong for a painting, a drawing or pixel art.
_PHOTOGRAPHIC = frozenset({"natural skin texture", "soft natural light", "soft flattering light", "shallow depth of field",
                           "architectural photography", "appetizing food photography", "professional product photography",
                           "soft studio lighting", "soft natural window light", "natural light", "natural ambient light",
                           "clean studio background", "sharp focus"})
_PHOTO_STYLES = frozenset({"none", "photorealistic", "cinematic", "studio-portrait", "product-shot", "vintage-photo",
                           "black-and-white"})
_NOT_A_PHOTO = re.compile(r"\b(paint(?:ing|ed)?|drawings?|drawn|sketch(?:ed)?|illustrat\w*|cartoons?|anime|manga|watercolou?r|"
                          r"pixel|vector|comic|render(?:ed|ing)?|clay|low[- ]poly|ukiyo|woodblock|engraving|etching|mosaic|"
                          r"stained glass|origami|papercraft|doodle|chibi|lineart|line art|crayon|pastel drawing|charcoal|"
                          r"ink|gouache|mural|graffiti|tattoo|embroider\w*|sculpture|statue|lego|plush\w*|toy)\b", re.I)


def additions(scene: Scene) -> list[str]:
    """Phrases to add to a Stable Diffusion prompt for this scene, none that contradict it."""
    if scene.verbatim or not scene.enhance:
        return []
    kind = subject_kind(scene)
    said = " ".join(scene.phrases()).lower()
    negated = [n.lower() for n in scene.negatives]
    photo = scene.style in _PHOTO_STYLES and not scene.medium and not _NOT_A_PHOTO.search(said)
    nobody = any(re.search(r"\b(?:people|persons?|humans?|figures?|crowds?|faces?|man|men|woman|women|kids|children)\b", n)
                 for n in negated)
    out: list[str] = []
    for add in _ADDITIONS[kind]:
        text = add.text
        if nobody and re.search(r"\b(?:face|eyes|skin|portrait|flattering)\b", text):
            continue  # "without any people": no faces to detail
        if not photo and text in _PHOTOGRAPHIC:
            continue
        if add.about in ("fur", "eyes"):
            covering = next((c for rx, c in _COVERING if rx.search(scene.subject)), "")
            if covering and add.about == "eyes":
                continue  # a fish's or a beetle's "expressive eyes" is no gain
            text = covering or text
        if add.about in ("lighting",) and (scene.lighting or scene.time or scene.weather or _LIGHT_SAID.search(said)):
            continue
        if add.about == "mood" and scene.mood:
            continue
        if add.about == "framing" and scene.framing:
            continue
        if add.about == "setting" and scene.setting:
            continue
        if add.about == "medium" and (scene.style != "none" or scene.medium):
            continue
        if add.about == "sky" and re.search(r"\b(sky|night|fog|rain|snow|storm)\b", said):
            continue
        words = set(re.findall(r"[a-z]+", text.lower())) - {"and", "with", "of", "a", "the"}
        if any(w in said for w in words if len(w) > 4) or any(n in text.lower() for n in negated if n):
            continue
        out.append(text)
    if _CYBERPUNK.search(said) and not scene.lighting:
        # the streets' rain only where no rain was taken away ("lose the rain")
        out.insert(0, "neon lights" if any(re.search(r"\brain", n) for n in negated) else "neon lights, rain-slick streets")
    return out


def kind_negative(scene: Scene) -> str:
    if scene.verbatim or not scene.enhance:
        return ""
    return _NEGATIVES.get(subject_kind(scene), "")
