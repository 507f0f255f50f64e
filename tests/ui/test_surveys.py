"""Surveys in the GUI (SUR-1..SUR-5): the form filled with the keyboard, a low score turning into
a follow-up task shown on the account and in the Surveys section, the charts' data, and the
template editor's new version."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog

from trustdesk.services import survey_templates, surveys
from trustdesk.ui.surveys.form import SurveyDialog, survey_setup
from trustdesk.ui.surveys.section import SurveysSection
from trustdesk.ui.surveys.tab import SurveysTab
from trustdesk.ui.surveys.templates import TemplateEditDialog, TemplatesDialog

from .helpers import settle, when_modal


def seed_000(store):
    return next(
        t
        for t in store.read(survey_templates.list_templates)
        if any(q.key == "overall" for q in t.questions)
    )


def _dialog(qtbot, ops, store, account_id, **kw):
    setup = store.read(survey_setup, account_id)
    dialog = SurveyDialog(ops, setup, template_id=seed_000(store).id, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _type(qtbot, dialog, keys):
    """Send each key to whatever has the focus, like a user typing."""
    for key in keys:
        target = dialog.focusWidget()
        assert target is not None
        if key == "Tab":
            qtbot.keyClick(target, Qt.Key.Key_Tab)
        else:
            qtbot.keyClicks(target, key)


# QTest warns when a key press goes on to the dialog (Ctrl+S) rather than the focus widget.
@pytest.mark.qt_log_ignore("Keyboard event not accepted by receiving widget")
def test_seed_000_filled_with_the_keyboard_saves_every_answer(qtbot, ops, store, huake, english):
    dialog = _dialog(qtbot, ops, store, huake.id)
    form = dialog.form
    assert dialog.focusWidget() is form.score_input("overall")
    asked = lambda key: not form.blocks[key].isHidden()  # noqa: E731
    _type(qtbot, dialog, ["5"])
    assert form.score_input("overall").band.text() == "Excellent"
    assert not asked("overall_to_5")  # "what would make it a 5?" only below 5
    _type(qtbot, dialog, ["Tab", "4"])
    assert asked("buy_again_to_5")
    assert form.score_input("buy_again").band.text() == "Satisfied but at risk"
    _type(qtbot, dialog, ["Tab", "Faster delivery", "Tab", "5", "Tab", "More visits"])
    assert not asked("recommend_to_5")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = store.read(surveys.list_responses, huake.id)
    assert len(saved) == 1
    given = {a.key: (a.score, a.value) for a in saved[0].answers}
    assert given == {
        "overall": (5, ""),
        "buy_again": (4, ""),
        "buy_again_to_5": (None, "Faster delivery"),
        "recommend": (5, ""),
        "better": (None, "More visits"),
    }
    assert saved[0].follow_ups == 0 and store.read(surveys.follow_ups) == []


def test_a_refusal_shows_in_the_dialog_and_keeps_the_answers(qtbot, ops, store, huake, english):
    dialog = _dialog(qtbot, ops, store, huake.id)
    dialog.competitor.setText("bad\x07name")  # a control character: refused by the service
    dialog.form.score_input("overall").set_score(3)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.isEnabled() and bool(dialog.head.error_text("competitor")))
    assert dialog.isVisible() and dialog.form.score_input("overall").score == 3
    assert store.read(surveys.list_responses, huake.id) == []


@pytest.mark.qt_log_ignore("Keyboard event not accepted by receiving widget")
def test_a_score_of_2_makes_one_follow_up_shown_in_the_tab_and_section(qtbot, window, store, huake):
    window.open_account(huake.id)
    tab = window.workspace.tab(SurveysTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)

    def fill(dialog):
        assert isinstance(dialog, SurveyDialog)
        form = dialog.form
        form.setFocus()
        form.score_input("overall").setFocus()
        _type(qtbot, dialog, ["2", "Tab", "Answer the phone", "Tab", "5", "Tab", "5"])
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    done = when_modal(qtbot, fill)
    tab.fill()
    qtbot.waitUntil(lambda: bool(done) and not done[0].isVisible(), timeout=5000)
    settle(window)
    assert "1 follow-up task was created" in window.statusBar().currentMessage()
    tasks = store.read(surveys.follow_ups)
    assert [(t.score, t.comment) for t in tasks] == [(2, "Answer the phone")]
    assert tab.tasks.rowCount() == 1 and tab.tasks.rows[0].cells[2] == "2"
    assert tab.responses.rowCount() == 1

    window.nav.setCurrentItem(window.surveys_item)
    section = window.surveys
    assert isinstance(section, SurveysSection)
    settle(window)
    assert [r.payload.id for r in section.follow_ups.rows] == [tasks[0].id]
    assert section.follow_ups.rows[0].cells[4] == "Answer the phone"

    # Done with an outcome: gone from both lists.
    def outcome(dialog):
        dialog.outcome.setPlainText("Called them back")
        dialog.accept()

    section.tables["follow_ups"].setCurrentIndex(section.follow_ups.index(0, 0))
    when_modal(qtbot, outcome)
    section.mark_done()
    settle(window)
    assert section.follow_ups.rowCount() == 0
    assert store.read(surveys.follow_ups, open_only=False)[0].outcome == "Called them back"


@pytest.fixture
def history(store, huake):
    """Three surveys of 华科 on seed 000 (hand-made): 5/5/4 in January, 4/4/4 in March, and
    2/5/5 in May 2026."""
    template = seed_000(store)
    for day, (a, b, c) in (
        ("2026-01-10 10:00", (5, 5, 4)),
        ("2026-03-10 10:00", (4, 4, 4)),
        ("2026-05-10 10:00", (2, 5, 5)),
    ):
        store.write(
            surveys.fill_survey,
            huake.id,
            template.id,
            {"overall": a, "buy_again": b, "recommend": c},
            taken_at=day,
        )
    return huake


def test_the_trend_chart_holds_the_customers_scores(qtbot, window, store, history, tmp_path):
    window.open_account(history.id)
    tab = window.workspace.tab(SurveysTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)
    chart = tab.trend_chart()
    by_question = {
        name: [(datetime.fromtimestamp(p.x).date().isoformat(), p.y) for p in points]
        for name, points in _group(chart.points).items()
    }
    overall, buy_again, recommend = (q.text("en") for q in seed_000(store).questions[::2][:3])
    assert by_question == {
        overall: [("2026-01-10", 5), ("2026-03-10", 4), ("2026-05-10", 2)],
        buy_again: [("2026-01-10", 5), ("2026-03-10", 4), ("2026-05-10", 5)],
        recommend: [("2026-01-10", 4), ("2026-03-10", 4), ("2026-05-10", 5)],
    }
    assert "2026-05-10" in chart.points[2].label and "2 (1 answer)" in chart.points[2].label
    # Hovering the last point of the first line names its day, question and score.
    chart.resize(700, 400)
    qtbot.wait(50)
    view = chart.plot.getPlotItem().getViewBox()
    last = chart.points[2]
    assert chart.point_near(view.mapViewToScene(QPointF(last.x, last.y))) == last
    png = tmp_path / "trend.png"
    assert chart.save_png(png) and png.stat().st_size > 5000


def _group(points):
    out: dict[str, list] = {}
    for p in points:
        out.setdefault(p.series, []).append(p)
    return out


def test_the_portfolio_charts_hold_the_index_and_distribution(qtbot, window, store, history):
    window.nav.setCurrentItem(window.surveys_item)
    settle(window)
    section = window.surveys
    index = {
        datetime.fromtimestamp(p.x).strftime("%Y-%m"): (round(p.y, 1), p.count)
        for p in section.index_chart.points
    }
    # share of 5s − share of 1–3s: January 2 of 3 fives; March none; May 2 fives, 1 two.
    assert index == {"2026-01": (66.7, 3), "2026-03": (0.0, 3), "2026-05": (33.3, 3)}
    assert "share of scores of 5" in section.index_chart.toolTip()
    question = seed_000(store).questions[0].text("en")
    overall = [p for p in section.distribution_chart.points if p.series == question]
    assert [p.count for p in overall] == [0, 1, 0, 1, 1]  # one 2, one 4, one 5
    assert section.competitor_chart.points == []


def test_the_template_editor_saves_a_new_version_and_old_answers_keep_their_text(
    qtbot, ops, store, huake, english
):
    old = seed_000(store)
    scores = {"overall": 5, "buy_again": 5, "recommend": 5}
    response = store.write(surveys.fill_survey, huake.id, old.id, scores)
    templates = TemplatesDialog(ops)
    qtbot.addWidget(templates)
    qtbot.waitUntil(lambda: templates.list.count() >= 2)
    editor = TemplateEditDialog(ops, old)
    qtbot.addWidget(editor)
    assert "version 2" in editor.version_note.text()
    editor.list.setCurrentRow(0)
    editor.text_en.setText("Overall, how did we do?")
    editor.list.setCurrentRow(1)
    editor.move_question(1)  # order: the follow-up after "buy again" now
    with qtbot.waitSignal(editor.accepted, timeout=5000):
        editor.accept()
    new = editor.saved
    assert new.version == 2 and new.family == old.family
    assert new.questions[0].text_en == "Overall, how did we do?"
    assert [q.key for q in new.questions][:3] == ["overall", "buy_again", "overall_to_5"]
    kept = store.read(surveys.get_response, response.id)
    assert kept.template_id == old.id
    assert kept.answers[0].text_en == old.questions[0].text_en != "Overall, how did we do?"
    shown = lambda: [templates.list.item(i).text() for i in range(templates.list.count())]  # noqa: E731
    qtbot.waitUntil(lambda: any("version 2" in text for text in shown()))
    assert len(shown()) == 2  # the current version of each template
    assert templates.result() != QDialog.DialogCode.Accepted


def test_a_low_score_in_the_tab_opens_a_complaint_that_keeps_the_answer(
    qtbot, window, store, huake
):
    from trustdesk.services import complaints

    template = seed_000(store)
    store.write(
        surveys.fill_survey,
        huake.id,
        template.id,
        {"overall": 2, "overall_to_5": "交货太慢", "buy_again": 5, "recommend": 5},
    )
    [task] = store.read(surveys.follow_ups, account_id=huake.id)
    window.open_account(huake.id)
    tab = window.workspace.tab(SurveysTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)

    def confirm(dialog):
        assert "交货太慢" in dialog.description.toPlainText()
        dialog.accept()

    when_modal(qtbot, confirm)
    tab.complaint_button.click()
    settle(window)
    [made] = store.read(complaints.list_complaints, account_id=huake.id)
    assert made.survey_answer_id == task.answer_id and "交货太慢" in made.description
