"""A contacts CSV as a small shop would be handed one: made once per size and seed, kept in bench/.data.

The file is what Excel writes for "CSV UTF-8 (comma delimited)": UTF-8 with a byte-order mark, commas,
CRLF line ends, fields quoted only where needed (notes with commas, quotes or line breaks). The header
is a shop's own layout (no known export, so the import maps it by synonyms) with two email and three
phone columns:

    Customer No, Title, First Name, Last Name, Company, E-mail, E-mail 2, Mobile, Phone, Work Phone,
    Street, Address Line 2, Postcode, City, Country, Date of Birth, Tags, Newsletter, SMS opt-in, Notes

The shop is in France (import with region FR); about 60 % of customers are French, the rest come from
twelve other European countries (Greek and Cyrillic names among them), plus a few Japanese, Chinese
and Arabic names living in France. What makes it messy, roughly per row:
- names as typed: accents, other scripts, some SURNAMES IN CAPITALS, some lower case, stray spaces,
  some rows with a company and no name, a few with a first name only;
- emails in odd case (Jean.Dupont@Orange.FR, all capitals), some with spaces around, ~1 % invalid
  (double @, no dot in the domain, a space, a comma for a dot) in the first or the second column;
- phones in national and international forms with spaces, dots, dashes or nothing between groups,
  "+33 (0)6 ...", "0033 ...", a leading ' (Excel's text guard) on ~4 %, "n/a", a few foreign numbers
  written without their country code, a few too short to be numbers;
- day-first birthdays (14/07/1985, 03.04.1990, 3/4/1990, 14-07-85), blank for most rows;
- blank cells everywhere a real file has them; tags split by "," or ";"; consent as yes/no/oui/1/x;
- ~5 % of the rows repeat an earlier customer: the same email in another case, the same phone written
  another way, or the same name (re-cased, accents dropped) at the same address with nothing else.

Everything random comes from one `random.Random(seed)` and Faker instances seeded from it; the
cache key also holds Faker's and phonenumbers' versions, whose data the rows come from.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import time
import unicodedata
from pathlib import Path

from _common import DATA, MIB

HEADER = ["Customer No", "Title", "First Name", "Last Name", "Company", "E-mail", "E-mail 2", "Mobile", "Phone",
          "Work Phone", "Street", "Address Line 2", "Postcode", "City", "Country", "Date of Birth", "Tags",
          "Newsletter", "SMS opt-in", "Notes"]
SHOP_REGION = "FR"
DUPLICATE_SHARE = 0.05

# Who the customers are: locale -> weight. Cities, postal codes, domains come from the demo generator.
WEIGHTS = {"fr_FR": 60, "de_DE": 5, "en_GB": 5, "es_ES": 5, "it_IT": 5, "nl_NL": 3, "pt_PT": 3, "pl_PL": 3,
           "el_GR": 2, "ru_RU": 2, "sv_SE": 2, "tr_TR": 2, "en_US": 1}
LATIN_LOCALES = ("fr_FR", "de_DE", "en_GB", "es_ES", "it_IT", "nl_NL", "pt_PT", "pl_PL", "sv_SE", "tr_TR", "en_US")
LIVING_IN_FRANCE = {"ja_JP": 0.7, "zh_CN": 0.7, "ar_AA": 0.6}  # names from these locales, French addresses
TITLES = {"FR": ("", "", "M.", "Mme", "Mlle", "Dr"), "DE": ("", "Herr", "Frau", "Dr."), "ES": ("", "Sr.", "Sra."),
          "": ("", "", "Mr", "Mrs", "Ms", "Dr")}
TAGS = ("VIP", "Regular", "Wholesale", "Newsletter", "Local", "Online", "Birthday club", "Trade", "Fidélité")
YES = ("yes", "Yes", "YES", "y", "1", "x", "oui", "Oui", "TRUE")
NO = ("no", "No", "n", "0", "non", "FALSE")
STREET2 = ("Apt 3", "Bâtiment B", "2e étage", "Résidence les Tilleuls", "c/o Martin", "Escalier C, porte 12",
           "Flat 4", "Hinterhaus")


def fingerprint() -> str:
    import faker
    import phonenumbers

    from smallcrm.services import demo

    source = Path(__file__).read_bytes() + repr(demo.COUNTRIES).encode() + repr(demo.NOTES).encode()
    return f"{hashlib.sha256(source).hexdigest()[:16]}-faker{faker.VERSION}-pn{phonenumbers.__version__}"


def contacts_csv(name: str, rows: int, seed: int = 1) -> tuple[Path, dict]:
    """Path of the CSV with these parameters (made now if missing) and facts about it."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.csv"
    info_path = DATA / f"{name}.csv.json"
    wanted = {"rows": rows, "seed": seed, "generator": fingerprint()}
    if path.exists() and info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("params") == wanted:
            info["reused"] = True
            return path, info
    print(f"  generating {name}: a contacts CSV of {rows:,} rows ...", flush=True)
    started = time.perf_counter()
    partial = DATA / f"{name}.partial.csv"
    facts = write_csv(partial, rows, seed)
    partial.replace(path)
    info = {"params": wanted, **facts, "generate_seconds": round(time.perf_counter() - started, 1),
            "file_mib": round(path.stat().st_size / MIB, 1), "reused": False}
    info_path.write_text(json.dumps(info, indent=2), encoding="utf-8")
    print(f"  generated {name} in {info['generate_seconds']} s ({info['file_mib']} MiB)", flush=True)
    return path, info


