"""The permission matrix: every page and API route, requested as each role, gives the expected
answer (see permission_matrix.py). A route without an entry fails the completeness test."""

import importlib
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ayni.safety.tests.permission_matrix import ROLES


def _matrices():
    pages, api, ignored, found = {}, {}, set(), []
    # The baseline for apps that landed after safety first, then each app's own file (which wins).
    modules = ["ayni.safety.tests.permission_matrix_others"]
    modules += [f"{app}.tests.permission_matrix" for app in settings.INSTALLED_APPS if app.startswith("ayni.")]
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        found.append(module)
        pages.update(getattr(module, "PAGES", {}))
        api.update(getattr(module, "API", {}))
        ignored |= set(getattr(module, "IGNORED", set()))
    return pages, api, ignored, found


# MATRIX_MODULES: the loaded matrix modules; one may offer `matrix_objects(community, users, objects)`.
PAGES, API, IGNORED, MATRIX_MODULES = _matrices()


def _url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or pattern.lookup_str
            yield f"{namespace}:{name}" if namespace else name


def _ignored(name: str) -> bool:
    return name in IGNORED or any(rule.endswith("*") and name.startswith(rule[:-1]) for rule in IGNORED)


def _api_operations():
    from ayni.api import api

    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, operations in schema["paths"].items() for method in operations}


def test_every_page_has_an_entry():
    names = {name for name in _url_names() if not _ignored(name) and not name.startswith("api:")}
    missing = sorted(names - set(PAGES))
    assert not missing, (
        "Routes without an entry in a permission_matrix.py (add to ayni/<app>/tests/permission_matrix.py):\n"
        + "\n".join(f'    "{name}": {{"kwargs": {{...}}, "expect": MEMBERS}},' for name in missing))
    stale = sorted(set(PAGES) - names)
    assert not stale, f"Entries for routes that do not exist any more: {stale}"


def test_every_api_operation_has_an_entry():
    operations = _api_operations()
    missing = sorted(operations - set(API))
    assert not missing, (
        "API operations without an entry in a permission_matrix.py:\n"
        + "\n".join(f'    "{operation}": {{"path": {{...}}, "expect": API_MEMBERS}},' for operation in missing))
    stale = sorted(set(API) - operations)
    assert not stale, f"Entries for operations that do not exist any more: {stale}"


@pytest.fixture
def cast(aurora, alice, bob, charlie):
    """The people and objects the matrix refers to. Bob is the person concerned."""
    from ayni.accounts.tests.factories import UserFactory
    from ayni.communities.models import Invitation
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.people.models import Experience, Need
    from ayni.safety import services
    from ayni.safety.models import CrisisResource, Report
    from conftest import membership

    frank = MembershipFactory(community=aurora, is_seeker=True, user__display_name="Frank").user
    staff = UserFactory(display_name="Staff", email="staff@example.org", is_staff=True)
    bob_membership = membership(bob, aurora)
    topic = aurora.topics.get(key="job-loss")
    experience = Experience.objects.create(membership=bob_membership, topic=topic, story="Lo viví.")
    need = Need.objects.create(membership=bob_membership, topic=aurora.topics.get(key="grief"),
                               is_sensitive=True, consent_at=bob.date_joined)
    alert = services.alert_raise(community=aurora, kind="detection", level="urgent", person=bob, excerpt="…")
    report = Report.objects.create(community=aurora, reporter=frank, source_kind="person", source_id=str(bob.pk),
                                   person=bob, reason="other")
    resource = CrisisResource.objects.create(community=aurora, country="ES", name_es="Línea", name_en="Line",
                                             phone="024")
    from ayni.accounts.services import api_token_create

    token, _secret = api_token_create(actor=bob, name="matrix", scope="read")
    from datetime import timedelta

    from django.utils import timezone

    from ayni.communities.imports import member_import_preview

    # A file previewed by the coordinator and not yet confirmed: nobody else may see who is in it.
    member_import = member_import_preview(actor=alice, community=aurora, filename="socios.csv",
                                          raw=b"email,display_name\nnueva@example.org,Nueva\n")
    invitation = Invitation.objects.create(community=aurora, email="new@example.org", token_hash="x" * 64,
                                           expires_at=timezone.now() + timedelta(days=3))
    users = {"anonymous": None, "outsider": charlie, "member": frank, "staff": staff, "concerned": bob,
             "coordinator": alice}
    objects = {"membership": bob_membership.pk, "alert": alert.pk, "report": report.pk,
               "resource": resource.pk, "topic": topic.pk, "experience": experience.pk, "need": need.pk,
               "token": token.pk, "invitation": invitation.pk, "member_import": member_import.pk, "coordinator_user": alice.pk,
               **_objects_of_later_apps(aurora=aurora, alice=alice, bob=bob, bob_membership=bob_membership)}
    # Apps add the real objects their own rows refer to (a relationship of Bob's, its session, ...).
    for module in MATRIX_MODULES:
        if hasattr(module, "matrix_objects"):
            objects.update(module.matrix_objects(community=aurora, users=users, objects=dict(objects)))
    return {"users": users, "objects": objects}


