"""The French translation: every message translated with its placeholders, nothing in the source that
the shipped file lacks, and a window started in a French locale speaks French."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TS = ROOT / "resources" / "translations" / "smallcrm_fr.ts"
QM = ROOT / "resources" / "translations" / "smallcrm_fr.qm"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(ts: Path) -> list[tuple[str, str, str | None, ET.Element]]:
    """(context, source, disambiguation, translation element) for every message in `ts`."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found.append((name, message.findtext("source"), message.findtext("comment"), message.find("translation")))
    return found


def accelerator(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def test_every_message_is_translated_with_its_placeholders_and_accelerator():
    found = messages(TS)
    assert len(found) > 900
    for context, source, _, translation in found:
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"not finished: {where}"
        assert translation.text and translation.text.strip(), f"empty: {where}"
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translation.text)), where
        assert (accelerator(source) is None) == (accelerator(translation.text) is None), where
        assert source.endswith("…") == translation.text.endswith("…"), where


def test_french_punctuation_has_its_non_breaking_space():
    for context, source, _, translation in messages(TS):
        text = translation.text
        assert not re.search(r"[ \t][:;!?»]|«[ \t]", text), f"{context}: {text!r} wants a non-breaking space"
        assert "“" not in text and "”" not in text, f"{context}: {text!r} wants « »"


def test_an_import_undone_is_defait_never_annule_which_is_an_import_cancelled():
    """"Annuler" is Cancel: an import cancelled changed nothing. One undone is "défait", as its button says."""
    for context, source, _, translation in messages(TS):
        if re.search(r"\bimport", source, re.I) and re.search(r"\bund(o|one|oing)\b|being undone", source, re.I):
            text = translation.text.replace("Annuler", "") if "Cancel" in source else translation.text  # (the button)
            assert "annul" not in text.lower(), f"{context}: {translation.text!r}"


def test_the_segments_words_the_window_translates_are_those_the_services_write():
    from smallcrm.gui.messages import SEGMENT_WORDS
    from smallcrm.services.metrics import SEGMENTS, SEGMENT_TEXT

    assert list(SEGMENT_WORDS) == [text for key in SEGMENTS for text in SEGMENT_TEXT[key]]


def test_the_programs_the_window_translates_are_those_whose_customer_lists_the_import_knows():
    from smallcrm.gui.import_wizard import PROGRAMS
    from smallcrm.services.importing.mapping import PRESETS

    assert list(PROGRAMS) == [preset.program for preset in PRESETS.values() if preset.name != "generic"]


def test_the_points_reasons_the_window_translates_are_those_the_loyalty_scheme_writes():
    from smallcrm.gui.messages import SCHEME_REASONS as SAID
    from smallcrm.services.loyalty import SCHEME_REASONS

    assert SAID == SCHEME_REASONS


def test_the_tier_names_the_window_translates_are_those_a_new_scheme_has():
    from smallcrm.gui.messages import TIER_NAMES
    from smallcrm.services.loyalty import DEFAULT_TIER_NAMES

    assert TIER_NAMES == DEFAULT_TIER_NAMES


def test_the_follow_up_the_window_translates_is_the_one_a_low_score_writes():
    from smallcrm.gui.messages import FOLLOW_UP as SAID
    from smallcrm.services.satisfaction import FOLLOW_UP

    assert SAID == FOLLOW_UP


# Addresses as people mistype them or as other programs write them: what the check says of each is one of the
# window's translated details (email_validator's sentence, its characters at fault a fact, its aside dropped).
MISTYPED_EMAILS = ("ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann @example.com", "ann.@x.com",
                   "ann@x..com", "ann@x.com.", "ann@-x.com", "ann@x-.com", "ann@x.com-", "ann@ab--cd.com", "ann@1.2.3.4",
                   "ann@[1.2.3.4]", "ann@shop.local", "ann@xn--abc.com", "ann@ex\u2014ample.com", "ann@x\u200by.com",
                   "ann\uff20example.com", "Ann <ann@example.com>", "<ann@example.com", "ann@" + "a" * 70 + ".com")


@pytest.mark.parametrize("typed", MISTYPED_EMAILS)
def test_what_is_wrong_with_a_mistyped_email_is_said_in_the_windows_language(typed):
    from smallcrm.errors import InvalidValue, Phrase
    from smallcrm.gui.messages import FIELD_DETAILS
    from smallcrm.services.validation import clean_email

    with pytest.raises(InvalidValue) as caught:
        clean_email(typed)
    detail = caught.value.detail
    assert (detail.template if isinstance(detail, Phrase) else detail) in FIELD_DETAILS


