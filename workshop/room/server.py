"""The room's web server: aiohttp in the app's own event loop, on one address, locked.

Closed until opened: no socket exists before `open` or after `close`. The address carries
a random token of 128 bits; any other path is 404. Each form carries a single-use token
signed with a key that lives only in memory, so a page on another site cannot post into
the room and a form sent twice is added once. Requests are limited in size, in number
per client per minute, and in time; nothing about a client is logged or stored (the
per-minute counts live in memory and are forgotten when the room closes)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import socket
import time
from collections import defaultdict, deque
from typing import Callable

from aiohttp import web

from workshop.room import page
from workshop.room.address import local_address
from workshop.room.limits import RoomLimits
from workshop.room.queue import ROOM_ACTIVITIES, QueueFull, RoomQueue, Submission, clean_submission

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                "base-uri 'none'; frame-ancestors 'none'"),
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Server": "Team Day",
}


class RoomServer:
    """Serves the form and queues what is sent. `current_activity` says which activity's
    form to offer; `on_submission` and `on_closed` are called in the event loop (a screen
    passes callbacks that post messages)."""

    def __init__(self, queue: RoomQueue, *, current_activity: Callable[[], str | None],
                 on_submission: Callable[[Submission], None] = lambda _s: None,
                 on_closed: Callable[[str], None] = lambda _r: None,
                 limits: RoomLimits = RoomLimits(), workshop_title: str = "") -> None:
        self.queue = queue
        self.limits = limits
        self.workshop_title = workshop_title
        self._current = current_activity
        self._on_submission = on_submission
        self._on_closed = on_closed
        self._runner: web.AppRunner | None = None
        self._sock: socket.socket | None = None
        self._idle_task: asyncio.Task | None = None
        self.token = ""
        self.host = ""
        self.port = 0
        self.fell_back = False  # no local network was found: only this laptop can reach it
        self._reset_secrets()

    def _reset_secrets(self) -> None:
        self._key = secrets.token_bytes(32)
        self._used: set[str] = set()
        self._sent: dict[str, deque[float]] = defaultdict(deque)
        self._last_seen = time.monotonic()

    # opening and closing ---------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/{self.token}/" if self.is_open else ""

    async def open(self, host: str | None = None, port: int = 0) -> str:
        """Start listening on `host` (the laptop's local address if None) and `port`
        (a free one if 0); returns the room's address. Raises OSError if it cannot bind."""
        if self.is_open:
            return self.url
        if host is None:
            host, found = local_address()
            self.fell_back = not found
        self._reset_secrets()
        self.token = secrets.token_urlsafe(16)  # 128 bits
        app = web.Application(client_max_size=self.limits.max_body, middlewares=[self._headers])
        app.router.add_get(f"/{self.token}/", self._get)
        app.router.add_post(f"/{self.token}/", self._post)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        # No access log: it would write every phone's address to the log.
        runner = web.AppRunner(app, access_log=None, keepalive_timeout=self.limits.slow_after,
                               handle_signals=False, shutdown_timeout=1.0,
                               lingering_time=0)  # a slow sender is not waited for after its answer
        await runner.setup()
        site = web.SockSite(runner, sock)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            sock.close()
            raise
        self._runner, self._sock = runner, sock
        self.host, self.port = host, sock.getsockname()[1]
        self._idle_task = asyncio.get_running_loop().create_task(self._watch_idle())
        return self.url

    async def close(self, reason: str = "") -> None:
        """Stop listening and forget the token, the form key and every per-client count.
        What is waiting in the queue stays for the facilitator to decide."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        task, self._idle_task = self._idle_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
        await runner.cleanup()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._reset_secrets()
        self.token = ""
        self._on_closed(reason)

    async def _watch_idle(self) -> None:
        limit = self.limits.idle_minutes * 60
        while self.is_open:
            left = self._last_seen + limit - time.monotonic()
            if left <= 0:
                minutes = self.limits.idle_minutes
                await self.close(f"nothing was sent for {minutes:g} minute{'s' if minutes != 1 else ''}")
                return
            await asyncio.sleep(min(left, 30.0))

    # requests --------------------------------------------------------------------------------

    @web.middleware
    async def _headers(self, request: web.Request, handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            # Every refusal is a plain page with the same headers; none says why in detail.
            text = page.not_found_page() if exc.status == 404 else page.refused_page()
            response = web.Response(status=exc.status, text=text, content_type="text/html")
            if exc.status in (408, 413):
                response.force_close()  # what is left of its body is not read
        except Exception:  # noqa: BLE001 - a fault here must not show a trace or the client's address
            response = web.Response(status=500, text=page.refused_page(), content_type="text/html")
        response.headers.update(SECURITY_HEADERS)
        return response

    def _form_token(self, activity: str) -> str:
        nonce = secrets.token_urlsafe(12)
        return f"{nonce}.{self._sign(nonce, activity)}"

    def _sign(self, nonce: str, activity: str) -> str:
        return hmac.new(self._key, f"{nonce}|{activity}".encode(), hashlib.sha256).hexdigest()[:32]

    def _html(self, message: str = "", kind: str = "done", status: int = 200) -> web.Response:
        activity = self._current()
        activity = activity if activity in ROOM_ACTIVITIES else None
        body = page.form_page(activity, self._form_token(activity or ""), message, kind, self.workshop_title)
        return web.Response(status=status, text=body, content_type="text/html")

    async def _get(self, request: web.Request) -> web.Response:
        words = page.words()
        self._last_seen = time.monotonic()
        if request.query.get("sent") == "1":
            return self._html(f"{words['received']} {words['received_more']}")
        return self._html()

    def _too_fast(self, client: str) -> bool:
        now = time.monotonic()
        times = self._sent[client]
        while times and now - times[0] > 60:
            times.popleft()
        return len(times) >= self.limits.per_minute

    async def _post(self, request: web.Request) -> web.StreamResponse:
        words = page.words()
        # With no-referrer, browsers send "Origin: null" from our own page; a page elsewhere
        # that names itself is refused here, and one that does not lacks a signed form.
        origin = request.headers.get("Origin")
        if origin not in (None, "null", f"http://{request.host}"):
            raise web.HTTPForbidden()
        client = request.remote or ""
        if self._too_fast(client):
            return self._html(words["too_fast"], "warn", 429)
        try:
            form = await asyncio.wait_for(request.post(), self.limits.slow_after)
        except asyncio.TimeoutError:
            raise web.HTTPRequestTimeout() from None
        token, activity = str(form.get("form", "")), str(form.get("activity", ""))
        nonce, _dot, signature = token.partition(".")
        if not nonce or not hmac.compare_digest(signature, self._sign(nonce, activity)):
            raise web.HTTPForbidden()
        if nonce in self._used:
            return self._html(words["used_form"], "warn")
        cleaned = clean_submission(activity, str(form.get("choice", "")), str(form.get("text", "")))
        if cleaned is None:
            return self._html(words["empty"], "warn", 400)
        try:
            sub = self.queue.add(activity, *cleaned)
        except QueueFull:
            return self._html(words["queue_full"], "warn", 503)
        self._used.add(nonce)
        self._sent[client].append(time.monotonic())
        self._last_seen = time.monotonic()
        self._on_submission(sub)
        # Post/redirect/get: reloading the "received" page never sends the words again.
        return web.Response(status=303, headers={"Location": f"/{self.token}/?sent=1"})
