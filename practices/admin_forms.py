from wagtail.admin.forms import WagtailAdminPageForm


class PracticeAdminForm(WagtailAdminPageForm):
    """Offers the taxonomy of the page's own language and keeps links made in another one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if not locale_id and self.parent_page is not None:
            locale_id = self.parent_page.locale_id
        for name in ("dimensions", "challenges"):
            field = self.fields.get(name)
            if field is None or not locale_id:
                continue
            field.queryset = field.queryset.filter(locale_id=locale_id)
            if self.instance.pk and not self.is_bound:
                slugs = getattr(self.instance, name).values_list("slug", flat=True)
                self.initial[name] = list(field.queryset.filter(slug__in=list(slugs)))


