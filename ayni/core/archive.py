"""Portable archives: the whole site, or one community, as a zip of JSON lines.

An archive moves Ayni between databases (SQLite to PostgreSQL, one server to another) without
losing anything. It holds every row of Ayni's own tables (people, password hashes included) as
plain JSON, one file per table, with a manifest of row counts and a checksum per file.

- A **site archive** (`ayni export-archive`) holds everything and goes into an empty database
  with the same primary keys (`ayni import-archive`).
- A **community archive** (`ayni export-archive --community SLUG`) holds the community, every row
  that belongs to it, its members' accounts and their personal rows that belong to no other
  community. It can be imported into a database that already runs other communities: rows get
  new keys, people are matched by e-mail address, and a community with the same slug is refused.

Runtime state (sessions, task queue, rate-limit buckets, heartbeats, scheduled-job locks, queued
e-mails) is never archived. Audit history travels in site archives only.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

FORMAT = "ayni-archive/1"
CHUNK = 2000
RUNTIME_MODELS = {
    "core.ratelimitbucket", "core.scheduledjob", "core.workerheartbeat", "core.errorcount",
    "core.outboundemail", "core.formsubmission",
    # Derived data, rebuilt by the worker: suggestion indexes and text embeddings.
    "support.suggestionindex", "support.textvector",
}
SITE_ONLY_MODELS = {"core.auditevent"}


class ArchiveError(Exception):
    pass


def archived_models() -> list[type[models.Model]]:
    """Ayni's own concrete models, each after the models it points to."""
    chosen = [
        model for model in apps.get_models()
        if model.__module__.startswith("ayni.") and not model._meta.proxy
        and model._meta.label_lower not in RUNTIME_MODELS
    ]
    return _dependency_order(chosen)


def _fk_fields(model) -> list[models.ForeignKey]:
    return [field for field in model._meta.concrete_fields
            if field.is_relation and (field.many_to_one or field.one_to_one)]


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    chosen_set = set(chosen)
    ordered: list[type[models.Model]] = []
    placed: set = set()

    def visit(model, stack=()):
        if model in placed:
            return
        if model in stack:
            return  # a cycle through nullable keys: those are set in a second pass
        for field in _fk_fields(model):
            target = field.related_model
            if target in chosen_set and target is not model:
                visit(target, (*stack, model))
        placed.add(model)
        ordered.append(model)

    for model in sorted(chosen, key=lambda m: m._meta.label_lower):
        visit(model)
    return ordered


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its rounding of times to milliseconds: nothing may be lost."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


def _row(obj: models.Model) -> dict:
    data = {"pk": obj.pk}
    for field in obj._meta.concrete_fields:
        data[field.attname] = field.value_from_object(obj)
    for field in obj._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            data[field.name] = sorted(related.pk for related in getattr(obj, field.name).all())
    return data


# --------------------------------------------------------------------------- export


def _community_selection(community) -> dict[type[models.Model], set]:
    """The rows that belong to `community`: a fixed point over foreign keys.

    A row is taken when every key it holds points to a row already taken (or to nothing) and at
    least one of them does; the members' accounts are taken as the targets of their memberships.
    """
    from ayni.communities.models import Membership

    user_model = apps.get_model("accounts", "User")
    selected: dict[type[models.Model], set] = defaultdict(set)
    selected[type(community)].add(community.pk)
    selected[user_model] |= set(Membership.objects.filter(community=community).values_list("user_id", flat=True))
    candidates = [model for model in archived_models() if model._meta.label_lower not in SITE_ONLY_MODELS]
    candidate_set = set(candidates)
    changed = True
    while changed:
        changed = False
        for model in candidates:
            fks = [field for field in _fk_fields(model) if field.related_model in candidate_set]
            if not fks:
                continue
            anchors = [field for field in fks if selected.get(field.related_model)]
            if not anchors:
                continue
            found: set = set()
            for anchor in anchors:
                ids = list(selected[anchor.related_model])
                for start in range(0, len(ids), CHUNK):
                    rows = model.objects.filter(**{f"{anchor.attname}__in": ids[start:start + CHUNK]})
                    for values in rows.values("pk", *[field.attname for field in fks]):
                        if values["pk"] in selected[model] or values["pk"] in found:
                            continue
                        if all(values[field.attname] is None or values[field.attname] in selected.get(field.related_model, ())
                               for field in fks):
                            found.add(values["pk"])
            if found - selected[model]:
                selected[model] |= found
                changed = True
    return selected


