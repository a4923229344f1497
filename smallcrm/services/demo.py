"""Demo data: a believable shop's customers, purchases, points, calls and feedback, reproducible by seed.

`generate()` fills an empty database in one transaction. It writes through the raw sqlite3
connection with `executemany` in chunks, with the search triggers off (the index is rebuilt once at
the end), so a benchmark-sized shop (100,000 contacts, 1,000,000 purchases) takes a minute or two
rather than an hour. Memory stays bounded: contacts are written chunk by chunk, and purchases are
produced in time order from a compact list of (time, customer) keys.

Everything random comes from one `random.Random(seed)` (and Faker seeded from it), so the same seed,
`now` and shop region give the same rows.
"""

from __future__ import annotations

import bisect
import itertools
import random
from array import array
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Callable

import phonenumbers

from smallcrm.errors import DemoNeedsEmptyDatabase
from smallcrm.services import loyalty
from smallcrm.services.settings import default_region, get_setting
from smallcrm.services.validation import clean_phone
from smallcrm.store import search
from smallcrm.store.fields import to_utc_text, utc_now
from smallcrm.store.models import database

WELCOME_POINTS = 50  # the demo shop gives new customers 50 points

DAY = 86_400
CURRENCY = "EUR"
CONTACT_CHUNK = 2_000
PURCHASE_CHUNK = 10_000


class DemoCancelled(Exception):
    """The caller asked to stop; nothing was written."""


@dataclass
class DemoSummary:
    """How many rows of each kind were created."""

    contacts: int = 0
    emails: int = 0
    phones: int = 0
    tag_links: int = 0  # contact-tag pairs
    purchases: int = 0  # refunds included
    refunds: int = 0
    purchase_items: int = 0
    points_entries: int = 0
    interactions: int = 0  # follow-ups of low scores included
    feedback: int = 0
    complaints: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --------------------------------------------------------------------------------------------------
# The world the customers come from

