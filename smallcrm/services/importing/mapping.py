"""Which column of a file holds what: presets for known exports, synonyms for the rest, saved mappings.

Every column maps to one target field (`FIELDS`). Choices made for the known layouts:
- A person's home address is the address; a business ("work") or "other" address goes to the notes as
  "Header: value" lines, so nothing is lost and two addresses are never mixed into one. A row with no home address
  takes its business address (else its other one) as the address instead (`second_addresses`).
- Fax, pager, job title, department, nickname, middle name, web pages and custom fields go to the notes.
- Figures another program computed (total spent, order counts, visits, ratings), a title ("Mrs", "Dr"), and what
  Outlook fills in for everyone (Priority "Normal", Gender "Unspecified", E-mail Type "SMTP") are ignored:
  purchases are imported on their own.
- Any other column goes to the notes as "Header: value", so a column the import does not know ("Allergies",
  "Shoe size") is not lost; the owner can choose to ignore it.
- "Display Name"/"Name" is a full name, split only for rows without first and last name.
- A Dutch "Tussenvoegsel" ("van der") is put before the last name it belongs to: "van der Berg".
- A column without a header goes to the notes as "Column N: value", so nothing typed in it is lost.
- Numbered groups ("E-mail 3 - Value", "Phone 12 - Value", "Address 2 - City") are matched for any number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from smallcrm.errors import InvalidValue, NotFound
from smallcrm.services.validation import WHOSE_WORDS

FIELDS = (
    "first_name", "last_name", "last_name_prefix", "second_last_name", "full_name", "company", "email", "phone",
    "street", "house_number", "street2", "postal_code", "city", "region", "country", "address", "birthday",
    "birth_year", "birth_month", "birth_day", "tags", "notes",
    "email_consent", "sms_consent", "consent_source", "email_consent_source", "sms_consent_source",
    "email_consent_at", "sms_consent_at", "unsubscribed", "sms_unsubscribed", "source", "customer_id", "note",
    "ignore",
)
# Fields a row may fill from several columns (the others take the first column with a value; a second
# value goes to the notes).
REPEATABLE = frozenset({"email", "phone", "tags", "notes", "note", "street2", "house_number", "ignore"})


@dataclass(frozen=True)
class Preset:
    name: str
    program: str  # what wrote the file, in plain words
    headers: tuple[str, ...]  # the header row as the program writes it
    fields: dict[str, str] = field(default_factory=dict)  # header -> field, for headers not left to `rules`
    rules: tuple[tuple[str, str], ...] = ()  # (regular expression over the header, field)

    def field_for(self, header: str) -> str | None:
        if header in self.fields:
            return self.fields[header]
        for pattern, target in self.rules:
            if re.fullmatch(pattern, header, re.IGNORECASE):
                return target
        return None


def _h(text: str) -> tuple[str, ...]:
    return tuple(text.split(","))


# --- the presets, one per known export -----------------------------------------------------------

_GOOGLE_GROUP_RULES = (
    (r"E-mail \d+ - Value", "email"),
    (r"Phone \d+ - Value", "phone"),
    (r"Address 1 - Street", "street"),
    (r"Address 1 - Extended Address", "street2"),
    (r"Address 1 - PO Box", "street2"),
    (r"Address 1 - City", "city"),
    (r"Address 1 - Region", "region"),
    (r"Address 1 - Postal Code", "postal_code"),
    (r"Address 1 - Country", "country"),
    (r"Address 1 - Formatted", "address"),
    (r"Address \d+ - (?:Street|Extended Address|PO Box|City|Region|Postal Code|Country)", "note"),
    (r"Organization \d+ - Name", "company"),
    (r"Organization \d+ - (?:Title|Department|Job Description)", "note"),
    (r"Website \d+ - Value", "note"),
    (r"Relation \d+ - Value", "note"),
    (r"Event \d+ - Value", "note"),
    (r"(?:E-mail|Phone|Address|Organization|Website|Relation|Event|IM|Custom Field) \d+ - (?:Type|Label)", "ignore"),
)

_GOOGLE_FIELDS = {
    "First Name": "first_name", "Middle Name": "note", "Last Name": "last_name", "Nickname": "note",
    "Organization Name": "company", "Organization Title": "note", "Organization Department": "note",
    "Birthday": "birthday", "Notes": "notes", "Labels": "tags", "Name Prefix": "ignore", "Name Suffix": "note",
    "File As": "ignore", "Photo": "ignore"}

_OUTLOOK_FIELDS = {
    "First Name": "first_name", "Middle Name": "note", "Last Name": "last_name", "Company": "company",
    "Job Title": "note", "Department": "note", "Nickname": "note",
    "E-mail Address": "email", "E-mail 2 Address": "email", "E-mail 3 Address": "email",
    "Primary Phone": "phone", "Home Phone": "phone", "Home Phone 2": "phone", "Mobile Phone": "phone",
    "Business Phone": "phone", "Business Phone 2": "phone", "Company Main Phone": "phone", "Other Phone": "phone",
    "Car Phone": "phone", "Assistant's Phone": "note", "Callback": "note", "Radio Phone": "note", "ISDN": "note",
    "Pager": "note", "Home Fax": "note", "Business Fax": "note", "Other Fax": "note", "Telex": "note",
    "TTY/TDD Phone": "note",
    "Home Street": "street", "Home Street 2": "street2", "Home Street 3": "street2", "Home Address PO Box": "street2",
    "Home City": "city", "Home State": "region", "Home Postal Code": "postal_code", "Home Country": "country",
    "Home Country/Region": "country", "Home Address": "address",
    "Birthday": "birthday", "Anniversary": "note", "Notes": "notes", "Categories": "tags",
    "Web Page": "note", "Personal Web Page": "note", "Spouse": "note", "Children": "note", "Referred By": "source",
    "Manager's Name": "note", "Assistant's Name": "note", "Office Location": "note", "Profession": "note",
    "User 1": "note", "User 2": "note", "User 3": "note", "User 4": "note", "IMAddress": "note",
}
_OUTLOOK_RULES = (
    (r"(?:Business|Other) (?:Street(?: \d)?|City|State|Postal Code|Country(?:/Region)?|Address(?: PO Box)?)", "note"),
)

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "google", "Google Contacts, Google CSV",
            _h("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
               "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
               "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
               "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,"
               "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
               "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,"
               "Website 1 - Value"),
            _GOOGLE_FIELDS, _GOOGLE_GROUP_RULES,
        ),
        Preset(
            "google_legacy", "Google Contacts, Google CSV (until about 2021)",
            _h("Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
               "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,"
               "Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,"
               "Subject,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
               "E-mail 3 - Type,E-mail 3 - Value,E-mail 4 - Type,E-mail 4 - Value,Phone 1 - Type,Phone 1 - Value,"
               "Phone 2 - Type,Phone 2 - Value,Phone 3 - Type,Phone 3 - Value,Phone 4 - Type,Phone 4 - Value,"
               "Phone 5 - Type,Phone 5 - Value,Phone 6 - Type,Phone 6 - Value,Phone 7 - Type,Phone 7 - Value,"
               "Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
               "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
               "Address 2 - Type,Address 2 - Formatted,Address 2 - Street,Address 2 - City,Address 2 - PO Box,"
               "Address 2 - Region,Address 2 - Postal Code,Address 2 - Country,Address 2 - Extended Address,"
               "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
               "Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,"
               "Organization 1 - Job Description,Relation 1 - Type,Relation 1 - Value,Website 1 - Type,"
               "Website 1 - Value,Website 2 - Type,Website 2 - Value"),
            {"Name": "full_name", "Given Name": "first_name", "Additional Name": "note", "Family Name": "last_name",
             "Nickname": "note", "Maiden Name": "note", "Birthday": "birthday", "Occupation": "note",
             "Notes": "notes", "Group Membership": "tags", "Location": "note", "Hobby": "note"},
            _GOOGLE_GROUP_RULES,
        ),
        Preset(
            "google_outlook", "Google Contacts, Outlook CSV",
            _h("First Name,Middle Name,Last Name,Title,Suffix,Web Page,Birthday,Anniversary,Notes,E-mail Address,"
               "E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,"
               "Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,"
               "Home Postal Code,Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,"
               "Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,"
               "Department,Business Address,Business Street,Business Street 2,Business Street 3,"
               "Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,"
               "Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,"
               "Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,"
               "TTY/TDD Phone,Telex,Categories"),
            _OUTLOOK_FIELDS, _OUTLOOK_RULES,
        ),
        Preset(
            "outlook", "Outlook (desktop), Export to a file as CSV",
            _h('Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,'
               'Business Street 2,Business Street 3,Business City,Business State,Business Postal Code,'
               'Business Country/Region,Home Street,Home Street 2,Home Street 3,Home City,Home State,'
               'Home Postal Code,Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,'
               'Other State,Other Postal Code,Other Country/Region,Assistant\'s Phone,Business Fax,Business Phone,'
               'Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,'
               'Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,'
               'Anniversary,Assistant\'s Name,Billing Information,Birthday,Business Address PO Box,Categories,'
               'Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,'
               'E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,'
               'Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,'
               'Location,Manager\'s Name,Mileage,Notes,Office Location,Organizational ID Number,'
               'Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,Spouse,User 1,User 2,'
               'User 3,User 4,Web Page'),
            _OUTLOOK_FIELDS, _OUTLOOK_RULES,
        ),
        Preset(
            "outlook_com", "Outlook.com People",
            _h("First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,"
               "E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,"
               "Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,"
               "Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,"
               "Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,"
               "Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
               "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
               "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,"
               "Birthday,Anniversary,Notes"),
            _OUTLOOK_FIELDS, _OUTLOOK_RULES,
        ),
        Preset(
            "thunderbird", "Thunderbird address book",
            _h("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Work Phone,"
               "Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,"
               "Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,"
               "Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,"
               "Custom 2,Custom 3,Custom 4,Notes,"),
            {"First Name": "first_name", "Last Name": "last_name", "Display Name": "full_name", "Nickname": "note",
             "Primary Email": "email", "Secondary Email": "email", "Screen Name": "note", "Work Phone": "phone",
             "Home Phone": "phone", "Mobile Number": "phone", "Fax Number": "note", "Pager Number": "note",
             "Home Address": "street", "Home Address 2": "street2", "Home City": "city", "Home State": "region",
             "Home ZipCode": "postal_code", "Home Country": "country", "Job Title": "note", "Department": "note",
             "Organization": "company", "Web Page 1": "note", "Web Page 2": "note", "Birth Year": "birth_year",
             "Birth Month": "birth_month", "Birth Day": "birth_day", "Custom 1": "note", "Custom 2": "note",
             "Custom 3": "note", "Custom 4": "note", "Notes": "notes", "": "ignore"},
            ((r"Work (?:Address(?: 2)?|City|State|ZipCode|Country)", "note"),),
        ),
        Preset(
            "yahoo", "Yahoo contacts",
            _h("First,Middle,Last,Nickname,Email,Category,Distribution Lists,Messenger ID,Home,Work,Pager,Fax,"
               "Mobile,Other,Yahoo! Phone,Primary,Alternate Email 1,Alternate Email 2,Personal Website,"
               "Business Website,Title,Company,Work Address,Work City,Work State,Work ZIP,Work Country,Home Address,"
               "Home City,Home State,Home ZIP,Home Country,Birthday,Anniversary,Custom 1,Custom 2,Custom 3,Custom 4,"
               "Comments,Messenger ID1,Messenger ID2,Messenger ID3,Messenger ID4,Messenger ID5,Messenger ID6,"
               "Messenger ID7,Messenger ID8,Messenger ID9,Skype ID,IRC ID,ICQ ID,Google ID,MSN ID,AIM ID,QQ ID"),
            {"First": "first_name", "Middle": "note", "Last": "last_name", "Nickname": "note", "Email": "email",
             "Category": "tags", "Distribution Lists": "tags", "Home": "phone", "Work": "phone", "Mobile": "phone",
             "Other": "phone", "Primary": "phone", "Pager": "note", "Fax": "note", "Alternate Email 1": "email",
             "Alternate Email 2": "email", "Personal Website": "note", "Business Website": "note", "Title": "note",
             "Company": "company", "Home Address": "street", "Home City": "city", "Home State": "region",
             "Home ZIP": "postal_code", "Home Country": "country", "Birthday": "birthday", "Anniversary": "note",
             "Custom 1": "note", "Custom 2": "note", "Custom 3": "note", "Custom 4": "note", "Comments": "notes"},
            ((r"Work (?:Address|City|State|ZIP|Country)", "note"),
             (r"(?:Messenger ID\d?|Skype ID|IRC ID|ICQ ID|Google ID|MSN ID|AIM ID|QQ ID|Yahoo! Phone)", "note")),
        ),
        Preset(
            "shopify", "Shopify customers",
            _h("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
               "Default Address Address1,Default Address Address2,Default Address City,"
               "Default Address Province Code,Default Address Country Code,Default Address Zip,"
               "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags"),
            {"Customer ID": "customer_id", "First Name": "first_name", "Last Name": "last_name", "Email": "email",
             "Accepts Email Marketing": "email_consent", "Default Address Company": "company",
             "Default Address Address1": "street", "Default Address Address2": "street2",
             "Default Address City": "city", "Default Address Province Code": "region",
             "Default Address Country Code": "country", "Default Address Zip": "postal_code",
             "Default Address Phone": "phone", "Phone": "phone", "Accepts SMS Marketing": "sms_consent",
             "Total Spent": "ignore", "Total Orders": "ignore", "Note": "notes", "Tax Exempt": "ignore",
             "Tags": "tags"},
        ),
        Preset(
            "shopify_legacy", "Shopify customers (before 2022)",
            _h("First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,"
               "Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt"),
            {"First Name": "first_name", "Last Name": "last_name", "Email": "email", "Company": "company",
             "Address1": "street", "Address2": "street2", "City": "city", "Province": "region",
             "Province Code": "ignore", "Country": "country", "Country Code": "ignore", "Zip": "postal_code",
             "Phone": "phone", "Accepts Marketing": "email_consent", "Total Spent": "ignore",
             "Total Orders": "ignore", "Tags": "tags", "Note": "notes", "Tax Exempt": "ignore"},
        ),
        Preset(
            "square", "Square customer directory",
            _h("Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,Street Address 1,"
               "Street Address 2,City,State,Postal Code,Birthday,Memo,Square Customer ID,Creation Source,First Visit,"
               "Last Visit,Transaction Count,Lifetime Spend,Email Subscription Status,Instant Profile,"
               "Blocked from online booking"),
            {"Reference ID": "note", "First Name": "first_name", "Last Name": "last_name", "Email Address": "email",
             "Phone Number": "phone", "Nickname": "note", "Company Name": "company",
             "Street Address 1": "street", "Street Address 2": "street2", "City": "city", "State": "region",
             "Postal Code": "postal_code", "Birthday": "birthday", "Memo": "notes",
             "Square Customer ID": "customer_id", "Creation Source": "source", "First Visit": "ignore",
             "Last Visit": "ignore", "Transaction Count": "ignore", "Lifetime Spend": "ignore",
             "Email Subscription Status": "email_consent", "Instant Profile": "ignore",
             "Blocked from online booking": "ignore"},
        ),
        Preset(
            "woocommerce", "WooCommerce Analytics customers",
            _h("Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / Region,City,Region,"
               "Postal Code,Billing Phone,Shipping Phone,Role"),
            {"Name": "full_name", "Username": "note", "Last Active": "ignore", "Sign Up": "ignore", "Email": "email",
             "Orders": "ignore", "Total Spend": "ignore", "AOV": "ignore", "Country / Region": "country",
             "City": "city", "Region": "region", "Postal Code": "postal_code", "Billing Phone": "phone",
             "Shipping Phone": "phone", "Role": "ignore"},
        ),
        Preset(
            "mailchimp", "Mailchimp audience",
            _h('Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,'
               'LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES'),
            {"Email Address": "email", "First Name": "first_name", "Last Name": "last_name", "NOTES": "notes",
             "Address": "address", "Phone Number": "phone", "Birthday": "birthday", "TAGS": "tags"},
            # The location columns are guessed from the subscriber's IP address: not an address.
            # Its export of unsubscribed members says when each unsubscribed; when a member opted in is their
            # consent to emails (that of unsubscribed members taken back by their UNSUB_TIME), or, for one the shop
            # added to the audience itself (no OPTIN_TIME), when they were added (CONFIRM_TIME).
            ((r"UNSUB_TIME", "unsubscribed"), (r"OPTIN_TIME|CONFIRM_TIME", "email_consent_at"),
             (r"MEMBER_RATING|OPTIN_IP|CONFIRM_IP|LATITUDE|LONGITUDE|GMTOFF|DSTOFF|"
              r"TIMEZONE|CC|REGION|LAST_CHANGED|LEID|EUID|UNSUB_(?:CAMPAIGN_TITLE|CAMPAIGN_ID)|"
              r"CLEAN_(?:TIME|CAMPAIGN_TITLE|CAMPAIGN_ID)|UNSUB_REASON(?:_OTHER)?", "ignore")),
        ),
        Preset(
            # (vcards.header, of one email, phone, address and web page)
            "vcard", "Contacts of a phone or a mail program (vCard)",
            _h("Name,First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Nickname,Organization Name,"
               "Organization Department,Organization Title,Birthday,Notes,Labels,Event 1 - Label,Event 1 - Value,"
               "Source,Email Consent,SMS Consent,Email Consent Source,SMS Consent Source,Email Consent Date,"
               "SMS Consent Date,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
               "Address 1 - Label,Address 1 - PO Box,Address 1 - Extended Address,Address 1 - Street,Address 1 - City,"
               "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Website 1 - Label,Website 1 - Value"),
            {**_GOOGLE_FIELDS, "Name": "full_name", "Source": "source", "Email Consent": "email_consent",
             "SMS Consent": "sms_consent", "Email Consent Source": "email_consent_source",
             "SMS Consent Source": "sms_consent_source", "Email Consent Date": "email_consent_at",
             "SMS Consent Date": "sms_consent_at"},
            _GOOGLE_GROUP_RULES,
        ),
        Preset("generic", "any other file", ()),
    )
}

# --- synonyms for generic files ------------------------------------------------------------------
# A whole name under a heading that says the last name comes first ("Nom Prénom": "Dupont Marie")
LAST_FIRST = ("lastnamefirstname", "surnamefirstname", "nomprenom", "nometprenom", "nomprenoms",
              "nachnamevorname", "namevorname", "apellidosnombre", "apellidosynombre", "cognomenome", "cognomeenome",
              "achternaamvoornaam", "sobrenomenome")

# Keys are header words lower-cased, without accents, punctuation or spaces ("E-Mail-Adresse" ->
# "emailadresse"); words naming whose address or phone it is ("home", "privat", "domicile") are dropped first.

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name": ("firstname", "first", "givenname", "given", "forename", "fname", "vorname", "prenom", "nombre",
                   "nome", "primeironome", "voornaam", "roepnaam", "imie", "jmeno", "krestnijmeno", "firstnames",
                   "prenoms", "prenomusuel", "prenomdusage", "vornamen", "nombres", "voornamen"),
    "last_name": ("lastname", "last", "surname", "familyname", "family", "lname", "nachname", "familienname", "nom",
                  "nomdefamille", "apellido", "apellidos", "primerapellido", "cognome", "sobrenome", "apelido",
                  "apelidos", "achternaam", "familienaam", "nazwisko", "prijmeni", "apellido1", "apellidopaterno"),
    # Spanish names have two: the second (the mother's) in a column of its own is part of the last name
    "second_last_name": ("segundoapellido", "apellido2", "apellidomaterno", "secondlastname", "secondsurname"),
    "last_name_prefix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels", "infix",
                         "lastnameprefix", "surnameprefix", "familynameprefix", "nameinfix"),
    "full_name": ("name", "fullname", "displayname", "contactname", "customername", "clientname", "contact",
                  "customer", "client", "nomcomplet", "vollstandigername", "kunde", "kundenname", "nombrecompleto",
                  "cliente", "nomecompleto", "naam", "volledigenaam", "klant", "klantnaam",
                  "firstnamelastname", "prenomnom", "prenometnom", "nomclient", "nomduclient", "nomcontact",
                  "nomducontact", "vornamenachname", "vorundnachname", "vornameundnachname", "kontakt",
                  "kontaktperson", "nombreyapellidos", "nombreyapellido", "nomeecognome", "nomecognome",
                  "voornaamachternaam", "naamklant",
                  *LAST_FIRST),
    "company": ("company", "companyname", "billingcompany", "organization", "organisation", "org", "business",
                "businessname", "organizationname", "organisationname",
                "firma", "firmenname", "unternehmen", "entreprise", "societe", "raisonsociale", "empresa",
                "azienda", "societa", "ragionesociale", "bedrijf", "bedrijfsnaam", "organizacion", "organizzazione"),
    "email": ("email", "emailaddress", "mail", "mailaddress", "emails", "emailadresse", "courriel",
              "adressecourriel", "adresseemail", "adressemail", "adressedecourriel", "adressedemessagerie",
              "correo", "correoelectronico", "direcciondecorreo", "direcciondecorreoelectronico",
              "postaelettronica", "indirizzoemail", "indirizzodipostaelettronica", "enderecodeemail",
              "enderecoemail", "emailadres", "primaryemail", "secondaryemail", "alternateemail", "emailvalue",
              "adresseelectronique", "courrierelectronique", "adressecourriel", "mailadresse", "emailanschrift",
              "mailanschrift", "emailid", "mailid"),
    "phone": ("phone", "phonenumber", "telephone", "telephonenumber", "tel", "telno", "telefon", "telefonnummer",
              "tfno", "telf", "tlf", "tlfno",  # (Spanish and Danish shorthands)
              "handy", "handynummer", "mobil", "mobilnummer", "mobiltelefon", "mobile", "mobilephone",
              "mobilenumber", "cell", "cellphone", "cellular", "portable", "telephoneportable", "telephonemobile",
              "numerodetelephone", "telefono", "movil", "celular", "telefonomovil", "numerodetelefono",
              "cellulare", "numeroditelefono", "telefone", "telemovel", "numerodetelemovel", "telefoon",
              "telefoonnummer",
              "mobiel", "mobielnummer", "gsm", "phonevalue", "primaryphone", "whatsapp", "iphone",
              "natel", "natelnummer", "cellulaire", "telephonecellulaire", "gsmnummer", "telefonofijo", "telefonofisso",
              "telefonefixo", "telefonfest", "festnetz", "festnetznummer", "telephonefixe", "fixe", "vast",
              "vastnummer", "vastetelefoon", "telnr", "telefonnr", "handynr", "mobilnr", "mobiltelnr", "telefoonnr",
              "mobielnr", "telefonenr", "landline", "landlinenumber", "landlinephone", "phoneno", "mobileno",
              "telephoneno", "cellno", "contactno", "contactnumber",
              "particular", "abitazione"),  # (Outlook's home phone in Spanish and Italian)
    "street": ("street", "streetaddress", "address", "address1", "addressline1", "addressline", "line1",
               "strasse", "strasseundhausnummer", "anschrift", "adresse", "adresse1", "rue", "voie", "calle",
               "direccion", "domicilio", "via", "indirizzo", "rua", "endereco", "morada", "straat", "adres",
               "straatnaam", "billingaddress1", "shippingaddress1", "ulica", "ulice", "streetname",
               "strassenname", "nomdelarue", "nomdevoie", "nombredelacalle", "nomedellavia", "nomedarua",
               "adressepostale", "postanschrift", "postadresse", "direccionpostal", "indirizzopostale",
               "enderecopostal", "postadres",
               # the street and the house number in one column
               "strasseundhausnr", "strassehausnr", "strassehausnummer", "strassemithausnummer", "strassenr",
               "strasseundnr", "rueetnumero", "calleynumero", "viaenumerocivico", "indirizzoenumerocivico",
               "viaecivico", "ruaenumero", "straatenhuisnummer", "straathuisnummer", "straathuisnr", "straatennummer",
               # its first line
               "adresseligne1", "ligneadresse1", "direccionlinea1", "lineadedireccion1", "indirizzoriga1",
               "enderecolinha1", "adresregel1", "adresszeile1"),
    # (joined to the street, with a Dutch "toevoeging": "Kerkstraat 12A"; "Nr." alone is more often a row's)
    "house_number": ("housenumber", "houseno", "housenr", "streetnumber", "streetno", "hausnummer", "hausnr",
                     "hausnummerzusatz", "huisnummer", "huisnr", "toevoeging", "huisnummertoevoeging",
                     "numerodevoie", "numerovoie", "ndevoie", "numerodanslavoie", "numerocivico", "ncivico", "civico",
                     "numerocasa", "numeroexterior", "numerodaporta", "numerdomu", "nrdomu", "cislopopisne",
                     "cislodomu"),
    "street2": ("street2", "address2", "addressline2", "line2", "streetaddress2", "adresse2", "complementdadresse",
                "adresseligne2", "ligneadresse2", "direccionlinea2", "lineadedireccion2", "indirizzoriga2",
                "enderecolinha2", "adresregel2", "adresszeile2",
                "adresszusatz", "zusatz", "direccion2", "indirizzo2", "endereco2", "complemento",
                "billingaddress2", "shippingaddress2", "pobox", "postbox", "postfach", "bp", "apartado",
                "casellapostale", "caixapostal", "postbus"),
    "postal_code": ("postalcode", "postcode", "zip", "zipcode", "postal", "zippostalcode", "plz", "postleitzahl",
                    "codepostal", "cp", "codigopostal", "cap", "codiceavviamentopostale", "postnummer",
                    "billingpostcode", "shippingpostcode", "kodpocztowy", "psc", "cep"),
    "city": ("city", "town", "locality", "ort", "stadt", "wohnort", "ville", "commune", "localite", "ciudad",
             "localidad", "poblacion", "municipio", "citta", "comune", "localita", "cidade", "localidade",
             "plaats", "woonplaats", "stad", "billingcity", "shippingcity", "miasto", "miejscowosc", "mesto",
             "obec"),
    "region": ("region", "state", "province", "county", "stateprovince", "provincecode", "statecode",
               "bundesland", "kanton", "departement", "provincia", "estado", "comunidad", "regione", "distrito",
               "provincie", "billingstate", "shippingstate",
               "paysetat"),  # (Thunderbird's French "Pays/État", beside "Pays/Région": the state)
    "country": ("country", "countryregion", "countrycode", "countryname", "land", "landregion", "pays",
                "paysregion", "pais", "paisregion", "paese", "nazione", "billingcountry", "shippingcountry"),
    "birthday": ("birthday", "birthdate", "dateofbirth", "dob", "born", "geburtstag", "geburtsdatum",
                 "datedenaissance", "naissance", "anniversaire", "fechadenacimiento", "cumpleanos", "nacimiento",
                 "datadinascita", "compleanno", "datadenascimento", "aniversario", "geboortedatum", "verjaardag",
                 "neele", "nele", "neel", "ddn", "datenaissance", "datedenaiss", "gebdatum", "geboren", "gebam",
                 "fnac", "fechanac", "datanascita", "datanasc", "geborenop", "geborenam"),
    "birth_year": ("birthyear", "yearofbirth", "geburtsjahr", "anneedenaissance", "anodenacimiento", "annodinascita",
                   "anodenascimento", "geboortejaar"),
    "birth_month": ("birthmonth", "monthofbirth", "geburtsmonat", "moisdenaissance"),
    "birth_day": ("dayofbirth", "jourdenaissance"),
    "tags": ("tags", "tag", "labels", "label", "groups", "group", "groupmembership", "categories", "category",
             "kategorie", "kategorien", "schlagworte", "schlagworter", "gruppe", "gruppen", "etiquettes",
             "etiquette", "categorie", "groupe", "groupes", "etiquetas", "etiqueta", "categoria", "categorias",
             "grupo", "grupos", "etichette", "etichetta", "gruppi", "categorieen", "groepen", "segment", "segments"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "remark", "memo", "description", "notizen",
              "notiz", "bemerkung", "bemerkungen", "kommentar", "kommentare", "anmerkungen", "remarques",
              "remarque", "commentaire", "commentaires", "notas", "nota", "observaciones", "comentarios",
              "comentario", "osservazioni", "commenti", "annotazioni", "observacoes", "opmerkingen", "opmerking",
              "notities", "notitie", "uwagi", "notatki", "poznamky", "poznamka"),
    "email_consent": ("emailconsent", "acceptsemailmarketing", "acceptsmarketing", "newsletter", "emailoptin",
                      "optin", "marketingconsent", "emailmarketing", "subscribed", "emailsubscriptionstatus",
                      "marketingemails", "einwilligung", "consentement", "consentimiento", "consenso",
                      "marketingoptin", "acceptapublicidad", "consensomarketing", "werbeeinwilligung",
                      "acceptemarketing", "optinmarketing", "acceptsemail", "acceptsemails", "emailok", "okemail",
                      "optinemail", "accepteemail", "accepteemails", "acceptelesemails", "accepteemailing",
                      "accepteleemailing", "consentementemail", "emailconsentement", "accordemail",
                      "emailwerbung", "werbungemail", "emaileinwilligung", "einwilligungemail", "aceptaemail",
                      "aceptacorreo", "aceptaemails", "accettaemail", "consensoemail", "aceitaemail",
                      "akkoordemail"),
    "sms_consent": ("smsconsent", "acceptssmsmarketing", "smsoptin", "smsmarketing", "textmarketing",
                    "acceptssms", "smsok", "oksms", "optinsms", "acceptesms", "acceptelessms", "consentementsms",
                    "smsconsentement", "accordsms", "smswerbung", "werbungsms", "smseinwilligung", "aceptasms",
                    "accettasms", "consensosms", "aceitasms", "akkoordsms"),
    "consent_source": ("consentsource", "optinsource", "sourceofconsent", "marketingconsentsource"),
    "email_consent_source": ("emailconsentsource", "emailoptinsource"),
    "sms_consent_source": ("smsconsentsource", "smsoptinsource"),
    # when the customer agreed (a date alone says they did)
    "email_consent_at": ("emailconsentdate", "emailconsentgivenon", "emailconsentsince", "emailconsenttime",
                         "emailoptindate", "emailoptintime", "dateconsentementemail", "emaileinwilligungsdatum"),
    "sms_consent_at": ("smsconsentdate", "smsconsentgivenon", "smsconsentsince", "smsconsenttime", "smsoptindate",
                       "smsoptintime", "dateconsentementsms", "smseinwilligungsdatum"),
    # when (or whether) the customer unsubscribed from emails: any value there takes email consent back
    "unsubscribed": ("unsubtime", "unsubscribed", "unsubscribedat", "unsubscribedon", "unsubscribedate",
                     "unsubscribetime", "optedout", "optoutdate", "optouttime", "abgemeldetam", "desabonnele",
                     "datededesabonnement", "datedesinscription"),
    # ... from text messages
    "sms_unsubscribed": ("smsunsubscribed", "smsunsubscribedat", "smsunsubscribedon", "smsoptout", "smsoptedout",
                         "smsoptoutdate", "textoptout", "donottext", "smsabgemeldet", "desabonnesms"),
    "source": ("source", "leadsource", "howdidyouhearaboutus", "referredby", "referral", "quelle", "herkunft",
               "origine", "provenance", "origen", "fuente", "fonte", "provenienza", "origem", "bron", "herkomst"),
    "note": ("fax", "faxnumber", "telefax", "jobtitle", "department", "abteilung", "website", "webpage", "homepage",
             "url", "nickname", "middlename", "pager", "spitzname", "surnom", "apodo", "soprannome", "bijnaam"),
    "ignore": ("title", "nameprefix", "prefix", "salutation", "anrede", "civilite", "titre", "tratamiento",
               "titolo", "aanhef", "totalspent", "totalspend", "lifetimespend", "lifetimevalue", "totalorders",
               "orders", "ordercount", "numberoforders", "transactioncount", "visits", "visitcount", "firstvisit",
               "lastvisit", "lastorder", "lastorderdate", "aov", "averageordervalue", "lastactive", "rating",
               "memberrating", "row", "problem", "ligne", "probleme",  # (a file of rejected rows' own two)
               # what Outlook fills in for everyone ("Normal", "Unspecified", "SMTP") or makes of other columns,
               # and numbers that are no business of a shop's
               "initials", "priority", "sensitivity", "private", "gender", "emailtype", "emaildisplayname",
               "internetfreebusy", "directoryserver", "billinginformation", "mileage", "governmentidnumber",
               "organizationalidnumber",
               # ... in French, German, Spanish and Italian
               "priorite", "prioritat", "prioridad", "priorita", "prive", "privat", "privado", "privato", "sexe",
               "geschlecht", "sexo", "sesso", "sex", "initiales", "initialen", "iniciales", "iniziali",
               "typedemessagerie", "emailtyp", "tipodecorreoelectronico", "tipopostaelettronica",
               "nomcompletdeladressedemessagerie", "nombremostradodelcorreoelectronico",
               "nomevisualizzatopostaelettronica", "criteredediffusion", "vertraulichkeit", "confidencialidad",
               "riservatezza", "emailangezeigtername", "codegouvernement", "regierungsnr", "numerodeidoficial",
               "codicefiscale", "numerodidentificationdelorganisation", "organisationsnr",
               "numerodeidentificaciondelaorganizacion", "numeroidorganizzativo", "disponibiliteinternet",
               "internetfreigebucht", "disponibilitainternet", "serveurdannuaire", "verzeichnisserver",
               "servidordedirectorio", "serverdielenchiinlinea", "informationsfacturation", "abrechnungsinformation",
               "facturacion", "datifatturazione", "kilometrage", "reisekilometer", "kilometraje",
               "indennitatrasferta",
               # a shop program's figures and stamps, and tax numbers (not its points: the customer is owed those,
               # kept in the notes)
               "catotal", "cattc", "nbcommandes", "nbdevisites", "paniermoyen",
               "datedecreation", "dernieremodification", "dernierachat", "umsatzgesamt", "umsatzbrutto",
               "anzahlkaufe", "anzahlbesuche", "erstelltam", "geandertam",
               "letztereinkauf", "kundeseit", "totalcompras", "importetotal", "nopedidos", "novisitas", "ticketmedio",
               "fechadealta", "fechademodificacion", "ultimacompra", "totalespeso", "totaleacquisti",
               "nordini", "nvisite", "scontrinomedio", "dataregistrazione",
               "datamodifica", "ultimoacquisto", "partitaiva", "dni", "nif", "dninif", "ustidnr", "recordid",
               "createdate", "createdat", "updatedat", "datecreated", "lastmodified", "lastactivitydate", "created",
               "createdon", "profilecreatedon", "dateadded", "addedon", "addedtime", "modifiedtime", "modifiedon",
               "updatedon",
               "totalpurchases", "purchasecount", "averagespend", "uuid", "guid"),
    "customer_id": ("customerid", "id", "clientid", "customernumber", "customerno", "custid", "contactid",
                    "customercode", "kundennummer", "kundenid", "kundennr", "numeroclient", "idclient", "codeclient",
                    "numerodecliente", "idcliente", "codigodecliente", "codicecliente", "numerocliente",
                    "klantnummer", "klantid", "externalid", "referenceid", "accountnumber", "nclient", "noclient",
                    "ncliente", "nocliente", "codcliente", "codcli"),
}
_SYNONYM_OF = {key: target for target, keys in _SYNONYMS.items() for key in keys}

# Words that say whose address or number it is. Home words are dropped; work words make an address a note.
# (Outlook in Spanish writes "Ciudad de residencia", in Italian "Città (ab.)" and "Città (uff.)".)
_HOME_WORDS = frozenset({"home", "private", "personal", "privat", "prive", "domicile", "casa", "particular",
                         "personale", "thuis", "residential", "primary", "main", "default", "billing", "residencia",
                         "residencial", "ab"})
# A column that says a customer has none, or does not want one ("Do Not Email", "Pas d'email", "Sin email", "Kein
# Telefon", "Invalid email"): its yes or no is no address or number. (Not "no": "No Téléphone", "Nº Teléfono" number
# a phone.)
_NOT_WORDS = frozenset({"not", "pas", "sin", "kein", "keine", "nicht", "niet", "geen", "non", "sem", "senza", "nao",
                        "invalid", "invalide", "ungultig", "ungultige", "dont", "never", "jamais", "nunca"})
# Words that say which of a customer's emails or phones a column holds ("Adresse électronique principale",
# "Mobile perso"): left out only when what is left is an email or a phone ("Personnel ID" is a staff number)
_WHICH_CHANNEL = frozenset({"principal", "principale", "personnel", "personnelle", "perso", "privee", "personlich",
                            "privado", "privato", "pessoal", "secondary", "secondaire", "secundario"})
_WORK_WORDS = frozenset({"business", "work", "office", "company", "geschaftlich", "geschaftliche", "geschaftlicher",
                         "geschaftliches", "buro", "firma", "dienstlich", "dienstliche", "dienstlicher", "beruflich",
                         "berufliche", "beruflicher", "profesional", "laboral", "arbeit", "bureau", "travail",
                         "professionnel", "professionnelle", "pro", "trabajo", "oficina", "lavoro", "ufficio", "uff",
                         "trabalho", "escritorio", "werk", "zakelijk", "kantoor", "other", "shipping", "andere",
                         "autre", "otro", "altro", "outro", "overig", "weitere", "weiteres", "weiterer", "otra",
                         "altra", "autres"})
# Words that join the others ("Código postal de residencia", "País o región"), left out once a home or work word is
_JOINING_WORDS = frozenset({"de", "del", "di", "da", "do", "du", "des", "o", "ou", "y", "e", "of", "oder"})
# Work words that say "another" address, not a business's: taken after a business's
_OTHER_WORDS = frozenset({"other", "andere", "autre", "autres", "otro", "otra", "altro", "altra", "outro", "overig",
                          "weitere", "weiteres", "weiterer"})
ADDRESS_FIELDS = frozenset({"street", "house_number", "street2", "postal_code", "city", "region", "country",
                            "address"})
_TAIL_FIELDS = frozenset({"street", "street2", "postal_code", "city", "region", "country", "email", "phone",
                          "birthday"})
# A column that asks whether the customer wants mail, in words of its own ("Accepte de recevoir des emails",
# "Marketing e-mail", "SMS Marketing Consent", "Newsletter-Anmeldung"): their consent to emails or to SMS, not an
# address; with words of leaving ("Email Opt Out", "Unsubscribed from all email"), their email consent taken back
_CONSENT_WORDS = frozenset({
    "consent", "consents", "consented", "consentement", "consentimiento", "consenso", "consentimento", "toestemming",
    "einwilligung", "subscribe", "subscribed", "subscription", "abonne", "abonnement", "newsletter", "newsletters",
    "nieuwsbrief", "marketing", "werbung", "suscrito", "suscripcion", "iscritto", "iscrizione", "boletin",
    "promotions", "promotional", "subscriber", "permission", "permissions", "advertising", "publicidad", "publicite",
    "pubblicita", "publicidade", "reclame", "promociones", "promozioni", "promocoes"})
# ... and words that ask it with a channel's name beside them ("Acepta recibir correos")
_ASKING_WORDS = frozenset({
    "accept", "accepts", "accepte", "acceptez", "accepted", "agree", "agrees", "agreed", "acepta", "aceptar",
    "aceita", "aceitar", "accetta", "accettare", "akkoord", "recevoir", "receive", "receives", "recibir", "receber",
    "ricevere", "ontvangen", "erhalten", "inscrit", "inscription", "anmeldung", "angemeldet", "ok", "wants"})
_EMAIL_WORDS = frozenset({"email", "emails", "mail", "mails", "mailing", "mailings", "courriel", "courriels",
                          "correo", "correos", "newsletter", "newsletters"})
_LEAVING_WORDS = frozenset({"unsubscribe", "unsubscribed", "optout", "optedout", "desabonne", "desinscrit",
                            "abgemeldet", "abmeldung", "afgemeld", "uitgeschreven", "disiscritto", "descadastrado",
                            "blacklisted", "blocklisted", "suppressed"})
_SMS_WORDS = frozenset({"sms", "text", "texts", "texting", "texto", "textos"})
# ... unless the column says when, where from, or where to: "Marketing Consent Date", "Marketing Source",
# "Mailing Address"; or is a list's title ("Newsletter subscribers"); or asks no marketing consent
_WHEN_WORDS = frozenset({"date", "datum", "fecha", "data", "time", "timestamp", "at", "on", "le", "am"})
_NOT_CONSENT = _WHEN_WORDS | frozenset({
    "source", "quelle", "origine", "origen", "fonte", "bron", "address", "adresse", "adres", "direccion", "indirizzo",
    "endereco", "anschrift", "id", "list", "name", "subscribers", "members", "contacts", "customers", "clients",
    "abonnes", "kunden",
    # ... or the consent a shop must ask before keeping someone's data at all (Italy's "Consenso privacy")
    "privacy", "gdpr", "rgpd", "dsgvo", "datenschutz", "datenverarbeitung", "trattamento", "dati", "datos",
    "dados", "donnees", "traitement", "tratamiento", "processing", "gegevens", "verwerking"})
_WORD = re.compile(r"[^\W_]+")  # (of any alphabet: "Имя", "メールアドレス")
_DIGITS = re.compile(r"\d+")


def fold(text: str) -> str:
    """Text in lower case without accents, as words are compared: "Payée" -> "payee", "Straße" -> "strasse"."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "ss")).lower()
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _words(header: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(header)))


