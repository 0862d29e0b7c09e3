"""The login page for ``--auth``: a form, the session cookie it sets, and logging out.

The Gradio UI is mounted with an ``auth_dependency`` (web.app_factory), which takes the place of
Gradio's own login; this page keeps what that login offered: a form at /login, the same form fields
(``username``, ``password``: what ``gradio_client``'s ``auth=`` posts), ``{"success": true}`` for a
program and a wrong password answered 400. A browser that posts the form is sent on to the chat.
The gate in front of every route throttles wrong passwords posted here (web.gate).
"""

from __future__ import annotations

import html
import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from web.gate import cookie_header
from web.identity import LOGIN_COOKIE, BadCredentials, People

log = logging.getLogger("imagechat.login")

LOGIN_COOKIE_MAX_AGE = 30 * 24 * 3600
WRONG = "Incorrect credentials."
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>imagechat: log in</title>
<style>
body {{ font-family: system-ui, sans-serif; display: flex; justify-content: center; margin-top: 12vh; }}
form {{ display: flex; flex-direction: column; gap: .6em; width: min(90vw, 320px); }}
input, button {{ font: inherit; padding: .5em; }}
#login-error {{ color: #b00020; }}
</style></head>
<body><form method="post" action="{action}" id="login-form">
<h1>imagechat</h1>
<p>{message}</p>
{error}
<label>Username <input name="username" id="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
<button type="submit" id="login-submit">Log in</button>
</form></body></html>
"""


def _wants_page(request: Request) -> bool:
    """A browser's form post (it accepts HTML) gets a page or a redirect; a program gets JSON."""
    return "text/html" in request.headers.get("accept", "")


def _root(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


def login_router(people: People, message: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def page(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
        shown_error = f'<p id="login-error" role="alert">{html.escape(error)}</p>' if error else ""
        body = _PAGE.format(action=html.escape(_root(request) + "/login"), message=html.escape(message),
                            error=shown_error)
        return HTMLResponse(body, status_code=status, headers={"cache-control": "no-store"})

    @router.get("/login")
    def login_page(request: Request) -> Response:
        try:
            if people.of_http(request) is not None:  # logged in already
                return RedirectResponse(_root(request) + "/", status_code=303)
        except BadCredentials:
            pass  # a wrong Authorization header: the form is the way in
        return page(request)

    @router.post("/login")
    @router.post("/login/")
    async def login(request: Request) -> Response:
        form = await request.form()
        user = str(form.get("username") or "").strip()
        password = str(form.get("password") or "")
        if not people.check_password(user, password):
            if _wants_page(request):
                return page(request, WRONG, status=400)
            return JSONResponse({"detail": WRONG}, status_code=400)
        token = people.sessions.open(user)
        log.info("login: %s logged in", user[:100])
        answer: Response = (RedirectResponse(_root(request) + "/", status_code=303) if _wants_page(request)
                            else JSONResponse({"success": True}))
        answer.headers.append("set-cookie", cookie_header(LOGIN_COOKIE, token, request.scope,
                                                          max_age=LOGIN_COOKIE_MAX_AGE).decode("latin-1"))
        return answer

    @router.get("/logout")
    def logout(request: Request) -> Response:
        people.sessions.close(request.cookies.get(LOGIN_COOKIE))
        answer = RedirectResponse(_root(request) + "/login", status_code=303)
        answer.headers.append("set-cookie", cookie_header(LOGIN_COOKIE, "", request.scope, max_age=0).decode("latin-1"))
        return answer

    return router