# locale -> (ISO region, country as stored, email domains, company web suffix,
#            cities with real postal codes)
COUNTRIES: dict[str, tuple] = {
    "fr_FR": ("FR", "France", ("orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr"), "fr", (
        ("Paris", ("75001", "75011", "75015", "75018")), ("Lyon", ("69001", "69003", "69007")),
        ("Marseille", ("13001", "13006", "13008")), ("Toulouse", ("31000", "31400")),
        ("Nantes", ("44000", "44300")), ("Bordeaux", ("33000", "33800")), ("Lille", ("59000", "59800")),
        ("Strasbourg", ("67000", "67100")), ("Montpellier", ("34000", "34070")), ("Rennes", ("35000", "35200")),
    )),
    "de_DE": ("DE", "Germany", ("gmx.de", "web.de", "t-online.de", "gmx.net", "posteo.de"), "de", (
        ("Berlin", ("10115", "10437", "10999", "12043")), ("Hamburg", ("20095", "22765")),
        ("München", ("80331", "80469", "81667")), ("Köln", ("50667", "50823")),
        ("Frankfurt am Main", ("60311", "60594")), ("Stuttgart", ("70173", "70197")),
        ("Leipzig", ("04103", "04275")), ("Dresden", ("01067", "01099")), ("Bremen", ("28195",)),
        ("Freiburg im Breisgau", ("79098",)),
    )),
    "en_GB": ("GB", "United Kingdom", ("btinternet.com", "sky.com", "hotmail.co.uk", "yahoo.co.uk", "virginmedia.com"),
              "co.uk", (
        ("London", ("N1 9GU", "SE1 7PB", "E2 8AA", "W1D 3QU", "NW3 2QG")), ("Manchester", ("M1 1AE", "M4 5JD")),
        ("Birmingham", ("B1 1BB", "B15 2TT")), ("Leeds", ("LS1 4DY", "LS6 3HN")), ("Bristol", ("BS1 4DJ", "BS8 1TH")),
        ("Edinburgh", ("EH1 1YZ", "EH8 9AB")), ("Glasgow", ("G1 1XQ", "G12 8QQ")), ("Brighton", ("BN1 1EE", "BN2 1TW")),
        ("Cardiff", ("CF10 1EP",)), ("York", ("YO1 7HH",)),
    )),
    "en_US": ("US", "United States", ("yahoo.com", "aol.com", "comcast.net", "outlook.com", "verizon.net"), "com", (
        ("New York", ("10001", "10013", "11211")), ("Chicago", ("60601", "60614")), ("Austin", ("78701", "78704")),
        ("Seattle", ("98101", "98103")), ("Boston", ("02108", "02116")), ("San Francisco", ("94103", "94110")),
        ("Denver", ("80202", "80205")), ("Portland", ("97205", "97214")), ("Atlanta", ("30303", "30308")),
        ("Minneapolis", ("55401", "55408")),
    )),
    "es_ES": ("ES", "Spain", ("telefonica.net", "hotmail.es", "yahoo.es"), "es", (
        ("Madrid", ("28001", "28004", "28013")), ("Barcelona", ("08001", "08010", "08037")),
        ("Valencia", ("46001", "46021")), ("Sevilla", ("41001", "41010")), ("Zaragoza", ("50001",)),
        ("Málaga", ("29001", "29016")), ("Bilbao", ("48001", "48009")), ("Granada", ("18001", "18009")),
        ("Palma", ("07001",)), ("Alicante", ("03001",)),
    )),
    "it_IT": ("IT", "Italy", ("libero.it", "virgilio.it", "alice.it", "tiscali.it"), "it", (
        ("Roma", ("00184", "00153")), ("Milano", ("20121", "20135")), ("Napoli", ("80132", "80138")),
        ("Torino", ("10121", "10138")), ("Bologna", ("40121", "40126")), ("Firenze", ("50122", "50134")),
        ("Genova", ("16121",)), ("Palermo", ("90133",)), ("Verona", ("37121",)), ("Bari", ("70121",)),
    )),
    "nl_NL": ("NL", "Netherlands", ("ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl"), "nl", (
        ("Amsterdam", ("1012 JS", "1071 DJ", "1053 RT")), ("Rotterdam", ("3011 AD", "3024 EE")),
        ("Den Haag", ("2511 CV", "2582 AB")), ("Utrecht", ("3511 LX", "3581 KP")), ("Eindhoven", ("5611 AZ",)),
        ("Groningen", ("9711 LV",)), ("Haarlem", ("2011 RD",)), ("Leiden", ("2311 EZ",)),
        ("Nijmegen", ("6511 PP",)), ("Maastricht", ("6211 CL",)),
    )),
    "pt_PT": ("PT", "Portugal", ("sapo.pt", "clix.pt", "hotmail.com"), "pt", (
        ("Lisboa", ("1100-148", "1200-195", "1700-097")), ("Porto", ("4000-322", "4050-253")),
        ("Braga", ("4700-435",)), ("Coimbra", ("3000-150",)), ("Faro", ("8000-138",)), ("Aveiro", ("3810-064",)),
        ("Setúbal", ("2900-519",)), ("Funchal", ("9000-060",)), ("Évora", ("7000-509",)), ("Viseu", ("3500-016",)),
    )),
    "pl_PL": ("PL", "Poland", ("wp.pl", "onet.pl", "o2.pl", "interia.pl"), "pl", (
        ("Warszawa", ("00-001", "00-950", "02-495")), ("Kraków", ("30-001", "31-042")), ("Łódź", ("90-001", "91-065")),
        ("Wrocław", ("50-001", "53-234")), ("Poznań", ("60-101", "61-701")), ("Gdańsk", ("80-001", "80-831")),
        ("Szczecin", ("70-001",)), ("Lublin", ("20-001",)), ("Katowice", ("40-001",)), ("Toruń", ("87-100",)),
    )),
    "el_GR": ("GR", "Greece", ("otenet.gr", "yahoo.gr", "hotmail.gr"), "gr", (
        ("Αθήνα", ("105 57", "106 71", "115 21")), ("Θεσσαλονίκη", ("546 22", "546 35")), ("Πάτρα", ("262 21",)),
        ("Ηράκλειο", ("712 02",)), ("Λάρισα", ("412 22",)), ("Βόλος", ("382 21",)), ("Ιωάννινα", ("454 44",)),
        ("Χανιά", ("731 31",)), ("Καλαμάτα", ("241 00",)), ("Ρόδος", ("851 00",)),
    )),
    "ru_RU": ("RU", "Russia", ("mail.ru", "yandex.ru", "rambler.ru", "bk.ru"), "ru", (
        ("Москва", ("101000", "119019", "125009")), ("Санкт-Петербург", ("190000", "191186")),
        ("Новосибирск", ("630099",)), ("Екатеринбург", ("620014",)), ("Казань", ("420111",)),
        ("Нижний Новгород", ("603005",)), ("Самара", ("443010",)), ("Ростов-на-Дону", ("344002",)),
        ("Краснодар", ("350000",)), ("Воронеж", ("394018",)),
    )),
    "sv_SE": ("SE", "Sweden", ("telia.com", "hotmail.se", "bredband.net"), "se", (
        ("Stockholm", ("111 22", "114 35", "118 20")), ("Göteborg", ("411 03", "413 01")),
        ("Malmö", ("211 20", "214 21")), ("Uppsala", ("753 10",)), ("Västerås", ("722 12",)),
        ("Örebro", ("702 10",)), ("Linköping", ("582 24",)), ("Lund", ("222 21",)), ("Umeå", ("903 26",)),
        ("Helsingborg", ("252 21",)),
    )),
    "tr_TR": ("TR", "Turkey", ("hotmail.com.tr", "yandex.com.tr", "ttmail.com"), "com.tr", (
        ("İstanbul", ("34433", "34710", "34367")), ("Ankara", ("06420", "06690")), ("İzmir", ("35210", "35220")),
        ("Bursa", ("16010",)), ("Antalya", ("07100",)), ("Eskişehir", ("26010",)), ("Konya", ("42040",)),
        ("Adana", ("01010",)), ("Trabzon", ("61030",)), ("Gaziantep", ("27010",)),
    )),
}
LOCALES = tuple(COUNTRIES)
GLOBAL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com",
                  "proton.me")

# Streets where Faker's own are not convincing.
_STREETS = {
    "en_GB": (("High", "Station", "Church", "Mill", "Park", "Victoria", "Queen's", "King's", "Manor", "Albert",
               "London", "Green", "Chapel", "Orchard", "Springfield"),
              ("Street", "Road", "Lane", "Close", "Avenue", "Gardens", "Way", "Terrace"), "{n} {a} {b}"),
    "en_US": (("Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lincoln", "Lake", "Hill", "Park", "Main",
               "2nd", "3rd", "Sunset", "Jefferson"),
              ("Street", "Avenue", "Drive", "Road", "Lane", "Court", "Boulevard"), "{n} {a} {b}"),
    "tr_TR": (("Atatürk", "Cumhuriyet", "İnönü", "Gazi", "Menekşe", "Lale", "Gül", "Çınar", "Papatya", "Bahçe",
               "Barış", "Zafer", "Çamlık", "Kordon"),
              ("Caddesi", "Sokak", "Sokağı", "Bulvarı"), "{a} {b} No: {n}"),
}

TAGS = ("VIP", "Regular", "Wholesale", "Newsletter", "Local", "Online", "Birthday club", "Trade")
SOURCES = (("Walk-in", 34), ("Google", 14), ("Instagram", 12), ("Website", 10), ("Market stall", 8),
           ("Facebook", 6), ("Flyer", 4), ("Newsletter", 3), ("Event", 3))
