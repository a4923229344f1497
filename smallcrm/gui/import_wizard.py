"""File ▸ Import…: a wizard from a CSV file to customers or purchases in the book, every step shown
before it happens. File, and what is in it (customers or purchases, read from the header row) → what
was detected (each choice can be changed) → which column goes where, with the first rows exactly as
they will be stored → what to do with customers already in the book (customers: a choice for all of
them, and one for each row or for the rows selected), or with customers the book does not have
(purchases) → a dry run, which says when the same file was imported before, and where a rejected row can
be fixed (Fix…) or the rejected rows saved → the import on a pool thread with a progress bar, the rows
read so far and Cancel (nothing is written unless it all is) → the result, with "Show these customers…",
"Undo this import" and "Save rejected rows…", and, once the book is as it was (cancelled, failed, undone), "Back
to the summary".

A fixed row is read with the owner's corrections in place of that row's cells (ImportOptions.corrections),
every row at its number, so messages still name the file's rows."""

from __future__ import annotations

import copy
import dataclasses
import gc
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QSignalBlocker, Qt, QTimer, QUrl,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QButtonGroup, QComboBox, QCompleter, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox,
    QProgressBar, QPushButton, QRadioButton, QScrollArea, QSpinBox, QStyle, QStyledItemDelegate,
    QStyleOptionComboBox, QStyleOptionViewItem, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
    QWizard, QWizardPage,
)

from smallcrm.errors import ImportFileProblem, InvalidValue, OutputProblem, SmallCrmError, UndoRefused
from smallcrm.gui import formatting as fmt
from smallcrm.gui.columns import read_only_rows
from smallcrm.gui.forms import AsksBeforeClosing, remembered_size, resize_within_screen
from smallcrm.gui.messages import field_problem, translated
from smallcrm.gui.workers import run_in_background
from smallcrm.services.addresses import address_lines
from smallcrm.services.contacts import all_tags, contact_rows, display_name
from smallcrm.services.importing import contacts_import as ci
from smallcrm.services.importing import cleaning, mapping, reader
from smallcrm.services.importing import purchases_import as pi
from smallcrm.services.importing.deciding import WorkerFailed
from smallcrm.services.loyalty import shop_currency
from smallcrm.services.purchases import purchase_json
from smallcrm.services.settings import default_region
from smallcrm.services.validation import display_phone, with_label
from smallcrm.store.fields import from_utc_text

# Loading the import engine makes many objects that last as long as the program (its modules and tables): as
# smallcrm.gui.app does with what starting made, the cyclic collector is told to leave them, and what the window
# made before them, alone for good. A full round of it during an import, whose objects come and go by the hundred
# thousand, then does not walk through them all while the window waits (they are half of what it walked).
gc.freeze()

# The encodings offered, by Python's codec name (codecs.lookup(name).name); another can be typed in. The first
# five are those of the files shops are handed; the rest are those of older tills and of other alphabets. (Latin-1,
# typed in, is read as Windows-1252: reader._codec.)
ENCODINGS = (("utf-8", QT_TRANSLATE_NOOP("FormatPage", "UTF-8 (Unicode)")),
             ("utf-16-le", QT_TRANSLATE_NOOP("FormatPage", "UTF-16 (Unicode), little-endian")),
             ("utf-16-be", QT_TRANSLATE_NOOP("FormatPage", "UTF-16 (Unicode), big-endian")),
             ("cp1252", QT_TRANSLATE_NOOP("FormatPage", "Windows, Western Europe (cp1252)")),
             (reader.MIXED_WESTERN, QT_TRANSLATE_NOOP("FormatPage", "UTF-8 and Windows, Western Europe, mixed")),
             ("iso8859-15", QT_TRANSLATE_NOOP("FormatPage", "Latin-9 (ISO 8859-15)")),
             ("mac-roman", QT_TRANSLATE_NOOP("FormatPage", "Mac, Western Europe (Mac Roman)")),
             ("cp850", QT_TRANSLATE_NOOP("FormatPage", "DOS, Western Europe (cp850)")),
             ("cp1250", QT_TRANSLATE_NOOP("FormatPage", "Windows, Central Europe (cp1250)")),
             ("iso8859-2", QT_TRANSLATE_NOOP("FormatPage", "Latin-2, Central Europe (ISO 8859-2)")),
             ("cp1251", QT_TRANSLATE_NOOP("FormatPage", "Windows, Cyrillic (cp1251)")),
             ("cp1253", QT_TRANSLATE_NOOP("FormatPage", "Windows, Greek (cp1253)")),
             ("cp1254", QT_TRANSLATE_NOOP("FormatPage", "Windows, Turkish (cp1254)")),
             ("cp1255", QT_TRANSLATE_NOOP("FormatPage", "Windows, Hebrew (cp1255)")),
             ("cp1256", QT_TRANSLATE_NOOP("FormatPage", "Windows, Arabic (cp1256)")),
             ("cp1257", QT_TRANSLATE_NOOP("FormatPage", "Windows, Baltic (cp1257)")),
             ("cp1258", QT_TRANSLATE_NOOP("FormatPage", "Windows, Vietnamese (cp1258)")),
             ("cp874", QT_TRANSLATE_NOOP("FormatPage", "Windows, Thai (cp874)")),
             ("cp932", QT_TRANSLATE_NOOP("FormatPage", "Windows, Japanese (Shift-JIS)")),
             ("gb18030", QT_TRANSLATE_NOOP("FormatPage", "Windows, Chinese, simplified (GBK)")),
             ("big5", QT_TRANSLATE_NOOP("FormatPage", "Windows, Chinese, traditional (Big5)")),
             ("cp949", QT_TRANSLATE_NOOP("FormatPage", "Windows, Korean (cp949)")),
             ("koi8-r", QT_TRANSLATE_NOOP("FormatPage", "Cyrillic (KOI8-R)")))
DELIMITERS = ((",", QT_TRANSLATE_NOOP("FormatPage", "Comma ,")), (";", QT_TRANSLATE_NOOP("FormatPage", "Semicolon ;")),
              ("\t", QT_TRANSLATE_NOOP("FormatPage", "Tab")), ("|", QT_TRANSLATE_NOOP("FormatPage", "Pipe |")))
QUOTES = (("double", QT_TRANSLATE_NOOP("FormatPage", "Double quotes \"…\"")),
          ("single", QT_TRANSLATE_NOOP("FormatPage", "Single quotes '…'")),
          ("none", QT_TRANSLATE_NOOP("FormatPage", "None: quotes are text")))
ROW_ENDS = (("any", QT_TRANSLATE_NOOP("FormatPage", "At any line break")),
            ("crlf", QT_TRANSLATE_NOOP("FormatPage", "Only at CR LF (Windows)")),
            ("lf", QT_TRANSLATE_NOOP("FormatPage", "Only at LF (macOS, Linux)")),
            ("cr", QT_TRANSLATE_NOOP("FormatPage", "Only at CR (older Macs)")))
LINE_ENDINGS = {"\r\n": QT_TRANSLATE_NOOP("FormatPage", "CR LF (Windows)"),
                "\n": QT_TRANSLATE_NOOP("FormatPage", "LF (macOS, Linux)"),
                "\r": QT_TRANSLATE_NOOP("FormatPage", "CR (older Macs)")}
POLICIES = (
    ("skip", QT_TRANSLATE_NOOP("DuplicatesPage", "Skip them: keep the customer as it is")),
    ("fill", QT_TRANSLATE_NOOP("DuplicatesPage", "Fill in what is empty in the customer")),
    ("overwrite", QT_TRANSLATE_NOOP("DuplicatesPage", "Overwrite the customer with the file")),
    ("create", QT_TRANSLATE_NOOP("DuplicatesPage", "Create a new customer anyway")),
)
FIELD_LABELS = {"ignore": QT_TRANSLATE_NOOP("MappingPage", "(ignore)"),
                "first_name": QT_TRANSLATE_NOOP("MappingPage", "First name"),
                "last_name": QT_TRANSLATE_NOOP("MappingPage", "Last name"),
                "last_name_prefix": QT_TRANSLATE_NOOP("MappingPage", "Last name prefix (van, de)"),
                "second_last_name": QT_TRANSLATE_NOOP("MappingPage", "Second last name"),
                "company": QT_TRANSLATE_NOOP("MappingPage", "Company"),
                "street": QT_TRANSLATE_NOOP("MappingPage", "Street"),
                "postal_code": QT_TRANSLATE_NOOP("MappingPage", "Postal code"),
                "city": QT_TRANSLATE_NOOP("MappingPage", "City"),
                "region": QT_TRANSLATE_NOOP("MappingPage", "Region"),
                "country": QT_TRANSLATE_NOOP("MappingPage", "Country"),
                "address": QT_TRANSLATE_NOOP("MappingPage", "Address"),
                "birthday": QT_TRANSLATE_NOOP("MappingPage", "Birthday"),
                "tags": QT_TRANSLATE_NOOP("MappingPage", "Tags"),
                "notes": QT_TRANSLATE_NOOP("MappingPage", "Notes"),
                "source": QT_TRANSLATE_NOOP("MappingPage", "Source"),
                "note": QT_TRANSLATE_NOOP("MappingPage", "Keep in notes"),
                "email": QT_TRANSLATE_NOOP("MappingPage", "Email"), "phone": QT_TRANSLATE_NOOP("MappingPage", "Phone"),
                "full_name": QT_TRANSLATE_NOOP("MappingPage", "Full name"),
                "street2": QT_TRANSLATE_NOOP("MappingPage", "Street, line 2"),
                "house_number": QT_TRANSLATE_NOOP("MappingPage", "House number"),
                "birth_year": QT_TRANSLATE_NOOP("MappingPage", "Birth year"),
                "birth_month": QT_TRANSLATE_NOOP("MappingPage", "Birth month"),
                "birth_day": QT_TRANSLATE_NOOP("MappingPage", "Birth day"),
                "customer_id": QT_TRANSLATE_NOOP("MappingPage", "Id in the other program"),
                "email_consent": QT_TRANSLATE_NOOP("MappingPage", "Email consent"),
                "sms_consent": QT_TRANSLATE_NOOP("MappingPage", "SMS consent"),
                "consent_source": QT_TRANSLATE_NOOP("MappingPage", "How they agreed to marketing"),
                "email_consent_source": QT_TRANSLATE_NOOP("MappingPage", "How they agreed to email"),
                "sms_consent_source": QT_TRANSLATE_NOOP("MappingPage", "How they agreed to SMS"),
                "email_consent_at": QT_TRANSLATE_NOOP("MappingPage", "When they agreed to email"),
                "sms_consent_at": QT_TRANSLATE_NOOP("MappingPage", "When they agreed to SMS"),
                "unsubscribed": QT_TRANSLATE_NOOP("MappingPage", "Unsubscribed from emails (when)"),
                "sms_unsubscribed": QT_TRANSLATE_NOOP("MappingPage", "Unsubscribed from SMS (when)")}
KINDS = (("contacts", QT_TRANSLATE_NOOP("FilePage", "C&ustomers")),
         ("purchases", QT_TRANSLATE_NOOP("FilePage", "&Purchases")))
MATCHES = (("auto", QT_TRANSLATE_NOOP("MappingPage", "Whatever each row has (email, customer id, phone, name)")),
           ("email", QT_TRANSLATE_NOOP("MappingPage", "Email")), ("phone", QT_TRANSLATE_NOOP("MappingPage", "Phone")),
           ("id", QT_TRANSLATE_NOOP("MappingPage", "Customer id from the file")),
           ("name", QT_TRANSLATE_NOOP("MappingPage", "Name")))
CURRENCIES = ("EUR", "GBP", "USD", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "JPY")
PREVIEW_VALUE = 60  # characters of a rejected value the preview shows
# The preview's column (MappingPage._contact_headings) a contact field is shown in: brought into sight when a column
# of the file is given that field (the Notes are off to the right on a small screen)
PREVIEW_COLUMN = {**dict.fromkeys(("first_name", "last_name", "last_name_prefix", "second_last_name", "full_name"),
                                  2), "company": 3,
                  "email": 4, "phone": 5,
                  **dict.fromkeys(("street", "house_number", "street2", "postal_code", "city", "region", "country",
                                   "address"), 6),
                  **dict.fromkeys(("birthday", "birth_year", "birth_month", "birth_day"), 7), "tags": 8,
                  "notes": 9, "note": 9}
FILE_NAME_WIDTH = 260  # pixels at most for a file's name in Past Imports
PROGRESS_TEXT_MS = 250  # the count of rows read while importing is written out at most this often
SALE_LABELS = {"": QT_TRANSLATE_NOOP("MappingPage", "(ignore)"),
               "date": QT_TRANSLATE_NOOP("MappingPage", "Date (and time)"),
               "time": QT_TRANSLATE_NOOP("MappingPage", "Time"),
               "type": QT_TRANSLATE_NOOP("MappingPage", "Kind of row (sale, refund, withdrawal…)"),
               "amount": QT_TRANSLATE_NOOP("MappingPage", "Amount"),
               "refunded": QT_TRANSLATE_NOOP("MappingPage", "Amount refunded"),
               "after_refunds": QT_TRANSLATE_NOOP("MappingPage", "Amount left after refunds"),
               "voided": QT_TRANSLATE_NOOP("MappingPage", "Voided (yes or no)"),
               "outstanding": QT_TRANSLATE_NOOP("MappingPage", "Amount still owed"),
               "paid": QT_TRANSLATE_NOOP("MappingPage", "Paid (yes or no, or how much)"),
               "due_date": QT_TRANSLATE_NOOP("MappingPage", "Due date"),
               "quantity": QT_TRANSLATE_NOOP("MappingPage", "Quantity"),
               "discount": QT_TRANSLATE_NOOP("MappingPage", "Discount on the line (amount or %)"),
               "currency": QT_TRANSLATE_NOOP("MappingPage", "Currency"),
               "payment_method": QT_TRANSLATE_NOOP("MappingPage", "Payment method"),
               "register": QT_TRANSLATE_NOOP("MappingPage", "Till (register)"),
               "purchase_number": QT_TRANSLATE_NOOP("MappingPage", "Purchase number (on each of its rows)"),
               "refund_of": QT_TRANSLATE_NOOP("MappingPage", "Refund of (the purchase number it pays back)"),
               "first_name": QT_TRANSLATE_NOOP("MappingPage", "Customer's first name"),
               "last_name": QT_TRANSLATE_NOOP("MappingPage", "Customer's last name"),
               "last_name_prefix": QT_TRANSLATE_NOOP("MappingPage", "Customer's last name prefix (van, de)"),
               "country": QT_TRANSLATE_NOOP("MappingPage", "Customer's country"),
               "reference": QT_TRANSLATE_NOOP("MappingPage", "Receipt or invoice number"),
               "unit_price": QT_TRANSLATE_NOOP("MappingPage", "Unit price"),
               "description": QT_TRANSLATE_NOOP("MappingPage", "Item"),
               "status": QT_TRANSLATE_NOOP("MappingPage", "Payment status"),
               "email": QT_TRANSLATE_NOOP("MappingPage", "Customer's email"),
               "phone": QT_TRANSLATE_NOOP("MappingPage", "Customer's phone"),
               "customer_id": QT_TRANSLATE_NOOP("MappingPage", "Customer id"),
               "name": QT_TRANSLATE_NOOP("MappingPage", "Customer's name")}


# Why a row cannot be imported, as the import says it (rows with other reasons show them as they come).
QT_TRANSLATE_NOOP("rejects", "{reason}, in column “{column}”")
REJECT_REASONS = (
    QT_TRANSLATE_NOOP("rejects", "no name, company, email or phone"),
    QT_TRANSLATE_NOOP("rejects", "the total of the rows above, not a customer: nothing to import"),
    QT_TRANSLATE_NOOP("rejects", "the notes are too long: at most 100,000 characters"),
    QT_TRANSLATE_NOOP("rejects", "invalid email"),
    QT_TRANSLATE_NOOP("rejects", "invalid phone number"),
    QT_TRANSLATE_NOOP("rejects", "too long"),
    QT_TRANSLATE_NOOP("rejects", "too long: at most 200 characters"),
    QT_TRANSLATE_NOOP("rejects", "ambiguous date"),
    QT_TRANSLATE_NOOP("rejects", "a letter cannot be read (it shows as “\ufffd”): the file was cut short or damaged "
                                 "before it was imported; type the row in as it should be"),
    QT_TRANSLATE_NOOP("rejects", "the phone number cannot be read: write it with its country code (+33…), or choose "
                                 "the country the file's numbers are from"),
    QT_TRANSLATE_NOOP("rejects", "the date is missing"),
    QT_TRANSLATE_NOOP("rejects", "not a date (and time) that can be read"),
    QT_TRANSLATE_NOOP("rejects", "not a due date that can be read"),
    QT_TRANSLATE_NOOP("rejects", "the due date comes before the sale"),
    QT_TRANSLATE_NOOP("rejects", "a payment status that is not paid, due, written off or cancelled"),
    QT_TRANSLATE_NOOP("rejects", "cancelled or refunded in the file: not a sale to record"),
    QT_TRANSLATE_NOOP("rejects", "a refund of a sale the file says was cancelled or refunded: neither is recorded"),
    QT_TRANSLATE_NOOP("rejects", "its sale's refund was recorded before: not recorded again"),
    QT_TRANSLATE_NOOP("rejects", "not a sale (the row's type or status says so): not recorded"),
    QT_TRANSLATE_NOOP("rejects", "the total of the rows above, not a sale: nothing to record"),
    QT_TRANSLATE_NOOP("rejects", "the quantity could be read two ways: write it without a separator (1000, or 1)"),
    QT_TRANSLATE_NOOP("rejects", "the quantity is not a number"),
    QT_TRANSLATE_NOOP("rejects", "what was refunded is neither an amount nor a yes or no"),
    QT_TRANSLATE_NOOP("rejects", "what was paid is neither an amount nor a yes or no"),
    QT_TRANSLATE_NOOP("rejects", "the discount is neither an amount nor a percentage"),
    QT_TRANSLATE_NOOP("rejects", "a number with a comma, not in quotes (1,234.50), split the row's cells in a way "
                                 "that can be read two ways: put such numbers in quotes, or write them without the "
                                 "comma"),
    QT_TRANSLATE_NOOP("rejects", "the discount is more than the line it is taken off"),
    QT_TRANSLATE_NOOP("rejects", "a spreadsheet cut this customer number short: export the file again with the "
                                 "numbers as text"),
    QT_TRANSLATE_NOOP("rejects", "no amount, and no quantity with a unit price"),
    QT_TRANSLATE_NOOP("rejects", "the amount is too large"),
    QT_TRANSLATE_NOOP("rejects", "the total is 0: nothing to record"),
    QT_TRANSLATE_NOOP("rejects", "already imported"),
    QT_TRANSLATE_NOOP("rejects", "already imported with another total, which is kept: change the purchase by hand if "
                                 "the sale changed"),
    QT_TRANSLATE_NOOP("rejects", "imported before as due, and paid since: marked paid"),
    QT_TRANSLATE_NOOP("rejects", "no customer with this email"),
    QT_TRANSLATE_NOOP("rejects", "no customer with this phone"),
    QT_TRANSLATE_NOOP("rejects", "no customer with this customer number"),
    QT_TRANSLATE_NOOP("rejects", "no customer with this customer name"),
    QT_TRANSLATE_NOOP("rejects", "another row of this receipt was rejected: the whole receipt is left out"),
    QT_TRANSLATE_NOOP("rejects", "the date is in the future"),
    QT_TRANSLATE_NOOP("rejects", "the date is before 1900"),
    QT_TRANSLATE_NOOP("rejects", "the quantity is too large"),
    QT_TRANSLATE_NOOP("rejects", "receipt {reference} is in {currency}, this row in {other}"),
    QT_TRANSLATE_NOOP("rejects", "receipt {reference} belongs to another customer on an earlier row"),
    QT_TRANSLATE_NOOP("rejects", "{count} customers have this email: find the customers by another column instead"),
    QT_TRANSLATE_NOOP("rejects", "{count} customers have this phone number: find the customers by another column "
                                 "instead"),
    QT_TRANSLATE_NOOP("rejects", "{count} customers have this customer number: find the customers by another column "
                                 "instead"),
    QT_TRANSLATE_NOOP("rejects", "{count} customers have this name: find the customers by email, phone or id "
                                 "instead"),
    QT_TRANSLATE_NOOP("rejects", "{customer} is in the Trash: restore the customer first"),
    QT_TRANSLATE_NOOP("rejects", "use a three-letter code such as EUR, GBP or USD"),
    QT_TRANSLATE_NOOP("rejects", "not an amount"),
    QT_TRANSLATE_NOOP("rejects", "the decimal mark must come once, last"),
    QT_TRANSLATE_NOOP("rejects", "mixed thousands separators"),
    QT_TRANSLATE_NOOP("rejects", "the thousands separators are not where they belong"),
    QT_TRANSLATE_NOOP("rejects", "the amount is in {found}, not {currency}"),
    QT_TRANSLATE_NOOP("rejects", "“{sign}” is the sign of several currencies ({codes}), none of them {currency}: "
                                 "say which is the currency of rows without one, or add a currency column"),
    QT_TRANSLATE_NOOP("rejects", "{written} could be {one} or {other}"),
    QT_TRANSLATE_NOOP("rejects", "{currency} has {digits} decimals"),
    QT_TRANSLATE_NOOP("rejects", "{currency} has no decimals"),
)
# What wrote a customer list of a layout smallcrm knows (mapping.PRESETS' `program`), as `program` says it
PROGRAMS = (
    QT_TRANSLATE_NOOP("programs", "Google Contacts, Google CSV"),
    QT_TRANSLATE_NOOP("programs", "Google Contacts, Google CSV (until about 2021)"),
    QT_TRANSLATE_NOOP("programs", "Google Contacts, Outlook CSV"),
    QT_TRANSLATE_NOOP("programs", "Outlook (desktop), Export to a file as CSV"),
    QT_TRANSLATE_NOOP("programs", "Outlook.com People"),
    QT_TRANSLATE_NOOP("programs", "Thunderbird address book"),
    QT_TRANSLATE_NOOP("programs", "Yahoo contacts"),
    QT_TRANSLATE_NOOP("programs", "Shopify customers"),
    QT_TRANSLATE_NOOP("programs", "Shopify customers (before 2022)"),
    QT_TRANSLATE_NOOP("programs", "Square customer directory"),
    QT_TRANSLATE_NOOP("programs", "WooCommerce Analytics customers"),
    QT_TRANSLATE_NOOP("programs", "Mailchimp audience"),
    QT_TRANSLATE_NOOP("programs", "Contacts of a phone or a mail program (vCard)"),
)


