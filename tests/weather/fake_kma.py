"""A fake KMA API Hub on 127.0.0.1 (ephemeral port, threads) for fetch and end-to-end tests."""

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PATH = "/api/typ01/url/kma_sfctm2.php"


@dataclass
class Reply:
    """What the fake server does for one request."""

    status: int = 200
    body: bytes = b""
    hang: bool = False  # accept the connection, never answer
    trickle: float = 0.0  # seconds between body bytes (headers sent at once)
    trickle_headers: float = 0.0  # seconds between bytes of the status line and headers
    content_type: str = "text/plain"


@dataclass
class FakeKma:
    """Answers ``replies`` in order (the last one repeats) and records request paths."""

    url: str = ""
    replies: list[Reply] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    answered: int = 0  # requests since the last answer() call

    def answer(self, *replies: Reply) -> None:
        self.replies[:] = replies
        self.answered = 0

    def next_reply(self) -> Reply:
        self.answered += 1
        if not self.replies:
            return Reply(404, b"")
        return self.replies[min(self.answered, len(self.replies)) - 1]

    @property
    def hits(self) -> int:
        return len(self.paths)

    def last_query(self) -> dict[str, str]:
        query = parse_qs(urlsplit(self.paths[-1]).query)
        return {name: values[0] for name, values in query.items()}


def _handler_for(fake: FakeKma):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            fake.paths.append(self.path)
            reply = fake.next_reply()
            if reply.hang:
                # Hold the connection open until the test ends, as a dead upstream would.
                fake.released.wait(30)
                return
            if reply.trickle_headers:
                head = (
                    f"HTTP/1.1 {reply.status} OK\r\nContent-Type: {reply.content_type}\r\n"
                    f"Content-Length: {len(reply.body)}\r\n\r\n"
                ).encode()
                for byte in head:
                    if fake.released.is_set():
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.trickle_headers)
                self.wfile.write(reply.body)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if not reply.trickle:
                self.wfile.write(reply.body)
                return
            for byte in reply.body:
                if fake.released.is_set():
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(reply.trickle)

        def log_message(self, *args):
            pass  # keep the test output clean

    return Handler


def serve():
    """Start a fake server; returns (fake, stop)."""
    fake = FakeKma()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    fake.url = f"http://{host}:{port}{PATH}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def stop():
        fake.released.set()
        server.shutdown()
        server.server_close()

    return fake, stop


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{PATH}"
