"""imagechat: describe a picture in a chat and watch it form.

The composition root: settings → store, backends, router, jobs → chat UI and HTTP routes → launch.
Run `python app.py --help` for the flags (each has an environment variable).
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from config import Config, parse_config, redact_http_logs  # noqa: E402

if TYPE_CHECKING:  # annotations only: `python app.py --help` stays fast
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
    local: Backend
    remote: Backend
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
    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.backends.openai_images import OpenAIImagesBackend
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
    local = LocalDiffusersBackend(config.model, device=config.device, gpu_call=zero_gpu_decorator(config),
                                  lora_dir=config.lora_dir, preview=config.preview, taesd=config.taesd,
                                  model_config=config.model_config, threads=threads.torch_threads,
                                  max_batch=config.max_batch)
    gpu_available = None
    if config.broker:
        # Generation runs on Celery workers (each with its GPU); this process validates, queues,
        # relays progress and alone writes the database.
        from pipeline.backends.celery_remote import CeleryBackend

        # Jobs in flight are capped by --concurrency (set it to the number of workers), so a sent job
        # is taken at once; one that no worker takes in two minutes means none is running.
        local = CeleryBackend(config.broker, model=config.model, start_timeout_s=120.0, lora_dir=config.lora_dir,
                              model_config=config.model_config)
        gpu_available = lambda: True  # noqa: E731 - the workers are the GPUs
    remote = OpenAIImagesBackend(config.openai_api_key, base_url=config.openai_base_url, model=config.openai_model,
                                 deadline_s=config.openai_deadline, partial_images=config.openai_partial_images)
    router = Router({"local": local, "openai": remote}, default=config.backend,
                    **({"gpu_available": gpu_available} if gpu_available else {}))
    jobs = JobRunner(router, store, lanes={"local": config.concurrency, "openai": 4},
                     max_queued=config.max_queue, max_queued_per_user=config.max_queued_per_user,
                     rate_limit_per_minute=config.rate_limit)
    llm = (LLMConfig(api_key=config.openai_api_key, model=config.prompt_model, base_url=config.openai_base_url)
           if config.openai_api_key else None)
    from conversation.chat_model import make_interpreter
    from conversation.rules import RulesInterpreter
    from conversation.service import TurnService

    tokenizer = getattr(local, "tokenizer", None)
    tokenizer = tokenizer if callable(tokenizer) else (lambda: None)  # a remote backend has none here
    turns = TurnService(store, jobs, router, interpreter=make_interpreter(config, RulesInterpreter()),
                        tokenizer=tokenizer, quota=ImageQuota(store, config.max_images_per_visitor))
    chat = ChatService(store, jobs, router, turns, tokenizer=tokenizer, llm=llm)
    policy = RetentionPolicy.of(config.retention_days, config.max_db_gb)
    pruner = Pruner(store, policy, config.prune_interval_min * 60).start() if policy.active else None
    return Services(config, store, local, remote, router, jobs, chat, turns, pruner)


def zero_gpu_decorator(config: Config):
    """On a Hugging Face ZeroGPU Space, how the local backend asks for the GPU: each image runs in
    ``spaces.GPU``'s worker (the function is decorated at import, in pipeline.backends.local_diffusers),
    asking for what that image needs and never more than ``--gpu-duration`` seconds. Elsewhere None."""
    from pipeline import zerogpu

    if not zerogpu.enabled():  # SPACES_ZERO_GPU read as spaces reads it: "false", "0", "" are off
        return None
    if not zerogpu.spaces_installed():
        log.warning("SPACES_ZERO_GPU is set but the 'spaces' package is missing; running without ZeroGPU")
        return None
    return zerogpu.GpuBudget(ceiling_s=config.gpu_duration)


def open_share_link(demo) -> str | None:
    """The public *.gradio.live link, or None with one line saying why (the local server runs on)."""
    from gradio import networking

    try:
        url = networking.setup_tunnel(
            local_host=demo.server_name,
            local_port=demo.server_port,
            share_token=getattr(demo, "share_token", None) or secrets.token_urlsafe(32),
            share_server_address=None,
            share_server_tls_certificate=None,
        )
    except Exception as exc:
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        log.error("could not open the public share link (%s); still serving at %s", reason, demo.local_url)
        return None
    demo.share_url, demo.share = url, True
    log.info("public link: %s", url)
    return url


def launch(services: Services, *, block: bool = True):
    from starlette.middleware import Middleware

    from storage.tokens import ApiTokens
    from web.api import add_routes
    from web.client_address import ProxyTrust
    from web.gate import Gate, LoginThrottle
    from web.identity import People
    from web.retention_note import retention_note
    from web.ui import CSS, build_ui, share_warning

    config = services.config
    people = People.from_config(config, ApiTokens(services.store))
    demo = build_ui(services.chat, services.router, people=people,
                    warning=share_warning(people) if config.share and not config.auth else None,
                    note=retention_note(config.retention_days, config.max_images_per_visitor))
    demo.queue(default_concurrency_limit=None)
    # In front of every route: body cap, login before body, wrong-password throttle, visitor cookie.
    gate = Middleware(Gate, people=people, max_body_bytes=config.max_body_mb * 1024 * 1024,
                      throttle=LoginThrottle(lock_after=config.lockout_after),
                      proxies=ProxyTrust.of(config.trusted_proxies))
    demo.launch(
        server_name=config.host,
        server_port=config.port,
        share=False,  # opened below, so a failure is one line and the local server keeps running
        auth=list(config.auth) or None,
        auth_message="imagechat: log in to see your conversations.",
        prevent_thread_lock=True,
        show_error=False,  # failures are chat messages; tracebacks stay in the server log
        quiet=True,  # Gradio's hints speak of its own launch(); we say what matters below
        css=CSS,
        app_kwargs={"middleware": [gate]},
    )
    people.bind_gradio(demo.app)
    # Gradio has no catch-all route, so routes added now are served by the same server.
    add_routes(demo.app, services, people)
    log.info("imagechat is running at %s", demo.local_url)
    if config.share:
        open_share_link(demo)
    if block:
        try:
            demo.block_thread()
        finally:
            services.close()
    return demo


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
        try:
            services.local.load()
            log.info("model %s loaded", config.model)
        except Exception as exc:  # keep serving: the chat shows the same message per request
            log.error("could not preload %s: %s", config.model, getattr(exc, "user_message", exc))
    launch(services)
    return 0


if __name__ == "__main__":
    sys.exit(main())
