"""What can be done to a complaint, wherever it is listed (the section and the account tab):
respond, resolve, link to an improvement, record the good service delivered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from trustdesk.services import improvements
from trustdesk.services.records import ComplaintData, ImprovementData
from trustdesk.ui.complaints.dialog import open_resolve, open_respond
from trustdesk.ui.complaints.feedback import (
    LinkImprovementDialog,
    ServiceRecordDialog,
    service_from_complaint,
)
from trustdesk.ui.ops import Ops

Say = Callable[[str], None]
Act = Callable[[QWidget, Ops, ComplaintData, Say], object]


def respond(owner: QWidget, ops: Ops, complaint: ComplaintData, say: Say) -> None:
    open_respond(
        owner,
        ops,
        complaint,
        lambda c: say(
            QCoreApplication.translate("ComplaintActions", "Response to {0} recorded.").format(
                c.account_name
            )
        ),
    )


def resolve(owner: QWidget, ops: Ops, complaint: ComplaintData, say: Say) -> None:
    open_resolve(
        owner,
        ops,
        complaint,
        lambda c: say(
            QCoreApplication.translate("ComplaintActions", "Complaint of {0} resolved.").format(
                c.account_name
            )
        ),
    )


def link_improvement(owner: QWidget, ops: Ops, complaint: ComplaintData, say: Say) -> None:
    """Pick an open improvement (or start one) that answers this complaint."""

    def show(actions: list[ImprovementData]) -> None:
        dialog = LinkImprovementDialog(ops, complaint, actions, owner)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            say(
                QCoreApplication.translate(
                    "ComplaintActions", "Linked to the improvement: {0}"
                ).format(dialog.saved.what)
            )

    ops.read(improvements.list_actions, open_only=True).success(show).run(owner)


def record_service(owner: QWidget, ops: Ops, complaint: ComplaintData, say: Say) -> None:
    """TCH-2 from a resolved complaint: what was put right, on the day it was."""
    resolved = complaint.resolved_at.astimezone().date() if complaint.resolved_at else None
    dialog = ServiceRecordDialog(
        ops,
        complaint.account_id,
        complaint.account_name,
        owner,
        what=service_from_complaint(complaint),
        complaint_id=complaint.id,
        day=resolved,
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        say(
            QCoreApplication.translate("ComplaintActions", "Service recorded for {0}.").format(
                complaint.account_name
            )
        )


def next_step(owner: QWidget, ops: Ops, complaint: ComplaintData, say: Say) -> bool:
    """Enter on a complaint: respond if nobody has, else resolve; False once it is resolved."""
    if complaint.resolved_at is not None:
        return False
    if complaint.first_response_at is None:
        respond(owner, ops, complaint, say)
    else:
        resolve(owner, ops, complaint, say)
    return True


def complaint_menu(
    owner: QWidget,
    ops: Ops,
    complaint: ComplaintData,
    say: Say,
    open_customer: Callable[[], None] | None = None,
) -> QMenu:
    menu = QMenu(owner)
    writable = not ops.store.read_only
    if open_customer is not None:
        menu.addAction(
            QCoreApplication.translate("ComplaintActions", "Open customer"), open_customer
        )
    entries: list[tuple[str, Act, bool]] = [
        (
            QCoreApplication.translate("ComplaintActions", "Respond with an apology…"),
            respond,
            complaint.resolved_at is None,
        ),
        (
            QCoreApplication.translate("ComplaintActions", "Resolve…"),
            resolve,
            complaint.resolved_at is None,
        ),
        (
            QCoreApplication.translate("ComplaintActions", "Link to an improvement…"),
            link_improvement,
            True,
        ),
        (
            QCoreApplication.translate("ComplaintActions", "Record the good service delivered…"),
            record_service,
            complaint.resolved_at is not None,
        ),
    ]
    for text, act, allowed in entries:

        def run(a: Act = act) -> None:
            a(owner, ops, complaint, say)

        action = menu.addAction(text, run)
        action.setEnabled(writable and allowed)
    return menu
