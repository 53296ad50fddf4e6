from django import template

from articles.body import render_body

register = template.Library()


@register.simple_tag
def article_body(article):
    """The article's body as readers see it: images expanded, dateline in front."""
    return render_body(article.body, article.dateline)
