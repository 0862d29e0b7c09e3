"""The gate in front of every route: the login is checked before a body is read, bodies are capped
(413), and wrong passwords are slowed down, then locked out. Against the real app process where a
socket is the point; the lock-out tests drive the app in-process.

Raw sockets where it matters: a client that sends only the first megabyte of a declared 100 MB
body gets its answer only if the server answers without reading the rest."""

from __future__ import annotations

import base64
import logging
import socket
import time

import httpx
import pytest

from tests.apprunner import AppProcess
from tests.inprocess import InProcessApp
from tests.patience import PATIENCE_S

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

MB = 1024 * 1024
CAP_MB = 8
# How long a raw client waits for the status line. What is tested is that an answer comes at all
# (without the gate none ever would), so this is only the outer bound of that wait.
ANSWER_S = PATIENCE_S
START_S = PATIENCE_S
WRONG = "not-the-password-zq81"


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("gate")
    args = ["--model", str(tiny_model_dir), "--db", str(work / "gate.duckdb"), "--auth", "ann:pw1",
            "--max-body-mb", str(CAP_MB)]
    proc = AppProcess(work, args=args).start(timeout=START_S)
    try:
        yield proc
    finally:
        proc.stop()


# Uvicorn itself believes X-Forwarded-For from 127.0.0.1 (a proxy on the same machine), so a
# client that stands for one arriving from elsewhere connects from another loopback address.
ELSEWHERE = "127.0.0.2"


def from_elsewhere(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address=ELSEWHERE), timeout=PATIENCE_S)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def first_answer(port: int, method: str, path: str, headers: dict[str, str], body: bytes,
                 timeout: float = ANSWER_S) -> tuple[int, float]:
    """Send the head and ``body`` (maybe only the start of what Content-Length declares), then
    read the status line: (status, seconds it took)."""
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(head.encode())
        try:
            s.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed before all of it arrived: what a gate does
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]), time.monotonic() - started


def test_without_a_login_a_huge_json_is_refused_before_it_is_read(app):
    status, took = first_answer(app.port, "POST", "/api/generate",
                                {"Content-Type": "application/json", "Content-Length": str(100 * MB)},
                                b'{"prompt": "' + b"x" * MB)
    assert status == 401 and took < ANSWER_S


def test_without_a_login_a_huge_upload_to_import_is_refused_before_it_is_spooled(app):
    boundary = "gate-boundary"
    start = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n"
             "Content-Type: application/zip\r\n\r\n").encode()
    status, took = first_answer(app.port, "POST", "/api/import",
                                {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                 "Content-Length": str(300 * MB)}, start + b"\0" * MB)
    assert status == 401 and took < ANSWER_S


@pytest.mark.parametrize("path", ["/api/generate", "/api/import", "/gradio_api/upload"])
def test_a_body_over_the_cap_is_413_before_it_is_read_even_when_logged_in(app, path):
    status, took = first_answer(app.port, "POST", path,
                                {"Authorization": basic("ann", "pw1"), "Content-Type": "application/octet-stream",
                                 "Content-Length": str((CAP_MB + 1) * MB)}, b"\0" * MB)
    assert status == 413 and took < ANSWER_S


@pytest.mark.parametrize("path", ["/api/import", "/api/generate"])
def test_a_chunked_body_is_counted_as_it_streams_and_cut_at_the_cap(app, path):
    boundary = "gate-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n"
            "Content-Type: application/zip\r\n\r\n").encode() + b"\0" * ((CAP_MB + 2) * MB)
    framed = b"".join(f"{len(body[i:i + MB]):x}\r\n".encode() + body[i:i + MB] + b"\r\n"
                      for i in range(0, len(body), MB)) + b"0\r\n\r\n"
    kind = f"multipart/form-data; boundary={boundary}" if path.endswith("import") else "application/json"
    status, took = first_answer(app.port, "POST", path,
                                {"Authorization": basic("ann", "pw1"), "Transfer-Encoding": "chunked",
                                 "Content-Type": kind}, framed)
    assert status == 413 and took < ANSWER_S


