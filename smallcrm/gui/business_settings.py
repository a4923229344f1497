"""Tools ▸ Settings: the shop's name, address and logo at the top of every report, the paper reports are
made for, how money and dates print, the shop's currency, the country phone numbers typed without
+country belong to, when a customer counts as lapsed, the way to the loyalty programme, and where and
when snapshots of the data are kept. Saved in the database, so they travel with it; Cancel changes
nothing."""

from __future__ import annotations

import base64
import binascii
import os
import unicodedata
from functools import partial
from pathlib import Path

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMargins, QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from smallcrm.errors import InvalidValue, SmallCrmError
from smallcrm.gui.contact_form import show_problem
from smallcrm.gui.forms import AsksBeforeClosing, grow_to_fit
from smallcrm.gui.workers import run_in_background
from smallcrm.reports.words import catalog as report_words, language_of
from smallcrm.services import backup, money, when
from smallcrm.services.settings import automatic_region, get_setting, set_settings, system_locale
from smallcrm.store.db import current_path

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 600  # pixels; a bigger logo is scaled down before it is stored
LOGO_PREVIEW = QSize(240, 96)
LAPSED_DAYS = (7, 730)
# Locales offered for money and dates; any other babel locale set elsewhere is offered too.
COMMON_LOCALES = (
    "ar_AE", "ar_SA", "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "el_GR", "en_AU", "en_CA", "en_GB", "en_IE",
    "en_IN", "en_NZ", "en_US", "en_ZA", "es_AR", "es_ES", "es_MX", "fi_FI", "fr_BE", "fr_CA", "fr_CH", "fr_FR",
    "he_IL", "hi_IN", "hu_HU", "id_ID", "it_CH", "it_IT", "ja_JP", "ko_KR", "nb_NO", "nl_BE", "nl_NL", "pl_PL",
    "pt_BR", "pt_PT", "ro_RO", "ru_RU", "sk_SK", "sv_SE", "th_TH", "tr_TR", "uk_UA", "vi_VN", "zh_CN", "zh_TW",
)


def locale_name(code: str) -> str:
    """"de_AT" -> "Deutsch (Österreich)": the locale's name in its own language."""
    try:
        return Locale.parse(code).get_display_name() or code
    except (ValueError, UnknownLocaleError):
        return code


def country_names() -> dict[str, str]:
    """Every country phone numbers can be read for, by ISO code, named in the language smallcrm speaks."""
    try:
        names = Locale.parse(QLocale().name()).territories
    except (ValueError, UnknownLocaleError):
        names = Locale("en").territories
    return {code: names.get(code, code) for code in phonenumbers.SUPPORTED_REGIONS}


