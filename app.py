"""imagechat: describe a picture in a chat and watch it form.

The composition root: settings → store, backends, router, jobs → one FastAPI app with the HTTP routes
and the chat UI (``create_app``, built without serving) → served with uvicorn (``main``).
Run `python app.py --help` for the flags (each has an environment variable).
"""

from __future__ import annotations

import gc
import logging
import os
import secrets
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from config import Config, parse_config  # noqa: E402
from redaction import redact_http_logs  # noqa: E402

if TYPE_CHECKING:  # annotations only: `python app.py --help` stays fast
    from fastapi import FastAPI

    from pipeline.backends.base import Backend
    from pipeline.jobs import JobRunner
    from pipeline.router import Router
    from storage import Store
    from storage.pruner import Pruner
    from web.chat import ChatService
    from conversation.service import TurnService

log = logging.getLogger("imagechat")


@dataclass
class Services:
    """What the UI and the API are built on; heavy modules are imported only in build_services."""

    config: Config
    store: Store
    backends: dict[str, Backend]  # by name, as the registry built them
    router: Router
    jobs: JobRunner
    chat: ChatService
    turns: TurnService
    pruner: Pruner | None = None

    def close(self) -> None:
        """Stop cleanly: pictures still forming are stopped and recorded as interrupted, each with
        a chat message offering Retry (as after a crash), then the database is closed."""
        if self.pruner is not None:  # first: a prune in progress finishes before the store closes
            self.pruner.close()
        close = getattr(self.turns.interpreter, "close", None)
        if close is not None:
            close()
        self.jobs.close()
        from web.chat import INTERRUPTED_MESSAGE

        stopped = self.store.interrupt_unfinished()
        if stopped:
            self.store.note_interrupted_tasks(INTERRUPTED_MESSAGE)
            log.info("stopped %d unfinished picture(s); they are marked interrupted", stopped)
        self.store.close()


def build_services(config: Config) -> Services:
    from pipeline.backends.registry import BACKENDS, BuildContext
    from pipeline.jobs import JobRunner
    from prompts import LLMConfig
    from pipeline.router import Router
    from storage import ImportLimits, Store
    from storage.pruner import Pruner
    from storage.quota import ImageQuota
    from storage.retention import RetentionPolicy
    from web.chat import ChatService

    store = Store(config.db, import_limits=ImportLimits(max_image_pixels=config.import_max_pixels,
                                                        max_recipes_bytes=config.import_max_recipes_mb * 1024 * 1024))
    interrupted = store.interrupt_unfinished()
    if interrupted:
        log.warning("%d task(s) were unfinished when the server last stopped; marked interrupted", interrupted)
    # ...and each one of a conversation says so there, where the chat offers Retry.
    from web.chat import INTERRUPTED_MESSAGE

    store.note_interrupted_tasks(INTERRUPTED_MESSAGE)
    from pipeline.threads import cores_available, plan_threads

    threads = plan_threads(cores_available(), config.threads, os.environ)
    log.info("%s", threads.why)
    # Every registered backend, each built by its spec from the settings (pipeline.backends.registry).
    context = BuildContext(torch_threads=threads.torch_threads, gpu_call=zero_gpu_decorator(config))
    backends = BACKENDS.build_all(config, context)
    router = Router(backends, default=config.backend)
    jobs = JobRunner(router, store, lanes=BACKENDS.lanes(config, backends),
                     max_queued=config.max_queue, max_queued_per_user=config.max_queued_per_user,
                     rate_limit_per_minute=config.rate_limit)
    llm = (LLMConfig(api_key=config.openai_api_key, model=config.prompt_model, base_url=config.openai_base_url)
           if config.openai_api_key else None)
    from conversation.chat_model import make_interpreter
    from conversation.rules import RulesInterpreter
    from conversation.service import TurnService

    tokenizer = _tokenizer(backends.values())
    turns = TurnService(store, jobs, router, interpreter=make_interpreter(config, RulesInterpreter()),
                        tokenizer=tokenizer, quota=ImageQuota(store, config.max_images_per_visitor))
    chat = ChatService(store, jobs, router, turns, tokenizer=tokenizer, llm=llm)
    policy = RetentionPolicy.of(config.retention_days, config.max_db_gb)
    pruner = Pruner(store, policy, config.prune_interval_min * 60).start() if policy.active else None
    return Services(config, store, backends, router, jobs, chat, turns, pruner)


def _tokenizer(backends: Iterable[Backend]) -> Callable[[], Any]:
    """The CLIP tokenizer of the first backend that has one (prompt budgets count its tokens);
    a hosted API, or a backend whose model runs elsewhere, has none here."""
    for backend in backends:
        tokenizer = getattr(backend, "tokenizer", None)
        if callable(tokenizer):
            return tokenizer
    return lambda: None


