"""A tiny, randomly initialised SDXL pipeline, built offline.

SDXL's real layout at toy width: a UNet with ``text_time`` added conditioning (the pooled text
embedding and the size/crop ids), two CLIP text encoders side by side (the second with a projection,
whose pooled output conditions the UNet), a 2-level VAE with 4 latent channels, Euler. The widths
follow diffusers' own SDXL test components. Native size 32 x 2 = 64 px.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.tiny_sd import build_tiny_tokenizer

TIME_DIM = 8  # addition_time_embed_dim: six size/crop ids of this width each
TEXT_DIM = 32  # each encoder's width; the UNet reads both side by side


def build_tiny_sdxl(path: Path | None = None):
    """The pipeline, and when ``path`` is given, saved there with ``save_pretrained``."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionXLPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    with tempfile.TemporaryDirectory() as src:
        tokenizer = build_tiny_tokenizer(Path(src) / "1")
        tokenizer_2 = build_tiny_tokenizer(Path(src) / "2")

    def config() -> CLIPTextConfig:
        return CLIPTextConfig(
            vocab_size=len(tokenizer), hidden_size=TEXT_DIM, intermediate_size=37, num_attention_heads=4,
            num_hidden_layers=4, max_position_embeddings=tokenizer.model_max_length,
            bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id, layer_norm_eps=1e-5, projection_dim=TEXT_DIM, hidden_act="gelu",
        )

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            block_out_channels=(32, 64), layers_per_block=2, sample_size=32, in_channels=4, out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            attention_head_dim=(2, 4), use_linear_projection=True, transformer_layers_per_block=(1, 2),
            addition_embed_type="text_time", addition_time_embed_dim=TIME_DIM,
            projection_class_embeddings_input_dim=6 * TIME_DIM + TEXT_DIM, cross_attention_dim=2 * TEXT_DIM,
        )
        torch.manual_seed(1)
        vae = AutoencoderKL(
            block_out_channels=(32, 64), in_channels=3, out_channels=3,
            down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
            up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"), latent_channels=4, sample_size=64,
        )
        torch.manual_seed(2)
        text_encoder = CLIPTextModel(config())
        torch.manual_seed(3)
        text_encoder_2 = CLIPTextModelWithProjection(config())
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", num_train_timesteps=1000,
        steps_offset=1, timestep_spacing="leading",
    )
    pipe = StableDiffusionXLPipeline(
        vae=vae, text_encoder=text_encoder, text_encoder_2=text_encoder_2, tokenizer=tokenizer,
        tokenizer_2=tokenizer_2, unet=unet, scheduler=scheduler,
    )
    pipe.set_progress_bar_config(disable=True)
    if path is not None:
        pipe.save_pretrained(str(path), safe_serialization=True)
    return pipe


if __name__ == "__main__":  # python -m tests.tiny_sdxl OUT_DIR
    import sys

    build_tiny_sdxl(Path(sys.argv[1]))
    print(sys.argv[1])
