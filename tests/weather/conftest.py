"""Weather test helpers: recorded KMA bodies and a fake KMA server on 127.0.0.1.

The samples in data/ are copies of shared/kma/samples (a fresh clone has no shared/).
"""

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

DATA = Path(__file__).parent / "data"
ALL_STATIONS = "all-stations-202608181500.txt"


@pytest.fixture
def kma_sample():
    """``kma_sample(name)`` -> the bytes of a recorded KMA body in tests/weather/data/."""
    return lambda name=ALL_STATIONS: (DATA / name).read_bytes()


@dataclass
class Reply:
    """What the fake server does for one request."""

    status: int = 200
    body: bytes = b""
    hang: bool = False  # accept the connection, never answer
    trickle: float = 0.0  # seconds between body bytes (headers sent at once)
    content_type: str = "text/plain"


@dataclass
class FakeKma:
    """A KMA stand-in: answers ``replies`` in order (the last one repeats), records paths."""

    Reply: ClassVar = Reply  # so tests build replies without importing this conftest
    url: str
    replies: list[Reply] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)

    def answer(self, *replies: Reply) -> None:
        self.replies[:] = replies

    @property
    def hits(self) -> int:
        return len(self.paths)


def _handler_for(fake: FakeKma):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            fake.paths.append(self.path)
            index = min(len(fake.paths), len(fake.replies)) - 1
            reply = fake.replies[index] if fake.replies else Reply(404, b"")
            if reply.hang:
                # Hold the connection open until the test ends, as a dead upstream would.
                fake.released.wait(30)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.trickle:
                for byte in reply.body:
                    if fake.released.is_set():
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                self.wfile.write(reply.body)

        def log_message(self, *args):
            pass  # keep the test output clean

    return Handler


@pytest.fixture
def fake_kma():
    """A running fake KMA server; ``fake_kma.answer(Reply(...), ...)`` sets its replies."""
    fake = FakeKma(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    fake.url = f"http://{host}:{port}/api/typ01/url/kma_sfctm2.php"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.released.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def refused_url():
    """A URL on 127.0.0.1 where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/typ01/url/kma_sfctm2.php"