def export_archive(path: Path, *, community=None, progress: Callable[[str, int], None] | None = None) -> dict:
    """Write an archive to `path`; returns the manifest."""
    path = Path(path)
    selection = _community_selection(community) if community is not None else None
    manifest = {
        "format": FORMAT, "created_at": datetime.now(UTC).isoformat(), "database": connection.vendor,
        "scope": "community" if community is not None else "site",
        "community": community.slug if community is not None else None,
        "tables": {},
    }
    temporary = path.with_suffix(path.suffix + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in archived_models():
            label = model._meta.label_lower
            if selection is not None and (label in SITE_ONLY_MODELS or not selection.get(model)):
                continue
            queryset = model._default_manager.order_by("pk")
            if selection is not None:
                ids = sorted(selection[model])
                batches: Iterable = (queryset.filter(pk__in=ids[i:i + CHUNK]) for i in range(0, len(ids), CHUNK))
            else:
                batches = [queryset]
            buffer = io.StringIO()
            count = 0
            for batch in batches:
                m2m = [field.name for field in model._meta.many_to_many
                       if field.remote_field.through._meta.auto_created]
                if m2m:
                    batch = batch.prefetch_related(*m2m)
                for obj in batch.iterator(chunk_size=CHUNK) if not m2m else batch:
                    buffer.write(json.dumps(_row(obj), cls=_Encoder, ensure_ascii=False))
                    buffer.write("\n")
                    count += 1
            if not count:
                continue
            content = buffer.getvalue().encode("utf-8")
            archive.writestr(f"tables/{label}.jsonl", content)
            manifest["tables"][label] = {"rows": count, "sha256": hashlib.sha256(content).hexdigest()}
            if progress:
                progress(label, count)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    temporary.replace(path)
    return manifest


# --------------------------------------------------------------------------- import


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ArchiveError(f"{path} is not an Ayni archive ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} has format {manifest.get('format')!r}; this Ayni reads {FORMAT}.")
    return manifest


def _rows(archive: zipfile.ZipFile, label: str, expected: dict) -> list[dict]:
    content = archive.read(f"tables/{label}.jsonl")
    if hashlib.sha256(content).hexdigest() != expected["sha256"]:
        raise ArchiveError(f"The table {label} in the archive is damaged (checksum mismatch).")
    rows = [json.loads(line) for line in content.decode("utf-8").splitlines() if line]
    if len(rows) != expected["rows"]:
        raise ArchiveError(f"The table {label} holds {len(rows)} rows; the manifest says {expected['rows']}.")
    return rows


def _instance(model, row: dict, key_map: dict | None, deferred: list) -> models.Model:
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key and key_map is not None:
            continue
        raw = row.get(field.attname)
        if field.is_relation and raw is not None and key_map is not None:
            target = field.related_model
            mapped = key_map.get(target._meta.label_lower, {}).get(raw)
            if mapped is None:
                if target is model or target._meta.label_lower not in key_map:
                    if field.null:
                        deferred.append((field, raw))
                        raw = None
                    else:
                        raise ArchiveError(f"{model._meta.label_lower}: {field.name} points to a row that is not in the archive.")
                else:
                    if not field.null:
                        raise ArchiveError(f"{model._meta.label_lower}: {field.name} points to a row that is not in the archive.")
                    raw = None
            else:
                raw = mapped
        elif field.is_relation and raw is not None and field.related_model is model and key_map is None:
            deferred.append((field, raw))
            raw = None
        values[field.attname] = field.to_python(raw) if raw is not None and not field.is_relation else raw
    return model(**values)


@contextmanager
def _keeping_times(model):
    """auto_now and auto_now_add would stamp the import's time; the archive's times are kept."""
    fields = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@transaction.atomic
def import_archive(path: Path, *, progress: Callable[[str, int], None] | None = None) -> dict:
    """Load an archive. Everything is written in one transaction: all of it, or nothing."""
    path = Path(path)
    manifest = read_manifest(path)
    site = manifest["scope"] == "site"
    user_model = apps.get_model("accounts", "User")
    community_model = apps.get_model("communities", "Community")
    if site and (user_model.objects.exists() or community_model.objects.exists()):
        raise ArchiveError("A site archive goes into an empty database: this one already has people or communities.")
    if not site and community_model.objects.filter(slug=manifest["community"]).exists():
        raise ArchiveError(f"A community with the address {manifest['community']!r} already exists here.")
    known = {model._meta.label_lower: model for model in archived_models()}
    unknown = sorted(set(manifest["tables"]) - set(known))
    if unknown:
        raise ArchiveError(f"The archive holds tables this Ayni does not know: {', '.join(unknown)}.")
    key_map: dict[str, dict] | None = None if site else {}
    counts = {}
    m2m_later: list[tuple] = []
    self_links: list[tuple] = []
    with zipfile.ZipFile(path) as archive:
        for model in archived_models():
            label = model._meta.label_lower
            if label not in manifest["tables"]:
                continue
            rows = _rows(archive, label, manifest["tables"][label])
            if key_map is not None:
                key_map[label] = {}
            pending = []
            for row in rows:
                if key_map is not None and model is user_model:
                    existing = user_model.objects.filter(email__iexact=row["email"]).first()
                    if existing:
                        key_map[label][row["pk"]] = existing.pk
                        continue
                deferred: list = []
                instance = _instance(model, row, key_map, deferred)
                pending.append((row, instance, deferred))
            with _keeping_times(model):
                created = model._default_manager.bulk_create([instance for _row, instance, _d in pending], batch_size=500)
            for (row, _unused, deferred), obj in zip(pending, created, strict=True):
                if key_map is not None:
                    key_map[label][row["pk"]] = obj.pk
                for field, raw in deferred:
                    self_links.append((model, obj.pk, field, raw))
                for field in model._meta.many_to_many:
                    if field.name in row:
                        m2m_later.append((model, obj.pk, field, row[field.name]))
            counts[label] = len(rows)
            if progress:
                progress(label, len(rows))
    for model, pk, field, raw in self_links:
        target = raw if key_map is None else key_map.get(field.related_model._meta.label_lower, {}).get(raw)
        if target is not None:
            model._default_manager.filter(pk=pk).update(**{field.attname: target})
    for model, pk, field, related in m2m_later:
        target_label = field.related_model._meta.label_lower
        ids = related if key_map is None else [key_map.get(target_label, {}).get(value) for value in related]
        ids = [value for value in ids if value is not None]
        if ids:
            getattr(model._default_manager.get(pk=pk), field.name).set(ids)
    if site and connection.vendor == "postgresql":
        statements = connection.ops.sequence_reset_sql(no_style(), archived_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return counts
