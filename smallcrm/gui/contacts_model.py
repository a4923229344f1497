"""The contacts list as a Qt model: an id array plus a bounded cache of rows fetched in blocks.

A million contacts cost 8 MB of ids; rows are read from SQLite only when the view shows them.
Searches and sorts run on a pool thread and are applied when they come back (the newest wins).
The window starts on the first ids and the count of all: the rest is read once it has painted.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from smallcrm.gui.workers import run_in_background
from smallcrm.services import contacts

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContactTableModel(QAbstractTableModel):
    # (row attribute, header, sort order key or None)
    COLUMNS = (
        ("name", QT_TRANSLATE_NOOP("ContactTableModel", "Name"), "name"),
        ("company", QT_TRANSLATE_NOOP("ContactTableModel", "Company"), "company"),
        ("email", QT_TRANSLATE_NOOP("ContactTableModel", "Email"), "email"),
        ("phone", QT_TRANSLATE_NOOP("ContactTableModel", "Phone"), "phone"),
        ("city", QT_TRANSLATE_NOOP("ContactTableModel", "City"), "city"),
        ("country", QT_TRANSLATE_NOOP("ContactTableModel", "Country"), "country"),
        ("tags", QT_TRANSLATE_NOOP("ContactTableModel", "Tags"), None),
    )
    # country and tags: a list starts without them (the customer's pane shows them; the header's menu, the columns)
    HIDDEN_AT_FIRST = (5, 6)
    BLOCK = 64  # rows fetched per query: a screenful or two, so that no one fetch holds up a frame
    FIRST_ROWS = 1000  # ids a quick start reads before the window shows: more rows than any screen holds
    CACHE_ROWS = 5000  # rows kept in memory at most
    SEARCH_LIMIT = 1000  # a search lists at most this many (and says how many match in all)

    reloaded = Signal()  # the id list changed (search, sort, refresh)
    failed = Signal(object)  # a background load failed

    def __init__(self, parent=None, *, trash: bool = False, first_rows: int = 0):
        """`first_rows`: read only that many ids now, and how many rows there are; `read_rest` reads the others
        (a row past them that is asked for first has them read at once)."""
        super().__init__(parent)
        self.trash = trash
        self._ids = array("q")  # the ids known, in list order: all of them, or the first ones (_rows says how many)
        self._rows = 0
        self._cache: OrderedDict[int, contacts.ContactRow] = OrderedDict()
        self._search = ""
        self._order = "name"
        self._descending = False
        self._generation = 0
        self._rest_for = 0  # the generation a read of the rest of the list was asked for
        self.matches = 0  # how many contacts match the search (may be more than are listed)
        if first_rows:
            self._read_first(first_rows)
        else:
            self.reload()

    # --- what the view asks -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return QCoreApplication.translate("ContactTableModel", self.COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None  # (a row past the first ones is blank until the rest of the list is read)
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._row(index.row())
            if row is None:
                return None
            return getattr(row, self.COLUMNS[index.column()][0])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][2] if 0 <= column < len(self.COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self._order, self._descending):
            return
        self._order = key
        self._descending = descending
        self.reload(wait=False)

    # --- what the window asks -----------------------------------------------------------------
    @property
    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        self._search = text
        self.reload(wait=False)

    def id_at(self, row: int) -> int:
        if row >= len(self._ids):
            self._read_rest_now()
        return self._ids[row]

    def row_of(self, contact_id: int) -> int:
        try:
            return self._ids.index(contact_id)
        except ValueError:
            if len(self._ids) < self._rows:
                self._read_rest_now()
                return self.row_of(contact_id)
            return -1

    def reload(self, *, wait: bool = True) -> None:
        """Read the id list again. `wait=False` reads it on a pool thread."""
        self._generation += 1
        if self._search.strip() and not self.trash:
            read = partial(contacts.search_contacts, self._search, self._order, self._descending,
                           limit=self.SEARCH_LIMIT)
        else:
            read = partial(contacts.contact_ids, "", self._order, self._descending, trash=self.trash)
        if wait:
            self._apply(self._generation, read())
        else:
            generation = self._generation
            run_in_background(read, on_done=lambda found: self._apply(generation, found), on_error=self.failed.emit)

    def forget(self, ids) -> None:
        """Drop cached rows (after an edit) and repaint them."""
        for contact_id in ids:
            self._cache.pop(contact_id, None)
            row = self.row_of(contact_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def read_rest(self) -> None:
        """After a start on the first rows: read the whole id list on a pool thread."""
        if len(self._ids) < self._rows:
            self._rest_for = self._generation
            run_in_background(self._read_all, on_done=self._rest_read, on_error=self.failed.emit)

    # --- inside -------------------------------------------------------------------------------
    def _read_all(self):
        return contacts.contact_ids("", self._order, self._descending, trash=self.trash)

    def _read_first(self, n: int) -> None:
        ids = contacts.contact_ids("", self._order, self._descending, trash=self.trash, limit=n)
        self._ids = ids
        self._rows = self.matches = len(ids) if len(ids) < n else contacts.count_contacts(trash=self.trash)

    def _rest_read(self, ids) -> None:  # a method, not a closure: a model gone meanwhile is not called
        self._complete(self._rest_for, ids)

    def _read_rest_now(self) -> None:
        if len(self._ids) < self._rows:
            self._complete(self._generation, self._read_all())

    def _complete(self, generation: int, ids) -> None:
        """The whole list, after the first rows: the rows past them can be shown."""
        known = len(self._ids)
        if generation != self._generation or known == self._rows:
            return  # read again since (a search, a sort, a change), or already complete
        if len(ids) != self._rows or ids[:known] != self._ids:
            self._apply(generation, ids)  # the book changed in between: start afresh
            return
        self._ids = ids
        self.dataChanged.emit(self.index(known, 0), self.index(self._rows - 1, len(self.COLUMNS) - 1))

    def _apply(self, generation: int, found) -> None:
        if generation != self._generation:
            return  # an older search came back after a newer one was asked for
        ids, self.matches = (found.ids, found.total) if isinstance(found, contacts.SearchResult) else (found, len(found))
        self.beginResetModel()
        self._ids = ids
        self._rows = len(ids)
        self._cache.clear()
        self.endResetModel()
        self.reloaded.emit()

    def _row(self, row: int) -> contacts.ContactRow | None:
        contact_id = self._ids[row]
        cached = self._cache.get(contact_id)
        if cached is not None:
            self._cache.move_to_end(contact_id)
            return cached
        start = row - row % self.BLOCK
        wanted = [i for i in self._ids[start : start + self.BLOCK] if i not in self._cache]
        self._cache.update(contacts.contact_rows(wanted))
        while len(self._cache) > self.CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(contact_id)