def program(preset: mapping.Preset) -> str:
    """What wrote a customer list of that layout, in the window's language."""
    return QCoreApplication.translate("programs", preset.program)


# What reading tidied and what went to the customers' notes (contacts_import.ImportPlan.warnings), each
# followed by how many.
WARNINGS = {
    "cut_letter": QT_TRANSLATE_NOOP("SummaryPage", "The file ends in the middle of a letter: it was cut short when it "
                                                   "was saved, copied or downloaded, and rows may be missing after "
                                                   "its last one"),
    "nul_tail": QT_TRANSLATE_NOOP("SummaryPage", "The file ends in blank (NUL) bytes instead of text: it was cut short "
                                                 "when it was saved, copied or synced, and rows may be missing after "
                                                 "its last one"),
    "short_rows": QT_TRANSLATE_NOOP("SummaryPage", "Rows with fewer cells than the header (the missing ones are "
                                                   "read as empty)"),
    "long_rows": QT_TRANSLATE_NOOP("SummaryPage", "Rows with more cells than the header (the extra ones go to the "
                                                  "notes)"),
    "long_sale_rows": QT_TRANSLATE_NOOP("SummaryPage", "Rows with more cells than the header (the extra ones are "
                                                       "left out)"),
    "nul_characters": QT_TRANSLATE_NOOP("SummaryPage", "Invisible NUL characters removed (some programs leave "
                                                       "them)"),
    "blank_rows": QT_TRANSLATE_NOOP("SummaryPage", "Blank rows skipped"),
    "repeated_sales": QT_TRANSLATE_NOOP("SummaryPage", "Rows of sales given again by a file put after another, "
                                                       "counted once"),
    "unreadable_lines": QT_TRANSLATE_NOOP("SummaryPage", "Lines of contacts that are not vCard lines (name:value), "
                                                         "left out (check those contacts in the file)"),
    "repeated_headers": QT_TRANSLATE_NOOP("SummaryPage", "Rows of the column names again (files put one after "
                                                         "another), left out"),
    "split_numbers": QT_TRANSLATE_NOOP("SummaryPage", "Rows with a number a comma not in quotes split into cells "
                                                      "(1,234.50), read as one"),
    "voided_lines": QT_TRANSLATE_NOOP("SummaryPage", "Lines voided on receipts whose other lines were not, left out "
                                                     "of them"),
    "refund_over_sale": QT_TRANSLATE_NOOP("SummaryPage", "Refunds of more than was left of the sale under their "
                                                         "number, recorded as refunds of their own (check those rows)"),
    "refund_of_unknown": QT_TRANSLATE_NOOP("SummaryPage", "Refunds of purchases (“Refund of”) neither in the file "
                                                          "nor imported before, recorded as refunds of no purchase "
                                                          "(import the file with those purchases first)"),
    "bookkeeping_lines": QT_TRANSLATE_NOOP("SummaryPage", "Lines of the shop's own fees or bookkeeping (Amazon's fee, "
                                                          "bank charges, bad debt), not customers' sales: left out"),
    "long_items": QT_TRANSLATE_NOOP("SummaryPage", "Items over 1,000 characters, cut to 1,000"),
    "lost_letters": QT_TRANSLATE_NOOP("SummaryPage", "Rows with a letter that cannot be read (shown as “\ufffd”), "
                                                     "kept as written"),
    "stray_quotes": QT_TRANSLATE_NOOP("SummaryPage", "Quotes never closed: the lines they ran together are read as "
                                                     "rows again, the quote kept as text (check those rows)"),
    "sale_rows": QT_TRANSLATE_NOOP("SummaryPage", "Rows of a sales export: their buyers become customers, the sales "
                                                  "are not recorded (import the file as Purchases to record them)"),
    "erased": QT_TRANSLATE_NOOP("SummaryPage", "Rows of people erased at their request, not added again"),
    "email_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers with an email that cannot be read, kept in their "
                                                       "notes"),
    "phone_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers with a phone number that cannot be read, kept in "
                                                       "their notes"),
    "phone_cut_short": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose phone number a spreadsheet cut short (such as "
                                                        "4.47912E+11), kept in their notes: its last digits are lost "
                                                        "(export the file again with the numbers as text)"),
    "birthday_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers with a birthday that is not a date, kept in "
                                                          "their notes"),
    "partial_birthday": QT_TRANSLATE_NOOP("SummaryPage", "Customers with a birthday without its day or month, kept "
                                                         "in their notes"),
    "street_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers with address lines too long for the street, "
                                                        "kept in their notes"),
    "whole_address": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose address, written whole in one cell, was read "
                                                      "as its street, postal code and town"),
    "tag_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers with a tag over 60 characters, kept in their "
                                                     "notes"),
    "consent_unclear": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose marketing consent is neither yes nor no "
                                                        "(taken as no, the answer kept in their notes)"),
    "consent_date_unclear": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose consent date cannot be read or is "
                                                             "still to come (dated today, what the file says kept in "
                                                             "their notes)"),
    "number_in_notes": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose number a spreadsheet cut short (such as "
                                                        "6.54321E+12), kept in their notes and not used to find them"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose marketing consent is withdrawn: the file "
                                                          "says they unsubscribed (or no, when overwriting)"),
    "named_after_email": QT_TRANSLATE_NOOP("SummaryPage", "New customers with no name in the file: their email "
                                                          "stands in for it"),
    "notes_full": QT_TRANSLATE_NOOP("SummaryPage", "Customers whose notes are full (100,000 characters): what the "
                                                   "file adds to them is left out; make room in their notes, then "
                                                   "import the file again"),
    "named_after_phone": QT_TRANSLATE_NOOP("SummaryPage", "New customers with no name in the file: their phone "
                                                          "number stands in for it"),
}
# What a duplicate agreed on ("same as Ann Lee (same email)").
DUPLICATE_REASONS = {
    "email": QT_TRANSLATE_NOOP("rejects", "same email"),
    "phone": QT_TRANSLATE_NOOP("rejects", "same phone"),
    "name": QT_TRANSLATE_NOOP("rejects", "same name"),
    "name+city": QT_TRANSLATE_NOOP("rejects", "close name, same city"),
    "name+postal_code": QT_TRANSLATE_NOOP("rejects", "close name, same postal code"),
    "name+company": QT_TRANSLATE_NOOP("rejects", "close name, same company"),
    "name+birthday": QT_TRANSLATE_NOOP("rejects", "close name, same birthday"),
    "number": QT_TRANSLATE_NOOP("rejects", "same customer number"),
}


def field_label(name: str, kind: str = "contacts") -> str:
    labels = SALE_LABELS if kind == "purchases" else FIELD_LABELS
    return labels.get(name, name.replace("_", " ").capitalize())


def field_text(name: str, kind: str = "contacts") -> str:
    """A field's label in the window's language."""
    return QCoreApplication.translate("MappingPage", field_label(name, kind))


def reason_text(reason: str) -> str:
    """Why a row was rejected, in the window's language."""
    return translated(reason, "rejects")


def reason_or_detail(text: str) -> str:
    """A reject's reason ("invalid email"), or what the check found ("There must be something after the
    @-sign."), in the window's language."""
    said = reason_text(text)
    return said if said != text else translated(text, "messages")


def reject_text(reject) -> str:
    """Why a row was rejected, of which column, and what the check found when it says more ("invalid email, in
    column “Email”: There must be something after the @-sign."), in the window's language."""
    said = reason_text(reject.reason) if not reject.column else QCoreApplication.translate(
        "rejects", "{reason}, in column “{column}”").format(reason=reason_text(reject.reason), column=reject.column)
    detail = getattr(reject, "detail", "")
    return QCoreApplication.translate("rejects", "{reason}: {detail}").format(
        reason=said, detail=translated(detail, "messages")) if detail else said


def duplicate_text(reason: str) -> str:
    """What a duplicate agreed on, in the window's language."""
    return QCoreApplication.translate("rejects", DUPLICATE_REASONS.get(reason, reason))


def _problem_tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


# The sentence for a file problem whose detail says more than the sentence without it (see problem_text).
DETAILED_PROBLEMS = {
    "header_only": QT_TRANSLATE_NOOP("ImportWizard", "The file has a header row and no rows under it ({detail})."),
    "binary": QT_TRANSLATE_NOOP("ImportWizard", "This is not a CSV file but {detail}. Open it in the program that "
                                                "made it and save it as CSV."),
    "unreadable": QT_TRANSLATE_NOOP("ImportWizard", "The file cannot be opened ({detail}). Choose another file, or "
                                                    "close the program that holds this one."),
    "encoding": QT_TRANSLATE_NOOP("ImportWizard", "Some of the text cannot be read in the encoding chosen "
                                                  "({detail}): go back to “What the file looks like” and choose "
                                                  "another encoding."),
    "marked_as": QT_TRANSLATE_NOOP("ImportWizard", "The file says by its first bytes that it is written in {detail}: "
                                                   "choose that encoding under “Characters (encoding)”."),
    "utf8_read_as": QT_TRANSLATE_NOOP("ImportWizard", "The file has text written in UTF-8 ({detail}): choose “UTF-8 "
                                                      "(Unicode)” under “Characters (encoding)”, or “UTF-8 and "
                                                      "Windows, Western Europe, mixed” for a file with rows of both."),
}


def shown_name(name: str, most: int = 60) -> str:
    """A file's name in a sentence: a long one cut in its middle ("…"), so that no page grows wider for a name
    without spaces to break it at."""
    return name if len(name) <= most else f"{name[:most // 2 - 1]}…{name[-(most // 2):]}"


def problem_text(error: Exception, *, started: bool = True) -> str:
    """`error` in the window's words; "Nothing was imported." after it once an import was `started` (not on the
    pages before, where nothing was yet to be)."""
    if isinstance(error, ImportFileProblem):
        # the detail in the window's language: the column names, the kind of file (not the NUL bytes or
        # control characters, which the sentence without it says), the bytes not in the encoding, why the
        # file cannot be opened (the system's words)
        detail = error.detail if error.reason != "binary" or error.detail in reader.BINARY_KINDS else ""
        if detail and error.reason in DETAILED_PROBLEMS:
            what = translated(DETAILED_PROBLEMS[error.reason], "ImportWizard").format(
                detail=translated(detail, "ImportWizard"))
        else:
            what = {
                "empty": _problem_tr("The file is empty."),
                "header_only": _problem_tr("The file has a header row and no rows under it."),
                "binary": _problem_tr("This is not a text file (it looks like a program, picture or spreadsheet "
                                      "file). Save it from your spreadsheet as CSV first."),
                "vanished": _problem_tr("The file disappeared while it was being read (a USB stick taken out?)."),
                "changed": _problem_tr("The file was saved again since it was read: go back to the summary to see "
                                       "what importing it does now."),
                "not_found": _problem_tr("The file is not there any more (moved, renamed or deleted?)."),
                "unreadable": _problem_tr("The file cannot be opened (is another program holding it, or is it a "
                                          "folder?)."),
                "encoding": _problem_tr("Some of the text cannot be read in the encoding chosen: go back to “What "
                                        "the file looks like” and choose another encoding."),
                "field_too_large": _problem_tr("One cell is far too large to be a customer field."),
                "unclosed_quote": _problem_tr("A quote opened in one row is never closed: the rest of the file would "
                                              "be read as one cell. Correct that row in the program that made the "
                                              "file, or choose “None: quotes are text” under “Text in quotes”."),
                "contacts_file": _problem_tr("This is a vCard file of contacts, not a list of sales: choose "
                                             "Customers."),
                "too_many_rows": _problem_tr("The file has more than {rows} rows, more than one import takes. Split "
                                             "it into smaller files (a spreadsheet can save part of the rows as CSV) "
                                             "and import them one after the other.").format(
                    rows=fmt.number(reader.MAX_ROWS)),
            }.get(error.reason) or _problem_tr("The file cannot be read ({reason}).").format(reason=error.reason)
        where = ""
        if getattr(error, "row", None) and error.reason != "too_many_rows":
            where = " " + _problem_tr("Row {row}.").format(row=error.row)
        return f"{what}{where}" + (" " + _problem_tr("Nothing was imported.") if started else "")
    if isinstance(error, InvalidValue) and getattr(error.detail, "template", None) == pi.NOT_THE_LAYOUT:
        return _problem_tr("The file is not in the layout of the program chosen under “Exported by”: it has no column "
                           "{columns}. Choose another, or the one detected, first in the list.").format(
            **error.detail.facts)
    if isinstance(error, InvalidValue) and error.field == "match" and error.problem == "column":
        return _problem_tr("No column of the file says who the customer is the way chosen under “Find each row's "
                           "customer by”: choose another way, or give a column that field.")
    if isinstance(error, InvalidValue) and error.problem == "separator":
        return _problem_tr("The column names were read as one column: the file's columns seem to be separated by "
                           "“{separator}”. Go back to “What the file looks like” and choose it under “Separator”."
                           ).format(separator={"tab": _problem_tr("tab")}.get(error.value, error.value))
    # (a choice on the page)
    if isinstance(error, InvalidValue) and error.problem in ("encoding", "region", "row", "row_end"):
        return {"encoding": _problem_tr("“{value}” is not an encoding smallcrm knows: choose one from the list under "
                                        "“Characters (encoding)”."),
                "row_end": _problem_tr("The column names run on into the rows under them: the file's rows end at "
                                       "another line break. Choose “At any line break” under “Rows end”."),
                "region": _problem_tr("“{value}” is not a country: write its two-letter code, such as FR, DE or US, "
                                      "under “Phone numbers from”."),
                "row": _problem_tr("The file has no row {value} with column names: choose the row they are on under "
                                   "“Column names on row”.")}[error.problem].format(value=error.value)
    text = str(error)
    return text if len(text) <= 400 else text[:400] + "…"  # (a value of a megabyte in it: not in the window)


# What a file problem's detail says (reader's BINARY_KINDS and the details of its problems).
FILE_DETAILS = (
    QT_TRANSLATE_NOOP("ImportWizard", "a zip archive, such as an Excel (.xlsx) or OpenDocument (.ods) workbook"),
    QT_TRANSLATE_NOOP("ImportWizard", "an Excel 97-2003 (.xls) workbook or another Office file"),
    QT_TRANSLATE_NOOP("ImportWizard", "a PDF document"),
    QT_TRANSLATE_NOOP("ImportWizard", "a PNG image"),
    QT_TRANSLATE_NOOP("ImportWizard", "a JPEG image"),
    QT_TRANSLATE_NOOP("ImportWizard", "a GIF image"),
    QT_TRANSLATE_NOOP("ImportWizard", "an SQLite database"),
    QT_TRANSLATE_NOOP("ImportWizard", "a gzip archive"),
    QT_TRANSLATE_NOOP("ImportWizard", "a bzip2 archive"),
    QT_TRANSLATE_NOOP("ImportWizard", "a 7-Zip archive"),
    QT_TRANSLATE_NOOP("ImportWizard", "a RAR archive"),
    QT_TRANSLATE_NOOP("ImportWizard", "a program"),
    QT_TRANSLATE_NOOP("ImportWizard", "a web page (HTML), as some web shops write their “Excel” exports"),
    QT_TRANSLATE_NOOP("ImportWizard", "an Excel 2003 XML workbook"),
    QT_TRANSLATE_NOOP("ImportWizard", "a vCard file of contacts (.vcf)"),
    QT_TRANSLATE_NOOP("ImportWizard", "it is a folder, not a file"),
    QT_TRANSLATE_NOOP("ImportWizard", "only the column names {names}"),
    QT_TRANSLATE_NOOP("ImportWizard", "only a row of empty column names"),
    QT_TRANSLATE_NOOP("ImportWizard", "some of its text is not {encoding}"),
    QT_TRANSLATE_NOOP("ImportWizard", "“{text}” in column {column} is not {encoding}"),
    QT_TRANSLATE_NOOP("ImportWizard", "read as {encoding}, “{word}” would be “{garbled}”"),
)


# What a customer created by an import may have of its own since (UndoRefused.has).
OWN_THINGS = {
    "calls or notes": QT_TRANSLATE_NOOP("undo", "calls or notes"),
    "purchases": QT_TRANSLATE_NOOP("undo", "purchases"),
    "points": QT_TRANSLATE_NOOP("undo", "points"),
    "feedback": QT_TRANSLATE_NOOP("undo", "feedback"),
    "complaints": QT_TRANSLATE_NOOP("undo", "complaints"),
    "customers they referred": QT_TRANSLATE_NOOP("undo", "customers they referred"),
    "a complaint": QT_TRANSLATE_NOOP("undo", "a complaint"),
}


# What undoing says, in the window's language (packaging/translations.py collects the texts given to this helper)
def undo_tr(text: str) -> str:
    return QCoreApplication.translate("undo", text)


