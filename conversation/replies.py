"""Text answers: questions about a picture (from its stored recipe), small talk and help.
Pure functions; the chat escapes what the person typed, these strings are the app's own."""

from __future__ import annotations

import re

from pipeline.request import batch_seeds
from prompts.styles import list_styles, style_label

from conversation.actions import Chat, Help, Question
from conversation.interpreter import Context, Picture, prompt_parts

NO_PICTURE = 'There is no picture here yet. Describe one, for example "a lighthouse on a cliff at dusk".'


def shown_model(model: str) -> str:
    """A model as the chat names it: a local folder by its own name, never the machine's path to it."""
    if re.match(r"^(?:/|\.{1,2}[/\\]|~|[A-Za-z]:[/\\])", model or ""):
        return re.split(r"[/\\]", model.rstrip("/\\"))[-1] or model
    return model


def _picture(ctx: Context, number: int | None) -> Picture | None:
    if not ctx.pictures:
        return None
    if number is None:
        return ctx.pictures[-1]
    if number < 0:
        index = len(ctx.pictures) + number
        return ctx.pictures[index] if 0 <= index < len(ctx.pictures) else None
    return next((p for p in ctx.pictures if p.number == number), None)


def answer_question(q: Question, ctx: Context) -> str:
    if q.answer:
        return q.answer
    pic = _picture(ctx, q.image)
    if pic is None:
        if q.topic in ("model", "backend") and not q.image:  # asked before any picture: the model set to draw
            return f"Pictures here are drawn by {ctx.target_label}, chosen in Settings. Describe one and I'll draw it."
        if ctx.pictures and q.image:
            return f"There is no picture {q.image} in this conversation; there are {len(ctx.pictures)}."
        return NO_PICTURE
    which = f"Picture {pic.number}" if q.image else "The last picture"
    size = f"{pic.width}×{pic.height}" if pic.width and pic.height else "the model's default size"
    if pic.batch > 1 and pic.seed is not None:  # one turn drew several: each has its own seed
        seeds = batch_seeds(pic.seed, pic.batch)
        if q.pick and q.pick <= pic.batch:
            which = f"Picture {q.pick} of those {pic.batch}"
            pic = pic.model_copy(update={"seed": seeds[q.pick - 1]})
        elif q.topic == "seed":
            return (f"Those {pic.batch} pictures used seeds {', '.join(map(str, seeds))}, one each, in order. Say \"use seed "
                    f"{seeds[0]}\" to keep one.")
    if q.topic == "seed":
        if pic.seed is None:
            return f"{which} has no seed: {shown_model(pic.model) or 'that model'} does not take one, so each picture is new."
        return f"{which} used seed {pic.seed}. Say \"use seed {pic.seed}\" to keep it, or \"new seed\" for another."
    if q.topic == "steps":
        if not pic.steps:
            return f"{which} was made by {shown_model(pic.model) or 'a model'} that does not report denoising steps."
        return f"{which} took {pic.steps} denoising steps on {shown_model(pic.model)}. Say \"30 steps\" to change it."
    if q.topic == "guidance":
        return f"{which} used guidance {pic.guidance:g}." if pic.guidance is not None else f"{which} used the model's default guidance."
    if q.topic == "negative":
        return (f"The negative prompt was: {pic.negative_prompt}" if pic.negative_prompt
                else f"{which} had no negative prompt.")
    if q.topic == "prompt":
        typed = f"\n\nYou typed: {pic.prompt_typed}" if pic.prompt_typed and pic.prompt_typed != pic.prompt_sent else ""
        whose = f"{which}'s prompt, sent to {shown_model(pic.model)}," if q.image else \
            f"The prompt sent to {shown_model(pic.model)}"  # "Picture 1's": for "go back to that one"
        return f"{whose} was:\n\n{pic.prompt_sent}{typed}"
    if q.topic in ("model", "backend"):
        return f"{which} was made by {shown_model(pic.model)} on the {pic.backend} backend."
    if q.topic == "size":
        return f"{which} is {size}. Say \"landscape\", \"portrait\", \"square\" or \"--ar 16:9\" to change it."
    if q.topic == "style":
        return (f"{which} used the {style_label(pic.style)} style." if pic.style and pic.style != "none"
                else f"{which} used no style preset. Say \"make it a watercolor\" (or any style) to try one.")
    if q.topic == "time":
        return (f"{which} took {pic.seconds:.1f} s to make." if pic.seconds is not None
                else f"{which}'s timing was not recorded.")
    if q.topic == "quality":
        steps = f" It ran {pic.steps} steps;" if pic.steps else ""
        return (f"{which} came from {shown_model(pic.model)} at {size}.{steps} a picture can look blurry or noisy when a model runs "
                "too few steps, far from its native size, or with a very short prompt. Try \"more steps\", a size near "
                "the model's own, or more detail about what you want; \"another one\" tries a new seed.")
    if q.topic == "watermark":
        return (f"{which} has no watermark: nothing is drawn onto it. Its PNG carries its recipe (prompt, seed, settings) as "
                "text inside the file, which re-saving or exporting as JPEG leaves out. A model can still paint stray letters "
                "or a fake signature; say \"no text\" to keep them out.")
    if q.topic == "changes":
        return _changes(pic, ctx)
    if q.topic == "describe":
        return f"{which} shows: {pic.prompt_sent or pic.prompt_typed}" + (f" (seed {pic.seed}, {size})" if pic.seed is not None else "")
    return (f"{which}: {shown_model(pic.model)} on {pic.backend}" + (f", seed {pic.seed}" if pic.seed is not None else "") + f", {size}"
            + (f", {pic.steps} steps" if pic.steps else "") + (f", guidance {pic.guidance:g}" if pic.guidance is not None else "")
            + f".\n\nPrompt: {pic.prompt_sent}")


