"""``{% weather_strip %}``: the KMA weather strip every public page opens with."""

from django import template

from weather.strip import strip_context

register = template.Library()


@register.inclusion_tag("weather/strip.html")
def weather_strip():
    """Each active station's latest observation: one query or a cache hit, never KMA."""
    return strip_context()