def _objects_of_later_apps(*, aurora, alice, bob, bob_membership):
    """The objects of the baseline rows (permission_matrix_others.py): Bob's notification. Every
    other app builds the real objects of its own rows in its `matrix_objects`."""
    from ayni.notifications.services import notify

    notification = notify(bob, "safety.report_outcome", context={}, url="/", community=aurora, email=False)
    return {"notification": notification.pk}


def _fill(values, objects):
    if isinstance(values, dict):
        return {key: _fill(value, objects) for key, value in values.items()}
    if isinstance(values, list):
        return [_fill(value, objects) for value in values]
    if isinstance(values, str) and values in objects:
        return objects[values]
    if isinstance(values, str) and values.startswith("str:") and values[4:] in objects:
        return str(objects[values[4:]])
    return values


def _outcome(response, *, api: bool) -> str:
    if response.status_code >= 500:
        return "error"
    if api and response.status_code == 401:
        return "login"
    if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
        return "login"
    if response.status_code in (401, 403, 404):
        return "deny"
    if response.status_code in (400, 409, 422):
        return "invalid"
    return "ok"


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user, backend="ayni.accounts.backends.EmailBackend")
    return client


def _check(entry, cast, send, *, api: bool):
    problems = []
    for role in ROLES:
        expected = entry["expect"][role]
        response = send(_client_for(cast["users"][role]))
        got = _outcome(response, api=api)
        # "ok" takes a refusal by the service's rules too (past the access check); "invalid" demands one.
        if got == "error" or (expected not in ("any", got) and not (expected == "ok" and got == "invalid")):
            problems.append(f"{role}: expected {expected}, got {got} ({response.status_code})")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_permissions(name, cast):
    entry = PAGES[name]
    if entry.get("skip"):
        pytest.skip(entry["skip"])
    url = reverse(name, kwargs=_fill(entry.get("kwargs", {}), cast["objects"]))
    method = entry.get("method", "get")
    data = _fill(entry.get("data", {}), cast["objects"])

    def send(client):
        return getattr(client, method)(url, data) if method == "post" else client.get(url)

    problems = _check(entry, cast, send, api=False)
    assert not problems, f"{name} {url}:\n" + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API))
def test_api_permissions(operation, cast):
    entry = API[operation]
    if entry.get("skip"):
        pytest.skip(entry["skip"])
    method, path = operation.split(" ", 1)
    path = path.format(**_fill(entry.get("path", {}), cast["objects"]))
    body = _fill(entry.get("body"), cast["objects"])

    def send(client):
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
        return getattr(client, method.lower())(path, **kwargs)

    problems = _check(entry, cast, send, api=True)
    assert not problems, f"{operation} {path}:\n" + "\n".join(problems)


def _object_references(values, key=""):
    """(key, value) of every id in a row's kwargs, path, data or body: keys named `pk` or ending
    in `_id`/`_ids`. (Tokens are secrets, not ids: a made-up one is the refusal worth proving.)"""
    if isinstance(values, dict):
        for inner_key, value in values.items():
            yield from _object_references(value, inner_key)
    elif isinstance(values, list):
        for value in values:
            yield from _object_references(value, key)
    elif key == "pk" or key.endswith(("_id", "_ids")):
        yield key, values


@pytest.mark.django_db
def test_every_object_in_the_matrix_exists(cast):
    """A row on an id that does not exist only proves "not found" for everyone; each must name an
    object of the cast, so that it proves who is refused on an object that is there."""
    objects = cast["objects"]
    missing = []
    for kind, table in (("page", PAGES), ("api", API)):
        for name, entry in sorted(table.items()):
            for part in ("kwargs", "path", "data", "body"):
                for key, value in _object_references(entry.get(part) or {}):
                    named = value[4:] if isinstance(value, str) and value.startswith("str:") else value
                    if not (isinstance(named, str) and named in objects):
                        missing.append(f"{kind} {name}: {part}[{key}] = {value!r}")
    assert not missing, "Rows on objects the cast does not have:\n" + "\n".join(missing)
