"""A story's history: one django-reversion revision per workflow step.

Minimal version made by the "trash" branch (shared contract, issue 8); the "workflow"
branch owns this module and its version replaces this one at merge.
"""

from __future__ import annotations

import reversion

from articles.models import Article, Byline, RelatedArticle, RelatedLink

STEPS = {
    "save": "저장",
    "submit": "검토 요청",
    "publish": "발행",
    "schedule": "예약 발행",
    "unpublish": "발행 취소",
    "redate": "발행 시각 변경",
    "restore": "이전 판 복원",
    "trash": "휴지통으로 이동",
    "untrash": "휴지통에서 복원",
    "takeover": "편집 넘겨받음",
    "correction": "정정·반론 추가",
}

for _model in (Byline, RelatedArticle, RelatedLink):
    if not reversion.is_registered(_model):
        reversion.register(_model)
if not reversion.is_registered(Article):
    # Whether a story is in the 휴지통 is not part of its text: restoring an old revision
    # must not move it into or out of the trash.
    reversion.register(
        Article,
        exclude=("deleted_at", "deleted_by"),
        follow=("bylines", "related_picks", "related_links"),
    )


def record(article, *, by, step: str, note: str = "") -> None:
    """Store a revision of ``article`` (with bylines, related picks/links, tags) whose
    comment names the workflow step in Korean; works inside or outside an open
    reversion.create_revision() block."""
    comment = STEPS[step] + (f": {note}" if note else "")
    if reversion.is_active():
        _add(article, by=by, comment=comment)
        return
    with reversion.create_revision():
        _add(article, by=by, comment=comment)


def _add(article, *, by, comment: str) -> None:
    reversion.set_user(by)
    reversion.set_comment(comment)
    reversion.add_to_revision(article)
