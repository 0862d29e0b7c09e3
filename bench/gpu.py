"""Speed of the local backend on a GPU: eager vs --compile vs --deepcache, and 8 users at once.

Two pipelines with random weights, built from the published configs of Stable Diffusion 1.5 and of
SD-Turbo (an SD 2.1 UNet, OpenCLIP ViT-H text encoder), written out below (no download), fp16, 512².

* denoising speed, 30 steps, batch 1 (SD1.5-shaped with classifier-free guidance at 7.5,
  Turbo-shaped without): it/s eager, with DeepCache (every 3 steps), and compiled
  (channels_last, fused QKV, ``torch.compile`` of the UNet and the VAE decoder), after a warm-up;
  the compile's warm-up time is reported too;
* 8 users at once, 4 steps, Turbo-shaped: images/s through the app's job path (``JobRunner`` with
  the local backend loaded from a saved folder by the app's own loader, PNG and DuckDB included)
  against 8 sequential bare ``pipe()`` calls.

With no GPU the same measurements run on CPU on narrow versions of the two architectures (the
same blocks at a tenth of the width, 64², fp32, fewer steps) so the script is checked end to end;
those figures say nothing about a GPU and are labelled so.

    python bench/gpu.py                   # GPU when there is one, else the reduced CPU run
    python bench/gpu.py --compile-on-cpu  # the CPU run with the compile too (minutes of C++ builds)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.together import timed_together  # noqa: E402


@dataclass(frozen=True)
class Shape:
    """One architecture: the published config values, and how wide to build it."""

    name: str
    unet: dict
    text: dict
    guidance: float
    turbo: bool


# Stable Diffusion 1.5 (runwayml/stable-diffusion-v1-5: unet/, text_encoder/, vae/ config.json).
SD15 = Shape(
    "SD1.5-shaped",
    unet=dict(block_out_channels=(320, 640, 1280, 1280), layers_per_block=2, cross_attention_dim=768,
              attention_head_dim=8, sample_size=64,
              down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                "DownBlock2D"),
              up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D")),
    text=dict(hidden_size=768, intermediate_size=3072, num_hidden_layers=12, num_attention_heads=12,
              hidden_act="quick_gelu", projection_dim=768),
    guidance=7.5, turbo=False,
)
# SD-Turbo (stabilityai/sd-turbo: an SD 2.1 UNet with linear projections and 64-wide heads).
TURBO = Shape(
    "SD2.1-Turbo-shaped",
    unet=dict(block_out_channels=(320, 640, 1280, 1280), layers_per_block=2, cross_attention_dim=1024,
              attention_head_dim=(5, 10, 20, 20), use_linear_projection=True, sample_size=64,
              down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                "DownBlock2D"),
              up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D")),
    text=dict(hidden_size=1024, intermediate_size=4096, num_hidden_layers=23, num_attention_heads=16,
              hidden_act="gelu", projection_dim=512),
    guidance=0.0, turbo=True,
)
VAE = dict(block_out_channels=(128, 256, 512, 512), layers_per_block=2, latent_channels=4,
           down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4)


def narrow(shape: Shape) -> Shape:
    """The same blocks at a tenth of the width (and 2 text layers), for the CPU run."""
    unet = dict(shape.unet, block_out_channels=(32, 64, 128, 128), sample_size=8,
                cross_attention_dim=64)
    if isinstance(shape.unet["attention_head_dim"], tuple):  # SD2's per-level heads, 32 channels each
        unet["attention_head_dim"] = (1, 2, 4, 4)
    text = dict(shape.text, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
                projection_dim=64)
    return Shape(shape.name + " (narrow, CPU)", unet, text, shape.guidance, shape.turbo)


def build(shape: Shape, device: str, dtype, vae_channels: tuple[int, ...]):
    """A StableDiffusionPipeline with random weights, built on ``device`` directly."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    from tests.tiny_sd import build_tiny_tokenizer

    with tempfile.TemporaryDirectory() as tmp:
        tokenizer = build_tiny_tokenizer(Path(tmp))
    torch.manual_seed(0)
    with torch.device(device):
        unet = UNet2DConditionModel(in_channels=4, out_channels=4, **shape.unet)
        vae = AutoencoderKL(**dict(VAE, block_out_channels=vae_channels))
        text = CLIPTextModel(CLIPTextConfig(vocab_size=49408, max_position_embeddings=77, **shape.text))
    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                       timestep_spacing="trailing" if shape.turbo else "leading",
                                       steps_offset=1)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text, tokenizer=tokenizer, unet=unet, scheduler=scheduler,
                                   safety_checker=None, feature_extractor=None, requires_safety_checker=False)
    pipe.to(device, dtype)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def synchronize(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def its_per_second(pipe, shape: Shape, size: int, steps: int, device: str, runs: int) -> float:
    """Denoising steps per second, from the step callbacks' times (text encoding and decoding left
    out), median of ``runs`` calls."""
    import torch

    rates = []
    for r in range(runs):
        times: list[float] = []

        def on_step(_p, _i, _t, kwargs):
            synchronize(device)
            times.append(time.perf_counter())
            return kwargs

        with torch.inference_mode():
            pipe("a lighthouse on a cliff at dusk", num_inference_steps=steps, width=size, height=size,
                 guidance_scale=shape.guidance, output_type="latent", callback_on_step_end=on_step,
                 generator=torch.Generator("cpu").manual_seed(r))
        rates.append((len(times) - 1) / (times[-1] - times[0]))
    return statistics.median(rates)


def speed_table(shape: Shape, args, device: str, dtype, vae_channels) -> dict[str, float]:
    from pipeline.backends import local_speed
    from pipeline.backends.local_speed import SpeedOptions

    pipe = build(shape, device, dtype, vae_channels)
    out: dict[str, float] = {}
    its_per_second(pipe, shape, args.size, 3, device, 1)  # first-call costs
    out["eager it/s"] = its_per_second(pipe, shape, args.size, args.steps, device, args.runs)
    local_speed.apply(pipe, SpeedOptions(deepcache=True))
    out["deepcache it/s"] = its_per_second(pipe, shape, args.size, args.steps, device, args.runs)
    local_speed.remove_cache(pipe)
    if not args.skip_compile:
        import torch

        torch._dynamo.reset()
        local_speed.apply(pipe, SpeedOptions(compile=True))
        out["compile warm-up s"] = local_speed.warm_up(pipe, args.size, args.size, (1,), steps=2)
        out["compile it/s"] = its_per_second(pipe, shape, args.size, args.steps, device, args.runs)
    del pipe
    return out


def users_table(shape: Shape, args, device: str, dtype, vae_channels) -> dict[str, float]:
    """Images/s for ``args.users`` people asking at once through the app's job path, against the
    same number of sequential bare calls."""
    import torch

    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.events import Finished
    from pipeline.jobs import JobRunner
    from pipeline.request import GenerationRequest
    from pipeline.router import Router
    from storage import Store

    work = Path(tempfile.mkdtemp(prefix="imagechat-gpu-"))
    try:
        pipe = build(shape, device, dtype, vae_channels)
        pipe.save_pretrained(work / "model")

        def bare() -> float:
            t0 = time.perf_counter()
            for i in range(args.users):
                with torch.inference_mode():
                    pipe(f"a lighthouse, person {i}", num_inference_steps=args.user_steps, width=args.size,
                         height=args.size, guidance_scale=shape.guidance,
                         generator=torch.Generator("cpu").manual_seed(i))
            synchronize(device)
            return args.users / (time.perf_counter() - t0)

        bare()  # warm
        bare_ips = statistics.median(bare() for _ in range(args.runs))
        pipe = None  # the app loads its own copy from the folder; free this one first
        if device.startswith("cuda"):
            torch.cuda.empty_cache()

        backend = LocalDiffusersBackend(str(work / "model"), device=device.split(":")[0],
                                        dtype="float16" if dtype == torch.float16 else "float32")
        backend.load()
        store = Store(work / "bench.duckdb")
        runner = JobRunner(Router({"local": backend}, default="local"), store,
                           max_queued_per_user=args.users * 2, rate_limit_per_minute=0)

        finished: list = []

        def app() -> float:
            done: list[object] = []
            go = threading.Barrier(args.users + 1)

            def person(i: int) -> None:
                go.wait()
                job = runner.submit(GenerationRequest(
                    prompt=f"a lighthouse, person {i}", width=args.size, height=args.size,
                    steps=args.user_steps, guidance=shape.guidance, seed=i, user=f"person-{i}"))
                done.append(runner.wait(job, timeout=3600))

            threads = [threading.Thread(target=person, args=(i,)) for i in range(args.users)]
            took = timed_together(threads, go)
            if not all(isinstance(e, Finished) for e in done):
                raise RuntimeError(f"not every picture was made: {done}")
            finished.extend(done)
            return args.users / took

        app()  # warm
        app_ips = statistics.median(app() for _ in range(args.runs))
        runner.close()
        store.close()
        # where an app image's time goes: the pipeline call, and all of it (PNG and store included)
        timings = [e.image.timings for e in finished]
        return {"bare sequential images/s": bare_ips, "app images/s": app_ips, "app / bare": app_ips / bare_ips,
                "app generate_s (median)": statistics.median(t["generate_s"] for t in timings),
                "app total_s (median)": statistics.median(t["total_s"] for t in timings)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=None, help="steps for it/s (30 on a GPU, 12 on CPU)")
    ap.add_argument("--users", type=int, default=8)
    ap.add_argument("--user-steps", type=int, default=4)
    ap.add_argument("--runs", type=int, default=None, help="timed calls per figure, median (3)")
    ap.add_argument("--skip-compile", action="store_true")
    ap.add_argument("--cpu", action="store_true", help="the reduced CPU run even when a GPU is present")
    ap.add_argument("--compile-on-cpu", action="store_true",
                    help="include the compile in the CPU run (inductor builds C++ kernels: minutes here)")
    args = ap.parse_args()

    import torch

    gpu = torch.cuda.is_available() and not args.cpu
    if gpu:
        device, dtype, vae_channels = "cuda", torch.float16, VAE["block_out_channels"]
        shapes = (SD15, TURBO)
        args.size = 512
        args.steps, args.runs = args.steps or 30, args.runs or 3
        where = f"GPU: {torch.cuda.get_device_name(0)}, fp16, 512x512"
    else:
        torch.set_num_threads(1)  # a shared CPU: one thread measures more steadily
        device, dtype, vae_channels = "cpu", torch.float32, (32, 32, 64, 64)
        shapes = (narrow(SD15), narrow(TURBO))
        args.size = 64
        args.steps, args.runs = args.steps or 12, args.runs or 3
        where = ("NO GPU: reduced CPU run (narrow models, fp32, 64x64, 1 torch thread); these figures check "
                 "the script, they say nothing about GPU speed")
        if not args.compile_on_cpu and not args.skip_compile:
            args.skip_compile = True
            where += "\ncompile: skipped on CPU (--compile-on-cpu includes it)"
    print(where, flush=True)
    print(f"torch {torch.__version__}", flush=True)
    for shape in shapes:
        started = time.perf_counter()
        table = speed_table(shape, args, device, dtype, vae_channels)
        print(f"\n{shape.name}, {args.steps} steps, guidance {shape.guidance:g} ({time.perf_counter() - started:.0f} s)")
        for key, value in table.items():
            print(f"  {key:22} {value:8.2f}")
        if "compile it/s" in table:
            print(f"  {'compile / eager':22} {table['compile it/s'] / table['eager it/s']:8.2f}")
        print(f"  {'deepcache / eager':22} {table['deepcache it/s'] / table['eager it/s']:8.2f}", flush=True)
    turbo = shapes[1]
    table = users_table(turbo, args, device, dtype, vae_channels)
    print(f"\n{turbo.name}, {args.users} users at once, {args.user_steps} steps")
    for key, value in table.items():
        print(f"  {key:26} {value:8.3f}")


if __name__ == "__main__":
    main()