def preload(backends: Iterable[Backend]) -> None:
    """Load each backend's model that loads in this process, so the first image is not slow."""
    for backend in backends:
        load = getattr(backend, "load", None)
        if not callable(load):
            continue
        try:
            load()
            log.info("model %s loaded", backend.model_name())
        except Exception as exc:  # keep serving: the chat shows the same message per request
            log.error("could not preload %s: %s", backend.model_name(), getattr(exc, "user_message", exc))


def zero_gpu_decorator(config: Config):
    """On a Hugging Face ZeroGPU Space, how the local backend asks for the GPU: each image runs in
    ``spaces.GPU``'s worker (the function is decorated at import, in pipeline.backends.local_run),
    asking for what that image needs and never more than ``--gpu-duration`` seconds. Elsewhere None."""
    from pipeline import zerogpu

    if not zerogpu.enabled():  # SPACES_ZERO_GPU read as spaces reads it: "false", "0", "" are off
        return None
    if not zerogpu.spaces_installed():
        log.warning("SPACES_ZERO_GPU is set but the 'spaces' package is missing; running without ZeroGPU")
        return None
    return zerogpu.GpuBudget(ceiling_s=config.gpu_duration)


def create_app(config: Config, services: Services | None = None) -> "FastAPI":
    """The whole app (HTTP API, login page, Gradio UI) as one FastAPI app, built without serving.
    Its services are ``app.state.services``; whoever serves it closes them (``Services.close``)."""
    from web.app_factory import build_app

    return build_app(services if services is not None else build_services(config))


def shown_url(host: str, port: int) -> str:
    """The address to open in a browser (an any-address bind is reached at localhost)."""
    return f"http://{'localhost' if host in ('0.0.0.0', '::', '') else host}:{port}"


def open_share_link(config: Config, local_url: str) -> str | None:
    """The public *.gradio.live link to the running server, or None with one line saying why (the
    local server runs on). Gradio has no documented way to open its share tunnel for an app it did
    not launch; ``gradio.networking.setup_tunnel`` is the function its own ``launch(share=True)`` calls."""
    from gradio import networking

    try:
        url = networking.setup_tunnel(
            local_host="127.0.0.1" if config.host in ("0.0.0.0", "::", "") else config.host,
            local_port=config.port,
            share_token=secrets.token_urlsafe(32),
            share_server_address=None,
            share_server_tls_certificate=None,
        )
    except Exception as exc:
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        log.error("could not open the public share link (%s); still serving at %s", reason, local_url)
        return None
    log.info("public link: %s", url)
    return url


def serve(app: "FastAPI", services: Services) -> None:
    """Serve ``app`` with uvicorn on a thread of its own, so that the main thread is where Ctrl-C and
    SIGTERM arrive (as KeyboardInterrupt, see ``_stop_on_sigterm``) and the stop runs one clean path:
    the server stops, then pictures still forming are recorded interrupted and the database closes."""
    import threading

    import uvicorn

    config = services.config
    # timeout_graceful_shutdown: a viewer's open event stream does not hold the stop.
    server = uvicorn.Server(uvicorn.Config(app, host=config.host, port=config.port, log_level="warning",
                                           timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():  # uvicorn has said why (the port is taken, the address is wrong)
                raise SystemExit(f"imagechat: could not serve on {config.host}:{config.port}")
            thread.join(0.05)
        local_url = shown_url(config.host, config.port)
        log.info("imagechat is running at %s", local_url)
        if config.share:
            open_share_link(config, local_url)
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        services.close()
        gc.collect()  # cycles that hold DuckDB objects go now, not in the interpreter's teardown


def _warn_share(config: Config) -> None:
    from web.identity import NAMED, who_sees_what

    mode = NAMED if config.auth else config.history
    log.info("who sees what (%s): %s", mode, who_sees_what(mode, hf_oauth=config.hf_oauth).replace("`", ""))
    if config.share and not config.auth:
        log.warning("--share without --auth: anyone with the public link can use this machine's GPU. "
                    "Add --auth user:password to require a login.")


def _stop_on_sigterm() -> None:
    """SIGTERM (a service manager, ``docker stop``, a Space restart) stops the app the way Ctrl-C
    does, through the same clean path, instead of killing it mid-step."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    # Ctrl-C too, even where the process started with SIGINT ignored (a shell's background job):
    # Python then installs no KeyboardInterrupt of its own, and the app would never stop on it.
    signal.signal(signal.SIGINT, interrupt)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _stop_on_sigterm()
    config = parse_config(argv)
    redact_http_logs()  # before any client is made: a server URL may carry credentials
    log.info("starting with %s", config)
    _warn_share(config)
    from storage import StorageError

    try:
        services = build_services(config)
    except StorageError as exc:  # a locked file, a read-only folder, a damaged file: one line, no traceback
        print(f"imagechat: {exc}", file=sys.stderr)
        return 2
    if config.preload:
        preload(services.backends.values())
    app = create_app(config, services)
    from pipeline import zerogpu

    zerogpu.run_launch_start_up()  # what spaces would do in Blocks.launch, which uvicorn serving skips
    serve(app, services)
    return 0


if __name__ == "__main__":
    sys.exit(main())
