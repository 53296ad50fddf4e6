from django import template

from articles.templatetags.images import picture_data
from council.models import COUNCIL_NAME
from newsroom.seo import jsonld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def member_jsonld(context, member):
    """schema.org Person for a member's page, as a safe <script> element."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": member.name,
        "alternateName": [n for n in (member.name_hanja, member.name_roman) if n] or None,
        "url": request.build_absolute_uri(member.get_absolute_url()),
        "jobTitle": f"{COUNCIL_NAME} {member.title}",
        "affiliation": {"@type": "Organization", "name": member.party},
        "memberOf": {"@type": "GovernmentOrganization", "name": COUNCIL_NAME},
        "email": member.email or None,
        "telephone": member.phone or None,
    }
    if member.photo:
        photo = picture_data(member.photo, "square")
        if photo and photo.get("src"):
            data["image"] = request.build_absolute_uri(photo["src"])
    return jsonld_script(data)


@register.inclusion_tag("council/_article_members.html")
def article_members(article):
    """관련 의원: the members a story is linked to (name, party, district, their page).
    A member's edit ends the story's page (council/cache_keys.py, member_keys)."""
    # The article page read them with the story (council/apps.py, page_part_sources);
    # the model's ordering is name, pk either way.
    members = list(article.council_members.all())
    return {"members": members}
