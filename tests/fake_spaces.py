"""A stand-in for Hugging Face's ``spaces`` package as it behaves on a ZeroGPU Space.

Installed as ``sys.modules["spaces"]`` before the app's modules are imported. ``GPU`` does what
``spaces/zero/wrappers.py`` (spaces 0.51) does for a generator function there:
  - reads the visitor's request from Gradio's context (``LocalContext.request``), which the real one
    sends to the scheduler to charge that visitor's quota; with none, this one refuses the call with a
    ``gr.Error``, so a call made outside the request fails loudly here;
  - asks for ``duration``, called with the function's own arguments when it is callable;
  - sends the arguments to the worker through a ``multiprocessing`` queue, which pickles them with
    ``ForkingPickler`` (a lock or a callback fails here, as it does there);
  - runs the function in a forked process and relays each yield back, pickled the same way; after
    each item the worker checks whether the caller closed the generator, and closes its own, while the
    caller's ``close()`` waits for it;
  - reports an exception from the worker by its class name only, in a ``gr.Error``.
On a ZeroGPU Space it also wraps ``gr.Blocks.launch`` to run its start-up (``zero.startup``), which
reports the decorated functions; ``STARTUPS`` records each. Left out: the scheduler and its quota, the
torch patching, CUDA. ``CALLS`` records each call.
"""

from __future__ import annotations

import functools
import inspect
import multiprocessing
import os
import threading
import types
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from typing import Any, Callable


@dataclass
class Call:
    function: str
    duration_s: Any
    request_headers: dict[str, str]
    app_pid: int
    pickled_bytes: int
    worker_pid: int | None = None
    yields: int = 0
    closed_early: bool = False
    worker_exit: int | None = None
    done: threading.Event = field(default_factory=threading.Event)


CALLS: list[Call] = []
DECORATED: list[str] = []  # the GPU functions, in the order they were decorated
STARTUPS: list[tuple[str, ...]] = []  # what each start-up reported: the GPU functions known then


def _start_up() -> None:
    """``spaces.zero.startup``: the real one packs the loaded CUDA weights and reports the decorated
    functions to the Space, which refuses calls to any it was not told of."""
    STARTUPS.append(tuple(DECORATED))


zero = types.SimpleNamespace(startup=_start_up)

if os.environ.get("SPACES_ZERO_GPU", "").lower() in ("1", "t", "true"):
    # As spaces.zero does at import on a ZeroGPU Space: the start-up runs when Blocks.launch is called.
    import gradio as _gr

    _orig_launch = _gr.Blocks.launch

    @functools.wraps(_orig_launch)
    def _launch(*args: Any, **kwargs: Any) -> Any:
        _start_up()
        _gr.Blocks.launch = _orig_launch
        return _gr.Blocks.launch(*args, **kwargs)

    _gr.Blocks.launch = _launch


def GPU(task: Callable | None = None, *, duration: Any = None, size: str | None = None, **_: Any):
    if not callable(task):
        return functools.partial(_gpu, duration=duration)
    return _gpu(task, duration=duration)


def _gpu(task: Callable, *, duration: Any) -> Callable:
    if not inspect.isgeneratorfunction(task):
        raise NotImplementedError("this stand-in relays generator functions only")
    DECORATED.append(f"{task.__module__}.{task.__qualname__}")

    @functools.wraps(task)
    def gradio_handler(*args: Any, **kwargs: Any):
        import gradio as gr
        from gradio.context import LocalContext

        request = LocalContext.request.get(None)
        if request is None:
            raise gr.Error("No Gradio request in context: ZeroGPU cannot charge this call to a visitor",
                           title="ZeroGPU client error")
        asked = duration(*args, **kwargs) if callable(duration) else duration
        pickled = ForkingPickler.dumps((args, kwargs))  # what arg_queue.put does; raises the same way
        call = Call(task.__name__, asked, dict(request.headers), os.getpid(), len(pickled))
        CALLS.append(call)

        fork = multiprocessing.get_context("fork")
        arg_queue, res_queue, stop = fork.SimpleQueue(), fork.SimpleQueue(), fork.Event()
        worker = fork.Process(target=_worker, args=(task, arg_queue, res_queue, stop), daemon=True)
        worker.start()
        call.worker_pid = worker.pid

        def sentinel() -> None:  # as the real Worker._close_on_exit: a dead worker ends the relay
            worker.join()
            call.worker_exit = worker.exitcode
            res_queue.put(("gone", None))
            call.done.set()

        threading.Thread(target=sentinel, daemon=True).start()
        arg_queue.put((args, kwargs))
        while True:
            kind, value = res_queue.get()
            if kind == "item":
                call.yields += 1
                try:
                    yield value
                except GeneratorExit:
                    # As the real one: tell the worker, and wait for it to finish its item and close.
                    call.closed_early = True
                    stop.set()
                    while res_queue.get()[0] not in ("end", "gone"):
                        pass
                    raise
            elif kind == "error":
                raise gr.Error(value, title="ZeroGPU worker error")
            elif kind == "end":
                return
            else:
                raise gr.Error("GPU task aborted", title="ZeroGPU worker error")

    return gradio_handler


def _worker(task: Callable, arg_queue, res_queue, stop) -> None:
    args, kwargs = arg_queue.get()
    gen = task(*args, **kwargs)
    while True:
        try:
            item = next(gen)
        except StopIteration:
            break
        except Exception as exc:
            res_queue.put(("error", type(exc).__name__))
            break
        if stop.is_set():
            gen.close()
            break
        res_queue.put(("item", item))
    res_queue.put(("end", None))
