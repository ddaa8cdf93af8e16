"""The security middleware: headers on every response, even when a handler crashes."""

from __future__ import annotations

import asyncio

from starlette.types import Message, Receive, Scope, Send

from storyline.web.app import Guard


async def _crash(scope: Scope, receive: Receive, send: Send) -> None:
    raise RuntimeError("boom")


def test_an_unhandled_error_answers_500_json_with_security_headers() -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {"type": "http", "path": "/api/stories", "headers": []}
    asyncio.run(Guard(_crash, max_body_bytes=1000)(scope, receive, send))
    start, body = sent
    headers = {key.decode().lower(): value.decode() for key, value in start["headers"]}
    assert start["status"] == 500
    assert "script-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert body["body"] == b'{"error": "internal server error", "status": 500}'
