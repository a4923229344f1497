"""`smallcrm import ...`: contacts and purchases from CSV files, the list of imports, and undo.

Registered on the parser by cli.build_parser. A file that cannot be read or an ambiguous date column ends
with one line on stderr and exit 1, an option the file cannot be read with (a delimiter, a preset, a --map
column...) with exit 2; an import is one transaction, so a failure or Ctrl-C leaves the database as it was.
No Qt here.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from smallcrm import cli_format
from smallcrm.cli_format import plural
from smallcrm.errors import ImportFileProblem, InvalidValue, NotAllowed, NotFound, OutputProblem, SmallCrmError

NOT_DONE = {"contacts": "nothing was imported", "purchases": "nothing was imported", "undo": "nothing was undone",
            "list": "cannot list the imports"}
SHOWN_REJECTS = 10

_open_existing = None


def __getattr__(name: str):
    # ERRORS: the import errors cli.main turns into one line. Looked up only when something went wrong,
    # so that the importing services (and rapidfuzz) are loaded only for an import.
    if name == "ERRORS":
        from smallcrm.services.importing.contacts_import import DateOrderNeeded, ImportCancelled
        from smallcrm.services.importing.deciding import WorkerFailed

        return (ImportFileProblem, DateOrderNeeded, ImportCancelled, WorkerFailed)
    raise AttributeError(name)


def register(commands, command, group, open_existing) -> None:
    """Add `import contacts|purchases|list|undo` (see cli_activity.register for the arguments)."""
    global _open_existing
    _open_existing = open_existing

    actions = group("import", "import contacts or purchases from CSV files, list imports, undo one",
                    "{contacts,purchases,list,undo}")

    def file_options(sub) -> None:
        sub.add_argument("file", type=cli_format.file_path, metavar="FILE", help="the CSV file")
        sub.add_argument("--map", action="append", default=[], metavar='"HEADER=FIELD"',
                         help="read a column as a field, e.g. --map \"Kundennr.=customer_id\"; a column is named by "
                              "its header, or its number (\"3=phone\", \"Column 3=phone\"); repeat for several")
        sub.add_argument("--encoding", metavar="ENC", help="the file's encoding, e.g. utf-8, cp1252, utf-16, or "
                                                           "utf-8-or-cp1252 for a mix of both (default: found "
                                                           "from the file)")
        sub.add_argument("--delimiter", metavar="D", help="the separator: , ; tab | (default: found from the file)")
        sub.add_argument("--quote", type=str.lower, choices=("double", "single", "none"),
                         help='how cells are quoted: "double", \'single\', or none (quotes are text; default: '
                              "found from the file)")
        sub.add_argument("--header-row", type=_row_number, metavar="N",
                         help="the row the column names are on, as a spreadsheet numbers it; 0 when the file has "
                              "none: its columns are then named by their numbers (--map \"1=full_name\"); default: "
                              "found from the file")
        sub.add_argument("--line-ends", type=str.lower, choices=("any", "crlf", "lf", "cr"),
                         help="where rows end: at any line break (default), or only at CR LF, LF or CR (the "
                              "other line breaks are then text in a cell)")
        sub.add_argument("--region", type=_region, metavar="CC",
                         help="the country to read phone numbers without +country code in (e.g. FR), for rows "
                              "that do not name a country of their own")
        sub.add_argument("--date-order", action="append", default=[], metavar="COLUMN=ORDER",
                         help="how a date column is written: dmy (day first), mdy (month first) or ymd")
        sub.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
        sub.add_argument("--rejects", type=cli_format.file_path, metavar="OUT.csv",
                         help="write the rejected rows to this file, as the file has them, after their row number "
                              "and what is wrong: correct them and import that file")
        sub.add_argument("--json", action="store_true", help="print the outcome as a JSON object")

    contacts = command(actions, "contacts", import_contacts, "import contacts from a CSV file")
    file_options(contacts)
    contacts.add_argument("--preset", default="auto", metavar="auto|NAME",
                          type=lambda name: name.strip().lower().replace("-", "_"),  # (in any case: "Google")
                          help="the program that wrote the file: google, outlook, shopify, ... (default: found "
                               "from the header row)")
    contacts.add_argument("--on-duplicate", type=str.lower, choices=("skip", "fill", "overwrite", "create"),
                          default="skip",
                          help="for a contact that is already there: skip the row (default), fill the empty "
                               "fields, overwrite them with the file's, or create another contact")
    contacts.add_argument("--tag", action="append", default=[], metavar="TAG",
                          help="a tag for every contact the import creates or changes (repeat the option for more)")

    purchases = command(actions, "purchases", import_purchases, "import purchases from a CSV file")
    file_options(purchases)
    purchases.add_argument("--preset", default="auto", metavar="auto|NAME",
                           help="the program that wrote the file: shopify_orders, sumup, stripe, paypal, lightspeed_x, "
                                "online_retail, etsy, etsy_items, smallcrm (its own export), or generic (read by the "
                                "column names alone; default: found from the header row)")
    purchases.add_argument("--match", type=str.lower, choices=("auto", "email", "phone", "id", "name"),
                           default="auto",
                           help="how rows name their customer: email, phone, id (the customer number another "
                                "program gave) or name (default: each row by whichever of its email, id and phone "
                                "finds someone, by its name when it has none of them)")
    purchases.add_argument("--create-missing", action="store_true",
                           help="create the customers that are not found (default: skip their purchases)")
    purchases.add_argument("--currency", metavar="CODE", help="for rows without one (default: the shop's)")

    listing = command(actions, "list", list_imports, "every import, newest first")
    listing.add_argument("--json", action="store_true")
    undo = command(actions, "undo", undo_import, "undo an import: remove what it added, restore what it changed")
    undo.add_argument("batch", type=cli_format.record_id, metavar="BATCH",
                      help="the import's number (see `smallcrm import list`)")
    undo.add_argument("--json", action="store_true")


def _region(text: str) -> str:
    from smallcrm.cli import _region as region

    return region(text)


def _row_number(text: str) -> int:
    try:
        row = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a row number") from None
    if row < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: rows are numbered from 1 (0: the file has no row of column "
                                         "names)")
    return row


# ---------------------------------------------------------------------------------------------
# Errors in words


def error_json(error: Exception) -> dict:
    """What --json adds to a failed import's {"error": ...}: the columns whose day/month order it asks for."""
    from smallcrm.services.importing.contacts_import import DateOrderNeeded

    if isinstance(error, DateOrderNeeded):
        return {"date_order_needed": [{"column": i + 1, "header": header} for i, header in error.columns]}
    return {}


