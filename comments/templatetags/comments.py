from django import template

from comments.forms import CommentForm
from comments.threads import thread_for

register = template.Library()


@register.inclusion_tag("comments/_section.html")
def article_comments(article):
    """The story's 댓글 block: count, list, and the form while comments are open. On the
    article page both the comments and the policy come with the story's query."""
    thread = thread_for(article)
    return {
        "article": article,
        "thread": thread,
        "closed": thread.closed,
        "form": None if thread.closed else CommentForm(policy=thread.policy),
    }


@register.filter(needs_autoescape=True)
def comment_text(value, autoescape=True):
    """A published comment's text: escaped, its links clickable but followed by no search
    engine (``nofollow ugc``), its line breaks kept."""
    from django.utils.html import urlize
    from django.utils.safestring import mark_safe

    html = urlize(value, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return mark_safe(html.replace("\n", "<br>"))
