"""Command-line flags, each with an environment variable, parsed into one frozen Config."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import urlsplit

from pipeline.backends.registry import AUTO, BACKENDS
from pipeline.preview_taesd import check_folder
from redaction import redact_url

# SD-Turbo: a distilled SD 2.1 that makes a usable 512x512 image in 1-4 steps, so a first image
# takes seconds on a GPU and well under a minute on a laptop CPU, instead of minutes for 25+ steps.
DEFAULT_MODEL = "stabilityai/sd-turbo"
DEFAULT_DB = "data/imagechat.duckdb"
SPACES_DB = "/data/imagechat.duckdb"  # Hugging Face Spaces' persistent volume, when attached


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 7860
    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    backend: str = "auto"
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "dall-e-3"
    prompt_model: str = "gpt-4o-mini"  # the chat model that may rewrite prompts (needs the OpenAI key)
    # The chat model that interprets turns; unset: the offline rules alone. Its own server and key,
    # separate from the image backend's, so images can come from OpenAI and chat from Ollama (or back).
    chat_model: str | None = None
    chat_base_url: str | None = None  # unset: OpenAI's
    chat_api_key: str | None = None
    share: bool = False
    auth: tuple[tuple[str, str], ...] = ()
    preload: bool = False
    device: str | None = None
    broker: str | None = None  # redis://host:port/0: generation runs on Celery workers
    concurrency: int = 1  # local generations at once (per GPU: 1); with a broker, jobs in flight to workers
    max_queue: int = 64
    max_queued_per_user: int = 8
    rate_limit: int = 30  # generation requests per user per minute; 0: no limit
    gpu_duration: int = 120  # seconds a ZeroGPU Space may hold the GPU for one image
    # OpenAI image jobs: the whole time one may take, every retry included (a hung provider would
    # otherwise hold a slot for 3 tries x 120 s), and the previews gpt-image models stream (0: none).
    openai_deadline: float = 90.0
    openai_partial_images: int = 2
    import_max_pixels: int = 8192 * 8192  # a bigger imported picture is skipped, by name, undecoded
    import_max_recipes_mb: int = 256  # recipes.json of an imported zip, at most (less for few pictures)
    # Bounded storage for a public app; each applies to anonymous visitors only. None: off.
    retention_days: int | None = None
    max_images_per_visitor: int | None = None  # pictures per anonymous visitor in any 24 hours
    max_db_gb: float | None = None
    prune_interval_min: float = 60.0
    lora_dir: str | None = None  # local backend: the folder <lora:name:w> in a prompt loads name.safetensors from
    model_config: str | None = None  # a single-file --model's configs: a diffusers folder or hub id
    preview: str = "latent"  # local previews: latent (projection) | taesd (AutoencoderTiny from taesd) | off
    taesd: str | None = None
    # Whose history a visitor sees without --auth: "per-browser" (each browser its own, automatic
    # whenever others can reach the app) or "shared" (one history: a single person on 127.0.0.1).
    history: str = "shared"
    max_body_mb: int = 256  # larger request bodies are refused with 413 before they are read
    lockout_after: int = 10  # wrong passwords from one address before it is locked out a while; 0: never
    # Proxies whose X-Forwarded-For names the client (for the wrong-password throttle); "*": any peer.
    trusted_proxies: tuple[str, ...] = ()
    hf_oauth: bool = False  # "Sign in with Hugging Face" (a Space whose README says hf_oauth: true)
    threads: int | None = None  # torch's CPU threads; None: from the cores available (pipeline.threads)
    max_batch: int | None = None  # images one local pipeline call may take; None: by device and free memory

    # Local backend speed options (pipeline.backends.local_speed): off by default, for a GPU.
    compile: bool = False
    deepcache: bool = False
    deepcache_interval: int = 3

    def __repr__(self) -> str:  # keep secrets out of logs and tracebacks
        return (
            f"Config(host={self.host!r}, port={self.port}, db={self.db!r}, model={self.model!r}, "
            f"backend={self.backend!r}, openai_key={'set' if self.openai_api_key else 'unset'}, "
            f"openai_base_url={redact_url(self.openai_base_url)!r}, openai_model={self.openai_model!r}, "
            f"prompt_model={self.prompt_model!r}, chat_model={self.chat_model!r}, "
            f"chat_base_url={redact_url(self.chat_base_url)!r}, chat_key={'set' if self.chat_api_key else 'unset'}, "
            f"share={self.share}, auth={'on' if self.auth else 'off'}, preload={self.preload}, "
            f"broker={redact_url(self.broker)!r}, concurrency={self.concurrency}, max_queue={self.max_queue}, "
            f"max_queued_per_user={self.max_queued_per_user}, rate_limit={self.rate_limit}, "
            f"openai_deadline={self.openai_deadline:g}, openai_partial_images={self.openai_partial_images}, "
            f"retention_days={self.retention_days}, max_images_per_visitor={self.max_images_per_visitor}, "
            f"max_db_gb={self.max_db_gb}, prune_interval_min={self.prune_interval_min}, "
            f"lora_dir={self.lora_dir!r}, preview={self.preview!r}, "
            f"history={self.history!r}, max_body_mb={self.max_body_mb}, lockout_after={self.lockout_after}, "
            f"trusted_proxies={self.trusted_proxies!r}, hf_oauth={self.hf_oauth}, threads={self.threads}, "
            f"max_batch={self.max_batch})"
        )

    __str__ = __repr__


HF_ROUTER_HOST = "router.huggingface.co"  # Hugging Face's OpenAI-compatible router: its key is HF_TOKEN


def chat_api_key(flag: str | None, base_url: str | None, env: Mapping[str, str]) -> str | None:
    """The chat model's key: the flag, IMAGECHAT_CHAT_API_KEY, else the key its server's users already
    have set: HF_TOKEN for Hugging Face's router (a Space's own secret), OPENAI_API_KEY otherwise."""
    if flag or env.get("IMAGECHAT_CHAT_API_KEY"):
        return flag or env["IMAGECHAT_CHAT_API_KEY"]
    host = (urlsplit(base_url).hostname or "") if base_url else ""
    fallback = "HF_TOKEN" if host == HF_ROUTER_HOST or host.endswith(".huggingface.co") else "OPENAI_API_KEY"
    return env.get(fallback) or None


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def reachable_by_others(host: str, share: bool, env: Mapping[str, str]) -> bool:
    """Whether people other than this machine's user can open the app: a public link, an address
    other than loopback, or a Hugging Face Space (SPACE_ID is set there)."""
    return share or bool(env.get("SPACE_ID")) or not (host in LOOPBACK_HOSTS or host.startswith("127."))


def trusted_proxies(flag: str | None, env: Mapping[str, str]) -> tuple[str, ...]:
    """The flag's proxies; on a Space without it, Hugging Face's proxy (every visitor arrives through it)."""
    from web.client_address import SPACE_PROXIES, parse_proxies

    if flag is not None:
        return parse_proxies(flag)
    return SPACE_PROXIES if env.get("SPACE_ID") else ()


def history_mode(flag: str, host: str, share: bool, env: Mapping[str, str]) -> str:
    """``--history auto`` resolved: each browser its own history whenever others can reach the app."""
    if flag != "auto":
        return flag
    return "per-browser" if reachable_by_others(host, share, env) else "shared"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _parse_auth(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            user, sep, password = item.partition(":")
            if not sep or not user or not password:
                raise argparse.ArgumentTypeError("--auth takes user:password (several separated by commas)")
            pairs.append((user, password))
    return tuple(pairs)


def default_db(env: Mapping[str, str]) -> str:
    if env.get("IMAGECHAT_DB"):
        return env["IMAGECHAT_DB"]
    if Path("/data").is_dir() and os.access("/data", os.W_OK):
        return SPACES_DB
    return DEFAULT_DB


def _deepcache_interval(value: str) -> int:
    """--deepcache-interval, checked where it is parsed (so the app and the Celery worker agree)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of steps, not {value!r}") from None
    if not 2 <= number <= 10:
        raise argparse.ArgumentTypeError(f"must be 2 to 10 steps, not {number}")
    return number