def header_words(header: str) -> tuple[str, ...]:
    """A header's words as synonyms are written: "E-Mail Kunde" -> ("e", "mail", "kunde")."""
    return _words(header)


def header_key(header: str) -> str:
    """A header as synonyms are written: "E-Mail-Adresse (privat)" -> "emailadresseprivat"."""
    return "".join(_words(header))


# A vCard's properties, as a phone's or a converter's CSV names its columns ("FN", "EMAIL;INTERNET", "TEL;CELL",
# "item1.ADR;type=HOME"): the property before its parameters
_VCARD = re.compile(r"(?:item\d+\.)?([A-Za-z]+)(?:;.*)?")
_VCARD_FIELDS = {"FN": "full_name", "EMAIL": "email", "TEL": "phone", "BDAY": "birthday", "ORG": "company",
                 "ADR": "address", "NOTE": "notes", "CATEGORIES": "tags"}


def _generic_field(header: str) -> str:
    words = _words(header)
    if not header.strip():
        return "note"  # typed under no header: kept as "Column N: value"
    vcard = _VCARD.fullmatch(header.strip())
    if vcard and vcard.group(1) in _VCARD_FIELDS and vcard.group(1) != header.strip():
        return _VCARD_FIELDS[vcard.group(1)]  # (with its parameters: "EMAIL;INTERNET"; a bare "FN", see _settle)
    if not words:  # "#": no word at all
        return "ignore"
    whole = "".join(words)
    if whole in _SYNONYM_OF:
        return _SYNONYM_OF[whole]
    consent = _consent_field(words)
    if consent:
        return consent
    if len(words) > 1 and words[0] in WHOSE_WORDS:  # "Person - Name", "Customer Group", "Contact Notes"
        field = _generic_field(" ".join(words[1:]))
        if field not in ("note", "ignore"):
            return field
    if len(words) > 1 and words[0] in _LABEL_COLUMN_WORDS and _generic_field(" ".join(words[1:])) in ("phone", "email"):
        return "note"  # what kind of number or address the column beside is: "Type de téléphone", "Tipo de email"
    if any(w in _NOT_WORDS for w in words):
        return "note"
    work = any(w in _WORK_WORDS for w in words)
    kept = [w for w in words if w not in _HOME_WORDS and w not in _WORK_WORDS] or list(words)
    if len(kept) < len(words):
        kept = [w for w in kept if w not in _JOINING_WORDS] or kept
    candidates = ["".join(kept), _DIGITS.sub("", "".join(kept))]
    # "Address 1 - City", "Billing City", "Mobile Phone Number": the last words may say it
    candidates += [_DIGITS.sub("", "".join(kept[i:])) for i in range(1, len(kept))]
    for n, candidate in enumerate(candidates):
        target = _SYNONYM_OF.get(candidate)
        if target and (n < 2 or target in _TAIL_FIELDS):
            if work and target in ADDRESS_FIELDS:
                return "note"  # a work address goes to the notes, the home one is the address
            if work and target in ("first_name", "last_name", "full_name"):
                return "note"
            return target
    which = "".join(w for w in kept if w not in _WHICH_CHANNEL)
    if which and _SYNONYM_OF.get(which) in ("email", "phone"):
        return _SYNONYM_OF[which]
    return "note"


