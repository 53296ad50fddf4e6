"""URL converters for readers' addresses."""

from django.urls import register_converter
from django.urls.converters import StringConverter


class TextConverter(StringConverter):
    """Django's ``str`` without the NUL byte: Postgres refuses NUL in a text lookup, so
    ``/section/a%00b/`` would be a 500 instead of the 404 every unknown slug gets."""

    regex = "[^/\x00]+"


register_converter(TextConverter, "text")
