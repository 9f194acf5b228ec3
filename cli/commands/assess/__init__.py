"""`flourish assess`: the self-assessments. The sustainability grid's conditions and rounds
(rounds), rating and its key findings (grid), the collaboration diagnostic (diagnostic), and
where a school is now and wants to be (goals); each can become action plan items."""

from cli.args import Group
from cli.commands.assess import diagnostic, goals, grid, rounds


def register(top: Group) -> None:
    assess = top.group(
        "assess",
        "self-assessments: the sustainability grid, diagnostic, goals (where we are, want to be)",
    )
    for part in (rounds, grid, diagnostic, goals):
        part.register(assess)