def _consent_field(words: tuple[str, ...]) -> str | None:
    """The consent a header asks for in words of its own (_CONSENT_WORDS), or takes back; None for any other."""
    joined = {a + b for a, b in zip(words, words[1:])}  # ("opt out", "opted out")
    sms = not _SMS_WORDS.isdisjoint(words)
    email = not _EMAIL_WORDS.isdisjoint(words) or "emails" in joined or "email" in joined
    leaving = not _LEAVING_WORDS.isdisjoint(words) or not _LEAVING_WORDS.isdisjoint(joined)
    refusing = ({"do", "not"} <= set(words) and (email or sms)  # ("Do Not Call" is a note: calls are no marketing)
                or not _CONSENT_WORDS.isdisjoint(words)  # "No marketing", "Keine Werbung" ("No Portable": a number)
                and ("no" in words or not _NOT_WORDS.isdisjoint(words)))
    # when they left says they did ("Email Opt-Out Date"); when they agreed says nothing of a "yes"
    if _NOT_CONSENT.difference(_WHEN_WORDS if leaving or refusing else ()).intersection(words):
        return None
    if leaving or refusing:
        return None if sms and email else "sms_unsubscribed" if sms else "unsubscribed"  # (of both: a note)
    if _NOT_WORDS.intersection(words):
        return None
    if not _CONSENT_WORDS.isdisjoint(words) or not _ASKING_WORDS.isdisjoint(words) and (email or sms):
        return "sms_consent" if sms else "email_consent"
    return None


