"""Discovery: accounts under the person's usernames across a catalogue of sites (issue 10).

The catalogue is data in WhatsMyName's open format; every probe goes through `web/`'s hardened
fetcher and its policy, never a second HTTP path. Importing this package loads no network code.
"""
