"""``trustdesk survey …``: survey templates (SUR-1), filling one in (SUR-5), the follow-up
tasks of low scores (SUR-2), the survey plan (SUR-3), results (SUR-4) and the blank form to
print (SUR-5)."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    colon,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    when,
    whole_number,
)
from trustdesk.cli.values import day, moment, word
from trustdesk.domain.enums import QuestionKind, SurveyCycle
from trustdesk.domain.surveys import INDEX_FORMULA_EN, INDEX_FORMULA_ZH
from trustdesk.errors import TrustDeskError
from trustdesk.services import survey_plan, survey_results, survey_templates, surveys
from trustdesk.services.records import (
    FollowUpData,
    QuestionData,
    SurveyPlanRow,
    SurveyResults,
    TemplateData,
)

# The words that give a customer back the team's default cycle.
DEFAULT_WORDS = frozenset({"default", "默认", "none"})


# --- text laid out in columns (a Chinese character takes two) ------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (with "…") and padded to it."""
    text = one_line(text)
    if _width(text) > width:
        out, used = "", 0
        for ch in text:
            w = _width(ch)
            if used + w > width - 1:
                break
            out, used = out + ch, used + w
        text = out + "…"
    return text + " " * (width - _width(text))


# --- templates ---------------------------------------------------------------------------


def _question_line(
    args: argparse.Namespace, number: int, q: QuestionData, questions: list[QuestionData]
) -> str:
    lang = args.lang
    extra = ""
    if q.follows:
        parent = next((n for n, p in enumerate(questions, start=1) if p.key == q.follows), "?")
        extra = say(
            args,
            f"  (if question {parent} is below {q.show_below})",
            f"（第 {parent} 题低于 {q.show_below} 分时）",
        )
    choices = ""
    if q.kind is QuestionKind.CHOICE:
        choices = "  [" + " / ".join(one_line(c) for c in q.choice_labels(lang)) + "]"
    required = " *" if q.required else ""
    return (
        f"  {number}. {q.key}  ({q.kind.label(lang)}){required}  "
        f"{one_line(q.text(lang))}{choices}{extra}"
    )


def _template_lines(args: argparse.Namespace, t: TemplateData) -> list[str]:
    builtin = say(args, ", built in", "，内置") if t.builtin else ""
    head = say(
        args,
        f"{t.id}  {one_line(t.title('en'))}  (version {t.version}{builtin}; "
        f"{t.responses} filled in)",
        f"{t.id}  {one_line(t.title('zh'))}（第 {t.version} 版{builtin}；已填 {t.responses} 份）",
    )
    questions = list(t.questions)
    return [head, *(_question_line(args, n, q, questions) for n, q in enumerate(questions, 1))]