def test_a_body_under_the_cap_still_works(app):
    r = httpx.post(app.url + "/api/generate", auth=("ann", "pw1"), json={"prompt": "a small cup", "steps": 1},
                   timeout=PATIENCE_S)
    assert r.status_code == 202, r.text


def test_wrong_passwords_are_slowed_then_locked_out_and_logged_without_the_password(app):
    """Last in the module: it locks this machine's address out of the app."""
    took = []
    client = from_elsewhere(app.url)
    for i in range(9):
        started = time.monotonic()
        # A forged X-Forwarded-For, new each time, changes nothing without trusted proxies.
        forged = {"Authorization": basic("ann", WRONG), "X-Forwarded-For": f"198.51.100.{i + 1}"}
        assert client.get("/api/images", headers=forged).status_code == 401
        took.append(time.monotonic() - started)
    assert min(took[3:]) >= 0.4  # slower after a few
    tenth = client.get("/api/images", headers={"Authorization": basic("ann", WRONG)})
    assert tenth.status_code == 401
    # Locked now: even the right password, by Basic or by the login form, waits.
    right = client.get("/api/images", headers={"Authorization": basic("ann", "pw1"),
                                               "X-Forwarded-For": "198.51.100.77"})
    assert right.status_code == 429 and int(right.headers["retry-after"]) > 0
    form = client.post("/login", data={"username": "ann", "password": "pw1"})
    assert form.status_code == 429
    log = app.log()
    assert "locked out" in log and ELSEWHERE in log and "198.51.100." not in log
    assert WRONG not in log and "pw1" not in log.replace("ann:pw1", "")


def test_wrong_passwords_on_the_login_form_count_too(tmp_path, tiny_model_dir, caplog):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "form.duckdb"), "--auth", "ann:pw1"]
    caplog.set_level(logging.INFO)
    with InProcessApp(tmp_path, args=args) as app, app.client() as client:
        for _ in range(10):
            r = client.post("/login", data={"username": "ann", "password": WRONG})
            assert r.status_code in (400, 401)
        r = client.post("/login", data={"username": "ann", "password": "pw1"})
        assert r.status_code == 429
    assert "locked out" in caplog.text and WRONG not in caplog.text


def test_on_a_space_two_clients_behind_its_proxy_are_locked_out_separately(tmp_path, tiny_model_dir, caplog):
    """On a Space every visitor's connection comes from Hugging Face's proxy, which names the client
    in X-Forwarded-For: one client's wrong passwords lock out that client, not everyone."""
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "space.duckdb"), "--auth", "ann:pw1",
            "--lockout-after", "4"]
    caplog.set_level(logging.INFO)
    # In-process, every request arrives from one peer ("testclient"): the Space's proxy.
    with InProcessApp(tmp_path, args=args, env={"SPACE_ID": "ann/imagechat"}) as app, app.client() as proxy:

        def via_proxy(client: str, password: str):
            # What the client wrote itself comes first; the proxy appends the address it saw.
            headers = {"Authorization": basic("ann", password), "X-Forwarded-For": f"192.0.2.200, {client}"}
            return proxy.get("/api/images", headers=headers)

        for _ in range(4):
            assert via_proxy("203.0.113.5", WRONG).status_code == 401
        assert via_proxy("203.0.113.5", "pw1").status_code == 429  # locked out
        assert via_proxy("203.0.113.6", "pw1").status_code == 200  # the other visitor is not
        # The forged left-hand entry is never taken for the client: the same one with another
        # proxy-seen address is not locked.
        assert via_proxy("203.0.113.7", "pw1").status_code == 200
        # Without X-Forwarded-For the proxy's own address is the key, and it is not locked either.
        assert proxy.get("/api/images", headers={"Authorization": basic("ann", "pw1")}).status_code == 200
    log = caplog.text
    assert "locked out" in log and "203.0.113.5" in log and "203.0.113.6" not in log and "testclient" not in log