PAYMENTS = (("Card", 60), ("Cash", 24), ("Mobile pay", 11), ("Gift card", 3), ("Bank transfer", 2))
INVOICE_PAYMENT = "Bank transfer"  # how purchases on account are settled

# (description, unit price in minor units); cheaper things are bought more often.
CATALOGUE = (
    ("Coffee beans, 250 g", 890), ("Espresso blend, 1 kg", 2990), ("Loose-leaf tea, 100 g", 650),
    ("Tea sampler box", 1990), ("Dark chocolate bar", 350), ("Praline box, 12 pieces", 1490),
    ("Olive oil, 500 ml", 1290), ("Honey, 250 g", 790), ("Strawberry jam", 550), ("Sourdough loaf", 480),
    ("Butter croissants, 4", 560), ("Cheese selection", 1850), ("Red wine, Côtes du Rhône", 1450),
    ("Sparkling wine", 1990), ("Craft beer, 6-pack", 1290), ("Scented candle", 2190), ("Ceramic mug", 1590),
    ("Linen tea towel", 1250), ("Notebook A5", 890), ("Greeting card", 350), ("Gift wrapping", 250),
    ("Gift card 25", 2500), ("Gift card 50", 5000), ("Hamper, small", 3990), ("Hamper, deluxe", 8990),
    ("Reusable tote bag", 590), ("Spice set", 2450), ("Artisan pasta, 500 g", 420), ("Balsamic vinegar", 1690),
    ("Cookbook", 2900), ("Cast-iron teapot", 4590), ("Coffee grinder", 6490), ("French press", 3490),
    ("Biscuit tin", 990), ("Flower bouquet", 2500), ("Lavender soap", 650), ("Hand cream", 1190),
    ("Wooden chopping board", 3290), ("Pepper mill", 2790), ("Truffle salt", 1390), ("Espresso cups, set of 2", 1890),
    ("Almond biscotti", 450),
)

NOTES = (
    "Prefers to be called in the afternoon.", "Allergic to nuts.", "Likes to hear about new arrivals first.",
    "Wholesale account, pays by invoice.", "Please do not call on Mondays.", "Always asks for gift wrapping.",
    "Interested in the tasting evenings.", "Usually comes in on Saturday mornings.",
    "Has a dog called Biscuit, brings him along.", "Prefers email over phone.",
    "Orders for the office every quarter.", "Collects the seasonal editions.",
    "Lives nearby, happy to pick up orders.", "Birthday present for partner every year in December.",
    "Speaks little English; his daughter translates.", "Asked about a standing order for coffee.",
    "Complained once about a broken mug; replaced, all good.",
    "Runs the café on the corner.\nBuys beans in bulk, 5 kg a month.",
    "Vegan. Ask before recommending chocolates.", "Met at the Christmas market.",
)

INTERACTIONS = {
    # kind: (weight, directions, outcomes, summaries)
    "call": (35, ("in", "out"), ("Reached", "Reached", "No answer", "Left voicemail", "Busy", "Call back later"), (
        "Asked whether the {item} is back in stock", "Called to confirm the order", "Wanted the holiday opening hours",
        "Reminder about the open invoice", "Arranged pickup for Saturday", "Late delivery, apologised and resolved",
        "Asked for a quote for 20 {item}", "Thanked us for the {item}")),
    "visit": (22, (None,), ("Bought something", "Just looked", "Picked up order"), (
        "Came in to look at the {item}", "Picked up the order", "Browsed, bought nothing today",
        "Returned a {item}", "Tasted the new {item}")),
    "email": (20, ("in", "out"), ("Sent", "Replied", ""), (
        "Sent the price list", "Question about gift cards", "Thanked us for the quick delivery",
        "Replied to the newsletter, asked about the {item}", "Invoice sent")),
    "sms": (13, ("out", "out", "in"), ("Delivered", ""), (
        "Order ready for pickup", "Reminder: tasting evening on Thursday", "Confirmed delivery time",
        "Your {item} has arrived")),
    "note": (10, (None,), ("",), (
        "Wants to be told when the {item} arrives", "Good customer, offer the loyalty upgrade",
        "Prefers contact by email", "Mentioned a friend who might order for a company")),
}

COMMENTS = {
    "good": ("Lovely shop, always friendly.", "Great selection, I recommend you to everyone.",
             "Best coffee in town!", "Quick and helpful service.", "The gift wrapping was beautiful.", ""),
    "mid": ("Good, but a bit pricey.", "Nice, though the queue was long.", "Fine. Parking is difficult.",
            "OK, the item I wanted was sold out.", ""),
    "bad": ("Waited too long at the till.", "The item I wanted was out of stock again.", "Staff seemed rushed.",
            "Delivery was late and nobody called.", "Too expensive for what it is.", ""),
}
FEEDBACK_CHANNELS = ("In store", "Email survey", "Email survey", "SMS survey", "Phone", "Website")
# Like services.satisfaction: a score this low opens a complaint (category "low score") and a follow-up.
LOW_SCORE = {"nps": 6, "csat": 2}
LOW_SCORE_CATEGORY = "low score"
RESOLUTIONS = ("Apologised and gave a 10 % voucher.", "Replaced the item.", "Refunded the difference.",
               "Called back and explained the delay.", "Invited to the next tasting evening.",
               "Talked it through in the shop; customer happy again.")
NPS_WEIGHTS = (2, 1, 1, 1, 2, 4, 6, 10, 15, 25, 33)  # score 0..10
CSAT_WEIGHTS = (5, 7, 13, 30, 45)  # score 1..5


# --------------------------------------------------------------------------------------------------
# Pools built once per seed (Faker is slow per call; a pool per locale keeps generation fast)