def _part_words(header: str) -> tuple[str, ...]:
    """A header's words but those that say whose address it is: "Business Street 3" and "Home Street 3" ->
    ("street", "3")."""
    kept = [w for w in _words(header) if w not in _HOME_WORDS and w not in _WORK_WORDS]
    return tuple(w for w in kept if w not in _JOINING_WORDS) or tuple(kept)


def second_addresses(headers: list[str], fields: list[str]) -> list[tuple[str, dict[int, str]]]:
    """The addresses besides the home one that a layout keeps in the notes, a business's first, then where orders
    are shipped, then any other: each as whose it is ("business", "shipping", "other"), and its columns and the part
    of an address each holds, as the home address's column of that name has it ("Business Street 3" is a street2 as
    "Home Street 3" is; "Work Address" a street as Thunderbird's "Home Address" is). A row with no home address
    takes the first of them it has as its address (cleaning.RowCleaner): a business customer's Outlook card has only
    its business address."""
    home: dict[tuple[str, ...], str] = {}
    for header, target in zip(headers, fields):
        if target in ADDRESS_FIELDS:
            home.setdefault(_part_words(header), target)
    groups: dict[str, dict[int, str]] = {"business": {}, "shipping": {}, "other": {}}
    for i, (header, target) in enumerate(zip(headers, fields)):
        whose = {w for w in _words(header) if w in _WORK_WORDS}
        if target != "note" or not whose:
            continue
        part = _part_words(header)
        part_field = home.get(part) or (_generic_field(" ".join(part)) if part else None)
        if part_field in ADDRESS_FIELDS:
            group = "other" if whose & _OTHER_WORDS else "shipping" if "shipping" in whose else "business"
            groups[group][i] = part_field
    return [(whose, columns) for whose, columns in groups.items() if columns]


