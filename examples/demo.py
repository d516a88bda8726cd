"""`make demo`: audit the fictional Camille Martin as a recruiter would, without the internet.

The example's profile pages (examples/site/) are served from 127.0.0.1 for the length of the demo;
the example config is copied with its profile URLs pointing there, and audited with
`--allow-private` (loopback addresses are refused otherwise). Reports go to demo/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
CONFIG = HERE / "camille-martin.toml"
PAGES = {
    "/linkedin/in/camille-martin-demo": "linkedin.html",
    "/github/camille-martin-demo": "github.html",
    "/site/": "site.html",
}
REAL_URLS = {
    "https://www.linkedin.com/in/camille-martin-demo": "/linkedin/in/camille-martin-demo",
    "https://github.com/camille-martin-demo": "/github/camille-martin-demo",
    "https://camille-martin.example/": "/site/",
}


def serve() -> ThreadingHTTPServer:
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = PAGES.get(self.path)
            if name is None:
                self.send_error(404)
                return
            body = (SITE / name).read_text(encoding="utf-8")
            data = body.replace("{port}", str(server.server_address[1])).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the demo's output to the reports

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(out: Path) -> None:
    server = serve()
    port = server.server_address[1]
    text = CONFIG.read_text(encoding="utf-8")
    for real, path in REAL_URLS.items():
        text = text.replace(f'"{real}"', f'"http://127.0.0.1:{port}{path}"')
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "camille-martin.toml"
        config.write_text(text, encoding="utf-8")
        audit = [sys.executable, "-m", "ereputation", "audit", str(config), "--allow-private"]
        outputs = [
            ("fr", "rapport-camille-martin.html"),
            ("en", "report-camille-martin.html"),
            ("fr", "rapport-camille-martin.md"),
            ("fr", "rapport-camille-martin.json"),
        ]
        for lang, name in outputs:
            subprocess.run([*audit, "--lang", lang, "-o", str(out / name)], check=True)
        subprocess.run([*audit, "--lang", "fr"], check=True)
    server.shutdown()
    names = ", ".join(f"{name} ({lang})" for lang, name in outputs)
    print(f"\nReports in {out}/: {names}.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("demo"))
