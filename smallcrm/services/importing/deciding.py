"""Deciding what each row of a contacts file does, before anything is written.

Each row is read (cleaning.RowCleaner) and made into the values the contact table stores (Preparer), then
compared with the contacts already there and with the file's earlier rows (duplicates.DuplicateIndex). The
answer is a Decision: reject the row, skip it, create a contact (with the id it will get) or merge the row
into a contact. contacts_import applies the decisions and writes them.

Deciding reads the database once, at the start (who is already there), and never writes, so for a large
file it runs in a worker process (`WorkerDecisions`) while the importing thread writes what was decided,
and a second process reads and prepares the rows the worker decides (each row on its own: the worker then
only compares them, in order). The three parts of the work run side by side, and the importing thread (a
pool thread of the window) holds Python's global lock only for short stretches. The worker also reads the
date columns' day/month order before the import starts (`date_orders_in`). For a small file, or where no
worker can be started, the same Decider runs in the importing thread; both ways give the same decisions (a
test holds them equal).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sqlite3
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from smallcrm.errors import InvalidValue, SmallCrmError, ValidationFailed
from smallcrm.services import erased, validation as v
from smallcrm.services.contacts import TEXT_FIELDS, aligned
from smallcrm.services.importing import cleaning, reader
from smallcrm.services.importing.cleaning import ImportedContact, Reject
from smallcrm.services.importing.duplicates import DuplicateIndex, Facts, Match, facts as make_facts
from smallcrm.store import search
from smallcrm.store.fields import to_utc_text, utc_now

EXTERNAL_ID = "external_id"  # the contact column with the customer's number in another system
SCALARS = (*TEXT_FIELDS, "birthday", "notes", "source", EXTERNAL_ID)
CONSENT_COLUMNS = ("email_consent", "email_consent_at", "email_consent_source", "sms_consent", "sms_consent_at",
                   "sms_consent_source")
CONTACT_COLUMNS = (*SCALARS, *CONSENT_COLUMNS,
                   "sort_name", "sort_company", "sort_city", "sort_country", "updated_at")

# What a Decision says to do with its row.
REJECT, SKIP, CREATE, MERGE = "reject", "skip", "create", "merge"
# A MERGE's choice for a row "skip" leaves alone but for the unsubscribe it says (contacts_import.merge)
WITHDRAW = "withdraw"

_sort_key = lru_cache(maxsize=65536)(search.sort_key)  # companies, cities and countries repeat


class Incoming(NamedTuple):
    """What a row brings, as the database stores it."""

    values: tuple  # the contact columns, in CONTACT_COLUMNS order
    emails: tuple[tuple[str, str], ...]  # (email, label)
    phones: tuple[tuple[str, str | None, str, str], ...]  # (raw, e164, digits, label)
    tags: tuple[str, ...]
    # what the row says against consent already given, email then SMS (cleaning.NOT_SAID, SAID_NO, OPTED_OUT)
    refused: tuple[int, int] = (0, 0)


_REFUSED = Incoming._fields.index("refused")


class Decision(NamedTuple):
    what: str  # REJECT, SKIP, CREATE or MERGE
    row: int  # the row number, as a spreadsheet shows it
    data: ImportedContact | None  # the row as read (kept for the preview; None in a worker's decisions)
    reject: Reject | None = None
    incoming: Incoming | tuple | None = None  # CREATE and MERGE (as a plain tuple, from Preparer)
    match: Match | None = None  # the contact (existing, or made by an earlier row) the row duplicates
    choice: str = ""  # the policy for this row: "skip", "fill", "overwrite" or "create"
    new_id: int | None = None  # CREATE: the id the new contact gets


@dataclass
class Setup:
    """Everything deciding needs, as plain data (it is sent to a worker process)."""

    path: Path
    dialect: reader.Dialect
    fields: list[str]
    headers: list[str]
    date_orders: dict[int, str]
    region: str | None
    policy: str  # for duplicates: "skip", "fill", "overwrite" or "create"
    row_choices: dict[int, str]  # row number -> policy for that row ("skip" skips any row)
    consent_source: str  # where consent given in the file came from, when no column says
    next_id: int  # the id of the first contact the import creates
    moment: str  # the import's time (UTC text): the new contacts' updated_at
    chunk: int = 2000  # rows decided at a time
    database: str = ""  # the database file (a worker reads who is already there from it)
    # A worker sends back the rows as read for the first `keep_rows` rows and for every row that duplicates a
    # contact (what a dry run previews and lists); none when 0.
    keep_rows: int = 0
    tags: tuple[str, ...] = ()  # given to every contact the rows create or change (checked, no repeats)
    language: str = "en"  # the shop's: what the import keeps in the notes is named in it


def date_orders_in(path: Path, dialect: reader.Dialect, columns: list[int], width: int,
                   date_value: Callable[[str], str] | None = None) -> tuple[dict[int, str], int]:
    """What the values of the date `columns` say about their day/month order (cleaning.infer_date_orders),
    read in one pass over the file, and how many rows it has. `date_value`: what of a cell is the date."""
    counter = [0]

    def cells_of(rows):
        for _, cells in rows:
            counter[0] += 1
            if date_value:
                cells = list(cells)
                for i in columns:
                    if i < len(cells):
                        cells[i] = date_value(cells[i])
            yield cells

    as_birthdays = ["birthday" if i in columns else "" for i in range(width)]
    with reader.read_rows(path, dialect) as rows:
        found = cleaning.infer_date_orders(cells_of(rows), as_birthdays)
    return found, counter[0]


def reject_for(row: int, error: ValidationFailed, fields: list[str], headers: list[str]) -> Reject:
    """A Reject from the errors `contacts.clean_contact` (or the like) raised for a row."""
    first = error.errors[0]
    base = first.field.partition("[")[0]
    column = None
    candidates = {"emails": "email", "phones": "phone", "tags": "tag", "name": "first_name"}
    for i, name in enumerate(fields):
        if name in (base, candidates.get(base)) or name.rstrip("0123456789") in (base, candidates.get(base)):
            column = headers[i]
            break
    value = first.value if isinstance(first.value, str) else (None if first.value is None else str(first.value))
    reason = "; ".join(str(e) for e in error.errors)
    return Reject(row, reason, column, value)


def _consent(granted: bool, at, source: str, now: str) -> tuple[int, str | None, str]:
    """A channel's consent columns (see contacts.consent_values): given, it keeps the date it was first
    given, or takes the import's time; not given, neither date nor source."""
    if granted:
        return 1, (to_utc_text(at) if at is not None else now), source
    return 0, None, ""


