"""`smallcrm export contacts|purchases`: contacts to CSV or vCard, purchases to CSV.

Registered on the parser by cli.build_parser. The format follows the file's extension; the file is
written whole or not at all, readable by its owner only. No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from smallcrm import cli_format
from smallcrm.cli_report import segment_key
from smallcrm.errors import InvalidValue, OutputProblem
from smallcrm.services import when

NOT_DONE = "nothing was exported"

_open_existing = None


class ExportUsageError(Exception):
    """The options do not make an export (cli.main answers with exit 2)."""


def _date(text: str):
    return when.parse_date(text, "date")


def register(commands, command, group, open_existing) -> None:
    """Add `export contacts|purchases` (see cli_activity.register for the arguments)."""
    global _open_existing
    _open_existing = open_existing

    actions = group("export", "write contacts (CSV or vCard) or purchases (CSV) to a file", "{contacts,purchases}")

    contacts = command(actions, "contacts", export_contacts,
                       "contacts to a spreadsheet (FILE.csv) or to vCards (FILE.vcf): everyone, a search or a "
                       "segment. Only customers who agreed to marketing by email are included unless "
                       "--consenting sms or --everyone says otherwise")
    contacts.add_argument("file", type=cli_format.file_path, metavar="FILE.csv|FILE.vcf",
                          help="where to write; .csv (UTF-8, opens in Excel, imports back) or .vcf (vCard)")
    contacts.add_argument("--search", metavar="TEXT", help="only contacts matching these words or digits")
    contacts.add_argument("--segment", metavar="NAME",
                          help="only the customers of one segment: champions, loyal, potential, new, at-risk, "
                               "cant-lose, hibernating, lost")
    cli_format.add_consent_arguments(contacts, "email", "this is the default, since an export is mostly for "
                                                        "marketing")
    contacts.add_argument("--vcard-version", choices=("3.0", "4.0"),
                          help="for .vcf files: vCard 3.0 (older phones and programs) or 4.0 (default)")

    purchases = command(actions, "purchases", export_purchases,
                        "purchases and refunds to a spreadsheet (FILE.csv), oldest first, a row for each item, in "
                        "a layout `smallcrm import purchases` reads back whole (items, refunds and their sales)")
    purchases.add_argument("file", type=cli_format.file_path, metavar="FILE.csv", help="where to write")
    purchases.add_argument("--from", dest="start", type=_date, metavar="DATE",
                           help="first day, YYYY-MM-DD (default: the first purchase)")
    purchases.add_argument("--to", dest="end", type=_date, metavar="DATE",
                           help="last day, YYYY-MM-DD (default: the last purchase)")


def _kind(path: Path) -> str:
    from smallcrm.services import export

    try:
        return export.export_format(path)
    except InvalidValue:
        raise ExportUsageError(f"{path}: the file name must end in .csv (a spreadsheet) or .vcf (vCards)") from None


def _write(path: Path, make):
    try:
        return make()
    except OSError as e:
        raise OutputProblem(path, e.strerror or str(e)) from e


def export_contacts(args, db_path: Path) -> int:
    from smallcrm.services import export

    kind = _kind(args.file)
    if kind == "csv" and args.vcard_version is not None:
        raise ExportUsageError("--vcard-version is for .vcf files")
    segment = segment_key(args.segment) if args.segment is not None else None
    _open_existing(db_path)
    ids = export.contacts_to_export(search=args.search or "", segment=segment)
    counts = export.consent_counts(ids)
    if counts.everyone and not counts.get(args.consenting):
        raise InvalidValue("contacts", args.consenting, "empty",
                           f"none of the {cli_format.plural(counts.everyone, 'contact')} has agreed to "
                           f"{cli_format.CONSENT_WORDS[args.consenting]} marketing; add --everyone to export "
                           "them all")
    result = _write(args.file, lambda: export.export_contacts(args.file, ids, consenting=args.consenting,
                                                              vcard_version=args.vcard_version or "4.0"))
    what = "CSV" if kind == "csv" else f"vCard {args.vcard_version or '4.0'}"
    print(f"{cli_format.plural(result.rows, 'contact')} written to {result.path} ({what}; "
          f"{cli_format.consent_words(args.consenting)})")
    left_out = counts.everyone - result.rows
    if left_out:
        print(f"{cli_format.plural(left_out, 'contact')} left out: they have not agreed to "
              f"{cli_format.CONSENT_WORDS[args.consenting]} marketing (add --everyone to include them)")
    return 0


def export_purchases(args, db_path: Path) -> int:
    from smallcrm.services import export

    if _kind(args.file) != "csv":
        raise ExportUsageError(f"{args.file}: purchases are exported as a spreadsheet; end the name in .csv")
    if args.start is not None and args.end is not None and args.end < args.start:
        raise ExportUsageError(f"--to {args.end.isoformat()} comes before --from {args.start.isoformat()}")
    _open_existing(db_path)
    result = _write(args.file, lambda: export.export_purchases(args.file, start=args.start, end=args.end))
    print(f"{cli_format.plural(result.rows, 'purchase or refund', 'purchases and refunds')} written to "
          f"{result.path}, a row for each item")
    return 0


def describe_error(error: Exception, args) -> str | None:
    if isinstance(error, OutputProblem):
        return (f"{NOT_DONE}: cannot write {error.path} ({error.detail}); check that the folder exists "
                "and that you may write there")
    if isinstance(error, InvalidValue) and error.problem == "empty":
        return f"{NOT_DONE}: {error.detail}"
    if isinstance(error, InvalidValue) and error.problem == "segment":
        from smallcrm import cli_format

        return f"{NOT_DONE}: there is no segment {cli_format.quoted(error.value)}; {error.detail}"
    if isinstance(error, InvalidValue):
        from smallcrm import cli_format

        return f"{NOT_DONE}: {cli_format.describe_invalid(error)}"
    return None