def _changes(pic: Picture, ctx: Context) -> str:
    """What differs between a picture and the one made before it: the prompt's phrases, the seed, the size."""
    before = next((p for p in reversed(ctx.pictures) if p.number < pic.number), None)
    if before is None:
        return f"Picture {pic.number} is the first of this conversation: nothing was changed yet."
    now, then = prompt_parts(pic.prompt_sent), prompt_parts(before.prompt_sent)
    said = [f"+ {x}" for x in now if x not in then] + [f"- {x}" for x in then if x not in now]
    if pic.seed != before.seed and pic.seed is not None:
        said.append(f"seed {before.seed} → {pic.seed}")
    if (pic.width, pic.height) != (before.width, before.height) and pic.width and before.width:
        said.append(f"size {before.width}×{before.height} → {pic.width}×{pic.height}")
    if not said:
        return f"Picture {pic.number} has the same prompt, seed and size as picture {before.number}."
    why = (" The seed was kept, but new words redraw the whole picture, so other parts (a face, a building) can shift "
           "too; to change one part only, paint over it in *Edit a region* and say what goes there."
           if pic.seed == before.seed and pic.seed is not None and pic.prompt_sent != before.prompt_sent else "")
    return f"From picture {before.number} to picture {pic.number}: " + "; ".join(said) + "." + why


def chat_reply(c: Chat, ctx: Context) -> str:
    if c.reply:
        return c.reply
    has = bool(ctx.pictures)
    if c.kind == "thanks":
        return "You're welcome! Tell me what to change, or describe a new picture." if has else "You're welcome!"
    if c.kind == "praise":
        return ("Glad you like it! Say what to change (\"now at night\", \"add a red umbrella\"), "
                "or \"another one\" for a new take.") if has else "Thank you! Describe a picture and I'll make it."
    if c.kind == "greeting":
        return ("Hi! Describe a picture and I'll make it, for example \"a fox in a snowy forest, watercolor\". "
                "Then keep talking to change it.")
    if c.kind == "bye":
        return "Goodbye! Your pictures stay here and in the gallery."
    if c.kind == "ack":
        return "Okay. What would you like next?" if has else "Okay. Describe a picture whenever you're ready."
    if c.kind == "negative":
        return ("Sorry about that. Tell me what to change, e.g. \"make it brighter\", \"remove the people\", "
                "\"undo\" or \"another one\".") if has else "No problem. Describe a picture whenever you like."
    if c.kind == "offtopic":
        return ("I'm a picture maker, so I can't answer general questions without a chat model (start the app with "
                "--chat-model). Ask me about a picture (its seed, prompt or model), or describe one to make.")
    return ("I didn't find a picture to make in that. Describe one, or say what to change about the last picture."
            if has else "Describe a picture and I'll make it, for example \"a red fox in the snow\".")


