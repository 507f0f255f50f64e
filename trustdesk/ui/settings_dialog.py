"""Settings: the interface language (this laptop), the team's rules (the database), and
Security (encryption at rest and the app lock, see ``security_page``).

The team rules are the numbers the whole team works by: how often each depth of contact is
touched, how many days ahead birthdays are announced, the bottom lines a promise may state
without approval, the visit cadence per lifecycle stage, and the value tiers (what they count,
and the visit cadence and complaint response of each tier). They are typed as text and checked
by ``team_settings``, so a refused value shows the service's own sentence beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.bottom_lines import DEFAULT_LIMITS
from trustdesk.domain.enums import Stage, Tier, TierBasis
from trustdesk.domain.visit_plan import DEFAULT_RHYTHM_DAYS
from trustdesk.errors import ValidationError
from trustdesk.services import team_settings
from trustdesk.services.team_settings import SETTINGS, SettingValue
from trustdesk.ui.forms import ERROR_STYLE, FieldForm
from trustdesk.ui.i18n import current_language, error_text, label, settings
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.security_page import Conversion, SecurityPage

CADENCE = "visit_cadence_days"
RHYTHMS = tuple(f"rhythm_{depth.code}_days" for depth in DEFAULT_RHYTHM_DAYS)
LIMITS = tuple(f"limit_{line.code.replace('-', '_')}" for line in DEFAULT_LIMITS)
REMINDERS = ("reminder_days_ahead", "replacement_notice_days")
TIER_NUMBERS = (
    *(f"tier_{tier.code}_cadence_days" for tier in Tier),
    *(f"tier_{tier.code}_response_hours" for tier in Tier),
)
NUMBERS = (*RHYTHMS, *REMINDERS, *LIMITS, *TIER_NUMBERS)  # typed as text
CHOICES = {"tier_basis": TierBasis}  # picked from a list (SettingSpec.choices)


def save_team_rules(session: Any, values: dict[str, object]) -> dict[str, SettingValue]:
    """Every changed rule in one transaction: one refused value keeps them all unsaved."""
    return {key: team_settings.set_setting(session, key, value) for key, value in values.items()}


class TeamRulesPage(QWidget):
    """The team settings as text fields, grouped; ``changes()`` names what was edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = current_language()
        self.loaded: dict[str, SettingValue] = {}
        self.forms: list[FieldForm] = []
        self.fields: dict[str, QLineEdit] = {}
        self.choices: dict[str, QComboBox] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for title, keys in (
            (self.tr("Contact rhythm by planned depth"), RHYTHMS),
            (self.tr("Reminders"), REMINDERS),
            (self.tr("Bottom lines (beyond them a promise needs approval)"), LIMITS),
            (self.tr("Value tiers (customers with a tier are served by it)"),
             ("tier_basis", *TIER_NUMBERS)),
        ):  # fmt: skip
            form = FieldForm()
            for key in keys:
                spec = SETTINGS[key]
                if key in CHOICES:
                    self.choices[key] = self._choice(form, key, spec.label(lang), CHOICES[key])
                    continue
                unit = spec.unit_zh if lang == "zh" else spec.unit_en
                self.fields[key] = self._field(form, key, spec.label(lang), unit)
            self.forms.append(form)
            column.addWidget(self._box(title, form))
        cadence = FieldForm()
        for stage in Stage:
            self.fields[f"{CADENCE}:{stage.code}"] = self._field(
                cadence, f"{CADENCE}:{stage.code}", label(stage), self.tr("days")
            )
        self.cadence_error = QLabel()
        self.cadence_error.setObjectName(f"error_{CADENCE}")
        self.cadence_error.setStyleSheet(ERROR_STYLE)
        self.cadence_error.setWordWrap(True)
        self.cadence_error.hide()
        cadence.layout_.addRow("", self.cadence_error)
        self.forms.append(cadence)
        column.addWidget(self._box(self.tr("Visit cadence by stage"), cadence))
        self.by = QLabel()
        self.by.setStyleSheet("color: #666;")
        column.addWidget(self.by)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    @staticmethod
    def _box(title: str, form: FieldForm) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(form)
        return box

    @staticmethod
    def _field(form: FieldForm, key: str, caption: str, unit: str) -> QLineEdit:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit()
        edit.setMaximumWidth(120)
        row.addWidget(edit)
        row.addWidget(QLabel(unit))
        row.addStretch(1)
        form.add(key, caption, holder)
        edit.setObjectName(f"setting_{key}")
        return edit

    @staticmethod
    def _choice(form: FieldForm, key: str, caption: str, enum: type[TierBasis]) -> QComboBox:
        combo = QComboBox()
        for member in enum:
            combo.addItem(label(member), member.code)
        form.add(key, caption, combo)
        combo.setObjectName(f"setting_{key}")
        return combo

    def show_values(self, values: dict[str, SettingValue]) -> None:
        self.loaded = values
        for key, value in values.items():
            if isinstance(value, dict):
                for stage, days in value.items():
                    edit = self.fields.get(f"{key}:{stage.code}")
                    if edit is not None:
                        edit.setText(str(days))
            elif key in self.fields:
                self.fields[key].setText(str(value))
            elif key in self.choices:
                combo = self.choices[key]
                combo.setCurrentIndex(max(combo.findData(value), 0))

    def changes(self) -> dict[str, object]:
        """The rules whose text differs from what was loaded (the cadence as one mapping)."""
        out: dict[str, object] = {}
        for key in NUMBERS:
            text = self.fields[key].text().strip()
            if text != str(self.loaded.get(key, "")):
                out[key] = text
        for key, combo in self.choices.items():
            if combo.currentData() != self.loaded.get(key):
                out[key] = combo.currentData()
        loaded = self.loaded.get(CADENCE, {})
        assert isinstance(loaded, dict)
        cadence = {}
        for stage in Stage:
            text = self.fields[f"{CADENCE}:{stage.code}"].text().strip()
            if text != str(loaded.get(stage, "")):
                cadence[stage.code] = text
        if cadence:
            out[CADENCE] = cadence
        return out

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()
        self.cadence_error.hide()

    def show_error(self, field: str | None, message: str) -> None:
        if field == CADENCE:
            self.cadence_error.setText(message)
            self.cadence_error.show()
            return
        for form in self.forms:
            if form.show_error(field, message):
                form.editors[str(field)].setFocus()
                return
        self.forms[0].show_error(RHYTHMS[0], message)


