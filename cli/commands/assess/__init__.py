"""`flourish assess`: the self-assessments. The sustainability grid's conditions and rounds
(rounds), rating and its key findings (grid), the collaboration diagnostic (diagnostic), and
where a school is now and wants to be (where); each can become action plan items."""

from cli.args import Group
from cli.commands.assess import diagnostic, grid, rounds, where


def register(top: Group) -> None:
    assess = top.group(
        "assess", "self-assessments: the sustainability grid, diagnostic, where we are"
    )
    for part in (rounds, grid, diagnostic, where):
        part.register(assess)
