"""Importing members from a CSV file: preview every row first, write only after confirmation.

Columns (header names, any order): email, display_name (required); roles (seeker, supporter,
coordinator separated by ';', default seeker), language (es or en), group, capacity.
"""

import csv
import io

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ayni.communities.models import Community, MemberImport, Membership
from ayni.communities.services import _require_coordinator
from ayni.core.audit import audit_log
from ayni.core.emails import queue_email

REQUIRED_COLUMNS = ("email", "display_name")
OPTIONAL_COLUMNS = ("roles", "language", "group", "capacity")
ROLES = {"seeker", "supporter", "coordinator"}
ROLE_ALIASES = {"buscador": "seeker", "buscadora": "seeker", "apoyo": "supporter", "acompañante": "supporter",
                "mentor": "supporter", "coordinador": "coordinator", "coordinadora": "coordinator"}
MAX_FILE_BYTES = 5 * 1024 * 1024
CHUNK = 100


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not readable text. Save it as CSV (UTF-8) and try again."))


def parse_member_csv(raw: bytes, *, default_language: str) -> tuple[list[dict], list[str]]:
    """Rows with their problems, and the file's warnings. Raises for a file that cannot be read."""
    if not raw.strip():
        raise ValidationError(_("The file is empty."))
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
    text = _decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            _("The file has no column named %(columns)s. The first line must hold the column names: email, display_name, and optionally roles, language, group, capacity.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = headers
    warnings = []
    unknown = [name for name in headers if name and name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        warnings.append(_("These columns are ignored: %(columns)s.") % {"columns": ", ".join(unknown)})
    rows: list[dict] = []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if len(rows) >= settings.AYNI["IMPORT_MAX_ROWS"]:
                raise ValidationError(
                    _("The file has more than %(max)d rows. Split it into smaller files.")
                    % {"max": settings.AYNI["IMPORT_MAX_ROWS"]}
                )
            if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
                continue
            rows.append(_parse_row(record, line, seen, default_language))
    except csv.Error as error:
        raise ValidationError(_("The file is not valid CSV near line %(line)d: %(error)s")
                              % {"line": reader.line_num, "error": error}) from error
    if not rows:
        raise ValidationError(_("The file has column names but no rows."))
    return rows, warnings


def _parse_row(record: dict, line: int, seen: dict[str, int], default_language: str) -> dict:
    errors = []
    email = (record.get("email") or "").strip().lower()
    display_name = (record.get("display_name") or "").strip()
    if not email:
        errors.append(_("Column “email” is empty."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Column “email”: “%(value)s” is not a valid e-mail address.") % {"value": email})
        if email in seen:
            errors.append(_("Column “email”: the same address is already on line %(line)d.") % {"line": seen[email]})
        else:
            seen[email] = line
    if not display_name:
        errors.append(_("Column “display_name” is empty."))
    elif len(display_name) > 60:
        errors.append(_("Column “display_name” is longer than 60 characters."))
    roles = []
    for role in (record.get("roles") or "seeker").replace(",", ";").split(";"):
        role = role.strip().lower()
        if not role:
            continue
        role = ROLE_ALIASES.get(role, role)
        if role not in ROLES:
            errors.append(_("Column “roles”: “%(value)s” is not a role. Use seeker, supporter or coordinator.") % {"value": role})
        elif role not in roles:
            roles.append(role)
    if not roles and not errors:
        roles = ["seeker"]
    language = (record.get("language") or default_language).strip().lower()
    if language not in dict(settings.LANGUAGES):
        errors.append(_("Column “language”: “%(value)s” is not available. Use es or en.") % {"value": language})
    capacity_text = (record.get("capacity") or "").strip()
    capacity = 1
    if capacity_text:
        try:
            capacity = int(capacity_text)
            if not 0 <= capacity <= 20:
                raise ValueError
        except ValueError:
            errors.append(_("Column “capacity”: “%(value)s” is not a whole number from 0 to 20.") % {"value": capacity_text})
    group = (record.get("group") or "").strip()
    if len(group) > 80:
        errors.append(_("Column “group” is longer than 80 characters."))
    return {
        "line": line,
        "values": {"email": email, "display_name": display_name, "roles": roles, "language": language,
                   "group": group[:80], "capacity": capacity},
        "errors": errors,
    }


@transaction.atomic
def member_import_preview(*, actor, community: Community, filename: str, raw: bytes) -> MemberImport:
    """Parse a file and keep the result for the coordinator to check. Writes no member."""
    _require_coordinator(actor, community)
    default_language = next((code for code in community.languages if code in dict(settings.LANGUAGES)), "es")
    rows, warnings = parse_member_csv(raw, default_language=default_language)
    member_import = MemberImport.objects.create(
        community=community, created_by=actor, filename=(filename or "")[:200], rows=rows,
        total=sum(1 for row in rows if not row["errors"]), error="\n".join(warnings),
    )
    audit_log(actor=actor, action="member_import.preview", target=member_import, community=community,
              details={"rows": len(rows), "invalid": len(rows) - member_import.total})
    return member_import


def member_import_confirm(*, actor, member_import: MemberImport) -> MemberImport:
    """Queue the import of the valid rows. Only a previewed import can be confirmed, once."""
    with transaction.atomic():
        _require_coordinator(actor, member_import.community)
        if member_import.total == 0:
            raise ValidationError(_("No row can be imported: correct the file and upload it again."))
        claimed = MemberImport.objects.filter(pk=member_import.pk, status=MemberImport.Status.PREVIEW).update(
            status=MemberImport.Status.QUEUED
        )
        if not claimed:
            raise ValidationError(_("This import was already confirmed or cancelled."))
        audit_log(actor=actor, action="member_import.confirm", target=member_import,
                  community=member_import.community_id, details={"rows": member_import.total})
        transaction.on_commit(lambda: _enqueue(member_import.pk))
    member_import.refresh_from_db()
    return member_import


def _enqueue(import_id: int) -> None:
    from ayni.communities.tasks import run_member_import

    run_member_import.enqueue(import_id)


@transaction.atomic
def member_import_cancel(*, actor, member_import: MemberImport) -> None:
    _require_coordinator(actor, member_import.community)
    if MemberImport.objects.filter(pk=member_import.pk, status=MemberImport.Status.PREVIEW).update(
        status=MemberImport.Status.CANCELLED
    ):
        audit_log(actor=actor, action="member_import.cancel", target=member_import,
                  community=member_import.community_id)


def member_import_run(import_id: int) -> MemberImport:
    """Write the valid rows in chunks; each chunk is atomic and the run can resume after a crash."""
    started = MemberImport.objects.filter(
        pk=import_id, status__in=[MemberImport.Status.QUEUED, MemberImport.Status.RUNNING]
    ).update(status=MemberImport.Status.RUNNING)
    member_import = MemberImport.objects.select_related("community", "created_by").get(pk=import_id)
    if not started:
        return member_import
    actor = member_import.created_by
    if actor is None or not Membership.objects.filter(
        community=member_import.community, user=actor, is_coordinator=True, status=Membership.Status.ACTIVE
    ).exists():
        MemberImport.objects.filter(pk=import_id).update(
            status=MemberImport.Status.FAILED, error=_("The coordinator who started it can no longer import."),
            finished_at=timezone.now())
        raise PermissionDenied("import creator is no longer a coordinator")
    valid = member_import.valid_rows
    while member_import.processed < len(valid):
        chunk = valid[member_import.processed:member_import.processed + CHUNK]
        with transaction.atomic():
            created, existing = 0, 0
            for row in chunk:
                was_new = _import_row(actor=actor, community=member_import.community, values=row["values"])
                created += was_new
                existing += not was_new
            member_import.processed += len(chunk)
            member_import.created_count += created
            member_import.existing_count += existing
            MemberImport.objects.filter(pk=import_id).update(
                processed=member_import.processed, created_count=member_import.created_count,
                existing_count=member_import.existing_count,
            )
    with transaction.atomic():
        MemberImport.objects.filter(pk=import_id).update(status=MemberImport.Status.DONE, finished_at=timezone.now())
        audit_log(actor=actor, action="member_import.done", target=member_import,
                  community=member_import.community_id,
                  details={"created": member_import.created_count, "existing": member_import.existing_count})
    member_import.refresh_from_db()
    return member_import


def _import_row(*, actor, community: Community, values: dict) -> bool:
    """Add one person (creating their account if needed). True when the account is new."""
    from ayni.accounts.models import User

    user = User.objects.filter(email=values["email"]).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=values["email"], password=None, display_name=values["display_name"],
            language=values["language"],
        )
    roles = set(values["roles"])
    membership, new_membership = Membership.objects.get_or_create(
        community=community, user=user,
        defaults={"is_seeker": "seeker" in roles, "is_supporter": "supporter" in roles,
                  "is_coordinator": "coordinator" in roles, "status": Membership.Status.ACTIVE,
                  "joined_at": timezone.now(), "group": values["group"], "capacity": values["capacity"]},
    )
    if not new_membership and membership.status in {Membership.Status.PENDING, Membership.Status.LEFT}:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = membership.joined_at or timezone.now()
        membership.is_seeker |= "seeker" in roles
        membership.is_supporter |= "supporter" in roles
        membership.is_coordinator |= "coordinator" in roles
        membership.save(update_fields=["status", "joined_at", "is_seeker", "is_supporter", "is_coordinator", "updated_at"])
    if new_membership or created:
        audit_log(actor=actor, action="membership.import", target=membership, community=community,
                  details={"new_account": created})
        _send_welcome(user=user, community=community, new_account=created)
    return created


def _send_welcome(*, user, community: Community, new_account: bool) -> None:
    with translation.override(user.language):
        if new_account:
            path = reverse("accounts:password_reset_confirm", kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)})
        else:
            path = reverse("communities:detail", kwargs={"slug": community.slug})
    queue_email(
        to=user.email, language=user.language, kind="import_welcome",
        subject_template="communities/email/welcome_subject.txt",
        body_template="communities/email/welcome_body.txt",
        context={"user": user, "community": community, "link": settings.SITE_URL + path,
                 "new_account": new_account},
    )