def describe_error(error: Exception, args) -> str | None:
    """The one line for an error of an `import` command (None: cli.describe_error's own words)."""
    from smallcrm.services.importing.contacts_import import DateOrderNeeded, ImportCancelled
    from smallcrm.services.importing.deciding import WorkerFailed

    not_done = NOT_DONE.get(getattr(args, "action", ""), "nothing was imported")
    if isinstance(error, ImportFileProblem):
        return f"{describe_file_problem(error, bool(getattr(args, 'encoding', None)))}; {not_done}"
    if isinstance(error, DateOrderNeeded):
        from smallcrm.services.importing.mapping import column_name

        name, *others = (column_name(i, h) for i, h in error.columns)
        others = ", ".join(map(cli_format.quoted, others))
        more = f" (and {others})" if others else ""
        return (f"the dates in column {cli_format.quoted(name)}{more} could be day/month or month/day; "
                f"{not_done}. Say which with --date-order \"{name}=dmy\" (day first) or "
                f"--date-order \"{name}=mdy\" (month first)")
    if isinstance(error, ImportCancelled):
        return f"the import was stopped; {not_done}"
    if isinstance(error, WorkerFailed):
        return f"{error}; {not_done}. Close other programs (the computer may be short of memory) and try again"
    if isinstance(error, OutputProblem):
        return (f"cannot write the rejected rows to {error.path}: {error.detail}; {not_done}. Give another "
                "file name, e.g. --rejects rejected.csv")
    if isinstance(error, NotFound) and error.kind == "import":
        return f"there is no import {error.key}; {not_done} (`smallcrm import list` shows the imports)"
    if isinstance(error, NotAllowed):
        return f"{not_done}: {error.reason}"
    if isinstance(error, InvalidValue):
        said = f"{not_done}: {describe_option_problem(error)}"
        if error.problem == "column" and error.field in ("date", "amount") and _customer_list(args):
            said += "; the file looks like a list of customers: import it with smallcrm import contacts"
        return said
    return None


def _customer_list(args) -> bool:
    """Whether `import purchases` was given a file whose columns are of customers, not of sales."""
    from smallcrm.services.importing.purchases_import import holds_purchases

    if getattr(args, "action", "") != "purchases":
        return False
    try:
        headers = _headers(args.file, args)
        return any(headers) and not holds_purchases(headers)  # (no column names: nothing to tell)
    except (SmallCrmError, OSError):
        return False


def describe_option_problem(error: InvalidValue) -> str:
    """An option, or a column the import needs, that does not fit the file."""
    if error.problem in ("column", "separator"):  # (its detail is a whole sentence)
        return error.detail
    if error.problem in ("required", "too_long", "email", "phone", "date"):
        return cli_format.describe_invalid(error)
    detail = f"choose {error.detail}" if error.detail.startswith("one of ") else error.detail
    if error.problem == "row_end":
        detail += "; give --line-ends any"
    return f"{error.field.replace('_', ' ')} {cli_format.quoted(error.value)} cannot be used: {detail}"


def _checked_options(build):
    """`build()`: the options read from the command line and checked against the file's header; an option that
    cannot be used is bad usage (exit 2), told in one line."""
    try:
        return build()
    except InvalidValue as e:
        from smallcrm.cli import UsageError

        raise UsageError(f"nothing was imported: {describe_option_problem(e)}") from None


_FILE_PROBLEMS = {
    "not_found": "there is no file {path}",
    "vanished": "{path} went away while it was being read",
    "changed": "{path} changed while it was being read",
    "unclosed_quote": "{path} has a quote that is never closed",
    "unreadable": "{path} cannot be read",
    "empty": "{path} is empty",
    "header_only": "{path} has a header row and no rows under it",
    "binary": "{path} is not a CSV file",
    "encoding": "{path} is not written in the encoding it was read in",
    "utf8_read_as": "{path} has text written in UTF-8",
    "marked_as": "{path} says by its first bytes that it is written in another encoding",
    "field_too_large": "{path} has a cell too large to be data",
    "too_many_rows": "{path} has more rows than one import takes",
    "contacts_file": "{path} is a vCard file of contacts, not a list of sales",
}


