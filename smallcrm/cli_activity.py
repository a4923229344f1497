"""Commands for a shop's daily work: calls and tasks, purchases and what is owed, points, feedback,
complaints and the Today list. Registered on the parser by cli.build_parser; no Qt here."""

from __future__ import annotations

import argparse
import sys
from smallcrm import cli_format
from smallcrm.errors import InvalidValue
from smallcrm.services import money, when
from smallcrm.services.settings import get_setting

# What a rejected command did not do, by command group: "purchase not recorded: amount ..."
NOT_DONE = {
    "calls": "call not logged",
    "tasks": "task not changed",
    "purchases": "purchase not recorded",
    "points": "points not changed",
    "feedback": "feedback not recorded",
    "complaints": "complaint not changed",
}


def _date(text: str):
    return when.parse_date(text, "date")


def _minutes(text: str) -> int:
    try:
        minutes = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes") from None
    if not 0 <= minutes <= 24 * 60:
        raise argparse.ArgumentTypeError(f"{text!r} minutes: give 0 to 1440")
    return round(minutes * 60)


def _points(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of points") from None


def register(commands, command, group, open_existing) -> None:
    """Add the activity commands. `command(parent, name, handler, help)` makes one subcommand,
    `group(name, help, actions)` a command with actions; `open_existing(path)` opens the database."""
    global _open_existing
    _open_existing = open_existing

    calls = group("calls", "log calls, visits, emails, SMS and notes", "{add}")
    add = command(calls, "add", add_call, "log a call (or, with --kind, a visit, email, SMS or note)")
    add.add_argument("contact", type=cli_format.record_id, metavar="CONTACT", help="the contact id")
    add.add_argument("--kind", type=str.lower, choices=("call", "visit", "email", "sms", "note"), default="call")
    add.add_argument("--direction", type=str.lower, choices=("in", "out"),
                     help="in: they called; out: we called (calls only; default: in)")
    add.add_argument("--at", metavar="DATETIME", help="YYYY-MM-DD HH:MM in local time (default: now)")
    add.add_argument("--duration", type=_minutes, metavar="MINUTES")
    add.add_argument("--outcome", metavar="TEXT")
    add.add_argument("--summary", metavar="TEXT")
    add.add_argument("--follow-up", type=_date, metavar="DATE", help="YYYY-MM-DD: makes a task for that day")
    add.add_argument("--json", action="store_true")

    tasks = group("tasks", "follow-ups: list, done, snooze, move", "{list,done,snooze,move}")
    listing = command(tasks, "list", list_tasks, "follow-ups still to do, oldest first")
    listing.add_argument("--contact", type=cli_format.record_id, metavar="CONTACT")
    listing.add_argument("--json", action="store_true")
    done = command(tasks, "done", task_done, "mark a follow-up done")
    done.add_argument("task", type=cli_format.record_id, metavar="TASK")
    snooze = command(tasks, "snooze", task_snooze, "put a follow-up off by some days")
    snooze.add_argument("task", type=cli_format.record_id, metavar="TASK")
    snooze.add_argument("--days", type=int, default=1, metavar="N")
    move = command(tasks, "move", task_move, "move a follow-up to a date")
    move.add_argument("task", type=cli_format.record_id, metavar="TASK")
    move.add_argument("date", type=_date, metavar="DATE")

    purchases = group("purchases", "record purchases and refunds, see and settle what is owed",
                      "{add,refund,pay,write-off,owed,show}")
    add = command(purchases, "add", add_purchase, "record a purchase and the points it earns")
    add.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    add.add_argument("--amount", metavar="AMOUNT", help="the total, e.g. 25.50 (or give --item lines)")
    add.add_argument("--currency", metavar="CODE", help="e.g. EUR (default: the shop's currency)")
    add.add_argument("--at", metavar="DATETIME", help="YYYY-MM-DD HH:MM in local time (default: now)")
    add.add_argument("--item", action="append", metavar='"DESC;QTY;UNIT PRICE"',
                     help='a line item, e.g. "Tea;2;4.50" (repeat for several)')
    add.add_argument("--status", type=str.lower, choices=("paid", "due"), default="paid")
    add.add_argument("--due", type=_date, metavar="DATE", help="when a due purchase must be paid")
    add.add_argument("--ref", metavar="TEXT", help="receipt or invoice number")
    add.add_argument("--payment", metavar="METHOD", help="cash, card, transfer, ...")
    add.add_argument("--json", action="store_true")
    refund = command(purchases, "refund", refund_purchase, "refund a purchase, whole or in part")
    refund.add_argument("purchase", type=cli_format.record_id, metavar="PURCHASE")
    refund.add_argument("--amount", metavar="AMOUNT", help="part of it (default: all that is left)")
    refund.add_argument("--json", action="store_true")
    pay = command(purchases, "pay", pay_purchase, "record a payment for a purchase that is owed")
    pay.add_argument("purchase", type=cli_format.record_id, metavar="PURCHASE")
    pay.add_argument("--amount", metavar="AMOUNT", help="part of it (default: all that is owed)")
    write_off = command(purchases, "write-off", write_off_purchase, "give up on what is owed for a purchase")
    write_off.add_argument("purchase", type=cli_format.record_id, metavar="PURCHASE")
    owed = command(purchases, "owed", list_owed, "who owes what, oldest first")
    owed.add_argument("--json", action="store_true")
    show = command(purchases, "show", show_purchase, "one purchase with its items")
    show.add_argument("purchase", type=cli_format.record_id, metavar="PURCHASE")
    show.add_argument("--json", action="store_true")

    points = group("points", "loyalty points: balance, redeem, adjust, statement", "{balance,redeem,adjust,statement}")
    balance = command(points, "balance", points_balance, "a customer's points and tier")
    balance.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    balance.add_argument("--json", action="store_true")
    redeem = command(points, "redeem", points_redeem, "spend points")
    redeem.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    redeem.add_argument("points", type=_points, metavar="POINTS")
    redeem.add_argument("--json", action="store_true")
    adjust = command(points, "adjust", points_adjust, "add or take points, with a reason")
    adjust.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    adjust.add_argument("points", type=_points, metavar="POINTS", help="e.g. 50 to add, -20 to take")
    adjust.add_argument("--reason", required=True, metavar="TEXT")
    adjust.add_argument("--json", action="store_true")
    statement = command(points, "statement", points_statement, "every movement with running balance")
    statement.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    statement.add_argument("--from", dest="start", type=_date, metavar="DATE")
    statement.add_argument("--to", dest="end", type=_date, metavar="DATE")
    statement.add_argument("--json", action="store_true")

    feedback = group("feedback", "record satisfaction answers and see the scores", "{add,summary}")
    summary = command(feedback, "summary", feedback_summary, "NPS and average CSAT, over everyone or one customer")
    summary.add_argument("--contact", type=cli_format.record_id, metavar="CONTACT")
    summary.add_argument("--from", dest="start", type=_date, metavar="DATE")
    summary.add_argument("--to", dest="end", type=_date, metavar="DATE")
    summary.add_argument("--json", action="store_true")
    add = command(feedback, "add", add_feedback, "record an NPS (0-10) or CSAT (1-5) answer")
    add.add_argument("contact", type=cli_format.record_id, metavar="CONTACT")
    score = add.add_mutually_exclusive_group(required=True)
    score.add_argument("--nps", type=int, metavar="N", help="0 to 10: how likely to recommend the shop")
    score.add_argument("--csat", type=int, metavar="N", help="1 to 5: how satisfied")
    add.add_argument("--comment", metavar="TEXT")
    add.add_argument("--channel", metavar="TEXT", help="counter, phone, email, ...")
    add.add_argument("--at", metavar="DATETIME")
    add.add_argument("--purchase", type=cli_format.record_id, metavar="PURCHASE", help="the purchase it is about")
    add.add_argument("--call", type=cli_format.record_id, metavar="CALL", help="the call or visit it is about (its id)")
    add.add_argument("--json", action="store_true")

    complaints = group("complaints", "complaints: list and resolve", "{list,update}")
    listing = command(complaints, "list", list_complaints, "unresolved complaints (or all with --all)")
    listing.add_argument("--all", action="store_true")
    listing.add_argument("--json", action="store_true")
    update = command(complaints, "update", update_complaint, "change a complaint's status or resolution")
    update.add_argument("complaint", type=cli_format.record_id, metavar="COMPLAINT")
    update.add_argument("--status", type=str.lower, choices=("open", "in_progress", "resolved"))
    update.add_argument("--resolution", metavar="TEXT")
    update.add_argument("--json", action="store_true")

    today = command(commands, "today", show_today, "follow-ups, birthdays, expiring points, complaints, overdue payments")
    today.add_argument("--json", action="store_true")


_open_existing = None


def _open_with_points(db_path) -> None:
    """Open the database and let points that are past their date expire first, so that balances,
    statements and redemptions never count them (the window does the same when it starts)."""
    from smallcrm.services import loyalty

    _open_existing(db_path)
    loyalty.expire_points()


def _money(minor: int, currency: str) -> str:
    return f"{money.to_decimal(minor, currency)} {currency}"


def _at(args):
    return when.parse_datetime(args.at) if args.at else None


def _out(args, obj, text: str) -> int:
    if args.json:
        cli_format.write_json(sys.stdout, obj)
    else:
        print(text)
    return 0


# --- calls and tasks ---------------------------------------------------------------------------
def add_call(args, db_path) -> int:
    from smallcrm.services import activity

    _open_existing(db_path)
    direction = args.direction or ("in" if args.kind == "call" else None)
    new_id = activity.log_interaction(
        args.contact, args.kind, direction=direction, at=_at(args), duration_seconds=args.duration,
        outcome=args.outcome or "", summary=args.summary or "", follow_up_on=args.follow_up)
    follow = f"; follow-up task {new_id} on {args.follow_up.isoformat()}" if args.follow_up else ""
    return _out(args, activity.interaction_json(new_id), f"{args.kind} {new_id} logged for contact {args.contact}{follow}")


def list_tasks(args, db_path) -> int:
    from smallcrm.services import activity

    _open_existing(db_path)
    rows = activity.tasks(contact_id=args.contact)
    if args.json:
        cli_format.write_json(sys.stdout, [activity.interaction_json(t.interaction_id) for t in rows])
        return 0
    for t in rows:
        print(f"{t.interaction_id:>6}  {t.due_on.isoformat()}  {cli_format.fit(t.contact_name, 28)}  {t.summary}")
    if not rows:
        print("no follow-ups to do")
    return 0


def task_done(args, db_path) -> int:
    from smallcrm.services import activity

    _open_existing(db_path)
    activity.complete_task(args.task)
    print(f"task {args.task} done")
    return 0


def task_snooze(args, db_path) -> int:
    from smallcrm.services import activity

    _open_existing(db_path)
    day = activity.snooze_task(args.task, args.days)
    print(f"task {args.task} moved to {day.isoformat()}")
    return 0


def task_move(args, db_path) -> int:
    from smallcrm.services import activity

    _open_existing(db_path)
    activity.reassign_task(args.task, args.date)
    print(f"task {args.task} moved to {args.date.isoformat()}")
    return 0


# --- purchases -----------------------------------------------------------------------------------
def _items(args, currency: str):
    from smallcrm.services.purchases import Item

    items = []
    for i, text in enumerate(args.item or []):
        parts = [p.strip() for p in text.split(";")]
        if len(parts) != 3:
            raise InvalidValue(f"item[{i}]", text, "item", 'write it as "description;quantity;unit price"')
        description, quantity, price = parts
        if not quantity.lstrip("-").isdigit() or int(quantity) <= 0:
            raise InvalidValue(f"item[{i}]", text, "item", "the quantity is a whole number above 0")
        items.append(Item(description, int(quantity), money.parse_amount(price, currency, "unit price")))
    return items


def _purchase_amount(args) -> int | None:
    """--amount read in the currency of the purchase it is about (None: the whole of it)."""
    from smallcrm.store.models import Purchase

    if args.amount is None:
        return None
    original = Purchase.get_or_none(Purchase.id == args.purchase)
    return money.parse_amount(args.amount, original.currency if original else get_setting("currency"))


def add_purchase(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_with_points(db_path)
    currency = money.check_currency(args.currency) if args.currency else get_setting("currency")
    items = _items(args, currency)
    total = money.parse_amount(args.amount, currency) if args.amount is not None else None
    if total is None and not items:
        raise InvalidValue("amount", "", "required", "give --amount, or --item lines")
    result = purchases.record_purchase(
        args.contact, total_minor=total, items=items, currency=currency, at=_at(args),
        payment_method=args.payment or "", reference=args.ref or "", status=args.status, due_on=args.due)
    text = (f"purchase {result.purchase_id} recorded: {_money(result.total_minor, result.currency)}, "
            f"{result.points_earned} points earned")
    return _out(args, purchases.purchase_json(result.purchase_id), text)


def refund_purchase(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_with_points(db_path)
    result = purchases.refund_purchase(args.purchase, _purchase_amount(args))
    text = (f"refund {result.refund_id} recorded: {_money(result.amount_minor, result.currency)}, "
            f"{result.points_taken_back} points taken back")
    return _out(args, purchases.purchase_json(result.refund_id), text)


def pay_purchase(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_with_points(db_path)
    purchases.record_payment(args.purchase, _purchase_amount(args))
    p = purchases.purchase_json(args.purchase)
    print(f"payment recorded for purchase {args.purchase}; "
          + ("paid in full" if not p["owed_minor"] else f"still owed: {_money(p['owed_minor'], p['currency'])}"))
    return 0


def write_off_purchase(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_with_points(db_path)
    purchases.write_off(args.purchase)
    print(f"purchase {args.purchase} written off; it no longer counts as owed")
    return 0


def list_owed(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_existing(db_path)
    rows = purchases.receivables()
    if args.json:
        cli_format.write_json(sys.stdout, [
            {"purchase_id": r.purchase_id, "contact_id": r.contact_id, "owed_minor": r.owed_minor,
             "currency": r.currency, "since": cli_format.utc(r.since),
             "due_on": r.due_on.isoformat() if r.due_on else None, "days_overdue": r.days_overdue}
            for r in rows])
        return 0
    for r in rows:
        late = f"{r.days_overdue} days overdue" if r.days_overdue else "not yet due"
        print(f"purchase {r.purchase_id:>6}  contact {r.contact_id or '-':>6}  {_money(r.owed_minor, r.currency):>14}  {late}")
    if not rows:
        print("nobody owes anything")
    return 0


def show_purchase(args, db_path) -> int:
    from smallcrm.services import purchases

    _open_existing(db_path)
    p = purchases.purchase_json(args.purchase)
    refund = f", a refund of purchase {p['refund_of']}," if p["refund_of"] else ""
    who = f"of contact {p['contact_id']}" if p["contact_id"] is not None else "with no customer"
    lines = [f"purchase {p['id']}{refund} {who}: {_money(p['total_minor'], p['currency'])}, {p['status']}"]
    lines += [f"  {i['quantity']} × {i['description']} at {_money(i['unit_price_minor'], p['currency'])}" for i in p["items"]]
    return _out(args, p, "\n".join(lines))


# --- points ----------------------------------------------------------------------------------------
def points_balance(args, db_path) -> int:
    from smallcrm.services import contacts, loyalty

    _open_with_points(db_path)
    contacts.get_contact(args.contact)  # NotFound for an unknown id
    balance, tier = loyalty.points_balance(args.contact), loyalty.current_tier(args.contact)
    value = loyalty.redemption_value_minor(balance)
    currency = get_setting("currency")
    return _out(args, {"contact_id": args.contact, "balance": balance, "tier": tier, "value_minor": value,
                       "currency": currency},
                f"{balance} points (worth {_money(value, currency)}), tier {tier}")


def points_redeem(args, db_path) -> int:
    from smallcrm.services import loyalty

    _open_with_points(db_path)
    loyalty.redeem(args.contact, args.points)
    balance = loyalty.points_balance(args.contact)
    return _out(args, {"contact_id": args.contact, "redeemed": args.points, "balance": balance},
                f"{args.points} points redeemed; {balance} left")


def points_adjust(args, db_path) -> int:
    from smallcrm.services import loyalty

    _open_with_points(db_path)
    loyalty.adjust(args.contact, args.points, reason=args.reason)
    balance = loyalty.points_balance(args.contact)
    return _out(args, {"contact_id": args.contact, "adjusted": args.points, "balance": balance},
                f"{args.points:+d} points ({args.reason}); balance {balance}")


def points_statement(args, db_path) -> int:
    from smallcrm.services import contacts, loyalty

    _open_with_points(db_path)
    contacts.get_contact(args.contact)
    s = loyalty.statement(args.contact, args.start, args.end)
    if args.json:
        cli_format.write_json(sys.stdout, {
            "contact_id": args.contact, "opening_balance": s.opening_balance, "closing_balance": s.closing_balance,
            "entries": [{"at": cli_format.utc(e.at), "kind": e.kind, "points": e.points, "reason": e.reason,
                         "balance": e.balance_after, "purchase_id": e.purchase_id} for e in s.entries]})
        return 0
    print(f"{'opening balance':<44}{s.opening_balance:>10}")
    for e in s.entries:
        print(f"{cli_format.local_time(e.at):<17} {e.kind:<7} {cli_format.fit(e.reason, 18):<18} "
              f"{e.points:>+8} {e.balance_after:>9}")
    print(f"{'closing balance':<44}{s.closing_balance:>10}")
    return 0


# --- feedback and complaints ---------------------------------------------------------------------
def add_feedback(args, db_path) -> int:
    from smallcrm.services import satisfaction

    _open_existing(db_path)
    kind, score = ("nps", args.nps) if args.nps is not None else ("csat", args.csat)
    result = satisfaction.record_feedback(args.contact, kind, score, comment=args.comment or "",
                                          channel=args.channel or "", at=_at(args), purchase_id=args.purchase,
                                          interaction_id=args.call)
    text = f"{kind.upper()} {score} recorded for contact {args.contact}"
    if result.complaint_id:
        text += f"; complaint {result.complaint_id} opened and follow-up task {result.task_id} made"
    return _out(args, {"feedback_id": result.feedback_id, "complaint_id": result.complaint_id,
                       "task_id": result.task_id, "kind": kind, "score": score}, text)


def feedback_summary(args, db_path) -> int:
    from smallcrm.services import contacts, satisfaction

    _open_existing(db_path)
    if args.contact is not None:
        contacts.get_contact(args.contact)
    nps = satisfaction.nps(args.contact, args.start, args.end)
    csat = satisfaction.csat_average(args.contact, args.start, args.end)
    data = {"nps": nps.score, "nps_answers": nps.answers, "promoters": nps.promoters, "passives": nps.passives,
            "detractors": nps.detractors, "csat_average": csat.average, "csat_answers": csat.answers}
    nps_text = f"NPS {nps.score:+.0f} from {nps.answers} answers" if nps.score is not None else "no NPS answers"
    csat_text = f"CSAT {csat.average:.2f} from {csat.answers} answers" if csat.average is not None else "no CSAT answers"
    return _out(args, data, f"{nps_text}; {csat_text}")


def list_complaints(args, db_path) -> int:
    from smallcrm.services import satisfaction

    _open_existing(db_path)
    rows = satisfaction.complaints(status=None if args.all else "unresolved")
    if args.json:
        cli_format.write_json(sys.stdout, [satisfaction.complaint_json(c.id) for c in rows])
        return 0
    for c in rows:
        print(f"{c.id:>6}  {c.status:<11}  contact {c.contact_id:>6}  {c.category}: {c.description}")
    if not rows:
        print("no complaints" if args.all else "no unresolved complaints")
    return 0


def update_complaint(args, db_path) -> int:
    from smallcrm.services import satisfaction

    _open_existing(db_path)
    satisfaction.update_complaint(args.complaint, status=args.status, resolution=args.resolution)
    c = satisfaction.complaint_json(args.complaint)
    return _out(args, c, f"complaint {args.complaint} is {c['status']}")


# --- today ---------------------------------------------------------------------------------------------
def show_today(args, db_path) -> int:
    from smallcrm.services import today

    _open_with_points(db_path)
    on = when.today()
    if args.json:
        cli_format.write_json(sys.stdout, today.today_json(on))
        return 0
    t = today.today_list(on)
    sections = [
        ("Overdue follow-ups", [f"{x.due_on.isoformat()}  {x.contact_name}: {x.summary}" for x in t.follow_ups_overdue]),
        ("Follow-ups today", [f"{x.contact_name}: {x.summary}" for x in t.follow_ups_due]),
        ("Birthdays this week", [f"{b.on.isoformat()}  {b.contact_name}" + (f" (turns {b.turns})" if b.turns else "")
                                 for b in t.birthdays]),
        ("Points expiring within 30 days", [f"{p.expires_on.isoformat()}  {p.contact_name}: {p.points} points"
                                            for p in t.points_expiring]),
        ("Unresolved complaints", [f"{c.contact_name}: {c.category} ({c.status})" for c in t.complaints]),
        ("Overdue payments", [f"{o.contact_name}: {_money(o.owed_minor, o.currency)}, {o.days_overdue} days overdue"
                              for o in t.overdue_payments]),
    ]
    for title, lines in sections:
        print(f"{title} ({len(lines)})")
        for line in lines:
            print(f"  {line}")
    return 0