class SettingsDialog(QDialog):
    """General (language) and, given the window's ``ops``, the Team rules and Security
    pages. ``conversion`` holds encryption turned on or off when Security asked for it (the
    dialog then closes and the window hands it to the app)."""

    def __init__(self, parent: QWidget | None = None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.conversion: Conversion | None = None
        self.security: SecurityPage | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        current = str(settings().value("language", "system"))
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        general_form = QFormLayout(general)
        general_form.addRow(self.tr("Language"), self.language)
        self.team: TeamRulesPage | None = None
        layout = QVBoxLayout(self)
        if ops is None:
            layout.addWidget(general)
        else:
            self.resize(560, 640)
            self.team = TeamRulesPage()
            self.team.setEnabled(False)  # until the rules are read
            self.tabs = QTabWidget()
            self.tabs.addTab(general, self.tr("General"))
            self.tabs.addTab(self.team, self.tr("Team rules"))
            self.security = SecurityPage(ops)
            self.security.conversionRequested.connect(self._on_conversion)
            self.tabs.addTab(self.security, self.tr("Security"))
            layout.addWidget(self.tabs, 1)
            ops.read(team_settings.get_settings).success(self._show_rules).run(self, key="load")
        layout.addWidget(buttons)

    def _show_rules(self, values: dict[str, SettingValue]) -> None:
        assert self.team is not None and self.ops is not None
        self.team.show_values(values)
        self.team.setEnabled(not self.ops.store.read_only)

    def accept(self) -> None:
        """Write the changed team rules first; the dialog closes only once they are saved."""
        team, ops = self.team, self.ops
        changes = team.changes() if team is not None and team.isEnabled() else {}
        if team is None or ops is None or not changes:
            self._done()
            return
        team.clear_errors()
        self.setEnabled(False)
        ops.write(save_team_rules, changes).success(lambda _saved: self._done()).failure(
            self._refused
        ).run(self)

    def _refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        mistake = users_mistake(error)
        assert self.team is not None and self.ops is not None
        if mistake is None:
            self.ops.report_failure(error)
            return
        self.tabs.setCurrentWidget(self.team)
        field = mistake.field if isinstance(mistake, ValidationError) else None
        self.team.show_error(field, error_text(mistake))

    def _on_conversion(self, conversion: Conversion) -> None:
        """Encryption on or off: the database must close, so Settings closes (saved)."""
        self.conversion = conversion
        self.accept()

    def _done(self) -> None:
        settings().setValue("language", self.language.currentData())
        if self.security is not None:
            self.security.save()
        super().accept()
