"""Character edits between a written text and the text it should be: which characters were substituted, inserted
or dropped, and where — what the slip detectors judge a near-miss by."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    kind: str     # "sub" (written[at] for right[at]), "ins" (written[at] is extra), "del" (right[at] is missing)
    at: int       # index in `written` (sub, ins) or in `right` (del)
    written: str  # the character written ("" for del)
    right: str    # the character that belongs there ("" for ins)


def single_edit(written: str, right: str) -> Edit | None:
    """The one edit that turns `right` into `written`, or None when they are equal or further apart."""
    lw, lr = len(written), len(right)
    if abs(lw - lr) > 1 or written == right:
        return None
    k = 0
    while k < min(lw, lr) and written[k] == right[k]:
        k += 1
    if lw == lr:
        return Edit("sub", k, written[k], right[k]) if written[k + 1:] == right[k + 1:] else None
    if lw > lr:
        return Edit("ins", k, written[k], "") if written[k + 1:] == right[k:] else None
    return Edit("del", k, "", right[k]) if written[k:] == right[k + 1:] else None


def alignment(written: str, right: str, limit: int = 2) -> list[Edit] | None:
    """The edits (at most `limit`) of a cheapest alignment of `written` against `right`, or None when more are
    needed.  Substitutions are preferred over an insertion and a deletion; ties keep the earliest edit."""
    lw, lr = len(written), len(right)
    if abs(lw - lr) > limit:
        return None
    inf = limit + 1
    # cost[i][j]: edits to align written[:i] with right[:j], inside a band of width `limit`
    cost = [[inf] * (lr + 1) for _ in range(lw + 1)]
    cost[0][0] = 0
    for i in range(lw + 1):
        for j in range(max(0, i - limit), min(lr, i + limit) + 1):
            if i == j == 0:
                continue
            best = inf
            if i and j:
                best = cost[i - 1][j - 1] + (written[i - 1] != right[j - 1])
            if i:
                best = min(best, cost[i - 1][j] + 1)
            if j:
                best = min(best, cost[i][j - 1] + 1)
            cost[i][j] = min(best, inf)
    if cost[lw][lr] > limit:
        return None
    return _trace(cost, written, right)


def _trace(cost: list[list[int]], written: str, right: str) -> list[Edit]:
    edits: list[Edit] = []
    i, j = len(written), len(right)
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (written[i - 1] != right[j - 1]):
            if written[i - 1] != right[j - 1]:
                edits.append(Edit("sub", i - 1, written[i - 1], right[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            edits.append(Edit("ins", i - 1, written[i - 1], ""))
            i -= 1
        else:
            edits.append(Edit("del", j - 1, "", right[j - 1]))
            j -= 1
    return edits[::-1]


def described(edits: list[Edit]) -> dict[str, str]:
    """What the edits did, for a message: `how` in Chinese, `how_en` in English."""
    zh, en = [], []
    for e in edits:
        if e.kind == "sub":
            zh.append(f"“{e.right}”误作同音的“{e.written}”")
            en.append(f"{e.right} written as {e.written}, which sounds the same")
        elif e.kind == "ins":
            zh.append(f"多了“{e.written}”")
            en.append(f"an extra {e.written}")
        else:
            zh.append(f"少了“{e.right}”")
            en.append(f"{e.right} missing")
    return {"how": "，".join(zh), "how_en": "; ".join(en)}
