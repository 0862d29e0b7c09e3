"""What the chat model is sent each turn: the system prompt (the app, the action vocabulary, the
target model's wording, the scene, the pictures' recipes), then a few recent messages and the
person's own."""

from __future__ import annotations

import json

from conversation.interpreter import Context, Picture
from conversation.replies import shown_model

MAX_MESSAGE_CHARS = 20_000  # the turn validator's limit on what a person types
MAX_HISTORY = 8  # recent messages sent as context
MAX_HISTORY_CHARS = 1_500  # per message: old replies matter less than the scene
MAX_PICTURES = 12  # recipes listed (the latest ones; numbers kept)


_VOCABULARY = """\
You are the assistant of imagechat, a chat where people describe a picture, get it drawn, and keep \
talking to change it. Decide what each message means and either call the tool `act` once, or answer in \
plain text.

Call `act` with one action:
- new: a new picture unrelated to the current one. `description`: what to draw, in English, without \
"draw me"/"can you make". `ops`: style, size, seed, negatives that came with it. A hand-written Stable \
Diffusion prompt (weights like (word:1.3), many comma tags): verbatim=true and description exactly as typed.
- edit: change the current picture; `ops` lists typed changes: add (a thing), remove (a thing), replace \
(old -> new: "make the dog a cat"), subject (a new main subject, rest kept), set (slot: setting, time, \
weather, season, lighting, mood, palette, framing, medium), style (a style id below, or "none"), size \
(aspect "16:9", "2:3" for portrait, "3:2" for landscape, "1:1" square; or width/height; scale 1.5 for \
bigger), seed (a number; null for a new random one), steps, guidance, camera (closer/wider/above/below/\
side/front/behind, `on`: what to zoom in on). Edits keep the seed unless the person asks for a new one. \
`count`: when the change is said of every picture of the last batch ("make them all pink"), that many.
- "no X", "without X", "remove X": a remove op (for Stable Diffusion it becomes the negative prompt); \
"take X out of the negative": an allow op. "keep it closer to my photo" / "it doesn't look like my dog \
anymore" of a picture drawn from one the person gave: a likeness op (closer=true); "change it more", "be more \
creative with it": closer=false.
- Aspect words (portrait, landscape, square, widescreen, "wider format") and flags like --ar 16:9 are \
size ops; --seed 1234 or "use seed 1234" is a seed op. Never put these words into a description or prompt.
- Several different pictures in one message, each its own prompt ("show me it in all four seasons", "try it in \
red, blue and green", "do 3 colorways", "one at dawn and one at dusk", "two pics: a sunflower field and a lavender \
field", "a cat and, separately, a dog"): `variants`, one per picture (2-4), each with a short `label` ("spring", \
"red", "lavender field"). On edit each variant has its own `ops` (the action's ops are shared by all); on new each \
has its own `description`, or its own ops on the shared description. Not for "a cat and a dog" (one picture with \
both) nor for more pictures of the same thing (`count`). With variants, write each variant's `prompt`.
- branch: edit an earlier picture ("take the second one and make it blue"): image = its number \
(negative counts from the end), ops as for edit.
- repeat: the same picture again with a new seed ("another one", "again"); count 1-4.
- undo: take back the last change ("undo", "go back"); steps = how many.
- revert: back to picture N ("the first one was better", "back to #2"): image = its number. Right after a turn \
that drew several pictures, "the third one" is the third of those: image = that turn's picture, pick = 3 (also \
for branch and question).
- question: a question about a picture (its seed, steps, prompt, model, size, style, what it shows, why \
it looks so): topic, image (null: the latest), answer (a short answer from the recipes below). Never drawn.
- help: how to use the app (topic general), which styles exist (styles), files and formats (files), who may \
use the pictures (rights), what it cannot make or makes badly, such as video or hands (limits), giving it a \
picture and privacy (uploads), languages, speed, running offline (offline), what a setting does (settings), \
saving or sharing a picture (files), deleting pictures or starting a new conversation (manage).
For new, edit and branch also write `prompt`: the image prompt for the target model below, keeping the \
subject and everything already in the scene unless the person changed it.

Answer in plain text, without calling `act`, for small talk, greetings, thanks, praise, "no"/"ok", \
and off-topic questions ("what is the capital of France?"). These are never drawn. Reply briefly, in \
the person's language.

A message not in English: understand it, write description, ops and prompt in English, and set \
translated=true."""


