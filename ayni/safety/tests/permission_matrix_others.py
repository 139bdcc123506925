"""Baseline permission entries for the apps that landed after safety (circles, insights, messaging,
notifications, relationships, resources, support, training): their list pages and community
routes, which need no object of their own. Every object route has its row, on a real object, in
`ayni/<app>/tests/permission_matrix.py` (entries there override these); the one object here is
Bob's notification (see _objects_of_later_apps in test_permission_matrix.py). No row uses an id
that does not exist: test_every_object_in_the_matrix_exists checks it.
"""

from ayni.safety.tests.permission_matrix import expect

# Bob's own notification: only he may open it.
PARTICIPANT = expect("deny", anonymous="login", concerned="ok")
COORDINATOR_ONLY = expect("deny", anonymous="login", coordinator="ok")
MEMBERS = expect("ok", anonymous="login", outsider="deny", staff="deny")

PAGES = {
    "training:list": {"expect": expect("ok", anonymous="login")},
    "training:talk": {"kwargs": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "training:manage": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_remind": {"method": "post", "kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_requirements": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_checks": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_sessions": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_courses": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "training:manage_talk": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "support:mine": {"expect": expect("ok", anonymous="login")},
    "support:request_create": {"kwargs": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "support:coordinate": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "support:round_start": {"method": "post", "kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "relationships:list": {"expect": expect("ok", anonymous="login")},
    "relationships:home": {"expect": expect("ok", anonymous="login")},
    "relationships:calendar": {"expect": expect("ok", anonymous="login")},
    "relationships:community": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "relationships:community_settings": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "messaging:inbox": {"expect": expect("ok", anonymous="login")},
    "notifications:list": {"expect": expect("ok", anonymous="login")},
    "notifications:open": {"kwargs": {"notification_id": "notification"}, "expect": PARTICIPANT},
    "notifications:mark_read": {"method": "post", "expect": expect("ok", anonymous="login")},
    "notifications:preferences": {"expect": expect("ok", anonymous="login")},
    "notifications:nav_counts": {"expect": expect("ok")},
    "circles:mine": {"expect": expect("ok", anonymous="login")},
    "circles:community": {"kwargs": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "circles:create": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "circles:form_groups": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "resources:library": {"kwargs": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "resources:create": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:my_surveys": {"expect": expect("ok", anonymous="login")},
    "insights:dashboard": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:gaps": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:outcomes": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:network": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:report": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:report_pdf": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "insights:instruments": {"kwargs": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
}

API = {
    "GET /api/v1/circles/community/{slug}": {"path": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "GET /api/v1/circles/community/{slug}/forming": {"path": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "GET /api/v1/circles/mine": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/messages": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/messages/unread": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/notifications": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/notifications/counts": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/notifications/preferences": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/relationships": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/relationships/community/{slug}": {"path": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "GET /api/v1/relationships/community/{slug}/check-ins/unanswered": {"path": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "GET /api/v1/relationships/community/{slug}/settings": {"path": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "GET /api/v1/resources/community/{slug}": {"path": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "GET /api/v1/support/proposals": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/support/requests": {"expect": expect("ok", anonymous="login")},
    "GET /api/v1/training/communities/{slug}/completion": {"path": {"slug": 'aurora'}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "GET /api/v1/training/eligibility/{slug}": {"path": {"slug": 'aurora'}, "expect": expect("ok", anonymous="login", outsider="deny", staff="deny")},
    "GET /api/v1/training/progress": {"expect": expect("ok", anonymous="login")},
    "PATCH /api/v1/relationships/community/{slug}/settings": {"path": {"slug": 'aurora'}, "body": {}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "POST /api/v1/circles/community/{slug}": {"path": {"slug": 'aurora'}, "body": {"name": "Círculo nuevo"}, "expect": COORDINATOR_ONLY},
    "POST /api/v1/notifications/read": {"body": {}, "expect": expect("ok", anonymous="login")},
    # Bob and Teo have an open proposal (support's rows): neither may start the relationship before both accept.
    "POST /api/v1/relationships": {"body": {"seeker_membership_id": "membership", "supporter_membership_id": "teo"}, "expect": COORDINATOR_ONLY},
    "POST /api/v1/support/communities/{slug}/proposals": {"path": {"slug": 'aurora'}, "body": {"request_id": "request", "supporter_id": "erin"}, "expect": COORDINATOR_ONLY},
    "POST /api/v1/support/communities/{slug}/requests": {"path": {"slug": 'aurora'}, "body": {"kinds": ["social"], "topics": ["topic"], "situation": "Me siento solo desde que perdí el trabajo."}, "expect": MEMBERS},
    "POST /api/v1/support/communities/{slug}/rounds": {"path": {"slug": 'aurora'}, "body": {}, "expect": expect("deny", anonymous="login", coordinator="ok")},
    "PUT /api/v1/notifications/preferences": {"body": {"preferences": {"messages": False}}, "expect": expect("ok", anonymous="login")},
}