def add_local_backend_flags(p: argparse.ArgumentParser, env: Mapping[str, str]) -> None:
    """The local backend's own flags, shared by the app and the Celery worker so both make the same
    pictures from the same settings."""
    p.add_argument("--lora-dir", default=env.get("IMAGECHAT_LORA_DIR") or None, metavar="FOLDER",
                   help="local backend: a folder of LoRA .safetensors files that a prompt turns on with "
                        "<lora:name:0.8> (env IMAGECHAT_LORA_DIR)")
    p.add_argument("--model-config", default=env.get("IMAGECHAT_MODEL_CONFIG") or None, metavar="FOLDER_OR_ID",
                   help="for a single-file --model (.safetensors/.ckpt): a diffusers folder or hub id of the same "
                        "architecture to take its configs from; unset: diffusers' default for the architecture "
                        "(a download) (env IMAGECHAT_MODEL_CONFIG)")
    p.add_argument("--preview", choices=("latent", "taesd", "off"), default=env.get("IMAGECHAT_PREVIEW", "latent"),
                   help="local previews while a picture forms: latent (a cheap colour projection), taesd (a "
                        "tiny VAE decoder, sharper; needs --taesd), off (env IMAGECHAT_PREVIEW)")
    p.add_argument("--taesd", default=env.get("IMAGECHAT_TAESD") or None, metavar="FOLDER",
                   help="an AutoencoderTiny (TAESD) folder for --preview taesd, matching the model's family "
                        "(env IMAGECHAT_TAESD)")
    p.add_argument("--compile", action="store_true", default=_truthy(env.get("IMAGECHAT_COMPILE")),
                   help="local backend, for a GPU: channels_last, fused QKV projections and torch.compile of the "
                        "denoiser and the VAE decoder, compiled at load for the default size (a slower start; "
                        "a first picture at another size says it compiles first) (env IMAGECHAT_COMPILE)")
    p.add_argument("--deepcache", action="store_true", default=_truthy(env.get("IMAGECHAT_DEEPCACHE")),
                   help="local backend: reuse the UNet's deep features between full passes (DeepCache; a "
                        "first-block cache for transformer models), for pictures of 10 steps or more: "
                        "faster, slightly different pictures (env IMAGECHAT_DEEPCACHE)")
    p.add_argument("--deepcache-interval", type=_deepcache_interval, default=env.get("IMAGECHAT_DEEPCACHE_INTERVAL", "3"),
                   metavar="N", help="with --deepcache: a full UNet pass every N steps, 2 to 10 "
                                     "(env IMAGECHAT_DEEPCACHE_INTERVAL)")


