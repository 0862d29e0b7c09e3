"""A tiny, randomly initialised Stable Diffusion 3 pipeline with 16 latent channels, built offline.

SD3's real layout at toy width: an MMDiT transformer (one layer), two CLIP text encoders with
projections, no T5 (``text_encoder_3=None``, which the pipeline supports: it pads with zeros), a
2-level VAE with 16 latent channels, flow-matching Euler. Native size 32 x 2 = 64 px.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.tiny_sd import build_tiny_tokenizer


def build_tiny_sd3(path: Path | None = None):
    """The pipeline, and when ``path`` is given, saved there with ``save_pretrained`` (configs for the
    app's profile; loading it back needs ``text_encoder_3=None`` passed, as for the real SD3 without T5)."""
    import torch
    from diffusers import AutoencoderKL, FlowMatchEulerDiscreteScheduler, SD3Transformer2DModel, StableDiffusion3Pipeline
    from transformers import CLIPTextConfig, CLIPTextModelWithProjection

    with tempfile.TemporaryDirectory() as src:
        tokenizer = build_tiny_tokenizer(Path(src) / "1")
        tokenizer_2 = build_tiny_tokenizer(Path(src) / "2")
    vocab = len(tokenizer)

    def clip(seed: int) -> CLIPTextModelWithProjection:
        torch.manual_seed(seed)
        return CLIPTextModelWithProjection(CLIPTextConfig(
            bos_token_id=vocab - 2, eos_token_id=vocab - 1, pad_token_id=vocab - 1, hidden_size=32,
            intermediate_size=37, layer_norm_eps=1e-05, num_attention_heads=4, num_hidden_layers=2,
            vocab_size=vocab, projection_dim=32, hidden_act="gelu",
        ))

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        transformer = SD3Transformer2DModel(
            sample_size=32, patch_size=1, in_channels=16, out_channels=16, num_layers=1, attention_head_dim=8,
            num_attention_heads=4, caption_projection_dim=32, joint_attention_dim=64, pooled_projection_dim=64,
        )
        torch.manual_seed(1)
        vae = AutoencoderKL(
            block_out_channels=(32, 64), in_channels=3, out_channels=3,
            down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
            up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"),
            latent_channels=16, norm_num_groups=16, use_quant_conv=False, use_post_quant_conv=False,
            shift_factor=0.0609, scaling_factor=1.5035,
        )
        text_encoder, text_encoder_2 = clip(2), clip(3)
    pipe = StableDiffusion3Pipeline(
        transformer=transformer, scheduler=FlowMatchEulerDiscreteScheduler(), vae=vae,
        text_encoder=text_encoder, tokenizer=tokenizer, text_encoder_2=text_encoder_2, tokenizer_2=tokenizer_2,
        text_encoder_3=None, tokenizer_3=None,
    )
    pipe.set_progress_bar_config(disable=True)
    if path is not None:
        pipe.save_pretrained(str(path))
    return pipe
