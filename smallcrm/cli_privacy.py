"""`smallcrm privacy export|erase`: everything the shop holds about one customer, as a ZIP file, and
erasing a customer for good.

Registered on the parser by cli.build_parser. Erasing cannot be undone, so it needs --yes; without it
the command says what would be erased and changes nothing (exit 2). No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from smallcrm import cli_format
from smallcrm.cli_report import find_one_contact
from smallcrm.errors import InvalidValue, OutputProblem

NOT_DONE = "nothing was written"

_open_existing = None


class PrivacyUsageError(Exception):
    """The command needs more from the user before it acts (cli.main answers with exit 2)."""


def register(commands, command, group, open_existing) -> None:
    """Add `privacy export|erase` (see cli_activity.register for the arguments)."""
    global _open_existing
    _open_existing = open_existing

    actions = group("privacy", "a customer's data on request, and erasing a customer for good", "{export,erase}")

    export = command(actions, "export", privacy_export,
                     "everything the shop holds about one customer, as a ZIP file: their details, purchases, "
                     "points, calls and notes, answers, complaints, referrals, imports, and their dossier (PDF)")
    export.add_argument("contact", metavar="CONTACT", help="the contact's id, or words that find only that contact")
    export.add_argument("file", type=cli_format.file_path, metavar="FILE.zip",
                        help="where to write (readable by you only)")

    erase = command(actions, "erase", privacy_erase,
                    "erase a customer for good: their details, calls, notes, points and complaints go; their "
                    "purchases stay without a name, so revenue does not change. Cannot be undone")
    erase.add_argument("contact", metavar="CONTACT", help="the contact's id (`smallcrm contacts list` shows it)")
    erase.add_argument("--yes", action="store_true", help="really erase; without it, only say what would go")


def _listing(parts: list[str]) -> str:
    parts = [part for part in parts if part]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe_plan(plan) -> str:
    """What erasing removes and what stays, in one sentence's worth of words."""
    details = _listing([cli_format.plural(plan.emails, "email address", "email addresses"),
                        cli_format.plural(plan.phones, "phone number"), cli_format.plural(plan.tags, "tag")])
    gone = [f"their details ({details})"]
    for n, one, many in ((plan.interactions, "call or note", "calls and notes"),
                         (plan.points_entries, "points movement", None), (plan.complaints, "complaint", None),
                         (plan.import_changes, "import journal row", None),
                         (plan.referrals, "link to a customer they brought", "links to customers they brought")):
        if n:
            gone.append(cli_format.plural(n, one, many))
    kept = [cli_format.plural(n, one) for n, one in ((plan.purchases, "purchase or refund"),
                                                      (plan.feedback, "feedback score")) if n]
    text = f"contact {plan.contact_id} ({plan.name}): {_listing(gone)}"
    if kept:
        text += f"; {_listing(kept)} would stay without a name, so revenue does not change"
    return text


def privacy_export(args, db_path: Path) -> int:
    from smallcrm import reports
    from smallcrm.services import privacy

    if args.file.suffix.lower() != ".zip":
        raise PrivacyUsageError(f"{args.file}: the file name must end in .zip")
    _open_existing(db_path)
    contact_id = find_one_contact(args.contact)
    try:
        result = privacy.everything_we_hold(contact_id, args.file, dossier=reports.dossier_pdf)
    except OSError as e:
        raise OutputProblem(args.file, e.strerror or str(e)) from e
    print(f"everything held about contact {contact_id} ({result.name}) written to {result.path} "
          f"({len(result.files)} files; readable by you only)")
    return 0


def privacy_erase(args, db_path: Path) -> int:
    from smallcrm.services import privacy

    if not args.contact.strip().isdigit():
        raise PrivacyUsageError("give the id of the contact to erase (`smallcrm contacts list --search WORDS` "
                                "shows it); nothing was erased")
    _open_existing(db_path)
    contact_id = int(args.contact)
    if not args.yes:
        plan = privacy.erase_plan(contact_id)
        raise PrivacyUsageError(
            f"erasing would remove for good {describe_plan(plan)}. This cannot be undone, and nothing was erased: "
            f"add --yes to erase (save everything held first with `smallcrm privacy export {contact_id} "
            "FILE.zip`)")
    plan = privacy.erase_contact(contact_id)
    print(f"erased {describe_plan(plan).replace(' would stay', ' stay')}. Backups made before now still hold them. "
          "An import of a list that still has them does not add them again (only a fingerprint of their email "
          "addresses and phone numbers is kept, to know them by)")
    return 0


def describe_error(error: Exception, args) -> str | None:
    if isinstance(error, OutputProblem):
        return (f"{NOT_DONE}: cannot write {error.path} ({error.detail}); check that the folder exists "
                "and that you may write there")
    if isinstance(error, InvalidValue) and error.problem in ("not_found", "ambiguous"):
        return f"{NOT_DONE}: {error.detail}"
    return None
