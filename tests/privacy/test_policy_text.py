from pathlib import Path

from privacy import policy_text

SEED = Path(__file__).resolve().parents[2] / "privacy" / "policy_texts"


def test_the_seed_text_parses_into_title_paragraphs_headings_and_lists():
    document = policy_text.parse((SEED / "privacy-policy.en.txt").read_text(encoding="utf-8"))
    assert document.title == "Privacy Policy"
    kinds = [block.kind for block in document.blocks]
    assert kinds[:4] == ["paragraph", "paragraph", "paragraph", "heading"]
    headings = [block for block in document.blocks if block.kind == "heading"]
    assert [block.number for block in headings] == [str(n) for n in range(1, 9)]
    assert headings[4].text == "Your rights"
    lists = [block for block in document.blocks if block.kind == "list"]
    assert len(lists) == 8
    assert lists[2].items[0] == "Web-server logs: 90 days."


def test_each_language_has_the_same_structure():
    shapes = {
        language: [
            (block.kind, block.number, len(block.items))
            for block in policy_text.parse(
                (SEED / f"privacy-policy.{language}.txt").read_text(encoding="utf-8")
            ).blocks
        ]
        for language in ("en", "ru", "kk")
    }
    assert shapes["en"] == shapes["ru"] == shapes["kk"]


def test_markup_in_the_body_stays_text():
    document = policy_text.parse("Title\n\n<script>alert(1)</script>\n\n  • <b>bold</b>")
    assert document.blocks[0].text == "<script>alert(1)</script>"
    assert document.blocks[1].items == ["<b>bold</b>"]
