"""Typed errors, and the words the services write in English, turned into words a shop owner can act on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QMessageBox, QWidget

from smallcrm.errors import DatabaseProblem, InvalidValue, NotAllowed, NotFound, Phrase

# What is wrong with a value, as the checks say it (InvalidValue.detail): the phone, birthday, length and
# amount checks', and email_validator's sentences for the mistakes people type.
FIELD_DETAILS = (
    QT_TRANSLATE_NOOP("messages", "a phone number has no letters"),
    QT_TRANSLATE_NOOP("messages", "a phone number has 3 to 20 digits"),
    QT_TRANSLATE_NOOP("messages", "write it as YYYY-MM-DD, or --MM-DD without the year"),
    QT_TRANSLATE_NOOP("messages", "a birthday cannot be in the future"),
    QT_TRANSLATE_NOOP("messages", "month must be in 1..12"),
    QT_TRANSLATE_NOOP("messages", "day is out of range for month"),
    QT_TRANSLATE_NOOP("messages", "at most {limit} characters"),
    QT_TRANSLATE_NOOP("messages", "write an amount such as 25.50"),
    QT_TRANSLATE_NOOP("messages", "{currency} has {digits} decimals"),
    QT_TRANSLATE_NOOP("messages", "{currency} has no decimals"),
    QT_TRANSLATE_NOOP("messages", "-0 is not an amount"),
    QT_TRANSLATE_NOOP("messages", "the amount cannot be negative"),
    QT_TRANSLATE_NOOP("messages", "the amount is too large"),
    QT_TRANSLATE_NOOP("messages", "An email address must have an @-sign."),
    QT_TRANSLATE_NOOP("messages", "There must be something before the @-sign."),
    QT_TRANSLATE_NOOP("messages", "There must be something after the @-sign."),
    QT_TRANSLATE_NOOP("messages", "The part after the @-sign is not valid. It should have a period."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have two periods in a row."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot start with a period."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot end with a period."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have a period immediately before the @-sign."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have a period immediately after the @-sign."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have a hyphen immediately after the @-sign."),
    QT_TRANSLATE_NOOP("messages", "The email address contains invalid characters before the @-sign: {characters}"),
    QT_TRANSLATE_NOOP("messages", "The part after the @-sign contains invalid characters: {characters}"),
    QT_TRANSLATE_NOOP("messages", "The email address contains unsafe characters: {characters}"),
    QT_TRANSLATE_NOOP("messages", "The part after the @-sign is invalid."),
    QT_TRANSLATE_NOOP("messages", "The part after the @-sign is not valid. It is not within a valid top-level domain."),
    QT_TRANSLATE_NOOP("messages", "The part after the @-sign is a special-use or reserved name that cannot be used "
                                  "with email."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot end with a hyphen."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have a period and a hyphen next to each other."),
    QT_TRANSLATE_NOOP("messages", "An email address cannot have two letters followed by two dashes immediately after "
                                  "the @-sign or after a period, except Punycode."),
    QT_TRANSLATE_NOOP("messages", "After the @-sign, periods cannot be separated by so many characters."),
    QT_TRANSLATE_NOOP("messages", "The email address is too long before the @-sign."),
    QT_TRANSLATE_NOOP("messages", "The email address is too long after the @-sign."),
    QT_TRANSLATE_NOOP("messages", "The email address is too long."),
    QT_TRANSLATE_NOOP("messages", "There can't be anything after the email address."),
    QT_TRANSLATE_NOOP("messages", "A display name and angle brackets around the email address are not permitted "
                                  "here."),
    QT_TRANSLATE_NOOP("messages", "An open angle bracket at the start of the email address has to be followed by a "
                                  "close angle bracket at the end."),
    QT_TRANSLATE_NOOP("messages", "A bracketed IP address after the @-sign is not allowed here."),
    QT_TRANSLATE_NOOP("messages", 'The email address has the "full-width" at-sign (@) character instead of a regular '
                                  'at-sign.'),
    QT_TRANSLATE_NOOP("messages", 'The email address has the "small commercial at" character instead of a regular '
                                  'at-sign.'),
    # the dialogs' own checks: loyalty rules, purchases and payments, points, calls, follow-ups, periods
    QT_TRANSLATE_NOOP("messages", "two tiers with one name"),
    QT_TRANSLATE_NOOP("messages", "every tier needs a name"),
    QT_TRANSLATE_NOOP("messages", "a tier needs a higher spend than {name}, the tier before it"),
    QT_TRANSLATE_NOOP("messages", "cannot be negative"),
    QT_TRANSLATE_NOOP("messages", "at most 1200 months"),
    QT_TRANSLATE_NOOP("messages", "the amount must be above 0"),
    QT_TRANSLATE_NOOP("messages", "give a total or the purchase's lines"),
    QT_TRANSLATE_NOOP("messages", "the due date comes before the purchase"),
    QT_TRANSLATE_NOOP("messages", "a paid purchase has no due date"),
    QT_TRANSLATE_NOOP("messages", "a refund cannot come before its purchase"),
    QT_TRANSLATE_NOOP("messages", "redeem at least 1 point"),
    QT_TRANSLATE_NOOP("messages", "give a number of points other than 0"),
    QT_TRANSLATE_NOOP("messages", "say why the points change"),
    QT_TRANSLATE_NOOP("messages", "say what the complaint is about"),
    QT_TRANSLATE_NOOP("messages", "a duration cannot be negative"),
    QT_TRANSLATE_NOOP("messages", "snooze by one day or more"),
    QT_TRANSLATE_NOOP("messages", "a contact cannot refer itself"),
    QT_TRANSLATE_NOOP("messages", "the end comes before the start"),
)

# Why a step is not allowed in the record's state (NotAllowed.reason): met when the window shows what another
# window or the command line has changed since.
STATE_REASONS = (
    QT_TRANSLATE_NOOP("messages", "contact {contact} is in the Trash"),
    QT_TRANSLATE_NOOP("messages", "interaction {interaction} has no follow-up"),
    QT_TRANSLATE_NOOP("messages", "the follow-up of interaction {interaction} was done at {moment}"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} is itself a refund"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} is a refund"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} was written off"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} is paid already"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} has already earned its points"),
    QT_TRANSLATE_NOOP("messages", "purchase {purchase} is not a refund"),
    QT_TRANSLATE_NOOP("messages", "refund {purchase} already took its points back"),
)


# What the loyalty scheme writes in the points ledger by itself, as services.loyalty.SCHEME_REASONS (a test holds
# the two the same), said in the window's language; a reason typed by hand is shown as typed.
SCHEME_REASONS = (
    QT_TRANSLATE_NOOP("messages", "Purchase (import)"),
    QT_TRANSLATE_NOOP("messages", "Purchase {reference}"),
    QT_TRANSLATE_NOOP("messages", "Welcome bonus"),
    QT_TRANSLATE_NOOP("messages", "Referral of contact {contact}"),
    QT_TRANSLATE_NOOP("messages", "Points expired"),
    QT_TRANSLATE_NOOP("messages", "Refund (import)"),
    QT_TRANSLATE_NOOP("messages", "Refund of purchase {reference}: {why}"),
    QT_TRANSLATE_NOOP("messages", "Refund of purchase {reference}"),
    QT_TRANSLATE_NOOP("messages", "Written off: purchase {reference}"),
    QT_TRANSLATE_NOOP("messages", "Refund {reference}"),
)
_POINTS_KINDS = {
    "earn": QT_TRANSLATE_NOOP("messages", "Earned"),
    "redeem": QT_TRANSLATE_NOOP("messages", "Redeemed"),
    "expire": QT_TRANSLATE_NOOP("messages", "Expired"),
    "adjust": QT_TRANSLATE_NOOP("messages", "Adjusted"),
    "bonus": QT_TRANSLATE_NOOP("messages", "Bonus"),
}


# The customer segments' names and explanations as services.metrics.SEGMENT_TEXT writes them (a test holds the
# two the same), said in the window's language.
SEGMENT_WORDS = (
    QT_TRANSLATE_NOOP("segments", "Champions"),
    QT_TRANSLATE_NOOP("segments", "They bought recently, buy often and spend the most."),
    QT_TRANSLATE_NOOP("segments", "Loyal customers"),
    QT_TRANSLATE_NOOP("segments", "They buy often and spend well, though not quite as recently as the champions."),
    QT_TRANSLATE_NOOP("segments", "Potential regulars"),
    QT_TRANSLATE_NOOP("segments", "They bought recently and spend a fair amount: a little attention could make them "
                                  "regulars."),
    QT_TRANSLATE_NOOP("segments", "New customers"),
    QT_TRANSLATE_NOOP("segments", "They bought recently, but only once or a little so far."),
    QT_TRANSLATE_NOOP("segments", "At risk"),
    QT_TRANSLATE_NOOP("segments", "They used to buy often and spend well, but have not been back for a while."),
    QT_TRANSLATE_NOOP("segments", "Can't lose them"),
    QT_TRANSLATE_NOOP("segments", "Among your best customers ever, but they have not bought for a long time."),
    QT_TRANSLATE_NOOP("segments", "Hibernating"),
    QT_TRANSLATE_NOOP("segments", "They bought a little, some time ago."),
    QT_TRANSLATE_NOOP("segments", "Lost"),
    QT_TRANSLATE_NOOP("segments", "They bought a little, long ago, and have not been back since."),
)


def segment_words(key: str) -> tuple[str, str]:
    """A segment's (name, explanation) in the window's language."""
    from smallcrm.services.metrics import SEGMENT_TEXT

    title, explanation = SEGMENT_TEXT[key]
    return translated(title, "segments"), translated(explanation, "segments")


FOLLOW_UP = QT_TRANSLATE_NOOP("messages", "Follow up on low {kind} score ({score})")  # services.satisfaction's
# services.loyalty.DEFAULT_TIER_NAMES
TIER_NAMES = (QT_TRANSLATE_NOOP("messages", "Bronze"), QT_TRANSLATE_NOOP("messages", "Silver"),
              QT_TRANSLATE_NOOP("messages", "Gold"))


def tier_name(name: str) -> str:
    """A loyalty tier's name in the window's language when it is one a new scheme has; as the owner named it
    otherwise."""
    return translated(name, "messages") if name in TIER_NAMES else name


def scheme_summary(text: str) -> str:
    """A call's or note's summary in the window's language when the program wrote it (the follow-up a low score
    makes); as written otherwise."""
    from smallcrm.services.satisfaction import summary_phrase

    said = summary_phrase(text)
    return translated(said, "messages") if isinstance(said, Phrase) else said


def complaint_category(text: str) -> str:
    """A complaint's category in the window's language: one of the dialog's own ("Product", …, and "low score",
    which the program gives), else as typed."""
    return QCoreApplication.translate("ComplaintDialog", text)


def points_reason(kind: str, reason: str, *, of_purchase: bool) -> str:
    """A line of the points ledger in the window's language: what the scheme wrote, else the reason as typed,
    else what kind of line it is."""
    from smallcrm.services.loyalty import reason_phrase

    said = reason_phrase(kind, reason, of_purchase=of_purchase)
    if isinstance(said, Phrase):
        return translated(said, "messages")
    return said or translated(_POINTS_KINDS.get(kind, kind), "messages")


def translated(text: str, context: str) -> str:
    """Words of a service in the window's language (a Phrase: its template, with its facts); words with no
    translation as they are."""
    if isinstance(text, Phrase):
        return QCoreApplication.translate(context, text.template).format(**text.facts)
    return QCoreApplication.translate(context, text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def field_problem(error: InvalidValue) -> str:
    detail = translated(error.detail, "messages") if error.detail else ""
    if error.problem == "required":
        if error.field == "name":
            return _tr("Give a first name, a last name or a company.")
        return _tr("This cannot be empty.")
    if error.problem == "email":
        return _tr("This is not an email address: {detail}").format(detail=detail)
    if error.problem == "phone":
        return _tr("This is not a phone number: {detail}.").format(detail=detail)
    if error.problem == "date":
        return _tr("This is not a real date: {detail}.").format(detail=detail)
    if error.problem == "too_long":
        return _tr("This is too long: {detail}.").format(detail=detail)
    return _tr("This value cannot be saved: {detail}").format(detail=detail or error.problem)


def not_allowed(error: NotAllowed) -> str:
    """Why the step was refused, as a sentence in the window's language."""
    reason = translated(error.reason, "messages")
    return reason[:1].upper() + reason[1:] + "."