# ------------------------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    from faker.decode import unidecode

    return "".join(ch for ch in unidecode(text).lower() if ch.isascii() and (ch.isalnum() or ch in "-"))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class _Phones:
    """Valid numbers of one region and kind: the example number's first digits, the rest drawn (so that
    two customers rarely share a number by chance)."""

    def __init__(self, region: str, kind):
        import phonenumbers

        self.pn = phonenumbers
        self.example = phonenumbers.example_number_for_type(region, kind)
        self.national = str(self.example.national_number)
        self.keep = 1 if len(self.national) >= 8 else max(1, len(self.national) - 6)

    def draw(self, rnd: random.Random):
        pn = self.pn
        head, width = self.national[:self.keep], len(self.national) - self.keep
        for _ in range(40):
            number = pn.PhoneNumber(country_code=self.example.country_code,
                                    national_number=int(head + str(rnd.randrange(10 ** width)).zfill(width)),
                                    italian_leading_zero=self.example.italian_leading_zero)
            if pn.is_valid_number(number):
                return number
        return self.example


def _written(number, rnd: random.Random, home: bool) -> str:
    """One number as people type it. `home`: the shop's country (national forms are then fine)."""
    import phonenumbers as pn

    intl = pn.format_number(number, pn.PhoneNumberFormat.INTERNATIONAL)
    national = pn.format_number(number, pn.PhoneNumberFormat.NATIONAL)
    e164 = pn.format_number(number, pn.PhoneNumberFormat.E164)
    r = rnd.random()
    if home:
        if r < 0.30:
            text = national
        elif r < 0.42:
            text = national.replace(" ", ".")
        elif r < 0.50:
            text = national.replace(" ", "-")
        elif r < 0.62:
            text = national.replace(" ", "")
        elif r < 0.80:
            text = intl
        elif r < 0.88:
            text = e164
        elif r < 0.94:
            cc, _, rest = intl.partition(" ")
            text = f"{cc} (0){rest}"
        else:
            text = "00" + intl[1:]
    else:
        if r < 0.55:
            text = intl
        elif r < 0.75:
            text = e164
        elif r < 0.85:
            text = "00" + intl[1:]
        elif r < 0.93:
            text = intl.replace(" ", "-")
        elif r < 0.97:
            text = national  # a foreign number without its country code: not what it seems in France
        else:
            text = intl.replace(" ", ".")
    if rnd.random() < 0.04:
        text = "'" + text.replace(" ", "")  # Excel's text guard
    return text


def _email(rnd: random.Random, first: str, last: str, company_slug: str, domains) -> str:
    f, la = _ascii(first) or "client", _ascii(last) or "shop"
    style = rnd.random()
    if company_slug and style < 0.08:
        local, domain = rnd.choice((f, f"{f}.{la}", "contact", "info")), f"{company_slug}.fr"
    else:
        local = rnd.choice((f"{f}.{la}", f"{f[0]}{la}", f"{f}_{la}", f"{f}{la}", f"{la}.{f}", f"{f}.{la[0]}"))
        if rnd.random() < 0.55:
            local += str(rnd.randint(1, 9999))
        domain = rnd.choice(domains) if rnd.random() < 0.55 else rnd.choice(
            ("gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com",
             "proton.me"))
    return f"{local}@{domain}"


def _odd_case(rnd: random.Random, email: str) -> str:
    r = rnd.random()
    if r < 0.06:
        return email.upper()
    if r < 0.16:
        local, _, domain = email.partition("@")
        return ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain.capitalize()
    if r < 0.19:
        return f" {email} "
    return email


def _invalid_email(rnd: random.Random, email: str) -> str:
    local, _, domain = email.partition("@")
    return rnd.choice((f"{local}@@{domain}", f"{local}@{domain.split('.')[0]}", f"{local} @{domain}",
                       f"{local}@{domain.replace('.', ',')}", f"{local}{domain}", f"{local}@{domain}."))


