"""The room's web server over real HTTP on the loopback address only: many phones at once,
and everything it must refuse. Every test is bounded in time."""

from __future__ import annotations

import asyncio
import socket
import time

import aiohttp

from tests.room.helpers import connectable, form_token, listening, send
from workshop.room import RoomQueue
from workshop.room.server import SECURITY_HEADERS, RoomLimits, RoomServer

HOST = "127.0.0.1"


def server(limits: RoomLimits = RoomLimits(), activity: str = "hopes_fears", queue: RoomQueue | None = None,
           **kwargs) -> RoomServer:
    return RoomServer(queue if queue is not None else RoomQueue(), current_activity=lambda: activity, limits=limits, **kwargs)


async def test_fifty_phones_sending_twenty_items_each_arrive_exactly_once():
    arrived = []
    room = server(RoomLimits(per_minute=1_000), queue=RoomQueue(limit=5_000), on_submission=arrived.append)
    url = await room.open(HOST)
    try:
        async def phone(n: int) -> list[int]:
            async with aiohttp.ClientSession() as client:
                return [(await send(client, url, f"phone {n} item {i}", "fear" if i % 2 else "hope")).status
                        for i in range(20)]

        statuses = await asyncio.wait_for(asyncio.gather(*(phone(n) for n in range(50))), timeout=120)
    finally:
        await room.close()
    assert {s for row in statuses for s in row} == {303}
    texts = [sub.text for sub in room.queue.pending]
    assert len(texts) == 1_000 == len(set(texts)) == len(arrived)
    assert set(texts) == {f"phone {n} item {i}" for n in range(50) for i in range(20)}
    assert {sub.choice for sub in room.queue.pending if sub.text.endswith("item 1")} == {"fear"}


async def test_no_socket_listens_before_the_room_opens_or_after_it_closes():
    with socket.socket() as probe:  # a port that is free now
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    room = server()
    assert not listening(port) and not connectable(HOST, port)
    await room.open(HOST, port)
    assert listening(port) and connectable(HOST, port)
    await room.close()
    assert not listening(port) and not connectable(HOST, port)
    assert room.url == "" and room.token == ""


async def test_the_address_carries_128_bits_and_anything_else_is_not_found():
    room = server()
    url = await room.open(HOST)
    try:
        assert len(room.token) >= 22  # token_urlsafe(16): 128 bits
        base = f"http://{HOST}:{room.port}"
        async with aiohttp.ClientSession() as client:
            for path in ("/", "/x/", f"/{room.token[:-1]}/", f"/{room.token}x/", "/favicon.ico",
                         f"/{room.token.upper()}/"):
                async with client.get(base + path) as response:
                    assert response.status == 404, path
                    assert "Not found" in await response.text()
                    for name, value in SECURITY_HEADERS.items():
                        assert response.headers[name] == value
            async with client.get(url) as response:
                assert response.status == 200
                assert "set-cookie" not in {k.lower() for k in response.headers}
                for name, value in SECURITY_HEADERS.items():
                    assert response.headers[name] == value
                assert "default-src 'none'" in response.headers["Content-Security-Policy"]
                html = await response.text()
                assert "<script" not in html and "http" not in html.split("<body>")[1]
    finally:
        await room.close()


async def test_a_form_sent_twice_or_forged_is_not_added_again():
    room = server()
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as page:
                token = form_token(await page.text())
            data = {"form": token, "activity": "hopes_fears", "choice": "hope", "text": "once"}
            async with client.post(url, data=data, allow_redirects=False) as first:
                assert first.status == 303
            async with client.post(url, data=data) as again:
                assert again.status == 200 and "sent already" in await again.text()
            nonce = token.split(".")[0]
            for forged in ("", "abc", f"{nonce}.{'0' * 32}", f"{nonce}x.{token.split('.')[1]}"):
                async with client.post(url, data={**data, "form": forged, "text": "forged"}) as response:
                    assert response.status == 403
            # A token signed for one activity does not carry words into another.
            async with client.get(url) as page:
                fresh = form_token(await page.text())
            async with client.post(url, data={**data, "form": fresh, "activity": "concerns"}) as response:
                assert response.status == 403
            # A page on another site posting into the room is refused by its origin too.
            async with client.get(url) as page:
                fresh = form_token(await page.text())
            async with client.post(url, data={**data, "form": fresh, "text": "cross"},
                                   headers={"Origin": "http://evil.example"}) as response:
                assert response.status == 403
    finally:
        await room.close()
    assert [s.text for s in room.queue.pending] == ["once"]