def cmd_templates(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(survey_templates.list_templates, all_versions=args.all_versions)

    def lines() -> list[str]:
        out: list[str] = []
        for t in found:
            out.extend(_template_lines(args, t))
        if found:
            out.append(say(args, "* required", "* 必答"))
        return out or [say(args, "No survey templates.", "没有调查模板。")]

    emit(args, found, lines)
    return 0


# --- filling in ------------------------------------------------------------------------------


def answer_pair(text: str) -> tuple[str, str]:
    """An argparse ``type`` for ``--answer``: ``QID=VALUE`` (the question's key or id)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"write an answer as QUESTION=VALUE (like overall=4), not {text!r}"
        )
    return name.strip(), value


def cmd_fill(args: argparse.Namespace) -> int:
    answers: dict[str, str] = {}
    for name, value in args.answer:
        if name in answers:
            raise TrustDeskError(
                f"Question {name} is answered twice; give each answer once.",
                zh=f"问题 {name} 回答了两次，每个问题只能回答一次。",
            )
        answers[name] = value
    with opened(args) as store:
        response = store.write(
            surveys.fill_survey,
            args.account,
            args.template,
            answers,
            contact_id=args.contact,
            visit_id=args.visit,
            taken_at=args.at,
            competitor=args.competitor or "",
        )

    def lines() -> list[str]:
        name = one_line(response.account_name)
        about = one_line(response.competitor)
        if about:
            head = say(
                args,
                f"Saved the survey of {name} about {about} (id {response.id}).",
                f"已保存 {name} 关于 {about} 的调查（编号 {response.id}）。",
            )
        else:
            head = say(
                args,
                f"Saved the survey of {name} (id {response.id}).",
                f"已保存 {name} 的调查（编号 {response.id}）。",
            )
        out = [head]
        for a in response.answers:
            shown = str(a.score) if a.score is not None else a.value
            if a.kind is QuestionKind.CHOICE and "|" in shown:
                zh, _, en = shown.partition("|")
                shown = zh if args.lang == "zh" else en
            band = f"  ({a.band.label(args.lang)})" if a.band is not None else ""
            question = a.text_zh if args.lang == "zh" else a.text_en
            out.append(f"  {_fit(question or a.key, 40)}  {one_line(shown)}{band}")
        if response.follow_ups:
            n = response.follow_ups
            out.append(
                say(
                    args,
                    f"{n} follow-up task{'s' if n > 1 else ''} created for the scores of 1–3 "
                    "('trustdesk survey followups').",
                    f"已为 1–3 分的回答创建 {n} 个跟进任务（trustdesk survey followups）。",
                )
            )
        return out

    emit(args, response, lines)
    return 0


# --- results -------------------------------------------------------------------------------


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _index(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _result_lines(args: argparse.Namespace, res: SurveyResults, title: str) -> list[str]:
    lang = args.lang
    if not res.questions:
        return [title, say(args, "No survey answers in this period.", "该期间没有调查回答。")]
    out = [title, ""]
    head_q = say(args, "Question", "问题")
    out.append(
        f"{_fit(head_q, 44)} {_fit(say(args, 'Count', '份数'), 6)} "
        f"{_fit(say(args, 'Mean', '平均'), 5)}     1     2     3     4     5"
    )
    for q in res.questions:
        text = q.text(lang)
        if q.kind is QuestionKind.SCALE:
            dist = "".join(f"{n:6d}" for n in q.distribution)
            out.append(f"{_fit(text, 44)} {q.count:6d} {_mean(q.mean):>5}{dist}")
        elif q.values:
            shown = []
            for value, n in q.values:
                label = value
                if value in ("yes", "no"):
                    label = {"yes": ("是", "yes"), "no": ("否", "no")}[value][lang != "zh"]
                elif "|" in value:
                    zh, _, en = value.partition("|")
                    label = zh if lang == "zh" else en
                shown.append(f"{one_line(label)} {n}")
            out.append(f"{_fit(text, 44)} {q.count:6d}  " + ", ".join(shown))
        else:
            out.append(f"{_fit(text, 44)} {q.count:6d}")
    if res.months:
        out += ["", say(args, "Satisfaction index by month", "每月满意度指数")]
        out.append(say(args, INDEX_FORMULA_EN, INDEX_FORMULA_ZH))
        out.append(
            f"{_fit(say(args, 'Month', '月份'), 8)} {_fit(say(args, 'Scores', '评分数'), 7)} "
            f"{_fit(say(args, '5s', '5分'), 5)} {_fit(say(args, '1–3', '1–3分'), 5)} "
            + say(args, "Index", "指数")
        )
        for m in res.months:
            out.append(
                f"{m.month:8} {m.scores:7d} {m.excellent:5d} {m.dissatisfied:5d} "
                f"{_index(m.index):>6}"
            )
    out += ["", say(args, "Index over the period: ", "期间满意度指数：") + _index(res.index)]
    if res.competitors:
        out += ["", say(args, "Compared with competitors (mean score)", "与竞争对手比较（平均分）")]
        for c in res.competitors:
            who = one_line(c.competitor) if c.competitor else say(args, "us", "我们")
            out.append(f"  {_fit(c.text(lang), 40)}  {_fit(who, 16)} {c.mean:5.2f}  ({c.count})")
    return out


def cmd_results(args: argparse.Namespace) -> int:
    if args.start is not None and args.end is not None and args.start > args.end:
        raise TrustDeskError(
            f"--from ({args.start}) is after --to ({args.end}).",
            zh=f"--from（{args.start}）晚于 --to（{args.end}）。",
        )
    with opened(args) as store:
        name = ""
        if args.account is not None:
            from trustdesk.services import accounts

            name = store.read(accounts.get_account, args.account).name  # unknown id refused
        res = store.read(
            survey_results.survey_results,
            account_id=args.account,
            start=args.start,
            end=args.end,
        )
    period = ""
    if args.start or args.end:
        period = f"  {args.start or '…'} – {args.end or '…'}"
    title = (
        say(args, "Survey results: ", "调查结果：")
        + (one_line(name) if name else say(args, "all customers", "全部客户"))
        + period
    )
    emit(args, res, lambda: _result_lines(args, res, title))
    return 0


# --- the plan and the follow-up tasks ------------------------------------------------------


def _plan_line(args: argparse.Namespace, r: SurveyPlanRow) -> str:
    last = when(r.last_survey_at) if r.last_survey_at else say(args, "never", "从未")
    state = (
        say(args, f"{r.days_overdue} days overdue", f"逾期 {r.days_overdue} 天")
        if r.days_overdue
        else say(args, "due", "到期")
    )
    return f"  {r.account_id}  {one_line(r.account_name)}  " + say(
        args,
        f"last survey {last}  next due {r.next_survey_due}  ({state})",
        f"上次调查 {last}  下次应调查 {r.next_survey_due}（{state}）",
    )


def _follow_up_line(args: argparse.Namespace, f: FollowUpData) -> str:
    question = f.question_zh if args.lang == "zh" else f.question_en
    state = ""
    if f.done_at is not None:
        state = say(args, f"  done {when(f.done_at)}", f"  已于 {when(f.done_at)} 完成")
        if f.outcome:
            state += f" “{one_line(f.outcome)}”"
    elif f.overdue:
        state = say(args, "  OVERDUE", "  已逾期")
    said = f"  “{one_line(f.comment)}”" if f.comment else ""
    return (
        f"  {f.id}  {f.due}  {one_line(f.account_name)}  "
        + say(args, f"scored {f.score}: ", f"{f.score} 分：")
        + f"{_fit(question, 36).rstrip()}{said}{state}"
    )


def cmd_due(args: argparse.Namespace) -> int:
    with opened(args) as store:
        overdue = store.read(survey_plan.overdue_surveys, limit=args.limit)
        soon = store.read(survey_plan.due_surveys, days=args.days, limit=args.limit)
        tasks = store.read(surveys.follow_ups, limit=args.limit)
    data = {"overdue": overdue, "due_soon": soon, "follow_ups": tasks}

    def lines() -> list[str]:
        out = [say(args, f"Overdue surveys ({len(overdue)})", f"逾期未做的调查（{len(overdue)}）")]
        out += [_plan_line(args, r) for r in overdue] or [say(args, "  none", "  无")]
        out.append(
            say(args, f"Due in the next {args.days} days ({len(soon)})",
                f"未来 {args.days} 天内到期（{len(soon)}）")
        )  # fmt: skip
        out += [_plan_line(args, r) for r in soon] or [say(args, "  none", "  无")]
        out.append(
            say(args, f"Open follow-up tasks ({len(tasks)})", f"未完成的跟进任务（{len(tasks)}）")
        )
        out += [_follow_up_line(args, f) for f in tasks] or [say(args, "  none", "  无")]
        return out

    emit(args, data, lines)
    return 0


def cmd_followups(args: argparse.Namespace) -> int:
    with opened(args) as store:
        if args.account is not None:
            from trustdesk.services import accounts

            store.read(accounts.get_account, args.account)  # an unknown id is refused
        tasks = store.read(
            surveys.follow_ups,
            account_id=args.account,
            open_only=not args.all,
            limit=args.limit,
        )

    def lines() -> list[str]:
        empty = say(args, "No open follow-up tasks.", "没有未完成的跟进任务。")
        if args.all:
            empty = say(args, "No follow-up tasks.", "没有跟进任务。")
        return [_follow_up_line(args, f).strip() for f in tasks] or [empty]

    emit(args, tasks, lines)
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    with opened(args) as store:
        task = store.write(surveys.complete_follow_up, args.id, args.outcome or "")
    emit(
        args,
        task,
        lambda: [say(args, f"Follow-up task done ({one_line(task.account_name)}).",
                     f"跟进任务已完成（{one_line(task.account_name)}）。")],
    )  # fmt: skip
    return 0


def cmd_cycle(args: argparse.Namespace) -> int:
    text = args.cycle.strip()
    cycle = None if text.lower() in DEFAULT_WORDS else word(SurveyCycle, text, "survey_cycle")
    with opened(args) as store:
        row = store.write(surveys.set_survey_cycle, args.account, cycle)

    def lines() -> list[str]:
        lang = args.lang
        if cycle is None:
            what = say(
                args,
                f"the team's default (every {row.cycle_months} months)",
                f"团队默认（每 {row.cycle_months} 个月）",
            )
        else:
            what = cycle.label(lang)
        due = str(row.next_survey_due) if row.next_survey_due else "—"
        return [
            say(args, f"Survey cycle of {one_line(row.account_name)}{colon(lang)}{what}; "
                f"next survey due {due}.",
                f"{one_line(row.account_name)} 的调查周期{colon(lang)}{what}；下次应调查 {due}。")
        ]  # fmt: skip

    emit(args, row, lines)
    return 0


# --- the blank form ------------------------------------------------------------------------


def cmd_form(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser().absolute()
    if out.suffix.lower() != ".pdf":
        raise TrustDeskError(
            f"The blank form is a PDF: name the file …/{out.stem}.pdf.",
            zh=f"空白调查表为 PDF 文件，请把文件命名为 …/{out.stem}.pdf。",
        )
    if not out.parent.is_dir():
        raise TrustDeskError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在，请先创建。",
        )
    with opened(args) as store:
        template = store.read(survey_templates.get_template, args.template)
    from trustdesk.reports.survey_form import write_form

    pages = write_form(template, out, lang=args.lang)
    title_en, title_zh = one_line(template.title("en")), one_line(template.title("zh"))
    emit(
        args,
        {"template_id": template.id, "out": str(out), "pages": pages},
        lambda: [say(args, f"Wrote the blank form “{title_en}” to {out} "
                     f"({pages} page{'s' if pages > 1 else ''}).",
                     f"已将空白调查表“{title_zh}”写入 {out}（{pages} 页）。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    sur = noun(sub, "survey", "satisfaction surveys: templates, filling in, results, the plan")

    p = command(
        sur, "templates", cmd_templates, "the survey templates and their questions",
        json_output=True,
    )  # fmt: skip
    p.add_argument(
        "--all-versions", action="store_true", help="also the older versions of edited templates"
    )

    p = command(sur, "fill", cmd_fill, "save a filled-in survey", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--contact", metavar="ID", help="the person who answered")
    p.add_argument("--visit", metavar="ID", help="the visit where it was filled in")
    p.add_argument("--template", required=True, metavar="ID", help="see 'survey templates'")
    p.add_argument(
        "--answer", required=True, action="append", type=answer_pair, metavar="QID=VALUE",
        help="an answer: the question's key or id, '=', the answer (a score 1–5, yes/no, a "
        "choice's number or label, a date, text); repeat for each question",
    )  # fmt: skip
    p.add_argument(
        "--at", type=moment, metavar="DATETIME",
        help="when it was filled in, like '2026-11-23 14:30' (default: now)",
    )  # fmt: skip
    p.add_argument(
        "--competitor", metavar="NAME",
        help="the answers are about this competitor, not us (no follow-up tasks)",
    )  # fmt: skip

    p = command(
        sur, "results", cmd_results,
        "per question: count, mean and the number of each score; the index by month",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--account", metavar="ID", help="one customer (default: all)")
    p.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day (included)")
    p.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day (included)")

    p = command(
        sur, "due", cmd_due,
        "overdue surveys, surveys due soon and the open follow-up tasks",
        json_output=True,
    )  # fmt: skip
    p.add_argument(
        "--days", type=whole_number(0, 3660), default=30, metavar="N",
        help="look this many days ahead (default 30)",
    )  # fmt: skip
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(
        sur, "followups", cmd_followups,
        "follow-up tasks of scores of 1–3, the most urgent first",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--account", metavar="ID")
    p.add_argument("--all", action="store_true", help="also the tasks done")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(sur, "done", cmd_done, "mark a follow-up task as done", json_output=True)
    p.add_argument("id", metavar="FOLLOWUP_ID")
    p.add_argument("--outcome", metavar="TEXT", help="what was done about it")

    p = command(
        sur, "cycle", cmd_cycle,
        "how often a customer is surveyed: monthly, quarterly, yearly, or default (the team's)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument(
        "cycle", metavar="CYCLE",
        help="monthly, quarterly, yearly or default (or in Chinese: 每月, 每季度, 每年, 默认)",
    )  # fmt: skip

    p = command(
        sur, "form", cmd_form, "the blank form as a PDF, to fill in on paper", json_output=True
    )
    p.add_argument("--template", required=True, metavar="ID", help="see 'survey templates'")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the file to write")


__all__ = ["answer_pair", "register"]
