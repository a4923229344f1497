"""Referrals: who brought whom, never oneself, never in a loop."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcrm.errors import InvalidValue, NotAllowed, NotFound
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts, get_contact, purge_contacts
from smallcrm.services.referrals import referral_count, referrals_of, referrer_of, set_referrer
from smallcrm.store.models import Contact


def person(name="Ann"):
    return add_contact(ContactInput(first_name=name))


def test_set_read_and_forget_a_referrer(db):
    ann, bob, cat = person("Ann"), person("Bob"), person("Cat")
    assert referrer_of(bob) is None and referrals_of(ann) == [] and referral_count(ann) == 0
    before = get_contact(bob).updated_at
    set_referrer(bob, ann)
    set_referrer(cat, ann)
    assert referrer_of(bob) == ann and referrer_of(cat) == ann
    assert referrals_of(ann) == [bob, cat]
    assert referral_count(ann) == 2
    assert get_contact(bob).updated_at >= before
    set_referrer(bob, cat)  # changing the referrer
    assert referrer_of(bob) == cat
    assert referrals_of(ann) == [cat] and referrals_of(cat) == [bob]
    set_referrer(bob, None)
    assert referrer_of(bob) is None and referral_count(cat) == 0


def test_a_contact_cannot_refer_itself(db):
    ann = person()
    with pytest.raises(InvalidValue) as e:
        set_referrer(ann, ann)
    assert (e.value.field, e.value.value, e.value.problem) == ("referred_by", ann, "self")
    assert referrer_of(ann) is None


def test_no_loops_however_long(db):
    chain = [person(f"P{i}") for i in range(6)]
    for child, parent in zip(chain[1:], chain):  # P0 brought P1, P1 brought P2, ...
        set_referrer(child, parent)
    for later in chain[1:]:
        with pytest.raises(InvalidValue) as e:
            set_referrer(chain[0], later)
        assert (e.value.field, e.value.value, e.value.problem) == ("referred_by", later, "cycle")
    with pytest.raises(InvalidValue):
        set_referrer(chain[2], chain[4])
    assert [referrer_of(c) for c in chain] == [None, *chain[:-1]]  # nothing changed
    outsider = person("Out")
    set_referrer(chain[0], outsider)  # a new root is fine
    set_referrer(chain[3], chain[1])  # and so is a shortcut down the same branch
    assert referrer_of(chain[3]) == chain[1]


def test_both_contacts_must_exist(db):
    ann = person()
    with pytest.raises(NotFound) as e:
        set_referrer(ann, 999)
    assert (e.value.kind, e.value.key) == ("contact", 999)
    with pytest.raises(NotFound):
        set_referrer(999, ann)
    for read in (referrer_of, referrals_of, referral_count):
        with pytest.raises(NotFound):
            read(999)
    assert referrer_of(ann) is None


def test_contacts_in_the_trash_neither_refer_nor_get_referred_and_are_not_counted(db):
    ann, bob, cat = person("Ann"), person("Bob"), person("Cat")
    set_referrer(bob, ann)
    set_referrer(cat, ann)
    delete_contacts([bob])
    assert referrals_of(ann) == [cat] and referral_count(ann) == 1
    assert referrer_of(bob) == ann  # still recorded: restoring brings it back
    with pytest.raises(NotAllowed) as e:
        set_referrer(cat, bob)
    assert e.value.what == "referral"
    with pytest.raises(NotAllowed):
        set_referrer(bob, cat)
    assert referrer_of(cat) == ann


def test_deleting_the_referrer_for_good_forgets_it(db):
    ann, bob = person("Ann"), person("Bob")
    set_referrer(bob, ann)
    purge_contacts([ann])
    assert referrer_of(bob) is None


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 5))), max_size=30))
def test_whatever_is_asked_the_referrals_stay_a_forest(db, moves):
    Contact.update(referred_by=None).execute()
    people = [c.id for c in Contact.select(Contact.id).order_by(Contact.id)][:6]
    while len(people) < 6:
        people.append(person(f"P{len(people)}"))
    parents = {c: None for c in people}  # the model, kept here
    for who, by in moves:
        child, parent = people[who], None if by is None else people[by]
        ancestors, at = set(), parent
        while at is not None:
            ancestors.add(at)
            at = parents[at]
        expected = None if parent is None else "self" if parent == child else "cycle" if child in ancestors else None
        try:
            set_referrer(child, parent)
        except InvalidValue as e:
            assert e.problem == expected
        else:
            assert expected is None
            parents[child] = parent
    assert parents == {c: referrer_of(c) for c in people}
    for start in people:  # walking up from anyone ends at someone without a referrer
        seen, at = set(), start
        while at is not None:
            assert at not in seen
            seen.add(at)
            at = parents[at]
    for c in people:
        assert referrals_of(c) == sorted(k for k, v in parents.items() if v == c)
        assert referral_count(c) == len(referrals_of(c))
