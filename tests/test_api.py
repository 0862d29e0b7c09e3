"""The HTTP API from outside: the app built in-process (create_app) and driven through Starlette's
TestClient, SSE and WebSockets included. Two apps: an open one, and one with logins and tight queue
limits; the SIGKILL-and-restart test launches real processes, since a killed process is its point."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import threading
import time
from contextlib import ExitStack, contextmanager

import httpx
import pytest
from PIL import Image
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from tests.apprunner import AppProcess
from tests.inprocess import InProcessApp
from tests.patience import PATIENCE_S
from tests.task_polling import TERMINAL, wait_for_task

pytestmark = pytest.mark.slow

LONG_STEPS = 150  # the most a model allows: several seconds even for the tiny pipeline; always cancelled
USERS = {name: f"pw-{name}" for name in ("ann", "bob", "cat", "dee", "eve", "fay")}


# ---- the apps -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("api")
    args = ["--model", str(tiny_model_dir), "--db", str(work / "api.duckdb"),
            "--rate-limit", "0", "--max-queued-per-user", "64", "--max-queue", "64"]
    with InProcessApp(work, args=args) as built:
        yield built


@pytest.fixture(scope="module")
def auth_app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("api-auth")
    logins = ",".join(f"{u}:{p}" for u, p in USERS.items())
    args = ["--model", str(tiny_model_dir), "--db", str(work / "auth.duckdb"), "--auth", logins,
            "--max-queued-per-user", "1", "--max-queue", "2", "--rate-limit", "4",
            "--lockout-after", "0"]  # these tests try many wrong logins from one address on purpose
    with InProcessApp(work, args=args) as built:
        yield built


@pytest.fixture
def http(app):
    with app.client() as client:
        yield client


def login(name: str) -> tuple[str, str]:
    return name, USERS[name]


def basic_header(name: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{USERS[name]}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


# ---- helpers --------------------------------------------------------------------------------------


def generate(client: httpx.Client, **body) -> httpx.Response:
    return client.post("/api/generate", json=body)


def started(client: httpx.Client, **body) -> dict:
    r = generate(client, **body)
    assert r.status_code == 202, r.text
    return r.json()


def sse_events(client: httpx.Client, task_id: str, *, first: threading.Event | None = None, **params) -> list[dict]:
    """Every event of a task's stream until the server ends it; ``first`` is set at the first one."""
    events = []
    with client.stream("GET", f"/api/tasks/{task_id}/events", params=params) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("data:"):
                events.append(json.loads(line[5:].strip()))
                if first is not None:
                    first.set()
    return events


def ws_events(client: httpx.Client, path: str, headers: dict | None = None, *,
              first: threading.Event | None = None) -> tuple[list[dict], int | None]:
    """Every event of a task's WebSocket until the server closes it, and the close code."""
    events = []
    with client.websocket_connect(path, headers=dict(headers or {})) as ws:
        try:
            while True:
                events.append(ws.receive_json())
                if first is not None:
                    first.set()
        except WebSocketDisconnect as closed:
            return events, closed.code


def ws_path(task_id: str) -> str:
    return f"/api/tasks/{task_id}/ws"


@contextmanager
def lane_busy(client: httpx.Client):
    """A long job holding the one local worker, so jobs submitted meanwhile wait in the queue
    (and their subscribers see every event from `queued` on). Cancelled on the way out."""
    blocker = started(client, prompt="a long blocking painting", steps=LONG_STEPS)
    wait_for_task(client, blocker["task_id"], until=lambda t: t["status"] == "running")
    try:
        yield blocker
    finally:
        client.delete(f"/api/tasks/{blocker['task_id']}")


def progress_steps(events: list[dict]) -> list[int]:
    return [e["step"] for e in events if e["type"] == "progress"]


def details(r: httpx.Response) -> list[dict]:
    detail = r.json()["detail"]
    return detail if isinstance(detail, list) else [{"field": None, "message": detail}]


