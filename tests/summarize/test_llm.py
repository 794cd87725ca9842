"""The LLM summariser against a real OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from storyscope.config import Settings
from storyscope.pipeline import StoryContext
from storyscope.summarize.extractive import ExtractiveSummarizer
from storyscope.summarize.llm import LLMSummarizer, parse_reply
from storyscope.summarize.material import Material
from storyscope.summarize.stage import run

MakeCtx = Callable[..., StoryContext]

SUPPORTED = "Valdorian President Tomas Arvelo said on Tuesday that his navy has 1,200 Kestrel-class coastal drones."
CRITICS = "Critics say Arvelo is using the dispute to distract from fuel shortages at home."
INVENTED = "Arvelo said Valdoria has 3,000 drones and a fleet of submarines."
AS_FACT = "Valdoria has 1,200 coastal drones."
REPLY = {
    "sentences": [
        {"section": "what_happened", "text": f"{SUPPORTED} [c1]"},
        {"section": "where_sources_differ", "text": CRITICS, "citations": ["c2"]},
        {"section": "what_happened", "text": f"{INVENTED} [c1]"},
        {"section": "behind_the_numbers", "text": f"{AS_FACT} [c1]"},
    ]
}
PLAIN = (
    f"what_happened\n- {SUPPORTED} [c1]\n\nWhere sources differ:\n{CRITICS} [c2] {INVENTED} [c1]\n"
)


class Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def _reply(self, status: int, payload: str | dict[str, Any]) -> None:
        body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        request["_path"] = self.path
        request["_auth"] = self.headers.get("Authorization")
        Handler.seen.append(request)
        mode = self.path.split("/")[1]
        if not self.path.endswith("/v1/chat/completions"):
            return self._reply(404, {"error": "not found"})
        if mode == "slow":
            time.sleep(1.5)
        if mode == "garbage":
            return self._reply(200, "<html>gateway error</html>")
        if mode == "plainonly" and "response_format" in request:
            return self._reply(400, {"error": "response_format not supported"})
        content = {
            "good": json.dumps(REPLY),
            "slow": json.dumps(REPLY),
            "plainonly": PLAIN,
            "fenced": "```json\n" + json.dumps(REPLY) + "\n```",
            "unsupported": json.dumps(
                {"sentences": [{"section": "what_happened", "text": f"{INVENTED} [c1]"}]}
            ),
        }[mode]
        self._reply(
            200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
        )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def settings(url: str, timeout: float = 5.0) -> Settings:
    return Settings(
        summarizer="llm", llm_url=url, llm_model="tiny", llm_key="k3y", llm_timeout=timeout
    )


@pytest.mark.parametrize("mode", ["good", "plainonly", "fenced"])
def test_supported_sentences_kept_unsupported_dropped_and_counted(
    make_ctx: MakeCtx, results: dict[str, Any], server: str, mode: str
) -> None:
    ctx = make_ctx(results=results, settings=settings(f"{server}/{mode}/v1"))
    llm = LLMSummarizer(ctx.settings)
    summary = llm.summarize(ctx)
    texts = {s.text: s for s in summary}
    assert SUPPORTED in texts and "a1" in texts[SUPPORTED].article_ids
    assert set(texts[SUPPORTED].article_ids) <= {"a1", "a2", "a3", "a4"}  # only group c1's articles
    assert texts[CRITICS].article_ids == ("a3",)
    assert texts[CRITICS].section == "where_sources_differ"
    assert INVENTED not in texts and AS_FACT not in texts
    assert llm.last_dropped == (2 if mode != "plainonly" else 1)
    request = Handler.seen[-1]
    assert request["model"] == "tiny" and request["_auth"] == "Bearer k3y"
    assert "[c1] (a1, a2, a3, a4) (unverified)" in request["messages"][1]["content"]


def test_stage_uses_llm_through_registry(
    make_ctx: MakeCtx, results: dict[str, Any], server: str
) -> None:
    out = run(make_ctx(results=results, settings=settings(f"{server}/good/v1")))
    assert set(out) == {"summary", "perspectives", "summary_info"}
    assert [s.text for s in out["summary"]] == [SUPPORTED, CRITICS]
    info = out["summary_info"]
    assert info["summarizer"] == "llm" and info["model"] == "tiny"
    assert info["dropped_unsupported"] == 2 and info["fallback"] is None


def test_stage_reports_the_fallback_when_the_endpoint_fails(
    make_ctx: MakeCtx, results: dict[str, Any], server: str
) -> None:
    out = run(make_ctx(results=results, settings=settings(f"{server}/garbage/v1", timeout=0.4)))
    assert out["summary"] and "not a chat completion" in out["summary_info"]["fallback"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("garbage", "not a chat completion"),
        ("slow", "no reply within"),
        ("unsupported", "no generated sentence"),
        (None, "ConnectError"),
    ],
)
def test_failure_falls_back_to_extractive_with_one_warning(
    make_ctx: MakeCtx,
    results: dict[str, Any],
    server: str,
    path: str | None,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"{server}/{path}/v1" if path else f"http://127.0.0.1:{_closed_port()}/v1"
    ctx = make_ctx(results=results, settings=settings(url, timeout=0.4))
    with caplog.at_level(logging.WARNING, logger="storyscope.summarize"):
        summary = LLMSummarizer(ctx.settings).summarize(ctx)
    expected = ExtractiveSummarizer(ctx.settings).summarize_material(Material.from_context(ctx))
    assert summary == expected
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and reason in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()


def test_parse_reply_reads_markers_and_sections() -> None:
    items = parse_reply(PLAIN)
    assert items[0] == ("what_happened", SUPPORTED, ["c1"])
    assert items[1] == ("where_sources_differ", CRITICS, ["c2"])
