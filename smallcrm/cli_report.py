"""`smallcrm report ...`: the summary report, a customer's dossier and printable lists, as PDF files.

Registered on the parser by cli.build_parser. The figures come from services.metrics (the same ones
the Dashboard shows) and the PDFs from smallcrm.reports; a PDF is written whole or not at all. No Qt here.
"""

from __future__ import annotations

import argparse
import calendar
import sys
from datetime import date, timedelta
from pathlib import Path

from smallcrm import cli_format
from smallcrm.errors import InvalidValue, NotFound, OutputProblem
from smallcrm.services import when

NOT_DONE = "no report was written"
LISTS = ("calls", "birthdays", "labels", "cards")
_LIST_TITLES = {"calls": "Call list", "labels": "Mailing labels", "cards": "Loyalty cards"}
# Whose marketing consent a list asks for unless --consenting or --everyone says otherwise: a call list
# is mostly for marketing, and SMS consent is the one that goes with the customer's phone.
LIST_CONSENT = {"calls": "sms", "labels": None}

_open_existing = None


class ReportUsageError(Exception):
    """The options do not make a report (cli.main answers with exit 2)."""


def _date(text: str) -> date:
    return when.parse_date(text, "date")


def register(commands, command, group, open_existing) -> None:
    """Add `report summary|customer|list` (see cli_activity.register for the arguments)."""
    global _open_existing
    _open_existing = open_existing

    actions = group("report", "PDF reports: the shop's summary, a customer's dossier, lists to print",
                    "{summary,customer,list}")

    summary = command(actions, "summary", report_summary,
                      "satisfaction and revenue for a period, against the period before it")
    summary.add_argument("--out", type=cli_format.file_path, metavar="FILE.pdf", help="write the report to this file")
    summary.add_argument("--from", dest="start", type=_date, metavar="DATE",
                         help="first day, YYYY-MM-DD (default: a year before --to)")
    summary.add_argument("--to", dest="end", type=_date, metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    summary.add_argument("--json", action="store_true", help="print the report's figures as a JSON object")

    customer = command(actions, "customer", report_customer,
                       "one customer's dossier: profile, purchases, points, answers, complaints, money owed")
    customer.add_argument("contact", metavar="CONTACT", help="the contact's id, or words that find only that contact")
    customer.add_argument("--out", type=cli_format.file_path, metavar="FILE.pdf", required=True,
                          help="write the dossier to this file")

    lists = command(actions, "list", report_list, "a call list, a birthday list, mailing labels or loyalty cards")
    lists.add_argument("kind", choices=LISTS, metavar="{" + ",".join(LISTS) + "}")
    lists.add_argument("--segment", metavar="NAME",
                       help="only the customers of one segment: champions, loyal, potential, new, at-risk, "
                            "cant-lose, hibernating, lost")
    lists.add_argument("--search", metavar="TEXT", help="only the contacts matching these words or digits")
    lists.add_argument("--month", metavar="M", help="for birthdays: 1-12 or a month's name (default: next month)")
    lists.add_argument("--layout", choices=("L7160", "5160"),
                       help="for labels: A4 sheets of 21 (L7160) or Letter sheets of 30 (5160) "
                            "(default: by the paper size setting)")
    lists.add_argument("--out", type=cli_format.file_path, metavar="FILE.pdf", required=True,
                       help="write the list to this file")
    cli_format.add_consent_arguments(lists, argparse.SUPPRESS, "calls default to sms (the consent that goes "
                                     "with their phone), labels to everyone", applies_to="calls and labels: ")


def _write(out: Path, make) -> None:
    """Run `make(path)`; a file that cannot be written becomes an OutputProblem (nothing is left behind)."""
    try:
        make(out)
    except OSError as e:
        raise OutputProblem(out, e.strerror or str(e)) from e


def _say_written(what: str, out: Path) -> None:
    print(f"{what} written to {out}")


# --- summary --------------------------------------------------------------------------------------


def summary_period(start: date | None, end: date | None, today: date):
    from smallcrm.services import metrics
    from smallcrm.services.loyalty import add_months

    end = end or today
    if start is None:
        start = add_months(end, -12) + timedelta(days=1)
    if end < start:
        raise InvalidValue("to", end.isoformat(), "range", f"the period ends before it starts ({start.isoformat()})")
    return metrics.Period(start, end)


def report_summary(args, db_path: Path) -> int:
    from smallcrm import reports
    from smallcrm.services import metrics

    if args.out is None and not args.json:
        raise ReportUsageError("say where the report goes with --out FILE.pdf, or print its figures with --json")
    _open_existing(db_path)
    today = when.today()
    result = metrics.summary(summary_period(args.start, args.end, today), today=today)
    if args.out is not None:
        _write(args.out, lambda out: reports.summary_pdf(result, out))
    if args.json:
        cli_format.write_json(sys.stdout, metrics.summary_json(result))
    else:
        period = result.period
        _say_written(f"Summary report for {period.start.isoformat()} to {period.end.isoformat()}", args.out)
    return 0


# --- customer -------------------------------------------------------------------------------------


def find_one_contact(text: str) -> int:
    """A contact by id, or by words that match exactly one contact outside the Trash."""
    from smallcrm.services import contacts
    from smallcrm.store.models import Contact

    words = text.strip()
    if words.isdigit():
        if Contact.get_or_none(Contact.id == int(words)) is None:
            raise NotFound("contact", int(words))
        return int(words)
    ids = contacts.contact_ids(words, limit=2) if words else []
    if not ids:
        raise InvalidValue("contact", text, "not_found",
                           "no contact matches those words; `smallcrm contacts list --search WORDS` shows what does")
    if len(ids) > 1:
        raise InvalidValue("contact", text, "ambiguous",
                           "more than one contact matches; give the id (`smallcrm contacts list --search WORDS` "
                           "shows them)")
    return ids[0]


def report_customer(args, db_path: Path) -> int:
    from smallcrm import reports

    _open_existing(db_path)
    contact_id = find_one_contact(args.contact)
    _write(args.out, lambda out: reports.dossier_pdf(contact_id, out))
    _say_written(f"Dossier of contact {contact_id}", args.out)
    return 0


# --- lists ----------------------------------------------------------------------------------------


def segment_key(text: str) -> str:
    """"At risk", "at-risk", "Can't lose" -> the segment's key; anything else is refused with the choices."""
    from smallcrm.services import metrics

    key = text.strip().lower().replace("'", "").replace("’", "").replace("-", "_").replace(" ", "_")
    if key not in metrics.SEGMENTS:
        names = ", ".join(s.replace("_", "-") for s in metrics.SEGMENTS)
        raise InvalidValue("segment", text, "segment", f"choose one of {names}")
    return key


def month_number(text: str | None, today: date) -> int:
    if text is None:
        return today.month % 12 + 1
    value = text.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    for number in range(1, 13):
        if value in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower()):
            return number
    raise InvalidValue("month", text, "month", "give 1 to 12 or a month's name, e.g. 3 or March")


