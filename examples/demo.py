"""`make demo`: audit the fictional Camille Martin as a recruiter would, without the internet.

The example's profile pages (examples/site/) are served from 127.0.0.1 for the length of the demo;
the example config is copied with its profile URLs pointing there, and audited with
`--allow-private` (loopback addresses are refused otherwise). Reports go to demo/.

The demo is a follow-up interview: an earlier audit of Camille (three months before, privacy
settings still public) is recorded in demo/history.sqlite3 first, so the French reports show
"since your last audit". The demo never touches the user's own history. The English report is
made with --no-record (the history is then neither read nor written) to keep one follow-up.
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
    history = out / "history.sqlite3"
    history.unlink(missing_ok=True)  # each demo tells the same story from the start
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "camille-martin.toml"
        config.write_text(text, encoding="utf-8")
        # Three months earlier, Camille's personal accounts were still public by default: that
        # first interview is recorded in the demo's own history (never the user's).
        earlier = Path(tmp) / "camille-martin-earlier.toml"
        earlier.write_text(
            text.replace('privacy_settings = "partly"', 'privacy_settings = "default"'),
            encoding="utf-8",
        )
        ereputation = [sys.executable, "-m", "ereputation"]
        audit = [*ereputation, "audit", "--allow-private", "--db", str(history)]
        first = Path(tmp) / "earlier.json"  # its report is not part of the demo
        subprocess.run([*audit, str(earlier), "-o", str(first)], check=True)
        # The follow-up: recorded, so its report says what changed "since your last audit".
        json_report = out / "rapport-camille-martin.json"
        subprocess.run([*audit, str(config), "--lang", "fr", "-o", str(json_report)], check=True)
        for name in ("rapport-camille-martin.html", "rapport-camille-martin.md"):
            render = [*ereputation, "render", str(json_report), "-o", str(out / name)]
            subprocess.run(render, check=True)
        english = [*audit, str(config), "--lang", "en", "--no-record"]
        subprocess.run([*english, "-o", str(out / "report-camille-martin.html")], check=True)
        subprocess.run([*ereputation, "render", str(json_report)], check=True)  # the summary
    server.shutdown()
    outputs = [
        ("fr", "rapport-camille-martin.html"),
        ("en", "report-camille-martin.html"),
        ("fr", "rapport-camille-martin.md"),
        ("fr", "rapport-camille-martin.json"),
    ]
    names = ", ".join(f"{name} ({lang})" for lang, name in outputs)
    print(f"\nReports in {out}/: {names}; the demo's history in {history.name}.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("demo"))