async def test_oversized_bodies_are_refused_and_the_room_carries_on():
    room = server(RoomLimits(max_body=4_096))
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as page:
                token = form_token(await page.text())
            big = {"form": token, "activity": "hopes_fears", "choice": "hope", "text": "x" * 100_000}
            async with client.post(url, data=big) as response:
                assert response.status == 413
            assert (await send(client, url, "still here")).status == 303
    finally:
        await room.close()
    assert [s.text for s in room.queue.pending] == ["still here"]


async def test_a_flood_from_one_phone_is_slowed_and_a_full_queue_says_wait():
    room = server(RoomLimits(per_minute=5), queue=RoomQueue(limit=8))
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            statuses = [(await send(client, url, f"flood {i}")).status for i in range(12)]
            assert statuses == [303] * 5 + [429] * 7
            room._sent.clear()  # a minute later
            statuses = [(await send(client, url, f"more {i}")).status for i in range(5)]
            assert statuses == [303] * 3 + [503] * 2
    finally:
        await room.close()
    assert len(room.queue) == 8


async def test_words_are_cleaned_and_an_empty_or_unknown_choice_is_refused():
    room = server()
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            assert (await send(client, url, "  \x00\x1bno  <b>markup</b>\r\nhere \x7f ")).status == 303
            assert (await send(client, url, "   \n ")).status == 400
            assert (await send(client, url, "sneaky", choice="lived")).status == 400
    finally:
        await room.close()
    assert [s.text for s in room.queue.pending] == ["no  <b>markup</b>\nhere"]


async def test_the_page_escapes_what_it_shows():
    room = server(workshop_title='<script>alert(1)</script> & "team"')
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as page:
                html = await page.text()
    finally:
        await room.close()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;team&quot;" in html


async def test_slow_clients_are_cut_off_without_harm():
    room = server(RoomLimits(slow_after=0.5))
    url = await room.open(HOST)
    try:
        start = time.monotonic()
        # Headers that never finish, and a body promised but never sent.
        reader, writer = await asyncio.open_connection(HOST, room.port)
        writer.write(f"GET /{room.token}/ HTTP/1.1\r\nHost: x\r\n".encode())
        await writer.drain()
        reader2, writer2 = await asyncio.open_connection(HOST, room.port)
        writer2.write((f"POST /{room.token}/ HTTP/1.1\r\nHost: {HOST}:{room.port}\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nform=").encode())
        await writer2.drain()
        assert await asyncio.wait_for(reader.read(), timeout=10) == b""  # closed on it
        answer = await asyncio.wait_for(reader2.read(), timeout=10)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
        assert time.monotonic() - start < 8
        for w in (writer, writer2):
            w.close()
        async with aiohttp.ClientSession() as client:
            assert (await send(client, url, "a patient phone")).status == 303
    finally:
        await room.close()
    assert [s.text for s in room.queue.pending] == ["a patient phone"]


async def test_the_room_closes_itself_after_the_idle_time():
    closed = []
    room = server(RoomLimits(idle_minutes=0.01), on_closed=closed.append)
    await room.open(HOST)
    port = room.port
    deadline = time.monotonic() + 10
    while room.is_open and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert not room.is_open and not listening(port)
    assert closed and "nothing was sent" in closed[0]


async def test_an_activity_without_room_words_offers_no_form():
    room = server(activity="job_description")
    url = await room.open(HOST)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as page:
                html = await page.text()
            assert "<form" not in html and "not taking words" in html
            # Nothing to fill in: a post without a signed form is refused.
            async with client.post(url, data={"form": "a.b", "activity": "", "text": "x"}) as response:
                assert response.status == 403
    finally:
        await room.close()
    assert len(room.queue) == 0