def incoming(data: ImportedContact, consent_source: str, now: str, moment: str) -> tuple[Incoming, Facts]:
    """The values `contacts_import.clean_for_import` and the row writer make of a row the cleaner read
    (a test holds them equal), and what duplicate detection looks at.

    The cleaner checked every field (text tidied and measured, emails and phones read, the birthday
    checked): they are taken as they are. `consent_source` stands in for a source the row does not give.
    """
    first, last, company = data.first_name, data.last_name, data.company
    if not (first or last or company):
        raise ValidationFailed([InvalidValue("name", "", "required", "give a first name, a last name or a company")])
    city, country, postal_code, birthday = data.city, data.country, data.postal_code, data.birthday
    sort_name = search.sort_key(f"{last} {first}" if (first or last) else company)
    sort_company, sort_city = _sort_key(company), _sort_key(city)
    email_consent = _consent(bool(data.email_consent), data.email_consent_at,
                             data.email_consent_source or consent_source, now)
    sms_consent = _consent(bool(data.sms_consent), data.sms_consent_at, data.sms_consent_source or consent_source,
                           now)
    values = (first, last, company, data.street, postal_code, city, country, birthday, data.notes,
              (data.source or "")[:v.MAX_NAME], (data.customer_id or "")[:v.MAX_NAME],
              *email_consent, *sms_consent,
              sort_name, sort_company, sort_city, _sort_key(country), moment)
    details = data.phone_details
    phones = tuple([(p.raw, p.e164, p.digits, p.label) for p in details])
    found = make_facts(data.emails, [p.e164 for p in details], sort_name=sort_name, sort_city=sort_city,
                       postal_code=postal_code, sort_company=sort_company, birthday=birthday,
                       company_only=not (first or last), sort_first=search.sort_key(first) if first else "",
                       number=data.customer_id or "", typed=[p.raw for p in details if p.e164 is None])
    emails = tuple(zip(data.emails, aligned(data.email_labels, data.emails)))
    return Incoming(values, emails, phones, tuple(data.tags), (data.email_refused, data.sms_refused)), found


