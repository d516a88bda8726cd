"""Personal data found per locale: recall per kind on Faker-generated profiles, false alarms on
numeric text.

For each locale (fr_FR, fr_BE, fr_CH, fr_CA, en_GB, en_US) it generates profile-like sentences
that each hold one phone, e-mail, birth date or postal address, runs `find_pii` with the regions
a person of that country gets (`detect.regions.phone_regions`), and counts a hit when a finding
of the right kind covers the value. Then it runs the same regions on numeric text that is not
personal data (SIREN/SIRET, company numbers, ISBNs, versions, prices, years, IBAN-like and order
numbers) and counts every finding as a false alarm.

Needs the test extra (`pip install -e '.[test]'`: Faker). Run:
python benchmarks/bench_pii_locales.py [samples-per-kind] [seed]

Faker has no Belgian addresses or phones under fr_BE: Belgian samples take French names and
street names (fr_FR) with Belgian numbering, postcodes and cities (nl_BE) and Belgian phones
(nl_BE). A phone that
`phonenumbers` does not hold valid in its own country (Faker makes up area codes) is drawn again:
a number that cannot exist exposes nobody.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from ereputation.detect.pii import PiiMatch, find_pii
from ereputation.detect.regions import BY_LANGUAGE, phone_regions

LOCALES = ("fr_FR", "fr_BE", "fr_CH", "fr_CA", "en_GB", "en_US")
COUNTRY = {"fr_FR": "FR", "fr_BE": "BE", "fr_CH": "CH", "fr_CA": "CA", "en_GB": "GB", "en_US": "US"}
KINDS = ("phone", "email", "birthdate", "address")


@dataclass(frozen=True)
class Sample:
    locale: str
    kind: str
    value: str
    text: str


def _fakers(locale: str, seed: int) -> tuple[Faker, Faker]:
    # Faker's fr_BE falls back to US addresses and phones: Belgian samples take French names and
    # streets (fr_FR), Belgian postcodes, cities and phones (nl_BE).
    main = Faker("fr_FR" if locale == "fr_BE" else locale)
    main.seed_instance(seed)
    extra = Faker("nl_BE" if locale == "fr_BE" else locale)
    extra.seed_instance(seed + 1)
    return main, extra


def _phone(fake: Faker, country: str) -> str:
    import phonenumbers

    for _ in range(50):
        value = str(fake.phone_number())
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(value, country)):
                return value
        except phonenumbers.NumberParseException:
            continue
    return value


def _address(fake: Faker, extra: Faker, locale: str, rng: random.Random) -> str:
    if locale == "fr_BE":
        # "16, rue de Salmon" -> "rue de Salmon 16": Belgian numbering.
        street = re.sub(r"^\d+\w?,? ", "", fake.street_address())
        sep = rng.choice((", ", ", ", "\n"))
        return f"{street} {rng.randint(1, 180)}{sep}{extra.postcode()} {extra.city()}"
    lines = [line.strip() for line in fake.address().splitlines() if line.strip()]
    # One line out of three keeps its line breaks, as a page's text or a bio field does.
    return rng.choice((", ", ", ", "\n")).join(lines)


_BIRTH_FORMATS = {
    "fr": ("%d/%m/%Y", "%d %B %Y", "%d.%m.%Y"),
    "en_GB": ("%d/%m/%Y", "%d %B %Y", "%Y-%m-%d"),
    "en_US": ("%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d"),
}
_FR_MONTHS = re.findall(
    r"\w+", "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)

PHRASES = {
    "fr": {
        "phone": ("Pour me joindre : {v}.", "Tél. {v} (après 18 h)", "Appelez-moi au {v} !"),
        "email": ("Écrivez-moi à {v}", "Contact : {v} — réponse sous 48 h", "Mail : {v}"),
        "birthdate": ("Né le {v} à Namur.", "Date de naissance : {v}", "née le {v}, passionnée"),
        "address": ("Adresse : {v}", "Mon atelier : {v}. Sur rendez-vous.", "Je vis au {v}"),
    },
    "en": {
        "phone": ("Call me on {v}.", "Phone: {v} (evenings)", "Reach me at {v} any time"),
        "email": ("Write to {v}", "Contact: {v} - I reply within 2 days", "Email: {v}"),
        "birthdate": ("Born on {v} in Leeds.", "Date of birth: {v}", "DOB: {v}"),
        "address": ("Address: {v}", "My studio: {v}. By appointment.", "I live at {v}"),
    },
}


def _birthdate(fake: Faker, locale: str, rng: random.Random) -> str:
    day = fake.date_of_birth(minimum_age=18, maximum_age=70)
    formats = _BIRTH_FORMATS.get(locale, _BIRTH_FORMATS["fr"])
    fmt = rng.choice(formats)
    if "%B" in fmt and locale.startswith("fr"):
        return (
            fmt.replace("%B", _FR_MONTHS[day.month - 1])
            .replace("%d", str(day.day))
            .replace("%Y", str(day.year))
        )
    return str(day.strftime(fmt))


def samples(locale: str, per_kind: int, seed: int = 12) -> list[Sample]:
    """`per_kind` sentences per kind for `locale`, the same for the same seed."""
    fake, extra = _fakers(locale, seed)
    rng = random.Random(f"{locale}-{seed}")
    phrases = PHRASES[locale[:2]]
    makers: dict[str, Callable[[], str]] = {
        "phone": lambda: _phone(extra, COUNTRY[locale]),
        "email": lambda: fake.email(),
        "birthdate": lambda: _birthdate(fake, locale, rng),
        "address": lambda: _address(fake, extra, locale, rng),
    }
    out: list[Sample] = []
    for kind in KINDS:
        for _ in range(per_kind):
            value = makers[kind]()
            out.append(Sample(locale, kind, value, rng.choice(phrases[kind]).format(v=value)))
    return out


NUMERIC_TEXT = (
    "SIREN 732 829 320, SIRET 732 829 320 00074",
    "RCS Lyon 732 829 320",
    "Company number 09876543, VAT GB 123 4567 89",
    "ISBN 978-2-07-036822-8 et ISBN 0-306-40615-2",
    "Version 10.4.12 released, build 2023.11.4",
    "Prix : 1 299,00 € TTC, soit 1 082,50 € HT",
    "Price: $1,249.99 or £999.00",
    "De 2012 à 2019, puis 2019-2023 chez Acme",
    "IBAN FR76 3000 6000 0112 3456 7890 189",
    "Commande n° 4500123456 du 12/03/2024",
    "Order #112-3456789-0123456 shipped",
    "Numéro d'entreprise BE 0403.170.701",
    "IDE CHE-123.456.789 TVA",
    "NEQ 1143456789, Québec",
    "Population 2 165 423 habitants en 2019",
    "Réf. 2024-03-001-AB, lot 118 204",
    "Tracking 1Z 999 AA1 01 2345 6784",
    "Score 98.6 / 100 on 14 572 runs",
)


def covered(value: str, text: str, found: list[PiiMatch], kind: str) -> bool:
    start = text.find(value)
    end = start + len(value)
    # Found when a finding of that kind covers most of the value (a city cut short still counts:
    # the mask shows it anyway).
    for match in found:
        if match.kind != kind:
            continue
        overlap = min(end, match.end) - max(start, match.start)
        if overlap >= 0.6 * len(value):
            return True
    return False


def recall(
    locale: str, per_kind: int, seed: int = 12, regions: tuple[str, ...] | None = None
) -> dict[str, float]:
    regions = regions or phone_regions(COUNTRY[locale])
    hits = dict.fromkeys(KINDS, 0)
    totals = dict.fromkeys(KINDS, 0)
    for sample in samples(locale, per_kind, seed):
        found = find_pii(sample.text, regions=regions)
        totals[sample.kind] += 1
        hits[sample.kind] += covered(sample.value, sample.text, found, sample.kind)
    return {kind: hits[kind] / totals[kind] for kind in KINDS}


def false_alarms(locale: str, regions: tuple[str, ...] | None = None) -> list[str]:
    regions = regions or phone_regions(COUNTRY[locale])
    alarms = []
    for text in NUMERIC_TEXT:
        found = find_pii(text, regions=regions)
        alarms += [f"{m.kind}: {m.value}" for m in found]
    return alarms


def main() -> None:
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    print(f"{per_kind} samples per kind and locale, seed {seed}")
    print(f"{'locale':8}" + "".join(f"{k:>11}" for k in KINDS) + f"{'false':>8}")
    for locale in LOCALES:
        rates = recall(locale, per_kind, seed)
        alarms = false_alarms(locale)
        cells = "".join(f"{rates[k]:>10.1%} " for k in KINDS)
        print(f"{locale:8}{cells}{len(alarms):>7}")
        for alarm in alarms:
            print(f"    false alarm: {alarm}")
    # Without a country, the regions of the report's language are tried: recall and false alarms
    # of each language's regions on every locale's data.
    for language, regions in BY_LANGUAGE.items():
        print(f"regions of language {language!r} ({', '.join(regions)}), on each locale's data:")
        for locale in LOCALES:
            rates = recall(locale, per_kind, seed, regions)
            alarms = false_alarms(locale, regions)
            print(f"  {locale:8} phones {rates['phone']:.1%}, false alarms {len(alarms)}")
            for alarm in alarms:
                print(f"    false alarm: {alarm}")


if __name__ == "__main__":
    main()
