"""The policy body is stored as structured plain text and rendered from blocks, never as raw HTML.

Format (the seed file's own layout): the first line is the title; blocks are separated by a blank line;
a block whose single line reads "N. Heading" is a section heading; a block of lines starting with "•"
is a list; anything else is a paragraph. Templates escape every piece of text as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(\d+)\.\s+(\S.*)$")
BULLET = re.compile(r"^\s*[•\-*]\s+(\S.*)$")


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    number: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class PolicyDocument:
    title: str
    blocks: list[Block]


def parse(body: str) -> PolicyDocument:
    lines = (body or "").replace("\r\n", "\n").strip().split("\n")
    title = lines[0].strip() if lines else ""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", "\n".join(lines[1:]).strip()):
        chunk_lines = [line for line in chunk.split("\n") if line.strip()]
        if not chunk_lines:
            continue
        blocks.extend(_blocks_of(chunk_lines))
    return PolicyDocument(title=title, blocks=blocks)


def _blocks_of(lines: list[str]) -> list[Block]:
    if len(lines) == 1 and (heading := HEADING.match(lines[0].strip())):
        return [Block(kind="heading", number=heading.group(1), text=heading.group(2).strip())]
    if all(BULLET.match(line) for line in lines):
        return [Block(kind="list", items=[BULLET.match(line).group(1).strip() for line in lines])]
    return [Block(kind="paragraph", text=" ".join(line.strip() for line in lines))]