@dataclass
class _PhoneTemplate:
    country_code: int
    base: int  # national number with the varied digits zeroed
    k: int  # how many trailing digits vary
    leading_zero: bool
    example_suffix: int
    raw_international: str  # str.format templates with one {} per varied digit
    raw_national: str
    e164: str
    digits_international: str
    digits_national: str


@dataclass
class _Locale:
    region: str
    country: str
    first_male: list
    first_female: list
    last_male: list
    last_female: list
    companies: list  # (name, slug for a web address)
    streets: list
    cities: tuple
    domains: tuple
    web_suffix: str
    mobile: _PhoneTemplate
    fixed: _PhoneTemplate


def _ascii(text: str) -> str:
    from faker.decode import unidecode

    return "".join(ch for ch in unidecode(text).lower() if ch.isascii() and ch.isalnum())


def _slot_template(text: str, k: int) -> str:
    """`text` with its last k digits turned into fields {0}..{k-1}, other braces escaped."""
    out = ["{{" if ch == "{" else "}}" if ch == "}" else ch for ch in text]
    left = k
    for i in range(len(out) - 1, -1, -1):
        if left == 0:
            break
        if out[i].isdigit():
            left -= 1
            out[i] = "{%d}" % left
    return "".join(out)


def _digits_template(digits: str, k: int) -> str:
    return " ".join(_slot_template(form, k) for form in digits.split())


def _phone_template(region: str, kind, shop_region: str | None) -> _PhoneTemplate:
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    k = min(6, len(national) - 3)
    fmt = phonenumbers.PhoneNumberFormat
    intl = phonenumbers.format_number(example, fmt.INTERNATIONAL)
    nat = phonenumbers.format_number(example, fmt.NATIONAL)
    e164 = phonenumbers.format_number(example, fmt.E164)
    return _PhoneTemplate(
        country_code=example.country_code,
        base=example.national_number - example.national_number % 10**k,
        k=k,
        leading_zero=bool(example.italian_leading_zero),
        example_suffix=example.national_number % 10**k,
        raw_international=_slot_template(intl, k),
        raw_national=_slot_template(nat, k),
        e164=_slot_template(e164, k),
        digits_international=_digits_template(clean_phone(intl, shop_region).digits, k),
        digits_national=_digits_template(clean_phone(nat, region).digits, k),
    )


def _unique(draw: Callable[[], str], n: int) -> list:
    return list(dict.fromkeys(" ".join(draw().split()) for _ in range(n)))


@lru_cache(maxsize=4)
def _pools(seed: int, shop_region: str | None) -> dict[str, _Locale]:
    from faker import Faker  # imported here: Faker takes a moment to load

    pools = {}
    for number, (name, (region, country, domains, web, cities)) in enumerate(COUNTRIES.items()):
        fake = Faker(name)
        fake.seed_instance(seed * 1009 + number)

        def named(draw, n):
            return [(value, _ascii(value)) for value in _unique(draw, n)]

        if name in _STREETS:
            a, b, pattern = _STREETS[name]
            rnd = random.Random(seed * 7919 + number)
            streets = [pattern.format(n=rnd.randint(1, 240), a=rnd.choice(a), b=rnd.choice(b)) for _ in range(300)]
        else:
            streets = _unique(fake.street_address, 300)
        pools[name] = _Locale(
            region=region,
            country=country,
            first_male=named(fake.first_name_male, 400),
            first_female=named(fake.first_name_female, 400),
            last_male=named(fake.last_name_male, 600),
            last_female=named(fake.last_name_female, 600),
            companies=[(c, s) for c, s in named(fake.company, 200) if s],
            streets=streets,
            cities=cities,
            domains=domains,
            web_suffix=web,
            mobile=_phone_template(region, phonenumbers.PhoneNumberType.MOBILE, shop_region),
            fixed=_phone_template(region, phonenumbers.PhoneNumberType.FIXED_LINE, shop_region),
        )
    return pools


def _cumulative(weights) -> list:
    return list(itertools.accumulate(weights))


def _pick(rnd_random, items, cum):
    return items[bisect.bisect(cum, rnd_random() * cum[-1])]


# --------------------------------------------------------------------------------------------------
# Time as text, fast: the day part is cached, the rest is arithmetic


class _Clock:
    def __init__(self):
        self._days: dict[int, str] = {}
        self._dates: dict[int, str] = {}

    def stamp(self, t: int) -> str:
        """The same text as `to_utc_text` for the epoch second `t`."""
        day, rest = divmod(t, DAY)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = to_utc_text(datetime.fromtimestamp(day * DAY, timezone.utc))[:11]
        hour, rest = divmod(rest, 3600)
        minute, second = divmod(rest, 60)
        return f"{prefix}{hour:02d}:{minute:02d}:{second:02d}Z"

    def day(self, t: int) -> str:
        """`YYYY-MM-DD` of the epoch second `t`."""
        day = t // DAY
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = date.fromordinal(date(1970, 1, 1).toordinal() + day).isoformat()
        return text


def _shop_hours(rnd, day: int) -> int:
    """An epoch second on `day` while the shop is open (8:00-19:00, closed on Sundays)."""
    if (day + 3) % 7 == 6:  # 1970-01-01 was a Thursday
        day -= 1
    return day * DAY + 28_800 + int(rnd.random() * 39_600)


# --------------------------------------------------------------------------------------------------
# The generator


_CONTACT_SQL = """INSERT INTO contact (id, first_name, last_name, company, street, postal_code, city, country,
    birthday, notes, source, referred_by_id, email_consent, email_consent_at, sms_consent, sms_consent_at,
    created_at, updated_at, sort_name, sort_company, sort_city, sort_country)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"""
