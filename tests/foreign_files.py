"""Pictures as other Stable Diffusion tools write them: real PNG/JPEG/WebP files with each
tool's metadata in the place and spelling that tool uses (A1111 ``parameters`` / EXIF
UserComment, ComfyUI ``prompt`` + ``workflow``, Fooocus JSON ``parameters`` + ``fooocus_scheme``,
InvokeAI ``invokeai_metadata``, NovelAI ``Title``/``Description``/``Software``/``Source``/``Comment``).
"""

from __future__ import annotations

import io
import json

from PIL import Image, PngImagePlugin

BIG_SEED = 5_000_000_000  # above 2**32 - 1, as A1111 and ComfyUI allow

A1111_TEXT = (
    "a lighthouse on a cliff, (storm:1.2), oil painting\n"
    "Negative prompt: blurry, text\n"
    f"Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: {BIG_SEED}, "
    "Size: 512x768, Model hash: 879db523c3, Model: dreamshaper_8, Denoising strength: 0.4, "
    "Hires upscale: 2, Hires upscaler: Latent, Version: v1.9.4"
)

COMFY_PROMPT = {
    "3": {"class_type": "KSampler", "inputs": {
        "seed": 123456789, "steps": 20, "cfg": 8.0, "sampler_name": "euler", "scheduler": "karras",
        "denoise": 1.0, "model": ["10", 0], "positive": ["6", 0], "negative": ["7", 0],
        "latent_image": ["5", 0]}},
    "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
    "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 640, "batch_size": 1}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a red fox in snow", "clip": ["10", 1]}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "watermark", "clip": ["10", 1]}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
    "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}},
    "10": {"class_type": "LoraLoader", "inputs": {
        "lora_name": "fox_style.safetensors", "strength_model": 0.8, "strength_clip": 0.8,
        "model": ["4", 0], "clip": ["4", 1]}},
}
# links: [link id, from node, from slot, to node, to slot, type], as ComfyUI saves them
COMFY_WORKFLOW = {"last_node_id": 10, "nodes": [], "links": [
    [1, 10, 0, 3, 0, "MODEL"], [2, 6, 0, 3, 1, "CONDITIONING"], [3, 7, 0, 3, 2, "CONDITIONING"],
    [4, 5, 0, 3, 3, "LATENT"], [5, 3, 0, 8, 0, "LATENT"], [6, 4, 2, 8, 1, "VAE"],
    [7, 8, 0, 9, 0, "IMAGE"], [8, 4, 0, 10, 0, "MODEL"], [9, 4, 1, 10, 1, "CLIP"],
    [10, 10, 1, 6, 0, "CLIP"], [11, 10, 1, 7, 0, "CLIP"],
], "version": 0.4}

FOOOCUS = {
    "adm_guidance": "(1.5, 0.8, 0.3)", "base_model": "juggernautXL_v8Rundiffusion",
    "base_model_hash": "aeb7e9e689", "full_negative_prompt": ["lowres", "bad hands"],
    "full_prompt": ["a cabin in the woods, cinematic", "highly detailed"], "guidance_scale": 4,
    "metadata_scheme": "fooocus", "negative_prompt": "lowres", "performance": "Speed",
    "prompt": "a cabin in the woods", "refiner_model": "None", "refiner_switch": 0.5,
    "resolution": "(1152, 896)", "sampler": "dpmpp_2m_sde_gpu", "scheduler": "karras",
    "seed": "1234567", "sharpness": 2, "steps": 30, "styles": "['Fooocus V2', 'Fooocus Enhance']",
    "vae": "Default (model)", "version": "Fooocus v2.5.5",
}

INVOKEAI = {
    "generation_mode": "txt2img", "positive_prompt": "a castle at dawn", "negative_prompt": "fog",
    "width": 768, "height": 512, "seed": 987654321, "rand_device": "cpu", "cfg_scale": 7.5,
    "cfg_rescale_multiplier": 0, "steps": 30, "scheduler": "dpmpp_2m_k",
    "model": {"key": "a1b2", "hash": "blake3:ff", "name": "stable-diffusion-v1-5", "base": "sd-1",
              "type": "main"},
    "loras": [{"model": {"name": "castle_lora"}, "weight": 0.75}], "app_version": "4.2.9",
}

NOVELAI_COMMENT = {
    "prompt": "1girl, reading a book, library", "steps": 28, "height": 832, "width": 1216, "scale": 5.0,
    "uncond_scale": 0.0, "cfg_rescale": 0.0, "seed": 2718281, "n_samples": 1, "noise_schedule": "native",
    "sampler": "k_euler_ancestral", "uc": "lowres, bad anatomy", "strength": 0.7, "noise": 0.0,
    "sm": True, "sm_dyn": False,
}


def _pixels(size: tuple[int, int] = (64, 48)) -> Image.Image:
    img = Image.new("RGB", size)
    img.putdata([((x * 7) % 256, (y * 5) % 256, (x + y) % 256) for y in range(size[1]) for x in range(size[0])])
    return img


def png_with(texts: dict[str, str], size: tuple[int, int] = (64, 48)) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    buf = io.BytesIO()
    _pixels(size).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def exif_user_comment(fmt: str, text: str) -> bytes:
    """A JPEG or WebP with ``text`` as its EXIF UserComment, as A1111 writes it (piexif's
    "UNICODE" header, then UTF-16 big-endian)."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\0" + text.encode("utf_16_be")
    buf = io.BytesIO()
    _pixels().save(buf, format=fmt, exif=exif.tobytes(), quality=90)
    return buf.getvalue()


def a1111_png() -> bytes:
    return png_with({"parameters": A1111_TEXT})


def a1111_jpeg() -> bytes:
    return exif_user_comment("JPEG", A1111_TEXT)


def a1111_webp() -> bytes:
    return exif_user_comment("WEBP", A1111_TEXT)


def comfyui_png() -> bytes:
    return png_with({"prompt": json.dumps(COMFY_PROMPT), "workflow": json.dumps(COMFY_WORKFLOW)})


def fooocus_png() -> bytes:
    return png_with({"parameters": json.dumps(FOOOCUS), "fooocus_scheme": "fooocus"})


def invokeai_png() -> bytes:
    return png_with({"invokeai_metadata": json.dumps(INVOKEAI)})


def novelai_png() -> bytes:
    return png_with({
        "Title": "AI generated image", "Description": NOVELAI_COMMENT["prompt"], "Software": "NovelAI",
        "Source": "Stable Diffusion XL C1E1DE52", "Comment": json.dumps(NOVELAI_COMMENT),
        "Generation time": "4.2",
    })
