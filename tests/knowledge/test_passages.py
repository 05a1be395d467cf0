from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import MAX_WORDS, build_passages
from tests.conftest import GUIDE, KNOWLEDGE


def test_passages_have_stable_ids_and_carry_their_heading(make_knowledge):
    root = make_knowledge(
        {
            "guides/test.md": GUIDE,
            "faq/a.yaml": "- id: fees\n  question: Fees?\n  answer: See costs.\n  section: Costs\n",
        }
    )
    passages = build_passages(load_knowledge(root))
    # the two short paragraphs on costs make one passage (MIN_WORDS)
    assert [p.id for p in passages] == [
        "test/intro/1",
        "test/costs/1",
        "test/admission/1",
        "faq/fees",
    ]
    assert passages[1].section == "Costs" and passages[1].title == "Costs"
    faq = passages[-1]
    assert (faq.section, faq.guide_title, faq.kind) == ("Costs", "Test Guide", "faq")
    assert build_passages(load_knowledge(root)) == passages


def test_bundled_passages_are_paragraph_sized():
    passages = build_passages(load_knowledge(KNOWLEDGE))
    assert len({p.id for p in passages}) == len(passages)
    guide_passages = [p for p in passages if p.kind == "guide"]
    assert all(5 <= len(p.text.split()) <= 170 for p in guide_passages)


def test_short_paragraphs_merge_and_long_ones_split(make_knowledge):
    long_paragraph = " ".join(f"Sentence number {i} is here." for i in range(80))
    guide = f"---\ntitle: T\n---\n## S\nTiny.\n\n{long_paragraph}\n"
    passages = build_passages(load_knowledge(make_knowledge({"guides/t.md": guide})))
    assert passages[0].text.startswith("Tiny.\nSentence number 0")  # each paragraph a line
    assert len(passages) == 3 and all(len(p.text.split()) <= 165 for p in passages)


def test_a_short_last_paragraph_joins_the_passage_before_without_passing_the_limit(
    make_knowledge,
):
    long_paragraph = " ".join(f"Point {i} of the section is made here." for i in range(19))
    short_paragraph = " ".join(["A closing remark in plain words."] * 9)
    guide = f"---\ntitle: T\n---\n## S\n{long_paragraph}\n\n{short_paragraph}\n"
    passages = build_passages(load_knowledge(make_knowledge({"guides/t.md": guide})))
    assert passages[-1].text.endswith("A closing remark in plain words.")
    assert all(len(p.text.split()) <= MAX_WORDS for p in passages)


def test_a_long_list_is_cut_between_steps_each_keeping_its_number(make_knowledge):
    steps = "\n".join(
        f"{n}. Step {n} asks you to do one small thing and then wait a moment. "
        "Check that it worked before you go on to the next one."
        for n in range(1, 13)
    )
    guide = f"---\ntitle: T\n---\n## S\n{steps}\n"
    passages = build_passages(load_knowledge(make_knowledge({"guides/t.md": guide})))
    assert len(passages) > 1
    for passage in passages:
        assert all(line.split(". ")[0].isdigit() for line in passage.text.split("\n"))
        assert len(passage.text.split()) - passage.text.count("\n") - 1 <= MAX_WORDS


def test_a_table_between_short_paragraphs_stays_whole_and_each_piece_cites_its_line(
    make_knowledge,
):
    """Too long together, an introduction, a price table and a closing paragraph are cut
    between paragraphs, not inside the table (a day pass's price was cut off from it)."""
    intro = " ".join(["Every ride is charged by the minute from unlock."] * 4)
    rows = "\n".join(
        f"- Option: {name} pass; Price: £{n}.50; What it includes: unlimited rides of up to "
        "45 minutes each, with e-bikes at a lower rate per minute"
        for n, name in enumerate(["Day", "Week", "Month", "Season", "Annual", "Family"], 1)
    )
    closing = " ".join(["A pass starts when you buy it, not when you ride."] * 5)
    guide = f"---\ntitle: T\n---\n## Prices\n{intro}\n\n{rows}\n\n{closing}\n"
    passages = build_passages(load_knowledge(make_knowledge({"guides/t.md": guide})))
    tables = [p for p in passages if "Option:" in p.text]
    assert len(tables) == 1 and tables[0].text == rows
    assert [p.line for p in passages] == [5, 7, 14]
    assert all(len(p.text.split()) <= MAX_WORDS for p in passages)


def test_a_paragraph_ending_in_a_colon_stays_with_the_one_it_introduces(make_knowledge):
    """ "Our prices:" alone would be a passage of two words answering "prices?"."""
    rows = "\n".join(f"- Row {n}: a pass that costs a few pounds for each day" for n in range(13))
    rows += "\n- Row 13: ends here"  # 160 words: with the two before it, too many for one
    guide = f"---\ntitle: T\n---\n## Prices\nOur prices:\n\n{rows}\n"
    passages = build_passages(load_knowledge(make_knowledge({"guides/t.md": guide})))
    assert passages[0].text.startswith("Our prices:\n- Row 0:")