def _target_rules(context: Context) -> str:
    from prompts.targets import get_target  # pure, light; kept local so the module loads without it
    from prompts.errors import PromptError

    try:
        target = get_target(context.target)
        wording = target.wording
    except PromptError:
        wording = "tags" if context.english_only else "prose"
    label = context.target_label or context.target
    if wording == "tags":
        return (f"Target model: {label} ({context.target}), a Stable Diffusion model with a CLIP text encoder "
                "that reads English only and at most 75 tokens (about 50 words). Write `prompt` as short "
                "comma-separated tags, subject first, then setting, light, style. Negatives never go in it: "
                "use remove ops.")
    return (f"Target model: {label} ({context.target}), which reads prose and rewrites prompts itself. Write "
            "`prompt` as one or two plain sentences that say what the person asked for; no quality tags, "
            "no padding. Things to leave out are said in words (\"with no people\").")


def _styles_line() -> str:
    from prompts.styles import list_styles

    return "Style ids: " + ", ".join(list_styles()) + "."


def _scene_block(context: Context) -> str:
    if context.scene is None:
        return "Current scene: none yet (no picture drawn in this conversation)."
    scene = context.scene.model_dump(mode="json", exclude_defaults=True)
    return "Current scene (the latest picture, as JSON):\n" + json.dumps(scene, ensure_ascii=False)


def _recipe_line(p: Picture) -> str:
    parts = []
    if p.prompt_typed:
        parts.append(f"typed {_clip(p.prompt_typed, 200)!r}")
    if p.prompt_sent:
        parts.append(f"prompt sent {_clip(p.prompt_sent, 300)!r}")
    if p.negative_prompt:
        parts.append(f"negative {_clip(p.negative_prompt, 150)!r}")
    for name, value in (("seed", p.seed), ("steps", p.steps), ("guidance", p.guidance)):
        if value is not None:
            parts.append(f"{name} {value}")
    if p.width and p.height:
        parts.append(f"{p.width}x{p.height}")
    if p.backend or p.model:
        parts.append(f"{p.backend}/{shown_model(p.model)}".strip("/"))
    if p.style and p.style != "none":
        parts.append(f"style {p.style}")
    if p.seconds is not None:
        parts.append(f"took {p.seconds:.1f} s")
    return f"#{p.number}: " + (" · ".join(parts) or "(no recipe)")


def _pictures_block(context: Context) -> str:
    if not context.pictures:
        return "Pictures so far: none."
    shown = context.pictures[-MAX_PICTURES:]
    head = f"Pictures so far ({len(context.pictures)}, numbered from 1; the last is the latest):"
    return "\n".join([head, *(_recipe_line(p) for p in shown)])


def system_prompt(context: Context) -> str:
    undo = "" if context.can_undo else "\nThere is nothing to undo yet."
    return "\n\n".join([_VOCABULARY, _styles_line(), _target_rules(context),
                        _scene_block(context) + undo, _pictures_block(context)])


def build_messages(text: str, context: Context) -> list[dict]:
    """System prompt, a few recent messages, then the person's message."""
    messages: list[dict] = [{"role": "system", "content": system_prompt(context)}]
    history = list(context.history)
    if history and history[-1] == ("user", text):  # the message itself, already stored: not twice
        history.pop()
    for role, said in history[-MAX_HISTORY:]:
        if role in ("user", "assistant") and said:
            messages.append({"role": role, "content": _clip(said, MAX_HISTORY_CHARS)})
    messages.append({"role": "user", "content": _clip(text, MAX_MESSAGE_CHARS)})
    return messages


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
