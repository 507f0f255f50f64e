"""``trustdesk answers …``: the library of standard answers (VIS-5, 标准回答): the approved
words for price, complaint, competitor and product questions."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import SubParsers, command, emit, noun, one_line, opened, printable, say
from trustdesk.cli.values import maybe_word, one_of, word
from trustdesk.domain.enums import AnswerCategory
from trustdesk.services import answers
from trustdesk.services.records import AnswerData


def _lines(args: argparse.Namespace, a: AnswerData) -> list[str]:
    head = f"{a.id}  [{a.category.label(args.lang)}]  {one_line(a.question)}"
    body = ["    " + line for line in printable(a.answer).splitlines()]
    tags = ["    " + say(args, "tags: ", "标签：") + one_line(a.tags)] if a.tags else []
    return [head, *body, *tags]


def cmd_list(args: argparse.Namespace) -> int:
    category = maybe_word(AnswerCategory, args.category, "category")
    with opened(args) as store:
        found = store.read(
            answers.list_answers, search=args.search or "", category=category, lang=args.lang
        )
    emit(
        args,
        found,
        lambda: (
            [line for a in found for line in _lines(args, a)]
            or [say(args, "No answer matches.", "没有匹配的回答。")]
        ),
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    category = word(AnswerCategory, args.category, "category")
    with opened(args) as store:
        answer = store.write(
            answers.add_answer,
            category,
            args.question,
            args.answer,
            tags=args.tags or "",
            lang=args.written_in or "",
        )
    emit(
        args,
        answer,
        lambda: [say(args, f"Added the answer (id {answer.id}).",
                     f"已添加标准回答（编号 {answer.id}）。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    ans = noun(sub, "answers", "the library of standard answers")

    p = command(
        ans, "list", cmd_list,
        "list standard answers, those in the interface language first",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--search", metavar="TEXT", help="words to find in the question, answer or tags")
    p.add_argument("--category", metavar="C", help=one_of(AnswerCategory))

    p = command(ans, "add", cmd_add, "add a standard answer", json_output=True)
    p.add_argument("--category", required=True, metavar="C", help=one_of(AnswerCategory))
    p.add_argument("--question", required=True, metavar="TEXT")
    p.add_argument("--answer", required=True, metavar="TEXT")
    p.add_argument("--tags", metavar="TEXT", help="words to find it by")
    p.add_argument("--written-in", choices=["zh", "en"], help="the language it is written in")