def customers_tr(text: str) -> str:
    return QCoreApplication.translate("ImportedCustomers", text)


CUSTOMERS_TIP = QT_TRANSLATE_NOOP("ImportedCustomers", "List the customers this import added or changed, to look "
                                  "through them, open one or export them")


def show_imported_customers(parent: QWidget, batch: int, file_name: str, kind: str,
                            open_contact: Callable[[int], None] | None, leave: Callable[[], None]) -> QDialog:
    """The customers an import added or changed (and for purchases, those it recorded purchases of), to look
    through, open or export. Opening one leaves `parent` (`leave`) for the customer in the main window."""
    from smallcrm.gui.customer_list import CustomerListDialog

    if kind == "purchases":
        intro = customers_tr("The customers whose purchases import {number} ({file}) recorded, and those it added.")
    else:
        intro = customers_tr("The customers import {number} ({file}) added or updated.")
    dialog = CustomerListDialog(parent, customers_tr("Customers of import {number}").format(number=batch),
                                intro.format(number=batch, file=file_name),
                                lambda: ci.imported_customers(batch), shop_currency())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def opened(contact_id: int) -> None:
        leave()
        if open_contact is not None:
            open_contact(contact_id)

    dialog.open_contact.connect(opened)
    dialog.open()
    return dialog


def confirm_undo(parent, file_name: str, kind: str, batch: int) -> bool:
    """Whether the owner, asked, wants the import of `file_name` undone (it cannot be redone, only imported again)."""
    if kind == "purchases":
        text = undo_tr("Undo the import of {file}? The purchases it recorded are removed with their points, and so "
                       "are the customers it created. To have them back, import the file again.")
    else:
        text = undo_tr("Undo the import of {file}? The customers it added are removed and those it changed are put "
                       "back as they were. To have them back, import the file again.")
    text = text.format(file=file_name)
    in_trash = ci.added_in_trash(batch)
    if in_trash:
        text += " " + undo_tr("Customers it added who are in the Trash, deleted for good too: {n}.").format(
            n=fmt.number(in_trash))
    no = QMessageBox.StandardButton.No  # (the default: Enter pressed once too often undoes nothing)
    answer = QMessageBox.question(parent, undo_tr("Undo this import?"), text,
                                  QMessageBox.StandardButton.Yes | no, no)
    return answer == QMessageBox.StandardButton.Yes


def undo_refused_text(error: UndoRefused) -> str:
    """Why an import was not undone, in the window's language, naming the customer, receipt or import."""
    name = receipt = ""
    if error.contact_id is not None:
        row = contact_rows([error.contact_id]).get(error.contact_id)
        name = row.name if row is not None and row.name else undo_tr("customer #{id}").format(id=error.contact_id)
    if error.purchase_id is not None:
        try:
            receipt = purchase_json(error.purchase_id)["reference"] or ""
        except SmallCrmError:
            pass
        receipt = receipt or undo_tr("#{id}").format(id=error.purchase_id)
    has = QCoreApplication.translate("undo", OWN_THINGS[error.has]) if error.has in OWN_THINGS else error.has
    later = file = ""
    if error.later_batch is not None:
        batch = next((b for b in ci.list_imports() if b.id == error.later_batch), None)
        file = batch.file_name if batch else str(error.later_batch)
        later = fmt.when(from_utc_text(batch.started_at)) if batch else ""
    text = {
        "undone": undo_tr("This import was already undone."),
        "later_import": undo_tr("A later import ({file}, {when}) changed the same customers. Undo that one first, "
                                "then this one."),
        "contact_changed": undo_tr("{name} was changed after this import: undoing it would lose that change."),
        "contact_has": undo_tr("{name}, added by this import, now has {has} of their own: undoing the import would "
                               "delete them."),
        "purchase_refunded": undo_tr("The purchase with receipt {receipt}, recorded by this import, was refunded by a "
                                     "later import ({file}, {when}). Undo that one first, then this one.")
        if error.later_batch is not None else undo_tr("The purchase with receipt {receipt}, recorded by this import, "
                                                      "was refunded since: undo the refund first."),
        "refund_linked": undo_tr("The refund with receipt {receipt}, recorded by this import, was linked to its sale "
                                 "by a later import ({file}, {when}). Undo that one first, then this one."),
        "purchase_has": undo_tr("The purchase with receipt {receipt}, recorded by this import, has {has} about it "
                                "now: undoing the import would delete it."),
        "due_settled": undo_tr("The purchase with receipt {receipt}, recorded by this import as due, was marked "
                               "paid by a later import ({file}, {when}). Undo that one first, then this one.")
        if error.later_batch is not None else undo_tr("The purchase with receipt {receipt}, recorded by this import "
                                                      "as due, was paid or written off since."),
        "points_spent": undo_tr("{name} has spent points this import gave: undoing it would leave a balance below "
                                "zero."),
        "points_expired": undo_tr("Points this import gave {name} have expired since: undoing it would take other "
                                  "points of theirs."),
    }.get(error.case)
    if text is None:
        return error.reason
    why = text.format(name=name, receipt=receipt, has=has, file=file, when=later)
    return undo_tr("Not undone. {why} Nothing was changed.").format(why=why)


def without_customer_text(n: int) -> str:
    """Of the purchases to record, those without a customer, in a file that names customers ("" for none)."""
    if not n:
        return ""
    return " " + QCoreApplication.translate("ImportWizard", "Recorded without a customer (nothing in their rows to "
                                                            "find one by): {n}.").format(
        n=fmt.number(n))


def joined_text(n: int) -> str:
    """The sentence that follows a contacts import's counts for rows joined to the customer an earlier row of the file
    adds, neither added nor updated ("" for none)."""
    if not n:
        return ""
    return " " + QCoreApplication.translate("ImportWizard", "Rows joined to an earlier row, the same customer: {n}."
                                            ).format(n=fmt.number(n))


def points_text(points: int) -> str:
    """The points an import of purchases gives, or takes back when its refunds outweigh its sales."""
    text = (QCoreApplication.translate("ImportWizard", "Points given: {points}.") if points >= 0 else
            QCoreApplication.translate("ImportWizard", "Points taken back: {points}."))
    return " " + text.format(points=fmt.number(abs(points)))


def from_trash_text(n: int) -> str:
    """The sentence after the customers an undone import removed, for those that were in the Trash."""
    return " " + undo_tr("Of those, from the Trash: {n}.").format(n=fmt.number(n)) if n else ""


def due_again_text(n: int) -> str:
    """The sentence after what an undone import of purchases removed, for the purchases it had marked paid."""
    if not n:
        return ""
    return " " + QCoreApplication.translate("ImportWizard", "Purchases it had marked paid, due again: {n}.").format(
        n=fmt.number(n))


def marked_paid_text(n: int) -> str:
    """The sentence that follows the counts when purchases imported before as due are marked paid ("" for none)."""
    if not n:
        return ""
    return " " + QCoreApplication.translate("ImportWizard", "Purchases imported before as due, paid since, marked "
                                                            "paid: {n}.").format(n=fmt.number(n))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    read_only_rows(table)
    table.setTabKeyNavigation(False)  # Tab goes on to the page's next control (the arrow keys move in the table)
    return table


def _row_numbers(rows: list[int]) -> str:
    """The file's rows a receipt is made of: "2", "2, 3", "2, 3, 4, …"."""
    return ", ".join(str(r) for r in rows[:3]) + (", …" if len(rows) > 3 else "")


def _align_right(table: QTableWidget, columns: tuple[int, ...]) -> None:
    for r in range(table.rowCount()):
        for c in columns:
            if table.item(r, c):
                table.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


MAPPING_CHOICE = 12  # the characters of a column's field its drop-down shows at least (more when its column is wider)
WIDEST_COLUMN = 280  # a preview column is no wider than this (a long value is cut short with "…", whole in its tip)


def _height_of_rows(table: QTableView, rows: int) -> int:
    """The height a table needs to show `rows` rows, its header and frame."""
    return (table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
            + rows * table.verticalHeader().defaultSectionSize())


def _fit_choice(combo: QComboBox) -> None:
    """A column's drop-down as wide as its field's name, MAPPING_CHOICE characters at least: read whole."""
    combo.setMinimumContentsLength(max(MAPPING_CHOICE, len(combo.currentText())))


def _fit_columns(table: QTableWidget, wide: int | None = None) -> None:
    """Columns as wide as their contents, up to WIDEST_COLUMN: one long name does not push the rest away. Column
    `wide` (why a row is left out, and which customer it is the same as) up to about sixty characters: its end says
    what matters ("invalid email: …", "same as Ann Lee (same phone)")."""
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        widest = 60 * table.fontMetrics().averageCharWidth() if c == wide else WIDEST_COLUMN
        if table.columnWidth(c) > widest:
            table.setColumnWidth(c, widest)


def _wrap_last_column(table: QTableWidget, least: int = 140, narrowest: int = 110) -> None:
    """The last column (why a row is left out) in the width the others leave it, at least `least` (the widest of
    them narrower for it, down to `narrowest`: their cells say the rest in their tooltips), its text on more
    lines: read whole without scrolling sideways."""
    last = table.columnCount() - 1
    widths = [table.columnWidth(c) for c in range(last)]
    room = table.viewport().width() - sum(widths)
    for c in sorted(range(last), key=lambda c: -widths[c]):
        if room >= least or widths[c] <= narrowest:
            break
        give = min(least - room, widths[c] - narrowest)
        table.setColumnWidth(c, widths[c] - give)
        room += give
    if room >= least and table.columnWidth(last) > room:
        table.setColumnWidth(last, room)
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # (a row of one line as high as before)
    table.resizeRowsToContents()


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.clearContents()  # (a row shorter than the one it replaces keeps none of its cells)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row[: table.columnCount()]):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


# --------------------------------------------------------------------------------------------------
# Every duplicate row, the cells of a rejected row, and the owner's fixes (on the pool thread)


def with_fixes(options, fixes: dict[int, list[str]]):
    """The options (ImportOptions or PurchaseImportOptions) with the rows the owner corrected, which the import reads
    in place of the file's: every row keeps its number, so what is said about a row names the row of the file."""
    options = copy.deepcopy(options)
    options.corrections = dict(fixes)
    return options


def plan_contacts(path: Path, options: ci.ImportOptions, fixes: dict[int, list[str]], first_rows: int | None = None,
                  *, progress=None, cancelled=None) -> ci.ImportPlan:
    """What importing the file (with the fixed rows) would do; of its `first_rows` only, when given. Writes
    nothing."""
    return ci.plan_contacts_import(path, with_fixes(options, fixes), progress=progress, cancelled=cancelled,
                                   first_rows=first_rows)


def import_contacts(path: Path, options: ci.ImportOptions, fixes: dict[int, list[str]], *, progress=None,
                    cancelled=None) -> ci.ImportResult:
    """Import the file, with the fixed rows as the owner corrected them."""
    return ci.import_contacts(path, with_fixes(options, fixes), progress=progress, cancelled=cancelled)


def plan_purchases(path: Path, options: pi.PurchaseImportOptions, fixes: dict[int, list[str]],
                   first_rows: int | None = None, *, progress=None, cancelled=None) -> pi.PurchasePlan:
    """What importing the purchases file (with the fixed rows) would do; of its `first_rows` only, when given.
    Writes nothing."""
    return pi.plan_purchases_import(path, with_fixes(options, fixes), progress=progress, cancelled=cancelled,
                                    first_rows=first_rows)


def import_purchases(path: Path, options: pi.PurchaseImportOptions, fixes: dict[int, list[str]], *, progress=None,
                     cancelled=None) -> pi.PurchaseImportResult:
    """Import the purchases file, with the fixed rows as the owner corrected them."""
    return pi.import_purchases(path, with_fixes(options, fixes), progress=progress, cancelled=cancelled)


def row_cells(path: Path, dialect: reader.Dialect, number: int) -> list[str] | None:
    """The cells of row `number` of the file, as it has them (None when the file has no such row)."""
    with reader.read_rows(path, dialect) as rows:
        for row, cells in rows:
            if row == number:
                return list(cells)
            if row > number:
                break
    return None


class FilePage(QWizardPage):
    """The file, and what is in it: customers or purchases, as its header row suggests."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("A CSV file exported from Google, Outlook, Excel, Shopify, Square, your till or "
                                 "another CRM, or a phone's contacts saved as a vCard file (.vcf)."))
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File"))
        self.path.textChanged.connect(self.completeChanged)
        self.path.textChanged.connect(self.detect_kind)
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self._kind_box())
        layout.addStretch(1)

    def _kind_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What is in this file?"))
        self.kinds = QButtonGroup(self)
        column = QVBoxLayout(box)
        for key, label in KINDS:
            button = QRadioButton(self.tr(label))
            button.setProperty("kind", key)
            self.kinds.addButton(button)
            column.addWidget(button)
            button.setChecked(key == "contacts")
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        column.addWidget(self.detected)
        return box

    def kind(self) -> str:
        return self.kinds.checkedButton().property("kind")

    def detect_kind(self) -> None:
        """Choose Customers or Purchases from the file's header row (the user can change it)."""
        from smallcrm.gui.contact_form import show_problem

        path = self.chosen()
        self.detected.clear()
        # (Next stays off while no file is named: a folder, dropped on the window or typed, and a name of no file,
        # say why)
        if path is not None and path.is_dir():
            show_problem(self.problem, self.tr("{name} is a folder: choose the CSV file in it.").format(
                name=shown_name(path.name)))
        elif path is not None and not path.exists():
            show_problem(self.problem, self.tr("There is no file “{name}” there. Check its name and folder, or find it "
                                               "with Choose…").format(name=shown_name(path.name)), hint=True)
        else:
            show_problem(self.problem, None)
        if path is None or not path.is_file():
            return
        try:
            dialect = reader.sniff(path)
            headers = reader.read_header(path, dialect)
        except (SmallCrmError, OSError, LookupError):
            return  # the next page says what is wrong with the file
        kind = "purchases" if pi.holds_purchases(headers) else "contacts"
        for button in self.kinds.buttons():
            button.setChecked(button.property("kind") == kind)
        if dialect.vcard is not None:
            self.detected.setText(self.tr("A vCard file: a phone's or a mail program's contacts, each imported as a "
                                          "customer."))
        else:
            self.detected.setText(self.tr("Chosen from the file's columns ({columns}). Change it if it is wrong.")
                                  .format(columns=", ".join(headers[:6]) + (", …" if len(headers) > 6 else "")))

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"), self.path.text(),
                                              self.tr("CSV and vCard files (*.csv *.txt *.tsv *.vcf);;All files (*)"))
        if name:
            self.path.setText(name)

    def chosen(self) -> Path | None:
        """The file named: as typed or pasted, in quotes too (Windows' "Copy as path"), or as a file:// link."""
        text = self.path.text().strip()
        if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
            text = text[1:-1].strip()
        if text.lower().startswith("file:"):
            text = QUrl(text).toLocalFile() or text
        return Path(text) if text else None

    def isComplete(self) -> bool:
        path = self.chosen()
        return path is not None and path.is_file()

    def validatePage(self) -> bool:
        from smallcrm.gui.contact_form import show_problem

        try:
            self.w.open_file(self.chosen(), self.kind())
        except (SmallCrmError, OSError) as error:
            if not self._as_utf8_with_other_rows(error):
                show_problem(self.problem, problem_text(error, started=False))
                return False
        show_problem(self.problem, None)
        return True

    def _as_utf8_with_other_rows(self, error: Exception) -> bool:
        """A UTF-8 file with a few rows that are not (two lists put together): read as UTF-8 with rows of Windows-1252
        (the next page shows it, and offers the others). Whether it could be read so."""
        if not (isinstance(error, ImportFileProblem) and error.reason == "encoding" and "utf-8" in error.detail
                and self.w.options.encoding is None):
            return False
        self.w.options.encoding = reader.MIXED_WESTERN
        try:
            self.w.reread()
        except (SmallCrmError, OSError, LookupError):
            self.w.options.encoding = None
            return False
        return True


class FormatPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.unreadable = ""  # what is wrong when the file cannot be read with the choices made
        self.shown: dict = {}  # the choices as the page last showed or took them (_chosen)
        self.found: dict = {}  # ... as it first showed them for the file, found in it (none chosen yet)
        self.setTitle(self.tr("What the file looks like"))
        self.setSubTitle(self.tr("This is what was detected. If the preview looks wrong, change it here."))
        self.encoding = QComboBox()
        self.encoding.setEditable(True)  # any encoding Python knows can be typed in
        self.encoding.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for codec, label in ENCODINGS:
            self.encoding.addItem(self.tr(label), codec)
        self.encoding.setToolTip(self.tr("How the file's letters are written. If accents look wrong in the "
                                         "preview, choose another."))
        self.delimiter = QComboBox()
        for key, label in DELIMITERS:
            self.delimiter.addItem(self.tr(label), key)
        self.quote = QComboBox()
        for key, label in QUOTES:
            self.quote.addItem(self.tr(label), key)
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 999)
        self.header_row.setSpecialValueText(self.tr("None"))  # (0: the file has no row of column names)
        self.header_row.setToolTip(self.tr("The row with the column names, as a spreadsheet numbers rows; “None” "
                                           "when the file has none: its columns are then numbered"))
        self.row_end = QComboBox()
        for key, label in ROW_ENDS:
            self.row_end.addItem(self.tr(label), key)
        self.row_end.setToolTip(self.tr("Choose “Only at …” when a line break inside a cell splits its row in "
                                        "two: the other line breaks are then kept in the cell"))
        self.preset = QComboBox()
        self.region = QLineEdit()
        self.region.setMaxLength(2)
        self.region.setPlaceholderText(self.tr("e.g. FR"))
        self.region.setToolTip(self.tr("The country of phone numbers written without +country code, in rows that "
                                       "do not name a country of their own"))
        for combo in (self.encoding, self.delimiter, self.quote, self.row_end, self.preset):
            # as wide as the page allows, not as the longest choice: the wizard fits a small laptop's screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        # how the file is written on the left, what is in it on the right, and the program that wrote it below
        # both, as wide as the page (a program's long name and "(detected)" fit a small laptop's screen)
        forms = QGridLayout()
        forms.setColumnStretch(1, 1)
        forms.setColumnStretch(4, 1)
        forms.setColumnMinimumWidth(2, 12)
        self.labels: dict[QWidget, QLabel] = {}
        for text, widget, row, column, span in (
                (self.tr("&Characters (encoding)"), self.encoding, 0, 0, 1),
                (self.tr("&Separator"), self.delimiter, 1, 0, 1),
                (self.tr("Text in &quotes"), self.quote, 2, 0, 1),
                (self.tr("Column names on &row"), self.header_row, 3, 0, 1),
                (self.tr("Rows &end"), self.row_end, 0, 3, 1),
                (self.tr("Phone numbers from"), self.region, 1, 3, 1),
                (self.tr("E&xported by"), self.preset, 4, 0, 4)):
            label = self.labels[widget] = QLabel(text)
            label.setBuddy(widget)
            forms.addWidget(label, row, column)
            forms.addWidget(widget, row, column + 1, 1, span)
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.region_problem = QLabel()  # a country's code that no country has, said before the page is left
        self.region_problem.setWordWrap(True)
        self.region_problem.hide()
        self.region.textEdited.connect(lambda: self.region_problem.hide())
        self.table = _table([])
        layout = QVBoxLayout(self)
        layout.addLayout(forms)
        layout.addWidget(self.region_problem)
        layout.addWidget(self.detected)
        layout.addWidget(self.table, 1)
        for combo in self._choices():
            if isinstance(combo, QSpinBox):
                combo.valueChanged.connect(self._changed)
            else:
                combo.currentIndexChanged.connect(self._changed)
        self.encoding.currentTextChanged.connect(self._changed)
        # a choice's start in sight, as on opening the page (not while one is typed in)
        self.encoding.activated.connect(lambda: self.encoding.lineEdit().setCursorPosition(0))

    def _choices(self) -> tuple:
        return self.encoding, self.delimiter, self.quote, self.header_row, self.row_end, self.preset

    def initializePage(self) -> None:
        d, opts = self.w.dialect, self.w.options
        self.unreadable = ""
        for combo in self._choices():
            combo.blockSignals(True)
        # the detected encoding's item when the list has it (Enter then keeps it: the text alone, beside another
        # item, gave way to that item), else its name as typed
        at = self.encoding.findData(d.encoding)
        if at >= 0:
            self.encoding.setCurrentIndex(at)
        else:
            self.encoding.setCurrentText(self.encoding_name(d.encoding))
        self.encoding.lineEdit().setCursorPosition(0)  # its start in sight when the page is too narrow for it all
        self.delimiter.setCurrentIndex(max(0, self.delimiter.findData(d.delimiter)))
        quote = {q: name for name, q in reader.QUOTES.items()}[d.quotechar]
        self.quote.setCurrentIndex(max(0, self.quote.findData(quote)))
        self.header_row.setValue(0 if d.unnamed_columns else d.header_row + d.first_row_number)
        detected_end = reader.ROW_END_NAMES.get(d.row_end, "any")
        self.row_end.setCurrentIndex(max(0, self.row_end.findData(opts.row_end or detected_end)))
        self._fill_programs()
        self.preset.setCurrentIndex(max(0, self.preset.findData(opts.preset)))
        self.region.setText(opts.region or default_region() or "")  # (the country the import would take)
        for combo in self._choices():
            combo.blockSignals(False)
        self.shown = self._chosen()
        if all(getattr(opts, name) in (None, "auto") for name in self.shown):
            self.found = dict(self.shown)
        self._show()

    def typed_region(self) -> str | None:
        """The country typed under "Phone numbers from", as the page would take it (validatePage)."""
        text = self.region.text().strip()
        return (cleaning.region_code(text) or text.upper()) if text else None

    def _fill_programs(self) -> None:
        """The programs that write the kind of file chosen, in "Exported by"."""
        self.preset.clear()
        self.preset.addItem(self.tr("Detect from the header"), "auto")
        if self.w.kind == "purchases":
            for name in pi.LAYOUTS:
                self.preset.addItem(self.program_name(name), name)
        else:
            for name, preset in sorted(mapping.PRESETS.items()):
                if name != "generic":
                    self.preset.addItem(program(preset), name)
        self.preset.addItem(self.tr("Another program (by the column names)"), "generic")

    def program_name(self, layout: str) -> str:
        """The program that writes a layout of sales files, in a few words."""
        return {"shopify_orders": self.tr("Shopify (orders)"), "sumup": "SumUp", "stripe": "Stripe",
                "paypal": "PayPal", "lightspeed_x": "Lightspeed Retail X-Series",
                "online_retail": self.tr("Online Retail data set"), "etsy": self.tr("Etsy (Sold Orders)"),
                "etsy_items": self.tr("Etsy (Sold Order Items)"),
                "smallcrm": self.tr("smallcrm (its own purchases export)")}[layout]

    def _chosen(self) -> dict:
        return {"encoding": self.chosen_encoding(), "delimiter": self.delimiter.currentData(),
                "quote": self.quote.currentData(), "header_row": self.header_row.value(),
                "row_end": self.row_end.currentData(), "preset": self.preset.currentData()}

    def _changed(self) -> None:
        chosen = self._chosen()
        if chosen == self.shown:
            return  # (the choices as shown, said again, as leaving the page does: the mapping chosen since stays)
        self.shown = chosen
        for name, value in chosen.items():
            setattr(self.w.options, name, value)
        self.w.options.overrides = {}
        self.unreadable = ""
        try:
            self.w.reread()
        except (SmallCrmError, OSError, LookupError) as error:
            from smallcrm.gui.contact_form import show_problem

            self.unreadable = problem_text(error, started=False)
            if isinstance(error, ImportFileProblem) and error.reason == "encoding":
                self.unreadable = self._encoding_problem(error)
            show_problem(self.detected, self.unreadable)
            self.table.setRowCount(0)  # (the rows as read before: not what these choices read)
            self.table.setColumnCount(0)
            self.completeChanged.emit()
            return
        self._show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.unreadable  # (Next is off while the file cannot be read with the choices made)

    def _encoding_problem(self, error: ImportFileProblem) -> str:
        """Text that the encoding chosen cannot read, said on this page (where the encoding is chosen), with the
        encoding the file was found to be written in."""
        text = self.tr("Some of the text cannot be read in the encoding chosen: choose another under “Characters "
                       "(encoding)”.")
        if error.detail:
            text = self.tr("Some of the text cannot be read in the encoding chosen ({detail}): choose another under "
                           "“Characters (encoding)”.").format(detail=translated(error.detail, "ImportWizard"))
        with suppress(SmallCrmError, OSError, LookupError):
            found = ci.sniff_with(self.w.path, dataclasses.replace(self.w.options, encoding=None)).encoding
            if found != self.chosen_encoding():
                text += " " + self.tr("The file looks written in {encoding}.").format(
                    encoding=self.encoding_name(found))
        if getattr(error, "row", None):
            text += " " + _problem_tr("Row {row}.").format(row=error.row)
        return text

    def encoding_name(self, codec: str) -> str:
        """An encoding in words, as the drop-down offers it (the codec's own name when it offers no such)."""
        i = self.encoding.findData(codec)
        return self.encoding.itemText(i) if i >= 0 else codec

    def chosen_encoding(self) -> str | None:
        """The codec chosen in the drop-down, or typed in (None: none, detect it)."""
        text = self.encoding.currentText().strip()
        i = self.encoding.findText(text)
        return self.encoding.itemData(i) if i >= 0 else text or None

    def layout_name(self) -> str:
        preset = mapping.PRESETS.get(self.w.preset) if self.w.kind == "contacts" else None
        if preset and preset.program and preset.name != "generic":
            return self.tr("the layout of {program}").format(program=program(preset))
        if self.w.kind == "purchases" and self.w.preset == "online_retail":
            return self.tr("the layout of the Online Retail data set")
        if self.w.kind == "purchases" and self.w.preset == "shopify_orders":
            return self.tr("the layout of Shopify's orders export")
        if self.w.kind == "purchases" and self.w.preset == "sumup":
            return self.tr("the layout of SumUp's transactions report (its Email column, the SumUp account's, is "
                           "left out)")
        if self.w.kind == "purchases" and self.w.preset == "stripe":
            return self.tr("the layout of Stripe's payments export (each charge by its own number)")
        if self.w.kind == "purchases" and self.w.preset == "lightspeed_x":
            return self.tr("the layout of Lightspeed Retail X-Series' sales export (a receipt's total on its Sale row, "
                           "its items on its Sale Line rows)")
        if self.w.kind == "purchases" and self.w.preset == "etsy":
            return self.tr("the layout of Etsy's Sold Orders (dates written month first)")
        if self.w.kind == "purchases" and self.w.preset == "etsy_items":
            return self.tr("the layout of Etsy's Sold Order Items (dates written month first; an order's shipping, "
                           "tax and discount, on each of its items' rows, count once)")
        if self.w.kind == "purchases" and self.w.preset == "paypal":
            return self.tr("the layout of PayPal's activity download (the customer's email from or to, as the money "
                           "went)")
        if self.w.kind == "purchases" and self.w.preset == "smallcrm":
            return self.tr("the layout of smallcrm's own purchases export (a purchase's items on rows of its number, "
                           "each refund with the purchase it pays back)")
        if not any(self.w.headers):
            return self.tr("what each column holds to be chosen on the next page")
        return self.tr("columns read by their names (not the layout of a program smallcrm knows)")

    def _show(self) -> None:
        d = self.w.dialect
        # the country of phone numbers: for a customer list, or a sales file with a phone column
        for widget in (self.region, self.labels[self.region]):
            widget.setVisible(self.w.kind == "contacts" or "phone" in self.w.fields)
        quotes = {'"': self.tr("text in double quotes"), "'": self.tr("text in single quotes"),
                  "": self.tr("no quotes")}[d.quotechar]
        self.detected.setStyleSheet("")  # (in the problem colour while the choices could not be read)
        for widget in (self.delimiter, self.quote, self.header_row, self.row_end):  # (a vCard file has none)
            widget.setEnabled(d.vcard is None)
            self.labels[widget].setEnabled(d.vcard is None)
        if d.vcard is not None:
            self.detected.setText(self.tr("Detected: a vCard file of contacts, characters in {encoding}. Each contact "
                                          "is a row below, its phones, emails and addresses in columns.").format(
                encoding=self.encoding_name(d.encoding)))
        else:
            names = (self.tr("no row of column names (the columns are numbered)") if d.unnamed_columns else
                     self.tr("column names on row {row}").format(row=d.header_row + d.first_row_number))
            self.detected.setText(self.tr("Detected: characters in {encoding}, columns separated by “{sep}”, "
                                          "{quotes}, {names}, lines ending in {ends}, {layout}.")
                                  .format(encoding=self.encoding_name(d.encoding),
                                          sep={"\t": self.tr("tab")}.get(d.delimiter, d.delimiter), quotes=quotes,
                                          names=names, ends=self.tr(LINE_ENDINGS[d.line_ending]),
                                          layout=self.layout_name()))
        if self.w.options.preset == "auto":  # what "detect" found, in its item
            if self.w.kind == "purchases":
                writer = self.program_name(self.w.preset) if self.w.preset in pi.LAYOUTS else ""
            else:
                found = mapping.PRESETS.get(self.w.preset)
                writer = program(found) if found and found.name != "generic" else ""
            writer = writer or self.tr("Another program")
            # the program first: the combo is half the page wide and cuts a long item's end
            self.preset.setItemText(0, self.tr("{program} (detected)").format(program=writer))
            self.preset.setItemData(0, self.tr("Detected from the file's column names"), Qt.ItemDataRole.ToolTipRole)
        rows = reader.preview(self.w.path, d, 20)
        headers = self.w.headers
        self.table.setColumnCount(max([len(headers), *(len(r) for r in rows)]))
        if not any(headers):  # (a file with no row of column names: its columns by number, as the next page has them)
            headers = [self.tr("Column {number}").format(number=c + 1) for c in range(len(headers))]
        self.table.setHorizontalHeaderLabels(headers + [""] * (self.table.columnCount() - len(headers)))
        _fill(self.table, rows)
        _fit_columns(self.table)

    def validatePage(self) -> bool:
        if self.unreadable:  # (Next is off then; Enter too)
            return False
        text = self.region.text().strip()  # "UK" is GB
        if text and self.region.isVisible() and cleaning.region_code(text) is None:
            from smallcrm.gui.contact_form import show_problem

            show_problem(self.region_problem, self.tr(
                "“{code}” is no country's code. Under “Phone numbers from”, write the two letters of the country of "
                "numbers written without +country, such as FR, DE or GB, or leave it empty.").format(code=text))
            self.region.setFocus()
            self.region.selectAll()
            return False
        self.w.options.region = self.typed_region()
        return True