ERASED = "erased"  # a row of someone erased at their request (services.erased): skipped, and counted
# What the cleaner kept in the notes of a row it could not otherwise store, and the addresses it read from one cell
# (cleaning.RowCleaner's warnings), counted for the rows that create or change a customer.
NOTED = ("email_in_notes", "phone_in_notes", "birthday_in_notes", "partial_birthday", "street_in_notes",
         "tag_in_notes", "consent_unclear", "consent_date_unclear", "lost_letters",
         "number_in_notes", "phone_cut_short", "whole_address")
# ... and the customers the import adds with no name but their email or phone in its place
NAMED_AFTER = ("named_after_email", "named_after_phone")


class Preparer:
    """The first half of deciding, row by row and on its own: each row read and cleaned, and made into what it
    brings (Incoming) and what duplicate detection looks at (Facts). A large file's rows are prepared in a
    process of their own, beside the one that decides (see WorkerDecisions)."""

    def __init__(self, setup: Setup):
        self.setup = setup
        self.cleaner = cleaning.RowCleaner(setup.fields, setup.headers, region=setup.region,
                                           date_orders=setup.date_orders, language=setup.language)

    def prepare(self, rows: list[tuple[int, list[str]]], keep_data: bool) -> list[tuple]:
        """For each row, as a plain tuple: (row number, the row as read when `keep_data`, its Reject, what it
        brings, its Facts, what the cleaner kept in its notes); a rejected row brings nothing. What it brings and
        its Facts are plain tuples too (named ones cross to the worker process at twice the cost)."""
        setup = self.setup
        consent_source, import_tags = setup.consent_source, setup.tags
        cleaner = self.cleaner
        now = to_utc_text(utc_now())  # when consent given in this part of the file was recorded
        moment = setup.moment
        prepared: list[tuple] = []
        append = prepared.append
        for number, cells in rows:
            data = cleaner(number, cells)
            if type(data) is Reject:
                append((number, cleaner.as_written(number, cells) if keep_data else None, data, None, None, ()))
                continue
            if keep_data:  # the preview shows where consent came from
                for channel in ("email", "sms"):
                    if getattr(data, f"{channel}_consent") and not getattr(data, f"{channel}_consent_source"):
                        setattr(data, f"{channel}_consent_source", consent_source)
            if import_tags:  # (in the row as read too: the preview shows them)
                have = {t.casefold() for t in data.tags}
                data.tags += [t for t in import_tags if t.casefold() not in have]
            try:
                new, found = incoming(data, consent_source, now, moment)
            except ValidationFailed as e:
                append((number, data if keep_data else None, reject_for(number, e, setup.fields, setup.headers),
                        None, None, ()))
                continue
            append((number, data if keep_data else None, None, tuple(new), tuple(found), data.warnings))
        return prepared


