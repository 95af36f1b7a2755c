"""What the read API's resources share: the router, paging, conditional requests and
`updated_since`."""

import hashlib
import re
from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from ninja import Field, Router, Schema, Status

from core.pages import published
from practices.catalogue import published_by_id
from practices.models import PracticePage
from search.api import Answer, Language
from search.params import MAX_PAGE, MAX_PAGE_SIZE, BadParameter

from ..selection import freshness

router = Router(tags=["catalogue"])
DEFAULT_PAGE_SIZE = 50


class Link(Answer):
    id: int
    language: str
    url: str


class Paginated(Answer):  # what every list answer carries besides its results
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


SINCE = Field(None, description="RFC 3339 date-time (or date): versions published since then",
              json_schema_extra={"anyOf": [{"type": "string", "format": "date-time"},
                                           {"type": "string", "format": "date"}]})
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MOMENT = re.compile(rf"{DATE}([Tt][0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(\.[0-9]{{1,12}})?"
                    r"([Zz]|[+-][0-9]{2}:[0-9]{2}))?")


def updated_since(raw):
    """The moment an `updated_since` parameter names (None for none), in UTC."""
    if raw is None:
        return None
    if not MOMENT.fullmatch(raw):
        raise BadParameter("updated_since", "an RFC 3339 date-time or a date, e.g. "
                                            "2026-01-31T08:00:00Z or 2026-01-31")
    raw = raw.upper()
    try:  # well-formed but impossible values (2026-13-45, +99:00) raise ValueError
        moment = parse_datetime(raw)
        if moment is None and parse_date(raw):
            moment = datetime.combine(parse_date(raw), time.min)
        if moment is not None:  # in UTC: PostgreSQL refuses offsets beyond ±15:59
            moment = (moment.astimezone(UTC) if timezone.is_aware(moment)
                      else timezone.make_aware(moment, UTC))
    except (ValueError, OverflowError):  # (9999-12-31T23:59:59-23:00 is after year 9999)
        moment = None
    if moment is None:
        raise BadParameter("updated_since", "a date or date-time that exists, e.g. 2026-01-31")
    return moment


def conditional(request, response, count, last, *extra):
    """Set ETag and Last-Modified; a 304 when the client's copy is current."""
    seed = "|".join(str(part) for part in (request.get_full_path(), count, last, *extra))
    etag = '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
    last_modified = int(last.timestamp()) if last else None  # HTTP dates have seconds
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response["ETag"] = etag
    if last:
        response["Last-Modified"] = http_date(last_modified)
    return not_modified


def counted_page(queryset, page, page_size):
    """(rows of the page, count and last publication of the whole list); the count and the
    date are kept until content changes (selection.freshness): a page costs one query."""
    rows = list(queryset[(page - 1) * page_size:page * page_size])
    return rows, *freshness(queryset)


def page_links(request, page, page_size, count):
    def url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    last = max(1, -(-count // page_size))
    return (url(page + 1) if page < last else None), (url(page - 1) if page > 1 else None)


def published_detail(request, model, pk, shape, what):
    """One published page shaped for the API, or a JSON 404 naming what was looked for."""
    page = published_by_id(model, pk).first()
    if page is None:
        return Status(404, {"error": f"no published {what} with this id"})
    return Status(200, shape([page], request)[0])


class PageParams(Schema):
    language: list[Language] = []
    updated_since: str | None = SINCE
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def address(addresses, row):
    """(url, full_url) of a practice version's row (url_path, slug, locale_id, id)."""
    return addresses.at(row["url_path"], row["slug"], row["locale_id"], lambda: PracticePage(
        id=row["id"], url_path=row["url_path"], slug=row["slug"], locale_id=row["locale_id"]))


def link(page, request):
    return {"id": page.pk, "language": page.locale.language_code,
            "url": request.build_absolute_uri(page.url)}


def page_listing(request, response, model, shape, params):
    """A list of published `model` pages (PageParams), oldest update first, shaped by
    `shape(pages, request)`."""
    try:
        since = updated_since(params.updated_since)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    languages, page, page_size = params.language, params.page, params.page_size
    pages = published(model.objects.all()).select_related("locale")
    if languages:
        pages = pages.filter(locale__language_code__in=languages)
    if since:
        pages = pages.filter(last_published_at__gte=since)
    rows, count, last = counted_page(pages.order_by("last_published_at", "id"), page,
                                     page_size)
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    following, previous = page_links(request, page, page_size, count)
    return Status(200, {"count": count, "page": page, "page_size": page_size,
                        "next": following, "previous": previous,
                        "results": shape(rows, request)})