class MappingPage(QWizardPage):
    """One drop-down per column, and the first rows (or receipts) as they will be stored."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Which column goes where"))
        self.setSubTitle(self.tr("Change a column's field with its drop-down. Below: the first rows exactly as "
                                 "they will be stored."))
        self.columns = QTableWidget(3, 0)
        self.columns.setVerticalHeaderLabels([self.tr("Column"), self.tr("Goes to"), self.tr("For example")])
        self.columns.horizontalHeader().hide()
        self.columns.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.columns.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setTabKeyNavigation(False)  # (as _table's: Tab goes from drop-down to drop-down, then on)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.replan)
        self.choices = QFormLayout()  # the date orders to say, and for purchases how to read the rows
        self.choices.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.preview = _table([])
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.save = QPushButton(self.tr("Save this &mapping…"))
        self.save.clicked.connect(self.save_mapping)
        self.saved = QComboBox()
        self.saved.setAccessibleName(self.tr("Use a saved mapping"))
        self.saved.activated.connect(self.use_saved)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()  # (the status above, the whole width: beside the saved mappings, French wrapped it small)
        row.addStretch(1)
        row.addWidget(self.saved)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns)
        layout.addLayout(self.choices)
        self._sale_options()
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.combos: list[QComboBox] = []
        self.date_combos: dict[int, QComboBox] = {}
        self.in_sight: int | None = None  # the preview column of the field a column was last given
        self.rejected: dict = {}  # a preview row -> the Reject it shows, to correct with a double click
        self._separator_for: tuple | None = None  # the file and how it was read, when wrong_separator looked
        self.planned_with: tuple | None = None  # the duplicates' choices the rows shown were planned with
        self._separator: str | None = None
        self.preview.cellDoubleClicked.connect(self.fix_row)
        # a sale's columns fitted again to a new width, once the window's layout has settled
        self.refit = QTimer(self)
        self.refit.setSingleShot(True)
        self.refit.timeout.connect(self._fit_receipts)
        self.preview.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.preview.viewport() and event.type() == QEvent.Type.Resize
                and event.size().width() != event.oldSize().width() and self.w.kind == "purchases"
                and self.preview.rowCount()):
            self.refit.start(0)
        return super().eventFilter(watched, event)

    def _fit_receipts(self) -> None:
        _fit_columns(self.preview)
        _wrap_last_column(self.preview)

    def _sale_options(self) -> None:
        """For purchases: how rows name their customer, and the currency of rows that do not say."""
        self.match = QComboBox()
        for key, label in MATCHES:
            self.match.addItem(self.tr(label), key)
        self.match.setAccessibleName(self.tr("Find each row's customer by"))
        self.match.currentIndexChanged.connect(self._changed)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.setAccessibleName(self.tr("Currency of rows without one"))
        self.currency.currentTextChanged.connect(self._changed)
        self.choices.addRow(self.tr("Find each row's &customer by"), self.match)
        self.choices.addRow(self.tr("C&urrency of rows without one"), self.currency)

    def initializePage(self) -> None:
        purchases = self.w.kind == "purchases"
        headers, fields = self.w.headers, self.w.fields
        # (a sales file's column left out on purpose, "ignore", is shown as any column not used: "(ignore)")
        names = ["", *(name for name in pi.FIELDS if name != "ignore")] if purchases else list(mapping.FIELDS)
        self.columns.setColumnCount(len(headers))
        self.combos = []
        examples = self._examples(len(headers))
        for c, (header, target) in enumerate(zip(headers, fields)):
            name = QTableWidgetItem(header)
            said = self.tr("Field for column {header}").format(header=header)
            if not header.strip():  # named as the notes and the rejected rows name it, in grey: not the file's name
                name.setText(self.tr("Column {number}").format(number=c + 1))
                said = self.tr("Field for column {number}").format(number=c + 1)
                name.setForeground(self.palette().placeholderText())
                font = name.font()
                font.setItalic(True)
                name.setFont(font)
            self.columns.setItem(0, c, name)
            example = QTableWidgetItem(examples[c] if len(examples[c]) <= PREVIEW_VALUE
                                       else examples[c][:PREVIEW_VALUE - 1] + "…")
            example.setToolTip(examples[c])
            example.setForeground(self.palette().placeholderText())
            self.columns.setItem(2, c, example)
            combo = QComboBox()
            labels = [field_text(name, self.w.kind) for name in names]
            for label, name in zip(labels, names):
                combo.addItem(label, name)
            # as the owner chose it, or as found (the format page's choices, changed, start it again)
            combo.setCurrentIndex(max(0, combo.findData(self.w.options.overrides.get(c, target))))
            # as wide as the column's name or example, not as its longest choice; the list opens as wide as they
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            _fit_choice(combo)
            combo.view().setMinimumWidth(max(map(combo.fontMetrics().horizontalAdvance, labels))
                                         + 3 * combo.fontMetrics().height())  # (its margins and scroll bar)
            combo.setAccessibleName(said)
            combo.currentIndexChanged.connect(self._changed)
            self.columns.setCellWidget(1, c, combo)
            self.combos.append(combo)
        self._name_label_columns()
        self._list_saved()
        self.save.setVisible(not purchases)  # saved mappings are of contact fields
        self.columns.resizeColumnsToContents()
        self.columns.resizeRowsToContents()
        self.columns.setFixedHeight(sum(self.columns.rowHeight(r) for r in range(self.columns.rowCount()))
                                    + self.columns.horizontalScrollBar().sizeHint().height() + 4)
        self._clear_dates()
        self._show_sale_options()
        headings = self._sale_headings() if purchases else self._contact_headings()
        self.preview.setColumnCount(len(headings))
        self.preview.setHorizontalHeaderLabels(headings)
        header = self.preview.horizontalHeader()
        for logical in range(len(headings)):
            header.moveSection(header.visualIndex(logical), logical)
        if not purchases:  # why a row is skipped or rejected: third, in sight among a customer's many columns
            header.moveSection(header.visualIndex(len(headings) - 1), 2)
        self.preview.setRowCount(0)
        self.replan()

    def _examples(self, width: int) -> list[str]:
        """The first value of each column in the file's first rows, on one line ("" for a column empty there)."""
        found = [""] * width
        try:
            rows = reader.preview(self.w.path, self.w.dialect, 20)
        except (SmallCrmError, OSError):
            return found  # (the dry run says what is wrong with the file)
        for row in rows:
            for c, cell in enumerate(row[:width]):
                if not found[c] and cell.strip():
                    found[c] = " ".join(cell.split())
        return found

    def _show_sale_options(self) -> None:
        purchases = self.w.kind == "purchases"
        for widget in (self.match, self.currency):
            self.choices.setRowVisible(widget, purchases)
        if not purchases:
            return
        for widget in (self.match, self.currency):
            widget.blockSignals(True)
        self.match.setCurrentIndex(max(0, self.match.findData(self.w.options.match)))
        shop = shop_currency()
        self.currency.clear()
        self.currency.addItems(list(dict.fromkeys((shop, *CURRENCIES))))
        self.currency.setCurrentText(self.w.options.currency or shop)
        for widget in (self.match, self.currency):
            widget.blockSignals(False)

    def _contact_headings(self) -> list[str]:
        return [self.tr("Row"), self.tr("Will"), self.tr("Name"), self.tr("Company"), self.tr("Emails"),
                self.tr("Phones"), self.tr("Address"), self.tr("Birthday"), self.tr("Tags"), self.tr("Notes"),
                self.tr("Why")]

    def _sale_headings(self) -> list[str]:
        return [self.tr("Rows"), self.tr("Will"), self.tr("Date"), self.tr("Receipt"), self.tr("Customer"),
                self.tr("Amount"), self.tr("Points"), self.tr("Why")]

    def mapped_fields(self) -> list[str]:
        return [combo.currentData() for combo in self.combos]

    def _changed(self) -> None:
        """A choice changed: the preview is read again once the typing or clicking pauses."""
        if self.sender() in self.combos:
            chosen = self.sender().currentData()
            self.in_sight = PREVIEW_COLUMN.get(chosen)
            if chosen not in mapping.REPEATABLE:  # another column that had this field gives it up (as the import does)
                for combo in self.combos:
                    if combo is not self.sender() and combo.currentData() == chosen:
                        with QSignalBlocker(combo):
                            combo.setCurrentIndex(combo.findData(ci.given_up(chosen,
                                                                             purchases=self.w.kind == "purchases")))
                        _fit_choice(combo)
            self._name_label_columns()
            _fit_choice(self.sender())
            self.columns.resizeColumnsToContents()
        self.w.plan = None
        self.completeChanged.emit()
        self.timer.start()

    def _name_label_columns(self) -> None:
        """A contacts file's column left out that says what kind each number or address of another column is
        ("Telefontyp" beside "Telefon") says so in place of "(ignore)": what it holds is not lost."""
        if self.w.kind == "purchases":
            return
        headers = self.w.headers
        kinds = mapping.label_columns(headers, [c for c, combo in enumerate(self.combos)
                                                if combo.currentData() in ("phone", "email")])
        of = {j: headers[i] for i, j in kinds.items()}
        for c, combo in enumerate(self.combos):
            text = (self.tr("(kind of {column})").format(column=of[c]) if c in of
                    else field_text("ignore", self.w.kind))
            combo.setItemText(combo.findData("ignore"), text)
            _fit_choice(combo)

    def _clear_dates(self) -> None:
        for combo in self.date_combos.values():
            self.choices.removeRow(combo)
        self.date_combos = {}

    def _ask_dates(self, plan, columns: list[int]) -> None:
        self._clear_dates()
        for column in columns:
            combo = QComboBox()
            combo.addItem(self.tr("Choose…"), None)
            combo.addItem(self.tr("Day first (31/12/1980)"), "dmy")
            combo.addItem(self.tr("Month first (12/31/1980)"), "mdy")
            chosen = self.w.options.date_orders.get(column)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(self._date_chosen)
            label = self.tr("Dates in “{header}” are written").format(header=plan.headers[column])
            self.choices.insertRow(len(self.date_combos), label, combo)
            self.date_combos[column] = combo

    def _date_chosen(self) -> None:
        for column, combo in self.date_combos.items():
            if combo.currentData():
                self.w.options.date_orders[column] = combo.currentData()
        self.replan()

    def take_choices(self) -> None:
        """Put the choices on this page into the import's options (the preview is read again with them)."""
        fields = self.mapped_fields()
        self.w.options.overrides = {i: f for i, f in enumerate(fields) if f != self.w.fields[i]}
        if self.w.kind == "purchases":
            self.w.options.match = self.match.currentData()
            self.w.options.currency = self.currency.currentText().strip().upper() or None

    def replan(self) -> None:
        self.timer.stop()
        self.take_choices()
        self.w.plan = None
        self.planned_with = self.w.options.on_duplicate, dict(self.w.options.row_choices)
        self.completeChanged.emit()
        self._say(self.tr("Reading the file…"))
        self.w.plan_in_background(self._planned, self._not_planned,
                                  lambda rows, total: self._say(self.w.reading_text(rows, total)),
                                  self._first_look)

    def _say(self, text: str, *, problem: bool = False, hint: bool = False) -> None:
        """What the page is doing or found; a problem in the colour of problems, advice in that of advice."""
        if problem or hint:
            from smallcrm.gui.contact_form import show_problem

            show_problem(self.status, text, hint=hint)
        else:
            self.status.setStyleSheet("")
            self.status.setText(text)

    def _first_look(self, plan) -> None:
        """The first rows, shown while the rest of the file is read."""
        self._planned(plan)
        if not plan.ambiguous_columns:
            self._say(self.tr("Reading the file…"))

    def _planned(self, plan) -> None:
        answered = [c for c in self.w.options.date_orders if c < len(plan.headers)]  # stay, to be changed
        asked = sorted({*plan.ambiguous_columns, *answered})
        if list(self.date_combos) != asked:
            self._ask_dates(plan, asked)
        if self.w.kind == "purchases":
            self._show_receipts(plan)
        else:
            self._show_contacts(plan)
        if plan.ambiguous_columns:
            self._say(self.tr("Say above how the dates are written: the values could be read either way."),
                      hint=True)
        self.completeChanged.emit()

    def _not_planned(self, error) -> None:
        self.preview.setRowCount(0)
        self._say(self.w.problem(error), problem=True)
        self.completeChanged.emit()

    def _why_rejected(self, reject) -> str:
        """Why a row cannot be imported, with the value that stops it (cut short: it can be long)."""
        if reject is None:
            return ""
        if not reject.value:
            return reason_text(reject.reason)
        value = reject.value if len(reject.value) <= PREVIEW_VALUE else reject.value[:PREVIEW_VALUE - 1] + "…"
        return self.tr("{reason}: “{value}”").format(reason=reason_text(reject.reason), value=value)

    def _same_as(self, p, dupes: dict) -> str:
        """Which customer, or earlier row, a planned row matches and why ("" when it matches none)."""
        why = duplicate_text(p.duplicate_reason)
        if p.duplicate_row is not None:
            return self.tr("same as row {n} ({why})").format(n=p.duplicate_row, why=why)
        if p.duplicate_of:
            d = dupes.get(p.row)
            if d is not None and d.same_as:
                return self.tr("same as {who} ({why})").format(who=d.same_as, why=why)
            return self.tr("same as customer #{id} ({why})").format(id=p.duplicate_of, why=why)
        if p.duplicate_reason == ci.ERASED:
            return self.tr("erased at their request: not added again")
        return ""

    def _show_contacts(self, plan) -> None:
        dupes = {d.row: d for d in plan.duplicates}
        region = default_region()
        rows = []
        for p in plan.preview:
            c = p.contact
            will = {"create": self.tr("add"), "update": self.tr("update"), "join": self.tr("join"),
                    "skip": self.tr("skip"), "reject": self.tr("reject")}[p.action]
            if c is None:
                rows.append([str(p.row), will, "", "", "", "", "", "", "", "", self._why_rejected(p.reject)])
                continue
            name = display_name(c.first_name, c.last_name)  # (as it will be shown: "李小龍", family name first)
            address = ", ".join(address_lines(c.street, c.postal_code, c.city, c.country, region))
            # phone numbers as the customer's details will show them (national form for the shop's country), and
            # each number's and address's kind after it
            phones = [with_label(display_phone(n.e164, n.raw, region), n.label, fmt.label_name)
                      for n in c.phone_details] if c.phone_details else c.phones
            emails = [with_label(email, label, fmt.label_name) for email, label in zip(c.emails, c.email_labels)]
            # (read once the order is answered; as the customer's details will show it, "3 April 1990")
            birthday = "?" if c.birthday and plan.ambiguous_columns else fmt.birthday(c.birthday)
            rows.append([str(p.row), will, name, c.company, ", ".join(emails), ", ".join(phones), address,
                         birthday, ", ".join(c.tags), " · ".join(c.notes.splitlines()),
                         self._why_rejected(p.reject) if p.reject else self._same_as(p, dupes)])
        _fill(self.preview, rows)
        _fit_columns(self.preview, wide=self.preview.columnCount() - 1)  # (why a row is left out, or joined)
        if self.in_sight is not None and rows:
            self.preview.scrollToItem(self.preview.item(0, self.in_sight))
        self.rejected = {i: p.reject for i, p in enumerate(plan.preview) if p.reject is not None}
        n = plan.counts
        self._say(self.tr("{rows} rows: {create} to add, {update} to update, {skip} to skip, "
                          "{reject} to reject.").format(rows=fmt.number(plan.rows), **{
                              k: fmt.number(n.get(k, 0)) for k in ("create", "update", "skip", "reject")})
                  + joined_text(n.get("join", 0)) + self._fix_hint())
        separator = self.wrong_separator()
        if separator is not None:
            self._say(problem_text(InvalidValue("delimiter", separator, "separator"), started=False), problem=True)
        elif not self._names_someone(plan) and not any(self.w.headers):
            self._say(self.tr("The file has no row of column names: choose above which column holds the name, the "
                              "email or the phone, and what the others hold."), problem=True)
        elif not self._names_someone(plan):
            self._say(self.tr("No column goes to a name, company, email or phone, so no row can become a customer. "
                              "Choose one above; or, if the column names are a customer's, go Back: the file has no "
                              "row of column names: choose “None” under “Column names on row”."), problem=True)

    def _show_receipts(self, plan) -> None:
        """The receipts as they will be stored: local time, the customer found (or not), amount, points."""
        names = contact_rows(sorted({p.contact_id for p in plan.preview if p.contact_id}))
        will = {"create": self.tr("record"), "refund": self.tr("refund"), "skip": self.tr("skip"),
                "pay": self.tr("mark paid"), "reject": self.tr("reject")}
        asked = bool(plan.ambiguous_columns)  # the dates are read once the owner says how they are written

        def when(p) -> str:  # (the day alone of a file that gives no time: not a time it made up)
            if asked:
                return "?"
            moment = from_utc_text(p.occurred_at)
            return fmt.short_day(moment.astimezone().date()) if pi.date_only(p.occurred_at) else fmt.when(moment)

        shown = [(p.rows[0], [_row_numbers(p.rows), will[p.action], when(p),
                              p.reference, self._customer(p, names), fmt.money(p.total_minor, p.currency),
                              fmt.number(p.points) if p.points else "", reason_text(p.reason)])
                 for p in plan.preview]
        # A row rejected as it was read belongs to no receipt: shown among the receipts of the rows around it (after
        # the last one shown only when every receipt is shown: the rows after it are not)
        covered = {n for p in plan.preview for n in p.rows}
        last = None if len(plan.preview) < pi.PREVIEW else max(covered, default=None)
        # (its date, receipt, customer and amount as the file writes them)
        shown += [(r.row, [str(r.row), will["reject"], *plan.written.get(r.row, ("",) * 4), "",
                           self._why_rejected(r)])
                  for r in plan.rejects if r.row not in covered and (last is None or r.row < last)][:pi.PREVIEW]
        shown.sort(key=lambda item: item[0])
        _fill(self.preview, [row for _, row in shown])
        _align_right(self.preview, (5, 6))
        self._fit_receipts()
        rejects = {}
        for r in plan.rejects:
            rejects.setdefault(r.row, r)
        self.rejected = {i: rejects[first] for i, (first, row) in enumerate(shown)
                         if row[1] == will["reject"] and first in rejects}
        n = plan.counts
        self._say(self.tr("Purchases to record: {purchases} (refunds: {refunds}). To skip: {skip}. Rows to "
                          "reject: {reject}. New customers: {customers}.").format(
            customers=fmt.number(n["customers_created"]),
            **{k: fmt.number(n[k]) for k in ("purchases", "refunds", "skip", "reject")})
            + points_text(n["points"]) + without_customer_text(n["without_customer"]) + marked_paid_text(n["paid"])
            + self._fix_hint())

    def _fix_hint(self) -> str:
        return " " + self.tr("Double-click a rejected row to correct it.") if self.rejected else ""

    def fix_row(self, row: int, _column: int = 0) -> None:
        """Correct a rejected row of the preview (the summary page's Fix…, here by a double click)."""
        reject = self.rejected.get(row)
        if reject is None or self.w.plan is None or self.w.fixing:
            return
        self.w.fix_reject(self, reject, lambda fixed: fixed and self.replan())

    def _customer(self, p, names) -> str:
        if p.contact_id in names:
            return names[p.contact_id].name
        if not p.customer:
            return self.tr("no customer")
        if p.action in ("create", "refund"):
            return self.tr("new customer: {key}").format(key=p.written)
        if p.reason.startswith(pi.NO_CUSTOMER):
            return self.tr("not found: {key}").format(key=p.written)
        return p.written  # (left out before the customer was looked for)

    def _names_someone(self, plan) -> bool:
        """Whether a row can be someone: a column goes to a name, company, email or phone, and the columns were
        read with the file's separator."""
        return self.w.kind != "contacts" or (any(name in ci.WHO_FIELDS for name in plan.fields)
                                             and self.wrong_separator() is None)

    def wrong_separator(self) -> str | None:
        """ci.wrong_separator, looked for once for the choices the file was read with."""
        made_of = (self.w.path, self.w.dialect)
        if self._separator_for != made_of:
            self._separator_for = made_of
            self._separator = ci.wrong_separator(self.w.path, self.w.options) if len(self.w.headers) == 1 else None
        return self._separator

    def isComplete(self) -> bool:
        plan = self.w.plan
        return (plan is not None and all(c in self.w.options.date_orders for c in plan.ambiguous_columns)
                and self._names_someone(plan))

    def _list_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem(self.tr("Use a saved mapping…"), None)
        for name in mapping.saved_mappings():
            self.saved.addItem(name, name)
        self.saved.setVisible(self.saved.count() > 1 and self.w.kind == "contacts")

    def use_saved(self) -> None:
        name = self.saved.currentData()
        if not name:
            return
        for combo, target in zip(self.combos, mapping.load_mapping(name).fields_for(self.w.headers)):
            if target is None:  # (a column the mapping does not know keeps its choice)
                continue
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.blockSignals(False)
        self.replan()

    def save_mapping(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Name for this mapping:"))
        if ok and name.strip():
            mapping.save_mapping(name.strip(), self.w.headers, self.mapped_fields())
            self._list_saved()


class RowsModel(QAbstractTableModel):
    """A list of rows under fixed headings, read only (subclasses say what each row shows)."""

    def __init__(self, headings: list[str], parent=None):
        super().__init__(parent)
        self.headings = headings
        self.rows: list = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headings)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings[section]
        return None