class Decider:
    """Decides rows in the file's order; remembers the contacts the rows before create or change."""

    def __init__(self, setup: Setup, index: DuplicateIndex):
        self.setup = setup
        self.index = index
        self.next_id = setup.next_id
        self.preparer: Preparer | None = None  # made when rows are decided from the file's cells
        self.noted: dict[str, int] = {}  # rows created or merged with a value kept in the notes, by kind

    def warnings(self, read: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """What reading tidied (`read`), then how many rows had a value kept in the notes, by kind."""
        return [*read, *self.noted.items()]

    def decide(self, rows: list[tuple[int, list[str]]], *, keep_data: bool = True) -> list[Decision]:
        """Decide rows of the file (row number, cells): prepare them (Preparer), then settle them."""
        if self.preparer is None:
            self.preparer = Preparer(self.setup)
        return self.settle(self.preparer.prepare(rows, keep_data))

    def settle(self, prepared: list[tuple]) -> list[Decision]:
        """Decide prepared rows (Preparer.prepare), in order, against the contacts there and the rows before."""
        setup = self.setup
        policy, choices = setup.policy, setup.row_choices
        index, noted = self.index, self.noted
        decided: list[Decision] = []
        append = decided.append
        as_facts = Facts._make
        for number, kept, reject, new, found, warnings in prepared:
            if reject is not None:
                append(Decision(REJECT, number, kept, reject))
                continue
            found = as_facts(found)
            match = index.find(found)
            choice = choices.get(number, policy)
            if choice == "skip" and match is not None and match.contact_id >= setup.next_id and number not in choices:
                choice = "fill"  # (a customer an earlier row of the file adds: "skip" leaves alone those in the book)
            if match is None and index.erased and choices.get(number) != "create" and erased.is_erased(
                    index.erased, found.emails, found.phones):  # (unless the row is said to be added after all)
                noted[ERASED] = noted.get(ERASED, 0) + 1
                append(Decision(SKIP, number, kept, None, None, None, ERASED))
                continue
            if choice == "skip" and (match is not None or number in choices):
                if match is not None and number not in choices and cleaning.OPTED_OUT in new[_REFUSED]:
                    # an unsubscribe is kept, whatever else of the row is left alone
                    append(Decision(MERGE, number, kept, None, new, match, WITHDRAW))
                    continue
                append(Decision(SKIP, number, kept, None, None, match, choice))
                continue
            for kind in warnings:
                if kind in NOTED or kind in NAMED_AFTER and (match is None or choice == "create"):
                    noted[kind] = noted.get(kind, 0) + 1
            if match is None or choice == "create":
                new_id = self.next_id
                self.next_id += 1
                index.add(new_id, found)  # so that a later row for the same person finds this one
                append(Decision(CREATE, number, kept, None, new, match, choice, new_id))
            else:
                index.add(match.contact_id, found)
                append(Decision(MERGE, number, kept, None, new, match, choice))
        return decided


# --------------------------------------------------------------------------------------------------
# Deciding in a worker process


def pool_available(database: str | None) -> bool:
    """Whether a worker can decide: it reads the database from its file, so there must be one."""
    return bool(database) and database != ":memory:" and not database.startswith("file:") and Path(database).is_file()


class WorkerFailed(SmallCrmError):
    """The worker process stopped without saying why (killed, out of memory, or it could not start)."""


class WorkerDecisions:
    """Decisions made in a worker process, chunk by chunk, in the file's order.

    `start()` the worker as early as possible (its interpreter and imports take a few tenths of a second,
    which overlap the importing thread's own start), then `begin(setup)` and iterate. `close()` (or the
    `with` block) stops it and its preparer, whatever state they are in; a worker whose parent is gone stops
    by itself, and a preparer whose worker is gone.
    The worker is started with the "spawn" method everywhere (no fork of a process with threads and an
    open database; the same on Windows, macOS and in a frozen build, which calls freeze_support).
    """

    def __init__(self) -> None:
        self.process = None
        self.preparer = None  # the process that reads and prepares the rows the worker decides
        self.conn = None
        self.warnings: list[tuple[str, int]] = []
        self.warning_rows: dict[str, list[int]] = {}  # the first rows of what reading tidied (RowStream.warning_rows)

    def start(self) -> WorkerDecisions:
        """Start the worker, and the process that reads and prepares the rows it decides (Preparer): the two
        talk through a pipe of their own."""
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe(duplex=True)
        rows_here, rows_there = context.Pipe(duplex=True)
        processes = [context.Process(target=_worker_main, args=(child, rows_here), name="smallcrm-import", daemon=True),
                     context.Process(target=_preparer_main, args=(rows_there,), name="smallcrm-import-rows",
                                     daemon=True)]
        started = []
        try:
            for process in processes:
                process.start()
                started.append(process)
        except BaseException:
            parent.close()
            for process in started:
                process.terminate()
            raise
        finally:
            for end in (child, rows_here, rows_there):
                end.close()
        self.conn = parent
        self.process, self.preparer = processes
        return self

    def date_orders(self, path: Path, dialect: reader.Dialect, columns: list[int], width: int
                    ) -> tuple[dict[int, str], int]:
        """`date_orders_in`, read by the worker (the importing thread waits, and the window's thread with it
        has Python's global lock to itself)."""
        self.conn.send(("dates", path, dialect, columns, width))
        try:
            answer = self.conn.recv()
        except (EOFError, OSError) as e:
            raise WorkerFailed("the import's worker process stopped") from e
        if answer[0] == "error":
            raise _rebuilt(answer[1])
        return answer[1], answer[2]

    def begin(self, setup: Setup) -> None:
        self.conn.send(setup)

    def __iter__(self) -> Iterator[tuple[int, list[tuple]]]:
        """(rows read, their decisions) for each chunk, the decisions as plain tuples in Decision's order
        (with the rows as read only where Setup.keep_rows asks); the reader's warnings are in `warnings` at the
        end."""
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError) as e:
                raise WorkerFailed("the import's worker process stopped") from e
            kind = message[0]
            if kind == "chunk":
                yield message[1], message[2]
            elif kind == "done":
                self.warnings, self.warning_rows = message[1], message[2]
                return
            elif kind == "failed":
                raise WorkerFailed(f"the import's worker process cannot go on: {message[1]}")
            else:
                raise _rebuilt(message[1])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        processes = [self.process, self.preparer]
        self.process = self.preparer = None
        # Each stops by itself once the end of its pipe is closed: the worker's by this process, the preparer's
        # by the worker.
        for process in processes:
            if process is not None:
                process.join(timeout=2)
                if process.is_alive():
                    process.terminate()
                    process.join(timeout=5)
                if not process.is_alive():
                    process.close()

    def __enter__(self) -> WorkerDecisions:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


