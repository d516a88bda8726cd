"""Bytes to text as a browser would: which bodies are HTML, and in which encoding to read them."""

from __future__ import annotations

import codecs
import re

from ereputation.web.page.limits import MAX_DECODE_BYTES, MAX_PRESCAN_BYTES

__all__ = ["WEB_ENCODINGS", "decode", "is_html", "web_encoding"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"})
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF", b"\x00")
_HTML_START = re.compile(
    rb"^(?:<!doctype\s+html|<html|<head|<body|<!--|<title|<meta|<div|<p[\s>]|<script|<link|<h1)",
    re.IGNORECASE,
)
# The only encodings ever decoded: the WHATWG Encoding Standard's, by its labels, each mapped to a
# linear Python codec. Any other label (punycode decodes in quadratic time, utf-7 smuggles markup
# past filters, idna, rot13, the compression codecs...) is ignored, as a browser ignores it.
WEB_ENCODINGS: tuple[tuple[str, str, str], ...] = (
    # (name reported in PageFacts.encoding, Python codec, labels)
    ("utf-8", "utf_8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    ("ibm866", "cp866", "866 cp866 csibm866 ibm866"),
    ("iso-8859-2", "iso8859_2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
     "iso_8859-2:1987 l2 latin2"),
    ("iso-8859-3", "iso8859_3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
     "iso_8859-3:1988 l3 latin3"),
    ("iso-8859-4", "iso8859_4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
     "iso_8859-4:1988 l4 latin4"),
    ("iso-8859-5", "iso8859_5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 "
     "iso88595 iso_8859-5 iso_8859-5:1988"),
    ("iso-8859-6", "iso8859_6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
     "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
     "iso_8859-6:1987"),
    ("iso-8859-7", "iso8859_7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 "
     "iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
    ("iso-8859-8", "iso8859_8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e "
     "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"),
    ("iso-8859-8-i", "iso8859_8", "csiso88598i iso-8859-8-i logical"),
    ("iso-8859-10", "iso8859_10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 "
     "latin6"),
    ("iso-8859-13", "iso8859_13", "iso-8859-13 iso8859-13 iso885913"),
    ("iso-8859-14", "iso8859_14", "iso-8859-14 iso8859-14 iso885914"),
    ("iso-8859-15", "iso8859_15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    ("iso-8859-16", "iso8859_16", "iso-8859-16"),
    ("koi8-r", "koi8_r", "cskoi8r koi koi8 koi8-r koi8_r"),
    ("koi8-u", "koi8_u", "koi8-ru koi8-u"),
    ("macintosh", "mac_roman", "csmacintosh mac macintosh x-mac-roman"),
    ("windows-874", "cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    ("windows-1250", "cp1250", "cp1250 windows-1250 x-cp1250"),
    ("windows-1251", "cp1251", "cp1251 windows-1251 x-cp1251"),
    # Browsers read latin-1 and ascii as windows-1252, so that is what the author saw.
    ("windows-1252", "cp1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
     "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 latin-1 us-ascii "
     "windows-1252 x-cp1252"),
    ("windows-1253", "cp1253", "cp1253 windows-1253 x-cp1253"),
    ("windows-1254", "cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
     "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    ("windows-1255", "cp1255", "cp1255 windows-1255 x-cp1255"),
    ("windows-1256", "cp1256", "cp1256 windows-1256 x-cp1256"),
    ("windows-1257", "cp1257", "cp1257 windows-1257 x-cp1257"),
    ("windows-1258", "cp1258", "cp1258 windows-1258 x-cp1258"),
    ("x-mac-cyrillic", "mac_cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    ("gbk", "gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk "
     "iso-ir-58 x-gbk"),
    ("gb18030", "gb18030", "gb18030"),
    ("big5", "big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    ("euc-jp", "euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    ("iso-2022-jp", "iso2022_jp", "csiso2022jp iso-2022-jp"),
    ("shift_jis", "cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    ("euc-kr", "cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
     "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"),
    ("utf-16be", "utf_16_be", "unicodefffe utf-16be"),
    ("utf-16le", "utf_16_le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 "
     "utf-16le"),
)  # fmt: skip
_ENCODING_BY_LABEL = {label: name for name, _, labels in WEB_ENCODINGS for label in labels.split()}
_CODEC_BY_NAME = {name: codec for name, codec, _ in WEB_ENCODINGS}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"))
_META = re.compile(rb"<meta[\s/]", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s{0,8}([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(
    rb"""\s{0,100}<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)


def is_html(body: bytes, media_type: str | None, charset: str | None) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n\x0c")
    if head.startswith(_BINARY_MAGIC) and not (
        head.startswith(b"\x00") and web_encoding(charset) == "utf-16be"  # "<" is 00 3C
    ):
        return False
    if media_type in _HTML_TYPES:
        return True
    if media_type is None or media_type in _SNIFF_TYPES:
        return bool(_HTML_START.match(head)) or b"<html" in head.lower()
    return False


def decode(body: bytes, charset: str | None, *, cut_before: bool = False) -> tuple[str, str, bool]:
    """Text, encoding name, and whether bytes were cut (`cut_before`: the caller already cut
    them, so a character split at the end is dropped, not an error that changes the encoding).

    As a browser: byte-order mark, then header charset, then <meta charset>; then UTF-8, which most
    of the web is, then windows-1252. Each is tried strictly, the last one with replacement, so
    decoding never fails. Only web encodings are used, on a bounded prefix: the work is linear.
    """
    cut = cut_before or len(body) > MAX_DECODE_BYTES
    data = body[:MAX_DECODE_BYTES]
    bom = None
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, data = name, data[len(mark) :]
            break
    candidates = (bom, web_encoding(charset), _declared_encoding(data), "utf-8")
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            decoder = codecs.getincrementaldecoder(_CODEC_BY_NAME[name])("strict")
            # Not final when cut: a character split by the cut is dropped, not an error.
            return decoder.decode(data, final=not cut), name, cut
        except UnicodeError:
            continue
    return data.decode("cp1252", errors="replace"), "windows-1252", cut


def web_encoding(label: str | bytes | None) -> str | None:
    """The WHATWG encoding a label names, or None for a label outside the standard."""
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="replace")
    if not isinstance(label, str):
        return None
    return _ENCODING_BY_LABEL.get(label.strip(" \t\n\f\r").lower())


def _declared_encoding(data: bytes) -> str | None:
    """The page's own <meta charset> (or http-equiv, or XML declaration) near its start."""
    head = data[:MAX_PRESCAN_BYTES]
    found = None
    for meta in _META.finditer(head):  # no nested quantifiers: linear, however hostile the bytes
        end = head.find(b">", meta.end())
        match = _CHARSET.search(head, meta.end(), end if end >= 0 else len(head))
        found = web_encoding(match[1]) if match else None
        if found:
            break
    if found is None:
        declaration = _XML_ENCODING.match(head)
        found = web_encoding(declaration[1]) if declaration else None
    # A declaration readable as ASCII cannot be UTF-16: the standard reads it as UTF-8.
    return "utf-8" if found in ("utf-16le", "utf-16be") else found