def describe_file_problem(problem: ImportFileProblem, encoding_given: bool = False) -> str:
    text = _FILE_PROBLEMS.get(problem.reason, "{path} cannot be imported ({reason})").format(
        path=problem.path, reason=problem.reason)
    if problem.row is not None and problem.reason != "too_many_rows":
        text += f" (row {problem.row})"
    if problem.detail:
        text += f": {problem.detail}"
    found = getattr(problem.detail, "facts", {}).get("found")
    if problem.reason == "encoding" and found:
        text += f"; leave out --encoding to have it found from the file (it reads right as {found})"
    elif problem.reason == "encoding" and encoding_given:
        text += ("; leave out --encoding to have it found from the file, or give another (e.g. --encoding cp1252, or "
                 "utf-8-or-cp1252 for a file with rows of both)")
    elif problem.reason == "encoding" and "utf-8" in problem.detail:  # (UTF-8 but for a few rows)
        text += ("; give it with --encoding: utf-8-or-cp1252 for a file of UTF-8 with some rows of Windows-1252 (as "
                 "two lists put together), or another (e.g. --encoding cp1252)")
    elif problem.reason == "encoding":
        text += "; give it with --encoding (e.g. --encoding cp1252)"
    elif problem.reason in ("utf8_read_as", "marked_as"):
        text += "; leave out --encoding to have it found from the file"
    elif problem.reason == "binary":
        text += "; export the list as CSV from the program that made it"
    elif problem.reason == "contacts_file":
        text += "; import it with `smallcrm import contacts`"
    elif problem.reason == "unclosed_quote":
        text += ("; correct that row in the program that made the file, or give --quote none if the file's "
                 "quotes are text")
    elif problem.reason == "changed":
        text += "; import it again once it is saved"
    elif problem.reason == "too_many_rows":
        text += "; split it into smaller files and import them one after the other"
    return text


# ---------------------------------------------------------------------------------------------
# Commands


def _dialect(path: Path, args):
    from smallcrm.services.importing import reader
    from smallcrm.services.importing.contacts_import import encoding_region

    return reader.sniff(path, encoding=args.encoding, delimiter=args.delimiter, quote=args.quote,
                        header_row=args.header_row, row_end=args.line_ends, region=encoding_region(args))


def _headers(path: Path, args) -> list[str]:
    from smallcrm.services.importing import reader

    return reader.read_header(path, _dialect(path, args))


def _column(spec: str, headers: list[str], option: str) -> int:
    from smallcrm.services.importing.mapping import column_names, find_columns

    columns = find_columns(spec, headers)
    if columns:
        return columns[0]
    raise InvalidValue(option, spec, "column", f"{option} {cli_format.quoted(spec)}: the file has no such column; "
                       "its columns are " + ", ".join(map(cli_format.quoted, column_names(headers))))


def _date_orders(items: list[str], headers: list[str]) -> dict[int, str]:
    out = {}
    for item in items:
        spec, sep, order = item.rpartition("=")
        order = order.strip().lower()
        if not sep or order not in ("dmy", "mdy", "ymd"):
            from smallcrm.cli import UsageError

            raise UsageError(f"--date-order {item!r}: write COLUMN=dmy, COLUMN=mdy or COLUMN=ymd")
        out[_column(spec, headers, "--date-order")] = order
    return out