AHEAD = 8  # chunks a worker may decide before the importing thread takes them


def _quiet_process() -> None:
    """How the worker and the preparer run. Ctrl+C in a terminal reaches every process of the program: the
    importing one decides what happens (it stops these). No reference cycles are made while preparing and
    deciding (a test holds that), and nothing waits on these processes' pauses: the cyclic garbage collector
    would only cost time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()


def _worker_main(conn, rows) -> None:
    """The worker process: read the setup, then decide the file chunk by chunk, as the preparer process (at the
    other end of `rows`) sends its rows prepared, and send the decisions."""
    _quiet_process()
    try:
        _decide_and_send(conn, rows)
    finally:
        # Everything is said and nothing is left to flush: leave without tearing down the interpreter
        # (freeing a large heap object by object would keep the importing thread waiting for the end).
        # The preparer sees its pipe closed and stops.
        os._exit(0)


def _preparer_main(conn) -> None:
    """The preparer process: read the setup from the worker, then read and prepare the file chunk by chunk and
    send the prepared rows to it, in the worker's own messages ("chunk", "done" or "error")."""
    _quiet_process()
    try:
        _prepare_and_send(conn)
    finally:
        os._exit(0)


def _prepare_and_send(conn) -> None:
    try:
        setup = conn.recv()
    except (EOFError, OSError):
        return  # the worker stopped before the import began

    def send(message) -> bool:
        try:
            conn.send(message)
            return True
        except (OSError, ValueError):  # the worker is gone
            return False

    try:
        preparer = Preparer(setup)
        keep_data = setup.keep_rows > 0
        chunk: list[tuple[int, list[str]]] = []
        with reader.read_rows(setup.path, setup.dialect) as rows:
            for item in rows:
                chunk.append(item)
                if len(chunk) >= setup.chunk:
                    if not send(("chunk", len(chunk), preparer.prepare(chunk, keep_data))):
                        return
                    chunk = []
            if chunk and not send(("chunk", len(chunk), preparer.prepare(chunk, keep_data))):
                return
            send(("done", rows.warnings, rows.warning_rows))
    except BaseException as error:  # said to the worker, which says it to the importing thread
        send(("error", _portable(error)))
    conn.close()


class _PreparedChunks:
    """The preparer's chunks as they come, (rows read, prepared rows); then, as reader.read_rows' rows, what
    reading tidied (`warnings`, `warning_rows`)."""

    def __init__(self, conn):
        self.conn = conn
        self.warnings: list[tuple[str, int]] = []
        self.warning_rows: dict[str, list[int]] = {}

    def __iter__(self) -> Iterator[tuple[int, list[tuple]]]:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError) as e:
                raise WorkerFailed("the import's preparing process stopped") from e
            if message[0] == "chunk":
                yield message[1], message[2]
            elif message[0] == "done":
                self.warnings, self.warning_rows = message[1], message[2]
                return
            else:
                raise _Forwarded(message[1])


