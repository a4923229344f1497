"""The main window: the contacts list, search, the selected customer, and every action on them."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QLineEdit, QMainWindow, QMessageBox, QProgressDialog, QPushButton, QSizePolicy, QSplitter, QStackedWidget,
    QTabWidget, QTableView, QToolBar, QVBoxLayout, QWidget,
)

from smallcrm import __version__
from smallcrm.errors import DemoNeedsEmptyDatabase, NotFound, SmallCrmError
from smallcrm.gui import commands
from smallcrm.gui import formatting as fmt
from smallcrm.gui.colours import paint_text, soft_colour
from smallcrm.gui.columns import ColumnFitter, add_column_menu
from smallcrm.gui.contacts_model import ContactTableModel
from smallcrm.gui.icons import app_icon, icon
from smallcrm.gui.messages import do_if_still_allowed
from smallcrm.gui.workers import run_in_background
from smallcrm.services import contacts, validation

if TYPE_CHECKING:  # dialogs and the tabs behind the first load when first opened, not at start-up
    from smallcrm.gui.contact_form import ContactDialog
    from smallcrm.gui.dashboard import DashboardView
    from smallcrm.gui.detail_pane import DetailPane
    from smallcrm.gui.owed_view import OwedView
    from smallcrm.gui.today_view import TodayView
    from smallcrm.gui.trash_dialog import TrashDialog

SEARCH_DELAY_MS = 200
DEMO_CONTACTS = 200


SNAPSHOT_DELAY_MS = 20_000
# How wide (in letters) the customer's pane is at least, room for its activity, while the list keeps as many as
# LIST_LETTERS: on a small screen (see MainWindow._fit_split).
PANE_LETTERS, LIST_LETTERS = 80, 90


class MainWindow(QMainWindow):
    # The window's first frame is drawn: the start-up work that can wait (reading the rest of the list,
    # points expiry, Today's count, the day's snapshot) begins only then.
    first_painted = Signal()

    def __init__(self, db_path: Path):
        super().__init__()
        self.db_path = Path(db_path)
        self.setWindowTitle(self.tr("{name} — smallcrm").format(name=self.db_path.stem))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)  # a CSV file dropped on the window opens the import wizard
        self.undo_stack = QUndoStack(self)
        self._total = 0
        self._counted_for = ""  # the search the list was last read for
        self._selected_id: int | None = None
        self.demo_task = None

        self.model = ContactTableModel(self, first_rows=ContactTableModel.FIRST_ROWS)  # the rest after the first paint
        self.view = self._make_view()
        self._make_activity_actions()
        # The selected customer's pane is made when first needed (see `detail`): until then, what it says with
        # nobody selected.
        self._detail: DetailPane | None = None
        self.detail_area = QStackedWidget()
        self.nobody = self._nobody_selected()
        self.detail_area.addWidget(self.nobody)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # The split follows the window's width (see _fit_split) until the owner moves it.
        self.split_follows = False
        self._split_fitted: list[int] = []
        self.splitter.splitterMoved.connect(self._split_moved)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.welcome: QWidget | None = None  # made when the customer book is empty (_welcome)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.stack, icon("contact-new"), self.tr("Customers"))
        # The other tabs hold an empty page until first shown: their views (and modules) load only then.
        self.today: TodayView | None = None
        self.owed: OwedView | None = None
        self.dashboard: DashboardView | None = None
        self.today_page = self._lazy_tab("todayPage", "today", self.tr("Today"))
        self.owed_page = self._lazy_tab("owedPage", "owed", self.tr("Owed"))
        self.dashboard_page = self._lazy_tab("dashboardPage", "chart", self.tr("Dashboard"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search names, emails, phones, companies, cities, tags"))
        self.search.setAccessibleName(self.tr("Search customers"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(340)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(lambda: self.model.set_search(self.search.text()))
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self._focus_list)

        self._make_actions()
        self._make_menus_and_toolbar()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.statusBar().addWidget(self.count_label, 1)
        path_label = QLabel(str(self.db_path))
        path_label.setEnabled(False)
        path_label.setToolTip(self.tr("The database file: back it up to keep your customers safe"))
        self.statusBar().addPermanentWidget(path_label)

        self.model.reloaded.connect(self._after_reload)
        self.model.failed.connect(self._background_failed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.undo_stack.cleanChanged.connect(lambda _: self._update_actions())
        self.resize(1200, 760)
        self._restore_state()
        self._after_reload()
        # Points past their date expire in the background: after the first paint, and every hour while the
        # window is open.
        self.expiry_timer = QTimer(self)
        self.expiry_timer.setInterval(60 * 60 * 1000)
        self.expiry_timer.timeout.connect(self.expire_points)
        self._painted = False
        self.installEventFilter(self)  # sees the first paint

    def eventFilter(self, obj, event) -> bool:
        if obj is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)  # once this paint has reached the screen
        return super().eventFilter(obj, event)

    def _after_first_paint(self) -> None:
        self.first_painted.emit()
        self.model.read_rest()
        self.expiry_timer.start()
        self.expire_points()  # it also counts Today's lines
        QTimer.singleShot(SNAPSHOT_DELAY_MS, self.snapshot_if_due)  # once the start-up work is done

    # --- building -----------------------------------------------------------------------------
    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("contactsView")
        view.setAccessibleName(self.tr("Customers"))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setShowGrid(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = view.verticalHeader()  # set up before the model comes, so its rows are laid out once
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # The columns follow the list's width (at first, and after "Fit Columns to Width") until one is sized by
        # hand; then they stay as sized.
        self.columns = ColumnFitter(view, lambda: self._column_widths(view), keep=(3,))
        add_column_menu(view, fitter=self.columns)
        view.setSortingEnabled(True)
        view.doubleClicked.connect(lambda _: self.edit_contact())
        return view

    # A usual long value of each column (name, company, email, phone, city, country, tags), to size it by.
    COLUMN_SAMPLES = ("Margherita Canevascini", "Construcción Cañete", "margherita.bixio@gmail.com",
                      "+49 1512 38249123", "Kraków-Nowa Huta", "United Kingdom", "VIP, newsletter, wholesale")

    @classmethod
    def _column_widths(cls, view: QTableView) -> dict[int, int]:
        metrics = view.fontMetrics()
        return {column: metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth()
                for column, text in enumerate(cls.COLUMN_SAMPLES)}

    @property
    def detail(self) -> DetailPane:
        """The selected customer's pane: everything about them, and their activity."""
        if self._detail is None:
            from smallcrm.gui.detail_pane import DetailPane

            self._detail = DetailPane(actions=[self.call_action, self.purchase_action, self.redeem_action,
                                               self.feedback_action])
            self._detail.event_action.connect(self._event_action)
            self._detail.clear_search.connect(self.clear_search)
            self.detail_area.addWidget(self._detail)
            self.detail_area.setCurrentWidget(self._detail)
        return self._detail

    def _nobody_selected(self) -> QLabel:
        """What the customer's pane says with nobody selected (in its own words), before the pane is made."""
        label = QLabel(QCoreApplication.translate("DetailPane", "Select a customer to see everything about them here."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        paint_text(label, soft_colour(label.palette(), on_base=False))
        return label

    def _show_customer(self, contact_id: int | None) -> None:
        searched = self.model.search_text.strip()
        if contact_id is None and searched and not self.model.rowCount():
            self.detail.show_no_match(searched)
        elif contact_id is not None or self._detail is not None:  # (nobody to show yet: the label says so)
            self.detail.show_contact(contact_id)

    def _welcome(self) -> QWidget:
        """The page an empty customer book shows instead of the list."""
        if self.welcome is None:
            self.welcome = self._make_welcome()
            self.stack.addWidget(self.welcome)
        return self.welcome

    def _make_welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(96, 96)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Welcome to smallcrm"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr(
            "Your customer book is empty. Add your first customer, or load {n} demo customers "
            "with purchases, calls, points and feedback to look around. Demo customers can be deleted later."
        ).format(n=DEMO_CONTACTS))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.welcome_add = QPushButton(icon("contact-new"), self.tr("Add a customer"))
        self.welcome_demo = QPushButton(icon("demo-data"), self.tr("Load demo customers"))
        self.welcome_add.setDefault(True)
        self.welcome_add.clicked.connect(self.new_contact)
        self.welcome_demo.clicked.connect(self.load_demo)
        buttons.addWidget(self.welcome_add)
        buttons.addWidget(self.welcome_demo)
        buttons.addStretch(1)
        layout.addWidget(logo)
        layout.addSpacing(8)
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)
        return page

    def _action(self, text: str, slot, shortcut=None, icon_name: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                              if not action.shortcut().isEmpty() else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(self.tr("&New Customer…"), self.new_contact, QKeySequence.StandardKey.New,
                                       "contact-new", self.tr("Add a new customer"))
        self.edit_action = self._action(self.tr("&Edit Customer…"), self.edit_contact, "Ctrl+E", "edit",
                                        self.tr("Change the selected customer"))
        self.delete_action = self._action(self.tr("&Delete"), self.delete_selected,
                                          QKeySequence.StandardKey.Delete, "delete",
                                          self.tr("Move the selected customers to the Trash"))
        self.add_tag_action = self._action(self.tr("Add &Tag…"), self.add_tag, None, None,
                                           self.tr("Give the selected customers a tag"))
        self.remove_tag_action = self._action(self.tr("Re&move Tag…"), self.remove_tag, None, None,
                                              self.tr("Take a tag off the selected customers"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        self.find_action = self._action(self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find,
                                        "search", self.tr("Search your customers"))
        self.trash_action = self._action(self.tr("&Trash…"), self.show_trash, "Ctrl+Shift+T", "trash",
                                         self.tr("See deleted customers and restore them"))
        self.demo_action = self._action(self.tr("Load &Demo Customers"), self.load_demo, None, "demo-data",
                                        self.tr("Fill an empty customer book with demo customers"))
        self.import_action = self._action(self.tr("&Import…"), self.import_file, "Ctrl+I", "import",
                                          self.tr("Bring in customers from a CSV file"))
        self.print_action = self._action(self.tr("&Print…"), self.print_report, QKeySequence.StandardKey.Print, None,
                                         self.tr("Print the dashboard's summary, or the selected customer's dossier"))
        self.export_pdf_action = self._action(self.tr("&Export PDF…"), self.export_report, "Ctrl+Shift+E", None,
                                              self.tr("Save the dashboard's summary, or the selected customer's "
                                                      "dossier, as a PDF file"))
        self.print_list_action = self._action(self.tr("Print &List…"), self.print_list, None, None,
                                              self.tr("Call lists, birthday lists, address labels and loyalty cards"))
        self.export_contacts_action = self._action(self.tr("Export &Customers…"), self.export_contacts, None, None,
                                                   self.tr("Save the selected customers, the search's or everyone "
                                                           "as a spreadsheet (CSV) or vCards"))
        self.export_purchases_action = self._action(self.tr("Export P&urchases…"), self.export_purchases, None, None,
                                                    self.tr("Save every purchase and refund as a spreadsheet (CSV)"))
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) or [QKeySequence("Ctrl+,")]
        self.business_action = self._action(self.tr("&Settings…"), self.edit_business, preferences, None,
                                            self.tr("The shop's details, money and paper, phone country, loyalty "
                                                    "and backups"))
        self.past_imports_action = self._action(self.tr("&Past Imports…"), self.show_past_imports, None, None,
                                                self.tr("See and undo earlier imports"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action(self.tr("&About smallcrm"), self.show_about, None, "about")
        self.restore_snapshot_action = self._action(self.tr("&Restore from Backup…"), self.show_restore, None,
                                                    "restore", self.tr("Put the customer book back as it was in a "
                                                                       "snapshot, or in a copy kept elsewhere"))
        self.clear_search_action = QAction(self)
        self.clear_search_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_search_action.triggered.connect(self._escape)
        self.search.addAction(self.clear_search_action)
        self.open_action = QAction(self)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.edit_contact)
        self.view.addAction(self.open_action)

    def _make_activity_actions(self) -> None:
        self.call_action = self._action(self.tr("Log &Call…"), self.log_call, "Ctrl+L", "call",
                                        self.tr("Log a call, visit, email, SMS or note with this customer"))
        self.purchase_action = self._action(self.tr("Record &Purchase…"), self.record_purchase, "Ctrl+B", "purchase",
                                            self.tr("Record what this customer bought"))
        self.redeem_action = self._action(self.tr("&Redeem Points…"), self.redeem_points, "Ctrl+Shift+R", "points",
                                          self.tr("Spend some of this customer's points"))
        self.adjust_action = self._action(self.tr("&Adjust Points…"), self.adjust_points, None, None,
                                          self.tr("Add or take points, with a reason"))
        self.feedback_action = self._action(self.tr("Record &Feedback…"), self.record_feedback, "Ctrl+Shift+F",
                                            "feedback", self.tr("Record how satisfied this customer is"))
        self.loyalty_action = self._action(self.tr("&Loyalty Programme…"), self.edit_loyalty, None, "points",
                                           self.tr("How points are earned and spent, tiers and expiry"))
        self.complaint_action = self._action(self.tr("Open Co&mplaint…"), self.open_complaint, None, "feedback",
                                             self.tr("Write down a complaint from this customer"))
        self.statement_action = self._action(self.tr("Points &Statement…"), self.show_statement, None, "points",
                                             self.tr("Every points movement with the running balance"))
        self.referrer_action = self._action(self.tr("Referred &By…"), self.set_referrer, None, None,
                                            self.tr("Who brought this customer to the shop"))
        self.held_action = self._action(self.tr("Everything We &Hold…"), self.save_everything_we_hold, None, None,
                                        self.tr("Save all the shop holds about this customer as a ZIP file"))
        self.erase_action = self._action(self.tr("Erase Customer…"), self.erase_customer, None, None,
                                         self.tr("Remove this customer's details for good; purchases stay"))
        self.customer_actions = [self.call_action, self.purchase_action, self.redeem_action, self.adjust_action,
                                 self.statement_action, self.feedback_action, self.complaint_action,
                                 self.referrer_action, self.held_action, self.erase_action]
        for n, name in ((1, "customers"), (2, "today"), (3, "owed"), (4, "dashboard")):
            self._action(name, lambda _=False, i=n - 1: self.tabs.setCurrentIndex(i), f"Ctrl+{n}")

    def _make_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.demo_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.past_imports_action])
        file_menu.addActions([self.export_contacts_action, self.export_purchases_action])
        file_menu.addSeparator()
        file_menu.addActions([self.print_action, self.export_pdf_action, self.print_list_action])
        file_menu.addSeparator()
        file_menu.addAction(self.trash_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.add_tag_action, self.remove_tag_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        customer_menu = bar.addMenu(self.tr("&Customer"))
        for group in ((self.call_action, self.purchase_action),
                      (self.redeem_action, self.adjust_action, self.statement_action),
                      (self.feedback_action, self.complaint_action), (self.referrer_action,),
                      (self.held_action, self.erase_action)):
            customer_menu.addActions(list(group))
            customer_menu.addSeparator()
        tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.addActions([self.loyalty_action, self.business_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.restore_snapshot_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.addActions([self.new_action, self.edit_action, self.delete_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.trash_action])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self._toolbar_words_width = toolbar.sizeHint().width()  # (with the words beside the icons)
        # Undo and Redo are the first to give up their words (their arrows are known to all, and they are in the
        # Edit menu with their shortcuts): the others keep theirs in a window too narrow for every word
        self._quiet_actions = [self.undo_action, self.redo_action]
        self._set_toolbar_priority(QAction.Priority.LowPriority)
        self._toolbar_fewer_words_width = toolbar.sizeHint().width()
        self._set_toolbar_priority(QAction.Priority.NormalPriority)

    def _set_toolbar_priority(self, priority: QAction.Priority) -> None:
        for action in self._quiet_actions:
            if action.priority() != priority:
                action.setPriority(priority)

    # --- state --------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        if geometry := settings.value("window/geometry"):
            self.restoreGeometry(geometry)
        if state := settings.value("window/state"):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter and not settings.value("window/split_follows", False, type=bool):
            self.splitter.restoreState(splitter)
        else:
            self.split_follows = True
            self._fit_split()
        header = settings.value("contacts/header")
        if not (header and self.view.horizontalHeader().restoreState(header)):  # (the first run)
            for column in ContactTableModel.HIDDEN_AT_FIRST:
                self.view.horizontalHeader().setSectionHidden(column, True)
            self.columns.fit()
        elif settings.value("contacts/columns_follow", False, type=bool):
            self.columns.fit()

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/split_follows", self.split_follows and self.splitter.sizes() == self._split_fitted)
        settings.setValue("contacts/header", self.view.horizontalHeader().saveState())
        settings.setValue("contacts/columns_follow", self.columns.following)

    def closeEvent(self, event) -> None:
        if not self._may_quit():
            event.ignore()
            return
        self.save_state()
        if self.demo_task is not None:
            self.demo_task.cancel()
        super().closeEvent(event)

    def _may_quit(self) -> bool:
        """Whether to quit with an import window busy: an import under way is stopped (nothing of it is kept) when
        the owner says so; an undo under way is waited for (it is one step: it ends soon)."""
        module = sys.modules.get("smallcrm.gui.import_wizard")  # (loaded once an import window was opened)
        if module is None:
            return True
        wizards = self.findChildren(module.ImportWizard)
        if any(w.run_page.undoing for w in wizards) or any(d.undoing for d in self.findChildren(
                module.PastImportsDialog)):
            QMessageBox.information(self, self.tr("Quit"), self.tr(
                "An import is being undone. Quit once it is done, in a few seconds."))
            return False
        running = [w for w in wizards if w.task is not None]
        if running:
            if QMessageBox.question(self, self.tr("Quit"), self.tr(
                    "An import is under way. Stop it and quit? Nothing of it is kept: import the file again later."),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
                return False
            for wizard in running:
                wizard.reject()  # (its import cancelled: rolled back before the program ends, app.main waits for it)
        return True

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(index.row()) for index in self.view.selectionModel().selectedRows()]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        for action in self.customer_actions:
            action.setEnabled(len(ids) == 1)
        for action in (self.delete_action, self.add_tag_action, self.remove_tag_action):
            action.setEnabled(bool(ids))
        for action in (self.print_action, self.export_pdf_action):
            action.setEnabled(len(ids) == 1 or self.dashboard_showing())
        empty = self._total == 0
        self.demo_action.setEnabled(empty and self.demo_task is None)
        if self.welcome is not None:
            self.welcome_demo.setEnabled(self.demo_task is None)

    def _after_reload(self) -> None:
        searching = bool(self.model.search_text.strip())
        shown = self.model.rowCount()
        # while searching, the book is counted apart, when the same search is read again (the book changed: an
        # import, an undo, a delete), not at each letter typed
        if not searching:
            self._total = shown
        elif self.model.search_text == self._counted_for:
            self._total = contacts.count_contacts()
        self._counted_for = self.model.search_text
        self.stack.setCurrentWidget(self.splitter if (self._total or searching) else self._welcome())
        if searching and self.model.matches > shown:
            text = self.tr("The first {shown} of {matches} customers matching “{search}” — type more to narrow it "
                           "down").format(shown=fmt.number(shown), matches=fmt.number(self.model.matches),
                                          search=self.model.search_text.strip())
        elif searching:
            text = self.tr("{shown} of {total} match “{search}”").format(
                shown=fmt.number(shown), total=self._contacts(self._total), search=self.model.search_text.strip())
        else:
            text = self._contacts(self._total)
        self.count_label.setText(text)
        self._select(self._selected_id)

    def _fit_split(self) -> None:
        """The list three fifths of the window and the customer's pane two; on a small screen, the pane as wide as
        its activity needs (PANE_LETTERS) while the list keeps room for its columns (LIST_LETTERS)."""
        width, letter = self.width(), self.fontMetrics().averageCharWidth()
        pane = max(width * 2 // 5, min(letter * PANE_LETTERS, width - letter * LIST_LETTERS))
        room = sum(self.splitter.sizes()) if self.splitter.isVisible() else width  # (less its handle)
        self.splitter.setSizes([room - pane, pane])
        self._split_fitted = self.splitter.sizes()

    def _split_moved(self) -> None:
        self.split_follows = False

    def _contacts(self, n: int) -> str:
        return fmt.counted(n, self.tr("1 customer"), self.tr("{n} customers"))

    def _select(self, contact_id: int | None) -> None:
        row = self.model.row_of(contact_id) if contact_id is not None else -1
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            self._show_customer(None)
        else:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            selection.select(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
            self.view.scrollTo(index)
            self._show_customer(contact_id)
        self._update_actions()

    def _selection_changed(self) -> None:
        self._selected_id = self.current_id()
        self._show_customer(self._selected_id)
        self._update_actions()

    def refresh(self, select: list[int] | None = None) -> None:
        """Read the list again after a change, keeping (or moving) the selection."""
        if select:
            self._selected_id = select[0]
        self.model.reload()
        self._show_customer(self._selected_id if self.model.row_of(self._selected_id or -1) >= 0 else None)

    # --- actions ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_list(self) -> None:
        self.search_timer.stop()
        self.model.set_search(self.search.text())
        self.view.setFocus()

    def clear_search(self, focus_list: bool = True) -> None:
        """Show every customer again (and put the keyboard in the list)."""
        self.search.clear()
        self.search_timer.stop()
        self.model.set_search("")
        if focus_list:
            self.view.setFocus()

    def _escape(self) -> None:
        if self.search.text():
            self.search.clear()
        else:
            self.view.setFocus()

    def new_contact(self) -> ContactDialog:
        from smallcrm.gui.contact_form import ContactDialog

        dialog = ContactDialog(self, title=self.tr("New customer"))
        dialog.accepted.connect(lambda: self._save_new(dialog))
        dialog.open()
        return dialog

    def _save_new(self, dialog: ContactDialog) -> None:
        data = dialog.contact_input()
        contact_id = contacts.add_contact(data, region=dialog.region)
        name = contacts.display_name(data.first_name.strip(), data.last_name.strip(), data.company.strip())
        self.undo_stack.push(commands.AddContact(contact_id, self.refresh, self.tr("Add {name}").format(name=name)))
        if self.search.text():
            self.clear_search(focus_list=False)
        self.refresh([contact_id])
        self.statusBar().showMessage(self.tr("Added {name}.").format(name=name), 5000)

    def edit_contact(self) -> ContactDialog | None:
        from smallcrm.gui.contact_form import ContactDialog

        contact_id = self.current_id()
        if contact_id is None:
            return None
        try:
            record = contacts.get_contact(contact_id)
        except NotFound:
            self.refresh()
            return None
        before = record.to_input()
        dialog = ContactDialog(self, before, title=self.tr("Edit {name}").format(name=record.display_name))
        dialog.accepted.connect(lambda: self._save_edit(contact_id, before, dialog))
        dialog.open()
        return dialog

    def _save_edit(self, contact_id: int, before: contacts.ContactInput, dialog: ContactDialog) -> None:
        """Store what the form changed. The customer may have changed since the form opened (an import, the command
        line): what the form left alone stays as it is now, and a part changed both ways is the form's if the owner
        says so."""
        after = dialog.contact_input()
        name = contacts.display_name(after.first_name.strip(), after.last_name.strip(), after.company.strip())
        saved: list = []  # (none: the customer was removed meanwhile, by an import undone; said)

        def save() -> None:
            clashes = contacts.merge_edit(before, after, contacts.get_contact(contact_id).to_input(),
                                          dialog.region).clashes
            mine_wins = not clashes or self._keep_mine(name, clashes, dialog)
            # (merged afresh: the customer may have changed again while the owner was asked)
            changed_at = contacts.stamps([contact_id]).get(contact_id)
            saved.extend((changed_at, *contacts.save_edit(contact_id, before, after, dialog.region,
                                                          mine_wins=mine_wins)))

        do_if_still_allowed(self, save)
        if not saved:
            self.model.reload()
            return
        changed_at, written, current, edit = saved
        if edit.kept:
            self.statusBar().showMessage(self.tr("{name} had been changed meanwhile; those changes were kept too: "
                                                 "{parts}.").format(name=name, parts=dialog.part_names(edit.kept)),
                                         8000)
        if not written:
            return  # (saved unchanged: nothing to undo)
        written_at = contacts.stamps([contact_id])[contact_id]
        self.undo_stack.push(commands.EditContact(contact_id, current, edit.data, (changed_at, written_at),
                                                  dialog.region, self.refresh,
                                                  self.tr("Edit {name}").format(name=name)))
        self.model.forget([contact_id])
        self.refresh([contact_id])

    def _keep_mine(self, name: str, clashes: list[str], dialog: ContactDialog) -> bool:
        """Whether the form's version of the parts that were also changed meanwhile is to be saved over it."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Changed meanwhile"), self.tr(
            "While you were editing {name}, this was changed elsewhere too (an import, or the command line): {parts}.")
                          .format(name=name, parts=dialog.part_names(clashes)), QMessageBox.StandardButton.NoButton,
                          self)
        box.setInformativeText(self.tr("Save what you typed over it, or keep what is there now? The rest of what you "
                                       "changed is saved either way."))
        mine = box.addButton(self.tr("Save mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep what is there"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(mine)
        box.exec()
        return box.clickedButton() is mine

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        row = self.model.row_of(ids[0])
        contacts.delete_contacts(ids)
        text = self.tr("Delete {contacts}").format(contacts=self._contacts(len(ids)))
        self.undo_stack.push(commands.DeleteContacts(ids, self.refresh, text))
        self._selected_id = None
        self.model.reload()
        if self.model.rowCount():  # keep the place in the list: select the row that moved up
            self._select(self.model.id_at(min(row, self.model.rowCount() - 1)))
        self.statusBar().showMessage(
            self.tr("Moved {contacts} to the Trash. Undo with {keys}.").format(
                contacts=self._contacts(len(ids)),
                keys=self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)),
            8000,
        )

    def add_tag(self) -> QInputDialog | None:
        """Give every selected customer a tag: one of the book's, or a new one."""
        ids = self.selected_ids()
        if not ids:
            return None
        return self._tag_dialog(ids, True, self.tr("Add Tag"), self.tr("Tag for {contacts}:").format(
            contacts=self._contacts(len(ids))), contacts.all_tags())

    def remove_tag(self) -> QInputDialog | None:
        """Take one of the selected customers' tags off all of them."""
        ids = self.selected_ids()
        if not ids:
            return None
        tags = contacts.tags_of(ids)
        if not tags:
            self.statusBar().showMessage(self.tr("The selected customers have no tags."), 5000)
            return None
        return self._tag_dialog(ids, False, self.tr("Remove Tag"), self.tr("Tag to take off {contacts}:").format(
            contacts=self._contacts(len(ids))), tags)

    def _tag_dialog(self, ids: list[int], add: bool, title: str, label: str, tags: list[str]) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setComboBoxItems(tags)
        dialog.setComboBoxEditable(add)
        dialog.textValueSelected.connect(lambda tag: self._retag(ids, tag.strip(), add))
        dialog.open()  # (it makes its box and buttons when shown)
        box = dialog.findChild(QComboBox)
        room = box.fontMetrics().averageCharWidth() * 45  # (room for a tag of a few words)
        if add:
            dialog.setTextValue("")
            typed = box.lineEdit()
            typed.setMaxLength(validation.MAX_TAG)
            # (a comma separates tags: validation.clean_tag)
            typed.setValidator(QRegularExpressionValidator(QRegularExpression("[^,]*"), typed))
            typed.setPlaceholderText(self.tr("One of the book's tags, or a new one"))
            room = max(room, box.fontMetrics().horizontalAdvance(typed.placeholderText()) * 5 // 4)
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            ok.setEnabled(False)
            dialog.textValueChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        box.setMinimumWidth(room)
        return dialog

    def _retag(self, ids: list[int], tag: str, add: bool) -> None:
        stamps = contacts.stamps(ids)
        changed = (contacts.tag_contacts if add else contacts.untag_contacts)(ids, tag)
        tag = contacts.book_tag(tag)
        if changed:
            text = (self.tr("Tag {contacts} “{tag}”") if add else self.tr("Take “{tag}” off {contacts}")).format(
                contacts=self._contacts(len(changed)), tag=tag)
            self.undo_stack.push(commands.TagContacts(changed, tag, add, {i: stamps[i] for i in changed},
                                                      contacts.stamps(changed), self._retagged, text))
            self._retagged(changed)
        if add:
            said = (self.tr("Tagged {contacts} “{tag}”.") if changed else
                    self.tr("The selected customers already have “{tag}”."))
        else:
            said = self.tr("Took “{tag}” off {contacts}.") if changed else self.tr("No selected customer has “{tag}”.")
        self.statusBar().showMessage(said.format(contacts=self._contacts(len(changed)), tag=tag), 8000)

    def _retagged(self, ids: list[int]) -> None:
        """Tags changed: those rows and the customer shown read again (the list stays as it is, selection too)."""
        self.model.forget(ids)
        if self._selected_id in ids:
            self._show_customer(self._selected_id)

    def restore(self, ids: list[int]) -> None:
        contacts.restore_contacts(ids)
        self.undo_stack.push(commands.RestoreContacts(ids, self.refresh, self.tr("Restore from Trash")))
        self.refresh(ids)

    def show_trash(self) -> TrashDialog:
        from smallcrm.gui.trash_dialog import TrashDialog

        dialog = TrashDialog(self)
        dialog.restore_requested.connect(self.restore)
        dialog.finished.connect(lambda _: (self.refresh(), self._refresh_tabs()))  # deleted for good: figures change
        dialog.open()
        return dialog

    def show_restore(self) -> QDialog:
        from smallcrm.gui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.db_path, self)
        dialog.restored.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self, restored) -> None:
        """The database was put back as it was in a snapshot: read everything again. Undo starts afresh, as
        its steps name rows that may no longer be there."""
        self.undo_stack.clear()
        if self.search.text():
            self.clear_search(focus_list=False)
        self.refresh()
        self._refresh_tabs()
        self.statusBar().showMessage(self.tr("Restored from {file}: {contacts}.").format(
            file=restored.source.name, contacts=self._contacts(restored.contacts)), 10000)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About smallcrm"),
            self.tr(
                "<h3>smallcrm {version}</h3>"
                "<p>Customers, calls, purchases, loyalty points and satisfaction for a small shop, "
                "kept in one file on this computer. No server, no account.</p>"
                "<p>Your database: {path}</p>"
            ).format(version=__version__, path=self.db_path.as_posix().replace("&", "&amp;").replace("<", "&lt;")),
        )

    # --- the day's work on the selected customer ----------------------------------------------
    def _customer_dialog(self, make, done_message) -> QDialog | None:
        contact_id = self.current_id()
        if contact_id is None:
            return None
        name = self.model.data(self.model.index(self.model.row_of(contact_id), 0)) or ""
        dialog = make(self, contact_id, name)

        def saved():
            self._activity_changed()
            self.statusBar().showMessage(done_message(dialog.result_value, name), 6000)

        dialog.accepted.connect(saved)
        dialog.open()
        return dialog

    def log_call(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import CallDialog

        return self._customer_dialog(CallDialog, lambda _, name: self.tr("Logged for {name}.").format(name=name))

    def record_purchase(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import PurchaseDialog

        return self._customer_dialog(PurchaseDialog, lambda r, name: self.tr(
            "Purchase of {total} recorded for {name}; {points} points earned.").format(
                total=fmt.money(r.total_minor, r.currency), name=name, points=fmt.number(r.points_earned)))

    def redeem_points(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import PointsDialog

        return self._customer_dialog(PointsDialog, lambda _, name: self.tr("Points redeemed for {name}.").format(name=name))

    def adjust_points(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import PointsDialog

        return self._customer_dialog(lambda parent, cid, name: PointsDialog(parent, cid, name, adjust=True),
                                     lambda _, name: self.tr("Points adjusted for {name}.").format(name=name))

    def record_feedback(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import FeedbackDialog

        def said(result, name):
            if result.complaint_id:
                return self.tr("Feedback recorded for {name}; a complaint and a follow-up task were opened.").format(
                    name=name)
            return self.tr("Feedback recorded for {name}.").format(name=name)

        return self._customer_dialog(FeedbackDialog, said)

    def open_complaint(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import ComplaintDialog

        return self._customer_dialog(ComplaintDialog,
                                     lambda _, name: self.tr("Complaint from {name} written down.").format(name=name))

    def set_referrer(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import ReferrerDialog

        return self._customer_dialog(ReferrerDialog, lambda _, name: self.tr("Saved who referred {name}.").format(name=name))

    def save_everything_we_hold(self) -> None:
        from smallcrm.gui.privacy_dialogs import save_everything_we_hold

        if (contact_id := self.current_id()) is not None:
            save_everything_we_hold(self, contact_id)

    def erase_customer(self) -> str | None:
        from smallcrm.gui.privacy_dialogs import erase_customer

        contact_id = self.current_id()
        return erase_customer(self, contact_id) if contact_id is not None else None

    def show_statement(self) -> QDialog | None:
        from smallcrm.gui.activity_dialogs import StatementDialog

        contact_id = self.current_id()
        if contact_id is None:
            return None
        dialog = StatementDialog(self, contact_id, self.detail.contact.display_name if self.detail.contact else "")
        dialog.open()
        return dialog

    def edit_loyalty(self) -> QDialog:
        from smallcrm.gui.loyalty_settings import LoyaltySettingsDialog

        dialog = LoyaltySettingsDialog(self)
        dialog.accepted.connect(self._activity_changed)
        dialog.open()
        return dialog

    def _event_action(self, kind: str, key: int, what: str) -> None:
        from smallcrm.services import activity, purchases

        if kind == "purchase" and what == "refund":
            from smallcrm.gui.activity_dialogs import RefundDialog

            name = self.detail.contact.display_name if self.detail.contact else ""
            dialog = RefundDialog(self, key, name)
            dialog.accepted.connect(self._activity_changed)
            dialog.open()
            return
        if kind == "purchase" and what == "paid":
            do_if_still_allowed(self, lambda: purchases.mark_paid(key))
        elif kind == "task" and what == "done":
            do_if_still_allowed(self, lambda: activity.complete_task(key))
        elif kind == "task":
            do_if_still_allowed(self, lambda: activity.snooze_task(key, 7 if what == "week" else 1))
        self._activity_changed()

    def expire_points(self) -> None:
        from smallcrm.services import loyalty

        # Results come back to methods, not closures: a window closed meanwhile is not called.
        run_in_background(loyalty.expire_points, on_done=self._points_expired, on_error=self._background_failed)

    def _points_expired(self, points: int) -> None:
        if points:
            self._show_customer(self._selected_id)
            self.statusBar().showMessage(fmt.counted(points, self.tr("1 point passed its date and expired."),
                                                     self.tr("{n} points passed their date and expired.")), 8000)
        self._refresh_tabs()

    def snapshot_if_due(self) -> None:
        """The day's snapshot of the database, on the pool thread; when it cannot be saved, the status bar says so."""
        from smallcrm.services import backup

        def done(snapshot) -> None:
            if snapshot is not None:
                self.statusBar().showMessage(self.tr("Today's snapshot of your data was saved in {folder}.").format(
                    folder=snapshot.path.parent), 8000)

        def failed(error) -> None:
            if not isinstance(error, SmallCrmError):
                raise error
            self.statusBar().showMessage(self.tr(
                "Today's snapshot of your data could not be saved ({why}). Nothing is lost; check that the backup "
                "folder is there and has room, or run `smallcrm backup`.").format(why=error), 30000)

        run_in_background(backup.snapshot_if_due, self.db_path, on_done=done, on_error=failed)

    def _activity_changed(self) -> None:
        """Something was recorded: the customer's figures, the timeline and the other tabs change."""
        self._show_customer(self._selected_id)
        self._refresh_tabs()

    def _refresh_tabs(self) -> None:
        """Read the Today list on a pool thread; show it (and Owed) if in view, and count it on its tab.
        The dashboard counts again if in view, else when next shown."""
        from smallcrm.services.today import today_list

        run_in_background(today_list, on_done=self._today_read, on_error=self._background_failed)
        if self.owed is not None and self.tabs.currentWidget() is self.owed_page:
            self.owed.refresh()
        if self.dashboard is not None:
            self.dashboard.data_changed()

    def _today_read(self, today) -> None:
        total = today.total_lines()
        self.tabs.setTabText(1, self.tr("Today ({n})").format(n=fmt.number(total)) if total else self.tr("Today"))
        if self.today is not None and self.tabs.currentWidget() is self.today_page:
            self.today.refresh(today)

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.today_page:
            self._make_today().refresh()
        elif page is self.owed_page:
            self._make_owed().refresh()
        elif page is self.dashboard_page:
            self._make_dashboard()
        self._update_actions()

    def _lazy_tab(self, name: str, icon_name: str, text: str) -> QWidget:
        page = QWidget()
        page.setObjectName(name)
        QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(page, icon(icon_name), text)
        return page

    def _make_today(self) -> TodayView:
        if self.today is None:
            from smallcrm.gui.today_view import TodayView

            self.today = TodayView()
            self.today.open_contact.connect(self.open_contact)
            self.today.changed.connect(self._activity_changed)
            self.today_page.layout().addWidget(self.today)
        return self.today

    def _make_owed(self) -> OwedView:
        if self.owed is None:
            from smallcrm.gui.owed_view import OwedView

            self.owed = OwedView()
            self.owed.open_contact.connect(self.open_contact)
            self.owed.changed.connect(self._activity_changed)
            self.owed_page.layout().addWidget(self.owed)
        return self.owed

    def _make_dashboard(self) -> DashboardView:
        if self.dashboard is None:
            from smallcrm.gui.dashboard import DashboardView

            self.dashboard = DashboardView()
            self.dashboard.open_contact.connect(self.open_contact)
            self.dashboard_page.layout().addWidget(self.dashboard)
        return self.dashboard

    def dashboard_showing(self) -> bool:
        return self.tabs.currentWidget() is self.dashboard_page

    # --- printing -------------------------------------------------------------------------------
    def _report(self):
        """What Print and Export PDF make now: (make the PDF, title, file name), or None."""
        if self.dashboard_showing():
            period = self._make_dashboard().period()
            shown = self.dashboard.fresh_summary()
            title = self.tr("Summary {start} to {end}").format(start=period.start.isoformat(),
                                                                end=period.end.isoformat())

            def summary_pdf() -> bytes:
                from smallcrm.reports import summary_pdf as write
                from smallcrm.services import metrics

                out = io.BytesIO()
                write(shown if shown is not None else metrics.summary(period), out)
                return out.getvalue()

            return summary_pdf, title, title
        contact_id = self.current_id()
        if contact_id is None:
            return None
        name = self.model.data(self.model.index(self.model.row_of(contact_id), 0)) or ""

        def dossier_pdf() -> bytes:
            from smallcrm.reports import dossier_pdf as write

            out = io.BytesIO()
            write(contact_id, out)
            return out.getvalue()

        return dossier_pdf, self.tr("Dossier of {name}").format(name=name), self.tr("{name} dossier").format(name=name)

    def print_report(self) -> None:
        if report := self._report():
            from smallcrm.gui.printing import print_with_preview

            print_with_preview(self, report[0], report[1])

    def export_report(self) -> None:
        if report := self._report():
            from smallcrm.gui.printing import export_pdf

            export_pdf(self, report[0], report[2])

    def export_contacts(self) -> QDialog:
        from smallcrm.gui.exporting import export_contacts

        return export_contacts(self, self.selected_ids(), self.model.search_text)

    def export_purchases(self) -> None:
        from smallcrm.gui.exporting import export_purchases

        export_purchases(self)

    def print_list(self) -> QDialog:
        from smallcrm.gui.print_list_dialog import PrintListDialog

        dialog = PrintListDialog(self, self.search.text(), self.selected_ids())
        dialog.open()
        return dialog

    def edit_business(self) -> QDialog:
        from smallcrm.gui.business_settings import BusinessSettingsDialog

        dialog = BusinessSettingsDialog(self)
        dialog.finished.connect(self._activity_changed)  # its Loyalty Programme… saves rules even on Cancel
        dialog.open()
        return dialog

    def open_contact(self, contact_id: int) -> None:
        """Show one customer in the Customers tab, wherever the request came from."""
        if self.model.row_of(contact_id) < 0:  # hidden by a search, or added since the list was read
            if self.search.text():
                self.clear_search(focus_list=False)
            self.model.reload()
        self.tabs.setCurrentIndex(0)
        self._selected_id = contact_id
        self._select(contact_id)

    # --- importing ------------------------------------------------------------------------------
    def import_file(self, _checked=False, path: Path | None = None) -> QDialog:
        from smallcrm.gui.import_wizard import ImportWizard  # the import engine loads when first needed

        wizard = ImportWizard(self, path, on_imported=self._imported, open_contact=self.open_contact)
        wizard.open()
        return wizard

    def _imported(self) -> None:
        self.model.reload()
        self._after_reload()
        self._refresh_tabs()

    def show_past_imports(self) -> QDialog:
        from smallcrm.gui.import_wizard import PastImportsDialog

        dialog = PastImportsDialog(self, on_undone=self._imported, open_contact=self.open_contact)
        dialog.open()
        return dialog

    def dragEnterEvent(self, event) -> None:
        # any file: the import window says what it can read of one that is no CSV (a spreadsheet: save it as CSV)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            if len(files) > 1:
                self.statusBar().showMessage(self.tr("{n} files were dropped: importing {file} first. Drop the others "
                                                     "one at a time.").format(n=fmt.number(len(files)),
                                                                              file=Path(files[0]).name))
            self.import_file(path=Path(files[0]))

    def load_demo(self) -> None:
        if self.demo_task is not None:
            return
        from smallcrm.services import demo

        progress = QProgressDialog(self.tr("Creating demo customers…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Demo customers"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.demo_progress = progress

        def done(summary) -> None:
            self.demo_task = None
            progress.reset()
            self.refresh()
            self._refresh_tabs()
            self.statusBar().showMessage(
                self.tr("Added {n} demo customers with their purchases, calls, points and feedback.").format(
                    n=fmt.number(summary.contacts)), 8000)

        def failed(error) -> None:
            self.demo_task = None
            progress.reset()
            self._update_actions()
            if isinstance(error, demo.DemoCancelled):
                self.statusBar().showMessage(self.tr("Demo customers were not added."), 5000)
            elif isinstance(error, DemoNeedsEmptyDatabase):
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(self, self.tr("Demo customers"), self.tr(
                    "Demo customers can only go into an empty customer book; this one holds {n} customers."
                ).format(n=fmt.number(error.contacts)))
            else:
                raise error

        def step(done_, total) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done_)

        self.demo_task = run_in_background(demo.generate, DEMO_CONTACTS, on_done=done, on_error=failed,
                                           on_progress=step)
        progress.canceled.connect(self.demo_task.cancel)
        self._update_actions()

    def _background_failed(self, error) -> None:
        raise error

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is self.splitter and not self.view.selectionModel().hasSelection():
            self.view.setFocus()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "nobody"):  # (a dark palette chosen meanwhile)
            paint_text(self.nobody, soft_colour(self.palette(), on_base=False))
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.split_follows:
            self._fit_split()
        # The toolbar's words beside its icons when the window has room for them and the search box; when not,
        # Undo's and Redo's icons alone first (French's longer words, on a 1024-pixel screen), then every icon
        # alone (the words in their tooltips): the search box never goes out of sight (a small laptop's screen).
        self._set_toolbar_priority(QAction.Priority.NormalPriority if self.width() >= self._toolbar_words_width
                                   else QAction.Priority.LowPriority)
        wanted = (Qt.ToolButtonStyle.ToolButtonTextBesideIcon if self.width() >= self._toolbar_fewer_words_width
                  else Qt.ToolButtonStyle.ToolButtonIconOnly)
        if self.toolbar.toolButtonStyle() != wanted:
            self.toolbar.setToolButtonStyle(wanted)