# the parts of Google's (and a vCard's) numbered addresses ("Address 2 - City"), as the first one's are mapped
_NUMBERED_ADDRESS = re.compile(r"(Address \d+) - (Street|Extended Address|PO Box|City|Region|Postal Code|Country"
                               r"|Formatted|Label|Type)")
_NUMBERED_PARTS = {"Street": "street", "Extended Address": "street2", "PO Box": "street2", "City": "city",
                   "Region": "region", "Postal Code": "postal_code", "Country": "country", "Formatted": "address"}


def numbered_addresses(headers: list[str], fields: list[str]) -> list[tuple[str, int | None, dict[int, str]]]:
    """Google's numbered addresses that a mapping keeps in the notes ("Address 2 - Street", "Address 2 - City"…):
    each as its name ("Address 2"), its label's column ("Address 2 - Label": "Work") if it has one, and its columns
    with the part of an address each holds."""
    groups: dict[str, tuple[list[int], dict[int, str]]] = {}
    for i, (header, target) in enumerate(zip(headers, fields)):
        if m := _NUMBERED_ADDRESS.fullmatch(header.strip()):
            labels, columns = groups.setdefault(m.group(1), ([], {}))
            if m.group(2) in ("Label", "Type"):
                labels.append(i)
            elif target == "note":
                columns[i] = _NUMBERED_PARTS[m.group(2)]
    return [(name, labels[0] if labels else None, columns) for name, (labels, columns) in groups.items() if columns]


# --- sales files -----------------------------------------------------------------------------------

