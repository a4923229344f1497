"""Which column holds what: presets for known exports, synonyms in seven languages, saved mappings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from smallcrm.errors import InvalidValue, NotFound
from smallcrm.services.importing import mapping
from smallcrm.services.importing.mapping import (
    FIELDS,
    PRESETS,
    auto_map,
    detect_preset,
    load_mapping,
    parse_map_overrides,
    save_mapping,
    saved_mappings,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"

PRESET_FILES = {
    "google": "google.csv", "google_legacy": "google_legacy.csv", "google_outlook": "google_outlook.csv",
    "outlook": "outlook.csv", "outlook_com": "outlook_com.csv", "thunderbird": "thunderbird.csv", "yahoo": "yahoo.csv",
    "shopify": "shopify.csv", "shopify_legacy": "shopify_legacy.csv", "square": "square.csv",
    "woocommerce": "woocommerce.csv", "mailchimp": "mailchimp.csv",
}


def header_of(name: str) -> list[str]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def field_of(headers: list[str], header: str, preset: str = "auto") -> str:
    return auto_map(headers, preset)[headers.index(header)]


def test_there_is_a_preset_for_every_known_export_and_a_generic_one():
    assert set(PRESETS) == set(PRESET_FILES) | {"generic", "vcard"}  # (vcard: the table a .vcf file is read as)
    for preset in PRESETS.values():
        for target in [*preset.fields.values(), *(t for _, t in preset.rules)]:
            assert target in FIELDS, (preset.name, target)


@pytest.mark.parametrize(("preset", "name"), sorted(PRESET_FILES.items()))
def test_every_preset_is_detected_from_its_header(preset, name):
    headers = header_of(name)
    assert headers == list(PRESETS[preset].headers)
    assert detect_preset(headers) == preset
    assert mapping.preset_scores(headers)[preset] == 1.0


@pytest.mark.parametrize(("preset", "name"), sorted(PRESET_FILES.items()))
def test_every_preset_finds_names_and_an_email_or_a_phone(preset, name):
    fields = auto_map(header_of(name))
    assert len(fields) == len(header_of(name))
    assert {"email", "phone"} & set(fields)
    assert {"first_name", "full_name"} & set(fields)
    assert all(f in FIELDS for f in fields)


def test_detection_survives_a_few_columns_more_or_less():
    headers = header_of("shopify.csv")
    assert detect_preset(headers[:-3]) == "shopify"
    assert detect_preset([*headers, "Loyalty tier", "Favourite colour"]) == "shopify"
    mailchimp = ["Email Address", "First Name", "Last Name", "Address", "Phone Number", "Birthday",
                 *header_of("mailchimp.csv")[3:]]
    assert detect_preset(mailchimp) == "mailchimp"
    fields = auto_map(mailchimp)
    assert fields[3:6] == ["address", "phone", "birthday"]
    assert fields[mailchimp.index("REGION")] == "ignore"  # guessed from the subscriber's IP address


def test_unknown_headers_are_generic_and_go_to_the_notes():
    headers = ["Foo", "Allergies", "Shoe size", "Размер обуви", "#", "Title", "Total Spent"]
    assert detect_preset(headers) == "generic"
    assert auto_map(headers) == ["note", "note", "note", "note", "ignore", "ignore", "ignore"]


@pytest.mark.parametrize("headers, fields", [
    (["Фамилия", "Имя", "Отчество", "Эл. почта", "Мобильный телефон", "Город", "Дата рождения"],
     ["last_name", "first_name", "note", "email", "phone", "city", "birthday"]),
    (["Прізвище", "Ім'я", "Електронна пошта", "Телефон", "Адреса", "Примітки"],
     ["last_name", "first_name", "email", "phone", "street", "notes"]),
    (["Όνομα", "Επώνυμο", "Τηλέφωνο", "Διεύθυνση", "Τ.Κ.", "Πόλη"],
     ["first_name", "last_name", "phone", "street", "postal_code", "city"]),
    (["שם פרטי", "שם משפחה", 'דוא"ל', "טלפון נייד", "עיר", "הערות"],
     ["first_name", "last_name", "email", "phone", "city", "notes"]),
    (["الاسم الأول", "اسم العائلة", "البريد الإلكتروني", "رقم الجوال", "المدينة", "تاريخ الميلاد"],
     ["first_name", "last_name", "email", "phone", "city", "birthday"]),
    (["Adı", "Soyadı", "E-posta", "Cep Telefonu", "Şehir", "Doğum Tarihi"],
     ["first_name", "last_name", "email", "phone", "city", "birthday"]),
    (["姓", "名", "フリガナ", "メールアドレス", "電話番号", "郵便番号", "都道府県", "市区町村", "住所", "備考"],
     ["last_name", "first_name", "note", "email", "phone", "postal_code", "region", "city", "street", "notes"]),
    (["姓名", "手机号码", "电子邮件", "地址", "备注"], ["full_name", "phone", "email", "street", "notes"]),
    (["姓名", "手機", "電子郵件", "地址", "生日"], ["full_name", "phone", "email", "street", "birthday"]),
    (["성", "이름", "이메일", "휴대폰", "주소"], ["last_name", "first_name", "email", "phone", "street"]),
    (["ชื่อ", "นามสกุล", "อีเมล", "เบอร์โทรศัพท์", "ที่อยู่"], ["first_name", "last_name", "email", "phone", "street"]),
])
def test_headers_in_other_alphabets_map_to_their_fields(headers, fields):
    assert auto_map(headers) == fields


@pytest.mark.parametrize("headers, fields", [
    (["Nombre", "Apellidos", "Calle del domicilio", "Ciudad de residencia", "Código postal de residencia",
      "País o región de residencia", "Provincia o estado de residencia", "Ciudad de trabajo", "Teléfono particular"],
     ["first_name", "last_name", "street", "city", "postal_code", "country", "region", "note", "phone"]),
    (["Nome", "Cognome", "Via (ab.)", "Città (ab.)", "CAP (ab.)", "Paese (ab.)", "Provincia (ab.)", "Via (uff.)",
      "Città (uff.)"],
     ["first_name", "last_name", "street", "city", "postal_code", "country", "region", "note", "note"]),
    (["Imię", "Nazwisko", "E-mail", "Miasto", "Kod pocztowy", "Uwagi"],
     ["first_name", "last_name", "email", "city", "postal_code", "notes"]),
    (["Jméno", "Příjmení", "Ulice", "Město", "PSČ", "Poznámky"],
     ["first_name", "last_name", "street", "city", "postal_code", "notes"]),
])
def test_outlooks_home_address_in_spanish_and_italian_and_polish_and_czech_headers(headers, fields):
    assert auto_map(headers) == fields


@pytest.mark.parametrize("headers, fields", [
    (["Nombre", "Apellidos", "Cumpleaños", "Aniversario", "Particular", "Otra calle", "Otra ciudad",
      "Tipo de correo electrónico", "Prioridad", "Sexo"],
     ["first_name", "last_name", "birthday", "note", "phone", "note", "note", "ignore", "ignore", "ignore"]),
    (["Nome", "Cognome", "Compleanno", "Abitazione", "Altra via", "Altra città", "Tipo posta elettronica",
      "Riservatezza"], ["first_name", "last_name", "birthday", "phone", "note", "note", "ignore", "ignore"]),
    (["Vorname", "Weitere Straße", "Weiterer Ort", "E-Mail-Typ", "Priorität", "Privat", "Geschlecht", "Telefon privat"],
     ["first_name", "note", "note", "ignore", "ignore", "ignore", "ignore", "phone"]),
    (["Prénom", "Priorité", "Privé", "Sexe", "Initiales", "Type de messagerie",
      "Nom complet de l'adresse de messagerie", "N° client", "CA total", "Points fidélité", "Date de création"],
     ["first_name", "ignore", "ignore", "ignore", "ignore", "ignore", "ignore", "customer_id", "ignore", "note",
      "ignore"]),  # (the points: the customer is owed them)
])
def test_what_outlook_and_shop_programs_fill_in_everywhere_is_left_out_and_other_addresses_are_notes(headers, fields):
    assert auto_map(headers) == fields
    assert detect_preset([]) == "generic"


@pytest.mark.parametrize("header", ["Points", "Loyalty Points", "Points fidélité", "Solde points", "Bonuspunkte",
                                    "Punktestand", "Puntos", "Punti fedeltà", "Saldo punti", "Spaarpunten"])
def test_a_loyalty_programs_points_are_kept_in_the_notes_in_every_language(header):
    assert auto_map(["Name", header]) == ["full_name", "note"]


def test_google_numbered_groups_match_any_number():
    headers = [*header_of("google_legacy.csv"), "E-mail 9 - Type", "E-mail 9 - Value", "Phone 12 - Value",
               "Address 3 - City", "Website 4 - Value"]
    assert detect_preset(headers) == "google_legacy"
    fields = auto_map(headers)
    assert fields[-5:] == ["ignore", "email", "phone", "note", "note"]
    assert field_of(headers, "Group Membership") == "tags"
    assert field_of(headers, "Name") == "full_name"
    google = header_of("google.csv")
    assert field_of(google, "Labels") == "tags"
    assert field_of(google, "E-mail 2 - Value") == "email"
    assert field_of(google, "E-mail 2 - Label") == "ignore"
    assert field_of(google, "Address 1 - Formatted") == "address"


@pytest.mark.parametrize("name", ["outlook.csv", "outlook_com.csv", "google_outlook.csv"])
def test_outlook_takes_the_home_address_and_keeps_the_business_one_as_notes(name):
    headers = header_of(name)
    assert field_of(headers, "Home Street") == "street"
    assert field_of(headers, "Home City") == "city"
    assert field_of(headers, "Home Postal Code") == "postal_code"
    assert field_of(headers, "Business Street") == "note"
    assert field_of(headers, "Business City") == "note"
    assert field_of(headers, "Business Phone") == "phone"
    assert field_of(headers, "Mobile Phone") == "phone"
    assert field_of(headers, "E-mail Address") == "email"
    assert field_of(headers, "Business Fax") == "note"


def test_a_business_address_in_any_language_is_a_second_address_not_the_home_one():
    """German and French business headers in their inflected forms ("Geschäftliche Straße", "Ville
    professionnelle") were read as the home address, or not as an address at all."""
    headers = ["Vorname", "Straße privat", "Ort privat", "Geschäftliche Straße", "Dienstliche PLZ", "Ort geschäftlich",
               "Adresse professionnelle", "Ville professionnelle", "Other Street", "Shipping Street", "Fax (Büro)"]
    fields = auto_map(headers)
    assert fields[1:3] == ["street", "city"] and set(fields[3:]) == {"note"}
    business, shipping, other = mapping.second_addresses(headers, fields)
    assert business == ("business", {3: "street", 4: "postal_code", 5: "city", 6: "street", 7: "city"})
    # (a fax is no part of an address)
    assert (shipping, other) == (("shipping", {9: "street"}), ("other", {8: "street"}))


def test_a_shipping_address_beside_a_billing_one_is_a_second_address_and_alone_the_address():
    both = ["First Name", "Email", "Billing Address 1", "Billing City", "Billing Postcode", "Shipping Address 1",
            "Shipping City", "Shipping Postcode", "Shipping Phone"]
    fields = auto_map(both)
    assert fields[2:] == ["street", "city", "postal_code", "note", "note", "note", "phone"]
    assert mapping.second_addresses(both, fields) == [("shipping", {5: "street", 6: "city", 7: "postal_code"})]
    alone = ["Name", "Shipping Street", "Shipping City", "Shipping Zip", "Shipping Country"]
    assert auto_map(alone) == ["full_name", "street", "city", "postal_code", "country"]
    assert auto_map(["Name", "Shipping Address 1", "Shipping Street"]) == ["full_name", "street", "note"]


def test_thunderbird_birth_parts_and_the_empty_last_column():
    headers = header_of("thunderbird.csv")
    fields = auto_map(headers)
    assert fields[-1] == "ignore" and headers[-1] == ""
    assert [field_of(headers, h) for h in ("Birth Year", "Birth Month", "Birth Day")] == [
        "birth_year", "birth_month", "birth_day"]
    assert field_of(headers, "Display Name") == "full_name"
    assert field_of(headers, "Work City") == "note"


def test_shopify_and_square_ids_and_consent():
    shopify = header_of("shopify.csv")
    assert field_of(shopify, "Customer ID") == "customer_id"
    assert field_of(shopify, "Accepts Email Marketing") == "email_consent"
    assert field_of(shopify, "Accepts SMS Marketing") == "sms_consent"
    assert field_of(shopify, "Total Spent") == "ignore"
    assert field_of(header_of("shopify_legacy.csv"), "Accepts Marketing") == "email_consent"
    square = header_of("square.csv")
    assert field_of(square, "Square Customer ID") == "customer_id"
    assert field_of(square, "Email Subscription Status") == "email_consent"
    assert field_of(square, "Creation Source") == "source"


@pytest.mark.parametrize(("header", "target"), [
    # English
    ("E-mail", "email"), ("Email Address", "email"), ("Primary Email", "email"), ("Work Email", "email"),
    ("Phone", "phone"), ("Mobile Phone Number", "phone"), ("First name", "first_name"), ("Surname", "last_name"),
    ("Full Name", "full_name"), ("Company", "company"), ("Zip Code", "postal_code"), ("Town", "city"),
    ("Date of Birth", "birthday"), ("Tags", "tags"), ("Comments", "notes"), ("Customer Number", "customer_id"),
    ("Address Line 2", "street2"), ("State/Province", "region"), ("Country", "country"), ("Billing City", "city"),
    # French
    ("Courriel", "email"), ("Adresse e-mail", "email"), ("Adresse de messagerie", "email"),
    ("Téléphone", "phone"), ("Téléphone mobile", "phone"), ("Portable", "phone"), ("Prénom", "first_name"),
    ("Né(e) le", "birthday"), ("DDN", "birthday"), ("Accepte SMS", "sms_consent"),
    ("Nom", "full_name"), ("Société", "company"), ("Code postal", "postal_code"), ("Ville", "city"),
    ("Date de naissance", "birthday"), ("Rue (domicile)", "street"), ("Pays/Région (domicile)", "country"),
    ("Rue (bureau)", "note"), ("Catégories", "tags"), ("Remarques", "notes"),
    # German
    ("E-Mail-Adresse", "email"), ("Telefon", "phone"), ("Handy", "phone"), ("Mobiltelefon", "phone"),
    ("Telefon geschäftlich", "phone"), ("Vorname", "first_name"), ("Nachname", "last_name"), ("Firma", "company"),
    ("PLZ", "postal_code"), ("Postleitzahl", "postal_code"), ("Stadt", "city"), ("Ort", "city"),
    ("Straße", "street"), ("Strasse privat", "street"), ("Geburtstag", "birthday"), ("Geburtsdatum", "birthday"),
    ("Geb.-Datum", "birthday"), ("Geboren am", "birthday"), ("Kundennummer", "customer_id"), ("Bemerkungen", "notes"), ("Land/Region privat", "country"),
    # Spanish
    ("Correo electrónico", "email"), ("Teléfono", "phone"), ("Móvil", "phone"), ("Nombre", "full_name"),
    ("Apellidos", "last_name"), ("Empresa", "company"), ("Código postal", "postal_code"), ("Ciudad", "city"),
    ("Dirección", "street"), ("Fecha de nacimiento", "birthday"), ("Provincia", "region"),
    # Italian
    ("Posta elettronica", "email"), ("Cellulare", "phone"), ("Nome", "full_name"), ("Cognome", "last_name"),
    ("Azienda", "company"), ("CAP", "postal_code"), ("Città", "city"), ("Indirizzo", "street"),
    ("Data di nascita", "birthday"), ("Note", "notes"),
    # Portuguese
    ("Telemóvel", "phone"), ("Telefone", "phone"), ("Sobrenome", "last_name"), ("Cidade", "city"),
    ("Morada", "street"), ("Data de nascimento", "birthday"), ("Código Postal", "postal_code"),
    # Dutch
    ("E-mailadres", "email"), ("Telefoonnummer", "phone"), ("Mobiel", "phone"), ("Voornaam", "first_name"),
    ("Achternaam", "last_name"), ("Bedrijf", "company"), ("Postcode", "postal_code"), ("Plaats", "city"),
    ("Woonplaats", "city"), ("Straat", "street"), ("Geboortedatum", "birthday"), ("Opmerkingen", "notes"),
    # mobiles and landlines as Switzerland, Québec, Belgium and Southern Europe write them
    ("Natel", "phone"), ("Cellulaire", "phone"), ("GSM-nummer", "phone"), ("Teléfono fijo", "phone"),
    ("Telefono fisso", "phone"), ("Telefone fixo", "phone"), ("Festnetz", "phone"),
    # Spanish surnames in two columns
    ("Primer apellido", "last_name"), ("Apellido 1", "last_name"), ("Segundo apellido", "second_last_name"),
    ("Apellido 2", "second_last_name"),
    # with a word that says whose or which it is
    ("Adresse électronique principale", "email"), ("Téléphone portable personnel", "phone"),
    ("E-mail principal", "email"), ("Mobile perso", "phone"), ("Adresse e-mail secondaire", "email"),
    # those words beside no email or phone: a staff member's, a middle name's
    ("Personnel ID", "note"), ("Personnel Name", "note"), ("Prénom secondaire", "note"),
    ("Secondary Contact", "note"),
    # the street and its number in one column, or an address's first line, as each language writes it
    ("Straße und Hausnr.", "street"), ("Straße/Hausnr.", "street"), ("Straße + Nr.", "street"),
    ("Rue et numéro", "street"), ("Adresse ligne 1", "street"), ("Adresse ligne 2", "street2"),
    ("Calle y número", "street"), ("Dirección línea 1", "street"), ("Via e numero civico", "street"),
    ("Indirizzo e numero civico", "street"), ("Rua e número", "street"), ("Straat en huisnummer", "street"),
    ("Straat + huisnr.", "street"), ("Adresregel 2", "street2"), ("Tfno.", "phone"), ("Tlf", "phone"),
])
def test_generic_headers_in_seven_languages(header, target):
    assert auto_map([header], "generic") == [target]


@pytest.mark.parametrize("headers, fields", [
    (["Vorname", "Nachname", "Mail-Adresse", "Tel.-Nr.", "Handy-Nr.", "Postanschrift"],
     ["first_name", "last_name", "email", "phone", "phone", "street"]),
    (["Nombre", "Apellidos", "Dirección postal", "Código postal", "Sin email", "Correo"],
     ["first_name", "last_name", "street", "postal_code", "note", "email"]),
    (["Nombre", "Email"], ["full_name", "email"]),  # (alone, the whole name, as a French "Nom")
    (["Nom", "Prénom", "Téléphone", "Pas d'email", "Email"], ["last_name", "first_name", "phone", "note", "email"]),
    (["Name", "Do Not Email", "Invalid Email", "Kein Telefon", "Phone No.", "Email ID"],
     ["full_name", "unsubscribed", "note", "note", "phone", "email"]),
    (["Nom", "Prénom", "No Téléphone", "No Portable"], ["last_name", "first_name", "phone", "phone"]),  # ("No": number)
    # beside a surname's column, whatever its name
    (["Nombre", "Ap. Paterno", "Ap. Materno", "Email"], ["first_name", "note", "note", "email"]),
    (["Nome", "Cognome/Ragione sociale", "Email"], ["first_name", "note", "email"]),
    (["Nome", "Telefone Residencial", "Endereço Residencial", "Cidade Residencial", "Cep Residencial"],
     ["full_name", "phone", "street", "city", "postal_code"]),
])
def test_headers_that_name_an_address_or_number_in_other_words_and_those_that_say_there_is_none(headers, fields):
    """An email or phone column named the way German, Dutch and Portuguese lists name them is an email or phone; a
    postal address is the street, not the postal code; a column that says the customer has none ("Pas d'email",
    "Invalid Email") is kept in the notes, not read as an address (every row's "yes" rejected); one that says they
    want none ("Do Not Email") takes their consent back where it says yes."""
    assert auto_map(headers, "generic") == fields


@pytest.mark.parametrize(("header", "target"), [
    # consent asked in words of a form's own, in the seven languages: not an email address
    ("Accepte de recevoir des emails", "email_consent"), ("Aceita receber e-mails", "email_consent"),
    ("Acepta recibir correos", "email_consent"), ("Marketing e-mail", "email_consent"),
    ("Email Marketing Consent", "email_consent"), ("Nieuwsbrief", "email_consent"),
    ("Newsletter-Anmeldung", "email_consent"), ("E-Mail Werbung", "email_consent"),
    ("SMS Marketing Consent", "sms_consent"), ("Accept SMS marketing", "sms_consent"),
    ("Accepts Text Messages", "sms_consent"), ("Acepta publicidad", "email_consent"),
    ("Consenso marketing", "email_consent"), ("Accepte la publicité", "email_consent"),
    # taken back
    ("Email Opt Out", "unsubscribed"), ("Do Not Email", "unsubscribed"), ("Unsubscribed from all email", "unsubscribed"),
    ("Opted out of email marketing", "unsubscribed"), ("SMS Opt Out", "sms_unsubscribed"),
    ("Do Not Text", "sms_unsubscribed"), ("SMSOptOut", "sms_unsubscribed"),
    # ... saying when ("Text Opt-Out Date"), or refusing marketing in so many words ("No marketing")
    ("Email Opt-Out Date", "unsubscribed"), ("Text Opt-Out Date", "sms_unsubscribed"),
    ("SMS Unsubscribe Date", "sms_unsubscribed"), ("No marketing", "unsubscribed"), ("Keine Werbung", "unsubscribed"),
    ("Pas de newsletter", "unsubscribed"), ("Sin publicidad", "unsubscribed"), ("Geen nieuwsbrief", "unsubscribed"),
    ("No SMS marketing", "sms_unsubscribed"),
    # neither: when, where from, where to, a call (no marketing), both channels in one column, or a title
    ("Marketing Consent Date", "note"), ("Marketing Source", "note"), ("Mailing Address", "street"),
    ("Do Not Call", "note"), ("Opted out of email and SMS", "note"), ("Agreed Terms", "note"),
    ("Invalid email", "note"), ("Opt-out source", "note"), ("Unsubscribe list", "note"),
    # ... or the consent to keep their data at all, which is no consent to marketing
    ("Consenso privacy", "note"), ("GDPR consent", "note"), ("Consentement RGPD", "note"),
    ("Einwilligung Datenschutz", "note"), ("Consenso trattamento dati", "note"),
    ("Subscriber ID", "note"), ("Newsletter subscribers", "note"),
])
def test_a_column_asking_for_consent_in_its_own_words_is_that_consent(header, target):
    assert auto_map([header, "Email"], "generic") == [target, "email"]


@pytest.mark.parametrize("headers, fields", [
    # a CRM's names, the customer's fields after whose they are: Pipedrive's
    (["Person - Name", "Person - Email - Work", "Person - Phone - Mobile", "Person - Organization", "Person - Labels",
      "Person - Birthday", "Person - Notes", "Organization - Name"],
     ["full_name", "email", "phone", "company", "tags", "birthday", "notes", "company"]),
    (["Customer Code", "Customer Name", "Customer Group", "Contact Phone", "Customer Since", "Contact Owner"],
     ["customer_id", "full_name", "tags", "phone", "note", "note"]),
    # Brevo's: a landline, consent taken back, and when the record was added
    (["EMAIL", "LANDLINE_NUMBER", "EMAIL_BLACKLISTED", "SMS_BLACKLISTED", "ADDED_TIME", "MODIFIED_TIME"],
     ["email", "phone", "unsubscribed", "sms_unsubscribed", "ignore", "ignore"]),
    # Wix's and Constant Contact's consent, as a status
    (["Email 1", "Email subscriber status", "SMS subscriber status", "Email permission status", "Created On"],
     ["email", "email_consent", "sms_consent", "email_consent", "ignore"]),
])
def test_other_crms_exports_map_by_their_own_names(headers, fields):
    assert auto_map(headers, "generic") == fields


@pytest.mark.parametrize("header", ["EMAIL", "e_mail", " E-Mail ", "Email:", "e.mail", "E-MAIL 2", "Emails"])
def test_case_accents_and_punctuation_do_not_matter(header):
    assert auto_map([header], "generic") == ["email"]


def test_a_lone_name_beside_a_first_name_is_the_last_name():
    assert auto_map(["Vorname", "Name", "E-Mail"]) == ["first_name", "last_name", "email"]
    assert auto_map(["Name", "E-Mail"]) == ["full_name", "email"]
    # French "Nom" is the last name beside a first name, and the whole name without one ("Dupont, Marie")
    assert auto_map(["Prénom", "Nom", "Courriel"]) == ["first_name", "last_name", "email"]
    assert auto_map(["Nom", "Courriel"]) == ["full_name", "email"]
    assert auto_map(["Nom", "Client", "Courriel"]) == ["last_name", "full_name", "email"]
    assert auto_map(["Prénoms", "Nom"]) == auto_map(["Prénom 1", "Nom"]) == ["first_name", "last_name"]


def test_a_translated_french_outlook_export_maps_by_synonyms():
    headers = ["Prénom", "Nom", "Société", "Adresse de messagerie", "Téléphone mobile", "Téléphone (bureau)",
               "Rue (domicile)", "Ville (domicile)", "Code postal (domicile)", "Rue (bureau)", "Anniversaire",
               "Catégories", "Notes"]
    assert detect_preset(headers) == "generic"
    assert auto_map(headers) == ["first_name", "last_name", "company", "email", "phone", "phone", "street", "city",
                                 "postal_code", "note", "birthday", "tags", "notes"]


def test_an_explicit_preset_is_used_and_an_unknown_one_refused():
    headers = ["Email", "First Name"]
    assert auto_map(headers, "shopify") == ["email", "first_name"]
    with pytest.raises(InvalidValue) as caught:
        auto_map(headers, "excel")
    assert caught.value.problem == "preset"


# --- --map overrides -----------------------------------------------------------------------------

HEADERS = ["Kundennr.", "E-mail", "Tel=Fax", "Notes"]


def test_overrides_by_name_any_case_or_column_number():
    assert parse_map_overrides(["Kundennr.=customer_id", "e-MAIL=email", "Tel=Fax=phone", "4=ignore"], HEADERS) == {
        0: "customer_id", 1: "email", 2: "phone", 3: "ignore"}
    # the field in any case, with spaces or hyphens for its underscores
    assert parse_map_overrides(["Kundennr.=Customer ID", "e-MAIL=Email", "Notes= last-name "], HEADERS) == {
        0: "customer_id", 1: "email", 3: "last_name"}
    fields = mapping.apply_overrides(["ignore"] * 4, {1: "email"})
    assert fields == ["ignore", "email", "ignore", "ignore"]


def test_a_column_without_a_header_is_named_as_the_notes_name_it():
    """The notes keep such a column's cells as "Column 2: …": that name maps it too, and a map that names no column
    lists it so, not as an empty name."""
    headers = ["Name", "", "Column 3"]
    assert parse_map_overrides(["Column 2=email", "column 1=last name", "Column 3=note"], headers) == {
        1: "email", 0: "last_name", 2: "note"}  # (a header "Column 3" is that column, as written)
    assert mapping.column_names(headers) == ["Name", "Column 2", "Column 3"]
    with pytest.raises(InvalidValue) as caught:
        parse_map_overrides(["Column 4=email"], headers)
    assert caught.value.detail.endswith("its columns are 'Name', 'Column 2', 'Column 3'")


@pytest.mark.parametrize(("item", "problem"), [("Nope=email", "header"), ("E-mail=emails", "field"),
                                                ("E-mail", "format"), ("=email", "format"), ("9=email", "header")])
def test_bad_overrides_are_refused_with_the_facts(item, problem):
    with pytest.raises(InvalidValue) as caught:
        parse_map_overrides([item], HEADERS)
    assert (caught.value.field, caught.value.value, caught.value.problem) == ("map", item, problem)
    if problem == "header":
        assert "'E-mail'" in caught.value.detail


# --- saved mappings ------------------------------------------------------------------------------

def test_saved_mappings_round_trip_through_the_database(db):
    assert saved_mappings() == []
    save_mapping("Till export", ["Kunde", "Mail", "Tel"], ["full_name", "email", "phone"])
    save_mapping("another", ["A"], ["ignore"])
    assert saved_mappings() == ["another", "Till export"]
    saved = load_mapping("Till export")
    assert (saved.headers, saved.fields) == (("Kunde", "Mail", "Tel"), ("full_name", "email", "phone"))
    assert saved.fields_for(["tel", "Kunde", "Neu"]) == ["phone", "full_name", None]  # (Neu's choice stays)
    save_mapping("Till export", ["Kunde"], ["company"])
    assert load_mapping("Till export").fields == ("company",)
    mapping.delete_mapping("another")
    assert saved_mappings() == ["Till export"]
    with pytest.raises(NotFound):
        load_mapping("another")


def test_a_mapping_with_unknown_fields_or_no_name_is_not_saved(db):
    with pytest.raises(InvalidValue):
        save_mapping("x", ["A", "B"], ["email"])
    with pytest.raises(InvalidValue):
        save_mapping("x", ["A"], ["e-mail"])
    with pytest.raises(InvalidValue):
        save_mapping("  ", ["A"], ["email"])
    assert saved_mappings() == []


def test_a_dutch_tussenvoegsel_and_a_column_without_a_header_are_kept():
    headers = ["Voornaam", "Tussenvoegsel", "Achternaam", "", "E-mailadres", " "]
    assert auto_map(headers) == ["first_name", "last_name_prefix", "last_name", "note", "email", "note"]


@pytest.mark.parametrize(("headers", "fields"), [
    (["Vorname", "Nachname", "Geburtsjahr", "Geburtsmonat", "Geburtstag", "Privat: Land"],
     ["first_name", "last_name", "birth_year", "birth_month", "birth_day", "country"]),  # "Geburtstag": the day here
    (["Prénom", "Nom", "Année de naissance", "Mois", "Jour", "Pays/État", "Pays/Région (domicile)"],
     ["first_name", "last_name", "birth_year", "birth_month", "birth_day", "region", "country"]),  # (État: the state)
    (["Vorname", "Nachname", "Geburtstag"], ["first_name", "last_name", "birthday"]),  # alone, the whole birthday
    (["Vorname", "Nachname", "Geburtsjahr", "Tag"], ["first_name", "last_name", "birth_year", "tags"]),  # no month
])
def test_thunderbirds_birthday_in_three_columns_is_read_in_its_translations(headers, fields):
    """Thunderbird writes its columns' headings in the user's language."""
    assert auto_map(headers) == fields


@pytest.mark.parametrize(("headers", "fields"), [
    (["FN", "TEL", "EMAIL", "BDAY", "ORG", "ADR"], ["full_name", "phone", "email", "birthday", "company", "address"]),
    (["N", "EMAIL;INTERNET", "TEL;CELL", "ADR;HOME", "item1.EMAIL;type=INTERNET", "NOTE"],
     ["note", "email", "phone", "address", "email", "notes"]),
    (["FN", "LN", "Email"], ["first_name", "last_name", "email"]),  # a spreadsheet's short first and last name
    (["Firma", "FN", "UID", "Straße", "Telefon"], ["company", "note", "note", "street", "phone"]),  # (a register no.)
])
def test_a_vcards_properties_as_column_names_are_read(headers, fields):
    """A phone's contacts converted from vCards to CSV: the name went to the notes, and so did the birthday."""
    assert auto_map(headers) == fields
