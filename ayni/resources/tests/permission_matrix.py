"""Permission-matrix rows for the resource library, on a real resource of aurora's (added by the
coordinator). Coordinators and supporters change the library; the other members only read it;
people outside the community are refused as for any of its members-only routes."""

from ayni.safety.tests.permission_matrix import COORDINATORS

RESOURCE = {"resource_id": "library_resource"}


def matrix_objects(*, community, users, objects):
    from ayni.resources.services import resource_create

    resource = resource_create(actor=users["coordinator"], community=community, title_es="Guía del duelo",
                               title_en="A guide to grief", url="https://example.org/duelo")
    return {"library_resource": resource.pk}


PAGES = {
    "resources:edit": {"kwargs": RESOURCE, "expect": COORDINATORS},
    # The coordinator comes last in the matrix, so the others try to archive a resource still in the library.
    "resources:archive": {"method": "post", "kwargs": RESOURCE, "expect": COORDINATORS},
}

API = {
    "POST /api/v1/resources/community/{slug}": {
        "path": {"slug": "aurora"}, "body": {"title_es": "Respirar", "url": "https://example.org/respirar"},
        "expect": COORDINATORS},
    "PATCH /api/v1/resources/{resource_id}": {"path": RESOURCE, "body": {"title_en": "Grief, a guide"},
                                             "expect": COORDINATORS},
}