# The fields a purchases file can have, and header names that mean them, as header_key writes a
# header: lower case, without accents, spaces or punctuation ("Invoice No." is "invoiceno", "N° de ticket" is
# "ndeticket", "Währung" is "wahrung"). English first, then French, German, Spanish, Italian, Portuguese and
# Dutch. A name belongs to one field only; of two columns that mean the same field, the one whose name comes
# first here is used.
SALES_HEADERS = {
    "date": ("invoicedate", "date", "orderdate", "purchasedate", "saledate", "salesdate", "transactiondate",
             "createdat", "created", "createdutc", "createddate", "datetime", "paidat", "processedat",
             "datedevente", "datedachat", "datedelavente", "datefacture", "datedefacture", "dateetheure",
             "dateheure",
             "datum", "verkaufsdatum", "kaufdatum", "belegdatum", "rechnungsdatum", "datumuhrzeit",
             "fecha", "fechadeventa", "fechadecompra", "fechafactura", "fechadefactura", "fechayhora", "fechahora",
             "data", "datadivendita", "datavendita", "datadiacquisto", "dataacquisto", "datafattura", "dataeora",
             "datadavenda", "datadacompra", "datahora",
             "verkoopdatum", "aankoopdatum", "factuurdatum", "datumtijd"),
    "reference": ("invoiceno", "invoice", "invoicenumber", "invoiceid", "receipt", "receiptno", "receiptnumber",
                  "ordernumber", "orderno", "orderid", "order", "reference", "ref", "transactionid", "ticket",
                  "ticketno", "ticketnumber", "saleid", "salenumber",
                  "nticket", "ndeticket", "noticket", "nodeticket", "numeroticket", "numerodeticket", "ticketn",
                  "nfacture", "ndefacture", "nodefacture", "numerofacture", "numerodefacture", "facture",
                  "ncommande", "ndecommande", "numerocommande", "numerodecommande", "commande",
                  "nofacture", "nodeticket",
                  "belegnummer", "belegnr", "beleg", "bonnummer", "bonnr", "bon", "rechnungsnummer", "rechnungsnr",
                  "kassenbon", "kassenbonnummer", "kassenbonnr", "quittung", "quittungsnummer", "quittungsnr",
                  "transaktionsnummer", "transaktionsid", "transaktionsnr",
                  "nofactura", "nodefactura", "nofatura", "nodefatura", "norecibo", "noderecibo",
                  "rechnung", "bestellnummer", "bestellnr", "referenz",
                  "numerodefactura", "numerofactura", "nfactura", "ndefactura", "factura", "numerodepedido",
                  "pedido", "numerorecibo", "numeroderecibo", "referencia",
                  "numeroscontrino", "nscontrino", "scontrino", "numerofattura", "nfattura", "fattura",
                  "numeroordine", "nordine", "ordine", "riferimento", "rif",
                  "numerodorecibo", "recibo", "numerodafatura", "numerofatura", "fatura", "notafiscal",
                  "numerodanotafiscal", "numerodopedido", "cupomfiscal",
                  "kassabon", "factuurnummer", "factuurnr", "factuur", "ordernummer", "bestelnummer", "referentie",
                  "transactienummer", "npiece", "ndepiece", "nopiece", "numeropiece", "numerodepiece", "ndocument",
                  "numerodocument", "numerodedocument", "dokumentnummer", "ndocumento", "numerodocumento",
                  "numerodedocumento", "nodocumento", "nodedocumento", "nodocument", "documentnummer",
                  "id"),  # last: a bare "id" in a sales file is the sale's (Stripe's)
    "time": ("time", "saletime", "transactiontime", "heure", "uhrzeit", "zeit", "hora", "ora", "tijd"),
    "amount": ("amount", "total", "totalamount", "grandtotal", "ordertotal", "ordertotalamount", "totalprice", "sales",
               "netsales", "grosssales", "sum", "gross",
               "montant", "montantttc", "totalttc", "montanttotal", "montanttotalttc", "prixtotal", "prixtotalttc",
               "netapayer", "totalapayer",
               "betrag", "gesamtbetrag", "bruttobetrag", "betragbrutto", "summe", "gesamtsumme", "gesamtpreis",
               "endbetrag", "gesamt", "umsatzbrutto", "umsatzbr", "umsbrutto", "preisbrutto", "rechnungsbetrag",
               "endpreis",
               "importe", "importetotal", "monto", "montototal", "preciototal", "totalconiva", "totalfactura",
               "totalticket", "totalrecibo",
               "importo", "importototale", "totale", "prezzototale", "totaledocumento", "totalefattura",
               "totalescontrino",
               "valor", "valortotal", "montante", "precototal", "totalfatura",
               "bedrag", "totaal", "totaalbedrag", "totaalprijs", "bedraginclbtw", "totaalinclbtw"),
    "quantity": ("quantity", "qty", "lineitemquantity", "units",
                 "quantite", "qte",
                 "menge", "anzahl", "stuck", "stuckzahl",
                 "cantidad", "cant",
                 "quantita", "qta",
                 "quantidade", "qtd", "qtde",
                 "aantal"),
    "unit_price": ("unitprice", "price", "lineitemprice", "itemprice", "priceeach", "itemcost",
                   "prix", "prixunitaire", "prixunitairettc", "pu", "puttc",
                   "einzelpreis", "stuckpreis", "preis", "preisprostuck", "einzelvkbr", "einzelvkbrutto",
                   "precio", "preciounitario", "preciounidad", "preciounit", "valorunitario",
                   "prezzo", "prezzounitario",
                   "preco", "precounitario",
                   "prijs", "stukprijs", "prijsperstuk", "eenheidsprijs"),
    "description": ("description", "itemname", "itemtitle", "productname", "lineitemname", "item", "product",
                    "article",
                    "designation", "libelle", "produit",
                    "artikel", "bezeichnung", "artikelbezeichnung", "produkt", "beschreibung",
                    "descripcion", "producto", "articulo", "concepto",
                    "descrizione", "prodotto", "articolo",
                    "descricao", "produto", "artigo",
                    "omschrijving", "beschrijving"),
    "type": ("type", "transactiontype", "receipttype", "saletype", "documenttype", "eventtype", "linetype", "typ",
             "bontyp", "belegtyp", "belegart", "transaktionstyp", "buchungstyp", "typedeticket", "typedevente",
             "typedetransaction", "typedoperation", "tipodetransaccion", "tipoditransazione", "tipodetransacao",
             "transactietype", "typededocument", "typedocument", "typedepiece", "typepiece", "dokumentart",
             "dokumenttyp", "tipodedocumento", "tipodocumento", "tipodidocumento", "documentsoort"),
    # What was paid back of the sale (Shopify's "Refunded Amount", Stripe's "Amount Refunded", Square's "Partial
    # Refunds"): the sale is recorded whole, and a refund of that much linked to it.
    "refunded": ("refundedamount", "amountrefunded", "refunded", "refundamount", "refunds", "partialrefunds",
                 "partialrefund", "totalrefunded", "orderrefundamount", "refundtotal",
                 "montantrembourse", "rembourse", "remboursement", "remboursements", "montantremboursement",
                 "erstattungsbetrag", "erstattet", "erstattung", "ruckerstattung", "ruckerstattet",
                 "erstatteterbetrag",
                 "importereembolsado", "reembolsado", "reembolso", "montoreembolsado",
                 "importorimborsato", "rimborsato", "rimborso",
                 "valorreembolsado", "reembolsada",
                 "terugbetaald", "terugbetaaldbedrag", "terugbetaling"),
    # Whether the sale was paid, yes or no, or how much of it was: a sale not paid, or not all of it, is owed
    "paid": ("paid", "ispaid", "amountpaid", "paidamount", "totalpaid", "paye", "payee", "montantpaye", "regle",
             "bezahlt", "bezahlterbetrag", "pagado", "pagada", "importepagado", "pagato", "pagata", "importopagato",
             "pago", "paga", "valorpago", "betaald", "betaaldbedrag"),
    # Whether the sale was voided, yes or no (a till's "Voided" column): a voided sale is not recorded
    "voided": ("voided", "void", "isvoided", "annulee", "annule", "venteannulee", "storniert", "anulada", "anulado",
               "annullato", "annullata", "geannuleerd", "storno", "cancelled", "canceled", "iscancelled",
               "iscanceled"),
    # What the customer still owes of the sale (Shopify's "Outstanding Balance"): paid in part, or not at all
    "outstanding": ("outstandingbalance", "outstandingamount", "amountoutstanding", "balancedue", "amountdue",
                    "dueamount", "leftdue", "resteapayer", "restantdu", "montantrestantdu", "resteadu",
                    "offenerbetrag", "restbetrag", "ausstehend", "ausstehenderbetrag", "importependiente",
                    "saldopendiente", "importodovuto", "residuo", "valorpendente", "valoremdivida",
                    "openstaandbedrag", "openstaand"),
    # The day an unpaid sale (an invoice) is to be paid by: names that say a day, not a term ("Zahlungsziel", "14
    # days") nor an amount ("Payment due")
    "due_date": ("duedate", "datedue", "paymentduedate", "dueon", "dueby",
                 "dateecheance", "datedecheance", "dateecheancepaiement",
                 "falligkeitsdatum", "falligam",
                 "fechadevencimiento", "fechavencimiento",
                 "datascadenza", "datadiscadenza",
                 "datadevencimento", "datavencimento",
                 "vervaldatum"),
    # What is left of the sale after its refunds (Etsy's "Adjusted Order Total", empty when nothing was refunded)
    "after_refunds": ("adjustedordertotal", "adjustedtotal", "totalafterrefunds", "amountafterrefunds",
                      "montantapresremboursement", "betragnacherstattung"),
    # smallcrm's own purchases export: each purchase's number, on each of its rows (a row per item), and the number
    # of the sale a refund pays back
    "purchase_number": ("purchaseid",),
    "refund_of": ("refundof",),
    # The till a receipt was rung up on ("Register", "Kasse", "Caisse"): two tills may each number their receipts
    # from 1, and then the till tells two receipts of one number apart
    "register": ("register", "registername", "registerid", "registernumber", "registerno", "till", "tillname",
                 "tillnumber", "tillno", "tillid", "terminal", "terminalid", "terminalname", "devicename", "pos",
                 "posname", "workstation", "outlet", "outletname",
                 "caisse", "numerodecaisse", "numerocaisse", "ncaisse", "ndecaisse", "nomdecaisse",
                 "kasse", "kassenname", "kassennummer", "kassennr", "kassenid",
                 "caja", "numerodecaja", "numerocaja", "terminalpos",
                 "cassa", "numerocassa", "numerodicassa",
                 "caixa", "numerodacaixa", "numerocaixa",
                 "kassa", "kassanummer", "kassanr"),
    "currency": ("currency", "currencycode", "ordercurrency", "paymentcurrency", "transactioncurrency",
                 "salecurrency", "devise", "monnaie", "wahrung", "moneda", "divisa", "valuta", "moeda"),
    "status": ("paymentstatus", "financialstatus", "status", "orderstatus",
               "statut", "statutdupaiement", "statutpaiement", "etatdupaiement",
               "zahlungsstatus",
               "estadodelpago", "estadopago",
               "statopagamento", "statodelpagamento",
               "estadodopagamento", "statusdopagamento", "situacaodopagamento",
               "betaalstatus", "betalingsstatus"),
    # (WooCommerce's "Payment Method Title", "Direct bank transfer", before its "Payment Method", "bacs")
    "payment_method": ("paymentmethodtitle", "paymentmethod", "paymenttype", "tender", "payment",
                       "moyendepaiement", "modedepaiement", "modedereglement", "reglement", "paiement",
                       "typedepaiement",
                       "zahlungsart", "zahlungsmethode", "zahlweise", "bezahlart",
                       "metododepago", "formadepago", "mediodepago", "tipodepago",
                       "metododipagamento", "modalitadipagamento", "tipodipagamento", "pagamento",
                       "formadepagamento", "metododepagamento", "meiodepagamento", "tipodepagamento",
                       "betaalmethode", "betaalwijze", "betalingswijze", "betaalmiddel"),
    "email": ("email", "emailaddress", "customeremail", "billingemail", "mail",
              "emailclient", "mailclient", "courriel", "adresseemail",
              "emailadresse", "kundenemail",
              "correo", "correoelectronico", "emailcliente", "emaildelcliente",
              "emaildocliente",
              "emailadres", "emailklant"),
    "phone": ("phone", "phonenumber", "customerphone", "billingphone", "mobile", "telephone",
              "tel", "telephoneclient", "portable",
              "telefon", "telefonnummer", "handy", "mobil",
              "telefono", "movil", "celular", "cellulare",
              "telefone", "telemovel",
              "telefoon", "telefoonnummer", "mobiel", "gsm", "natel", "cellulaire"),
    # A line's discount beside its quantity and unit price, an amount or a percentage ("Discount", "Remise %"):
    # taken off the line when the row gives no amount of its own (one that does is after its discount)
    "discount": ("discount", "discounts", "discountamount", "linediscount", "itemdiscount", "lineitemdiscount",
                 "discountvalue", "discountpercent", "discountpercentage", "discountrate",
                 "remise", "montantremise", "remiseligne", "tauxderemise", "reduction",
                 "rabatt", "rabattbetrag", "rabattprozent", "nachlass", "preisnachlass",
                 "descuento", "importedescuento", "porcentajedescuento", "dto",
                 "sconto", "importosconto", "percentualesconto",
                 "desconto", "valordesconto", "percentualdesconto",
                 "korting", "kortingsbedrag", "kortingspercentage"),
    "ignore": ("title", "nameprefix", "prefix", "salutation", "anrede", "civilite", "titre", "tratamiento",
               "titolo", "aanhef", "totalspent", "totalspend", "lifetimespend", "lifetimevalue", "totalorders",
               "orders", "ordercount", "numberoforders", "transactioncount", "visits", "visitcount", "firstvisit",
               "lastvisit", "lastorder", "lastorderdate", "aov", "averageordervalue", "lastactive", "rating",
               "memberrating"),
    "customer_id": ("customerid", "customerno", "customernumber", "customercode", "clientid", "clientno",
                    "accountnumber", "memberid", "loyaltyid",
                    "numeroclient", "numerodeclient", "nclient", "ndeclient", "noclient", "codeclient", "idclient",
                    "kundennummer", "kundennr", "kundenid", "kundeid",
                    "numerodecliente", "numerocliente", "idcliente", "codigodecliente", "codigocliente",
                    "codicecliente", "codigodocliente",
                    "klantnummer", "klantnr", "klantid"),
    "name": ("customer", "customername", "name", "billingname", "client", "clientname", "fullname",
             "nomclient", "nomduclient", "nomcomplet",
             "kunde", "kundenname", "kundename",
             "cliente", "nombrecliente", "nombredelcliente", "nombrecompleto",
             "nomecliente", "nomedocliente", "nomecompleto",
             "klant", "klantnaam", "naam",
             "billingfullname", "shipname", "shippingname", "cardname", "cardholdername"),  # last: who paid, or got it
    "first_name": ("firstname", "givenname", "billingfirstname", "prenom", "vorname", "nombre", "nome", "voornaam"),
    "last_name": ("lastname", "surname", "familyname", "billinglastname", "nom", "nachname", "apellido", "apellidos",
                  "cognome", "sobrenome", "apelido", "achternaam"),
    "last_name_prefix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),  # ("van der" Berg)
    "country": ("country", "countryregion", "pays", "land", "pais", "paese"),
}