class _Forwarded(Exception):
    """An error the preparer sent (already portable), for the worker to pass on as it is."""

    def __init__(self, payload: tuple):
        super().__init__()
        self.payload = payload


def _decide_and_send(conn, rows) -> None:
    try:
        setup = conn.recv()
        while isinstance(setup, tuple) and setup[0] == "dates":  # the date columns' orders, first
            try:
                answer = ("dates", *date_orders_in(*setup[1:]))
            except Exception as error:  # said to the importing thread, which raises it there
                answer = ("error", _portable(error))
            conn.send(answer)
            setup = conn.recv()
    except (EOFError, OSError):
        return  # the importing thread went on without this process
    if setup is None:
        return
    out: queue.Queue = queue.Queue(maxsize=AHEAD)
    gone = threading.Event()

    def send() -> None:
        while True:
            message = out.get()
            try:
                conn.send(message)
            except (OSError, ValueError):  # the importing process is gone, or closed its end
                gone.set()
                return
            if message[0] != "chunk":
                return

    sender = threading.Thread(target=send, name="smallcrm-import-sender", daemon=True)
    sender.start()

    def put(message) -> bool:
        while not gone.is_set():
            try:
                out.put(message, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    keep_rows = setup.keep_rows
    sent = [0]  # decisions sent so far

    def sent_as(decisions: list[Decision], count: int) -> tuple:
        first = sent[0]
        sent[0] += len(decisions)
        return ("chunk", count, [_plain(d, keep_rows > 0 and (first + i < keep_rows or d.match is not None))
                                 for i, d in enumerate(decisions)])

    try:
        try:
            rows.send(setup)  # the preparer starts reading the file while this process reads the book
            index = _index_from(setup.database)
        except (sqlite3.Error, OSError, ValueError) as error:  # (the preparer is gone, or the book cannot be read)
            # the importing thread decides itself, as for a small file
            put(("failed", str(error) or type(error).__name__))
        else:
            decider = Decider(setup, index)
            chunks = _PreparedChunks(rows)
            for count, prepared in chunks:
                if not put(sent_as(decider.settle(prepared), count)):
                    return
            put(("done", decider.warnings(chunks.warnings), chunks.warning_rows))
    except _Forwarded as error:
        put(("error", error.payload))
    except BaseException as error:  # said to the importing thread, which raises it there
        put(("error", _portable(error)))
    if not gone.is_set():
        sender.join()
    conn.close()


def _plain(d: Decision, keep_data: bool = False) -> tuple:
    """A decision as a plain tuple, which crosses to the other process faster than a named one (what the row
    brings is one already); the row as read only when `keep_data`."""
    return d.what, d.row, d.data if keep_data else None, d.reject, d.incoming, d.match, d.choice, d.new_id


def _index_from(database: str) -> DuplicateIndex:
    """Who is already there, read through a read-only connection of this process's own. The importing
    thread holds the write lock and has written nothing yet that the index looks at: this connection
    sees what that thread sees."""
    conn = sqlite3.connect(Path(database).resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
    try:
        return DuplicateIndex.from_database(conn)
    finally:
        conn.close()


def _portable(error: BaseException) -> tuple:
    """An exception as it can cross to the other process (smallcrm's errors are dataclasses, rebuilt from
    their fields; anything else is a bug, sent as it is when it can be, with the worker's traceback)."""
    if dataclasses.is_dataclass(error):
        return ("fields", type(error), {f.name: getattr(error, f.name) for f in dataclasses.fields(error)})
    text = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return ("text", f"{type(error).__name__}: {error}", text)
    return ("error", error, text)


def _rebuilt(payload: tuple) -> BaseException:
    kind = payload[0]
    if kind == "fields":
        return payload[1](**payload[2])
    if kind == "error":
        error = payload[1]
        error.add_note(f"in the import's worker process:\n{payload[2]}")
        return error
    error = RuntimeError(payload[1])
    error.add_note(f"in the import's worker process:\n{payload[2]}")
    return error
