from django.db import models

from articles.sanitize import clean_html


class SanitizedHTMLField(models.TextField):
    """A TextField whose value is cleaned on every write.

    ``pre_save`` covers ``save()`` and ``bulk_create()`` (and updates the instance, so
    what the caller holds is what was stored); ``get_prep_value`` covers
    ``QuerySet.update()``. Admin, ``seed_demo``, imports and the shell all pass here.
    """

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean_html(value) if isinstance(value, str) else value
