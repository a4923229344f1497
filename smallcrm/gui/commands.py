"""Undoable steps in the window (QUndoStack). Each step has already been done when it is pushed;
its first redo() does nothing, later ones do it again. Undo never deletes for good: an undone
"add" goes to the Trash."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtGui import QUndoCommand

from smallcrm.errors import NotFound
from smallcrm.services import contacts


class _Step(QUndoCommand):
    def __init__(self, text: str, refresh: Callable[[list[int]], None]):
        super().__init__(text)
        self._refresh = refresh
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_it)

    def _run(self, step) -> None:
        try:
            self._refresh(step())
        except NotFound:  # the contact was deleted for good (Trash emptied) since: nothing left to undo
            self.setObsolete(True)
            self._refresh([])


class AddContact(_Step):
    def __init__(self, contact_id: int, refresh, text: str):
        super().__init__(text, refresh)
        self.contact_id = contact_id

    def do(self):
        contacts.restore_contacts([self.contact_id])
        return [self.contact_id]

    def undo_it(self):
        contacts.delete_contacts([self.contact_id])
        return []


class EditContact(_Step):
    """An edit; undone, the parts it changed hold what they held before and, unless the contact changed since, it says
    it last changed when it did then (an import it came from can be undone again)."""

    def __init__(self, contact_id: int, before: contacts.ContactInput, after: contacts.ContactInput,
                 stamps: tuple[datetime, datetime], region: str | None, refresh, text: str):
        super().__init__(text, refresh)
        self.contact_id, self.before, self.after = contact_id, before, after
        self.changed_at, self.written_at = stamps  # (when it changed before the edit, when the edit wrote it)
        self.region = region  # the form's, for numbers typed without their country

    def do(self):
        contacts.update_contact(self.contact_id, self._made(self.before, self.after), region=self.region)
        self.written_at = contacts.stamps([self.contact_id])[self.contact_id]
        return [self.contact_id]

    def undo_it(self):
        contacts.update_contact(self.contact_id, self._made(self.after, self.before), region=self.region,
                                stamp=(self.written_at, self.changed_at))
        return [self.contact_id]

    def _made(self, base: contacts.ContactInput, target: contacts.ContactInput) -> contacts.ContactInput:
        """The contact as it is now, with what the edit changed (from `base` to `target`) made again: a change made
        since to another part (an import, the command line) stays."""
        return contacts.merge_edit(base, target, contacts.get_contact(self.contact_id).to_input(), self.region).data


class DeleteContacts(_Step):
    def __init__(self, ids: list[int], refresh, text: str):
        super().__init__(text, refresh)
        self.ids = list(ids)

    def do(self):
        contacts.delete_contacts(self.ids)
        return []

    def undo_it(self):
        contacts.restore_contacts(self.ids)
        return self.ids


class RestoreContacts(DeleteContacts):
    def do(self):
        return super().undo_it()

    def undo_it(self):
        return super().do()


class TagContacts(_Step):
    """A tag given to the contacts that did not have it (`add`), or taken off those that had it."""

    def __init__(self, ids: list[int], tag: str, add: bool, changed_at: dict[int, datetime],
                 written_at: dict[int, datetime], refresh, text: str):
        super().__init__(text, refresh)
        self.ids, self.tag, self.add = list(ids), tag, add
        self.changed_at, self.written_at = changed_at, written_at  # (as in EditContact, each contact's)

    def do(self):
        (contacts.tag_contacts if self.add else contacts.untag_contacts)(self.ids, self.tag)
        self.written_at = contacts.stamps(self.ids)
        return self.ids

    def undo_it(self):
        (contacts.untag_contacts if self.add else contacts.tag_contacts)(
            self.ids, self.tag, {i: (self.written_at[i], self.changed_at[i]) for i in self.ids})
        return self.ids
