"""``create_app(config)`` builds the whole app without serving it: the HTTP API, the login page and
the Gradio UI in one FastAPI app, with one answer to "who is asking" for all of them."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from fastapi import FastAPI

from tests.apprunner import ROOT
from tests.inprocess import InProcessApp
from tests.patience import PATIENCE_S

pytestmark = pytest.mark.slow


def test_create_app_builds_without_serving_from_the_command_line(tmp_path, tiny_model_dir):
    code = ("import sys; from app import create_app; from config import parse_config; "
            "app = create_app(parse_config(sys.argv[1:])); "
            "print(type(app).__name__, '/api/generate' in app.openapi()['paths']); "
            "app.state.services.close()")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run([sys.executable, "-c", code, "--model", str(tiny_model_dir), "--db", str(tmp_path / "c.duckdb")],
                          cwd=ROOT, capture_output=True, text=True, timeout=PATIENCE_S, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["FastAPI", "True"], done.stdout
    assert "is running" not in done.stderr  # nothing served


def test_one_app_serves_the_page_the_api_and_its_docs(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "open.duckdb"), "--history", "shared"]
    with InProcessApp(tmp_path, args=args) as app, app.client() as client:
        assert isinstance(app.app, FastAPI)
        page = client.get("/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        config = client.get("/config").json()
        assert any(c.get("props", {}).get("elem_id") == "chat" for c in config["components"])
        assert client.get("/api/images").json()["total"] == 0
        paths = client.get("/openapi.json").json()["paths"]
        assert "/api/generate" in paths and not any(p.startswith("/gradio_api") for p in paths)
        assert 'name="password"' not in client.get("/login", follow_redirects=False).text  # no logins, no form


def test_with_logins_the_page_sends_a_browser_to_the_login_form_and_its_session_works_everywhere(
        tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "named.duckdb"), "--auth", "ann:pw1,bob:pw2"]
    with InProcessApp(tmp_path, args=args) as app, app.client() as browser:
        first = browser.get("/", headers={"accept": "text/html"})
        assert first.status_code == 303 and first.headers["location"] == "/login"
        form = browser.get("/login")
        assert form.status_code == 200 and 'name="username"' in form.text and 'name="password"' in form.text
        assert "log in to see your conversations" in form.text
        assert browser.get("/config").status_code == 401  # Gradio's own routes ask too
        assert browser.get("/api/images").status_code == 401

        wrong = browser.post("/login", data={"username": "ann", "password": "nope"}, headers={"accept": "text/html"})
        assert wrong.status_code == 400 and "Incorrect credentials" in wrong.text and "nope" not in wrong.text
        right = browser.post("/login", data={"username": "ann", "password": "pw1"}, headers={"accept": "text/html"})
        assert right.status_code == 303 and right.headers["location"] == "/"
        cookie = right.headers["set-cookie"]
        assert cookie.startswith("imagechat-login=") and "HttpOnly" in cookie and "pw1" not in cookie

        assert browser.get("/").status_code == 200
        assert browser.get("/config").json()["username"] == "ann"  # the UI's person is the API's
        assert browser.get("/api/images").status_code == 200
        assert browser.get("/login", follow_redirects=False).status_code == 303  # logged in already

        out = browser.get("/logout")
        assert out.status_code == 303 and re.search(r"imagechat-login=;.*Max-Age=0", out.headers["set-cookie"])
        assert browser.get("/api/images").status_code == 401

    # a program logs in as gradio_client does: the form fields, then {"success": true}
    with InProcessApp(tmp_path, args=args) as app, app.client() as program:
        r = program.post("/login/", data={"username": "bob", "password": "pw2"})
        assert r.status_code == 200 and r.json() == {"success": True}
        assert program.get("/config").json()["username"] == "bob"
        assert program.get("/config", auth=("ann", "pw1")).status_code == 200  # HTTP Basic works for the UI too


def test_per_browser_visitors_are_the_same_person_to_the_ui_and_the_api(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "visitors.duckdb"), "--history", "per-browser"]
    with InProcessApp(tmp_path, args=args) as app, app.client() as one, app.client() as two:
        assert one.get("/").status_code == 200 and "imagechat-visitor" in one.cookies
        two.get("/")
        ones, twos = one.get("/config").json()["username"], two.get("/config").json()["username"]
        assert ones.startswith("anon:") and twos.startswith("anon:") and ones != twos
        assert one.cookies["imagechat-visitor"] not in ones  # the id is not the cookie's secret