class ChoiceRowsModel(RowsModel):
    """Rows to list with the owner's choice for each in the last column, kept in a dict shared with the
    import's options (a row left "as chosen above" is not in it)."""

    right_aligned: tuple[int, ...] = ()

    def __init__(self, headings: list[str], choice_labels: dict[str, str], parent=None):
        super().__init__(headings, parent)
        self.choice_labels = choice_labels  # choice ("" for the one chosen above) -> words
        self.choice_column = len(headings) - 1
        self.choices: dict = {}

    def key(self, row):
        """What the choices dict knows `row` by."""
        raise NotImplementedError

    def cells(self, row) -> tuple[str, ...]:
        """The words of every column but the choice."""
        raise NotImplementedError

    def reset(self, rows: list, choices: dict) -> None:
        self.beginResetModel()
        self.rows, self.choices = rows, choices
        self.endResetModel()

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == self.choice_column else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole and column == self.choice_column:
            return self.choices.get(self.key(row), "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.choice_column:
                return self.choice_labels[self.choices.get(self.key(row), "")]
            return self.cells(row)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.choice_column or role != Qt.ItemDataRole.EditRole:
            return False
        if value not in self.choice_labels:
            return False
        key = self.key(self.rows[index.row()])
        if value:
            self.choices[key] = value
        else:
            self.choices.pop(key, None)
        self.dataChanged.emit(index, index)
        return True

    def set_choice(self, rows, value: str) -> None:
        """The same choice for every row in `rows` (positions in the list; "" for the one chosen above)."""
        rows = sorted(set(rows))
        if not rows or value not in self.choice_labels:
            return
        for r in rows:
            key = self.key(self.rows[r])
            if value:
                self.choices[key] = value
            else:
                self.choices.pop(key, None)
        self.dataChanged.emit(self.index(rows[0], self.choice_column), self.index(rows[-1], self.choice_column))


class DuplicateRowsModel(ChoiceRowsModel):
    """Every duplicate row of the file, with the owner's choice for it (ImportOptions.row_choices)."""

    right_aligned = (0,)

    def __init__(self, headings: list[str], choice_labels: dict[str, str], row_text, parent=None):
        super().__init__(headings, choice_labels, parent)
        self.row_text = row_text  # earlier row number -> words

    def key(self, row: ci.DuplicateRow) -> int:
        return row.row

    def cells(self, d: ci.DuplicateRow) -> tuple[str, ...]:
        return (str(d.row), d.name, d.same_as if d.duplicate_of else self.row_text(d.duplicate_row),
                duplicate_text(d.reason))


class UnmatchedModel(ChoiceRowsModel):
    """The customers a purchases file names who are not in the book, with the owner's choice for each
    (PurchaseImportOptions.customer_choices)."""

    right_aligned = (2,)

    def key(self, row: pi.Unmatched) -> str:
        return row.key

    def cells(self, u: pi.Unmatched) -> tuple[str, ...]:
        return (u.written or u.key, u.name, fmt.number(u.purchases), _row_numbers(u.rows))


def _choice_table(table: QTableView, model: ChoiceRowsModel) -> None:
    """A table of rows with a choice each, drawn as a drop-down: one click on it opens its list (F2 or a
    double-click too); rows are selected whole, several at a time with Shift or Ctrl."""
    table.setModel(model)
    table.setItemDelegateForColumn(model.choice_column, ChoiceDelegate(table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setTabKeyNavigation(False)  # (as _table's)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    table.horizontalHeader().setStretchLastSection(True)

    def clicked(index: QModelIndex) -> None:
        if index.column() != model.choice_column or QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
            return  # (Shift or Ctrl: a click that selects)
        table.edit(index)
        editor = table.indexWidget(index)
        if isinstance(editor, QComboBox):
            editor.showPopup()

    table.clicked.connect(clicked)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the choices for one row, drawn as one in every row; the choice counts as soon as it is
    picked."""

    def paint(self, painter, option, index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        box = QStyleOptionComboBox()
        if widget is not None:
            box.initFrom(widget)  # (its palette and direction)
        box.rect = option.rect.adjusted(2, 2, -2, -2)
        box.state = QStyle.StateFlag.State_Enabled | (option.state & QStyle.StateFlag.State_MouseOver)
        box.currentText = item.text
        box.frame = True
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = QStyleOptionComboBox()
        return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, box, size, widget)

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for key, label in index.model().choice_labels.items():
            combo.addItem(label, key)
        combo.activated.connect(lambda _=None, box=combo: self._picked(box))
        return combo

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData())


class SelectedRowsChoice(QWidget):
    """Under a table of rows with a choice each: one choice for all the selected rows at once."""

    def __init__(self, table: QTableView, model: ChoiceRowsModel, label: str, parent=None):
        super().__init__(parent)
        self.table, self.model = table, model
        self.choice = QComboBox()
        for key, words in model.choice_labels.items():
            self.choice.addItem(words, key)
        self.choice.setCurrentIndex(1 if self.choice.count() > 1 else 0)  # (the first that is not "as above")
        self.choice.setAccessibleName(label.replace("&", "").rstrip(": \u00a0\u202f"))
        self.apply = QPushButton(self.tr("&Apply"))
        self.apply.setToolTip(self.tr("Give every selected row this choice"))
        self.apply.clicked.connect(self.apply_to_selected)
        name = QLabel(label)
        name.setBuddy(self.choice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(name)
        row.addWidget(self.choice)
        row.addWidget(self.apply)
        row.addStretch(1)
        table.selectionModel().selectionChanged.connect(self.update_enabled)
        model.modelReset.connect(self.update_enabled)
        self.update_enabled()

    def selected_rows(self) -> list[int]:
        return [index.row() for index in self.table.selectionModel().selectedRows()]

    def update_enabled(self) -> None:
        self.apply.setEnabled(self.table.selectionModel().hasSelection())

    def apply_to_selected(self) -> None:
        self.model.set_choice(self.selected_rows(), self.choice.currentData())


class DuplicatesPage(QWizardPage):
    """A choice for all the rows that match a customer in the book, and one for each of those rows."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Customers you already have"))
        self.setSubTitle(self.tr("Rows with the same email or phone as a customer in your book or a row above "
                                 "in the file, or a very similar name and one more detail in common."))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        choices = QGridLayout()  # in two columns: the list of rows below keeps its room in a small window
        choices.setColumnStretch(1, 1)
        for i, (key, label) in enumerate(POLICIES):
            button = QRadioButton(self.tr(label))
            button.setProperty("policy", key)
            self.group.addButton(button)
            choices.addWidget(button, i // 2, i % 2)
            if key == "skip":
                button.setChecked(True)
        layout.addLayout(choices)
        self.group.buttonClicked.connect(self._policy)
        labels = {"": self.tr("As chosen above")}
        labels.update((key, self.tr(label).split(":")[0].strip()) for key, label in POLICIES)
        self.model = DuplicateRowsModel(
            [self.tr("Row"), self.tr("In the file"), self.tr("Same as"), self.tr("Because"), self.tr("For this row")],
            labels, lambda n: self.tr("row {n}").format(n=n), self)
        self.table = QTableView()
        _choice_table(self.table, self.model)
        self.table.setAccessibleName(self.tr("Rows that match a customer"))
        self.table.setMinimumHeight(_height_of_rows(self.table, 3))
        self.hint = QLabel(self.tr("Click “For this row” to choose for one row, or select several rows (Shift- or "
                                   "Ctrl-click) and choose below the list."))
        self.hint.setWordWrap(True)
        self.for_selected = SelectedRowsChoice(self.table, self.model, self.tr("For the se&lected rows:"))
        self.none = QLabel(self.tr("No duplicates were found."))
        # what the row selected would change in its customer, with each choice
        self.compared = QLabel()
        self.compared.setWordWrap(True)
        self.changes = _table([self.tr("Field"), self.tr("The customer now"), self.tr("If you fill in"),
                               self.tr("If you overwrite")])
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes.setAccessibleName(self.tr("What the row would change"))
        self.changes.hide()
        self._looked = 0  # the latest comparison asked for
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._compare())
        self.model.dataChanged.connect(lambda *_: self._compare())  # (a row's choice, which the words follow)
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.for_selected)
        layout.addWidget(self.compared)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.none)
        layout.addStretch()  # (the table takes the room when there is one; else the words stay under the choices)
        # Tags for everyone the import adds or changes: to find them again, or to send them one message.
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Separate tags with commas, e.g. Spring fair, Newsletter"))
        completer = QCompleter(all_tags(), self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.tags.textChanged.connect(self._tags_changed)
        tags_label = QLabel(self.tr("&Tag the customers this import adds or changes:"))
        tags_label.setBuddy(self.tags)
        self.tags_problem = QLabel()
        self.tags_problem.setWordWrap(True)
        self.tags_problem.hide()
        row = QHBoxLayout()
        row.addWidget(tags_label)
        row.addWidget(self.tags, 1)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.tags_problem)

    def _policy(self, button) -> None:
        self.w.options.on_duplicate = button.property("policy")

    def _tags_changed(self) -> None:
        from smallcrm.gui.contact_form import show_problem

        self.w.options.tags = self._typed_tags()
        try:
            ci.import_tags(self.w.options)
            show_problem(self.tags_problem, None)
        except InvalidValue as e:
            show_problem(self.tags_problem, field_problem(e))
        self.completeChanged.emit()

    def _typed_tags(self) -> list[str]:
        return [t.strip() for t in self.tags.text().split(",") if t.strip()]

    def isComplete(self) -> bool:
        return self.tags_problem.isHidden()

    def cleanupPage(self) -> None:
        """Back to the columns, whose preview says what each row will do: as chosen here now."""
        super().cleanupPage()
        page = self.w.mapping_page
        if page.planned_with != (self.w.options.on_duplicate, self.w.options.row_choices):
            page.replan()

    def initializePage(self) -> None:
        for button in self.group.buttons():  # (another file may have been opened since: its choice is "skip")
            button.setChecked(button.property("policy") == self.w.options.on_duplicate)
        if self._typed_tags() != self.w.options.tags:
            self.tags.setText(", ".join(self.w.options.tags))  # (another file was opened since)
        dupes = getattr(self.w.plan, "duplicates", [])
        self.model.reset(dupes, self.w.options.row_choices)
        self.table.resizeColumnsToContents()
        # no higher than its rows (three at least): the room left is for what the row selected would change
        self.table.setMaximumHeight(_height_of_rows(self.table, min(max(len(dupes), 3), 1000)))
        for widget in (self.table, self.hint, self.for_selected, self.compared):
            widget.setVisible(bool(dupes))
        self.none.setVisible(not dupes)
        self._compare()

    def _compare(self) -> None:
        """For the one row selected: what it would change in the customer it matches, if filled in or overwritten."""
        self._looked += 1
        look = self._looked
        self.changes.hide()
        selected = self.table.selectionModel().selectedRows()
        if len(selected) != 1:
            self.compared.setText(self.tr("Select a row to see what it would change in the customer.") if not selected
                                  else self.tr("{n} rows are selected: select one to see what it would change in its "
                                               "customer.").format(n=fmt.number(len(selected))))
            return
        d = self.model.rows[selected[0].row()]
        if d.duplicate_of is None:  # (what becomes of it, as chosen for it)
            # (by "skip" chosen for all, it fills in what the customer that row adds lacks: deciding.Decider)
            policy = self.w.options.on_duplicate
            choice = self.w.options.row_choices.get(d.row, "fill" if policy == "skip" else policy)
            self.compared.setText((
                self.tr("Row {row} is the same customer as row {earlier} of the file: as chosen, it is added as a "
                        "customer of its own.") if choice == "create" else
                self.tr("Row {row} is the same customer as row {earlier} of the file: as chosen, it is left out.")
                if choice == "skip" else
                self.tr("Row {row} is the same customer as row {earlier} of the file: it adds to what that row "
                        "brings.")).format(row=d.row, earlier=d.duplicate_row))
            return
        self.compared.setText(self.tr("Reading row {row}…").format(row=d.row))
        plan = self.w.plan
        layout = ci.FileLayout(self.w.path, self.w.dialect, plan.headers, plan.preset, plan.fields,
                               dict(plan.date_orders), [], None)

        def compared(changes) -> None:
            if shiboken6.isValid(self) and look == self._looked:
                self._show_changes(d, changes)

        def failed(error) -> None:
            if not isinstance(error, (SmallCrmError, OSError)):
                raise error
            if shiboken6.isValid(self) and look == self._looked:
                self.compared.setText(self.w.problem(error))

        run_in_background(ci.duplicate_changes, layout, copy.deepcopy(self.w.options), d.row, d.duplicate_of,
                          self.w.fixes.get(d.row), on_done=compared, on_error=failed)

    def _show_changes(self, d: ci.DuplicateRow, changes: list[ci.FieldChange] | None) -> None:
        if not changes:
            self.compared.setText(
                self.tr("Row {row} cannot be imported: the next page says why.").format(row=d.row) if changes is None
                else self.tr("Row {row} has nothing {name} does not have: filling in or overwriting changes "
                             "nothing.").format(row=d.row, name=d.same_as))
            return
        self.compared.setText(self.tr("What row {row} would change in {name} (changes in bold):").format(
            row=d.row, name=d.same_as))
        names = {"emails": "email", "phones": "phone", ci.EXTERNAL_ID: "customer_id"}

        def text(value) -> str:
            if isinstance(value, bool):
                return self.tr("Yes") if value else self.tr("No")
            if isinstance(value, tuple):  # (of emails and phones: each with its label)
                value = ", ".join(item if isinstance(item, str) else with_label(*item, fmt.label_name)
                                  for item in value)
            return " / ".join(value.splitlines()) or "—"

        def shown(change: ci.FieldChange, value) -> str:
            return (fmt.birthday(value) or "—") if change.field == "birthday" else text(value)

        _fill(self.changes, [[field_text(names.get(c.field, c.field)), shown(c, c.now), shown(c, c.fill),
                              shown(c, c.overwrite)] for c in changes])
        for r, change in enumerate(changes):
            for column, value in ((2, change.fill), (3, change.overwrite)):
                if value != change.now:
                    item = self.changes.item(r, column)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
        _fit_columns(self.changes)
        table = self.changes  # as high as its rows, or as the page has room for (it scrolls then)
        table.setMaximumHeight(_height_of_rows(table, table.rowCount()))
        table.setMinimumHeight(_height_of_rows(table, min(table.rowCount(), 3)))
        table.show()


class UnmatchedPage(QWizardPage):
    """Purchases whose customer is not in the book: create those customers, or skip their purchases; for
    all of them, and for each one."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Customers who are not in your book"))
        self.skip = QRadioButton(self.tr("&Skip their purchases"))
        self.create = QRadioButton(self.tr("C&reate them as new customers, and record their purchases"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button in (self.skip, self.create):
            self.group.addButton(button)
            layout.addWidget(button)
        self.group.buttonClicked.connect(self._chosen)
        labels = {"": self.tr("As chosen above"), "create": self.tr("Create this customer"),
                  "skip": self.tr("Skip their purchases")}
        self.model = UnmatchedModel([self.tr("In the file"), self.tr("Name"), self.tr("Purchases"), self.tr("Rows"),
                                     self.tr("For this customer")], labels, self)
        self.table = QTableView()
        _choice_table(self.table, self.model)
        self.table.setAccessibleName(self.tr("Customers who are not in your book"))
        self.hint = QLabel(self.tr("Click “For this customer” to choose for one customer, or select several "
                                   "(Shift- or Ctrl-click) and choose below the list."))
        self.hint.setWordWrap(True)
        self.for_selected = SelectedRowsChoice(self.table, self.model, self.tr("For the se&lected customers:"))
        self.none = QLabel(self.tr("Every customer the file names is in your book."))
        self.none.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.for_selected)
        layout.addWidget(self.none, 1)

    def _chosen(self, button) -> None:
        self.w.options.create_missing = button is self.create

    def initializePage(self) -> None:
        by = {"email": self.tr("email"), "phone": self.tr("phone number"), "id": self.tr("customer id"),
              "name": self.tr("name")}.get(self.w.options.match)
        unmatched = self.w.plan.unmatched
        if by is None:  # (each row by whichever of its email, id, phone and name finds someone)
            self.setSubTitle(self.tr("Rows whose customer matches no one in your book: create those customers, or "
                                     "skip their purchases."))
        else:
            self.setSubTitle(self.tr("Rows whose customer's {by} matches no one in your book: create those "
                                     "customers, or skip their purchases.").format(by=by))
        (self.create if self.w.options.create_missing else self.skip).setChecked(True)
        self.model.reset(unmatched, self.w.options.customer_choices)
        self.table.setColumnHidden(1, not any(u.name for u in unmatched))  # a file without names: no Name column
        self.table.resizeColumnsToContents()
        for widget in (self.skip, self.create, self.table, self.hint, self.for_selected):
            widget.setVisible(bool(unmatched))
        self.none.setVisible(not unmatched)


class RejectsModel(RowsModel):
    """Every rejected row of the dry run: its number, why, the column and the value."""

    def reset(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            r = self.rows[index.row()]
            why = reason_text(r.reason)
            if role == Qt.ItemDataRole.ToolTipRole and getattr(r, "detail", ""):  # (what the check found; Fix… too)
                why = QCoreApplication.translate("rejects", "{reason}: {detail}").format(
                    reason=why, detail=translated(r.detail, "messages"))
            return (str(r.row), why, r.column or "", r.value or "")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def saved_in_label() -> QLabel:
    """Where the rejected rows were saved, beside the buttons: the room they leave, on two lines if need be."""
    label = QLabel()
    label.setWordWrap(True)
    return label


class RejectsView(QTableView):
    """A list of rejected rows that asks for no more height than its minimum: the words above it keep the room they
    need, and the list takes what is left (its stretch), down to its minimum when the window is small."""

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(max(self.minimumHeight(), self.minimumSizeHint().height()))
        return hint


def rejects_table(page: QWizardPage, why: str) -> tuple[RejectsModel, QTableView]:
    """A list of rejected rows, one selected at a time: their number, `why` (the reason's heading), the column and
    the value."""
    model = RejectsModel([QCoreApplication.translate("SummaryPage", "Row"), why,
                          QCoreApplication.translate("SummaryPage", "Column"),
                          QCoreApplication.translate("SummaryPage", "Value")], page)
    view = RejectsView()
    view.setModel(model)
    read_only_rows(view)
    view.setTabKeyNavigation(False)  # (as _table's)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAccessibleName(QCoreApplication.translate("SummaryPage", "Rejected rows"))
    return model, view


def fit_rejects(view: QTableView) -> None:
    """Each column of a list of rejects as wide as its text, but the reason's at most about 60 characters (the column
    and value stay in sight; the whole reason is in its tooltip)."""
    view.resizeColumnsToContents()
    widest = 60 * view.fontMetrics().averageCharWidth()
    if view.horizontalHeader().sectionSize(1) > widest:
        view.horizontalHeader().resizeSection(1, widest)


class FittedScrollArea(QScrollArea):
    """A frameless area as high as its text at its width, when the page has the room; scrolled when not."""

    def __init__(self, inside: QWidget):
        super().__init__()
        self.setWidget(inside)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inside.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # (a text changed: another height)
            self.updateGeometry()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # (its text wraps at another width: another height)
            self.updateGeometry()

    def sizeHint(self):
        hint = super().sizeHint()
        layout = self.widget().layout()
        width = self.viewport().width() or hint.width()
        hint.setHeight(layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height())
        return hint


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Ready to import"))
        self.setSubTitle(self.tr("Nothing has been written yet. This is what the import will do."))
        self.counts = QLabel()
        font = self.counts.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.counts.setFont(font)
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.again = QLabel()  # the file was imported before
        self.again.setWordWrap(True)
        self.again.setContentsMargins(0, 0, 0, 8)  # (a gap before the counts, only while it shows)
        self.again.setAccessibleName(self.tr("Imported before"))
        self.again.hide()
        self._looked_for = 0  # the latest look for an earlier import of the file
        self.noted = QLabel()  # what reading tidied, what goes to the notes
        self.noted.setWordWrap(True)
        self.noted.setAccessibleName(self.tr("Also"))
        self.phones = QLabel()  # most phone numbers are not of the country they are read in
        self.phones.setWordWrap(True)
        self.phones.setAccessibleName(self.tr("Phone numbers"))
        self.read_as = QPushButton()  # ... and of which they are
        self.read_as.setAutoDefault(False)
        self.read_as.clicked.connect(self._read_phones_as_hinted)
        self.hinted: str | None = None
        self.model, self.rejects = rejects_table(self, self.tr("Why it cannot be imported"))
        self.rejects.selectionModel().selectionChanged.connect(lambda *_: self._update_fix())
        self.rejects.doubleClicked.connect(lambda index: self.fix_row(index.row()))
        self.fix = QPushButton(self.tr("&Fix this row…"))
        self.fix.setToolTip(self.tr("Select a rejected row in the list, then correct its cells: it is checked again"))
        self.fix.clicked.connect(lambda: self.fix_row(self.rejects.currentIndex().row()))
        self.save = QPushButton(self.tr("Save rejected rows…"))
        self.saved_in = saved_in_label()
        self.save.clicked.connect(lambda: self.w.plan is not None and self.w.save_rejects(self.w.plan.rejects,
                                                                                          self.saved_in))
        self.fixed = QLabel()
        self.fixed.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix)
        buttons.addWidget(self.save)
        buttons.addWidget(self.saved_in, 1)
        said = QWidget()  # what the import will do, and the notes on it: scrolled in a small window, not cut off
        said_layout = QVBoxLayout(said)
        said_layout.setContentsMargins(0, 0, 0, 0)
        said_layout.addWidget(self.again)
        said_layout.addWidget(self.counts)
        said_layout.addWidget(self.noted)
        phones = QHBoxLayout()
        phones.addWidget(self.phones, 1)
        phones.addWidget(self.read_as, 0, Qt.AlignmentFlag.AlignTop)
        said_layout.addLayout(phones)
        said_layout.addStretch(1)  # (the words at the top when the page has room to spare)
        self.said = FittedScrollArea(said)
        self.rejects.setMinimumHeight(_height_of_rows(self.rejects, 3))
        layout = QVBoxLayout(self)
        layout.addWidget(self.said)
        layout.addWidget(self.rejects, 1)
        layout.addWidget(self.fixed)
        layout.addLayout(buttons)
        layout.addStretch(0)  # (takes the room only when there is no table of rejects)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.last_fixed: int | None = None
        self.ready = False  # the dry run has said what the import will do, with the choices as they are
        self.writes = False  # ... and that it adds or changes something
        self._show_plan(None)

    def isComplete(self) -> bool:
        return self.ready and self.writes  # (Import is pressed knowing what it does, and that it does something)

    def _other_currencies(self, currencies: dict[str, int]) -> str:
        """Purchases in another currency than the shop's: no points, and left out of reports."""
        n = sum(currencies.values())
        most = list(currencies)  # (the most first)
        which = most[0] if len(most) == 1 else ", ".join(f"{code} ({fmt.number(currencies[code])})" for code in most)
        return (self.tr("1 purchase is in {currencies}, not the shop's currency ({shop}): it earns no points, and "
                        "reports leave it out. If the shop sells in {first}, choose it under Tools ▸ Settings first.")
                if n == 1 else
                self.tr("{n} purchases are in {currencies}, not the shop's currency ({shop}): they earn no points, and "
                        "reports leave them out. If the shop sells in {first}, choose it under Tools ▸ Settings first.")
                ).format(n=fmt.number(n), currencies=which, shop=shop_currency(), first=most[0])

    def _warnings(self, plan) -> list[tuple[str, int]]:
        """What reading tidied and what went to the notes; a sale's extra cells are left out (it has no notes)."""
        purchases = self.w.kind == "purchases"
        return [("long_sale_rows" if purchases and kind == "long_rows" else kind, n)
                for kind, n in getattr(plan, "warnings", ())]

    def initializePage(self) -> None:
        self.last_fixed = None
        self.fixed.clear()
        self._look_for_earlier_import()
        self._replan()

    def _look_for_earlier_import(self) -> None:
        """Say so when the same file (by its contents) was imported before and that import still stands."""
        from smallcrm.gui.contact_form import show_problem

        show_problem(self.again, None)
        self._looked_for += 1
        look = self._looked_for

        def found(previous) -> None:
            if not shiboken6.isValid(self) or look != self._looked_for or previous is None:
                return
            text = self.tr("This file was already imported on {when} (import {number}). Below is what importing "
                           "it again would do. If you did not mean to import it twice, press Cancel; to start over "
                           "instead, first undo that import in File ▸ Past Imports.")
            show_problem(self.again, text.format(when=fmt.when(from_utc_text(previous.started_at)),
                                                 number=previous.batch))

        def not_found(error) -> None:
            if not isinstance(error, (SmallCrmError, OSError)):
                raise error  # (a file that cannot be read: the dry run says what is wrong with it)

        run_in_background(ci.previous_import_of, self.w.path, self.w.kind, on_done=found, on_error=not_found)

    def _replan(self) -> None:
        from smallcrm.gui.contact_form import show_problem

        self.ready = False
        self.completeChanged.emit()
        self.counts.setStyleSheet("")  # (red once a dry run failed)
        self.counts.setText(self.tr("…"))
        self._show_plan(None)  # (what an earlier dry run found is out of date)

        def failed(error) -> None:  # (the file vanished or changed since the choices were made): said here
            show_problem(self.counts, self.w.problem(error) + " " + self.tr(
                "Nothing was imported. Go back to choose again, or press Cancel."))

        self.w.plan_in_background(self._planned, failed,
                                  progress=lambda rows, total: self.counts.setText(self.w.reading_text(rows, total)))

    def _show_plan(self, plan) -> None:
        """The rejected rows a dry run found, and what can be done with them; nothing while none has finished."""
        rejects = bool(plan is not None and plan.rejects)
        self.rejects.setVisible(rejects)
        self.save.setVisible(rejects)
        self.fix.setVisible(rejects)
        if plan is None:
            self.noted.hide()
            self.phones.hide()
            self.read_as.hide()

    def _update_fix(self) -> None:
        self.fix.setEnabled(self.rejects.selectionModel().hasSelection() and self.w.plan is not None
                            and not self.w.fixing)

    def fix_row(self, row: int) -> None:
        """Open the fix dialog for a rejected row; when the owner corrects it, plan again with the correction."""
        if self.w.plan is None or not 0 <= row < self.model.rowCount() or self.w.fixing:
            return
        reject = self.model.rows[row]
        self.fix.setEnabled(False)

        def done(fixed: bool) -> None:
            if fixed:
                self.last_fixed = reject.row
                self._replan()
            else:
                self._update_fix()

        self.w.fix_reject(self, reject, done)

    def _say_phone_hint(self, hint) -> None:
        """Most phone numbers are not of the country they are read in: say so, and offer the one they are of."""
        from smallcrm.gui.business_settings import country_names
        from smallcrm.gui.contact_form import show_problem

        region = ci.import_region(self.w.options)
        self.hinted = hint.region if hint is not None else None
        self.read_as.setVisible(self.hinted is not None)
        if hint is None:
            show_problem(self.phones, None)
            return
        names = country_names()
        where = names.get(region, region) if region else self.tr("no country")
        text = self.tr("Of the first {total} phone numbers, {unread} are not numbers of the country they are read in "
                       "({country}): they will be kept as typed, without their country.").format(
            unread=fmt.number(hint.unread), total=fmt.number(hint.total), country=where)
        if self.hinted is None:
            text += " " + self.tr("Go back to “What the file looks like” and choose their country under “Phone "
                                  "numbers from”.")
        else:
            text += " " + self.tr("They are numbers of another country: {country}.").format(
                country=names.get(self.hinted, self.hinted))
            self.read_as.setText(self.tr("Read them as numbers of: {country}").format(
                country=names.get(self.hinted, self.hinted)))
        show_problem(self.phones, text, hint=True)  # (advice, in the colour of one: the import can go on)

    def _read_phones_as_hinted(self) -> None:
        if self.hinted is None:
            return
        self.w.format_page.region.setText(self.hinted)
        self.w.options.region = self.hinted
        self._replan()

    def _say_fixed(self, plan) -> None:
        row = self.last_fixed
        if row is None:
            self.fixed.clear()
            return
        still = next((r for r in plan.rejects if r.row == row), None)
        if still is None:
            self.fixed.setText(self.tr("Row {row} is fixed: it will be imported with your corrections.").format(
                row=row))
        else:
            self.fixed.setText(self.tr("Row {row} still cannot be imported: {reason}").format(
                row=row, reason=reject_text(still)))

    def _planned(self, plan) -> None:
        n = plan.counts
        if self.w.kind == "purchases":
            self.counts.setText(self.tr("Purchases to record: {purchases} (refunds: {refunds}). Purchases to skip: "
                                        "{skip}. Rows to reject: {reject}. New customers: {customers}.").format(
                customers=fmt.number(n["customers_created"]),
                **{k: fmt.number(n[k]) for k in ("purchases", "refunds", "skip", "reject")})
                + points_text(n["points"]) + without_customer_text(n["without_customer"]) + marked_paid_text(n["paid"]))
        else:
            text = self.tr("Will add {create}, update {update}, skip {skip} and reject {reject} of {rows} "
                           "rows.").format(rows=fmt.number(plan.rows), **{
                               k: fmt.number(n.get(k, 0)) for k in ("create", "update", "skip", "reject")}
                           ) + joined_text(n.get("join", 0))
            tags = ci.import_tags(self.w.options)
            if tags:
                text += " " + self.tr("Tags for the customers added or updated: {tags}.").format(
                    tags=", ".join(tags))
            self.counts.setText(text)
        first_rows = getattr(plan, "warning_rows", {})

        def warning(kind: str, n: int) -> str:
            what = QCoreApplication.translate("SummaryPage", WARNINGS[kind])
            if kind in ("cut_letter", "nul_tail"):
                return "• " + what
            rows = first_rows.get("long_rows" if kind == "long_sale_rows" else kind)
            if rows:  # where to look
                return "• " + (self.tr("{what}: {n} (row {rows})") if len(rows) == n == 1 else self.tr(
                    "{what}: {n} (rows {rows})")).format(what=what, n=fmt.number(n), rows=", ".join(
                        map(str, rows)) + (", …" if n > len(rows) else ""))
            return "• " + self.tr("{what}: {n}").format(what=what, n=fmt.number(n))

        lines = [warning(kind, n) for kind, n in self._warnings(plan) if kind in WARNINGS]
        if self.w.kind == "purchases":
            if plan.with_tax:
                lines.append("• " + self.tr("“{total}” is “{amount}” with its tax added: the amounts recorded are "
                                            "“{amount}”, before tax. To record what customers paid, go back and "
                                            "choose Amount for “{total}”.").format(total=plan.with_tax[0],
                                                                                   amount=plan.with_tax[1]))
            if plan.other_currencies:
                lines.append("• " + self._other_currencies(plan.other_currencies))
            default = "create" if self.w.options.create_missing else "skip"
            unknown = sum(u.purchases for u in plan.unmatched
                          if self.w.options.customer_choices.get(u.key, default) != "create")
            lines += ["• " + self.tr("Purchases to skip ({n}): {reason}").format(n=fmt.number(count),
                                                                                 reason=reason_text(reason))
                      for reason, count in sorted(plan.skips.items(), key=lambda item: -item[1])
                      if not reason.startswith(pi.NO_CUSTOMER)]  # (those, below)
            if unknown:
                lines.append("• " + self.tr("Of the purchases to skip, those of customers not in your book: {n}. Go "
                                            "back to create those customers.").format(n=fmt.number(unknown)))
        self.noted.setText("\n".join(lines))
        self.noted.setVisible(bool(lines))
        self._say_phone_hint(getattr(plan, "phone_hint", None))
        self.model.reset(plan.rejects)
        if len(plan.rejects) == 1:  # (Fix… for the one there is, without choosing it first)
            self.rejects.selectRow(0)
        fit_rejects(self.rejects)
        self._show_plan(plan)
        self._update_fix()
        self._say_fixed(plan)
        # nothing to write (every row rejected, or skipped): Import stays off, rather than record an import of nothing
        written = n["purchases"] + n["paid"] if self.w.kind == "purchases" else n.get("create", 0) + n.get("update", 0)
        if not written:
            self.counts.setText(self.counts.text() + " " + (self.tr(
                "There is nothing to import: go back to change a choice, or fix the rejected rows below.")
                if plan.rejects else self.tr("There is nothing to import: go back to change a choice.")))
        self.writes = bool(written)
        self.ready = True
        self.completeChanged.emit()


