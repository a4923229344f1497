"""The printed reports speak the shop's language: every word the report code prints has its French in
resources/translations/reports_fr.po, with the same placeholders, and nothing there is left over; a French
shop's dossier prints in French."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from smallcrm import reports
from smallcrm.reports.words import catalog_path, counted, translate
from smallcrm.services import loyalty, metrics, validation
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.importing import cleaning
from smallcrm.services.purchases import record_purchase, refund_purchase
from smallcrm.services.settings import set_setting
from tests.clock import time_zone
from tests.unit.test_reports_helpers import pages_text

REPORTS = Path(reports.__file__).parent
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")


def printed_words() -> set[str]:
    """The literals the report code hands to Shop.tr or marks with said(), the words the services write in
    English for the reports to say (the loyalty scheme's reasons, the segments), and the names the import gives
    what it keeps in the notes."""
    found = set()
    for path in REPORTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            argument = node.args[0]
            literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            if name == "said":
                assert literal, f"{path.name}:{node.lineno}: said() is given something other than a plain string"
            if name in ("tr", "said") and literal:  # (tr() is also given words from a table, marked by said())
                found.add(argument.value)
            if name == "counted" and isinstance(node.func, ast.Attribute):  # shop.counted(n, one, many)
                forms = node.args[1:3]
                assert all(isinstance(f, ast.Constant) and isinstance(f.value, str) for f in forms), (
                    f"{path.name}:{node.lineno}: counted() is given something other than plain strings")
                found.update(f.value for f in forms)
    found.update(loyalty.SCHEME_REASONS)
    found.update(loyalty.DEFAULT_TIER_NAMES)
    found.update(text for pair in metrics.SEGMENT_TEXT.values() for text in pair)
    found.update(label for _, label in metrics.AGEING)
    found.update(validation.LABEL_NAMES.values())
    found.update(cleaning.NOTE_NAMES)
    return found


def french() -> dict[str, str]:
    with open(catalog_path("fr"), "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_printed_word_has_its_french_with_the_same_placeholders():
    words, catalog = printed_words(), french()
    assert len(words) > 100
    assert sorted(words - catalog.keys()) == []  # printed in English in a French shop
    assert sorted(catalog.keys() - words) == []  # no longer printed anywhere
    for english, text in catalog.items():
        assert text and text.strip(), f"empty: {english!r}"
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(text)), english
        assert not re.search(r"[ \t][:;!?»]|«[ \t]", text), f"{text!r} wants a non-breaking space"


def test_words_follow_the_shop_locale_and_english_is_the_fallback():
    assert translate("Page {number} of {total}", "fr_CA", number="2", total="3") == "Page 2 sur 3"
    assert translate("Page {number} of {total}", "en_GB", number="2", total="3") == "Page 2 of 3"
    assert translate("Page {number} of {total}", "de_DE", number="2", total="3") == "Page 2 of 3"  # no catalog
    assert translate("Words nobody translated", "fr_FR") == "Words nobody translated"


def test_counts_follow_the_printed_languages_plural_rule():
    """French says "0 contact" and "1 contact", English "0 contacts"; a language with no catalog counts in English."""
    def said(n, locale):
        return counted(n, "{n} contact", "{n} contacts", locale, n=str(n))

    assert [said(n, "fr_FR") for n in (0, 1, 2)] == ["0 contact", "1 contact", "2 contacts"]
    assert [said(n, "en_GB") for n in (0, 1, 2)] == ["0 contacts", "1 contact", "2 contacts"]
    assert said(0, "de_DE") == "0 contacts"
    assert counted(1, "{n} birthday", "{n} birthdays", "fr_BE", n="1") == "1 anniversaire"


@pytest.fixture
def french_shop(db):
    with time_zone("UTC"):
        set_setting("locale", "fr_FR")
        set_setting("currency", "EUR")
        yield


def test_a_new_schemes_tier_names_print_in_the_shops_language_and_the_owners_as_named(french_shop):
    from smallcrm.reports.shop import Shop

    shop = Shop.from_settings()
    assert [shop.tier(name) for name in (*loyalty.DEFAULT_TIER_NAMES, "Platine", "")] == [
        "Bronze", "Argent", "Or", "Platine", "—"]


def test_a_french_shop_prints_its_dossier_in_french(french_shop):
    cid = add_contact(ContactInput(first_name="Zoë", last_name="Lefèvre", emails=["zoe@exemple.fr"]), welcome=False)
    sale = record_purchase(cid, total_minor=4000, reference="T-12")
    refund_purchase(sale.purchase_id, 1000, reason="fleurs fanées")
    loyalty.redeem(cid, 5, reason="Bon d’achat")
    out = io.BytesIO()
    reports.dossier_pdf(cid, out)
    printed = " ".join(pages_text(out))
    for words in ("Fiche client", "Total dépensé", "Relevé de points", "Achat T-12", "Imprimé le",
                  "Remboursement de l’achat T-12", "fleurs fanées", "Bon d’achat", "Page 1 sur"):
        assert words in printed, words
    for english in ("Customer dossier", "Lifetime spend", "Points statement", "Printed", "Page 1 of"):
        assert english not in printed, english
