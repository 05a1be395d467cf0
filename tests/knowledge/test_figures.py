"""Every figure, year and named source of the guide survives in our own-words knowledge."""

from __future__ import annotations

import pytest

from guidebot.knowledge.loader import load_knowledge
from tests.conftest import KNOWLEDGE

# Listed from the article (../shared/seed/000_58b2425f3a1131bc.txt), section by section.
FIGURES = [
    # Key Things
    "23%",
    "2030",
    "U.S. Bureau of Labor Statistics",
    "30%",
    "2024",
    "40%",
    # Careers
    "71%",
    "2022",
    "TensorFlow",
    "PyTorch",
    "Industry 4.0",
    # Salary
    "$145,000",
    "34%",
    "$108,000",
    # Outlook
    "35%",
    "3.4%",
    "2032",
    "automotive",
    "aerospace",
    "electronics",
    # Curriculum
    "72%",
    "National Association of Graduate Admissions Professionals",
    # Admission
    "68%",
    "32%",
    "Graduate Record Examinations Board",
    "75th percentile",
    "Python",
    "Java",
    # Online
    "58%",
    "Coursera",
    "edX",
    # Duration and cost
    "1.5 to 3 years",
    "12 to 18 months",
    "$40,000 to $120,000",
    "$100,000",
    "PayScale",
    "2.1 years",
    # Accreditation
    "ABET",
    "67%",
    "Computing Accreditation Commission",
    "CAC",
    "U.S. Department of Education",
    "Manufacturing Leadership Council",
    "IEEE",
    "Institute of Electrical and Electronics Engineers",
    "ISO/IEC 27001",
    # Skills
    "89%",
    "Docker",
    "Kubernetes",
    "convolutional neural networks",
    "CNNs",
    "R programming",
    # Evaluating programs
    "National Center for Education Statistics",
    "28%",
    "94%",
    "six months",
    # Author and related articles
    "Imed Bouchrika, PhD",
    "Co-Founder and Chief Data Scientist",
    "April 22, 2026",
]


@pytest.fixture(scope="module")
def knowledge_text() -> str:
    kb = load_knowledge(KNOWLEDGE)
    parts = [f"{g.title} {g.author} {g.author_title} {g.edition}" for g in kb.guides]
    parts += [s.text for g in kb.guides for s in g.sections]
    parts += [f"{e.question} {e.answer}" for e in kb.faqs]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_is_in_the_knowledge(knowledge_text: str, figure: str) -> None:
    assert figure.lower() in knowledge_text.lower()


def test_the_two_headline_answers_carry_their_figures(bot) -> None:
    salary = bot.ask("What's the average salary?")
    assert "$145,000" in salary.answer
    assert salary.sources[0].section.startswith("What is the average salary")
    cost = bot.ask("how much does the programme cost")
    assert "How long does it take to complete an AI Master's degree" in cost.sources[0].section
