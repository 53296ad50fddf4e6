"""The admin's select2 autocompletes, each with a name a screen reader can say.

select2 names its box by the text it shows; an empty box (a new 기자 row, no photo yet)
shows nothing, so it had no name at all (axe-core: aria-input-field-name, serious).
Showing "<field> 찾기" as the placeholder gives it one, and tells a sighted user what to do.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.utils.text import capfirst


class _Named:
    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = f"{capfirst(self.field.verbose_name)} 찾기"
        return attrs


class NamedAutocompleteSelect(_Named, AutocompleteSelect):
    pass


class NamedAutocompleteSelectMultiple(_Named, AutocompleteSelectMultiple):
    pass


class NamedAutocomplete:
    """For a ModelAdmin or an inline: its autocomplete_fields get the named widgets."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