def build_parser(env: Mapping[str, str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="app.py",
        description="imagechat: describe a picture in a chat and watch it form.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--host", default=env.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                   help="address to listen on (env GRADIO_SERVER_NAME); 0.0.0.0 for all interfaces")
    p.add_argument("--port", type=int, default=int(env.get("GRADIO_SERVER_PORT", "7860")),
                   help="port (env GRADIO_SERVER_PORT)")
    p.add_argument("--db", default=default_db(env),
                   help="DuckDB file holding conversations and images (env IMAGECHAT_DB)")
    p.add_argument("--model", default=env.get("IMAGECHAT_MODEL", DEFAULT_MODEL),
                   help="local backend: any diffusers text-to-image model id or local folder (env IMAGECHAT_MODEL)")
    p.add_argument("--backend", choices=BACKENDS.choices(), default=env.get("IMAGECHAT_BACKEND", AUTO),
                   help="which backend makes images; auto: local with a GPU or a local model folder, "
                        "else OpenAI when OPENAI_API_KEY is set, else local on the CPU (env IMAGECHAT_BACKEND)")
    p.add_argument("--openai-model", default=env.get("IMAGECHAT_OPENAI_MODEL", "dall-e-3"),
                   help="OpenAI image model, e.g. dall-e-3 or gpt-image-1 (env IMAGECHAT_OPENAI_MODEL); "
                        "the key comes from OPENAI_API_KEY, the server from OPENAI_BASE_URL")
    p.add_argument("--prompt-model", default=env.get("IMAGECHAT_PROMPT_MODEL", "gpt-4o-mini"),
                   help="chat model for the optional prompt rewrite, when OPENAI_API_KEY is set "
                        "(env IMAGECHAT_PROMPT_MODEL)")
    p.add_argument("--chat-model", default=env.get("IMAGECHAT_CHAT_MODEL") or None,
                   help="chat model that understands each message and writes the image prompt, e.g. "
                        "gpt-4o-mini, or a model on --chat-base-url; unset: the built-in rules only "
                        "(env IMAGECHAT_CHAT_MODEL)")
    p.add_argument("--chat-base-url", default=env.get("IMAGECHAT_CHAT_BASE_URL") or None,
                   help="OpenAI-compatible server for --chat-model (Ollama http://127.0.0.1:11434/v1, llama.cpp, "
                        "vLLM, https://router.huggingface.co/v1); unset: OpenAI's (env IMAGECHAT_CHAT_BASE_URL)")
    # The default is read in parse_config, not here: --help prints defaults, and this one is a secret.
    p.add_argument("--chat-api-key", default=None,
                   help="key for --chat-base-url (env IMAGECHAT_CHAT_API_KEY); unset: HF_TOKEN for Hugging "
                        "Face's router, else OPENAI_API_KEY")
    p.add_argument("--share", action="store_true", default=env.get("IMAGECHAT_SHARE", "") in ("1", "true"),
                   help="also open a public *.gradio.live link (env IMAGECHAT_SHARE=1)")
    p.add_argument("--auth", action="append", default=[env["IMAGECHAT_AUTH"]] if env.get("IMAGECHAT_AUTH") else [],
                   metavar="USER:PASSWORD", help="require a login; repeat or separate with commas (env IMAGECHAT_AUTH)")
    p.add_argument("--preload", action="store_true", default=env.get("IMAGECHAT_PRELOAD", "") in ("1", "true"),
                   help="load the local model at start-up so the first image is not slow (env IMAGECHAT_PRELOAD=1)")
    p.add_argument("--device", default=env.get("IMAGECHAT_DEVICE") or None,
                   help="force a torch device for the local backend: cuda, mps or cpu (env IMAGECHAT_DEVICE)")
    p.add_argument("--broker", default=env.get("IMAGECHAT_BROKER") or None, metavar="redis://HOST:PORT/0",
                   help="send generation to Celery workers through this Redis broker (env IMAGECHAT_BROKER); "
                        "start workers with: python -m pipeline.worker --broker URL --model MODEL")
    p.add_argument("--max-batch", type=int, default=env.get("IMAGECHAT_MAX_BATCH") or None, metavar="N",
                   help="local backend: images one pipeline call may take when waiting jobs can share it "
                        "(same size, steps, guidance, sampler; env IMAGECHAT_MAX_BATCH); unset: 1 on the CPU, "
                        "up to 8 on a CUDA GPU as its free memory allows")
    p.add_argument("--concurrency", type=int, default=int(env.get("IMAGECHAT_CONCURRENCY", "1")),
                   help="local generations at once (one per GPU); with --broker, jobs in flight to workers "
                        "(env IMAGECHAT_CONCURRENCY)")
    p.add_argument("--max-queue", type=int, default=int(env.get("IMAGECHAT_MAX_QUEUE", "64")),
                   help="images waiting at most, for everyone together (env IMAGECHAT_MAX_QUEUE)")
    p.add_argument("--max-queued-per-user", type=int, default=int(env.get("IMAGECHAT_MAX_QUEUED_PER_USER", "8")),
                   help="images one person may have waiting (env IMAGECHAT_MAX_QUEUED_PER_USER)")
    p.add_argument("--rate-limit", type=int, default=int(env.get("IMAGECHAT_RATE_LIMIT", "30")),
                   help="image requests per person per minute, 0 for no limit (env IMAGECHAT_RATE_LIMIT)")
    p.add_argument("--gpu-duration", type=int, default=int(env.get("IMAGECHAT_GPU_DURATION", "120")),
                   help="on a ZeroGPU Space: seconds one image may hold the GPU (env IMAGECHAT_GPU_DURATION)")
    p.add_argument("--openai-deadline", type=float, default=float(env.get("IMAGECHAT_OPENAI_DEADLINE", "90")),
                   help="seconds one OpenAI image may take in all, retries included, before it fails "
                        "(env IMAGECHAT_OPENAI_DEADLINE)")
    p.add_argument("--openai-partial-images", type=int, default=int(env.get("IMAGECHAT_OPENAI_PARTIAL_IMAGES", "2")),
                   help="previews a gpt-image model streams while it draws, 0 to 3; each costs a little "
                        "(env IMAGECHAT_OPENAI_PARTIAL_IMAGES)")
    p.add_argument("--import-max-pixels", type=int, default=int(env.get("IMAGECHAT_IMPORT_MAX_PIXELS", 8192 * 8192)),
                   help="an imported picture with more pixels is skipped, by name (env IMAGECHAT_IMPORT_MAX_PIXELS)")
    p.add_argument("--import-max-recipes-mb", type=int, default=int(env.get("IMAGECHAT_IMPORT_MAX_RECIPES_MB", "256")),
                   help="the most an imported zip's recipes.json may unpack to; a zip of few pictures may hold "
                        "less: 1 MB + 64 kB a picture (env IMAGECHAT_IMPORT_MAX_RECIPES_MB)")
    p.add_argument("--retention-days", type=int, default=env.get("IMAGECHAT_RETENTION_DAYS") or None,
                   metavar="N", help="delete anonymous visitors' conversations and pictures after N days; named and "
                                     "signed-in people keep theirs (env IMAGECHAT_RETENTION_DAYS); unset: kept")
    p.add_argument("--max-images-per-visitor", type=int,
                   default=env.get("IMAGECHAT_MAX_IMAGES_PER_VISITOR") or None, metavar="N",
                   help="pictures one anonymous visitor may make in any 24 hours "
                        "(env IMAGECHAT_MAX_IMAGES_PER_VISITOR); unset: no limit")
    p.add_argument("--max-db-gb", type=float, default=env.get("IMAGECHAT_MAX_DB_GB") or None, metavar="X",
                   help="keep the database's data under X GB by deleting the oldest anonymous visitors' "
                        "conversations first; named people's data is never deleted (env IMAGECHAT_MAX_DB_GB)")
    p.add_argument("--prune-interval", type=float, default=env.get("IMAGECHAT_PRUNE_INTERVAL") or 60.0,
                   metavar="MINUTES", help="how often --retention-days and --max-db-gb are applied, besides at start "
                                           "(env IMAGECHAT_PRUNE_INTERVAL)")
    add_local_backend_flags(p, env)
    p.add_argument("--history", choices=("auto", "per-browser", "shared"),
                   default=env.get("IMAGECHAT_HISTORY", "auto"),
                   help="without --auth, whose history a visitor sees: per-browser (each browser only its own) "
                        "or shared (one history for everyone); auto: per-browser with --share, a non-loopback "
                        "--host or on a Hugging Face Space, shared on 127.0.0.1 (env IMAGECHAT_HISTORY)")
    p.add_argument("--max-body-mb", type=int, default=int(env.get("IMAGECHAT_MAX_BODY_MB", "256")),
                   help="largest request body accepted, in MB (uploads and imports included); larger ones get "
                        "413 before they are read (env IMAGECHAT_MAX_BODY_MB)")
    p.add_argument("--lockout-after", type=int, default=int(env.get("IMAGECHAT_LOCKOUT_AFTER", "10")),
                   help="wrong passwords or API tokens from one address before it is locked out for 5 minutes "
                        "(answers slow down from the 3rd); 0: never lock out (env IMAGECHAT_LOCKOUT_AFTER)")
    p.add_argument("--trusted-proxies", default=env.get("IMAGECHAT_TRUSTED_PROXIES") or None,
                   metavar="ADDRESSES",
                   help="reverse proxies (addresses or networks, comma-separated; * for whoever connects) whose "
                        "X-Forwarded-For names the client, so wrong passwords lock out that client and not the "
                        "proxy; on a Hugging Face Space its proxy is trusted by default; otherwise the header is "
                        "ignored (env IMAGECHAT_TRUSTED_PROXIES)")
    p.add_argument("--hf-oauth", action="store_true", default=_truthy(env.get("IMAGECHAT_HF_OAUTH")),
                   help="offer 'Sign in with Hugging Face' (needs a Space with hf_oauth: true in its README; "
                        "on a Space with OAuth enabled this is automatic) (env IMAGECHAT_HF_OAUTH=1)")
    p.add_argument("--threads", type=int, default=env.get("IMAGECHAT_THREADS") or None, metavar="N",
                   help="CPU threads for the local model's torch kernels (env IMAGECHAT_THREADS); unset: "
                        "OMP_NUM_THREADS when set, else the cores available less one or two for previews, "
                        "PNG encoding and the web server")
    return p


def parse_config(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    parser = build_parser(env)
    args = parser.parse_args(argv)
    try:
        auth = _parse_auth(args.auth)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    if not 0 < args.port < 65536:
        parser.error(f"--port must be between 1 and 65535, not {args.port}")
    for flag, value, low in (("--concurrency", args.concurrency, 1), ("--max-queue", args.max_queue, 1),
                             ("--max-queued-per-user", args.max_queued_per_user, 1),
                             ("--rate-limit", args.rate_limit, 0), ("--gpu-duration", args.gpu_duration, 1),
                             ("--import-max-pixels", args.import_max_pixels, 1),
                             ("--import-max-recipes-mb", args.import_max_recipes_mb, 1),
                             ("--max-body-mb", args.max_body_mb, 1), ("--lockout-after", args.lockout_after, 0)):
        if value < low:
            parser.error(f"{flag} must be at least {low}, not {value}")
    if not 0 < args.openai_deadline <= 3600:
        parser.error(f"--openai-deadline must be between 0 and 3600 seconds, not {args.openai_deadline:g}")
    if not 0 <= args.openai_partial_images <= 3:
        parser.error(f"--openai-partial-images must be 0 to 3, not {args.openai_partial_images}")
    for flag, value in (("--retention-days", args.retention_days),
                        ("--max-images-per-visitor", args.max_images_per_visitor)):
        if value is not None and value < 1:
            parser.error(f"{flag} must be at least 1, not {value}")
    for flag, value in (("--threads", args.threads), ("--max-batch", args.max_batch)):
        if value is not None and value < 1:
            parser.error(f"{flag} must be at least 1, not {value}")
    for flag, value in (("--max-db-gb", args.max_db_gb), ("--prune-interval", args.prune_interval)):
        if value is not None and not value > 0:  # NaN too
            parser.error(f"{flag} must be a positive number, not {value}")
    if args.preview == "taesd" and (why := check_folder(args.taesd)):
        parser.error(why)
    try:
        proxies = trusted_proxies(args.trusted_proxies, env)
    except ValueError as exc:
        parser.error(f"--trusted-proxies: {exc}")
    if args.broker and not args.broker.startswith(("redis://", "rediss://")):
        parser.error("--broker takes a Redis URL such as redis://127.0.0.1:6379/0")
    return Config(
        host=args.host,
        port=args.port,
        db=args.db,
        model=args.model,
        backend=args.backend,
        openai_api_key=env.get("OPENAI_API_KEY") or None,
        openai_base_url=env.get("OPENAI_BASE_URL") or None,
        openai_model=args.openai_model,
        prompt_model=args.prompt_model,
        chat_model=args.chat_model,
        chat_base_url=args.chat_base_url,
        chat_api_key=chat_api_key(args.chat_api_key, args.chat_base_url, env),
        share=args.share,
        auth=auth,
        preload=args.preload,
        device=args.device,
        broker=args.broker,
        concurrency=args.concurrency,
        max_queue=args.max_queue,
        max_queued_per_user=args.max_queued_per_user,
        rate_limit=args.rate_limit,
        gpu_duration=args.gpu_duration,
        openai_deadline=args.openai_deadline,
        openai_partial_images=args.openai_partial_images,
        import_max_pixels=args.import_max_pixels,
        import_max_recipes_mb=args.import_max_recipes_mb,
        retention_days=args.retention_days,
        max_images_per_visitor=args.max_images_per_visitor,
        max_db_gb=args.max_db_gb,
        prune_interval_min=args.prune_interval,
        lora_dir=args.lora_dir,
        model_config=args.model_config,
        preview=args.preview,
        taesd=args.taesd,
        history=history_mode(args.history, args.host, args.share, env),
        max_body_mb=args.max_body_mb,
        lockout_after=args.lockout_after,
        trusted_proxies=proxies,
        # A Space with hf_oauth: true in its README front matter gets OAUTH_CLIENT_ID from Hugging Face.
        hf_oauth=args.hf_oauth or bool(env.get("SPACE_ID") and env.get("OAUTH_CLIENT_ID")),
        threads=args.threads,
        max_batch=args.max_batch,

        compile=args.compile,
        deepcache=args.deepcache,
        deepcache_interval=args.deepcache_interval,
    )