def sort_key(text: str) -> str:
    """"Émirats" sorts with the E's."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def folder_problem(folder: Path) -> str | None:
    """Why snapshots cannot go into `folder`: "missing", "not_folder", "read_only"; None when they can."""
    if not folder.exists():
        return "missing"
    if not folder.is_dir():
        return "not_folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "read_only"
    return None


def logo_from_file(path: Path) -> bytes:
    """The image in `path` as it is stored: PNG or JPEG, at most MAX_LOGO_SIDE pixels wide and high.

    InvalidValue("logo", ...) when the file is too big or is not a picture.
    """
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise InvalidValue("logo", path.name, "too_large", f"{size / 1024 / 1024:.1f} MB")
    data = path.read_bytes()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if not reader.canRead():
        raise InvalidValue("logo", path.name, "not_image")
    original = reader.size()
    scaled = original.isValid() and max(original.width(), original.height()) > MAX_LOGO_SIDE
    if scaled:
        reader.setScaledSize(original.scaled(MAX_LOGO_SIDE, MAX_LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise InvalidValue("logo", path.name, "not_image", reader.errorString())
    if max(image.width(), image.height()) > MAX_LOGO_SIDE:  # the file did not say its size beforehand
        image = image.scaled(MAX_LOGO_SIDE, MAX_LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        scaled = True
    turned = reader.transformation() != QImageIOHandler.Transformation.TransformationNone
    if not scaled and not turned and kind in ("png", "jpeg", "jpg"):
        return data
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "PNG")
    return bytes(out.data().data())


def logo_image(text: str | None) -> QImage:
    """The stored logo (base64 text) as an image; a null image when there is none or it is damaged."""
    if not text:
        return QImage()
    try:
        return QImage.fromData(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return QImage()



def with_note(field: QWidget, note: str, alignment=Qt.AlignmentFlag(0)) -> QWidget:
    """`field` with a greyed sentence under it saying what it does."""
    label = QLabel(note)
    label.setWordWrap(True)
    label.setEnabled(False)
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(field, 0, alignment)
    box.addWidget(label)
    return holder

class BusinessSettingsDialog(AsksBeforeClosing, QDialog):
    """Tools ▸ Settings, in four pages: Business, Money and paper, Customers, Backups."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.db_path = current_path()
        self.logo_text: str | None = get_setting("business_logo")

        self.name = QLineEdit(get_setting("business_name") or "")
        self.name.setPlaceholderText(self.tr("e.g. Kwiaciarnia Marta"))
        self.address = QPlainTextEdit(get_setting("business_address") or "")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(self.tr("Street\nPostcode and town\nPhone, email or website"))
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 5 + 12)
        self.address.setAccessibleName(self.tr("Address"))

        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(LOGO_PREVIEW)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setAccessibleName(self.tr("Logo"))
        self.choose_logo = QPushButton(self.tr("C&hoose image…"))
        self.remove_logo = QPushButton(self.tr("Re&move"))
        self.choose_logo.clicked.connect(self.browse_logo)
        self.remove_logo.clicked.connect(lambda: self._set_logo(None))
        self.logo_problem = QLabel()
        self.logo_problem.setWordWrap(True)
        self.logo_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.logo_problem.hide()
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo)
        logo_buttons.addWidget(self.remove_logo)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo = QWidget()
        logo_box = QVBoxLayout(logo)
        logo_box.setContentsMargins(0, 0, 0, 0)
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_problem)
        self._show_logo()

        self.paper = QComboBox()
        self.paper.addItem(self.tr("Automatic (Letter in the US and Canada, A4 elsewhere)"), None)
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "A4")
        self.paper.addItem(self.tr("Letter (8½ × 11 in)"), "Letter")
        self.paper.setCurrentIndex(max(0, self.paper.findData(get_setting("paper_size"))))

        self.locale = QComboBox()
        self.locale.addItem(self.tr("Automatic (this computer’s: {name})").format(name=locale_name(system_locale())),
                            None)
        chosen = get_setting("locale")
        codes = set(COMMON_LOCALES) | ({chosen} if chosen else set())
        for name, code in sorted((locale_name(code), code) for code in codes):
            self.locale.addItem(name, code)
        self.locale.setCurrentIndex(max(0, self.locale.findData(chosen)))
        self.sample = QLabel()
        self.sample.setObjectName("localeSample")
        self.sample.setEnabled(False)

        self.currency = QLineEdit(get_setting("currency") or "")
        self.currency.setMaximumWidth(self.currency.fontMetrics().horizontalAdvance("MMMMMM") + 16)
        self.currency.setAccessibleName(self.tr("Currency"))
        self.saved_currency = self.currency.text()
        self.currency_problem = QLabel()
        self.currency_problem.setWordWrap(True)
        self.currency_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.currency_problem.hide()
        currency = QWidget()
        currency_box = QVBoxLayout(currency)
        currency_box.setContentsMargins(0, 0, 0, 0)
        currency_box.addWidget(self.currency)
        currency_box.addWidget(self.currency_problem)

        self.lapsed = QSpinBox()
        self.lapsed.setRange(*LAPSED_DAYS)
        self.lapsed.setSuffix(self.tr(" days"))
        self.lapsed.setValue(min(max(int(get_setting("lapsed_days") or 90), LAPSED_DAYS[0]), LAPSED_DAYS[1]))
        lapsed = with_note(self.lapsed, self.tr("A customer with no purchase for this many days counts as lapsed."),
                           Qt.AlignmentFlag.AlignLeft)

        locale_widget = QWidget()
        locale_box = QVBoxLayout(locale_widget)
        locale_box.setContentsMargins(0, 0, 0, 0)
        locale_box.addWidget(self.locale)
        locale_box.addWidget(self.sample)

        self.region = QComboBox()
        names = country_names()
        here = automatic_region()
        self.region.addItem(self.tr("Automatic ({country}, as money and dates)").format(country=names.get(here, here))
                            if here else self.tr("Automatic (none: type numbers with their +country code)"), None)
        chosen_region = get_setting("default_region")
        if chosen_region and chosen_region not in names:
            names[chosen_region] = chosen_region
        for code in sorted(names, key=lambda c: sort_key(names[c])):
            self.region.addItem(f"{names[code]} (+{phonenumbers.country_code_for_region(code)})", code)
        self.region.setCurrentIndex(max(0, self.region.findData(chosen_region)))
        self.region.setMaxVisibleItems(20)
        region = with_note(self.region, self.tr("Phone numbers typed without +country are read as numbers of this "
                                                "country."))

        self.loyalty_button = QPushButton(self.tr("Lo&yalty Programme…"))
        self.loyalty_button.clicked.connect(self.edit_loyalty)
        loyalty = with_note(self.loyalty_button, self.tr("Points, rewards, tiers and expiry; saved as soon as you save "
                                                         "them there."), Qt.AlignmentFlag.AlignLeft)

        self._make_backups()

        business = QGroupBox(self.tr("At the top of every report"))
        form = QFormLayout(business)
        form.addRow(self.tr("Business &name"), self.name)
        form.addRow(self.tr("&Address"), self.address)
        form.addRow(self.tr("Logo"), logo)

        reports = QGroupBox(self.tr("Reports and money"))
        form = QFormLayout(reports)
        form.addRow(self.tr("&Paper size"), self.paper)
        form.addRow(self.tr("Money and &dates"), locale_widget)
        form.addRow(self.tr("&Currency"), currency)

        customers = QGroupBox(self.tr("Customers"))
        form = QFormLayout(customers)
        form.addRow(self.tr("Phone c&ountry"), region)
        form.addRow(self.tr("&Lapsed after"), lapsed)
        form.addRow(self.tr("Loyalty"), loyalty)

        for combo in (self.paper, self.locale, self.region):  # long choices must not push the labels out
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)

        self.tabs = QTabWidget()
        for title, group in ((self.tr("Business"), business), (self.tr("Money and paper"), reports),
                             (self.tr("Customers"), customers), (self.tr("Backups"), self.backups)):
            page = QWidget()
            page_box = QVBoxLayout(page)
            page_box.addWidget(group)
            page_box.addStretch(1)
            self.tabs.addTab(page, title)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        self.locale.currentIndexChanged.connect(lambda _: self.check())
        self.currency.textChanged.connect(lambda _: self.check())
        self.check()
        self.setMinimumWidth(640)

    def unsaved(self):
        """The logo and backup folder chosen (AsksBeforeClosing: not fields typed in)."""
        return self.logo_text, self.chosen_folder

    def _make_backups(self) -> None:
        stored = get_setting("backup_folder")
        self.chosen_folder: Path | None = self._resolve(stored) if isinstance(stored, str) and stored.strip() else None
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Backup folder"))
        self.browse_folder = QPushButton(self.tr("B&rowse…"))
        self.default_folder = QPushButton(self.tr("&Use the default"))
        self.browse_folder.clicked.connect(self.choose_folder)
        self.default_folder.clicked.connect(lambda: self.set_folder(None))
        self.folder_status = QLabel()
        self.folder_status.setObjectName("folderStatus")
        self.folder_status.setWordWrap(True)
        self.folder_status.setTextFormat(Qt.TextFormat.PlainText)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_folder)
        folder_row.addWidget(self.default_folder)
        folder = QWidget()
        folder_box = QVBoxLayout(folder)
        folder_box.setContentsMargins(0, 0, 0, 0)
        folder_box.addLayout(folder_row)
        folder_box.addWidget(self.folder_status)

        self.auto_snapshots = QCheckBox(self.tr("&Keep a snapshot every day and when the window closes"))
        self.auto_snapshots.setChecked(get_setting("auto_snapshots") is not False)
        schedule = with_note(self.auto_snapshots, self.tr(
            "Of these, one a day is kept for a week, one a week for a month and one a month for a year. Snapshots "
            "taken by hand are kept until you delete them."))

        self.snapshot_now = QPushButton(self.tr("Snapshot no&w"))
        self.snapshot_now.clicked.connect(self.take_snapshot)
        self.snapshot_status = QLabel()
        self.snapshot_status.setObjectName("snapshotStatus")
        self.snapshot_status.setWordWrap(True)
        self.snapshot_status.setTextFormat(Qt.TextFormat.PlainText)
        self.snapshot_status.hide()
        now = QWidget()
        now_box = QVBoxLayout(now)
        now_box.setContentsMargins(0, 0, 0, 0)
        now_box.addWidget(self.snapshot_now, 0, Qt.AlignmentFlag.AlignLeft)
        now_box.addWidget(self.snapshot_status)

        self.backups = QGroupBox(self.tr("Snapshots of your data"))
        form = QFormLayout(self.backups)
        form.addRow(self.tr("&Folder"), folder)
        form.addRow(self.tr("Schedule"), schedule)
        form.addRow(self.tr("By hand"), now)
        self._show_folder()

    # --- loyalty --------------------------------------------------------------------------------
    def edit_loyalty(self) -> QDialog:
        """Tools ▸ Loyalty Programme, over this dialog; it saves its own rules."""
        from smallcrm.gui.loyalty_settings import LoyaltySettingsDialog

        dialog = LoyaltySettingsDialog(self)
        dialog.open()
        return dialog

    # --- backups --------------------------------------------------------------------------------
    def _resolve(self, folder: str | Path) -> Path:
        """A relative folder counts from the database's folder, as the snapshots themselves do."""
        path = Path(folder).expanduser()
        return path if path.is_absolute() or self.db_path is None else self.db_path.parent / path

    def target_folder(self) -> Path | None:
        """Where snapshots go as the dialog stands (None: the database is not known)."""
        if self.chosen_folder is not None:
            return self.chosen_folder
        return self.db_path.parent / backup.DEFAULT_FOLDER if self.db_path is not None else None

    def _folder_message(self, folder: Path, problem: str) -> str:
        if problem == "missing":
            return self.tr("This folder is not there now (a drive not plugged in?). Snapshots cannot be saved "
                           "until it is back.")
        if problem == "not_folder":
            return self.tr("“{name}” is a file, not a folder. Choose a folder.").format(name=folder.name)
        return self.tr("This folder cannot be written to, so snapshots cannot be saved in it. Choose another.")

    def _show_folder(self) -> None:
        target = self.target_folder()
        self.folder.setText(str(target) if target is not None else "")
        self.folder.setCursorPosition(0)
        self.folder.setToolTip(str(target) if target is not None else "")
        self.default_folder.setEnabled(self.chosen_folder is not None)
        if target is None:
            show_problem(self.folder_status, None)
        elif self.chosen_folder is None:
            # made when the first snapshot is taken, so the database's own folder must take it
            problem = folder_problem(target) if target.exists() else folder_problem(target.parent)
            show_problem(self.folder_status, self._folder_message(target, problem) if problem else
                         self.tr("The default: a “backups” folder beside the database."), hint=not problem)
        else:
            problem = folder_problem(target)
            show_problem(self.folder_status, self._folder_message(target, problem) if problem else
                         self.tr("Snapshots can be saved in this folder."), hint=not problem)
        grow_to_fit(self)

    def set_folder(self, folder: Path | None) -> bool:
        """Send snapshots to `folder` (None: the default beside the database). A folder that is not there or
        cannot be written to is refused, with the reason next to the field; the folder before stays."""
        if folder is not None:
            folder = self._resolve(folder)
            if problem := folder_problem(folder):
                self._show_folder()
                if problem == "missing":
                    text = self.tr("“{folder}” is not there. Choose a folder that is.").format(folder=folder)
                elif problem == "not_folder":
                    text = self._folder_message(folder, problem)
                else:
                    text = self.tr("“{folder}” cannot be written to, so snapshots cannot be saved in it. "
                                   "Choose another folder.").format(folder=folder)
                show_problem(self.folder_status, text)
                grow_to_fit(self)
                return False
        self.chosen_folder = folder
        self._show_folder()
        return True

    def choose_folder(self) -> None:
        start = self.target_folder()
        name = QFileDialog.getExistingDirectory(self, self.tr("Where should snapshots go?"),
                                                str(start if start is not None and start.is_dir() else Path.home()))
        if name:
            self.set_folder(Path(name))

    def take_snapshot(self) -> None:
        """A snapshot by hand, now, into the folder shown (saved or not)."""
        if self.db_path is None:
            return
        self.snapshot_now.setEnabled(False)
        show_problem(self.snapshot_status, self.tr("Taking a snapshot…"), hint=True)
        run_in_background(partial(backup.take_snapshot, reason="manual", folder=self.chosen_folder), self.db_path,
                          on_done=self._snapshot_taken, on_error=self._snapshot_failed)

    def _snapshot_taken(self, snapshot) -> None:
        self.snapshot_now.setEnabled(True)
        show_problem(self.snapshot_status, self.tr("Saved “{name}” in {folder}.").format(
            name=snapshot.path.name, folder=snapshot.path.parent), hint=True)
        grow_to_fit(self)

    def _snapshot_failed(self, error: BaseException) -> None:
        if not isinstance(error, SmallCrmError):
            raise error
        self.snapshot_now.setEnabled(True)
        show_problem(self.snapshot_status, self.tr("The snapshot could not be saved: {why}").format(why=error))
        grow_to_fit(self)

    # --- logo -----------------------------------------------------------------------------------
    def _show_logo(self) -> None:
        image = logo_image(self.logo_text)
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo") if not self.logo_text else self.tr("The logo is damaged"))
        else:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap.fromImage(image.scaled(LOGO_PREVIEW.shrunkBy(QMargins(8, 8, 8, 8)) * ratio,
                                                    Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation))
            pixmap.setDevicePixelRatio(ratio)
            self.logo_preview.setPixmap(pixmap)
        self.remove_logo.setEnabled(bool(self.logo_text))

    def _set_logo(self, data: bytes | None) -> None:
        self.logo_text = base64.b64encode(data).decode("ascii") if data else None
        show_problem(self.logo_problem, None)
        self._show_logo()

    def browse_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the logo"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;"
                                                      "All files (*)"))
        if name:
            self.load_logo(Path(name))

    def load_logo(self, path: Path) -> bool:
        """Take the image in `path` as the logo; say next to it why not when it cannot be."""
        try:
            data = logo_from_file(path)
        except InvalidValue as error:
            if error.problem == "too_large":
                text = self.tr("“{name}” is {size}; a logo can be at most 2 MB. Choose a smaller image.").format(
                    name=path.name, size=error.detail)
            else:
                text = self.tr("“{name}” is not a picture smallcrm can read. Choose a PNG or JPEG image.").format(
                    name=path.name)
            show_problem(self.logo_problem, text)
            grow_to_fit(self)
            return False
        except OSError as error:
            show_problem(self.logo_problem, self.tr("“{name}” cannot be read: {reason}.").format(
                name=path.name, reason=error.strerror or str(error)))
            grow_to_fit(self)
            return False
        self._set_logo(data)
        return True

    # --- checking and saving --------------------------------------------------------------------
    def check(self) -> bool:
        try:
            code = money.check_currency(self.currency.text())
        except InvalidValue:
            show_problem(self.currency_problem, self.tr("Give a three-letter currency code such as EUR, GBP or USD."))
            code = None
        else:
            if code != self.saved_currency.strip().upper():
                show_problem(self.currency_problem, self.tr(
                    "Purchases already recorded keep their own currency; figures count those in {code}.").format(
                    code=code), hint=True)
            else:
                show_problem(self.currency_problem, None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(code is not None)
        self._show_sample(code or self.saved_currency)
        grow_to_fit(self)
        return code is not None

    def _show_sample(self, currency: str) -> None:
        code = self.locale.currentData() or system_locale()
        try:
            example = "{money} · {day}".format(money=money.format_money(123456, currency, code),
                                               day=format_date(when.today(), "long", locale=code))
        except (ValueError, LookupError):
            example = ""
        language = self.tr("French") if report_words(language_of(code)) else self.tr("English")
        self.sample.setText(self.tr("Reports print in {language}: {example}").format(language=language, example=example)
                            if example else "")

    def values(self) -> dict[str, object]:
        """What Save stores, by setting key."""
        lines = [line.rstrip() for line in self.address.toPlainText().strip().splitlines()]
        return {
            "business_name": self.name.text().strip(),
            "business_address": "\n".join(lines),
            "business_logo": self.logo_text,
            "paper_size": self.paper.currentData(),
            "locale": self.locale.currentData(),
            "currency": money.check_currency(self.currency.text()),
            "lapsed_days": self.lapsed.value(),
            "default_region": self.region.currentData(),
            "backup_folder": str(self.chosen_folder) if self.chosen_folder is not None else None,
            "auto_snapshots": self.auto_snapshots.isChecked(),
        }

    def accept(self) -> None:
        if not self.check():
            return
        set_settings(self.values())
        super().accept()