def do_if_still_allowed(parent: QWidget, step: Callable[[], object]) -> None:
    """Take a step on a record the window shows; when the record has changed or gone since (another window, the
    command line), say so instead: nothing was changed. The caller shows the list afresh either way."""
    try:
        step()
    except (NotAllowed, NotFound) as error:
        _say_out_of_date(parent, error)


def _say_out_of_date(parent: QWidget, error: NotAllowed | NotFound) -> None:
    if isinstance(error, NotAllowed):
        what = not_allowed(error)
    else:
        what = _tr("That record is no longer in the customer book: it was deleted meanwhile.")
    todo = _tr("Nothing was changed. The list now shows how things stand.")
    box = QMessageBox(QMessageBox.Icon.Information, _tr("Already changed"), what, QMessageBox.StandardButton.Close,
                      parent)
    box.setInformativeText(todo)
    box.open()


def database_problem(error: DatabaseProblem) -> tuple[str, str]:
    """(what happened, what to do) for a database that could not be opened."""
    name = str(error.path)
    what = {
        DatabaseProblem.NOT_SQLITE: _tr("“{name}” is not a smallcrm database (it is not an SQLite file at all)."),
        DatabaseProblem.NOT_SMALLCRM: _tr("“{name}” is an SQLite database of another program, not a smallcrm one."),
        DatabaseProblem.CORRUPT: _tr("“{name}” is damaged and cannot be read."),
        DatabaseProblem.LOCKED: _tr("“{name}” is in use by another program, which is keeping smallcrm out."),
        DatabaseProblem.READ_ONLY: _tr("“{name}” can be read but not changed: the file or its folder is read-only."),
        DatabaseProblem.NEWER_SCHEMA: _tr(
            "“{name}” was saved by a newer version of smallcrm (database version {version})."
        ),
        DatabaseProblem.NOT_A_FILE: _tr("“{name}” is a folder, not a database file."),
        DatabaseProblem.CANNOT_CREATE: _tr("“{name}” cannot be opened or created here."),
        DatabaseProblem.MIGRATION_FAILED: _tr("“{name}” could not be brought up to this version of smallcrm."),
    }.get(error.reason, _tr("“{name}” cannot be opened."))
    todo = {
        DatabaseProblem.NOT_SQLITE: _tr("Choose your smallcrm database file (it ends in .sqlite)."),
        DatabaseProblem.NOT_SMALLCRM: _tr("Choose your smallcrm database file, or a new file name to start afresh."),
        DatabaseProblem.CORRUPT: _tr("Restore your latest backup copy of the file, or start with a new file."),
        DatabaseProblem.LOCKED: _tr("Close the other program (or the other smallcrm window) and try again."),
        DatabaseProblem.READ_ONLY: _tr("Copy the file to a folder you can write to, or change its permissions."),
        DatabaseProblem.NEWER_SCHEMA: _tr("Update smallcrm to the newest version to open it."),
        DatabaseProblem.NOT_A_FILE: _tr("Choose a file inside that folder, or another name."),
        DatabaseProblem.CANNOT_CREATE: _tr("Check that the folder exists and that you may write to it."),
        DatabaseProblem.MIGRATION_FAILED: _tr("This is a fault in smallcrm; please report it with the details."),
    }.get(error.reason, "")
    shown = (DatabaseProblem.CORRUPT, DatabaseProblem.CANNOT_CREATE, DatabaseProblem.MIGRATION_FAILED)
    detail = f" ({error.detail})" if error.detail and error.reason in shown else ""
    return what.format(name=name, version=error.version) + detail, todo + " " + _tr("The file was left untouched.")