_SALES_KEYS = frozenset(name for names in SALES_HEADERS.values() for name in names)


def names_a_field(header: str) -> bool:
    """Whether a header is a name the import knows a column by: a customer list's (a synonym's, or a preset's
    header) or a sales file's. A title line above a table names none; its header names several."""
    if not header.strip():
        return False
    key = header_key(header)
    return (key in _SALES_KEYS or _generic_field(header) not in ("ignore", "note")
            or any(_shape(header) in _preset_shapes(name) for name in PRESETS))


# Headers in other alphabets (and Turkish), as Excel and phones in those languages write them; each is looked for
# as header_key makes it. Russian, Ukrainian, Greek, Hebrew, Arabic, Turkish, Japanese, Chinese (simplified and
# traditional), Korean, Thai.
_OTHER_LANGUAGES = {
    "first_name": "Имя|Ім'я|Όνομα|שם פרטי|الاسم الأول|الاسم الاول|Ad|Adı|名|이름|ชื่อ",
    "last_name": "Фамилия|Прізвище|Επώνυμο|שם משפחה|اسم العائلة|الكنية|Soyad|Soyadı|姓|성|นามสกุล",
    "full_name": "ФИО|Ф.И.О.|Ім'я та прізвище|Ονοματεπώνυμο|שם מלא|שם|الاسم|الاسم الكامل|Ad Soyad|Adı Soyadı|"
                 "İsim|氏名|名前|お名前|姓名|성명|ชื่อ-นามสกุล|ชื่อ นามสกุล",
    "company": "Компания|Организация|Компанія|Організація|Εταιρεία|חברה|الشركة|Şirket|会社|会社名|公司|公司名称|"
               "회사|회사명|บริษัท",
    "email": "Эл. почта|Электронная почта|Адрес электронной почты|Електронна пошта|Ел. пошта|"
             "Ηλεκτρονικό ταχυδρομείο|דוא\"ל|דואר אלקטרוני|אימייל|البريد الإلكتروني|البريد الالكتروني|E-posta|"
             "メール|メールアドレス|Eメール|Eメールアドレス|電子メール|电子邮件|电子邮箱|邮箱|電子郵件|電郵|"
             "이메일|이메일 주소|전자우편|อีเมล",
    "phone": "Телефон|Мобильный|Мобильный телефон|Номер телефона|Мобільний|Τηλέφωνο|Κινητό|טלפון|נייד|טלפון נייד|"
             "الهاتف|رقم الهاتف|الجوال|رقم الجوال|الموبايل|Cep Telefonu|Telefon Numarası|電話|電話番号|携帯|"
             "携帯電話|携帯番号|电话|电话号码|手机|手机号|手机号码|联系电话|電話號碼|手機|手機號碼|전화|전화번호|휴대폰|"
             "휴대전화|핸드폰|โทรศัพท์|เบอร์โทร|เบอร์โทรศัพท์|มือถือ",
    "street": "Адрес|Улица|Адреса|Вулиця|Διεύθυνση|Οδός|כתובת|רחוב|العنوان|الشارع|Adres|住所|地址|详细地址|주소|"
              "ที่อยู่",
    "postal_code": "Индекс|Почтовый индекс|Поштовий індекс|Ταχυδρομικός κώδικας|Τ.Κ.|מיקוד|الرمز البريدي|"
                   "Posta Kodu|郵便番号|邮编|邮政编码|郵遞區號|우편번호|รหัสไปรษณีย์",
    "city": "Город|Місто|Πόλη|עיר|ישוב|المدينة|Şehir|市区町村|城市|도시|เมือง",
    "region": "Область|Регион|Край|Νομός|Περιοχή|المنطقة|都道府県|省|省份|도|จังหวัด",
    "country": "Страна|Країна|Χώρα|מדינה|الدولة|البلد|Ülke|国|国家|國家|국가|ประเทศ",
    "birthday": "Дата рождения|День рождения|Дата народження|Ημερομηνία γέννησης|תאריך לידה|تاريخ الميلاد|"
                "Doğum Tarihi|誕生日|生年月日|生日|出生日期|생일|생년월일|วันเกิด",
    "notes": "Примечание|Примечания|Заметки|Комментарий|Примітки|Σημειώσεις|הערות|ملاحظات|Notlar|Açıklama|メモ|"
             "備考|备注|備註|메모|비고|หมายเหตุ",
}
for _field, _headers in _OTHER_LANGUAGES.items():
    for _header in _headers.split("|"):
        _SYNONYM_OF.setdefault(header_key(_header), _field)


# --- presets -------------------------------------------------------------------------------------

def _shape(header: str) -> str:
    """A header with its numbers made alike, so "Phone 9 - Value" matches "Phone 1 - Value"."""
    return _DIGITS.sub("#", header_key(header))


@cache
def _preset_shapes(name: str) -> frozenset[str]:
    return frozenset(_shape(h) for h in PRESETS[name].headers if h)


def preset_scores(headers: list[str]) -> dict[str, float]:
    """How well each preset's header row matches (1.0: the same columns), by the Jaccard index."""
    shapes = frozenset(_shape(h) for h in headers if h.strip())
    scores = {}
    for name in PRESETS:
        known = _preset_shapes(name)
        if known and shapes:
            scores[name] = len(shapes & known) / len(shapes | known)
    return scores


def detect_preset(headers: list[str]) -> str:
    """The preset whose layout the header row is, or "generic" when none fits well."""
    scores = preset_scores(headers)
    if not scores:
        return "generic"
    name, score = max(scores.items(), key=lambda item: item[1])
    return name if score >= 0.5 else "generic"


def auto_map(headers: list[str], preset: str = "auto") -> list[str]:
    """A target field for each column: the preset's choice, else a synonym's, else "ignore"."""
    if preset == "auto":
        preset = detect_preset(headers)
    if preset not in PRESETS:
        raise InvalidValue("preset", preset, "preset", "one of " + ", ".join(PRESETS))
    chosen = PRESETS[preset]
    fields = []
    for header in headers:
        target = chosen.field_for(header.strip()) if preset != "generic" else None
        fields.append(target or _generic_field(header))
    return _settle(headers, fields, preset)


# Parts of names of a last name's column that the synonyms do not know ("Ap. Paterno", "Cognome/Ragione sociale"):
# beside one, a lone "Nombre" or "Nome" is the first name
_SURNAME_PARTS = ("apell", "cognom", "sobrenom", "apelid", "paterno", "materno", "famil", "surname", "lastname")


_MONTH_WORDS = frozenset({"month", "mois", "monat", "mes", "mese", "maand"})
_DAY_WORDS = frozenset({"day", "jour", "tag", "dia", "giorno", "dag"})