def test_the_compiled_file_is_there():
    assert QM.is_file() and QM.stat().st_size > 10_000


def test_lupdate_finds_nothing_the_shipped_file_lacks(tmp_path):
    if shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not on PATH (it comes with PySide6's tools)")
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import translations
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    translations.update(fresh, "fr_FR")
    shipped = {(c, s, d) for c, s, d, _ in messages(TS)}
    now = messages(fresh)
    new = sorted((c, s) for c, s, d, _ in now if (c, s, d) not in shipped)
    assert new == [], "translate these into resources/translations/smallcrm_fr.ts (python packaging/translations.py)"
    untranslated = sorted((c, s) for c, s, _, t in now if t.get("type") == "unfinished")
    assert untranslated == []


FRENCH_WINDOW = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QCheckBox
from smallcrm.gui.app import application
from smallcrm.store.db import open_database
from smallcrm.services.contacts import ContactInput, add_contact

db, shots = Path(sys.argv[1]), Path(sys.argv[2])
shots.mkdir(parents=True, exist_ok=True)
app = application()
open_database(db)
from smallcrm.gui import forms
forms.ask_to_throw_away = lambda *question: True  # (the windows closed below with changes in them: not asked)
add_contact(ContactInput(first_name="Élodie", last_name="Lefèvre", company="Fleurs d'Élodie", city="Lyon",
                         emails=["elodie@fleurs.fr"], phones=["+33 4 78 12 34 56"], tags=["VIP"]))
from smallcrm.gui.main_window import MainWindow
from smallcrm.gui.contact_form import ContactDialog

window = MainWindow(db)
window.resize(1100, 700)
window.show()
app.processEvents()
window.grab().save(str(shots / "main-window.png"))
menus = {}
for action in window.menuBar().actions():
    menu = action.menu()
    menus[action.text()] = [a.text() for a in menu.actions() if not a.isSeparator()]
dialog = ContactDialog(window, title=QCoreApplication.translate("MainWindow", "New customer"))
dialog.show()
app.processEvents()
dialog.grab().save(str(shots / "contact-form.png"))
labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
labels += [w.text() for w in dialog.findChildren(QCheckBox)]
from smallcrm.gui import import_wizard as iw
from smallcrm.services.importing.reader import ImportFileProblem
wizard = {"reject": iw.reason_text("invalid email"), "duplicate": iw.duplicate_text("name+city"),
          "field": iw.field_text("postal_code"),
          "problem": iw.problem_text(ImportFileProblem(Path("x.csv"), "empty", "", None))}
# what the contact form says of an email, a phone and a name it cannot take
from smallcrm.errors import InvalidValue
from smallcrm.gui.messages import field_problem
from smallcrm.services import validation
wizard["form"] = []
for check, text in ((validation.clean_email, "elodie@"), (validation.clean_email, "élodie lefèvre@fleurs.fr"),
                    (validation.clean_email, "elodie@fleurs.local"),
                    (lambda t: validation.clean_phone(t, "FR"), "06 12 AB"), (validation.clean_text, "x" * 201)):
    try:
        check(text)
    except InvalidValue as error:
        wizard["form"].append(field_problem(error))
# why the rows of a bad sales file and two files that are no table are refused, as the wizard says it
from smallcrm.services.importing import purchases_import as pi, reader
sales = db.parent / "ventes.csv"
sales.write_text("Date,Ticket,Email,Montant,Devise\n"
                 "2025-05-01,R1,elodie@fleurs.fr,10.00,EUR\n2025-05-01,R1,elodie@fleurs.fr,5.00,GBP\n"
                 "2025-05-01,R1,marc@fleurs.fr,5.00,EUR\n2025-05-02,R2,elodie@fleurs.fr,10.00,XYZ\n"
                 "2025-05-03,R3,elodie@,10.00,EUR\n2025-05-04,R4,elodie@fleurs.fr,10.00 USD,EUR\n"
                 "2025-05-05,R5,elodie@fleurs.fr,\"1,0,00\",EUR\n", encoding="utf-8")
plan = pi.plan_purchases_import(sales, pi.PurchaseImportOptions(match="email"))
wizard["sales"] = [iw.reason_text(r.reason) for r in plan.rejects]
wizard["files"] = []
for name, content in (("entete.csv", b"Nom;Ville\r\n"), ("classeur.csv", b"\xd0\xcf\x11\xe0" + bytes(600))):
    (db.parent / name).write_bytes(content)
    try:
        reader.sniff(db.parent / name)
    except ImportFileProblem as problem:
        wizard["files"].append(iw.problem_text(problem))
dialog.close()
# what the loyalty rules say of two tiers with one name, and of two that start at the same spend
from smallcrm.gui.loyalty_settings import LoyaltySettingsDialog
rules = LoyaltySettingsDialog(window)
rules.show()
app.processEvents()
head = rules.tiers.horizontalHeader()
shown = {"tier spend column whole": head.sectionSize(1) >= head.fontMetrics().horizontalAdvance(
    rules.tiers.horizontalHeaderItem(1).text()), "earn": rules.earn.suffix(), "minimum": rules.min_spend.text()}
# a new scheme's tiers shown in French, and kept as they are stored when saved as shown; a renamed one as typed
shown["tiers"] = [rules.tiers.item(r, 0).text() for r in range(rules.tiers.rowCount())]
rules.tiers.item(0, 0).setText("Cuivre")
shown["tiers saved"] = [t.name for t in rules.rules().tiers]
wizard["rules"] = []
for tiers in ((("Or", "100"), ("or", "200")), (("Argent", "100"), ("Or", "100"))):
    rules.tiers.setRowCount(0)
    for name, spend in tiers:
        rules._add_tier(name, spend)
    rules.accept()
    wizard["rules"].append(rules.problem.text())
rules.close()
# why a step is refused when the record changed meanwhile (another window, the command line)
from smallcrm.errors import NotAllowed
from smallcrm.gui.messages import not_allowed
from smallcrm.services import purchases
from smallcrm.services.contacts import ContactInput, add_contact
zoe = add_contact(ContactInput(first_name="Zoë"))
bought = purchases.record_purchase(zoe, total_minor=1000, status="due")
purchases.mark_paid(bought.purchase_id)
wizard["refused"] = []
for step in (purchases.mark_paid, purchases.write_off):
    try:
        step(bought.purchase_id)
    except NotAllowed as error:
        wizard["refused"].append(not_allowed(error))
# why an import is not undone, and the question before undoing one
from PySide6.QtWidgets import QMessageBox
from smallcrm.errors import UndoRefused
from smallcrm.gui import import_wizard
wizard["refused"].append(import_wizard.undo_refused_text(UndoRefused("undo", "edited", case="contact_changed",
                                                                     contact_id=zoe)))
QMessageBox.question = lambda parent, title, text, *rest: wizard["refused"].extend([title, text])
import_wizard.confirm_undo(None, "c.csv", "contacts", 0)
# the points statement's lines: what the scheme wrote, a redemption with no reason, a correction typed by hand
from smallcrm.gui.messages import points_reason
from smallcrm.services import loyalty
sale = purchases.record_purchase(zoe, total_minor=4000, reference="T-12")
purchases.refund_purchase(sale.purchase_id, 1000, reason="fleurs fanées")
loyalty.redeem(zoe, 5)
loyalty.adjust(zoe, 2, reason="geste commercial")
# the refund dialog: the amount as the owner writes it, and the purchase's line whole
from smallcrm.gui.activity_dialogs import RefundDialog
refund = RefundDialog(window, sale.purchase_id, "Zoë")
refund.show()
app.processEvents()
(info,) = [label for label in refund.findChildren(QLabel) if "T-12" in label.text()]
shown["refund"] = [refund.amount.text(), info.text(), info.height() >= info.sizeHint().height()]
refund.close()
# the print dialog is as wide as its longest choice; the segments have French names and explanations
from smallcrm.gui.print_list_dialog import PrintListDialog
from smallcrm.gui.messages import segment_words
printing = PrintListDialog(window, "", [zoe])
printing.show()
app.processEvents()
shown["print fits"] = printing.width() >= printing.layout().minimumSize().width()
printing.close()
# what a low score opens, on the Today tab: its follow-up and its complaint
from smallcrm.services import satisfaction
satisfaction.record_feedback(zoe, "nps", 3, comment="trop cher")
satisfaction.record_feedback(zoe, "csat", 4)
satisfaction.record_feedback(zoe, "csat", 3)
window.tabs.setCurrentWidget(window.today_page)
window.today.refresh()
shown["scores"] = window.today.scores.text()
tree = window.today.tree
shown["low score"] = sorted(tree.topLevelItem(i).child(j).text(2) for i in range(tree.topLevelItemCount())
                        for j in range(tree.topLevelItem(i).childCount()))
window.tabs.setCurrentIndex(0)
window.refresh([zoe])
timeline = window.detail.timeline
shown["low score"] += [timeline.topLevelItem(i).text(2).rsplit(" (", 1)[0]  # (less the day to follow up)
                   for i in range(timeline.topLevelItemCount()) if timeline.topLevelItem(i).text(1) == "Note"]
shown["segments"] = [segment_words("potential"), segment_words("cant_lose")[0]]
from smallcrm.gui import formatting as fmt
shown["counts"] = [fmt.counted(n, "{n} point", "{n} points") for n in (0, 1, 2, 1500)]  # French: 0 is one
from datetime import date
shown["days"] = [fmt.birthday("--03-04"), fmt.birthday("1984-03-04"), fmt.day_month(date(2026, 11, 1), short=True),
                 fmt.month(date(2026, 2, 1), short=True), fmt.plain_day(date(2026, 2, 1))]
wizard["points"] = [points_reason(e.kind, e.reason, of_purchase=e.purchase_id is not None)
                    for e in loyalty.statement(zoe).entries]
source = db.parent / "clients.csv"
source.write_bytes("Prénom;Nom;Courriel;Téléphone\r\nZoë;Lefèvre;zoe@exemple.fr;06 12 34 56 78\r\n".encode("cp1252"))
window.import_file(path=source)
(import_wizard,) = [w for w in window.findChildren(iw.ImportWizard) if w.isVisible()]
import_wizard.next()  # what the file looks like: the widest page
app.processEvents()
import_wizard.grab().save(str(shots / "import-format.png"))
wizard["width"] = import_wizard.minimumWidth()  # (QWizard widens itself to its widest page)
import_wizard.close()
print(json.dumps({"shown": shown, "locale": QLocale().name(), "title": window.windowTitle(), "menus": menus,
                  "dialog": dialog.windowTitle(), "labels": labels, "wizard": wizard}))
window.close()
"""


def run_in_french(db: Path, shots: Path) -> dict:
    env = dict(os.environ, LANG="fr_FR.UTF-8", LC_ALL="fr_FR.UTF-8", LANGUAGE="fr_FR", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", FRENCH_WINDOW, str(db), str(shots)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_french_locale_shows_the_window_and_the_contact_form_in_french(tmp_path):
    seen = run_in_french(tmp_path / "boutique.sqlite", tmp_path / "shots")
    assert seen["locale"] == "fr_FR"
    assert list(seen["menus"]) == ["&Fichier", "É&dition", "&Client", "&Outils", "&Aide"]
    assert "&Nouveau client…" in seen["menus"]["&Fichier"]
    assert "&Annuler" in seen["menus"]["É&dition"]
    assert seen["dialog"] == "Nouveau client"
    assert seen["wizard"].pop("width") <= 1000  # the import wizard, in French, fits a small laptop's screen
    assert seen["wizard"].pop("form") == [
        "Ce n’est pas une adresse e-mail\xa0: Il doit y avoir quelque chose après le @.",
        "Ce n’est pas une adresse e-mail\xa0: L’adresse e-mail contient des caractères non valides avant le @\xa0: "
        "SPACE.",
        "Ce n’est pas une adresse e-mail\xa0: La partie après le @ est un nom réservé, qui ne peut servir à l’e-mail.",
        "Ce n’est pas un numéro de téléphone\xa0: un numéro de téléphone n’a pas de lettres.",
        "C’est trop long\xa0: 200 caractères au plus."]
    assert seen["wizard"].pop("sales") == [
        "une autre ligne de ce ticket a été rejetée\xa0: tout le ticket est laissé de côté",
        "le ticket R1 est en EUR, cette ligne en GBP",
        "le ticket R1 appartient à un autre client sur une ligne précédente",
        "utilisez un code de trois lettres comme EUR, GBP ou USD",
        "e-mail non valide",
        "le montant est en USD, pas en EUR",
        "les séparateurs de milliers ne sont pas à leur place"]
    assert seen["wizard"].pop("files") == [
        "Le fichier a une ligne d’en-tête et aucune ligne en dessous (seulement les noms de colonnes Nom, Ville). "
        "Rien n’a été importé.",
        "Ce n’est pas un fichier CSV mais un classeur Excel 97-2003 (.xls) ou un autre fichier Office. Ouvrez-le "
        "dans le programme qui l’a créé et enregistrez-le au format CSV. Rien n’a été importé."]
    assert seen["wizard"].pop("rules") == [
        "Cette valeur ne peut pas être enregistrée\xa0: deux niveaux portent le même nom",
        "Cette valeur ne peut pas être enregistrée\xa0: un niveau demande un montant d’achats plus élevé que "
        "Argent, le niveau précédent"]
    amount, info, whole = seen["shown"].pop("refund")
    assert amount == "30,00" and whole
    assert re.fullmatch(r"Achat T-12 du \d\d/\d\d/\d{4}\xa0: 40,00\xa0€\.\n30,00\xa0€ restant à rembourser\.", info)
    assert seen["shown"] == {
        "tier spend column whole": True, "earn": " point par 1,00\xa0€ dépensé", "minimum": "0,00",
        "print fits": True, "scores": "Tous les clients\xa0: NPS -100 (1 réponse) · CSAT 3,5 (2 réponses)", "low score": ["note basse\xa0: trop cher",
                                                "Relancer après une note NPS basse (3)"],
        "segments": [["Habitués en devenir", "Ils ont acheté récemment et dépensent assez\xa0: un peu d’attention "
                      "pourrait en faire des habitués."], "À ne pas perdre"],
        "counts": ["0 point", "1 point", "2 points", "1\u202f500 points"],
        "days": ["4 mars", "4 mars 1984", "1 nov.", "févr. 2026", "1 février 2026"],
        "tiers": ["Bronze", "Argent", "Or"], "tiers saved": ["Cuivre", "Silver", "Gold"]}
    assert seen["wizard"].pop("points") == ["Achat #1", "Achat T-12", "Remboursement de l’achat T-12\xa0: fleurs fanées",
                                            "Utilisés", "geste commercial"]
    assert seen["wizard"].pop("refused") == [
        "L’achat 1 est déjà payé.", "L’achat 1 est déjà payé.",
        "Non défait. Zoë a été modifié après cet import\xa0: le défaire ferait perdre cette modification. Rien n’a "
        "été modifié.",
        "Défaire cet import\xa0?",
        "Défaire l’import de c.csv\xa0? Les clients qu’il a ajoutés sont supprimés et ceux qu’il a modifiés sont "
        "remis tels qu’ils étaient. Pour les retrouver, importez de nouveau le fichier."]
    assert seen["wizard"] == {"reject": "e-mail non valide", "duplicate": "nom proche, même ville",
                              "field": "Code postal", "problem": "Le fichier est vide. Rien n’a été importé."}
    for label in ("&Prénom", "&Nom", "&Société", "Code postal, &ville", "&Anniversaire",
                  "Accepte de recevoir des offres par e-mail"):
        assert label in seen["labels"]
    for shot in ("main-window.png", "contact-form.png"):
        assert (tmp_path / "shots" / shot).stat().st_size > 5_000
    for title, actions in seen["menus"].items():
        letters = [accelerator(text) for text in actions if accelerator(text)]
        assert len(letters) == len(set(letters)), f"{title}: two actions share a letter: {actions}"
    bar = [accelerator(title) for title in seen["menus"]]
    assert len(bar) == len(set(bar))


def test_in_the_import_wizard_a_file_is_the_file_being_imported_and_cancelled_is_not_undone():
    """There "fichier" is the file being imported: the customer book is not "votre fichier clients" beside it;
    and an import stopped before it was kept does not read as one undone after."""
    source = (ROOT / "smallcrm" / "gui" / "import_wizard.py").read_text(encoding="utf-8")
    pages = set(re.findall(r"^class (\w+)\(", source, re.MULTILINE))
    french = {source_text: translation.text for context, source_text, _, translation in messages(TS)
              if context in pages}
    assert len(french) > 100
    assert not [text for text in french.values() if "fichier clients" in text]
    assert french["Import cancelled"] != french["Import undone"]
