"""Requests whose relationship already ended move from "matched" to "closed"."""

from django.db import migrations, models


def close_requests_of_ended_relationships(apps, schema_editor):
    SupportRequest = apps.get_model("support", "SupportRequest")
    Proposal = apps.get_model("support", "Proposal")
    Relationship = apps.get_model("relationships", "Relationship")
    accepted = Proposal.objects.filter(status="accepted", relationship_id__isnull=False,
                                       request__status="matched")
    for request_id, relationship_id in accepted.values_list("request_id", "relationship_id"):
        # Follow rematches forward to the relationship the seeker is in now (or was in last).
        relationship, seen = Relationship.objects.filter(pk=relationship_id).first(), set()
        while relationship is not None and relationship.status == "rematched" and relationship.pk not in seen:
            seen.add(relationship.pk)
            relationship = Relationship.objects.filter(rematched_from=relationship).order_by("-pk").first()
        if relationship is not None and relationship.status == "closed":
            SupportRequest.objects.filter(pk=request_id, status="matched").update(
                status="closed", closed_at=relationship.closed_at)


class Migration(migrations.Migration):

    dependencies = [
        ("support", "0001_initial"),
        ("relationships", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportrequest",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(close_requests_of_ended_relationships, migrations.RunPython.noop),
    ]