_SORT_COLUMNS = ("sort_name", "sort_company", "sort_city", "sort_country")
_EMAIL_SQL = "INSERT INTO contact_email (contact_id, email, label, position) VALUES (?,?,?,?)"
_PHONE_SQL = "INSERT INTO contact_phone (contact_id, raw, e164, digits, label, position) VALUES (?,?,?,?,?,?)"
_TAG_SQL = "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?,?)"
_INTERACTION_SQL = """INSERT INTO interaction (contact_id, kind, direction, occurred_at, duration_seconds, outcome,
    summary, follow_up_on, follow_up_done_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"""
_PURCHASE_SQL = """INSERT INTO purchase (id, contact_id, occurred_at, currency, total_minor, payment_method,
    reference, status, due_on, paid_minor, refund_of_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"""
_ITEM_SQL = """INSERT INTO purchase_item (purchase_id, description, quantity, unit_price_minor, total_minor)
    VALUES (?,?,?,?,?)"""
_POINTS_SQL = """INSERT INTO points_entry (contact_id, occurred_at, kind, points, reason, purchase_id, created_at)
    VALUES (?,?,?,?,?,?,?)"""
_FEEDBACK_SQL = """INSERT INTO feedback (id, contact_id, kind, score, comment, channel, occurred_at, purchase_id,
    created_at) VALUES (?,?,?,?,?,?,?,?,?)"""
_COMPLAINT_SQL = """INSERT INTO complaint (contact_id, feedback_id, purchase_id, category, status, description,
    resolution, opened_at, resolved_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"""

_SURVEY = 1  # answers satisfaction surveys
_WHOLESALE = 2


