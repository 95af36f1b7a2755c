"""Bulk inserts keep every character: on PostgreSQL they go through core.postgres's array
writer (quotes and backslashes escaped without regular expressions)."""

import pytest
from django.db import connection
from taggit.models import Tag

pytestmark = pytest.mark.django_db
TRICKY = ['say "hello"', "back\\slash", '{"json": "a\\"b\\\\c"}', "\\", '"', "", "plain"]


def test_bulk_inserted_text_comes_back_unchanged():
    Tag.objects.bulk_create([Tag(name=f"n{i}:{text}", slug=f"tricky-{i}")
                             for i, text in enumerate(TRICKY)])
    assert [t.name.split(":", 1)[1] for t in Tag.objects.filter(slug__startswith="tricky-")
            .order_by("slug")] == TRICKY
    if connection.vendor == "postgresql":
        import psycopg

        from core.postgres import FastListDumper

        assert psycopg.adapters.get_dumper(list, psycopg.adapt.PyFormat.TEXT) is FastListDumper
