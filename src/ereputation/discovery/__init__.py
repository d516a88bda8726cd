"""Discovery: accounts under the person's usernames across a catalogue of sites (issue 10).

The catalogue is data in WhatsMyName's open format; every probe goes through `web/`'s hardened
fetcher and its policy, never a second HTTP path. Importing this package loads no network code.
"""

# The run's limits, here so that the command line's options need no network module at start-up.
DEFAULT_TIMEOUT = 10.0  # seconds per probe: a profile that takes longer is `unknown (timeout)`
DEFAULT_CONCURRENCY = 256  # sites asked at once (Chromium allows itself 256 sockets in all)
MAX_CONCURRENCY = 1000
