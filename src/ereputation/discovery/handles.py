"""The usernames discovery probes: the person's own, and the handles in their declared profiles.

A recruiter who sees github.com/camille-m tries "camille-m" elsewhere; so does discovery. Only
handles the person gave or declared are ever probed: nothing here guesses a name.

Which part of a URL is the handle depends on the site: the networks catalogue says which site a
URL is (`web/networks.py`), `HANDLE_SHAPES` says where its handle sits in the path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import unquote, urlsplit

from ereputation.config import MAX_USERNAME_LENGTH, USERNAME, DeclaredProfile
from ereputation.web.networks import Catalogue

_SEGMENT = r"(?P<handle>[^/?#@]+)"

# Where the handle sits in a profile URL's path, per network id of checklists/networks.toml.
# A network missing here gives no handle (a company page, a numbered profile, a site of one's own).
HANDLE_SHAPES: Mapping[str, tuple[re.Pattern[str], ...]] = {
    network: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    for network, patterns in {
        "linkedin": (rf"^/in/{_SEGMENT}/?$",),
        "viadeo": (rf"^/(?:[a-z]{{2}}/)?profile/{_SEGMENT}/?$",),
        "xing": (rf"^/profile/{_SEGMENT}/?$",),
        "malt": (rf"^/profile/{_SEGMENT}/?$",),
        "github": (rf"^/{_SEGMENT}/?$",),
        "gitlab": (rf"^/{_SEGMENT}/?$",),
        "codeberg": (rf"^/{_SEGMENT}/?$",),
        "kaggle": (rf"^/{_SEGMENT}/?$",),
        "huggingface": (rf"^/{_SEGMENT}/?$",),
        "behance": (rf"^/{_SEGMENT}/?$",),
        "dribbble": (rf"^/{_SEGMENT}/?$",),
        "artstation": (rf"^/{_SEGMENT}/?$",),
        "slideshare": (rf"^/{_SEGMENT}/?$",),
        "linktree": (rf"^/{_SEGMENT}/?$",),
        "medium": (rf"^/@{_SEGMENT}/?$",),
        "x": (rf"^/{_SEGMENT}/?$",),
        "mastodon": (rf"^/@{_SEGMENT}/?$",),
        "threads": (rf"^/@{_SEGMENT}/?$",),
        "facebook": (rf"^/{_SEGMENT}/?$",),
        "instagram": (rf"^/{_SEGMENT}/?$",),
        "pinterest": (rf"^/{_SEGMENT}/?$",),
        "youtube": (rf"^/@{_SEGMENT}/?$", rf"^/(?:c|user)/{_SEGMENT}/?$"),
        "tiktok": (rf"^/@{_SEGMENT}/?$",),
        "twitch": (rf"^/{_SEGMENT}/?$",),
        "flickr": (rf"^/(?:photos|people)/{_SEGMENT}/?$",),
        "bluesky": (r"^/profile/(?P<handle>[^/.?#]+)\.bsky\.social/?$",),
    }.items()
}
# Paths that are a site's own pages, never a person's handle (github.com/features). Probing one
# would look up a name the person never gave, and could report a stranger's account as theirs.
_NOT_HANDLES = frozenset(
    {
        "about",
        "explore",
        "features",
        "home",
        "login",
        "search",
        "settings",
        "signup",
        "pricing",
        # facebook.com/profile.php?id=..., /people/..., /watch; twitch.tv/directory; x.com/i
        "profile.php",
        "people",
        "watch",
        "groups",
        "pages",
        "events",
        "marketplace",
        "gaming",
        "friends",
        "share",
        "directory",
        "reels",
        "accounts",
        "direct",
        "intent",
        "i",
        "hashtag",
        "messages",
        "notifications",
        "orgs",
        "sponsors",
        "topics",
        "ideas",
        "admin",
        # www.substack.com, open.substack.com/pub/<handle>: the site's hosts, not a publication
        "www",
        "open",
        "on",
    }
)
# A handle never ends like a page's file name (facebook.com/profile.php, /index.html).
_PAGE_SUFFIX = re.compile(r"\.(?:php\d?|s?html?|aspx?|jsp|cgi)$", re.IGNORECASE)


def handle_of(url: str, network: str) -> str | None:
    """The handle in a profile URL of `network`, or None when the URL shows none."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    candidate: str | None
    if network == "substack" and host.endswith(".substack.com"):
        candidate = host.removesuffix(".substack.com")
    else:
        candidate = next(
            (
                m.group("handle")
                for pattern in HANDLE_SHAPES.get(network, ())
                if (m := pattern.match(parts.path or "/"))
            ),
            None,
        )
    if candidate is None:
        return None
    handle = unquote(candidate).strip()
    if handle.casefold() in _NOT_HANDLES or _PAGE_SUFFIX.search(handle) or not usable(handle):
        return None
    return handle


def usable(name: str) -> bool:
    """A name discovery may put in a site's URL: the config's rule for `person.usernames`."""
    return 0 < len(name) <= MAX_USERNAME_LENGTH and USERNAME.fullmatch(name) is not None


def usernames_to_probe(
    usernames: Iterable[str], profiles: Sequence[DeclaredProfile], catalogue: Catalogue
) -> tuple[str, ...]:
    """The person's usernames, then their profiles' handles; each once whatever its case."""
    found: dict[str, str] = {}
    for name in usernames:
        found.setdefault(name.casefold(), name)
    for declared in profiles:
        network = declared.network or catalogue.identify(declared.url).id
        handle = handle_of(declared.url, network)
        if handle is not None:
            found.setdefault(handle.casefold(), handle)
    return tuple(found.values())