class FixRowDialog(AsksBeforeClosing, QDialog):
    """One rejected row, to correct: the cells of the columns that are imported, as the file has them."""

    def __init__(self, parent, reject, headers: list[str], fields: list[str], cells: list[str],
                 kind: str = "contacts"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fix row {row}").format(row=reject.row))
        self.original = list(cells)
        why = QLabel(self.tr("Why it cannot be imported: {reason}").format(reason=reject_text(reject)))
        why.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[int, QLineEdit] = {}
        first = None
        for i, (header, name) in enumerate(zip(headers, fields)):
            if name in ("", "ignore"):
                continue
            edit = QLineEdit(cells[i] if i < len(cells) else "")
            edit.setAccessibleName(header)
            edit.setToolTip(self.tr("Goes to: {field}").format(
                field=field_text(name, kind)))
            label = QLabel(header.replace("&", "&&"))
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[i] = edit
            if first is None or header == reject.column:
                first = edit  # the first field, or the one the problem is in
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check &again"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        scroll = QScrollArea()  # a file of many columns (Google's has 34) scrolls, the buttons stay in sight
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else QApplication.primaryScreen()).availableGeometry()
        chrome = why.sizeHint().height() + buttons.sizeHint().height() + 4 * layout.spacing() + 40
        height = min(fields.sizeHint().height() + chrome, int(screen.height() * 0.85))
        width = fields.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 40
        self.resize(max(width, 480), height)
        if first is not None:
            first.setFocus()
            first.selectAll()

    def cells(self) -> list[str]:
        """The row's cells with the corrections (a cell left alone stays exactly as the file has it)."""
        cells = self.original + [""] * (max(self.edits, default=-1) + 1 - len(self.original))
        for i, edit in self.edits.items():
            if edit.isModified():
                cells[i] = edit.text()
        return cells


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.bar = QProgressBar()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.refusal = QLabel()  # why the import could not be undone
        self.undoing = False  # an undo under way
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.undo = QPushButton(self.tr("&Undo this import"))
        self.undo.setAutoDefault(False)  # (Enter, once the import is over, is Finish's)
        self.undo.clicked.connect(self.undo_import)
        self.customers = QPushButton(self.tr("&Show these customers…"))
        self.customers.setAutoDefault(False)
        self.customers.setToolTip(QCoreApplication.translate("ImportedCustomers", CUSTOMERS_TIP))
        self.customers.clicked.connect(self.show_customers)
        self.save = QPushButton(self.tr("Save rejected rows…"))
        self.save.setAutoDefault(False)
        self.saved_in = saved_in_label()
        self.save.clicked.connect(lambda: self.w.save_rejects(self.w.result.rejects, self.saved_in))
        # once the book is as it was (the import cancelled, failed or undone): to change a choice and import again
        self.again = QPushButton(self.tr("&Back to the summary"))
        self.again.setAutoDefault(False)
        self.again.setToolTip(self.tr("Go back to what the import will do, to change a choice and import again"))
        self.again.clicked.connect(self.back_to_summary)
        # the rows the import left out, and why (the file is not read again to list them)
        self.model, self.rejects = rejects_table(self, self.tr("Why it was not imported"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.customers)
        buttons.addWidget(self.undo)
        buttons.addWidget(self.save)
        buttons.addWidget(self.again)
        buttons.addWidget(self.saved_in, 1)
        self.box = layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.text)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons)
        layout.addWidget(self.rejects)
        layout.addStretch(1)
        self.done = False
        # The rows read so far are written out at most this often, however often the import reports them.
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(PROGRESS_TEXT_MS)
        self.count_timer.timeout.connect(self._show_count)
        self.rows_read = (0, 0)  # the rows read and the total (0: not known), as last reported

    def initializePage(self) -> None:
        self.done = False
        self.rows_read = (0, 0)
        self.refusal.hide()
        self.undo.setEnabled(True)
        self.undo.hide()
        self.customers.setEnabled(True)
        self.customers.hide()
        self.save.hide()
        self.again.hide()
        self._list_rejects([])
        self.bar.setRange(0, 0)
        self.bar.show()
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("Nothing is kept unless the whole file is imported: Cancel leaves your book as "
                                 "it was."))
        self.w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.text.setText(self.tr("Reading {name}…").format(name=shown_name(self.w.path.name)))
        self.w.run_import(self._progress, self._finished, self._failed)

    def _over(self, title: str, subtitle: str) -> None:
        """The import ended one way or another: say how, and leave only Finish (there is nothing to cancel)."""
        self.done = True
        self.count_timer.stop()
        self.bar.setRange(0, 1)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        self.w.button(QWizard.WizardButton.FinishButton).setFocus()  # (Cancel, which had it, is gone)

    def _progress(self, done: int, total: int) -> None:
        plan = self.w.plan
        if not total and plan is not None and plan.whole:
            total = getattr(plan, "rows", 0)  # (a file read for no date column: the dry run counted its rows)
        self.bar.setRange(0, total)  # 0: a busy bar until the number of rows is known
        self.bar.setValue(min(done, total))
        self.rows_read = (done, total)
        if not self.count_timer.isActive() and not self.done:
            self.count_timer.start()

    def _show_count(self) -> None:
        """The rows read so far, in words, under the bar."""
        if self.done:
            return
        done, total = self.rows_read
        text = (self.tr("{rows} of {total} rows read…").format(rows=fmt.number(done), total=fmt.number(total))
                if total else self.tr("{rows} rows read…").format(rows=fmt.number(done)))
        if text != self.text.text():
            self.text.setText(text)

    def _finished(self, result) -> None:
        self.bar.setValue(1)
        if self.w.kind == "purchases":
            self.text.setText(self.tr("Purchases recorded: {created} (refunds: {refunds}). Skipped: {skipped}. Rows "
                                      "rejected: {rejected}. New customers: {customers}.").format(
                customers=fmt.number(result.customers_created),
                **{k: fmt.number(getattr(result, k)) for k in ("created", "refunds", "skipped", "rejected")})
                + points_text(result.points) + without_customer_text(result.without_customer)
                + marked_paid_text(result.marked_paid))
        else:
            text = self.tr("Added {created}, updated {updated}, skipped {skipped}, rejected {rejected}.").format(
                created=fmt.number(result.created), updated=fmt.number(result.updated),
                skipped=fmt.number(result.skipped), rejected=fmt.number(result.rejected)) + joined_text(result.joined)
            tags = ci.import_tags(self.w.options)
            if tags and result.created + result.updated:
                text += "\n" + self.tr("Tags given to the customers added or updated: {tags}. Type one in the search "
                                       "box to list them.").format(
                    tags=", ".join(self.tr("“{tag}”").format(tag=t) for t in tags))
            self.text.setText(text)
        self.undo.setVisible(result.batch is not None)
        self.customers.setVisible(result.batch is not None)
        self.save.setVisible(bool(result.rejects))
        self._list_rejects(result.rejects)
        if result.batch is None:  # (every row skipped or rejected: no import was recorded)
            if not result.rejected:
                why = self.tr("Nothing in this file is new: your book is as it was, and no import was recorded.")
            elif result.skipped:
                why = self.tr("Nothing else in this file is new, and the rows listed below could not be imported: "
                              "your book is as it was. Correct them and import again.")
            else:
                why = self.tr("No row could be imported: your book is as it was. Correct the rows listed below and "
                              "import again.")
            self._over(self.tr("Nothing imported"), why)
        else:
            self._over(self.tr("Imported"), self.tr("You can undo this import here, or later from File ▸ Past "
                                                    "Imports."))
        self.w.imported()

    def _list_rejects(self, rejects: list) -> None:
        """The rows rejected, in the space under the buttons (none: the space stays empty)."""
        self.model.reset(rejects)
        fit_rejects(self.rejects)
        self.rejects.setVisible(bool(rejects))
        self.box.setStretchFactor(self.rejects, 1 if rejects else 0)
        self.box.setStretch(self.box.count() - 1, 0 if rejects else 1)  # (the space after it)

    def _failed(self, error) -> None:
        self.bar.hide()  # (nothing was imported: no bar at 0% or part way)
        if isinstance(error, ci.ImportCancelled):
            self.text.setText(self.tr("The import was cancelled. Nothing was changed."))
            self._over(self.tr("Import cancelled"), self.tr("Your book is as it was before."))
        elif isinstance(error, (SmallCrmError, OSError)):
            self.text.setText(self.w.problem(error, started=True))
            self._over(self.tr("Import not done"), self.tr("Nothing was imported: your book is as it was before."))
        else:
            raise error
        self.again.show()

    def back_to_summary(self) -> None:
        """The summary again, its dry run made anew (the file or the book may have changed since)."""
        self.w.back()  # (past the summary, a commit page, the wizard has no Back button of its own)
        self.w.summary_page.initializePage()

    def isComplete(self) -> bool:
        return self.done

    def undo_import(self) -> None:
        """Undo the import off the window's thread (a large one takes seconds): Finish waits for it."""
        if not confirm_undo(self, self.w.path.name, self.w.kind, self.w.result.batch):
            return
        said = self.text.text()
        self.done = False  # (Finish off until it is undone, or not; nor does the window close: ImportWizard.reject)
        self.undoing = True
        self.completeChanged.emit()
        self.undo.setEnabled(False)
        self.customers.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.text.setText(self.tr("Undoing the import…"))

        def refused(error) -> None:
            from smallcrm.gui.contact_form import show_problem

            alive = shiboken6.isValid(self)
            if alive:
                self._undo_over()  # (whatever went wrong: the window no longer waits for it)
                self.undo.setEnabled(True)
                self.customers.setEnabled(True)
                self.text.setText(said)  # (what the import did stands)
            if not isinstance(error, SmallCrmError):
                raise error
            if alive:
                show_problem(self.refusal, self.w.problem(error))

        run_in_background(ci.undo_import, self.w.result.batch, on_done=self._undone, on_error=refused)

    def show_customers(self) -> QDialog:
        return show_imported_customers(self, self.w.result.batch, self.w.path.name, self.w.kind, self.w.open_contact,
                                       self.w.accept)

    def _undo_over(self) -> None:
        self.done = True
        self.undoing = False
        self.bar.setRange(0, 1)
        self.bar.setValue(1)  # (full, as the import left it)
        self.completeChanged.emit()

    def _undone(self, result) -> None:
        if not shiboken6.isValid(self):
            return
        self._undo_over()
        self.refusal.hide()
        self.undo.hide()
        self.customers.hide()
        self.bar.hide()  # (not at 100% under "Import undone")
        self.again.show()
        self.setTitle(self.tr("Import undone"))
        self.setSubTitle(self.tr("Your book is as it was before this import."))
        if self.w.kind == "purchases":
            self.text.setText(self.tr("Undone. Purchases removed, with their points: {purchases}. New customers "
                                      "removed: {removed}.").format(
                purchases=fmt.number(result.purchases_removed), removed=fmt.number(result.contacts_removed))
                + from_trash_text(result.from_trash) + due_again_text(result.due_again))
        else:
            self.text.setText(self.tr("Undone. Customers it added, removed: {removed}.").format(
                removed=fmt.number(result.contacts_removed)) + from_trash_text(result.from_trash) + " " + self.tr(
                "Customers it updated, put back as they were: {restored}.").format(
                restored=fmt.number(result.contacts_restored)))
        self.w.imported()


MIN_WIDTH, MIN_HEIGHT = 640, 480  # the wizard's smallest size


