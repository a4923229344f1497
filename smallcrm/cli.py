"""The command line. `smallcrm` alone opens the window; the subcommands work on the database without one.

Exit codes: 0 done, 1 bad data (a field, an unknown id, a database that cannot be used), 2 bad usage.
User mistakes print one line on stderr, never a traceback. PySide6 is imported only to open a window.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import sys
from pathlib import Path

from smallcrm import (
    __version__, cli_activity, cli_backup, cli_export, cli_format, cli_import, cli_privacy, cli_report, paths,
)
from smallcrm.errors import (
    DatabaseProblem, DemoNeedsEmptyDatabase, ImportFileProblem, InsufficientPoints, InvalidValue, NotAllowed, NotFound,
    OutputProblem, RefundTooLarge, ValidationFailed,
)
from smallcrm.services import contacts, money, referrals, validation
from smallcrm.services.settings import default_region
from smallcrm.store import db
from smallcrm.store.db import close_database, open_database
from smallcrm.store.models import Contact, database

PROG = "smallcrm"


class UsageError(Exception):
    """The command line itself is wrong (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage and exits; we want one line and exit 2
        raise UsageError(f"{message} (see `{self.prog} --help`)")


# ---------------------------------------------------------------------------------------------
# The parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def _region(text: str) -> str:
    from smallcrm.services.importing.cleaning import region_code

    region = region_code(text)
    if region is None:
        raise argparse.ArgumentTypeError(f"{text!r} is no country smallcrm knows: write its two-letter country code, "
                                         "such as FR, DE or US")
    return region


# Where consent given with --email-consent or --sms-consent came from, when SOURCE is left out.
CONSENT_SOURCE = "Command line"


def _add_contact_fields(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    lists = "replaces all of them" if editing else "repeat for several"
    parser.add_argument("--first-name", metavar="TEXT")
    parser.add_argument("--last-name", metavar="TEXT")
    parser.add_argument("--company", metavar="TEXT")
    parser.add_argument("--email", action="append", metavar="EMAIL",
                        help=f"an email address, with what kind it is before it if you like: \"work: ann@shop.fr\""
                             f" (home, work, other, or words of your own; {lists})")
    parser.add_argument("--phone", action="append", metavar="PHONE",
                        help=f"a phone number, with what kind it is before it if you like: \"mobile: 06 12 34 56 78\""
                             f" (mobile, home, work, main, other, or words of your own; {lists})")
    parser.add_argument("--street", metavar="TEXT")
    parser.add_argument("--postal-code", metavar="TEXT")
    parser.add_argument("--city", metavar="TEXT")
    parser.add_argument("--country", metavar="TEXT")
    parser.add_argument("--birthday", metavar="DATE",
                        help="YYYY-MM-DD, or --MM-DD without the year (e.g. --birthday --03-04)")
    parser.add_argument("--tag", action="append", metavar="TAG", help=f"a tag ({lists})")
    parser.add_argument("--notes", metavar="TEXT")
    for channel, words in (("email", "email"), ("sms", "SMS")):
        agreed = parser.add_mutually_exclusive_group()
        agreed.add_argument(f"--{channel}-consent", nargs="?", const="", metavar="SOURCE",
                            help=f"the customer agrees to marketing by {words}; SOURCE says where and how"
                                 f" (default: {CONSENT_SOURCE!r})")
        agreed.add_argument(f"--no-{channel}-consent", action="store_true",
                            help=f"the customer no longer agrees to marketing by {words}")
    parser.add_argument("--referred-by", type=cli_format.record_id, metavar="ID",
                        help="the id of the customer who brought this one" + (" (0: nobody)" if editing else ""))
    parser.add_argument("--region", type=_region, metavar="CC",
                        help="the country to read phone numbers without +country code in (e.g. FR)")
    parser.add_argument("--json", action="store_true", help="print the contact as a JSON object")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=cli_format.file_path, metavar="PATH", default=argparse.SUPPRESS,
                        help=f"the database file (default: {paths.default_database()})")

    parser = _Parser(prog=PROG, parents=[common], allow_abbrev=False,
                     description="A local-first CRM for small shops. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(parent, name, handler, help_text, **kwargs):
        sub = parent.add_parser(name, parents=[common], allow_abbrev=False, help=help_text,
                                description=help_text, **kwargs)
        sub.set_defaults(handler=handler)
        return sub

    demo = command(commands, "demo", run_demo, "fill an empty database with sample customers")
    demo.add_argument("--contacts", type=_positive, default=200, metavar="N", help="how many (default 200)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--purchases", type=_positive, metavar="N",
                      help="how many purchases in all (default: ten per contact)")

    def group(name, help_text, actions):
        parser = commands.add_parser(name, parents=[common], allow_abbrev=False, help=help_text,
                                     description=help_text)
        return parser.add_subparsers(dest="action", metavar=actions, required=True, parser_class=_Parser)

    actions = group("contacts", "list, show, add, edit, delete and restore contacts",
                    "{list,show,add,edit,delete,restore}")
    listing = command(actions, "list", list_contacts, "list contacts as a table (or JSON)")
    listing.add_argument("--search", metavar="TEXT", help="only contacts matching these words or digits")
    listing.add_argument("--limit", type=_positive, metavar="N", help="at most N contacts")
    listing.add_argument("--trash", action="store_true", help="list the contacts in the Trash")
    listing.add_argument("--import", dest="import_batch", type=cli_format.record_id, metavar="N",
                         help="only the customers import N added or changed (for an import of purchases, also "
                              "those whose purchases it recorded); `smallcrm import list` numbers the imports")
    listing.add_argument("--json", action="store_true", help="print a JSON array of contact objects")

    show = command(actions, "show", show_contact, "show every field of one contact")
    show.add_argument("id", type=cli_format.record_id, metavar="ID")
    show.add_argument("--json", action="store_true", help="print the contact as a JSON object")

    add = command(actions, "add", add_contact, "add a contact and print its id")
    _add_contact_fields(add, editing=False)

    edit = command(actions, "edit", edit_contact, "change the given fields of a contact")
    edit.add_argument("id", type=cli_format.record_id, metavar="ID")
    _add_contact_fields(edit, editing=True)

    delete = command(actions, "delete", delete_contacts, "move contacts to the Trash")
    delete.add_argument("ids", type=cli_format.record_id, nargs="+", metavar="ID")
    restore = command(actions, "restore", restore_contacts, "bring contacts back from the Trash")
    restore.add_argument("ids", type=cli_format.record_id, nargs="+", metavar="ID")
    tag = command(actions, "tag", tag_contacts, "give contacts a tag, or take it off them (--remove)")
    tag.add_argument("tag", metavar="TAG")
    tag.add_argument("ids", type=cli_format.record_id, nargs="*", metavar="ID")
    tag.add_argument("--search", metavar="TEXT", help="every contact matching these words or digits, instead of IDs")
    tag.add_argument("--import", dest="import_batch", type=cli_format.record_id, metavar="N",
                     help="every customer import N added or changed (as `contacts list --import N` lists them, "
                          "outside the Trash), instead of IDs; with --search, those of them it finds")
    tag.add_argument("--remove", action="store_true", help="take the tag off the contacts")
    tag.add_argument("--json", action="store_true", help="print the tag and the contacts changed and unchanged")

    cli_activity.register(commands, command, group, _open_existing)
    cli_import.register(commands, command, group, _open_existing)
    cli_backup.register(commands, command, group, _open_existing)
    cli_report.register(commands, command, group, _open_existing)
    cli_export.register(commands, command, group, _open_existing)
    cli_privacy.register(commands, command, group, _open_existing)
    return parser


_NO_YEAR = re.compile(r"--\d")


def join_birthday(argv: list[str]) -> list[str]:
    """`--birthday --03-04` -> `--birthday=--03-04`: argparse would read `--03-04` as an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            out.extend(argv[i:])
            break
        if token == "--birthday" and i + 1 < len(argv) and _NO_YEAR.match(argv[i + 1]):
            out.append(f"--birthday={argv[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# Commands: each takes the parsed arguments and the database path, returns the exit code


class NoDatabaseYet(Exception):
    """A command that only reads or changes contacts was pointed at a file that does not exist."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


def _open_existing(db_path: Path) -> None:
    """Only `add` and `demo` create a database: a mistyped --db should not leave a new file behind."""
    if not db_path.expanduser().exists():
        raise NoDatabaseYet(db_path)
    open_database(db_path, create=False)


def list_contacts(args, db_path: Path) -> int:
    if args.trash and args.search:
        raise UsageError("--search looks among the contacts outside the Trash; leave out --trash or --search")
    _open_existing(db_path)
    ids = _found(args.search, args.import_batch, trash=args.trash)
    if args.limit is not None:
        ids = ids[: args.limit]
    if args.json:
        cli_format.write_json_array(sys.stdout, ids)
    else:
        cli_format.write_table(sys.stdout, ids)
    return 0


def _found(search: str | None, batch: int | None, trash: bool = False) -> list[int]:
    """The contacts a search finds (all of them without one), in list order; with `batch`, only the customers
    that import added or changed."""
    ids = contacts.contact_ids(search or "", trash=trash)
    if batch is not None:
        from smallcrm.services.importing.contacts_import import imported_customers

        imported = set(imported_customers(batch))
        ids = [i for i in ids if i in imported]
    return ids


def show_contact(args, db_path: Path) -> int:
    _open_existing(db_path)
    record = contacts.get_contact(args.id)
    if args.json:
        cli_format.write_json(sys.stdout, record.to_json())
    else:
        cli_format.write_details(sys.stdout, record)
    return 0


_TEXT_OPTIONS = (*contacts.TEXT_FIELDS, "notes", "birthday")


def _apply(args, data: contacts.ContactInput) -> contacts.ContactInput:
    for name in _TEXT_OPTIONS:
        if getattr(args, name) is not None:
            setattr(data, name, getattr(args, name))
    if args.tag is not None:
        data.tags = list(args.tag)
    if args.email is not None:
        data.emails, data.email_labels = _labelled(args.email, _LABELLED_EMAIL, data.emails, data.email_labels,
                                                   lambda text: text.strip().casefold())
    if args.phone is not None:
        region = args.region if args.region is not None else default_region()
        data.phones, data.phone_labels = _labelled(args.phone, _LABELLED_PHONE, data.phones, data.phone_labels,
                                                   lambda text: _number(text, region))
    for channel in ("email", "sms"):
        source = getattr(args, f"{channel}_consent")
        if source is not None:  # given, or only its source changed: the date it was first given stays
            kept = getattr(data, f"{channel}_consent_source") if getattr(data, f"{channel}_consent") else ""
            setattr(data, f"{channel}_consent", True)
            setattr(data, f"{channel}_consent_source", source.strip() or kept or CONSENT_SOURCE)
        elif getattr(args, f"no_{channel}_consent"):
            setattr(data, f"{channel}_consent", False)
            setattr(data, f"{channel}_consent_at", None)
            setattr(data, f"{channel}_consent_source", "")
    return data


# "mobile: 06 12 34 56 78", "work: ann@shop.fr": a phone number or an email address with its label before it
_LABELLED_PHONE = re.compile(r"\s*([^\d+(:=]*[^\d+(:=\s])\s*[:=]\s*(.*)", re.DOTALL)
_LABELLED_EMAIL = re.compile(r"\s*([^@:=]*[^@:=\s])\s*[:=]\s*(.*)", re.DOTALL)


def _number(text: str, region: str) -> str:
    """A phone number as it is compared: E.164 when it can be read."""
    try:
        phone = validation.clean_phone(text, region)
    except InvalidValue:
        return text.strip()
    return phone.e164 or phone.raw


def _labelled(given: list[str], pattern: re.Pattern, had: list[str], had_labels: list[str], key) -> tuple[list, list]:
    """The values --email or --phone gives, and their labels: the one written before a value, else the one the
    contact's value already had ("--phone 06 12 34 56 78" keeps it a mobile). `key`: a value as it is compared."""
    known = {key(text): label for text, label in zip(had, had_labels)}
    values, labels = [], []
    for text in given:
        m = pattern.fullmatch(text)
        if m and m.group(1).casefold() not in validation.LINK_SCHEMES:  # ("mailto:ann@shop.fr" is a link)
            value, label = m.group(2), m.group(1)
        else:
            value, label = text, ""
        values.append(value)
        labels.append(label or known.get(key(value), ""))
    return values, labels


def add_contact(args, db_path: Path) -> int:
    open_database(db_path)
    with database.atomic():  # the contact and who referred it, or neither
        new_id = contacts.add_contact(_apply(args, contacts.ContactInput()), region=args.region)
        if args.referred_by:
            referrals.set_referrer(new_id, args.referred_by)
    if args.json:
        cli_format.write_json(sys.stdout, contacts.get_contact(new_id).to_json())
    else:
        print(new_id)
    return 0


def edit_contact(args, db_path: Path) -> int:
    _open_existing(db_path)
    data = _apply(args, contacts.get_contact(args.id).to_input())
    with database.atomic():
        changed = contacts.update_contact(args.id, data, region=args.region)
        if args.referred_by is not None:
            referrals.set_referrer(args.id, args.referred_by or None)
    if args.json:
        cli_format.write_json(sys.stdout, contacts.get_contact(args.id).to_json())
    else:
        print(f"contact {args.id} updated" if changed or args.referred_by is not None else
              f"contact {args.id} unchanged: it already holds that")
    return 0


def _listed(ids: list[int]) -> str:
    return f"contact {ids[0]}" if len(ids) == 1 else f"{len(ids)} contacts"


def delete_contacts(args, db_path: Path) -> int:
    _open_existing(db_path)
    ids = list(dict.fromkeys(args.ids))
    contacts.delete_contacts(ids)
    print(f"moved {_listed(ids)} to the Trash (undo: smallcrm contacts restore {' '.join(map(str, ids))})")
    return 0


def restore_contacts(args, db_path: Path) -> int:
    _open_existing(db_path)
    ids = list(dict.fromkeys(args.ids))
    contacts.restore_contacts(ids)
    print(f"restored {_listed(ids)} from the Trash")
    return 0


def tag_contacts(args, db_path: Path) -> int:
    chosen = args.search is not None or args.import_batch is not None
    if bool(args.ids) == chosen:
        raise UsageError("give the contacts' ids, or --search TEXT for every contact it finds, or --import N for "
                         "every customer import N added or changed (ids, or the other two)")
    _open_existing(db_path)
    ids = list(dict.fromkeys(args.ids)) if args.ids else _found(args.search, args.import_batch)
    name = validation.clean_tag(args.tag)
    changed = (contacts.untag_contacts if args.remove else contacts.tag_contacts)(ids, name) if ids else []
    name = contacts.book_tag(name)
    if args.json:
        kept = set(changed)
        cli_format.write_json(sys.stdout, {"tag": name, "removed" if args.remove else "added": changed,
                                           "unchanged": [i for i in ids if i not in kept]})
        return 0
    if not ids:
        if args.import_batch is None:
            print(f"no contact matches {cli_format.quoted(args.search)}; nothing was changed")
        elif args.search is None:
            print(f"import {args.import_batch} has no customers in the book (it was undone, or they are in the "
                  "Trash); nothing was changed")
        else:
            print(f"no customer of import {args.import_batch} matches {cli_format.quoted(args.search)}; nothing was "
                  "changed")
        return 0
    tag, others = cli_format.quoted(name), len(ids) - len(changed)
    if args.remove:
        said = f"took {tag} off {_listed(changed)}" if changed else f"no contact had {tag}; nothing was changed"
        rest = f" ({others} did not have it)" if changed and others else ""
    else:
        said = f"tagged {_listed(changed)} {tag}" if changed else f"every contact already had {tag}"
        rest = f" ({others} had it already)" if changed and others else ""
    undo = (f" (undo: smallcrm contacts tag {cli_format.quoted(name)} {' '.join(map(str, changed))}"
            f"{'' if args.remove else ' --remove'})") if 0 < len(changed) <= 20 else ""
    print(f"{said}{rest}{undo}")
    return 0


class _Progress:
    """A percentage on one terminal line, redrawn in place (only used when stderr is a terminal)."""

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        self.stream.write(f"\r{PROG}: making demo data… {percent:3d}%")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")


def run_demo(args, db_path: Path) -> int:
    from smallcrm.services import demo  # Faker is large: load it only for this command

    open_database(db_path)
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        summary = demo.generate(args.contacts, seed=args.seed, purchases=args.purchases, progress=progress)
    finally:
        if progress:
            progress.finish()
    counts = vars(summary) if hasattr(summary, "__dict__") else {}
    parts = [f"{value} {name.replace('_', ' ')}" for name, value in counts.items() if isinstance(value, int)]
    print(f"demo data added to {db_path}: {', '.join(parts) or summary}")
    return 0


def open_window(db_path: Path) -> int:
    from smallcrm.gui.app import run  # the only place the command line reaches Qt

    return run(db_path)


# ---------------------------------------------------------------------------------------------
# The front door


def _utf8_streams() -> None:
    """Names are printed as they are: switch a stdout/stderr that cannot hold every character to UTF-8; and a file
    name with bytes that are no UTF-8 (a file unpacked from an old Windows archive) is printed with those bytes, as
    `ls` prints it, rather than fail."""
    for stream in (sys.stdout, sys.stderr):
        try:
            name = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
        except LookupError:
            name = ""
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8" if name != "utf-8" else None, errors="surrogateescape")


def _say_updating(path: Path, copy: Path) -> None:
    sys.stderr.write(f"{PROG}: updating {path} for this version of smallcrm (a large book takes a few seconds); "
                     f"a copy of it as it was is saved first as {copy.name}\n")
    sys.stderr.flush()


def _fail(message: str, code: int, args=None, error: Exception | None = None) -> int:
    """Say what went wrong on standard error; with --json, on standard output too, as {"error": message} (and what
    a script needs to answer, cli_import.error_json), so that a script reading the output always reads JSON."""
    if getattr(args, "json", False):
        cli_format.write_json(sys.stdout, {"error": " ".join(message.splitlines()), "exit_code": code,
                                           **(cli_import.error_json(error) if error is not None else {})})
    sys.stdout.flush()
    sys.stderr.write(f"{PROG}: error: {' '.join(message.splitlines())}\n")  # always exactly one line
    return code


def describe_error(error: Exception, args) -> str:
    """The one line a user reads for a known problem."""
    if args.command == "import":
        line = cli_import.describe_error(error, args)
        if line is not None:
            return line
    if args.command == "report":
        line = cli_report.describe_error(error, args)
        if line is not None:
            return line
    if args.command == "export":
        line = cli_export.describe_error(error, args)
        if line is not None:
            return line
    if args.command == "privacy":
        line = cli_privacy.describe_error(error, args)
        if line is not None:
            return line
    if args.command in cli_backup.COMMANDS:
        line = cli_backup.describe_error(error, args)
        if line is not None:
            return line
    not_done = ("nothing was changed" if getattr(args, "action", None) == "tag" else
                {**cli_activity.NOT_DONE, "report": cli_report.NOT_DONE}.get(args.command, "contact not saved"))
    if isinstance(error, ValidationFailed):
        problems = [cli_format.describe_invalid(e) for e in error.errors]
        joined = problems[0] if len(problems) == 1 else " ".join(f"({i}) {p};" for i, p in enumerate(problems, 1))
        return f"{not_done}: {joined.rstrip(';')}"
    if isinstance(error, InvalidValue):
        return f"{not_done}: {cli_format.describe_invalid(error)}"
    if isinstance(error, InsufficientPoints):
        return (f"{not_done}: contact {error.contact_id} has {error.balance} points, fewer than the "
                f"{error.requested} asked for")
    if isinstance(error, RefundTooLarge):
        left = f"{money.to_decimal(error.refundable_minor, error.currency)} {error.currency}"
        return f"{not_done}: purchase {error.purchase_id} has only {left} left to refund"
    if isinstance(error, NotAllowed):
        return f"{not_done}: {error.reason}"
    if isinstance(error, NotFound) and error.kind == "import" and args.command == "contacts":
        done = "nothing was changed: " if args.action == "tag" else ""
        return f"{done}there is no import {error.key} (`smallcrm import list` shows the imports)"
    if isinstance(error, NotFound) and error.kind not in ("contact", "contact in the Trash"):
        return f"{not_done}: there is no {error.kind} with id {error.key}"
    if isinstance(error, NotFound):
        if error.kind == "contact in the Trash":
            return (f"contact {error.key} is not in the Trash; nothing was restored "
                    "(`smallcrm contacts list --trash` shows what is there)")
        if getattr(args, "action", None) == "delete" and Contact.get_or_none(Contact.id == error.key):
            return f"contact {error.key} is already in the Trash; nothing was moved"
        if getattr(args, "action", None) == "tag" and Contact.get_or_none(Contact.id == error.key):
            return (f"contact {error.key} is in the Trash; nothing was changed (bring it back first: "
                    f"smallcrm contacts restore {error.key})")
        return f"there is no contact with id {error.key}; nothing was changed (`smallcrm contacts list` shows the ids)"
    if isinstance(error, DemoNeedsEmptyDatabase):
        return (f"the database already holds {error.contacts} contacts; demo data goes only into an empty "
                "database, so nothing was added. Give a new file with --db (e.g. --db demo.sqlite)")
    if isinstance(error, DatabaseProblem):
        return cli_format.describe_database_problem(error)
    if isinstance(error, NoDatabaseYet):
        return (f"there is no database at {error.path} yet, and this command does not create one. Add a "
                "contact (`smallcrm contacts add`) or sample data (`smallcrm demo`), or check the --db path")
    return str(error)


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    argv = join_birthday(list(sys.argv[1:] if argv is None else argv))
    # (a command line that cannot be read still answers in JSON when it asks for it)
    asked = argparse.Namespace(json="--json" in argv[:argv.index("--")] if "--" in argv else "--json" in argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as e:
        return _fail(str(e), 2, asked)
    except InvalidValue as e:  # a date or another value an option's type reads, given in a form it cannot be
        return _fail(f"{cli_format.describe_invalid(e)} (see `{PROG} --help`)", 2, asked)
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else 0
    db_path = getattr(args, "db", None) or paths.default_database()
    if args.command is None:
        return open_window(db_path)
    db.on_update = _say_updating
    try:
        return args.handler(args, db_path)
    except (UsageError, cli_report.ReportUsageError, cli_export.ExportUsageError,
            cli_privacy.PrivacyUsageError) as e:
        return _fail(str(e), 2, args)
    except (ValidationFailed, OutputProblem, InvalidValue, NotFound, DemoNeedsEmptyDatabase, DatabaseProblem,
            NoDatabaseYet, InsufficientPoints, RefundTooLarge, NotAllowed, ImportFileProblem, *cli_import.ERRORS,
            *cli_backup.ERRORS) as e:
        return _fail(describe_error(e, args), 1, args, e)
    except KeyboardInterrupt:  # every command writes in one transaction: an interrupted one left nothing
        return _fail("interrupted; nothing was changed", 130, args)
    except BrokenPipeError:  # `smallcrm contacts list | head`: the reader has gone, no traceback
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    finally:
        close_database()
        db.on_update = None


def open_window_entry() -> int:
    """The `smallcrm-window` launcher (no console): `--db PATH` is understood, anything else ignored."""
    parser = argparse.ArgumentParser(prog="smallcrm-window", add_help=False, allow_abbrev=False)
    parser.add_argument("--db", type=cli_format.file_path, default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return open_window(args.db or paths.default_database())