def _settle(headers: list[str], fields: list[str], preset: str = "generic") -> list[str]:
    """Context the single headers do not give: a lone "Name" beside a first name is the last name, a Spanish or
    Portuguese "Nombre" or "Nome" with no last name beside it, and a French "Nom" with no first name (nor whole
    name) beside it, are the whole name ("Dupont, Marie", "Marie Dupont")."""
    if fields.count("birthday") > 1:  # Spanish Outlook's "Aniversario" is the wedding's, beside "Cumpleaños"
        for i, header in enumerate(headers):
            if fields[i] == "birthday" and header_key(header) == "aniversario":
                fields[i] = "note"
    keys = [header_key(h) for h in headers]
    if "fn" in keys and "ln" in keys:  # a spreadsheet's "FN" and "LN": first and last name (not a vCard's whole name)
        fields[keys.index("fn")], fields[keys.index("ln")] = "first_name", "last_name"
    else:  # a vCard's properties, bare, in a file of several of them ("FN", "BDAY", "ADR"; alone, "FN" may be a
        # company's register number)
        bare = [i for i, h in enumerate(headers) if h.strip() in _VCARD_FIELDS]
        if len(bare) >= 2 and "FN" in (headers[i].strip() for i in bare):
            for i in bare:
                fields[i] = _VCARD_FIELDS[headers[i].strip()]
    if "birth_year" in fields:  # Thunderbird's birthday in three columns, their headings in the user's language:
        # "Geburtsjahr", "Geburtsmonat", "Geburtstag" (the day, beside them), "Année de naissance", "Mois", "Jour"
        for i in range(fields.index("birth_year") + 1, min(fields.index("birth_year") + 3, len(fields))):
            key = header_key(headers[i])
            for part, words in (("birth_month", _MONTH_WORDS), ("birth_day", _DAY_WORDS)):
                if part not in fields and (key in words or part == "birth_day" and fields[i] == "birthday") and (
                        part == "birth_month" or "birth_month" in fields):  # (a day beside a month: "Tag" is a tag)
                    fields[i] = part
    if "first_name" in fields and "last_name" not in fields:
        for i, (header, target) in enumerate(zip(headers, fields, strict=True)):
            if target == "full_name" and header_key(header) in ("name", "naam"):
                fields[i] = "last_name"
                break
    if preset == "generic" and "first_name" in fields and not ({"last_name", "full_name"} & set(fields)) and not any(
            part in header_key(h) for h in headers for part in _SURNAME_PARTS):
        for i, (header, target) in enumerate(zip(headers, fields, strict=True)):
            if target == "first_name" and header_key(header) in ("nombre", "nome"):
                fields[i] = "full_name"  # (alone, the Spanish and Portuguese "Nombre", "Nome" is the whole name)
                break
    if "first_name" not in fields and "full_name" not in fields and not any(
            "prenom" in header_key(h) for h in headers):  # (a first name column of a heading not known: "Prénom 1")
        for i, (header, target) in enumerate(zip(headers, fields, strict=True)):
            if target == "last_name" and header_key(header) == "nom":
                fields[i] = "full_name"
                break
    if preset == "generic":
        _one_address(headers, fields)
    for j in label_columns(headers, [i for i, target in enumerate(fields) if target in ("phone", "email")]).values():
        if fields[j] == "note":
            fields[j] = "ignore"  # (read with its phone or email: what kind of number or address it is)
    return fields


def _one_address(headers: list[str], fields: list[str]) -> None:
    """Where orders are shipped and the customer's own address (home, billing or unmarked), in one file: the own
    is the address, the shipping columns go to the notes (a row with no own address takes them, second_addresses);
    a street of one and a city of the other would be no one's address. A file with only a shipping address has it
    as the address, every part ("Shipping Street" as "Shipping City" is)."""
    shipping = [i for i, header in enumerate(headers) if "shipping" in _words(header)]
    if not shipping:
        return
    if any(target in ADDRESS_FIELDS for i, target in enumerate(fields) if i not in shipping):
        for i in shipping:
            if fields[i] in ADDRESS_FIELDS:
                fields[i] = "note"
        return
    taken = {fields[i] for i in shipping if fields[i] in ADDRESS_FIELDS}
    for i in shipping:
        part = _part_words(headers[i])
        target = _generic_field(" ".join(part)) if fields[i] == "note" and part else None
        if target in ADDRESS_FIELDS and target not in taken:
            fields[i] = target
            taken.add(target)


# The word after a phone or email column's name, or before it, that names the column of its label ("Phone 2
# label", "Mobile Type", "Type de téléphone", "E-mail 1 - Label")
_LABEL_COLUMN_WORDS = frozenset({"label", "type", "kind", "typ", "art", "etiquette", "tipo", "soort", "libelle"})
# ... and at the end of one word, as German and Dutch write it ("Telefontyp", "Telefonart", "Telefoontype")
_LABEL_ENDINGS = re.compile(r"(\w{3,}?)(?:typ|type|art|soort|label)")


def label_columns(headers: list[str], columns: list[int]) -> dict[int, int]:
    """Each of the phone or email columns `columns` whose label is in a column of its own, and that column: the
    one named as it is with a word for label after it ("Phone 2" and "Phone 2 label", as a contacts CSV of this
    program writes them; "Phone" and "Phone Type"; Google's "Phone 1 - Value" and "Phone 1 - Label", "E-mail 1 -
    Value" and "E-mail 1 - Label"), or before it ("Téléphone" and "Type de téléphone"), or in one word with it
    ("Telefon" and "Telefontyp")."""
    named = {_words(h): i for i, h in enumerate(headers)}
    for i, h in enumerate(headers):
        words = _words(h)
        if len(words) > 1 and words[0] in _LABEL_COLUMN_WORDS:
            named.setdefault(tuple(w for w in words[1:] if w not in _JOINING_WORDS) + ("label",), i)  # (as if after)
        else:
            for k, w in enumerate(words):
                if m := _LABEL_ENDINGS.fullmatch(w):  # ("Telefonart 2": as if "Telefon 2 label")
                    named.setdefault(words[:k] + (m.group(1),) + words[k + 1:] + ("label",), i)
                    break
    found = {}
    for i in columns:
        words = _words(headers[i])
        if words[-1:] == ("value",) and " - " in headers[i]:  # Google's "Phone 1 - Value" and "Phone 1 - Label"
            words = words[:-1]
        j = next((named[words + (w,)] for w in _LABEL_COLUMN_WORDS if words + (w,) in named), None)
        if j is not None:
            found[i] = j
    return found


# The name of a column with no header (and of a cell beyond a row's last column), as the notes and the rejected rows
# give it; in the shop's language there (services.words), in English on the command line, which takes it in --map.
UNTITLED = "Column {number}"
_NUMBERED = re.compile(r"(?:column\s*)?(\d+)", re.IGNORECASE)


def column_name(index: int, header: str) -> str:
    """A column's header as written, "Column 3" for the third when it has none."""
    return header if header.strip() else UNTITLED.format(number=index + 1)


def column_names(headers: list[str]) -> list[str]:
    return [column_name(i, h) for i, h in enumerate(headers)]


def find_columns(spec: str, headers: list[str]) -> list[int]:
    """The columns a command line names (--map, --date-order): by their header as written, else without regard to
    case and spaces around it, else by their number (from 1: "3", or "Column 3" as the notes name a column with no
    header)."""
    exact = [i for i, h in enumerate(headers) if h == spec]
    if exact:
        return exact
    folded = [i for i, h in enumerate(headers) if h.strip().casefold() == spec.strip().casefold()]
    if folded:
        return folded
    numbered = _NUMBERED.fullmatch(spec.strip())
    if numbered and 1 <= int(numbered.group(1)) <= len(headers):
        return [int(numbered.group(1)) - 1]
    return []


def field_named(text: str) -> str:
    """A field's name as a map may write it, in any case and with spaces or hyphens: "First Name" is first_name."""
    return "_".join(text.lower().replace("-", " ").split())


def parse_map_overrides(items: list[str], headers: list[str]) -> dict[int, str]:
    """`["E-mail=email", "Kundennr.=customer_id", "3=phone"]` -> {column index: field}.

    A header may be named as written, without regard to case, or by its column number (from 1).
    """
    overrides: dict[int, str] = {}
    for item in items:
        spec, sep, target = item.rpartition("=")
        target = field_named(target)
        if not sep or not spec.strip():
            raise InvalidValue("map", item, "format", "write HEADER=FIELD, e.g. \"E-mail=email\"")
        if target not in FIELDS:
            raise InvalidValue("map", item, "field", "the field must be one of " + ", ".join(FIELDS))
        columns = find_columns(spec, headers)
        if not columns:
            raise InvalidValue("map", item, "header", f"the file has no column {spec!r}; its columns are "
                               + ", ".join(map(repr, column_names(headers))))
        for i in columns:
            overrides[i] = target
    return overrides


def apply_overrides(fields: list[str], overrides: dict[int, str]) -> list[str]:
    return [overrides.get(i, target) for i, target in enumerate(fields)]


# --- saved mappings ------------------------------------------------------------------------------

SETTING = "import_mappings"


@dataclass(frozen=True)
class SavedMapping:
    name: str
    headers: tuple[str, ...]
    fields: tuple[str, ...]

    def fields_for(self, headers: list[str]) -> list[str | None]:
        """The saved choice for each column of a file, by header name; None for a column the mapping does not
        know, whose choice stays as it is (a new column's data, kept in the notes, is not lost)."""
        by_header: dict[str, str] = {}
        for header, target in zip(self.headers, self.fields, strict=True):
            by_header.setdefault(header.strip().casefold(), target)
        return [by_header.get(h.strip().casefold()) for h in headers]


def _check_fields(headers: list[str], fields: list[str]) -> None:
    if len(headers) != len(fields):
        raise InvalidValue("fields", len(fields), "count", f"one field for each of the {len(headers)} columns")
    for target in fields:
        if target not in FIELDS:
            raise InvalidValue("fields", target, "field", "one of " + ", ".join(FIELDS))


def save_mapping(name: str, headers: list[str], fields: list[str]) -> None:
    """Remember a mapping under a name (in the database's settings) to reuse for the next file."""
    from smallcrm.services.settings import get_setting, set_setting

    clean = " ".join((name or "").split())
    if not clean:
        raise InvalidValue("name", name, "required")
    if len(clean) > 100:
        raise InvalidValue("name", name, "too_long", "at most 100 characters")
    _check_fields(headers, fields)
    saved = dict(get_setting(SETTING) or {})
    saved[clean] = {"headers": list(headers), "fields": list(fields)}
    set_setting(SETTING, saved)


def load_mapping(name: str) -> SavedMapping:
    from smallcrm.services.settings import get_setting

    saved = get_setting(SETTING) or {}
    entry = saved.get(" ".join((name or "").split()))
    if entry is None:
        raise NotFound("import mapping", name)
    return SavedMapping(name, tuple(entry["headers"]), tuple(entry["fields"]))


def saved_mappings() -> list[str]:
    from smallcrm.services.settings import get_setting

    return sorted(get_setting(SETTING) or {}, key=str.casefold)


def delete_mapping(name: str) -> None:
    from smallcrm.services.settings import get_setting, set_setting

    saved = dict(get_setting(SETTING) or {})
    if saved.pop(" ".join((name or "").split()), None) is None:
        raise NotFound("import mapping", name)
    set_setting(SETTING, saved)