# The start of the answer to "how do i get a different version?", so "ok do that" after it can be read as asked.
HOW_TO_VARY = "Say \"another one\" (or \"again\", \"new seed\")"
_TOPIC_HELP = {
    "variations": (
        HOW_TO_VARY + " and I'll draw the same picture again with a new seed; \"3 more\" draws three. To keep this "
        "picture and change one thing, say the change (\"now at night\"): its seed is kept, so the rest stays. "
        "\"Go back to the first one\" or \"undo\" brings an earlier one back."),
    "settings": (
        "Say a setting or set it in Settings:\n\n"
        "- size: \"portrait\", \"16:9\", \"1024x1024\"; each model has a largest size, and a larger request is "
        "answered with its limit\n"        "- common shapes: square 1:1 (Instagram posts), 4:5 (Instagram portrait), 9:16 (stories, phone wallpapers), "
        "16:9 (YouTube thumbnails, slides, desktop wallpapers)\n"
        "- steps: how many denoising steps (\"30 steps\"); more is slower and finer, up to a point\n"
        "- guidance (CFG): how closely the picture follows the words (\"cfg 7\"); higher is more literal, too high "
        "looks harsh\n"
        "- seed: the starting noise (\"use seed 1234\"); the same seed and recipe make the same picture\n"
        "- strength: for a picture you give, how far it may change (\"--strength 0.4\"); \"keep it closer to my photo\" "
        "or \"be more creative with it\" draws it again from your picture with less or more\n"
        "- Midjourney-style flags work too (\"--ar 16:9\", \"--seed 1234\", \"--no text\"), and so do weights "
        "(\"(red hat:1.3)\"); Midjourney's own --chaos, --stylize and --v have no match here and are left out\n"
        "- the local model also takes a sampler and a clip skip (in Settings), and LoRA tags (\"<lora:name:0.8>\") "
        "when the app runs with a LoRA folder (--lora-dir)"),
    "edits": (
        "Talk to change the picture: \"now at night\", \"add a red umbrella\", \"remove the people\", \"make the dog "
        "a cat\", \"make it a watercolor\", \"closer\", \"from above\". Edits keep the seed, so the picture changes "
        "rather than starting over; \"undo\" takes a change back and \"go back to the first one\" returns to a picture. "
        "To redo one part only (inpainting), paint over it in *Edit a region* and say what goes there."),
    "uploads": (
        "Attach a picture to your message (upload, paste or drag it into the message box) and say what to change; "
        "\"keep it but …\" changes little. Links are not opened: download the picture and attach it. The picture is "
        "stored with your conversation, which only you see, and is deleted with it."),
    "languages": (
        "Write in any language. Without a chat model the app reads English best, and common requests in Spanish, "
        "French, German, Italian, Portuguese, Dutch, Chinese, Japanese and Korean; the Stable Diffusion model itself "
        "reads English, so other words may be misread. With a chat model (--chat-model) every language is translated."),
    "speed": (
        "A picture takes as long as its steps and size on the machine drawing it: seconds on a GPU, much longer on "
        "a CPU, and the first picture also loads the model. Fewer steps or a smaller size are faster; when others "
        "are drawing, your picture waits its turn (the chat shows where it is in line)."),
    "manage": (
        "Your pictures are in the Gallery tab: open one to download it, use its recipe again or delete it. *New chat* "
        "(beside Send) starts fresh; this conversation stays in the list, where it can be renamed or deleted."),
    "cost": (
        "imagechat itself is free and open source. A picture from the local model costs only the machine's time; "
        "DALL-E and gpt-image pictures are billed by OpenAI to the API key the app runs with. Whoever runs the app may "
        "set a number of pictures a day per person; when it is reached, the chat says so."),
    "privacy": (
        "Your conversations and pictures are kept in this app's own database, and each person sees only their own "
        "conversations and gallery. With the local model nothing you type or give leaves the machine; with DALL-E or "
        "gpt-image, the prompt (and a picture you give) is sent to OpenAI to be drawn. Deleting a conversation deletes "
        "its pictures."),
    "consistency": (
        "There is no identity lock, so a face can drift, but a character stays close when you keep its seed and "
        "describe it the same way each time: change one thing per message (\"same girl, now from behind\"), or branch "
        "from the picture that has it (\"take the second one and put her on a beach\"). \"use seed 1234\" brings a "
        "seed back; a picture you give is kept closest (\"keep it closer to my photo\")."),
    "offline": (
        "Yes: imagechat runs wherever it is installed. With the local model it needs no internet once the model's "
        "weights are on the machine; DALL-E and gpt-image need a connection to OpenAI."),
}


def help_text(h: Help) -> str:
    styles = [style_label(s) for s in list_styles()[1:]]
    if h.topic == "styles":
        return (f"There are {len(styles)} styles: " + ", ".join(styles) +
                ". Say \"make it a watercolor\" or \"in the style of ukiyo-e\", or pick one in Settings.")
    if h.topic == "files":
        return ("Every picture is kept in the Gallery, so you can come back to it later. "
                "Pictures are PNG files with their recipe (prompt, seed, steps, size) written inside, so dropping one "
                "back in restores it. Download one from the chat or the Gallery. The models draw pixels, so there is no "
                "SVG or other vector file; for print, ask for a larger size (\"1024x1024\").")
    if h.topic in _TOPIC_HELP:
        return _TOPIC_HELP[h.topic]
    if h.topic == "limits":
        return ("I make still pictures: no video, animation, sound or 3D files. Image models can get hands, small faces "
                "and exact lettering wrong; a close-up (\"closer on her face\"), a larger size or another seed usually "
                "helps, and \"what seed was that?\" lets you come back to one you liked.\n\n" + help_text(Help()))
    if h.topic == "rights":
        return ("What you may do with a picture is set by the licence of the model that drew it, not by this app: the "
                "local model's card says its licence, and OpenAI's terms cover its images. Check those before selling "
                "or printing, and ask someone qualified if it matters.")
    return (
        "Describe a picture and I'll make it; then talk to change it:\n\n"
        "- edit: \"now at night\", \"add a red umbrella\", \"remove the people\", \"make the dog a cat\", "
        "\"make it a watercolor\", \"closer\", \"from above\", \"no text\"\n"
        "- size and seed: \"landscape\", \"portrait\", \"--ar 16:9\", \"use seed 1234\", \"30 steps\"\n"
        "- again: \"another one\" (new seed), \"undo\", \"go back to the first one\", "
        "\"take the second one and make it blue\"\n"
        "- ask: \"what seed was that?\", \"what prompt did you use?\"\n\n"
        "Edits keep the seed, so the picture changes rather than starting over. Untick *Enhance my prompt* to send "
        "your words exactly.")
