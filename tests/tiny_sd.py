"""A tiny, randomly initialised Stable Diffusion pipeline, built fully offline.

It has the real SD1.x architecture at toy width, so the app's own loading, callback and
preview code runs unchanged on it: UNet (32, 64) channels, a 4-layer CLIP text model of
width 32, a 2-level VAE (vae_scale_factor 2), Euler, no safety checker. Native size is
unet.sample_size (32) x vae_scale_factor (2) = 64 x 64. Weights are seeded, so the saved
folder is the same on every build.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

MAX_LENGTH = 77  # CLIP's context length, as in every SD1.x tokenizer

# Words that get a whole-word token, so token counts of ordinary prompts look like
# CLIP's (one token a common word); anything else falls back to one token per byte.
_WORDS = (
    "a an the of and with in on at by for to from photo photograph picture painting portrait "
    "drawing sketch cat dog fox bird horse tree forest mountain river lake sea ocean sky sun "
    "moon star city street house castle red blue green yellow black white golden big small "
    "old young happy cozy night day morning sunset light dark high detailed quality style "
    "oil watercolor digital art cinematic lighting realistic anime render"
).split()


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2/CLIP's reversible byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
    bs += list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def _bpe(pieces: list[str], ranks: dict[tuple[str, str], int]) -> list[str]:
    """Apply merges by rank, as the BPE model does."""
    while len(pieces) > 1:
        pairs = [(ranks.get(p, len(ranks)), i) for i, p in enumerate(zip(pieces, pieces[1:]))]
        rank, i = min(pairs)
        if rank == len(ranks):
            break
        pieces = pieces[:i] + [pieces[i] + pieces[i + 1]] + pieces[i + 2 :]
    return pieces


def _vocab_and_merges() -> tuple[dict[str, int], list[str]]:
    base = list(_bytes_to_unicode().values())
    tokens = base + [c + "</w>" for c in base]
    ranks: dict[tuple[str, str], int] = {}
    for word in _WORDS:
        # Segment with the merges so far, then append merges joining what is left, left to
        # right. Appended merges rank last, so words already whole stay whole.
        pieces = _bpe(list(word[:-1]) + [word[-1] + "</w>"], ranks)
        acc = pieces[0]
        for piece in pieces[1:]:
            ranks[(acc, piece)] = len(ranks)
            acc += piece
            if acc not in tokens:
                tokens.append(acc)
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    merges = [f"{a} {b}" for (a, b), _ in sorted(ranks.items(), key=lambda kv: kv[1])]
    return {tok: i for i, tok in enumerate(tokens)}, merges


def write_tokenizer_files(path: Path) -> Path:
    """Write vocab.json and merges.txt (CLIP's BPE format) into ``path``."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    vocab, merges = _vocab_and_merges()
    (path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (path / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
    return path


def build_tiny_tokenizer(path: Path):
    """A CLIPTokenizer (77-token context) from vocab/merges files written into ``path``."""
    from transformers import CLIPTokenizer

    write_tokenizer_files(path)
    return CLIPTokenizer.from_pretrained(str(path), model_max_length=MAX_LENGTH)


def build_tiny_pipeline(path: Path, *, vae_scale_factor: int = 2) -> Path:
    """Build the tiny pipeline and ``save_pretrained`` it into ``path``; return ``path``.

    ``vae_scale_factor`` 8 gives the VAE four levels, as in real SD1.x, with the UNet's sample size
    shrunk to keep the native size 64 x 64: large requested sizes (1024 x 1024) then cost what they
    would on a real model instead of a latent 8 x 8 times too big for the UNet's attention."""
    levels = {2: 2, 8: 4}[vae_scale_factor]
    import torch
    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextConfig, CLIPTextModel

    path = Path(path)
    with tempfile.TemporaryDirectory() as src:  # save_pretrained writes the tokenizer itself
        tokenizer = build_tiny_tokenizer(Path(src))

    # fork_rng: seed the weights without disturbing the caller's global RNG state.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            block_out_channels=(32, 64),
            layers_per_block=2,
            sample_size=64 // vae_scale_factor,
            in_channels=4,
            out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            cross_attention_dim=32,
        )
        torch.manual_seed(1)
        vae = AutoencoderKL(
            block_out_channels=(32, 64) if levels == 2 else (32, 32, 64, 64),
            in_channels=3,
            out_channels=3,
            down_block_types=("DownEncoderBlock2D",) * levels,
            up_block_types=("UpDecoderBlock2D",) * levels,
            latent_channels=4,
            sample_size=64,
        )
        torch.manual_seed(2)
        text_encoder = CLIPTextModel(
            CLIPTextConfig(
                vocab_size=len(tokenizer),
                hidden_size=32,
                intermediate_size=37,
                num_attention_heads=4,
                num_hidden_layers=4,
                max_position_embeddings=MAX_LENGTH,
                bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.pad_token_id,
                layer_norm_eps=1e-5,
                projection_dim=32,
            )
        )
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        num_train_timesteps=1000,
        steps_offset=1,
    )
    pipe = StableDiffusionPipeline(
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    pipe.save_pretrained(str(path), safe_serialization=True)
    return path


if __name__ == "__main__":  # python -m tests.tiny_sd OUT_DIR
    import sys

    print(build_tiny_pipeline(Path(sys.argv[1])))
