"""Readers' comment views. The list is rendered into the stored article page (and served
alone by ``comment_list``); the POSTs are never cached and carry no CSRF token, since the
form sits in a page shared by every reader: they are protected by the signed form token,
the Origin / Sec-Fetch-Site check, the honeypot and the rate limits (docs/comments.md)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.contrib.auth.hashers import check_password
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from comments import addresses, confirmation
from comments.forms import CommentForm
from comments.models import Comment, CommentPolicy, CommentReport
from comments.threads import thread_for
from newsroom.pagecache import depends_on, public_page

MAX_BODY_BYTES = 64 * 1024

logger = logging.getLogger("comments")


def _refuse(request, message: str, status: int, article=None):
    return render(
        request, "comments/refused.html", {"message": message, "article": article}, status=status
    )


def _cross_site(request) -> bool:
    """A browser says where a POST came from; another site's page may not post here. A
    client that sends neither header (old browsers, scripts) still needs the signed token."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc != request.get_host()
    return origin == "null"


def _guarded(view):
    """The checks every comment POST passes first."""

    def wrapper(request, *args, **kwargs):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return _refuse(request, "보낸 내용이 너무 깁니다.", 413)
        if _cross_site(request):
            return _refuse(request, "다른 사이트에서 보낸 요청은 받지 않습니다.", 403)
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return never_cache(csrf_exempt(require_POST(wrapper)))


@public_page(params=("order",))
def comment_list(request, pk):
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    depends_on(f"article-{article.pk}")
    order = request.GET.get("order", "newest")
    if order not in ("newest", "oldest"):
        order = "newest"
    return render(request, "comments/_list.html", {"thread": thread_for(article, order)})


@_guarded
def comment_post(request, pk):
    article = get_object_or_404(Article.objects.published(), pk=pk)
    policy = CommentPolicy.current()
    closed = policy.closed_reason(article)
    if closed:
        return _refuse(request, closed, 403, article)
    form = CommentForm(request.POST, policy=policy)
    if form.is_spam:
        # Answer like a success so the bot learns nothing; store nothing.
        return redirect(article.get_absolute_url() + "#comments", permanent=False)
    hashed = addresses.address_hash(request)
    if not addresses.within_limits("post", hashed, policy.per_minute, policy.per_hour):
        return _refuse(
            request,
            "짧은 시간에 댓글을 너무 많이 보냈습니다. 잠시 뒤 다시 써 주세요.",
            429,
            article,
        )
    if not form.is_valid():
        return render(
            request, "comments/form_errors.html", {"form": form, "article": article}, status=400
        )
    held = form.held_reason()
    email = form.cleaned_data["email"]
    if email:
        return _post_unconfirmed(request, article, form, held, hashed, email)
    comment = Comment.objects.create(
        article=article,
        parent=_parent(article, form.cleaned_data["parent"]),
        name=form.cleaned_data["name"],
        password=form.cleaned_data["password"],
        body=form.cleaned_data["body"],
        status=Comment.Status.PENDING if held else Comment.Status.PUBLISHED,
        held_reason=held,
        address_hash=hashed,
        created_at=timezone.now(),
    )
    if held:
        return render(request, "comments/held.html", {"article": article, "comment": comment})
    return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")


def _post_unconfirmed(request, article, form, held, hashed, email):
    """Store the comment out of sight and mail the confirmation link; a mail that cannot go
    out leaves no comment behind."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                parent=_parent(article, data["parent"]),
                name=data["name"],
                password=data["password"],
                body=data["body"],
                status=Comment.Status.UNCONFIRMED,
                held_reason=held,
                address_hash=hashed,
                email_hash=addresses.email_hash(email),
                created_at=timezone.now(),
            )
            confirmation.message(comment, email).send()
    except OSError:
        logger.exception("comment confirmation mail failed")
        return _refuse(
            request,
            "확인 메일을 보내지 못해 댓글을 저장하지 않았습니다. 잠시 뒤 다시 써 주세요.",
            503,
            article,
        )
    return render(
        request,
        "comments/confirm_sent.html",
        {"article": article, "hours": confirmation.MAX_AGE // 3600},
    )


@never_cache
def comment_confirm(request, token):
    """The link in the confirmation mail. Used twice, expired or altered: a Korean page
    saying which, and nothing changes."""
    state, pk = confirmation.read_token(token)
    if state == confirmation.EXPIRED:
        return _link_refused(
            request,
            f"확인 링크의 유효 기간({confirmation.MAX_AGE // 3600}시간)이 지났습니다. "
            "댓글은 게시되지 않았으니 기사에서 다시 써 주세요.",
        )
    if state == confirmation.BAD:
        return _link_refused(
            request, "확인 링크가 올바르지 않습니다. 메일의 링크를 그대로 열어 주세요."
        )
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update().select_related("article").filter(pk=pk).first()
        )
        if comment is None:
            return _link_refused(request, "확인할 댓글이 없습니다. 이미 지워졌을 수 있습니다.")
        if not comment.confirm_email():
            return _link_refused(
                request,
                "이미 사용한 확인 링크입니다. 댓글은 처음 눌렀을 때 접수되었습니다.",
                comment.article,
            )
    return render(
        request, "comments/confirmed.html", {"article": comment.article, "comment": comment}
    )


def _link_refused(request, message, article=None):
    return render(
        request,
        "comments/confirm_refused.html",
        {"message": message, "article": article},
        status=400,
    )


def _parent(article, parent_id):
    """Threads are one level deep: a reply to a reply joins its top-level comment."""
    if not parent_id:
        return None
    parent = (
        Comment.objects.visible_to_readers()
        .filter(article=article, pk=parent_id)
        .select_related("parent")
        .first()
    )
    if parent is None:
        return None
    return parent.parent or parent


@_guarded
def comment_delete(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("article").exclude(status=Comment.Status.WITHDRAWN), pk=pk
    )
    article = comment.article
    policy = CommentPolicy.current()
    hashed = addresses.address_hash(request)
    # Guessing passwords costs the same as posting.
    if not addresses.within_limits("delete", hashed, policy.per_minute, policy.per_hour):
        return _refuse(
            request, "짧은 시간에 너무 많이 시도했습니다. 잠시 뒤 다시 해 주세요.", 429, article
        )
    if not check_password(request.POST.get("password", ""), comment.password):
        return _refuse(request, "비밀번호가 맞지 않아 댓글을 지우지 않았습니다.", 403, article)
    # The text goes; the row stays (its replies keep their place, and abuse handling keeps
    # the address hash for its 90 days).
    comment.status = Comment.Status.WITHDRAWN
    comment.body = ""
    comment.save(update_fields=["status", "body"])
    return redirect(f"{article.get_absolute_url()}#comments")


@_guarded
def comment_report(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible_to_readers().select_related("article"), pk=pk
    )
    hashed = addresses.address_hash(request)
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, address_hash=hashed, created_at=timezone.now()
            )
    except IntegrityError:
        pass  # this reader reported it already: counted once
    else:
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment.refresh_from_db(fields=["report_count", "status"])
        threshold = CommentPolicy.current().report_threshold
        if (
            threshold
            and comment.report_count >= threshold
            and comment.status == Comment.Status.PUBLISHED
        ):
            # Saved, not updated: the save announces the change and the page is purged.
            comment.status = Comment.Status.HIDDEN
            comment.held_reason = f"신고 {comment.report_count}건"
            comment.save(update_fields=["status", "held_reason"])
    return render(request, "comments/reported.html", {"article": comment.article})
