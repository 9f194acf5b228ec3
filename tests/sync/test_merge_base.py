"""The merge base of two laptops' histories is their latest common commit, whatever the
laptops' clocks said: an older base makes a merge see two people's changes as concurrent when
one had already seen the other's, and record a conflict no one made."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.sync.repo import ShareRepo

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def commit(repo: ShareRepo, parents: list, n: int, when: datetime):
    tree = repo.tree(parents[0] if parents else None)
    return repo.write(tree, {f"f{n}.json": b"{}"}, parents, "A <a@x>", "A <a@x>", f"c{n}", when)


# Each step: which laptop commits, whether it first merges the other's head, and how far its
# clock is off (minutes; the same instant for everyone when all are 0).
steps = st.lists(
    st.tuples(st.sampled_from("ab"), st.booleans(), st.integers(-600, 600)), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(steps=steps, skew=st.booleans())
def test_the_base_is_the_newest_commit_both_have(tmp_path_factory, steps, skew):
    repo = ShareRepo.create(tmp_path_factory.mktemp("repo") / "share.git")
    root = commit(repo, [], 0, NOON)
    heads = {"a": root, "b": root}
    seen = {"a": {root}, "b": {root}}  # every commit in each laptop's history
    for n, (who, merge, minutes) in enumerate(steps, 1):
        other = "b" if who == "a" else "a"
        when = NOON + (timedelta(minutes=minutes) if skew else timedelta())
        parents = [heads[who]]
        if merge and heads[other] != heads[who]:
            parents.append(heads[other])
            seen[who] = seen[who] | seen[other]
        heads[who] = commit(repo, parents, n, when)
        seen[who] = seen[who] | {heads[who]}
        # b fetched a's head: their base is a's head whenever b's history holds it.
        if heads["a"] in seen["b"]:
            assert repo.merge_base(heads["a"], heads["b"]) == heads["a"]
        if heads["b"] in seen["a"]:
            assert repo.merge_base(heads["b"], heads["a"]) == heads["b"]
    repo.close()
