"""The blank survey form (SUR-5) for a long typed template: it runs over pages, every question
is on it once as text, and a follow-up question stays on the page of the question it follows."""

from pypdf import PdfReader

from trustdesk.reports.survey_form import write_form
from trustdesk.services.survey_templates import QuestionDraft, save_template


def _long_template(db):
    drafts = []
    for n in range(1, 13):
        score = QuestionDraft(
            "scale", f"第{n}项服务您打几分？", f"How do you score service {n}?", key=f"s{n}"
        )
        to_5 = QuestionDraft(
            "text",
            f"第{n}项怎样才能得5分？",
            f"What would make service {n} a 5?",
            follows=f"s{n}",
            show_below=5,
            key=f"s{n}_to_5",
        )
        drafts += [score, to_5]
    when = [("本月", "This month"), ("下季度", "Next quarter"), ("明年", "Next year")]
    drafts += [
        QuestionDraft("yes-no", "您会续约吗？", "Will you renew?", key="renew"),
        QuestionDraft("choice", "何时续约？", "When?", choices=when, key="when"),
        QuestionDraft("date", "下次拜访日期", "Date of the next visit", key="next"),
    ]
    with db.transaction() as s:
        return save_template(s, "年度服务评价", "Yearly service review", drafts)


def test_a_long_form_runs_over_pages_with_each_question_once(qapp, db, tmp_path):
    template = _long_template(db)
    for lang in ("zh", "en"):
        out = tmp_path / f"long-{lang}.pdf"
        pages = write_form(template, out, lang=lang)
        reader = PdfReader(out)
        assert pages == len(reader.pages) >= 2
        texts = ["".join(page.extract_text().split()) for page in reader.pages]
        for q in template.questions:
            wording = "".join(q.text(lang).split())
            on = [n for n, text in enumerate(texts) if wording in text]
            assert len(on) == 1, (lang, q.key, on)
            if q.follows:  # on the page of the question it follows
                parent = next(p for p in template.questions if p.key == q.follows)
                assert "".join(parent.text(lang).split()) in texts[on[0]]
        assert ("第1页，共" if lang == "zh" else f"Page1of{pages}") in texts[0]
        assert ("是" if lang == "zh" else "Yes") in texts[-1]  # the yes/no boxes' words
        assert ("下季度" if lang == "zh" else "Nextquarter") in texts[-1]  # the choices


def test_writing_a_form_replaces_the_file_whole_and_leaves_nothing_else(qapp, db, tmp_path):
    template = _long_template(db)
    out = tmp_path / "forms" / "form.pdf"
    out.parent.mkdir()
    out.write_bytes(b"an older form")
    write_form(template, out, lang="zh")
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.parent.iterdir()] == ["form.pdf"]  # no temporary file left