class _Generator:
    def __init__(self, conn, seed: int, now: int, shop_region: str | None, summary: DemoSummary, step):
        self.conn = conn
        self.next_feedback_id = _next_id(conn, "feedback")
        self.auto_complaints = bool(get_setting("auto_complaints"))
        self.rnd = random.Random(seed)
        self.now = now
        self.shop_region = shop_region
        self.summary = summary
        self.step = step  # step(units_done): progress and the cancel check
        self.clock = _Clock()
        self.pools = _pools(seed, shop_region)
        weights = [1.0] * len(LOCALES)
        for i, name in enumerate(LOCALES):
            if COUNTRIES[name][0] == shop_region:
                weights[i] = len(LOCALES) * 0.6  # most customers are from the shop's own country
        self.locale_cum = _cumulative(weights)
        self.source_names = [s for s, _ in SOURCES]
        self.source_cum = _cumulative(w for _, w in SOURCES)
        self.payment_names = [p for p, _ in PAYMENTS]
        self.payment_cum = _cumulative(w for _, w in PAYMENTS)
        self.catalogue_cum = _cumulative(1 / (price**0.6) for _, price in CATALOGUE)
        self.kind_names = list(INTERACTIONS)
        self.kind_cum = _cumulative(INTERACTIONS[k][0] for k in self.kind_names)
        self.nps_cum = _cumulative(NPS_WEIGHTS)
        self.csat_cum = _cumulative(CSAT_WEIGHTS)
        self.tag_ids = self._tags()

    def _tags(self) -> dict[str, int]:
        ids = {}
        for name in TAGS:
            self.conn.execute("INSERT OR IGNORE INTO tag (name, name_key) VALUES (?, ?)", (name, name.casefold()))
            ids[name] = self.conn.execute("SELECT id FROM tag WHERE name_key = ?", (name.casefold(),)).fetchone()[0]
        return ids

    # ---- contacts ----

    def contacts(self, n: int, first_id: int) -> None:
        """Write n contacts with their emails, phones, tags, interactions, welcome points and some feedback.

        Leaves what the purchase phase needs per contact (index i = id - first_id): the window in which
        the customer buys (start, end), a weight (expected purchases), the points balance and flags.
        """
        rnd = self.rnd
        r = rnd.random
        clock = self.clock
        now = self.now
        span = 3 * 365 * DAY
        start = now - span
        two_years_ago = now - 2 * 365 * DAY
        self.first_id = first_id
        self.window_start = array("q", bytes(8 * n))
        self.window_end = array("q", bytes(8 * n))
        self.weights = array("d", bytes(8 * n))
        self.balance = array("q", bytes(8 * n))
        self.flags = bytearray(n)
        locales = [self.pools[name] for name in LOCALES]
        tag = self.tag_ids
        summary = self.summary
        today = datetime.fromtimestamp(now, timezone.utc).date()
        this_year = today.year

        for chunk_start in range(0, n, CONTACT_CHUNK):
            rows, emails, phones, tags, interactions, points = [], [], [], [], [], []
            feedback, complaints = [], []
            for i in range(chunk_start, min(n, chunk_start + CONTACT_CHUNK)):
                cid = first_id + i
                loc = _pick(r, locales, self.locale_cum)
                # Contacts arrive faster as the shop grows: more of them recently.
                created = start + int(span * ((i + r()) / n) ** 0.75)
                created_text = clock.stamp(created)
                female = r() < 0.52
                first, first_ascii = rnd.choice(loc.first_female if female else loc.first_male)
                last, last_ascii = rnd.choice(loc.last_female if female else loc.last_male)
                company = slug = ""
                x = r()
                if x < 0.02:  # a business without a contact person
                    first = last = first_ascii = last_ascii = ""
                    company, slug = rnd.choice(loc.companies)
                elif x < 0.17:
                    company, slug = rnd.choice(loc.companies)
                street = postal = city = country = ""
                x = r()
                if x < 0.55:
                    city, codes = rnd.choice(loc.cities)
                    postal = rnd.choice(codes)
                    street = rnd.choice(loc.streets)
                    country = loc.country
                elif x < 0.75:
                    city = rnd.choice(loc.cities)[0]
                    country = loc.country
                x = r()
                if x < 0.55:
                    birthday = date(this_year - rnd.randint(16, 85), 1, 1) + timedelta(days=int(r() * 365))
                    birthday = min(birthday, today).isoformat()
                elif x < 0.75:
                    birthday = "--" + (date(2000, 1, 1) + timedelta(days=int(r() * 366))).isoformat()[5:]
                else:
                    birthday = None

                # Emails: derived from the name (or the company), lower-case ASCII.
                x = r()
                n_emails = 0 if x < 0.2 else 1 if x < 0.85 else 2
                if not (first_ascii or last_ascii or slug):
                    n_emails = 0
                for position in range(n_emails):
                    if position == 1 and slug:
                        local = first_ascii or last_ascii or "info"
                        address = f"{local}@{slug[:24]}.{loc.web_suffix}"
                        label = "work"
                    else:
                        address = f"{self._local_part(first_ascii, last_ascii, slug)}@{self._domain(loc)}"
                        label = "home" if position == 0 else "other"
                    emails.append((cid, address, label, position))
                summary.emails += n_emails

                x = r()
                n_phones = 0 if x < 0.25 else 1 if x < 0.85 else 2
                mobile_first = r() < 0.8
                for position in range(n_phones):
                    mobile = mobile_first if position == 0 else not mobile_first
                    raw, e164, digits = self._phone(loc, loc.mobile if mobile else loc.fixed)
                    phones.append((cid, raw, e164, digits, "mobile" if mobile else "home", position))
                summary.phones += n_phones

                # How this customer buys: a rate (heavy-tailed), a window, some stopped coming.
                buyer = r() < 0.86
                rate = rnd.lognormvariate(0.0, 1.0) if buyer else 0.0
                window_start = max(created, two_years_ago)
                window_end = now
                if buyer and r() < 0.12:  # lapsed: stopped buying some time ago
                    window_end = window_start + int((now - window_start) * (0.1 + 0.5 * r()))
                self.window_start[i] = window_start
                self.window_end[i] = window_end
                self.weights[i] = rate * (window_end - window_start)

                contact_tags = []
                if rate > 4.5:
                    contact_tags.append("VIP")
                elif buyer and r() < 0.3:
                    contact_tags.append("Regular")
                if company and r() < 0.4:
                    contact_tags.append("Wholesale")
                    self.flags[i] |= _WHOLESALE
                if n_emails and r() < 0.35:
                    contact_tags.append("Newsletter")
                if r() < (0.45 if loc.region == self.shop_region else 0.05):
                    contact_tags.append("Local")
                if r() < 0.15:
                    contact_tags.append("Online")
                if birthday and r() < 0.15:
                    contact_tags.append("Birthday club")
                if company and r() < 0.1:
                    contact_tags.append("Trade")
                tags.extend((cid, tag[t]) for t in contact_tags)
                summary.tag_links += len(contact_tags)

                if i and r() < 0.07:
                    referred_by = first_id + int(r() * i)
                    source = "Referral"
                else:
                    referred_by = None
                    source = _pick(r, self.source_names, self.source_cum) if r() < 0.85 else ""
                email_consent = n_emails > 0 and r() < 0.55
                sms_consent = n_phones > 0 and r() < 0.3
                updated = created + int(r() * (now - created)) if r() < 0.25 else created
                notes = rnd.choice(NOTES) if r() < 0.18 else ""
                keys = search.sort_keys(first, last, company, city, country)
                rows.append((
                    cid, first, last, company, street, postal, city, country, birthday, notes, source,
                    referred_by, int(email_consent), created_text if email_consent else None,
                    int(sms_consent), created_text if sms_consent else None, created_text, clock.stamp(updated),
                    *(keys[k] for k in _SORT_COLUMNS),
                ))

                if r() < 0.35:
                    points.append((cid, created_text, "bonus", WELCOME_POINTS, loyalty.WELCOME_REASON, None,
                                   created_text))
                    self.balance[i] = WELCOME_POINTS
                if r() < 0.18:
                    self.flags[i] |= _SURVEY
                    if r() < 0.15:  # feedback not tied to a purchase
                        when = created + int(r() * (now - created))
                        self._feedback(cid, when, None, feedback, complaints, interactions)
                self._interactions(cid, created, interactions)

            self._write((_CONTACT_SQL, rows, "contacts"), (_EMAIL_SQL, emails, None), (_PHONE_SQL, phones, None),
                        (_TAG_SQL, tags, None), (_INTERACTION_SQL, interactions, "interactions"),
                        (_POINTS_SQL, points, "points_entries"), (_FEEDBACK_SQL, feedback, "feedback"),
                        (_COMPLAINT_SQL, complaints, "complaints"))
            self.step(len(rows))

    def _write(self, *batches) -> None:
        """Insert each batch in the order given; add its row count to the summary field it names."""
        for sql, batch, counted in batches:
            self.conn.executemany(sql, batch)
            if counted:
                setattr(self.summary, counted, getattr(self.summary, counted) + len(batch))

    def _local_part(self, first: str, last: str, slug: str) -> str:
        r = self.rnd.random
        if not (first and last):
            base = first or last or slug[:16]
            return f"{base}{self.rnd.randint(1, 99)}" if r() < 0.5 else base
        x = r()
        if x < 0.35:
            local = f"{first}.{last}"
        elif x < 0.5:
            local = f"{first[0]}{last}"
        elif x < 0.6:
            local = f"{first}{last}"
        elif x < 0.7:
            local = f"{first}_{last}"
        elif x < 0.8:
            local = f"{last}.{first}"
        else:
            local = f"{first}.{last[0]}"
        if r() < 0.4:
            local += str(self.rnd.choice((self.rnd.randint(1, 99), self.rnd.randint(1950, 2008))))
        return local

    def _domain(self, loc: _Locale) -> str:
        pool = loc.domains if self.rnd.random() < 0.45 else GLOBAL_DOMAINS
        return self.rnd.choice(pool)

    def _phone(self, loc: _Locale, template: _PhoneTemplate) -> tuple[str, str, str]:
        """A valid number of the template's kind: the example number with its last digits varied."""
        national = loc.region == self.shop_region and self.rnd.random() < 0.9
        for _ in range(8):
            suffix = self.rnd.randrange(10**template.k)
            number = phonenumbers.PhoneNumber(
                country_code=template.country_code,
                national_number=template.base + suffix,
                italian_leading_zero=template.leading_zero or None,
            )
            if phonenumbers.is_valid_number(number):
                break
        else:
            suffix = template.example_suffix  # the example number itself is valid
        digits = f"{suffix:0{template.k}d}"
        if national:
            return template.raw_national.format(*digits), template.e164.format(*digits), \
                template.digits_national.format(*digits)
        return template.raw_international.format(*digits), template.e164.format(*digits), \
            template.digits_international.format(*digits)

    def _interactions(self, cid: int, created: int, out: list) -> None:
        rnd = self.rnd
        r = rnd.random
        x = r()
        count = 0 if x < 0.4 else 1 if x < 0.65 else 2 if x < 0.8 else rnd.randint(3, 6)
        now = self.now
        for _ in range(count):
            kind = _pick(r, self.kind_names, self.kind_cum)
            _, directions, outcomes, summaries = INTERACTIONS[kind]
            when = created + int(r() * (now - created))
            when = min(_shop_hours(rnd, when // DAY), now) if kind in ("visit", "call") else when
            when = max(when, created)
            item = rnd.choice(CATALOGUE)[0].split(",")[0].lower()
            duration = rnd.randint(25, 900) if kind == "call" else None
            follow_up = done = None
            if r() < 0.14:
                due = when + rnd.randint(1, 14) * DAY
                follow_up = self.clock.day(due)
                # Most follow-ups get done; a few old ones were forgotten, recent ones may still be open.
                if due < now and r() < (0.93 if now - due > 21 * DAY else 0.6):
                    done = self.clock.stamp(min(due + int(r() * 2 * DAY), now))
            stamp = self.clock.stamp(when)
            out.append((cid, kind, rnd.choice(directions), stamp, duration, rnd.choice(outcomes),
                        rnd.choice(summaries).format(item=item), follow_up, done, stamp))

    def _feedback(self, cid: int, when: int, purchase_id: int | None, feedback: list, complaints: list,
                  interactions: list) -> None:
        """One answer; a low one also opens a complaint and a follow-up, as services.satisfaction does."""
        rnd = self.rnd
        r = rnd.random
        if r() < 0.6:
            kind = "nps"
            score = _pick(r, range(11), self.nps_cum)
            mood = "good" if score >= 9 else "mid" if score >= 7 else "bad"
        else:
            kind = "csat"
            score = _pick(r, range(1, 6), self.csat_cum)
            mood = "good" if score >= 4 else "mid" if score == 3 else "bad"
        comment = rnd.choice(COMMENTS[mood]) if r() < 0.6 else ""
        stamp = self.clock.stamp(when)
        feedback_id = self.next_feedback_id
        self.next_feedback_id += 1
        feedback.append((feedback_id, cid, kind, score, comment, rnd.choice(FEEDBACK_CHANNELS), stamp, purchase_id,
                         stamp))
        if not (self.auto_complaints and score <= LOW_SCORE[kind]):
            return
        now = self.now
        x = r()
        if now - when > 30 * DAY:
            status = "resolved" if x < 0.95 else "in_progress" if x < 0.97 else "open"
        else:
            status = "open" if x < 0.5 else "in_progress" if x < 0.8 else "resolved"
        resolved = resolution = None
        if status == "resolved":
            resolved = self.clock.stamp(min(when + rnd.randint(3_600, 14 * DAY), now))
            resolution = rnd.choice(RESOLUTIONS)
        complaints.append((cid, feedback_id, purchase_id, LOW_SCORE_CATEGORY, status, comment, resolution or "",
                           stamp, resolved, stamp))
        follow_up = self.clock.day(when + DAY)
        interactions.append((cid, "note", None, stamp, None, "", f"Follow up on low {kind.upper()} score ({score})",
                             follow_up, resolved, stamp))

    # ---- purchases ----

    def purchases(self, total: int, first_id: int) -> None:
        """Write `total` purchases (a few of them refunds) in time order, with items, points and feedback."""
        n = len(self.weights)
        if not total or not n:
            return
        rnd = self.rnd
        r = rnd.random
        now = self.now
        weights = self.weights
        if not any(weights):  # nobody buys: spread evenly
            for i in range(n):
                weights[i] = 1.0
        cum = _cumulative(weights)
        population = range(n)
        starts, ends = self.window_start, self.window_end

        # Who buys when: a Poisson process per customer, conditioned on the total. A key packs
        # (time, customer) so that one sort puts every purchase in order.
        keys = array("q")
        for chunk in range(0, total, 100_000):
            for i in rnd.choices(population, cum_weights=cum, k=min(100_000, total - chunk)):
                a = starts[i]
                t = a + int(r() * (ends[i] - a))
                t = min(max(_shop_hours(rnd, t // DAY), a), now)
                keys.append(t << 24 | i)
        order = sorted(keys)
        del keys

        clock = self.clock
        first_contact = self.first_id
        balance = self.balance
        flags = self.flags
        last: dict[int, list] = {}  # customer -> [purchase id, time, items, points earned, refundable]
        catalogue_cum = self.catalogue_cum
        summary = self.summary
        recent = now - 45 * DAY  # older purchases on account have been paid by now
        pid = first_id
        for chunk in range(0, total, PURCHASE_CHUNK):
            purchases, items, points, feedback, complaints, interactions = [], [], [], [], [], []
            for key in itertools.islice(order, chunk, chunk + PURCHASE_CHUNK):
                t, i = key >> 24, key & 0xFFFFFF
                cid = first_contact + i
                stamp = clock.stamp(t)
                reference = f"R-{pid:06d}"
                previous = last.get(i)
                if previous and previous[4] and t - previous[1] < 45 * DAY and r() < 0.012:
                    # A refund of the customer's last purchase, in full or one line of it.
                    lines = previous[2] if r() < 0.75 else [rnd.choice(previous[2])]
                    refund_total = 0
                    for description, quantity, unit in lines:
                        items.append((pid, description, -quantity, unit, -quantity * unit))
                        refund_total -= quantity * unit
                    purchases.append((pid, cid, stamp, CURRENCY, refund_total, previous[5],
                                      reference, "paid", None, refund_total, previous[0], stamp))
                    # the refunded share of what the purchase earned, as services.loyalty computes it
                    take_back = min(previous[3] * -refund_total // previous[6], balance[i])
                    if take_back > 0:
                        points.append((cid, stamp, "adjust", -take_back,
                                       loyalty.REFUND_REASON.format(reference=f"R-{previous[0]:06d}"), pid, stamp))
                        balance[i] -= take_back
                    previous[4] = False
                    summary.refunds += 1
                else:
                    x = r()
                    n_lines = 1 if x < 0.55 else 2 if x < 0.85 else 3
                    lines = []
                    purchase_total = 0
                    wholesale = flags[i] & _WHOLESALE
                    for _ in range(n_lines):
                        description, unit = CATALOGUE[bisect.bisect(catalogue_cum, r() * catalogue_cum[-1])]
                        if wholesale:
                            quantity = rnd.randint(4, 24)
                        else:
                            x = r()
                            quantity = 1 if x < 0.75 else 2 if x < 0.93 else rnd.randint(3, 5)
                        lines.append((description, quantity, unit))
                        items.append((pid, description, quantity, unit, quantity * unit))
                        purchase_total += quantity * unit
                    x = r()
                    due_on = None
                    payment = _pick(r, self.payment_names, self.payment_cum)
                    status, paid = "paid", purchase_total
                    if t > recent and x < 0.04:
                        status, paid, payment = "due", 0, INVOICE_PAYMENT
                        due_on = clock.day(t + (30 if wholesale else 14) * DAY)
                    elif t > recent and x < 0.06:
                        part = purchase_total * rnd.randint(2, 8) // 1000 * 100  # 20-80 %, whole units
                        if 0 < part < purchase_total:
                            status, paid = "partly_paid", part
                            due_on = clock.day(t + 30 * DAY)
                    purchases.append((pid, cid, stamp, CURRENCY, purchase_total, payment, reference, status,
                                      due_on, paid, None, stamp))
                    earned = purchase_total // 100
                    points.append((cid, stamp, "earn", earned, loyalty.PURCHASE_REASON.format(reference=reference), pid,
                                   stamp))
                    balance[i] += earned
                    if balance[i] >= 200 and r() < 0.07:
                        spend = rnd.choice([p for p in (100, 200, 500) if p <= balance[i]])
                        points.append((cid, stamp, "redeem", -spend, f"Voucher for {spend} points", None, stamp))
                        balance[i] -= spend
                    last[i] = [pid, t, lines, earned, True, payment, purchase_total]
                    if flags[i] & _SURVEY and r() < 0.25:
                        when = min(t + rnd.randint(3_600, 3 * DAY), now)
                        self._feedback(cid, when, pid if r() < 0.7 else None, feedback, complaints, interactions)
                pid += 1
            self._write((_PURCHASE_SQL, purchases, "purchases"), (_ITEM_SQL, items, "purchase_items"),
                        (_POINTS_SQL, points, "points_entries"), (_FEEDBACK_SQL, feedback, "feedback"),
                        (_COMPLAINT_SQL, complaints, "complaints"), (_INTERACTION_SQL, interactions, "interactions"))
            self.step(len(purchases))


def _next_id(conn, table: str) -> int:
    return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def generate(
    contacts: int = 200,
    *,
    seed: int = 1,
    purchases: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill the open, empty database with a demo shop; return what was created.

    `purchases` defaults to ten per contact (refunds included). `progress(done, total)` is called now
    and then; when `cancelled()` turns true, DemoCancelled is raised and nothing is kept. `now` (aware)
    pins the clock, so that the same seed gives identical rows.
    Raises DemoNeedsEmptyDatabase when the database already holds contacts.
    """
    if contacts < 0 or (purchases is not None and purchases < 0):
        raise ValueError("counts cannot be negative")
    if purchases is None:
        purchases = contacts * 10
    if not contacts:
        purchases = 0
    if contacts >= 1 << 24:
        raise ValueError("at most 16,777,215 demo contacts")
    conn = database.connection()
    existing = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    if existing:
        raise DemoNeedsEmptyDatabase(contacts=existing)
    moment = int((now or utc_now()).timestamp())
    region = default_region()
    summary = DemoSummary()
    index_units = contacts // 4  # the index rebuild at the end, in progress units
    total = contacts + purchases + index_units
    done = 0

    def step(units: int) -> None:
        nonlocal done
        done += units
        if cancelled is not None and cancelled():
            raise DemoCancelled()
        if progress is not None:
            progress(done, total)

    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -131072")  # 128 MiB while bulk loading: indexes stay in memory
    try:
        with database.atomic():
            step(0)
            # The demo's welcome bonus is part of its loyalty rules, so that the ledger agrees with them.
            loyalty.set_rules(replace(loyalty.get_rules(), welcome_points=WELCOME_POINTS))
            generator = _Generator(conn, seed, moment, region, summary, step)
            with search.triggers_off(conn):
                generator.contacts(contacts, _next_id(conn, "contact"))
                generator.purchases(purchases, _next_id(conn, "purchase"))
                step(0)
            step(index_units)
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")
    return summary