def _birthday(rnd: random.Random) -> str:
    year, month, day = rnd.randint(1938, 2006), rnd.randint(1, 12), rnd.randint(1, 28)
    r = rnd.random()
    if r < 0.55:
        return f"{day:02d}/{month:02d}/{year}"
    if r < 0.75:
        return f"{day:02d}.{month:02d}.{year}"
    if r < 0.92:
        return f"{day}/{month}/{year}"
    return f"{day:02d}-{month:02d}-{year % 100:02d}"


class _World:
    def __init__(self, seed: int):
        import phonenumbers
        from faker import Faker

        from smallcrm.services import demo

        self.rnd = random.Random(seed)
        self.notes = demo.NOTES
        self.locales = {}
        number = 0
        for name in list(WEIGHTS) + list(LIVING_IN_FRANCE):
            number += 1
            fake = Faker(name)
            fake.seed_instance(seed * 7919 + number)
            country = demo.COUNTRIES.get(name) or demo.COUNTRIES["fr_FR"]
            region = country[0]
            pool = {
                "first": list(dict.fromkeys(fake.first_name() for _ in range(700))),
                "last": list(dict.fromkeys(fake.last_name() for _ in range(900))),
                "companies": list(dict.fromkeys(fake.company() for _ in range(150))),
                "streets": list(dict.fromkeys(fake.street_address().replace("\n", ", ") for _ in range(400)))
                if name in demo.COUNTRIES else None,
                "locale": name, "region": region, "country": country[1], "domains": country[2], "cities": country[4],
                "mobile": _Phones(region, phonenumbers.PhoneNumberType.MOBILE),
                "fixed": _Phones(region, phonenumbers.PhoneNumberType.FIXED_LINE),
            }
            self.locales[name] = pool
        self.streets_fr = self.locales["fr_FR"]["streets"]
        names = list(WEIGHTS) + list(LIVING_IN_FRANCE)
        self.choices = names
        self.weights = [WEIGHTS.get(n, 0) or LIVING_IN_FRANCE[n] for n in names]

    def _name(self, loc: dict) -> tuple[str, str]:
        """Faker's lists are short (fr_FR: ~215 first names, ~400 last names), which would make many
        more namesakes in one town than a real customer base has; so names also come from other
        Latin-script lists, and some are compound, as they are in France."""
        rnd = self.rnd
        latin = loc["locale"] in LATIN_LOCALES
        pick = (lambda key: rnd.choice(self.locales[rnd.choice(LATIN_LOCALES)][key])) if latin else None
        first = pick("first") if latin and rnd.random() < 0.3 else rnd.choice(loc["first"])
        last = pick("last") if latin and rnd.random() < 0.3 else rnd.choice(loc["last"])
        if latin and rnd.random() < 0.12:
            second = rnd.choice(loc["first"])
            if second != first and " " not in first + second:
                first = f"{first}-{second}"
        if latin and rnd.random() < 0.06:
            second = rnd.choice(loc["last"])
            if second != last:
                last = f"{last}-{second}" if rnd.random() < 0.7 else f"{last} {second}"
        return first, last

    def person(self) -> dict:
        rnd = self.rnd
        name = rnd.choices(self.choices, self.weights)[0]
        loc = self.locales[name]
        home = loc["region"] == SHOP_REGION
        streets = loc["streets"] or self.streets_fr
        city, postcodes = rnd.choice(loc["cities"])
        first, last = self._name(loc)
        company = rnd.choice(loc["companies"]) if rnd.random() < 0.15 else ""
        slug = _ascii(company.split()[0]) if company else ""
        p = {
            "title": rnd.choice(TITLES.get(loc["region"], TITLES[""])),
            "first": first, "last": last, "company": company,
            "emails": [], "phones": [], "street": rnd.choice(streets) if rnd.random() < 0.75 else "",
            "street2": rnd.choice(STREET2) if rnd.random() < 0.05 else "",
            "postcode": rnd.choice(postcodes) if rnd.random() < 0.8 else "",
            "city": city if rnd.random() < 0.85 else "",
            "country": (loc["country"] if rnd.random() < 0.7 else loc["region"]) if rnd.random() < 0.7 else "",
        }
        r = rnd.random()
        if r < 0.03 and company:
            p["first"] = p["last"] = ""  # a business customer
        elif r < 0.04:
            p["last"] = ""
        if rnd.random() < 0.82:
            p["emails"].append(_email(rnd, first, last, slug, loc["domains"]))
            if rnd.random() < 0.10:
                p["emails"].append(_email(rnd, first, last, "", loc["domains"]))
        for kind, share in (("mobile", 0.70), ("fixed", 0.25), ("work", 0.08)):
            if rnd.random() < share:
                source = loc["mobile"] if kind == "mobile" else loc["fixed"]
                p["phones"].append((kind, source.draw(rnd), home))
        return p

    def row(self, number: int, p: dict, duplicate: str = "") -> list[str]:
        rnd = self.rnd
        first, last = p["first"], p["last"]
        emails = list(p["emails"])
        phones = {kind: (n, home) for kind, n, home in p["phones"]}
        street, street2, postcode, city, country = p["street"], p["street2"], p["postcode"], p["city"], p["country"]
        company, title = p["company"], p["title"]
        if duplicate == "email":  # the same person again, the email in another case
            emails = [emails[0].upper() if rnd.random() < 0.5 else emails[0].capitalize()]
            if rnd.random() < 0.5:
                phones = {}
        elif duplicate == "phone":  # written another way, no email or another one
            kind = next(iter(phones))
            phones = {kind: phones[kind]}
            emails = [] if rnd.random() < 0.7 else [f"{_ascii(first) or 'x'}.{rnd.randint(1, 99)}@gmail.com"]
        elif duplicate == "name":  # re-cased, accents dropped, same address, nothing else
            first, last = _strip_accents(first), _strip_accents(last).upper()
            emails, phones = [], {}
        cells = dict.fromkeys(HEADER, "")
        r = rnd.random()
        cells["Customer No"] = (str(10000 + number) if r < 0.70 else f"'{10000 + number:08d}" if r < 0.75 else "")
        cells["Title"] = title
        r = rnd.random()
        if r < 0.05:
            last = last.upper()
        elif r < 0.08:
            first, last = first.lower(), last.lower()
        elif r < 0.10:
            first = f"  {first} "
        cells["First Name"], cells["Last Name"], cells["Company"] = first, last, company
        if emails:
            e1 = _odd_case(rnd, emails[0])
            if not duplicate and rnd.random() < 0.006:
                e1 = _invalid_email(rnd, e1)
            cells["E-mail"] = e1
            if len(emails) > 1:
                cells["E-mail 2"] = _invalid_email(rnd, emails[1]) if rnd.random() < 0.05 else emails[1]
        columns = {"mobile": "Mobile", "fixed": "Phone", "work": "Work Phone"}
        for kind, (n, home) in phones.items():
            cells[columns[kind]] = _written(n, rnd, home)
        if not duplicate:
            r = rnd.random()
            if r < 0.01:
                cells["Phone"] = rnd.choice(("n/a", "-", "?"))
            elif r < 0.013:
                cells["Work Phone"] = str(rnd.randint(100, 99999))  # too short to be a number
        cells["Street"], cells["Address Line 2"], cells["Postcode"] = street, street2, postcode
        cells["City"], cells["Country"] = city, country
        if rnd.random() < 0.38:
            cells["Date of Birth"] = _birthday(rnd)
        if rnd.random() < 0.3:
            cells["Tags"] = rnd.choice((", ", "; ", ",")).join(rnd.sample(TAGS, rnd.randint(1, 3)))
        r = rnd.random()
        cells["Newsletter"] = rnd.choice(YES) if r < 0.35 else rnd.choice(NO) if r < 0.75 else ""
        r = rnd.random()
        cells["SMS opt-in"] = rnd.choice(YES) if r < 0.10 else rnd.choice(NO) if r < 0.25 else ""
        if rnd.random() < 0.1:
            note = rnd.choice(self.notes)
            if rnd.random() < 0.2:
                note = f'Said "{note.rstrip(".")}", twice.'
            cells["Notes"] = note
        return [cells[h] for h in HEADER]


def write_csv(path: Path, rows: int, seed: int) -> dict:
    world = _World(seed)
    rnd = world.rnd
    people: list[dict] = []
    duplicates = {"email": 0, "phone": 0, "name": 0}
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(HEADER)
        for number in range(1, rows + 1):
            kind = ""
            if people and rnd.random() < DUPLICATE_SHARE:
                earlier = people[rnd.randrange(len(people))]
                r = rnd.random()
                kind = ("email" if r < 0.45 and earlier["emails"] else
                        "phone" if r < 0.80 and earlier["phones"] else
                        "name" if (earlier["first"] or earlier["last"]) and (earlier["city"] or earlier["postcode"])
                        else "")
                if kind:
                    duplicates[kind] += 1
                    out.writerow(world.row(number, earlier, kind))
                    continue
            person = world.person()
            people.append(person)
            out.writerow(world.row(number, person))
    return {"rows": rows, "encoding": "utf-8 with BOM", "delimiter": ",", "line_end": "CRLF",
            "duplicates_written": duplicates, "distinct_people": len(people)}
