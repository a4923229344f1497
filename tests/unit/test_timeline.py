"""A customer's timeline (services.timeline): what each line is."""

from __future__ import annotations

from datetime import datetime, timezone

from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.purchases import record_purchase, refund_purchase
from smallcrm.services.timeline import timeline
from tests.unit.unlinked_refunds import import_till_file, unlinked_refunds

UTC = timezone.utc


def test_purchases_and_refunds_linked_to_their_sale_or_not_are_told_apart(db, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com"]))
    import_till_file(tmp_path / "march.csv", [["2024-03-05 10:00", "451", "ann@example.com", "80.00"]])
    import_till_file(tmp_path / "april.csv", [["2024-04-02 10:00", "AV-12", "ann@example.com", "-6.00"]])
    ((unlinked, _, _),) = unlinked_refunds()
    paid = record_purchase(ann, total_minor=2000, at=datetime(2024, 5, 2, 12, tzinfo=UTC)).purchase_id
    linked = refund_purchase(paid, 500, at=datetime(2024, 5, 3, 12, tzinfo=UTC)).refund_id
    events = timeline(ann, ("purchase",))
    assert [(e.number, e.extra, e.subkind) for e in events] == [
        (-500, "", "refund"), (2000, "", "purchase"), (-600, "AV-12", "refund"), (8000, "451", "purchase")]
    assert [e.id for e in events if e.subkind == "refund"] == [linked, unlinked]