class _Progress:
    def __init__(self, stream, what: str, doing: str = "importing"):
        self.stream, self.what, self.doing, self.shown = stream, what, doing, False

    def __call__(self, done: int, total: int | None) -> None:
        text = f"{100 * done // total:3d}%" if total else f"{done:,} rows"
        self.stream.write(f"\rsmallcrm: {self.doing} {self.what}… {text}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """End the progress line (before the outcome is printed, and again at the end: once is enough)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def _open_for_import(args, db_path: Path):
    """The database to import into; for a dry run on a file not made yet, an empty stand-in."""
    from smallcrm.store.db import open_database

    if args.dry_run and not Path(db_path).expanduser().exists():
        folder = Path(tempfile.mkdtemp(prefix="smallcrm-dry-run-"))
        open_database(folder / "empty.sqlite")
        return folder
    open_database(db_path)
    return None


def _run(args, db_path: Path, plan, do):
    """Run a plan (dry run) or an import with progress on a terminal; remove a dry run's stand-in."""
    from smallcrm.store.db import close_database

    if not args.file.exists() or args.file.is_dir():
        from smallcrm.services.importing import reader

        reader.sniff(args.file)  # the reader's own words for a missing file or a folder
    if args.rejects:
        from smallcrm.services.importing.contacts_import import check_rejects_path

        args.rejects = check_rejects_path(args.rejects, args.file, db_path)
    database = Path(db_path).expanduser()
    new_database = not database.exists()
    stand_in = _open_for_import(args, db_path)
    try:
        if stand_in is None:
            _say_if_imported_before(args.file, args.action)
        progress = (_Progress(sys.stderr, args.action, "checking" if args.dry_run else "importing")
                    if sys.stderr.isatty() else None)
        try:
            return (plan if args.dry_run else do)(progress)
        finally:
            if progress:
                progress.finish()
    except BaseException:
        if new_database and stand_in is None:  # made for this import, which put nothing in it
            close_database()
            for leftover in (database, database.with_name(database.name + "-wal"),
                             database.with_name(database.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        if stand_in is not None:
            close_database()
            shutil.rmtree(stand_in, ignore_errors=True)


def _say_if_imported_before(path: Path, kind: str) -> None:
    """A note on standard error (it leaves --json's output alone) when the same file, by its contents, was
    imported before as `kind` ("contacts" or "purchases") and that import still stands."""
    from smallcrm.services.importing.contacts_import import previous_import_of
    from smallcrm.store.fields import from_utc_text

    try:
        earlier = previous_import_of(path, kind)
    except OSError:
        return  # (reading the file says what is wrong with it)
    if earlier is not None:
        print(f"note: this file was already imported, as {earlier.file_name}, on "
              f"{cli_format.local_time(from_utc_text(earlier.started_at))} (import {earlier.batch}); to start over "
              f"instead, undo that import first: smallcrm import undo {earlier.batch}", file=sys.stderr)


def _print_rejects(rejects, noun: str = "row") -> None:
    """The first rejected rows, each with its number (`noun`: "contact" for a vCard file's), column and problem."""
    from smallcrm.services.importing.contacts_import import reject_words
    from smallcrm.services.importing.purchases_import import BROKEN_RECEIPT

    # the rows with a problem of their own first: the other rows of their receipts are left out for them
    for r in sorted(rejects, key=lambda r: r.reason == BROKEN_RECEIPT)[:SHOWN_REJECTS]:
        where = f"{noun} {r.row}" + (f", column {cli_format.quoted(r.column)}" if r.column else "")
        value = f" {cli_format.quoted(r.value)}" if r.value else ""
        print(f"  rejected {where}:{value} {reject_words(r)}")
    if len(rejects) > SHOWN_REJECTS:
        print(f"  … and {len(rejects) - SHOWN_REJECTS} more rejected {noun}s (--rejects FILE writes them all)")
    from smallcrm.services.importing.cleaning import SIGN_OF_SEVERAL

    several = next((r.reason for r in rejects if getattr(r.reason, "template", None) == SIGN_OF_SEVERAL), None)
    if several is not None:  # ("$": dollars of which country?)
        code = several.facts["codes"].split(",")[0].strip()
        print(f"  (the currency of rows without one is given with --currency, e.g. --currency {code})")


def _print_skips(skips: dict[str, int]) -> None:
    """Why purchases are not recorded, a line per reason, the most first."""
    for reason, n in sorted(skips.items(), key=lambda item: -item[1]):
        print(f"  skipped {plural(n, 'purchase')}: {reason}")


_WARNINGS = {
    "short_rows": ("row had fewer cells than the header: the missing ones were read as empty",
                   "rows had fewer cells than the header: the missing ones were read as empty"),
    "long_rows": ("row had more cells than the header: the extra ones went to the notes",
                  "rows had more cells than the header: the extra ones went to the notes"),
    "nul_characters": ("invisible NUL character (some programs leave them) was removed",
                       "invisible NUL characters (some programs leave them) were removed"),
    "blank_rows": ("blank row was skipped", "blank rows were skipped"),
    "repeated_sales": ("row of a sale was given again by a file put after another: counted once",
                       "rows of sales were given again by a file put after another: counted once"),
    "repeated_headers": ("row repeated the column names (files put one after another?): left out",
                         "rows repeated the column names (files put one after another?): left out"),
    "split_numbers": ("row had a number a comma not in quotes split into two cells (1,234.50): read as one",
                      "rows had a number a comma not in quotes split into cells (1,234.50): read as one"),
    "voided_lines": ("line was voided on its receipt, whose other lines were not: left out of it",
                     "lines were voided on their receipts, whose other lines were not: left out of them"),
    "refund_over_sale": ("refund paid back more than was left of the sale under its number: recorded as a refund "
                         "of its own, not of that sale; check that row",
                         "refunds paid back more than was left of the sales under their numbers: recorded as refunds "
                         "of their own, not of those sales; check those rows"),
    "refund_of_unknown": ("refund names under “Refund of” a purchase neither in the file nor imported before: "
                          "recorded as a refund of no purchase (import the file with that purchase first, then undo "
                          "this import and import it again)",
                          "refunds name under “Refund of” purchases neither in the file nor imported before: recorded "
                          "as refunds of no purchase (import the file with those purchases first, then undo this "
                          "import and import it again)"),
    "bookkeeping_lines": ("line is the shop's own fee or a bookkeeping adjustment (Amazon's fee, bank charges, bad "
                          "debt), not a customer's sale: left out",
                          "lines are the shop's own fees or bookkeeping adjustments (Amazon's fee, bank charges, bad "
                          "debt), not customers' sales: left out"),
    "long_items": ("item was over 1,000 characters: it was cut to 1,000", "items were over 1,000 characters: they "
                   "were cut to 1,000"),
    "lost_letters": ("row has a letter that cannot be read (shown as “\ufffd”): kept as written",
                     "rows have a letter that cannot be read (shown as “\ufffd”): kept as written"),
    "stray_quotes": ("quote was never closed: the lines it ran together were read as rows again, the quote kept "
                     "as text; check that row",
                     "quotes were never closed: the lines they ran together were read as rows again, the quotes kept "
                     "as text; check those rows"),
    "sale_rows": ("row is a sale: its buyer was read as a customer, the sale is not recorded (to record sales, use "
                  "smallcrm import purchases)",
                  "rows are sales: their buyers were read as customers, the sales are not recorded (to record them, "
                  "use smallcrm import purchases)"),
    "erased": ("row is someone erased at their request (smallcrm privacy erase): not added again",
               "rows are people erased at their request (smallcrm privacy erase): not added again"),
    "unreadable_lines": ("line of a contact is not a vCard line (name:value) and was left out; check that contact "
                         "in the file",
                         "lines of contacts are not vCard lines (name:value) and were left out; check those contacts "
                         "in the file"),
}


# How a file was found cut short, said without a count (what follows: rows may be missing after its last one)
_CUT_SHORT = {"cut_letter": "in the middle of a letter: it was cut short when it was saved, copied or downloaded",
              "nul_tail": "in blank (NUL) bytes instead of text: it was cut short when it was saved, copied or synced"}


# What went to the customers' notes, after how many customers ("2 customers: ...").
_NOTED = {
    "email_in_notes": "an email that cannot be read went to their notes",
    "phone_in_notes": "a phone number that cannot be read went to their notes",
    "phone_cut_short": "a phone number a spreadsheet cut short (such as 4.47912E+11) went to their notes: its last "
                       "digits are lost (export the file again with the numbers as text, or type them in)",
    "birthday_in_notes": "a birthday that is not a date went to their notes",
    "partial_birthday": "a birthday without its day or month went to their notes",
    "street_in_notes": "address lines too long for the street went to their notes",
    "whole_address": "their address, written whole in one cell, was read as its street, postal code and town",
    "tag_in_notes": "a tag over 60 characters went to their notes",
    "consent_unclear": "marketing consent neither yes nor no, taken as no (the answer went to their notes)",
    "consent_date_unclear": "when they agreed to marketing is not a date and time that can be read, or is still to "
                            "come: consent dated today (what the file says went to their notes)",
    "lost_letters": "a letter that cannot be read (shown as “\ufffd”) outside the names was kept as written",
    "number_in_notes": "a customer number a spreadsheet cut short (such as 6.54321E+12) went to their notes, and "
                       "was not used to find them (export the file again, with the numbers as text)",
    "consent_withdrawn": "marketing consent withdrawn: the file says they unsubscribed (or, with --on-duplicate "
                         "overwrite, no)",
    "named_after_email": "no name in the file: their email stands in for it",
    "notes_full": "their notes are full (100,000 characters): what the file adds to them was left out; make room in "
                  "their notes, then import the file again with --on-duplicate fill",
    "named_after_phone": "no name in the file: their phone number stands in for it",
}


def _print_warnings(warnings, rows: dict[str, list[int]] | None = None, *, purchases: bool = False,
                    noun: str = "row") -> None:
    """What reading tidied and what went to the notes, a line each (a sale has no notes: extra cells are left
    out of it); `rows`: the first rows of what reading tidied, by kind, named after it (`noun`: "contact" for a
    vCard file's)."""
    for kind, n in warnings:
        where = _where(n, (rows or {}).get(kind), noun)
        if kind in _NOTED and not purchases:
            print(f"  note: {plural(n, 'customer')}: {_NOTED[kind]}")
        elif kind in _CUT_SHORT:
            print(f"  note: the file ends {_CUT_SHORT[kind]}, and rows may be missing after its last one")
        elif purchases and kind == "long_rows":
            print(f"  note: {n} {'row' if n == 1 else 'rows'} had more cells than the header: the extra ones were "
                  f"left out{where}")
        else:
            one, many = _WARNINGS.get(kind, (kind, kind))
            print(f"  note: {n} {one if n == 1 else many}{where}")


def _where(n: int, rows: list[int] | None, noun: str = "row") -> str:
    """" (row 7)", " (rows 3, 17)", " (rows 3, 17, 20, 41, 52, …)": where to look; "" when none are known."""
    if not rows:
        return ""
    more = ", …" if n > len(rows) else ""
    return f" ({noun if len(rows) == 1 and not more else noun + 's'} {', '.join(map(str, rows))}{more})"


def _columns_json(headers: list[str], fields: list[str]) -> list[dict]:
    """Each column of the file (numbered from 1, as --map takes them) and the field it goes to."""
    return [{"column": i, "header": h, "field": f} for i, (h, f) in enumerate(zip(headers, fields), start=1)]


def _rejects_json(rejects) -> list[dict]:
    return [{"row": r.row, "column": r.column, "value": r.value, "reason": r.reason,
             **({"detail": r.detail} if getattr(r, "detail", "") else {})} for r in rejects]


def _print_phone_hint(hint, region: str | None, batch: int | None = None, changed: bool = True) -> None:
    """Most numbers are not of the country they were read in: which one they are of, and what to do (after an
    import, `batch`, or after one that `changed` no customer: they were there before, kept as they were)."""
    if hint is None:
        return
    where = f"numbers of {region}" if region else "numbers anywhere without their +country code"
    print(f"  note: of the first {hint.total} phone numbers, {hint.unread} are not {where}: they are kept as typed, "
          "without their country")
    again = f"--region {hint.region}" if hint.region else "--region and their country (e.g. --region FR)"
    what = (f"they are numbers of {hint.region}" if hint.region else "say which country they are of")
    if not changed:
        print(f"  {what}: this import changed no customer; undo the import that brought them in (smallcrm import "
              f"list shows it) and import again with {again}")
    elif batch is None:
        print(f"  {what}: import with {again}")
    else:
        print(f"  {what}: undo this import (smallcrm import undo {batch}) and import again with {again}")


def _joined_text(n: int, verb: str) -> str:
    """Rows of a customer an earlier row of the file adds or updates, joined to them (counted once)."""
    return f"; {verb} {plural(n, 'row')} to an earlier row (the same customer)" if n else ""


def _require_separator(path: Path, options) -> None:
    """contacts_import.require_separator, saying which --delimiter to give."""
    from smallcrm.services.importing import contacts_import as ci
    try:
        ci.require_separator(path, options)
    except InvalidValue as e:
        e.detail += f"; give --delimiter {shlex.quote(e.value)}"
        raise


def import_contacts(args, db_path: Path) -> int:
    from smallcrm.services.importing import contacts_import as ci, mapping, reader

    def build():
        dialect = _dialect(args.file, args)
        headers = reader.read_header(args.file, dialect)
        options = ci.ImportOptions(
            preset=args.preset, overrides=mapping.parse_map_overrides(args.map, headers) if args.map else {},
            encoding=args.encoding, delimiter=args.delimiter, quote=args.quote, header_row=args.header_row,
            row_end=args.line_ends, region=args.region, on_duplicate=args.on_duplicate,
            date_orders=_date_orders(args.date_order, headers), tags=args.tag)
        # (an unknown preset is refused here)
        fields = ci.customer_fields(headers, args.preset, ci.first_rows(args.file, dialect))
        for column, name in options.overrides.items():
            fields[column] = name
        try:
            _require_separator(args.file, options)
            ci.require_customer_columns(headers, fields)
        except InvalidValue as e:
            if not any(headers):  # (a file with no row of column names)
                e.detail += ', by its number: --map "1=full_name" --map "2=email"...'
            elif e.problem != "separator" and "purchases" not in e.detail:
                e.detail += (' by its number (--map "1=full_name"...); if not, say which holds what: '
                             '--map "Header=field"')
            raise
        return options

    options = _checked_options(build)
    tags = _checked_options(lambda: ci.import_tags(options))

    def plan(progress):
        p = ci.plan_contacts_import(args.file, options, progress=progress)
        if progress:
            progress.finish()
        if p.ambiguous_columns:
            raise ci.DateOrderNeeded([(i, p.headers[i]) for i in p.ambiguous_columns])
        rejects = p.rejects
        if args.rejects:
            ci.write_rejects(rejects, args.rejects, args.file, p.dialect)
        counts = {"created": p.counts["create"], "updated": p.counts["update"], "skipped": p.counts["skip"],
                  "rejected": p.counts["reject"], "joined": p.counts["join"]}
        if args.json:
            cli_format.write_json(sys.stdout, {"dry_run": True, "batch": None, **counts,
                                               "encoding": p.dialect.encoding,
                                               "delimiter": reader.separator(p.dialect), "preset": p.preset,
                                               "columns": _columns_json(p.headers, p.fields),
                                               "rows": p.rows, "tags": tags, "warnings": dict(p.warnings),
                                               "warning_rows": p.warning_rows,
                                               "phone_hint": ci.hint_json(p.phone_hint),
                                               "rejects": _rejects_json(rejects)})
        else:
            noun = "row" if p.dialect.vcard is None else "contact"
            print(f"dry run of {args.file.name} ({plural(p.rows, noun)}, {p.dialect.encoding}, "
                  f"{_delimiter_name(reader.separator(p.dialect))}, preset {p.preset}): "
                  f"would create {counts['created']}, update {counts['updated']}, skip {counts['skipped']}, "
                  f"reject {counts['rejected']}"
                  f"{_joined_text(counts['joined'], 'would join')}; nothing was changed")
            _print_warnings(p.warnings, p.warning_rows, noun=noun)
            _print_phone_hint(p.phone_hint, ci.import_region(options))
            _print_rejects(rejects, noun)
        return 0

    def do(progress):
        result = ci.import_contacts(args.file, options, progress=progress, rejects_out=args.rejects)
        if progress:
            progress.finish()
        noun = "row" if result.delimiter is not None else "contact"  # (a vCard file's contacts)
        if args.json:
            cli_format.write_json(sys.stdout, {**result.to_json(), "tags": tags,
                                               "rejects": _rejects_json(result.rejects)})
        elif result.batch is None:
            _say_nothing_imported(args, result.skipped, result.rejected)
            _print_warnings(result.warnings, result.warning_rows, noun=noun)
            _print_phone_hint(result.phone_hint, ci.import_region(options), changed=False)
            _print_rejects(result.rejects, noun)
        else:
            print(f"imported {args.file.name} ({result.encoding}, {_delimiter_name(result.delimiter)}): "
                  f"{result.created} created, {result.updated} updated, {result.skipped} skipped, "
                  f"{result.rejected} rejected{_joined_text(result.joined, 'joined')}; import {result.batch} "
                  f"(undo: smallcrm import undo {result.batch})")
            if tags and result.created + result.updated:
                print(f"tagged {', '.join(map(cli_format.quoted, tags))}: every contact created or updated")
            _print_warnings(result.warnings, result.warning_rows, noun=noun)
            _print_phone_hint(result.phone_hint, ci.import_region(options), result.batch)
            _print_rejects(result.rejects, noun)
        return 1 if result.batch is None and not result.skipped else 0

    return _run(args, db_path, plan, do)


def import_purchases(args, db_path: Path) -> int:
    from smallcrm.services import money
    from smallcrm.services.importing import purchases_import as pi

    def build():
        headers = _headers(args.file, args)
        options = pi.PurchaseImportOptions(
            match=args.match, create_missing=args.create_missing,
            currency=money.check_currency(args.currency) if args.currency else None,
            encoding=args.encoding, delimiter=args.delimiter, quote=args.quote, header_row=args.header_row,
            row_end=args.line_ends, region=args.region, preset=args.preset,
            overrides=pi.parse_overrides(args.map, headers), date_orders=_date_orders(args.date_order, headers))
        _require_separator(args.file, options)
        pi.map_purchase_headers(headers, args.preset)  # (a preset unknown, or not the file's, is refused here)
        return options

    options = _checked_options(build)

    def paid_text(n: int, verb: str) -> str:  # purchases imported before as due that the file says are paid
        return f"{verb} paid {plural(n, 'purchase')} imported before as due, " if n else ""

    def nobody_text(n: int) -> str:
        """Of the purchases recorded, those without a customer, in a file that names customers."""
        if not n:
            return ""
        by = f": customers are found by {pi.MATCH_WORDS[args.match]} only" if args.match != "auto" else ""
        return f"; {n} without a customer{by}"

    def unmatched_text(unmatched, created: bool) -> str:
        if not unmatched:
            return ""
        shown = ", ".join(cli_format.quoted(u.written or u.key) + (f" ({u.name})" if u.name and u.name not in (
            u.key, u.written) else "") for u in unmatched[:5])
        more = f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
        if created:
            return f"; customers created for {shown}{more}"
        return f"; no customer found for {shown}{more} (--create-missing creates them)"

    def plan(progress):
        p = pi.plan_purchases_import(args.file, options, progress=progress)
        if progress:
            progress.finish()
        if p.ambiguous_columns:
            from smallcrm.services.importing.contacts_import import DateOrderNeeded

            raise DateOrderNeeded([(i, p.headers[i]) for i in p.ambiguous_columns])
        if args.rejects:
            from smallcrm.services.importing.contacts_import import write_rejects

            write_rejects(p.rejects, args.rejects, args.file, p.dialect)
        c = p.counts
        if args.json:
            cli_format.write_json(sys.stdout, {
                "dry_run": True, "batch": None, "created": c["purchases"], "updated": c["paid"], "skipped": c["skip"],
                "rejected": c["reject"], "refunds": c["refunds"], "customers_created": c["customers_created"],
                "without_customer": c["without_customer"],
                "points": c["points"], "encoding": p.dialect.encoding, "delimiter": p.dialect.delimiter,
                "preset": p.preset, "skips": p.skips, "columns": _columns_json(p.headers, p.fields),
                "unmatched": [u.to_json() for u in p.unmatched], "warnings": dict(p.warnings),
                "warning_rows": p.warning_rows,
                "with_tax": pi.with_tax_json(p.with_tax), "other_currencies": p.other_currencies,
                "rejects": _rejects_json(p.rejects)})
        else:
            print(f"dry run of {args.file.name} ({p.dialect.encoding}, {_delimiter_name(p.dialect.delimiter)}): "
                  f"would record {plural(c['purchases'], 'purchase')} "
                  f"({plural(c['refunds'], 'refund')}{nobody_text(c['without_customer'])}), "
                  f"{paid_text(c['paid'], 'mark')}skip {c['skip']}, "
                  f"reject {plural(c['reject'], 'row')}, "
                  f"create {plural(c['customers_created'], 'customer')}, give {plural(c['points'], 'point')}"
                  f"{unmatched_text(p.unmatched, args.create_missing)}; nothing was changed")
            _print_skips(p.skips)
            _print_warnings(p.warnings, p.warning_rows, purchases=True)
            _print_with_tax(p.with_tax)
            _print_other_currencies(p.other_currencies)
            _print_rejects(p.rejects)
        return 0

    def do(progress):
        r = pi.import_purchases(args.file, options, progress=progress, rejects_out=args.rejects)
        if progress:
            progress.finish()
        if args.json:
            cli_format.write_json(sys.stdout, {**r.to_json(), "rejects": _rejects_json(r.rejects)})
        elif r.batch is None:
            # (with --create-missing, nobody was created: their purchases were there already, or left out)
            _say_nothing_imported(args, r.skipped, r.rejected,
                                  "" if args.create_missing else unmatched_text(r.unmatched, False))
            _print_skips(r.skips)
            _print_warnings(r.warnings, r.warning_rows, purchases=True)
            _print_rejects(r.rejects)
        else:
            print(f"imported {args.file.name} ({r.encoding}, {_delimiter_name(r.delimiter)}): "
                  f"{plural(r.created, 'purchase')} recorded "
                  f"({plural(r.refunds, 'refund')}{nobody_text(r.without_customer)}), "
                  f"{paid_text(r.marked_paid, 'marked')}{r.skipped} skipped, "
                  f"{plural(r.rejected, 'row')} rejected, "
                  f"{plural(r.customers_created, 'customer')} created, {plural(r.points, 'point')}"
                  f"{unmatched_text(r.unmatched, args.create_missing)}; import {r.batch} "
                  f"(undo: smallcrm import undo {r.batch})")
            _print_skips(r.skips)
            _print_warnings(r.warnings, r.warning_rows, purchases=True)
            _print_with_tax(r.with_tax)
            _print_other_currencies(r.other_currencies, r.batch)
            _print_rejects(r.rejects)
        return 1 if r.batch is None and not r.skipped else 0

    return _run(args, db_path, plan, do)


def _say_nothing_imported(args, skipped: int, rejected: int, unmatched: str = "") -> None:
    """An import that changed nothing, and was not recorded: every row rejected, or skipped (a file imported
    before, or sales of customers not in the book: `unmatched` says whose, and how to create them)."""
    them = "it" if rejected == 1 else "them"
    again = (f"correct {them} in {args.rejects}" if args.rejects else
             f"correct {them} in the file (or save {them} with --rejects OUT.csv and correct {them} there)")
    if not skipped:
        print(f"nothing imported from {args.file.name}: {'its' if rejected == 1 else 'all'} "
              f"{plural(rejected, 'row')} {'was' if rejected == 1 else 'were'} rejected, and no import was "
              f"recorded; {again} and import again")
        return
    print(f"nothing imported from {args.file.name}" + ("" if unmatched else ": nothing in it is new")
          + f" ({skipped} skipped" + (f", {rejected} rejected" if rejected else "") + "), and no import was recorded"
          + unmatched + (f"; {again} and import again" if rejected else ""))


def _print_with_tax(with_tax: tuple[str, str] | None) -> None:
    """A column that is the amount and its tax added, beside the amount read (before tax)."""
    if with_tax:
        total, amount = with_tax
        print(f'  note: "{total}" is "{amount}" with its tax added: the amounts recorded are "{amount}", before tax; '
              f'to record what customers paid, give --map "{total}=amount"')


def _print_other_currencies(currencies: dict[str, int], batch: int | None = None) -> None:
    """Purchases in another currency than the shop's: no points, and left out of reports (`batch`: the import that
    recorded them, to undo before importing again)."""
    if not currencies:
        return
    from smallcrm.services.loyalty import shop_currency

    n = sum(currencies.values())
    most = list(currencies)  # (the most first)
    which = most[0] if len(most) == 1 else " and ".join(
        (", ".join(f"{code} ({currencies[code]})" for code in most[:-1]), f"{most[-1]} ({currencies[most[-1]]})"))
    they = ("it earns no points, and reports leave it out" if n == 1
            else "they earn no points, and reports leave them out")
    print(f"  note: {plural(n, 'purchase')} {'is' if n == 1 else 'are'} in {which}, not the shop's currency "
          f"({shop_currency()}): {they}; if the shop sells in {most[0]}, "
          f"choose it under Tools ▸ Settings in the window, then {f'undo import {batch} and ' if batch else ''}import "
          "the file again")


def _delimiter_name(delimiter: str | None) -> str:
    """A file's separator in words; None: a vCard file's, which has none."""
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "space", None: "vCard"}.get(
        delimiter, repr(delimiter))


def list_imports(args, db_path: Path) -> int:
    from smallcrm.services.importing import contacts_import as ci
    from smallcrm.store.fields import from_utc_text

    _open_existing(db_path)
    rows = ci.list_imports()
    if args.json:
        cli_format.write_json(sys.stdout, [row.to_json() for row in rows])
        return 0
    for row in rows:
        state = "undone" if row.undone_at else "kept"
        tagged = f"  tagged {', '.join(map(cli_format.quoted, row.tags))}" if row.tags else ""
        made = (f" ({cli_format.plural(row.customers_created, 'new customer')})"
                if row.kind == "purchases" and row.customers_created else "")
        when = cli_format.local_time(from_utc_text(row.started_at))
        joined = f", {row.joined} joined" if row.joined else ""
        print(f"{row.id:>5}  {when:<20}  {row.kind:<9}  {cli_format.fit(row.file_name, 30)}  "
              f"{row.created} created{made}, {row.updated} updated{joined}, {row.skipped} skipped, "
              f"{row.rejected} rejected  {state}{tagged}")
    if not rows:
        print("no imports yet")
    return 0


def undo_import(args, db_path: Path) -> int:
    from smallcrm.services.importing import contacts_import as ci

    _open_existing(db_path)
    result = ci.undo_import(args.batch)
    if args.json:
        cli_format.write_json(sys.stdout, dict(result.__dict__))
        return 0
    parts = [f"{plural(result.contacts_removed, 'contact')} removed"
             + (f" ({result.from_trash} of them from the Trash)" if result.from_trash else ""),
             f"{result.contacts_restored} restored"]
    if result.purchases_removed:
        parts.append(f"{plural(result.purchases_removed, 'purchase')} and "
                     f"{plural(result.points_removed, 'points row')} removed")
    if result.due_again:
        parts.append(f"{plural(result.due_again, 'purchase')} it marked paid due again")
    print(f"import {args.batch} undone: {', '.join(parts)}")
    return 0