def list_members(segment: str | None, search: str | None) -> list[int]:
    """The contacts a list is for: a segment's (best first), a search's (by name), both, or everyone."""
    from smallcrm.services import contacts, metrics

    if segment is None:
        return contacts.contact_ids(search or "")
    members = metrics.segment_members(segment_key(segment))
    if search:
        found = set(contacts.contact_ids(search))
        members = [contact_id for contact_id in members if contact_id in found]
    return members


def whom(segment: str | None, search: str | None) -> str:
    """Who a list is for, as its heading says: "Champions", "Search: lee", "Champions, search: lee", "Everyone"."""
    from smallcrm.services import metrics

    parts = [metrics.SEGMENT_TEXT[segment_key(segment)][0]] if segment else []
    if search:
        parts.append(f"search: {search}" if parts else f"Search: {search}")
    return ", ".join(parts) or "Everyone"


def report_list(args, db_path: Path) -> int:
    from smallcrm import reports

    if args.kind == "birthdays" and (args.segment or args.search):
        raise ReportUsageError("a birthday list has everyone with a birthday in --month; "
                               "leave out --segment and --search")
    if args.kind != "birthdays" and args.month is not None:
        raise ReportUsageError("--month is for birthday lists")
    if args.kind != "labels" and args.layout is not None:
        raise ReportUsageError("--layout is for mailing labels")
    if args.kind in ("birthdays", "cards") and hasattr(args, "consenting"):
        raise ReportUsageError("--consenting and --everyone are for call lists and mailing labels")
    if args.kind == "birthdays":
        month = month_number(args.month, when.today())
        _open_existing(db_path)
        _write(args.out, lambda out: reports.birthday_list_pdf(month, out))
        _say_written(f"Birthday list for {calendar.month_name[month]}", args.out)
        return 0
    if args.segment is not None:
        segment_key(args.segment)  # a misspelt segment is refused before the database is opened
    _open_existing(db_path)
    ids = list_members(args.segment, args.search)
    if not ids:
        raise InvalidValue("contacts", args.search or args.segment or "", "empty",
                           "no contact is in that list, so there is nothing to print")
    consenting = getattr(args, "consenting", LIST_CONSENT.get(args.kind))
    if consenting is not None:
        from smallcrm.services import export

        ids = export.consenting_ids(ids, consenting)
        if not ids:
            raise InvalidValue("contacts", consenting, "empty",
                               f"no contact in that list has agreed to {cli_format.CONSENT_WORDS[consenting]} "
                               "marketing; add --everyone to print it for all of them")
    if args.kind == "calls":
        heading = whom(args.segment, args.search)
        if consenting is not None:
            heading += f", who agreed to marketing by {cli_format.CONSENT_WORDS[consenting]}"
        _write(args.out, lambda out: reports.call_list_pdf(ids, out, title=heading))
    elif args.kind == "labels":
        _write(args.out, lambda out: reports.labels_pdf(ids, out, layout=args.layout))
    else:
        _write(args.out, lambda out: reports.cards_pdf(ids, out))
    _say_written(f"{_LIST_TITLES[args.kind]} of {len(ids)} contact{'s' if len(ids) != 1 else ''}"
                 f" ({cli_format.consent_words(consenting)})", args.out)
    return 0


def describe_error(error: Exception, args) -> str | None:
    if isinstance(error, OutputProblem):
        return (f"{NOT_DONE}: cannot write {error.path} ({error.detail}); check that the folder exists "
                "and that you may write there")
    if isinstance(error, InvalidValue) and error.problem in ("not_found", "ambiguous", "empty", "segment", "month"):
        return f"{NOT_DONE}: {error.detail}" if error.problem != "segment" else \
            f"{NOT_DONE}: there is no segment {cli_format.quoted(error.value)}; {error.detail}"
    return None
