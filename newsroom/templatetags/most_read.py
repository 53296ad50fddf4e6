from django import template

from newsroom.most_read import most_read as most_read_lists

register = template.Library()


@register.inclusion_tag("newsroom/most_read.html")
def most_read():
    """The 많이 본 뉴스 box: one cached query for both windows."""
    return {"lists": most_read_lists()}