class ImportWizard(AsksBeforeClosing, QWizard):
    asks_by_fields = False  # (would_lose: by the choices made, not by the pages' fields)
    def __init__(self, parent=None, path: Path | None = None, on_imported=None, open_contact=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))  # (imported, cancelled or undone)
        self.on_imported = on_imported
        self.open_contact = open_contact  # shows a customer in the main window
        self.kind = "contacts"  # or "purchases"
        self.options = ci.ImportOptions()
        self.path: Path | None = None
        self.plan = None
        self.result = None
        self.task = None
        self.fixes: dict[int, list[str]] = {}  # row number -> its cells as the owner corrected them
        self._plan_generation = 0
        self._plan_task = None  # the dry run under way, stopped when a newer one starts or the wizard closes
        self._planned_for: tuple | None = None  # what `plan` was made of: the file, options, dialect and fixes
        self._opened: tuple | None = None  # the file open_file opened: its path, kind, size and time written
        self.fixing = False  # a rejected row's fix dialog is open (or its cells are being read)
        self.file_page = FilePage(self)
        self.format_page = FormatPage(self)
        self.mapping_page = MappingPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.unmatched_page = UnmatchedPage(self)
        self.summary_page = SummaryPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.format_page, self.mapping_page, self.duplicates_page, self.unmatched_page,
                     self.summary_page, self.run_page):
            self.addPage(page)
        resize_within_screen(self, 900, 620)
        # no smaller than a page's wrapped text and lists need (a small laptop's screen holds it)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.setMinimumSize(min(MIN_WIDTH, screen.width()), min(MIN_HEIGHT, screen.height()))
        self.currentIdChanged.connect(self._focus_on_page)
        if path is not None:
            self.file_page.path.setText(str(path))

    def _focus_on_page(self) -> None:
        """Keys go to the page on show, not to a control of the page before: the arrow keys on "Ready to import"
        would otherwise change the choice for duplicates, hidden behind it, after the summary was made."""
        focus, page = QApplication.focusWidget(), self.currentPage()
        if focus is None or page is None or page.isAncestorOf(focus) or not self.isAncestorOf(focus):
            return
        widget = page.nextInFocusChain()
        while widget is not page and page.isAncestorOf(widget):
            if widget.isVisibleTo(page) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def nextId(self) -> int:
        """The pages in order, without the one that is for the other kind of file."""
        ids = self.pageIds()
        following = super().nextId()
        other = self.duplicates_page if self.kind == "purchases" else self.unmatched_page
        if following != -1 and self.page(following) is other:
            following = ids[ids.index(following) + 1]
        return following

    # --- what the pages share -------------------------------------------------------------------
    def open_file(self, path: Path, kind: str = "contacts") -> None:
        """Start over with `path`; the same file, unchanged, of the same kind (the owner went back to the first
        page and on again) keeps every choice made for it and every row corrected."""
        self.path = path
        opened = (path.resolve(), kind, *self._stamp())
        same = opened == self._opened
        self._opened = opened
        self.kind = kind
        if not same:
            self.options = pi.PurchaseImportOptions() if kind == "purchases" else ci.ImportOptions()
            self.format_page.found = {}
        self.setWindowTitle(self.tr("Import purchases") if kind == "purchases" else self.tr("Import customers"))
        fixes = self.fixes
        self.reread()
        self.fixes = fixes if same else {}

    def _stamp(self) -> tuple[int, int] | tuple[None, None]:
        """The file's size and time of change (None, None when it cannot be looked at: reading it says why)."""
        return ci.file_stamp(self.path) or (None, None)

    def reread(self) -> None:
        before = getattr(self, "dialect", None)
        self.dialect = ci.sniff_with(self.path, self.options)
        self.headers = reader.read_header(self.path, self.dialect)
        if self.kind == "purchases":
            ci.require_sales_file(self.path, self.dialect)
            self.preset, self.fields = pi.map_purchase_headers(self.headers, self.options.preset)
        else:
            self.preset = mapping.detect_preset(self.headers) if self.options.preset == "auto" else self.options.preset
            self.fields = ci.customer_fields(self.headers, self.options.preset, ci.first_rows(self.path, self.dialect))
        self.plan = None
        if self.dialect != before:
            self.fixes = {}  # the cells were read with another encoding or separator

    def plan_in_background(self, done, failed=None, progress=None, first_look=None) -> None:
        """A dry run with the choices as they are now: `done(plan)`, or `failed(error)` for a problem with the
        file or the choices (without `failed`, a message box says it); `progress(rows, total)` on the way (total
        0 while not known). A dry run still under way is stopped: its answer would be out of date.
        `first_look(plan)`: the first rows are looked at first and shown at once (a large file's whole dry run
        takes seconds). The plan at hand is the answer when nothing changed since it was
        made (the book cannot change while the wizard is open)."""
        stamp = self._stamp()
        if stamp != self._opened[2:]:  # the file changed since it was read (corrected in a spreadsheet)
            self._opened = (*self._opened[:2], *stamp)
            fixes, headers = self.fixes, self.headers
            with suppress(SmallCrmError, OSError, LookupError):  # (the dry run says what is wrong with it)
                self.reread()
            if self.headers != headers:
                self.options.overrides = {}  # (its columns are others: the mapping found for them)
            self.fixes = {}  # (its rows may have moved)
            if fixes:
                QMessageBox.information(self, self.windowTitle(), self.tr(
                    "The file changed since it was read, so the rows corrected here were left out: its rows may have "
                    "moved. Correct them again if they still need it."))
        if self.plan is not None and self._planned_for == (self.path, self.options, self.dialect, self.fixes, stamp):
            done(self.plan)
            return
        self.stop_planning()
        generation, path, options = self._plan_generation, self.path, copy.deepcopy(self.options)
        args = (path, options, dict(self.fixes))
        made_of = (path, options, self.dialect, args[2], stamp)
        work = plan_purchases if self.kind == "purchases" else plan_contacts
        first = () if first_look is None else (pi.FIRST_LOOK_ROWS,) if self.kind == "purchases" else (ci.PREVIEW_ROWS,)
        looking = bool(first)

        def current() -> bool:  # (not when another dry run was started since, or the wizard closed and deleted)
            return shiboken6.isValid(self) and generation == self._plan_generation

        def planned(plan) -> None:
            nonlocal looking
            if not current():
                return
            # The first look: now the whole file, once (a file whose dates could be read either way waits for
            # the owner's answer; reading it again would only say so again, and again).
            if looking and not plan.whole and not getattr(plan, "ambiguous_columns", None):
                looking = False
                first_look(plan)
                self._plan_task = run_in_background(work, *args, on_done=planned, on_error=not_planned,
                                                    on_progress=advanced)
                return
            self._plan_task = None
            self.plan, self._planned_for = plan, made_of
            done(plan)

        def not_planned(error) -> None:
            if not isinstance(error, (SmallCrmError, OSError)):
                raise error
            if not current():
                return
            self.plan = None
            if failed is not None:
                failed(error)
            else:
                QMessageBox.warning(self, self.windowTitle(), self.problem(error))

        def advanced(rows: int, total: int) -> None:
            if progress is not None and current():
                progress(rows, total)

        self._plan_task = run_in_background(work, *args, *first, on_done=planned, on_error=not_planned,
                                            on_progress=advanced)

    def reading_text(self, rows: int, total: int) -> str:
        """How far a dry run has read."""
        if total:
            return self.tr("Reading the file… {rows} of {total} rows").format(rows=fmt.number(rows),
                                                                              total=fmt.number(total))
        return self.tr("Reading the file… {rows} rows").format(rows=fmt.number(rows))

    def stop_planning(self) -> None:
        self._plan_generation += 1  # (an answer already on its way is for no one: the pages may be gone)
        if self._plan_task is not None:
            self._plan_task.cancel()  # (it ends with ImportCancelled, which nobody waits for)
            self._plan_task = None

    def fix_reject(self, page: QWizardPage, reject, done: Callable[[bool], None]) -> None:
        """Open the fix dialog over `page` for a rejected row (its cells read from the file, or as corrected
        before); `done(True)` once the owner corrected it (kept in `fixes`), `done(False)` otherwise."""
        plan = self.plan
        self.fixing = True

        def opened(cells: list[str] | None) -> None:
            if not shiboken6.isValid(page) or plan is not self.plan or cells is None:
                self.fixing = False
                return
            dialog = FixRowDialog(page, reject, plan.headers, plan.fields, cells, self.kind)

            def finished(result: int) -> None:
                self.fixing = False
                fixed = dialog.cells()
                dialog.deleteLater()
                corrected = result == QDialog.DialogCode.Accepted and fixed != cells
                if corrected:
                    self.fixes[reject.row] = fixed
                done(corrected)

            dialog.finished.connect(finished)
            dialog.open()

        def unread(error: BaseException) -> None:
            self.fixing = False
            if not isinstance(error, (SmallCrmError, OSError)):
                raise error
            if shiboken6.isValid(page):
                done(False)
                QMessageBox.warning(page, self.windowTitle(), self.tr("Row {row} could not be read again: {problem}")
                                    .format(row=reject.row, problem=self.problem(error)))

        if reject.row in self.fixes:
            opened(self.fixes[reject.row])
        else:
            run_in_background(row_cells, self.path, self.dialect, reject.row, on_done=opened, on_error=unread)

    def run_import(self, progress, finished, failed) -> None:
        def done(result) -> None:
            self.result = result
            self.task = None
            finished(result)

        def error(e) -> None:
            self.task = None
            failed(e)

        stamp = self._stamp()
        if self._planned_for is not None and stamp != self._planned_for[-1]:  # (saved since the summary, or gone)
            failed(ImportFileProblem(self.path, "not_found") if stamp[0] is None else
                   ImportFileProblem(self.path, "changed", "it was saved again since the summary"))
            return
        work = import_purchases if self.kind == "purchases" else import_contacts
        # What the summary said is what is done: the choices the dry run was made with, not any changed since.
        path, options, _, fixes = (self._planned_for[:4] if self._planned_for is not None else
                                   (self.path, self.options, self.dialect, self.fixes))
        self.task = run_in_background(work, path, copy.deepcopy(options), dict(fixes),
                                      on_done=done, on_error=error, on_progress=progress)

    def problem(self, error: Exception, *, started: bool = False) -> str:
        """A problem with the file or with the choices made, in words (saying nothing was imported once an import
        was `started`)."""
        if isinstance(error, InvalidValue) and error.problem == "column" and error.field in ("date", "amount"):
            separator = self.mapping_page.wrong_separator()  # (the columns read as one)
            if separator is not None:
                return problem_text(InvalidValue("delimiter", separator, "separator"), started=started)
            said = (self.tr("Choose the column with the date of each sale.") if error.field == "date" else
                    self.tr("Choose the column with the amount, or the one with the unit price."))
            if any(self.headers) and not pi.holds_purchases(self.headers):  # (a customer list read as sales)
                said += " " + self.tr("If the file is a list of customers, go back to the first page and choose "
                                      "“Customers”.")
            return said
        if isinstance(error, InvalidValue) and error.problem == "currency":
            return self.tr("“{value}” is not a currency: write its three-letter code, such as EUR, GBP or USD."
                           ).format(value=error.value)
        if isinstance(error, WorkerFailed):
            return self.tr("The import stopped part way ({reason}). Nothing was imported. Close other programs "
                           "(the computer may be short of memory) and try again.").format(reason=str(error))
        if isinstance(error, UndoRefused):
            return undo_refused_text(error)
        return problem_text(error, started=started)

    def reject(self) -> None:
        if self.run_page.undoing:  # (the undo goes on whatever the window does: it waits for it, as Finish does)
            return
        if self.task is not None:  # Cancel while importing: roll back; the last page then says nothing changed
            self.stop_planning()
            self.task.cancel()
            self.run_page.text.setText(self.tr("Cancelling…"))
            return
        if self.may_close():
            self.stop_planning()
            QWizard.reject(self)

    def would_lose(self) -> bool:
        """Whether closing now loses what the owner did for a file not imported: a row corrected, or a choice of
        their own (the shop's country and currency, which the pages fill in, are none)."""
        if self.path is None or self.result is not None:
            return False
        if self.currentPage() is self.mapping_page:  # (a choice just made, the preview not read again yet)
            self.mapping_page.take_choices()
        made = dataclasses.replace(self.options)
        if self.currentPage() is self.format_page:  # (the country typed there, taken on Next)
            made.region = self.format_page.typed_region()
        for name, found in self.format_page.found.items():  # (a choice changed, then put back as found)
            if getattr(made, name) == found:
                setattr(made, name, "auto" if name == "preset" else None)
        if made.region == default_region():
            made.region = None
        if isinstance(made, pi.PurchaseImportOptions) and made.currency == shop_currency():
            made.currency = None
        return bool(self.fixes) or made != type(made)()

    def losing_question(self) -> tuple[str, str, str]:
        question = (self.tr("Stop this import? Nothing has been imported; the choices made for this file and the "
                            "rows corrected would be lost.") if self.fixes else
                    self.tr("Stop this import? Nothing has been imported; the choices made for this file would be "
                            "lost."))
        return question, self.tr("Stop the import"), self.tr("Keep going")

    def imported(self) -> None:
        if self.on_imported:
            self.on_imported()

    def save_rejects(self, rejects, said: QLabel) -> None:
        """Save the rejected rows in a file the owner chooses, and say where in `said`."""
        said.clear()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save rejected rows"),
                                              str(self.path.with_name(self.tr("{name}-rejected.csv").format(
                                                  name=self.path.stem))),
                                              self.tr("CSV files (*.csv)"))
        if not name:
            return
        try:
            if self._planned_for is not None and self._stamp() != self._planned_for[-1]:
                raise ImportFileProblem(self.path, "changed")  # (its rows are read from it: they may have moved)
            ci.write_rejects(rejects, ci.check_rejects_path(name, self.path), self.path,
                             reader.corrected(self.dialect, self.fixes), heading=(self.tr("Row"), self.tr("Problem")),
                             words=reason_or_detail)
        except ImportFileProblem:
            QMessageBox.warning(self, self.tr("Save rejected rows"), self.tr(
                "The rejected rows were not saved: they are read from {file}, which was moved, deleted or saved "
                "again since it was imported. Put it back as it was, or import it again to see its rejected rows."
                ).format(file=self.path.name))
            return
        except OutputProblem as e:
            why = {ci.IS_FOLDER: self.tr("it is a folder"), ci.NO_FOLDER: self.tr("its folder does not exist"),
                   ci.IS_SOURCE: self.tr("it is the file being imported"),
                   ci.IS_DATABASE: self.tr("it is your customer book")}.get(e.detail, e.detail)
            QMessageBox.warning(self, self.tr("Save rejected rows"),
                                self.tr("The rejected rows were not saved in {file}: {why}. Choose another name or "
                                        "folder.").format(file=Path(name).name, why=why))
            return
        said.setText(self.tr("Saved in {file}.").format(file=shown_name(Path(name).name, 40)))
        said.setToolTip(str(Path(name)))


class PastImportsDialog(QDialog):
    """File ▸ Past Imports: every import with its counts; any of them can be undone."""

    def __init__(self, parent=None, on_undone=None, open_contact=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Past imports"))
        self.on_undone = on_undone
        self.open_contact = open_contact  # shows a customer in the main window
        self.undoing = False  # an undo under way (Undo stays off until it is over)
        self.noted = ""  # what the message says of the import chosen (not how an undo went)
        self.outcome_of: int | None = None  # the import whose undo the message says went so, while it does
        # (the number is the one messages and the command line give: "import 3", `smallcrm import undo 3`)
        # ("Added" counts what the import is of; "New customers", the customers an import of purchases made too)
        self.table = _table([self.tr("Import"), self.tr("When"), self.tr("File"), self.tr("Kind"), self.tr("Added"),
                             self.tr("New customers"), self.tr("Updated"), self.tr("Skipped"), self.tr("Rejected"),
                             self.tr("State"), self.tr("Tags given")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.undo = QPushButton(self.tr("&Undo this import"))
        self.undo.clicked.connect(self.undo_selected)
        self.customers = QPushButton(self.tr("&Show its customers…"))
        self.customers.setToolTip(QCoreApplication.translate("ImportedCustomers", CUSTOMERS_TIP))
        self.customers.clicked.connect(self.show_customers)
        self.table.itemSelectionChanged.connect(self._update)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.customers, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.undo, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()
        if self.batches:  # the latest, selected: the one the owner most often came to undo
            self.table.selectRow(0)
        # as wide as the columns (the tags given last), as the screen allows
        margins = layout.contentsMargins()
        wide = (self.table.horizontalHeader().length() + 2 * self.table.frameWidth()
                + self.table.verticalScrollBar().sizeHint().width() + margins.left() + margins.right())
        remembered_size(self, "past_imports", max(940, wide), 420)

    def refresh(self) -> None:
        self.batches = ci.list_imports()
        rows = []
        for b in self.batches:
            state = (self.tr("undone") if b.undone_at else self.tr("done") if b.finished_at
                     else self.tr("not finished"))
            updated = fmt.number(b.updated)
            if b.joined:  # (rows of a customer an earlier row added)
                updated = self.tr("{updated} (rows joined: {joined})").format(updated=updated,
                                                                              joined=fmt.number(b.joined))
            # (a list of customers' new customers are what it added: said once, under "Added")
            made = fmt.number(b.customers_created) if b.kind == "purchases" else ""
            rows.append([str(b.id), fmt.when(from_utc_text(b.started_at)), b.file_name, self.kind_name(b.kind),
                         fmt.number(b.created), made, updated,
                         *(fmt.number(n) for n in (b.skipped, b.rejected)), state, ", ".join(b.tags)])
        _fill(self.table, rows)
        _align_right(self.table, (0, 4, 5, 6, 7, 8))
        self.table.resizeColumnsToContents()
        # the file's name as wide as it is, up to a limit (longer ones cut, whole in their tooltip), the tags to the
        # end; a narrow window scrolls sideways rather than squeeze the names to nothing
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), FILE_NAME_WIDTH))
        self.table.horizontalHeader().setStretchLastSection(True)
        if not rows:
            self.message.setText(self.tr("Nothing has been imported yet."))
        self._update()

    def kind_name(self, kind: str) -> str:
        return {"contacts": self.tr("customers"), "purchases": self.tr("purchases")}.get(kind, kind)

    def _update(self) -> None:
        row = self.table.currentRow()
        chosen = self.batches[row] if 0 <= row < len(self.batches) and self.table.selectedItems() else None
        kept = chosen is not None and not chosen.undone_at and chosen.finished_at is not None
        self.undo.setEnabled(kept and not self.undoing)
        self.customers.setEnabled(kept and not self.undoing)
        # why Undo is off (or how to turn it on), unless the message says how an undo went
        if chosen is None:
            note = self.tr("Select an import to undo it.") if self.batches else ""
        elif chosen.undone_at:
            note = self.tr("Import {number} was undone on {when}: nothing of it is left to undo.").format(
                number=chosen.id, when=fmt.when(from_utc_text(chosen.undone_at)))
        elif chosen.finished_at is None:
            note = self.tr("Import {number} did not finish: nothing of it was kept.").format(number=chosen.id)
        else:
            note = ""
        if self.message.text() in ("", self.noted) or chosen is not None and chosen.id != self.outcome_of:
            self.message.setText(note)  # (how another import's undo went is not said beside this one)
            self.outcome_of = None
        self.noted = note

    def show_customers(self) -> QDialog:
        batch = self.batches[self.table.currentRow()]
        return show_imported_customers(self, batch.id, batch.file_name, batch.kind, self.open_contact, self.accept)

    def undo_selected(self) -> None:
        """Undo the import chosen, off the window's thread (a large one takes seconds)."""
        batch = self.batches[self.table.currentRow()]
        if not confirm_undo(self, batch.file_name, batch.kind, batch.id):
            return
        self.outcome_of = batch.id
        self._undoing(True)
        self.message.setText(self.tr("Undoing the import of {file}…").format(file=batch.file_name))

        def refused(error) -> None:
            alive = shiboken6.isValid(self)
            if alive:
                self.outcome_of = batch.id
                self._undoing(False)  # (whatever went wrong: the window no longer waits for it)
            if not isinstance(error, SmallCrmError):
                raise error
            if alive:
                self.message.setText(undo_refused_text(error) if isinstance(error, UndoRefused) else str(error))

        run_in_background(ci.undo_import, batch.id, on_done=lambda result: self._undone(batch, result),
                          on_error=refused)

    def _undoing(self, under_way: bool) -> None:
        """An undo started or over: till it is over, neither Undo nor Close (the window waits for it)."""
        self.undoing = under_way
        self.close_button.setEnabled(not under_way)
        self._update()

    def reject(self) -> None:
        if not self.undoing:  # (Escape, the title bar's close: as Close)
            super().reject()

    def _undone(self, batch, result) -> None:
        if not shiboken6.isValid(self):
            return
        self.outcome_of = batch.id
        self._undoing(False)
        if batch.kind == "purchases":
            self.message.setText(self.tr("Import of {file} undone. Purchases removed, with their points: {purchases}. "
                                         "New customers removed: {removed}.").format(
                file=batch.file_name, purchases=fmt.number(result.purchases_removed),
                removed=fmt.number(result.contacts_removed)) + from_trash_text(result.from_trash)
                + due_again_text(result.due_again))
        else:
            self.message.setText(self.tr("Import of {file} undone. Customers it added, removed: {removed}.").format(
                file=batch.file_name, removed=fmt.number(result.contacts_removed))
                + from_trash_text(result.from_trash) + " " + self.tr(
                "Customers it updated, put back as they were: {restored}.").format(
                restored=fmt.number(result.contacts_restored)))
        self.refresh()
        if self.on_undone:
            self.on_undone()
