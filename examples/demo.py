"""`make demo`: audit the fictional Camille Martin as a recruiter would, without the internet.

The example's profile pages (examples/site/) are served from 127.0.0.1 for the length of the demo;
the example config is copied with its profile URLs pointing there, and audited with
`--allow-private` (loopback addresses are refused otherwise). Reports go to demo/.

The demo is a follow-up interview: an earlier audit of Camille (three months before, privacy
settings still public) is recorded in demo/history.sqlite3 first, so the French reports show
"since your last audit". At the follow-up Camille also agreed to discovery: her usernames are
looked up on a small catalogue of invented sites and her name on a stand-in for a SearXNG
instance, both served by the same local server (nothing leaves the machine).
The demo never touches the user's own history. The English report is
made with --no-record (the history is then neither read nor written) to keep one follow-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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


# Invented sites for discovery, in WhatsMyName's format: (id, name, category, who has an account);
# "*" answers "found" for anyone, which the control probe catches (an unchecked, ambiguous site).
DEMO_SITES: tuple[tuple[str, str, str, set[str]], ...] = (
    ("codeforge", "CodeForge (demo)", "coding", {"cam-martin-demo"}),
    ("pixelarena", "PixelArena (demo)", "gaming", {"cam-martin-demo"}),
    ("photoloop", "PhotoLoop (demo)", "images", set()),
    ("chatterbox", "ChatterBox (demo)", "social", {"*"}),
)
MEMBER = "<html><title>{user}</title><body><h1>{user}</h1><p>Member since 2017</p></body></html>"
NO_MEMBER = "<html><title>Not found</title><body><p>No such member</p></body></html>"
# What a SearXNG instance might answer for "Camille Martin" (its JSON API's shape, all invented;
# the first is the declared LinkedIn profile, at its demo address).
SEARCH_RESULTS = [
    (
        "http://127.0.0.1:{port}/linkedin/in/camille-martin-demo",
        "Camille Martin - Data analyst",
        "",
    ),
    ("https://www.instagram.com/cam-martin-demo/", "cam-martin-demo • Instagram", "Photos"),
    (
        "https://meetup-data-lyon.example/orateurs",
        "Orateurs - Meetup data Lyon",
        "Camille Martin, data analyst à Lyon, présente ses tableaux de bord Power BI.",
    ),
    (
        "https://ensemble-baroque.example/musiciens",
        "Camille Martin, violoncelle",
        "Camille Martin joue du violoncelle à Rennes depuis 2010.",
    ),
    (
        "https://forum-pixelarena.example/t/4242",
        "Soirée de fin de saison",
        "cam-martin-demo : encore une soirée complètement bourrée, trop drôle.",
    ),
]


def demo_sites(port: int) -> dict[str, object]:
    base = f"http://127.0.0.1:{port}/sites"
    return {
        "license": ["Invented sites for the ereputation demo"],
        "sites": [
            {
                "name": name,
                "uri_check": f"{base}/{site}/{{account}}",
                "e_code": 200,
                "e_string": "Member since",
                "m_code": 404,
                "m_string": "No such member",
                "known": ["demo"],
                "cat": category,
            }
            for site, name, category, _ in DEMO_SITES
        ],
    }


def serve() -> ThreadingHTTPServer:
    members = {site: accounts for site, _, _, accounts in DEMO_SITES}

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/searx/search":
                port = str(server.server_address[1])
                results = [
                    {"url": u.replace("{port}", port), "title": t, "content": c}
                    for u, t, c in SEARCH_RESULTS
                ]
                answer = {"query": "Camille Martin", "results": results, "answers": []}
                self.reply(200, json.dumps(answer), "application/json")
                return
            parts = path.split("/")
            if len(parts) == 4 and parts[1] == "sites" and parts[2] in members:
                accounts, user = members[parts[2]], parts[3]
                if user in accounts or "*" in accounts:
                    self.reply(200, MEMBER.format(user=user), "text/html; charset=utf-8")
                else:
                    self.reply(404, NO_MEMBER, "text/html; charset=utf-8")
                return
            name = PAGES.get(self.path)
            if name is None:
                self.send_error(404)
                return
            body = (SITE / name).read_text(encoding="utf-8")
            self.reply(200, body.replace("{port}", str(server.server_address[1])), "text/html")

        def reply(self, status: int, text: str, content_type: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
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
        # At the follow-up, Camille also agreed to discovery (docs/config.md, consent_scope).
        config.write_text(
            text.replace(
                'consent_scope = "checklist_and_profiles"',
                'consent_scope = "checklist_profiles_and_discovery"',
            ),
            encoding="utf-8",
        )
        sites = Path(tmp) / "demo-sites.json"
        sites.write_text(json.dumps(demo_sites(port)), encoding="utf-8")
        ereputation = [sys.executable, "-m", "ereputation"]
        audit = [*ereputation, "audit", "--allow-private", "--db", str(history)]
        first = Path(tmp) / "earlier.json"  # its report is not part of the demo
        subprocess.run([*audit, str(earlier), "-o", str(first)], check=True)
        audit += [
            "--discover",
            "--sites",
            str(sites),
            "--search-endpoint",
            f"http://127.0.0.1:{port}/searx",
        ]
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
