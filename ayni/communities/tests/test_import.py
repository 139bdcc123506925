import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from ayni.accounts.models import User
from ayni.accounts.tests.factories import UserFactory
from ayni.communities.models import MemberImport, Membership

GOOD_AND_BAD = (
    "email,display_name,roles,language,group,capacity,shoe_size\n"
    "ana@example.org,Ana R.,seeker;supporter,es,Centro,2,38\n"
    "not-an-email,Pepe,seeker,es,,,\n"
    "tom@example.org,,seeker,en,,,\n"
    "ana@example.org,Ana again,seeker,es,,,\n"
    "lea@example.org,Lea,wizard,fr,,many,\n"
    "bob@example.org,Bob,supporter,en,,1,\n"
)


def upload(client, content: str | bytes, name="members.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post("/en/c/aurora/manage/import/", {"file": SimpleUploadedFile(name, data, "text/csv")})


@pytest.mark.django_db
def test_the_preview_names_each_bad_row_and_writes_nothing(client_for, alice, bob):
    client = client_for(alice)
    members_before = Membership.objects.count()
    response = upload(client, GOOD_AND_BAD)
    assert response.status_code == 302
    member_import = MemberImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "“not-an-email” is not a valid e-mail address" in page
    assert "Column “display_name” is empty" in page
    assert "the same address is already on line 2" in page
    assert "“wizard” is not a role" in page
    assert "“fr” is not available" in page
    assert "“many” is not a whole number" in page
    assert "shoe_size" in page  # ignored column is named
    assert member_import.total == 2
    assert Membership.objects.count() == members_before
    assert not User.objects.filter(email="ana@example.org").exists()


@pytest.mark.django_db
def test_confirming_imports_the_valid_rows_once(client_for, alice, bob, aurora, django_capture_on_commit_callbacks):
    client = client_for(alice)
    upload(client, GOOD_AND_BAD)
    member_import = MemberImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/c/aurora/manage/import/{member_import.pk}/", {"action": "confirm"})
    member_import.refresh_from_db()
    assert member_import.status == "done"
    assert (member_import.created_count, member_import.existing_count, member_import.processed) == (1, 1, 2)
    ana = Membership.objects.get(user__email="ana@example.org", community=aurora)
    assert ana.is_seeker and ana.is_supporter and ana.capacity == 2 and ana.group == "Centro"
    assert not ana.user.has_usable_password()
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org"]  # Bob was already a member
    response = client.post(f"/en/c/aurora/manage/import/{member_import.pk}/", {"action": "confirm"}, follow=True)
    assert "already confirmed" in response.content.decode()
    assert User.objects.filter(email="ana@example.org").count() == 1


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"name,mail\nA,b@c.d\n", "no column named email, display_name"),
    (b"email,display_name\n", "no rows"),
    (b"\xff\xfe\x00\x00binary", "no column named"),
])
@pytest.mark.django_db
def test_unreadable_files_get_a_clear_message(client_for, alice, content, message):
    response = upload(client_for(alice), content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MemberImport.objects.exists()


@pytest.mark.django_db
def test_semicolon_separated_files_from_spreadsheets_work(client_for, alice):
    upload(client_for(alice), "email;display_name;roles\nmia@example.org;Mía;supporter\n")
    assert MemberImport.objects.get().total == 1


@pytest.mark.parametrize("who", ["bob", "charlie", "dana"])
@pytest.mark.django_db
def test_only_coordinators_may_import(client_for, request, aurora, who):
    response = upload(client_for(request.getfixturevalue(who)), GOOD_AND_BAD)
    assert response.status_code == 403
    assert not MemberImport.objects.exists()


@pytest.mark.django_db
def test_an_existing_account_keeps_its_password(client_for, alice, aurora, django_capture_on_commit_callbacks):
    person = UserFactory(email="known@example.org")
    client = client_for(alice)
    upload(client, "email,display_name\nknown@example.org,Known\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/c/aurora/manage/import/{MemberImport.objects.get().pk}/", {"action": "confirm"})
    person.refresh_from_db()
    assert person.has_usable_password()
    assert Membership.objects.get(user=person, community=aurora).is_seeker