# ---- generating and following ----------------------------------------------------------------------


def test_generate_then_poll_to_the_stored_image(http):
    r = generate(http, prompt="a lighthouse on a cliff", steps=5, seed=42)
    assert r.status_code == 202, r.text
    body = r.json()
    task_id = body["task_id"]
    assert body["status"] == "queued" and body["backend"] == "local"
    assert body["status_url"].endswith(f"/api/tasks/{task_id}") and r.headers["location"] == body["status_url"]
    assert body["events_url"].endswith(f"/api/tasks/{task_id}/events")
    assert body["ws_url"].startswith("ws://") and body["ws_url"].endswith(f"/api/tasks/{task_id}/ws")
    # the chat's prompt engineering ran: the typed words, enhanced for the model
    assert "lighthouse" in body["prompt_sent"] and body["prompt_sent"] != "a lighthouse on a cliff"
    assert body["prompt"] == "a lighthouse on a cliff" and isinstance(body["warnings"], list)

    seen = set()
    task = wait_for_task(http, task_id, until=lambda t: seen.add(t["status"]) or t["status"] in TERMINAL)
    assert seen <= {"queued", "running", "succeeded"}
    assert task["status"] == "succeeded" and task["error"] is None
    assert task["progress"] == 1.0 and task["step"] == task["total"] == 5
    assert task["seed"] == 42 and task["prompt_sent"] == body["prompt_sent"]
    assert task["created_at"] and task["finished_at"]

    image = http.get(task["image_url"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (64, 64)
    assert image.headers["content-disposition"].startswith("inline")
    download = http.get(task["image_url"], params={"download": 1})
    assert download.headers["content-disposition"].startswith("attachment") and download.content == image.content
    assert http.get(task["image_url"], headers={"If-None-Match": image.headers["etag"]}).status_code == 304


def test_enhance_false_sends_the_prompt_as_typed(http):
    body = started(http, prompt="a cat, blue", enhance=False, steps=1)
    assert body["prompt_sent"] == "a cat, blue"
    assert wait_for_task(http, body["task_id"])["status"] == "succeeded"


def test_sse_sends_every_step_then_the_result(http):
    with lane_busy(http):
        body = started(http, prompt="a red bicycle", steps=6)
        collected: list[dict] = []
        subscribed = threading.Event()
        reader = threading.Thread(target=lambda: collected.extend(sse_events(http, body["task_id"], first=subscribed)))
        reader.start()
        assert subscribed.wait(PATIENCE_S)  # subscribed while the job waits behind the blocker
    reader.join(PATIENCE_S)
    assert not reader.is_alive()
    types = [e["type"] for e in collected]
    assert types[0] == "queued" and "started" in types, types
    assert progress_steps(collected) == [1, 2, 3, 4, 5, 6]
    assert types[-1] == "finished" and collected[-1]["image_id"]
    assert all(e["task_id"] == body["task_id"] for e in collected)
    assert http.get(f"/api/images/{collected[-1]['image_id']}").status_code == 200


def test_websocket_sends_the_same_events_then_closes_normally(app, http):
    with lane_busy(http):
        body = started(http, prompt="a green kite", steps=4)
        result: list = []
        subscribed = threading.Event()
        assert body["ws_url"].endswith(ws_path(body["task_id"]))
        reader = threading.Thread(target=lambda: result.extend(ws_events(http, ws_path(body["task_id"]),
                                                                         first=subscribed)))
        reader.start()
        assert subscribed.wait(PATIENCE_S)
    reader.join(PATIENCE_S)
    events, close_code = result
    assert close_code == 1000
    assert events[0]["type"] == "queued"
    assert progress_steps(events) == [1, 2, 3, 4]
    assert events[-1]["type"] == "finished" and events[-1]["task_id"] == body["task_id"]


def test_late_subscribers_start_from_the_current_state(app, http):
    task_id = started(http, prompt="a slow sunrise over hills", steps=LONG_STEPS)["task_id"]
    wait_for_task(http, task_id, until=lambda t: t["step"] >= 3)
    events, cancelled = [], False
    with http.stream("GET", f"/api/tasks/{task_id}/events", params={"previews": "true"}) as r:
        for line in r.iter_lines():
            if line.startswith("data:"):
                events.append(json.loads(line[5:]))
                # Seen enough of the run (six events, and a preview: they come at most 4 a second,
                # so fast steps can pass without one): stop it, and read on to the end.
                if not cancelled and len(events) >= 6 and any("preview_jpeg_b64" in e for e in events):
                    assert http.delete(f"/api/tasks/{task_id}").status_code == 200
                    cancelled = True
    first = events[0]
    assert first["type"] == "progress" and first["step"] >= 3  # not a replay from `queued`
    steps = progress_steps(events)
    assert steps == list(range(first["step"], first["step"] + len(steps))) and len(steps) >= 6
    assert events[-1]["type"] == "cancelled"
    previews = [e["preview_jpeg_b64"] for e in events if e.get("preview_jpeg_b64")]
    assert previews and Image.open(io.BytesIO(base64.b64decode(previews[0]))).format == "JPEG"

    # once finished, a stream is just the terminal event, over SSE and WebSocket alike
    done = wait_for_task(http, started(http, prompt="a quick pebble", steps=1)["task_id"])
    again = sse_events(http, done["task_id"])
    assert [e["type"] for e in again] == ["finished"] and again[0]["image_id"] == done["image_id"]
    assert again[0]["status"] == done["status"] == "succeeded"  # the stream says what polling says
    ws, code = ws_events(http, ws_path(done["task_id"]))
    assert [e["type"] for e in ws] == ["finished"] and code == 1000


def thread_count() -> int:
    """Threads of this process, where the app runs."""
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads through /proc")
def test_subscribers_that_leave_leave_nothing_behind(app, http):
    jobs = app.services.jobs
    with lane_busy(http):
        waiting = started(http, prompt="a patient queued heron", steps=1)["task_id"]
        before = thread_count()
        with ExitStack() as subscribers:
            readers = []  # kept: a stream's line reader dropped is a client gone
            for _ in range(4):
                r = subscribers.enter_context(http.stream("GET", f"/api/tasks/{waiting}/events"))
                readers.append(r.iter_lines())
                line = next(line for line in readers[-1] if line.startswith("data:"))
                assert json.loads(line[5:])["type"] == "queued"
            for _ in range(4):
                ws = subscribers.enter_context(http.websocket_connect(ws_path(waiting)))
                assert ws.receive_json()["type"] == "queued"
            assert jobs.watchers(waiting) == 8
            during = thread_count()
        # Viewers are subscriptions on the event loop, not threads: eight cost fewer than eight threads
        # (the shared pool may start one for a store lookup), and they are let go as they leave.
        assert during < before + 8, f"{before} threads before eight viewers, {during} with them"
        deadline = time.monotonic() + PATIENCE_S
        while jobs.watchers(waiting) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert jobs.watchers(waiting) == 0, "subscriptions outlived their viewers"
        assert http.get(f"/api/tasks/{waiting}").json()["status"] == "queued"
        assert http.delete(f"/api/tasks/{waiting}").json()["status"] == "cancelled"


def test_cancel_while_queued_and_while_running_stores_nothing(http):
    before = http.get("/api/images").json()["total"]
    with lane_busy(http) as running:
        queued = started(http, prompt="a queued owl", steps=2)
        assert http.get(f"/api/tasks/{queued['task_id']}").json()["status"] == "queued"
        r = http.delete(f"/api/tasks/{queued['task_id']}")
        assert r.status_code == 200 and r.json() == {"task_id": queued["task_id"], "cancelled": True,
                                                     "status": "cancelled"}
        wait_for_task(http, running["task_id"], until=lambda t: t["step"] >= 1)
        r = http.delete(f"/api/tasks/{running['task_id']}")
        assert r.status_code == 200 and r.json()["status"] == "cancelled"
    for task_id in (queued["task_id"], running["task_id"]):
        task = http.get(f"/api/tasks/{task_id}").json()
        assert task["status"] == "cancelled" and task["image_id"] is None and task["image_url"] is None
        again = http.delete(f"/api/tasks/{task_id}")
        assert again.status_code == 409 and "already ended" in again.json()["detail"]
        assert [e["type"] for e in sse_events(http, task_id)] == ["cancelled"]
    page = http.get("/api/images", params={"limit": 100}).json()
    assert page["total"] == before
    assert not {queued["task_id"], running["task_id"]} & {item["task_id"] for item in page["items"]}


def test_a_burst_of_twenty_clients_all_get_their_images(app):
    results: dict[int, dict] = {}
    errors: list[BaseException] = []

    def client(i: int) -> None:
        try:
            with app.client() as c:
                body = started(c, prompt=f"burst picture number {i}", steps=1, seed=i)
                if i % 2:
                    events = sse_events(c, body["task_id"])
                    assert events[-1]["type"] == "finished"
                task = wait_for_task(c, body["task_id"])
                assert c.get(task["image_url"]).status_code == 200
                results[i] = task
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(PATIENCE_S)
    assert not errors, errors
    assert len(results) == 20
    assert all(t["status"] == "succeeded" for t in results.values())
    assert len({t["image_id"] for t in results.values()}) == 20
    assert {t["seed"] for t in results.values()} == set(range(20))


def test_a_conversation_records_turns_and_reads_follow_ups(http):
    r = http.post("/api/conversations")
    assert r.status_code == 201
    conv_id = r.json()["conversation_id"]
    first = started(http, prompt="a red fox in the snow", steps=2, conversation_id=conv_id)
    assert wait_for_task(http, first["task_id"])["status"] == "succeeded"
    follow = started(http, prompt="now at night", steps=2, conversation_id=conv_id)
    assert "fox" in follow["prompt_sent"] and "night" in follow["prompt_sent"], follow
    assert follow["changes"] and follow["conversation_id"] == conv_id
    done = wait_for_task(http, follow["task_id"])
    messages = http.get(f"/api/conversations/{conv_id}").json()["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[0]["content"] == "a red fox in the snow" and messages[2]["content"] == "now at night"
    assert messages[3]["image_id"] == done["image_id"] and messages[3]["task_id"] == follow["task_id"]


# ---- the gallery ----------------------------------------------------------------------------------


def test_gallery_lists_recipes_and_thumbnails_never_full_images(http):
    for word in ("walrus", "walrus", "heron"):
        wait_for_task(http, started(http, prompt=f"a {word} on a rock", steps=1)["task_id"])
    page = http.get("/api/images", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["total"] >= 3 and page["limit"] == 2
    item = page["items"][0]
    assert item["thumbnail"].startswith("data:image/") and item["prompt"] and item["seed"] is not None
    assert {"width", "height", "steps", "guidance", "backend", "model", "prompt_sent", "image_url"} <= item.keys()
    full = base64.b64encode(http.get(item["image_url"]).content).decode()
    assert full not in json.dumps(page)  # the full image never travels in a listing

    walrus = http.get("/api/images", params={"q": "WALRUS"}).json()
    assert walrus["total"] == 2 and all("walrus" in i["prompt"] for i in walrus["items"])
    assert http.get("/api/images", params={"q": "no-such-word-zq"}).json()["total"] == 0
    second = http.get("/api/images", params={"limit": 1, "offset": 1}).json()["items"][0]
    assert second["id"] == page["items"][1]["id"]
    assert http.get("/api/images", params={"limit": 1000}).json()["limit"] == 100
    assert http.get("/api/images", params={"backend": "openai"}).json()["total"] == 0
    assert http.get("/api/images", params={"backend": "local", "style": "none"}).json()["total"] >= 3
    bad = http.get("/api/images", params={"limit": 0})
    assert bad.status_code == 422 and details(bad)[0]["field"] == "limit"


# ---- bad input and unknown ids --------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({}, 422, "prompt"),
        ({"prompt": ""}, 422, "prompt"),
        ({"prompt": "   "}, 422, "prompt"),
        ({"prompt": "a" * 20_001}, 422, "prompt"),
        ({"prompt": "a cat", "width": 0}, 422, "width"),
        ({"prompt": "a cat", "width": -64}, 422, "width"),
        ({"prompt": "a cat", "width": 65}, 422, "width"),  # the tiny model needs multiples of 2
        ({"prompt": "a cat", "height": "tall"}, 422, "height"),
        ({"prompt": "a cat", "steps": 151}, 422, "steps"),
        ({"prompt": "a cat", "steps": 2.5}, 422, "steps"),
        ({"prompt": "a cat", "seed": -1}, 422, "seed"),
        ({"prompt": "a cat", "seed": 2**40}, 422, "seed"),
        ({"prompt": "a cat", "guidance": 99}, 422, "guidance"),
        ({"prompt": "a cat", "style": "no-such-style"}, 422, "style"),
        ({"prompt": "a cat", "backend": "gpu"}, 422, "backend"),
        ({"prompt": "a cat", "model": "someone/else"}, 422, "model"),
        ({"prompt": "a cat", "stepz": 4}, 422, "stepz"),
        ({"prompt": "a cat", "backend": "openai"}, 503, None),  # no OPENAI_API_KEY here
        ({"prompt": "a cat", "conversation_id": "0123abcd"}, 404, None),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_field(http, body, status, field):
    r = generate(http, **body)
    assert r.status_code == status, r.text
    items = details(r)
    assert items and all(i["message"] for i in items)
    if field:
        assert field in [i["field"] for i in items], items
        assert any(field in i["message"].lower() for i in items), items
    assert "Traceback" not in r.text and "a" * 100 not in r.text  # nothing echoed back


@pytest.mark.parametrize("content, field", [('{"prompt": "a cat",', "body"), ("[1, 2]", "body"),
                                            ("prompt=a+cat", "body")])
def test_a_body_that_is_not_a_json_object_is_refused(http, content, field):
    r = http.post("/api/generate", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert details(r)[0]["field"] == field and "JSON" in details(r)[0]["message"]


def test_unknown_ids_answer_404(app, http):
    nobody = "0123456789abcdef0123456789abcdef"
    for method, path in [("GET", f"/api/tasks/{nobody}"), ("DELETE", f"/api/tasks/{nobody}"),
                         ("GET", f"/api/tasks/{nobody}/events"), ("GET", f"/api/images/{nobody}"),
                         ("GET", f"/api/images/{nobody}?download=1"), ("GET", f"/api/conversations/{nobody}")]:
        r = http.request(method, path)
        assert r.status_code == 404, (method, path, r.text)
        assert r.json()["detail"].startswith("No such")
    with pytest.raises(WebSocketDenialResponse) as refused:
        ws_events(http, ws_path(nobody))
    assert refused.value.status_code == 404


def test_openapi_and_docs_list_the_routes(http):
    schema = http.get("/openapi.json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/generate"]
    assert {"get", "delete"} <= paths["/api/tasks/{task_id}"].keys()
    assert "get" in paths["/api/tasks/{task_id}/events"] and "get" in paths["/api/images"]
    assert "get" in paths["/api/images/{image_id}"] and "post" in paths["/api/conversations"]
    assert "/ws" in schema["info"]["description"]  # WebSockets are not OpenAPI operations: described
    assert not any(p.startswith("/gradio_api") for p in paths)
    props = schema["components"]["schemas"]["GenerateBody"]["properties"]
    assert {"prompt", "negative_prompt", "style", "width", "steps", "seed", "conversation_id", "enhance"} <= props.keys()
    # The stream's messages are documented: one of the event types, told apart by `type`.
    stream = paths["/api/tasks/{task_id}/events"]["get"]["responses"]["200"]["content"]["text/event-stream"]
    assert stream["schema"] == {"$ref": "#/components/schemas/TaskEvent"}
    components = schema["components"]["schemas"]
    assert set(components["TaskEvent"]["discriminator"]["mapping"]) == {
        "queued", "loading", "started", "progress", "finished", "failed", "cancelled", "interrupted"}
    assert {"step", "total", "progress", "status", "task_id"} <= components["TaskEventProgress"]["properties"].keys()
    assert "Cancelled" in components  # the DELETE answer keeps its own name
    docs = http.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower() and "/openapi.json" in docs.text


# ---- logins and limits ----------------------------------------------------------------------------


def test_every_route_asks_for_a_login(auth_app):
    some = "0123456789abcdef0123456789abcdef"
    routes = [("POST", "/api/generate"), ("GET", f"/api/tasks/{some}"), ("DELETE", f"/api/tasks/{some}"),
              ("GET", f"/api/tasks/{some}/events"), ("GET", "/api/images"), ("GET", f"/api/images/{some}"),
              ("POST", "/api/conversations"), ("GET", f"/api/conversations/{some}"),
              ("GET", "/openapi.json"), ("GET", "/docs")]
    for auth in (None, ("ann", "wrong"), ("nobody", USERS["ann"])):
        with auth_app.client(auth=auth) as client:
            for method, path in routes:
                r = client.request(method, path, json={"prompt": "a cat"})
                assert r.status_code == 401, (method, path, auth, r.text)
                assert "USERS" not in r.text and "pw-" not in r.text
    with auth_app.client() as nobody, pytest.raises(WebSocketDenialResponse) as refused:
        ws_events(nobody, ws_path(some))
    assert refused.value.status_code == 401


def test_people_see_only_their_own_tasks_and_images(auth_app):
    with auth_app.client(auth=login("ann")) as ann, auth_app.client(auth=login("bob")) as bob:
        conv_id = ann.post("/api/conversations").json()["conversation_id"]
        task_id = started(ann, prompt="ann's private garden", steps=2, conversation_id=conv_id)["task_id"]
        task = wait_for_task(ann, task_id)
        assert task["status"] == "succeeded"
        image_id = task["image_id"]
        assert ann.get(f"/api/images/{image_id}").status_code == 200
        assert [i["id"] for i in ann.get("/api/images").json()["items"]] == [image_id]

        missing = bob.get("/api/tasks/ffffffffffffffffffffffffffffffff")
        for method, path in [("GET", f"/api/tasks/{task_id}"), ("DELETE", f"/api/tasks/{task_id}"),
                             ("GET", f"/api/tasks/{task_id}/events"), ("GET", f"/api/images/{image_id}"),
                             ("GET", f"/api/conversations/{conv_id}")]:
            r = bob.request(method, path)
            assert r.status_code == 404, (method, path)
            assert r.json()["reason"] == missing.json()["reason"] == "not_found"
        assert bob.get("/api/images").json() == {"items": [], "total": 0, "limit": 24, "offset": 0}
        stolen = generate(bob, prompt="now at night", conversation_id=conv_id)
        assert stolen.status_code == 404
        with auth_app.client() as anyone:
            with pytest.raises(WebSocketDenialResponse) as refused:
                ws_events(anyone, ws_path(task_id), headers=basic_header("bob"))
            assert refused.value.status_code == 404
            events, _ = ws_events(anyone, ws_path(task_id), headers=basic_header("ann"))
        assert [e["type"] for e in events] == ["finished"]

    # the browser's login cookie works as well as HTTP Basic
    with auth_app.client() as browser:
        assert browser.post("/login", data={"username": "ann", "password": USERS["ann"]}).status_code == 200
        assert browser.get(f"/api/tasks/{task_id}").json()["image_id"] == image_id
        assert browser.get(f"/api/images/{image_id}").status_code == 200


def test_queue_limits_and_the_rate_limit_answer_429_and_503(auth_app):
    clients = {name: auth_app.client(auth=login(name)) for name in ("cat", "dee", "eve", "fay")}
    cat, dee, eve, fay = clients.values()
    mine: list[tuple[httpx.Client, str]] = []
    try:
        running = started(cat, prompt="cat's long painting", steps=LONG_STEPS)["task_id"]
        mine.append((cat, running))
        wait_for_task(cat, running, until=lambda t: t["status"] == "running")
        mine.append((cat, started(cat, prompt="cat's second", steps=1)["task_id"]))  # waits: cat's one
        full = generate(cat, prompt="cat's third", steps=1)
        assert full.status_code == 429 and int(full.headers["retry-after"]) > 0
        assert full.json()["reason"] == "queue_full" and "waiting" in full.json()["detail"]

        mine.append((eve, started(eve, prompt="eve's", steps=1)["task_id"]))  # the server's queue: 2 of 2
        busy = generate(fay, prompt="fay's", steps=1)
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) > 0
        assert "queue" in busy.json()["detail"]
    finally:
        for client, task_id in mine:
            client.delete(f"/api/tasks/{task_id}")

    for i in range(4):  # dee's four a minute, each cancelled so no queue fills up
        task_id = started(dee, prompt=f"dee's picture {i}", steps=1)["task_id"]
        dee.delete(f"/api/tasks/{task_id}")
    limited = generate(dee, prompt="dee's fifth", steps=1)
    assert limited.status_code == 429 and limited.json()["reason"] == "user_rate_limit"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    for client in clients.values():
        client.close()


# ---- a crash --------------------------------------------------------------------------------------


def test_a_killed_server_leaves_the_task_interrupted_and_earlier_images_intact(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "crash.duckdb")]
    first = AppProcess(tmp_path, args=args).start()
    try:
        with httpx.Client(base_url=first.url, timeout=PATIENCE_S) as http:
            done = wait_for_task(http, started(http, prompt="a kept picture", steps=2)["task_id"])
            kept = http.get(done["image_url"]).content
            running = started(http, prompt="a doomed picture", steps=LONG_STEPS)["task_id"]
            wait_for_task(http, running, until=lambda t: t["step"] >= 1)
    finally:
        first.stop(signal.SIGKILL)
    assert first.proc.returncode == -signal.SIGKILL

    with AppProcess(tmp_path, args=args) as again, httpx.Client(base_url=again.url, timeout=PATIENCE_S) as http:
        task = http.get(f"/api/tasks/{running}").json()
        assert task["status"] == "interrupted" and task["error"] and task["image_id"] is None
        assert [e["type"] for e in sse_events(http, running)] == ["interrupted"]
        assert http.delete(f"/api/tasks/{running}").status_code == 409
        assert http.get(f"/api/tasks/{done['task_id']}").json()["status"] == "succeeded"
        assert http.get(f"/api/images/{done['image_id']}").content == kept
        assert [i["id"] for i in http.get("/api/images").json()["items"]] == [done["image_id"]]


def test_a_downloaded_png_carries_its_recipe(app):
    from storage.pngtext import parameters_to_recipe, read_parameters

    with app.client() as http:
        task = http.post("/api/generate", json={"prompt": "a lantern", "steps": 3, "seed": 77,
                                                "enhance": False}).json()["task_id"]
        deadline = time.monotonic() + PATIENCE_S
        while (state := http.get(f"/api/tasks/{task}").json())["status"] not in TERMINAL:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        r = http.get(f"/api/images/{state['image_id']}?download=1")
    assert r.headers["content-disposition"].startswith("attachment")
    recipe = parameters_to_recipe(read_parameters(r.content))
    assert recipe["prompt"] == "a lantern" and recipe["seed"] == 77 and recipe["steps"] == 3
