"""Write a diffusers Stable Diffusion folder as one original-layout (LDM) .safetensors checkpoint, the
kind A1111 and civitai share, so ``from_single_file`` can be tested offline.

diffusers ships only the other direction (LDM -> diffusers, ``loaders/single_file_utils.py``); this is
the inverse of that mapping, after diffusers' own ``scripts/convert_diffusers_to_original_stable_diffusion.py``,
made general over the number of levels and where the attention blocks are, so the tiny model converts.
"""

from __future__ import annotations

from pathlib import Path


def _unet_map(unet) -> dict[str, str]:
    """diffusers prefix -> LDM prefix for the UNet."""
    cfg = unet.config
    levels = len(cfg.block_out_channels)
    per = cfg.layers_per_block
    m = {
        "time_embedding.linear_1.": "time_embed.0.", "time_embedding.linear_2.": "time_embed.2.",
        "conv_in.": "input_blocks.0.0.", "conv_norm_out.": "out.0.", "conv_out.": "out.2.",
        "mid_block.attentions.0.": "middle_block.1.",
    }
    for j in range(2):
        m[f"mid_block.resnets.{j}."] = f"middle_block.{2 * j}."
    for i in range(levels):
        for j in range(per):
            m[f"down_blocks.{i}.resnets.{j}."] = f"input_blocks.{(per + 1) * i + j + 1}.0."
            m[f"down_blocks.{i}.attentions.{j}."] = f"input_blocks.{(per + 1) * i + j + 1}.1."
        if i < levels - 1:
            m[f"down_blocks.{i}.downsamplers.0.conv."] = f"input_blocks.{(per + 1) * (i + 1)}.0.op."
        up_attn = "CrossAttn" in cfg.up_block_types[i]
        for j in range(per + 1):
            m[f"up_blocks.{i}.resnets.{j}."] = f"output_blocks.{(per + 1) * i + j}.0."
            m[f"up_blocks.{i}.attentions.{j}."] = f"output_blocks.{(per + 1) * i + j}.1."
        if i < levels - 1:
            m[f"up_blocks.{i}.upsamplers.0."] = f"output_blocks.{(per + 1) * i + per}.{2 if up_attn else 1}."
    return m


_RESNET = (("norm1.", "in_layers.0."), ("conv1.", "in_layers.2."), ("norm2.", "out_layers.0."),
           ("conv2.", "out_layers.3."), ("time_emb_proj.", "emb_layers.1."), ("conv_shortcut.", "skip_connection."))


def _convert_unet(unet) -> dict:
    prefixes = sorted(_unet_map(unet).items(), key=lambda kv: -len(kv[0]))
    out = {}
    for key, value in unet.state_dict().items():
        new = key
        for hf, sd in prefixes:
            if key.startswith(hf):
                rest = key[len(hf):]
                if ".resnets." in hf:
                    for a, b in _RESNET:
                        if rest.startswith(a):
                            rest = b + rest[len(a):]
                new = sd + rest
                break
        out["model.diffusion_model." + new] = value
    return out


def _convert_vae(vae) -> dict:
    levels = len(vae.config.block_out_channels)
    m = {"conv_norm_out.": "norm_out.", "mid_block.attentions.0.": "mid.attn_1."}
    for part in ("encoder.", "decoder."):
        for j in range(2):
            m[f"{part}mid_block.resnets.{j}."] = f"{part}mid.block_{j + 1}."
        m[f"{part}conv_norm_out."] = f"{part}norm_out."
        m[f"{part}mid_block.attentions.0."] = f"{part}mid.attn_1."
    for i in range(levels):
        for j in range(vae.config.layers_per_block + 1):
            m[f"encoder.down_blocks.{i}.resnets.{j}."] = f"encoder.down.{i}.block.{j}."
            m[f"decoder.up_blocks.{i}.resnets.{j}."] = f"decoder.up.{levels - 1 - i}.block.{j}."
        m[f"encoder.down_blocks.{i}.downsamplers.0."] = f"encoder.down.{i}.downsample."
        m[f"decoder.up_blocks.{i}.upsamplers.0."] = f"decoder.up.{levels - 1 - i}.upsample."
    prefixes = sorted(m.items(), key=lambda kv: -len(kv[0]))
    attn = (("group_norm.", "norm."), ("to_q.", "q."), ("to_k.", "k."), ("to_v.", "v."), ("to_out.0.", "proj_out."))
    out = {}
    for key, value in vae.state_dict().items():
        new = key
        for hf, sd in prefixes:
            if key.startswith(hf):
                new = sd + key[len(hf):]
                break
        new = new.replace("conv_shortcut.", "nin_shortcut.")
        if ".attn_1." in new:
            head, _, rest = new.partition(".attn_1.")
            for a, b in attn:
                if rest.startswith(a):
                    rest = b + rest[len(a):]
            new = f"{head}.attn_1.{rest}"
            if value.ndim == 2:  # LDM's attention projections are 1x1 convolutions
                value = value[:, :, None, None]
        out["first_stage_model." + new] = value
    return out


def _convert_clip(text_encoder) -> dict:
    out = {}
    for key, value in text_encoder.state_dict().items():
        key = key if key.startswith("text_model.") else "text_model." + key
        out["cond_stage_model.transformer." + key] = value
    return out


def write_ldm_checkpoint(model_dir: Path, path: Path) -> Path:
    from diffusers import StableDiffusionPipeline
    from safetensors.torch import save_file

    pipe = StableDiffusionPipeline.from_pretrained(str(model_dir))
    tensors = {**_convert_unet(pipe.unet), **_convert_vae(pipe.vae), **_convert_clip(pipe.text_encoder)}
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(path))
    return path
