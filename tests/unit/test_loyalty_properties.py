"""Property-based tests of the points ledger: random runs of purchases, refunds, redemptions,
adjustments, write-offs, rule changes and expiry (with a fake clock), checked against a small model.

What must always hold: the balance is the ledger's sum and never negative (nor is any running
balance), deductions and expiry take the oldest points first, a purchase never loses more points to
refunds and write-offs than it earned, rule changes never rewrite the past, and a statement's
running balances add up to its closing balance, which is the balance.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from smallcrm.errors import InsufficientPoints, NotAllowed, RefundTooLarge
from smallcrm.services import loyalty
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.loyalty import LedgerRow, LoyaltyRules, fifo_lots, local_date
from smallcrm.services.purchases import purchase_json, record_purchase, refund_purchase, write_off
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import database

START = datetime(2023, 1, 2, 12, tzinfo=timezone.utc)


def wipe() -> None:
    """An empty shop again (one database per test, emptied for each example)."""
    for sql in ("DELETE FROM points_entry", "DELETE FROM purchase WHERE refund_of_id IS NOT NULL",
                "DELETE FROM purchase", "DELETE FROM contact", "DELETE FROM setting"):
        database.execute_sql(sql)


def ledger(contact_id: int) -> list[tuple]:
    return database.execute_sql("SELECT id, occurred_at, kind, points, expires_on, purchase_id FROM points_entry"
                                " WHERE contact_id = ? ORDER BY occurred_at, id", (contact_id,)).fetchall()


def earn_rows() -> dict[int, int]:
    return dict(database.execute_sql("SELECT purchase_id, points FROM points_entry WHERE kind = 'earn'").fetchall())


class LedgerMachine(RuleBasedStateMachine):
    """The shop, and beside it a model: per customer, the lots of points as [remaining, expires_on]."""

    def __init__(self):
        super().__init__()
        wipe()
        self.now = START
        self.rules = LoyaltyRules()
        loyalty.set_rules(self.rules)
        self.customers = [add_contact(ContactInput(first_name="Ann", birthday="--03-15")),
                          add_contact(ContactInput(first_name="Bo")),
                          add_contact(ContactInput(first_name="Cy", birthday="1980-11-30"))]
        self.birth_month = {self.customers[0]: 3, self.customers[1]: None, self.customers[2]: 11}
        self.lots: dict[int, list[list]] = {c: [] for c in self.customers}
        self.sales: list[tuple[int, int, int]] = []  # (purchase id, customer, total)
        self.earned: dict[int, int] = {}  # purchase id -> points it earned
        self.expires: dict[int, date | None] = {}  # purchase id -> the day its points expire
        self.expired_of: dict[int, int] = defaultdict(int)  # purchase id -> what of its points expired
        self.taken: dict[int, int] = defaultdict(int)  # purchase id -> points taken back
        self.refunded: dict[int, int] = defaultdict(int)  # purchase id -> minor units refunded

    # -- the model --------------------------------------------------------------------------------

    def balance(self, customer: int) -> int:
        return sum(lot[0] for lot in self.lots[customer])

    def consume(self, customer: int, points: int) -> None:
        """Oldest lots first."""
        for lot in self.lots[customer]:
            used = min(lot[0], points)
            lot[0] -= used
            points -= used
        assert points == 0, "the model went below zero"
        self.lots[customer] = [lot for lot in self.lots[customer] if lot[0]]

    def live_earned(self, purchase_id: int) -> int:
        """What the purchase earned, less what of it expired or is past its date now: a refund or write-off takes
        back none of that (gone by expiry, not to be taken from the customer's other points); what was spent, it
        does."""
        left = sum(lot[0] for lots in self.lots.values() for lot in lots if lot[2] == purchase_id)
        past = self.expires[purchase_id] is not None and self.expires[purchase_id] < local_date(self.now)
        return max(0, self.earned[purchase_id] - self.expired_of[purchase_id] - (left if past else 0))

    def expiry(self) -> date | None:
        return loyalty.add_months(local_date(self.now), self.rules.expiry_months) if self.rules.expiry_months else None

    # -- steps ------------------------------------------------------------------------------------

    @rule(hours=st.integers(0, 24 * 120))
    def time_passes(self, hours):
        self.now += timedelta(hours=hours)

    @rule(who=st.integers(0, 2), total=st.integers(1, 60_000), due=st.booleans())
    def buy(self, who, total, due):
        customer = self.customers[who]
        result = record_purchase(customer, total_minor=total, at=self.now, status="due" if due else "paid")
        expected = total * self.rules.points_per_unit // 100
        if self.birth_month[customer] == local_date(self.now).month:
            expected *= self.rules.birthday_multiplier
        assert result.points_earned == expected
        self.sales.append((result.purchase_id, customer, total))
        self.earned[result.purchase_id] = expected
        self.expires[result.purchase_id] = self.expiry()
        if expected:
            self.lots[customer].append([expected, self.expiry(), result.purchase_id])

    @precondition(lambda self: self.sales)
    @rule(pick=st.integers(0, 10**6), whole=st.booleans(), part=st.integers(1, 60_000))
    def refund(self, pick, whole, part):
        purchase_id, customer, total = self.sales[pick % len(self.sales)]
        left = total - self.refunded[purchase_id]
        written_off = purchase_json(purchase_id)["status"] == "written_off"
        amount = left if whole else part
        before = self.balance(customer)
        if written_off:
            with pytest.raises(NotAllowed):
                refund_purchase(purchase_id, None if whole else part, at=self.now)
            return
        if amount > left or amount == 0:
            with pytest.raises(RefundTooLarge) as e:
                refund_purchase(purchase_id, None if whole else part, at=self.now)
            assert e.value.refundable_minor == left
            return
        result = refund_purchase(purchase_id, None if whole else part, at=self.now)
        assert result.amount_minor == amount
        earned = self.live_earned(purchase_id)
        done = self.refunded[purchase_id]
        share = earned * (done + amount) // total - earned * done // total
        assert result.points_taken_back == max(0, min(share, earned - self.taken[purchase_id], before))
        self.refunded[purchase_id] += amount
        self.taken[purchase_id] += result.points_taken_back
        self.consume(customer, result.points_taken_back)

    @precondition(lambda self: self.sales)
    @rule(pick=st.integers(0, 10**6))
    def write_off(self, pick):
        purchase_id, customer, total = self.sales[pick % len(self.sales)]
        state = purchase_json(purchase_id)
        before = self.balance(customer)
        if state["status"] not in ("due", "partly_paid"):
            with pytest.raises(NotAllowed):
                write_off(purchase_id, at=self.now)
            return
        write_off(purchase_id, at=self.now)
        taken = purchase_json(purchase_id)["points_taken_back"] - self.taken[purchase_id]
        earned, done = self.live_earned(purchase_id), self.refunded[purchase_id]
        share = earned * total // total - earned * done // total  # nothing was paid: the rest goes
        assert taken == max(0, min(share, earned - self.taken[purchase_id], before))
        self.taken[purchase_id] += taken
        self.consume(customer, taken)

    @rule(who=st.integers(0, 2), points=st.integers(1, 800))
    def redeem(self, who, points):
        customer = self.customers[who]
        balance = self.balance(customer)
        if points > balance:
            with pytest.raises(InsufficientPoints) as e:
                loyalty.redeem(customer, points, at=self.now)
            assert (e.value.balance, e.value.requested) == (balance, points)
            return
        loyalty.redeem(customer, points, at=self.now)
        self.consume(customer, points)

    @rule(who=st.integers(0, 2), points=st.integers(-400, 400).filter(bool))
    def adjust(self, who, points):
        customer = self.customers[who]
        balance = self.balance(customer)
        if -points > balance:
            with pytest.raises(InsufficientPoints) as e:
                loyalty.adjust(customer, points, reason="correction", at=self.now)
            assert e.value.balance == balance
            return
        loyalty.adjust(customer, points, reason="correction", at=self.now)
        if points > 0:
            self.lots[customer].append([points, None, None])
        else:
            self.consume(customer, -points)

    @rule(rate=st.integers(1, 4), birthday=st.integers(1, 3), months=st.sampled_from([0, 0, 1, 3, 12]))
    def change_rules(self, rate, birthday, months):
        self.rules = LoyaltyRules(points_per_unit=rate, birthday_multiplier=birthday, expiry_months=months)
        loyalty.set_rules(self.rules)

    @rule()
    def expire(self):
        today = local_date(self.now)
        expected = 0
        for customer, lots in self.lots.items():
            for lot in lots:
                if lot[1] is not None and lot[1] < today:
                    expected += lot[0]
                    if lot[2] is not None:
                        self.expired_of[lot[2]] += lot[0]
                    lot[0] = 0
            self.lots[customer] = [lot for lot in lots if lot[0]]
        assert loyalty.expire_points(today) == expected
        assert loyalty.expire_points(today) == 0  # idempotent

    # -- what always holds ------------------------------------------------------------------------

    @invariant()
    def balances_are_the_ledger_sum_and_never_negative(self):
        for customer in self.customers:
            rows = ledger(customer)
            running = 0
            for row in rows:
                running += row[3]
                assert running >= 0
            assert loyalty.points_balance(customer) == running == self.balance(customer) >= 0

    @invariant()
    def the_oldest_points_go_first(self):
        for customer in self.customers:
            state = fifo_lots(LedgerRow(r[0], from_utc_text(r[1]), r[2], r[3],
                                        date.fromisoformat(r[4]) if r[4] else None) for r in ledger(customer))
            assert state.debt == 0
            assert [[lot.remaining, lot.expires_on] for lot in state.lots] == [lot[:2] for lot in self.lots[customer]]

    @invariant()
    def purchases_keep_what_they_earned_and_lose_no_more(self):
        assert earn_rows() == {p: n for p, n in self.earned.items() if n}
        for purchase_id, _, _ in self.sales[-3:]:
            state = purchase_json(purchase_id)
            assert 0 <= state["points_taken_back"] == self.taken[purchase_id] <= state["points_earned"]

    @invariant()
    def statements_add_up(self):
        middle = local_date(START + (self.now - START) / 2)
        for customer in self.customers:
            for whole in (loyalty.statement(customer), loyalty.statement(customer, start=middle)):
                running = whole.opening_balance
                for line in whole.entries:
                    running += line.points
                    assert line.balance_after == running >= 0
                assert whole.closing_balance == running == loyalty.points_balance(customer)


def test_the_ledger_under_random_runs(db):
    run_state_machine_as_test(LedgerMachine, settings=settings(max_examples=60, stateful_step_count=30))


# --------------------------------------------------------------------------------------------------


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["earn", "bonus", "adjust", "redeem"]), st.integers(-50, 50)), max_size=40))
def test_fifo_lots_are_the_newest_points_and_balance_with_the_rows(moves):
    at = datetime(2024, 1, 1, tzinfo=timezone.utc)
    rows = [LedgerRow(i, at + timedelta(minutes=i), kind, points, None) for i, (kind, points) in enumerate(moves)]
    state = fifo_lots(rows)
    assert state.balance == sum(r.points for r in rows)
    assert all(0 < lot.remaining <= lot.points for lot in state.lots)
    if state.debt == 0 and state.lots:
        # What is left is a run of the newest lots, only the oldest of them partly used.
        positive = [r.id for r in rows if r.points > 0]
        ids = [lot.entry_id for lot in state.lots]
        assert ids == positive[len(positive) - len(ids):]
        assert all(lot.remaining == lot.points for lot in state.lots[1:])
    if state.debt:
        assert state.lots == ()


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 5)), min_size=1, max_size=12),
       st.lists(st.integers(1, 120), max_size=6), st.integers(0, 6))
def test_fifo_expiry_takes_only_lots_past_their_date(lots, redemptions, cutoff):
    day = date(2024, 1, 1)
    at = datetime(2024, 1, 1, tzinfo=timezone.utc)
    rows = [LedgerRow(i, at + timedelta(minutes=i), "earn", points, day + timedelta(days=d))
            for i, (points, d) in enumerate(lots)]
    balance = sum(p for p, _ in lots)
    for n in redemptions:
        if n <= balance:
            rows.append(LedgerRow(len(rows), at + timedelta(minutes=len(rows)), "redeem", -n, None))
            balance -= n
    before = fifo_lots(rows)
    limit = day + timedelta(days=cutoff)
    due = sum(lot.remaining for lot in before.lots if lot.expires_on <= limit)
    rows.append(LedgerRow(len(rows), at + timedelta(minutes=len(rows)), "expire", -due, limit))
    after = fifo_lots(rows)
    assert all(lot.expires_on > limit for lot in after.lots)
    assert [(lot.entry_id, lot.remaining) for lot in after.lots] == \
        [(lot.entry_id, lot.remaining) for lot in before.lots if lot.expires_on > limit]


def test_refunds_in_any_parts_take_back_exactly_what_was_earned(db):
    @settings(max_examples=60)
    @given(st.integers(1, 500_000), st.lists(st.integers(1, 10**6), max_size=8), st.integers(1, 5))
    def check(total, cuts, rate):
        wipe()
        loyalty.set_rules(LoyaltyRules(points_per_unit=rate))
        ann = add_contact(ContactInput(first_name="Ann"))
        sale = record_purchase(ann, total_minor=total, at=START)
        assert sale.points_earned == total * rate // 100
        points, done = [], 0
        for cut in cuts:
            left = total - done
            if left <= 1:
                break
            amount = cut % (left - 1) + 1  # leaves something for the last, whole refund
            points.append(refund_purchase(sale.purchase_id, amount, at=START).points_taken_back)
            done += amount
        points.append(refund_purchase(sale.purchase_id, at=START).points_taken_back)
        assert all(p >= 0 for p in points)
        assert sum(points) == sale.points_earned
        assert loyalty.points_balance(ann) == 0

    check()
