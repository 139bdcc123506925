"""Who may use which route: the data the permission matrix test runs (see docs/safety.md).

Every URL pattern and every API operation needs an entry, or the matrix test fails and prints
a template entry. Apps add theirs in `ayni/<app>/tests/permission_matrix.py` (same names: PAGES,
API, IGNORED), so the file grows with the app and never conflicts with this one.

Roles: anonymous, outsider (no membership), member (another member of the community),
concerned (the person the object is about: its owner or subject), coordinator, staff (no
membership). Outcomes: "ok" (past the access check: 2xx, a redirect that is not to the log-in
page, or the service's 400/409/422), "invalid" (only the service's 400/409/422: the person may
see the object but the rules refuse the change, e.g. leaving a circle one is not in), "login"
(redirected to log in; 401 on the API), "deny" (403 or 404), "any" (anything but a 5xx).

kwargs values that are strings naming an object of the test's cast (see OBJECTS in
test_permission_matrix.py) are replaced by that object's id, e.g. "alert" → the alert about
the concerned person ("str:alert" gives it as text).
"""

ROLES = ("anonymous", "outsider", "member", "staff", "concerned", "coordinator")


def expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


PUBLIC = expect("ok")
LOGGED_IN = expect("ok", anonymous="login")
MEMBERS = expect("ok", anonymous="login", outsider="deny", staff="deny")
COORDINATORS = expect("deny", anonymous="login", coordinator="ok")
COORDINATORS_AND_STAFF = expect("deny", anonymous="login", coordinator="ok", staff="ok")
OWNER = expect("deny", anonymous="login", concerned="ok")
STAFF = expect("login", staff="ok")
ANY = expect("any")

# URL names that are not Ayni's own pages.
IGNORED = {"admin:*", "api:openapi-json", "api:openapi-view", "api:api-root", "set_language", "healthz", "readyz",
           "django.views.static.serve"}

C = {"slug": "aurora"}

PAGES = {
    # core
    "core:home": {"expect": PUBLIC},
    "core:about": {"expect": PUBLIC},
    "core:operations": {"expect": expect("login", staff="ok")},
    # accounts
    "accounts:signup": {"expect": ANY},
    "accounts:signup_done": {"expect": ANY},
    "accounts:resend_confirmation": {"expect": ANY},
    "accounts:confirm": {"kwargs": {"token": "not-a-token"}, "expect": ANY},
    "accounts:login": {"expect": ANY},
    "accounts:logout": {"method": "post", "expect": ANY},
    "accounts:settings": {"expect": LOGGED_IN},
    "accounts:tokens": {"expect": LOGGED_IN},
    "accounts:token_revoke": {"method": "post", "kwargs": {"token_id": "token"}, "expect": OWNER},
    "accounts:password_reset": {"expect": ANY},
    "accounts:password_reset_done": {"expect": ANY},
    "accounts:password_reset_confirm": {"kwargs": {"uidb64": "x", "token": "y"}, "expect": ANY},
    "accounts:password_reset_complete": {"expect": ANY},
    "accounts:password_change": {"expect": LOGGED_IN},
    # communities
    "communities:list": {"expect": PUBLIC},
    "communities:create": {"expect": LOGGED_IN},
    "communities:invitation": {"kwargs": {"token": "not-a-token"}, "expect": expect("deny")},
    "communities:detail": {"kwargs": C, "expect": PUBLIC},
    "communities:join": {"kwargs": C, "expect": LOGGED_IN},
    "communities:leave": {"method": "post", "kwargs": C, "expect": MEMBERS},
    "communities:directory": {"kwargs": C, "expect": MEMBERS},
    "communities:manage_settings": {"kwargs": C, "expect": COORDINATORS},
    "communities:manage_members": {"kwargs": C, "expect": COORDINATORS},
    "communities:manage_member": {"kwargs": {**C, "membership_id": "membership"}, "expect": COORDINATORS},
    "communities:manage_member_action": {"method": "post", "kwargs": {**C, "membership_id": "membership",
                                                                      "action": "suspend"}, "expect": COORDINATORS},
    "communities:manage_invitations": {"kwargs": C, "expect": COORDINATORS},
    "communities:manage_invitation_revoke": {"method": "post", "kwargs": {**C, "invitation_id": "invitation"},
                                             "expect": COORDINATORS},
    "communities:manage_import": {"kwargs": C, "expect": COORDINATORS},
    "communities:manage_import_detail": {"kwargs": {**C, "import_id": "member_import"}, "expect": COORDINATORS},
    "communities:manage_topics": {"kwargs": C, "expect": COORDINATORS},
    "communities:manage_topic_edit": {"kwargs": {**C, "topic_id": "topic"}, "expect": COORDINATORS},
    # people
    "people:profile": {"expect": LOGGED_IN},
    "people:membership_profile": {"kwargs": C, "expect": expect("ok", anonymous="login", outsider="deny",
                                                                staff="deny")},
    "people:experience_edit": {"kwargs": {**C, "experience_id": "experience"}, "expect": OWNER},
    "people:experience_delete": {"method": "post", "kwargs": {**C, "experience_id": "experience"}, "expect": OWNER},
    "people:need_delete": {"method": "post", "kwargs": {**C, "need_id": "need"}, "expect": OWNER},
    "people:member": {"kwargs": {**C, "membership_id": "membership"}, "expect": MEMBERS},
    # safety
    "safety:help": {"kwargs": C, "expect": MEMBERS},
    "safety:refer": {"kwargs": C, "expect": MEMBERS},
    "safety:alerts": {"kwargs": C, "expect": COORDINATORS},
    "safety:alert": {"kwargs": {"alert_id": "alert"}, "expect": COORDINATORS_AND_STAFF},
    "safety:alert_action": {"method": "post", "kwargs": {"alert_id": "alert", "action": "acknowledge"},
                            "expect": COORDINATORS_AND_STAFF},
    "safety:resources": {"kwargs": C, "expect": COORDINATORS},
    "safety:resource_new": {"kwargs": C, "expect": COORDINATORS},
    "safety:resources_adopt": {"method": "post", "kwargs": C, "expect": COORDINATORS},
    "safety:resource_edit": {"kwargs": {**C, "resource_id": "resource"}, "expect": COORDINATORS},
    "safety:resource_action": {"method": "post", "kwargs": {**C, "resource_id": "resource", "action": "verify"},
                               "expect": COORDINATORS},
    "safety:rota": {"kwargs": C, "expect": COORDINATORS},
    "safety:settings": {"kwargs": C, "expect": COORDINATORS},
    "safety:report": {"kwargs": {**C, "source_kind": "person", "source_id": "coordinator_user"},
                      "expect": MEMBERS},
    "safety:reports": {"kwargs": C, "expect": COORDINATORS},
    "safety:report_detail": {"kwargs": {**C, "report_id": "report"}, "expect": COORDINATORS},
    "safety:minors": {"kwargs": C, "expect": COORDINATORS},
    "safety:consent": {"kwargs": {**C, "membership_id": "membership"}, "expect": COORDINATORS},
    "safety:blocks": {"expect": LOGGED_IN},
    "safety:block": {"kwargs": {"user_id": "coordinator_user"}, "expect": expect(
        "ok", anonymous="login", outsider="deny", staff="deny", coordinator="deny")},
    "safety:my_data": {"expect": LOGGED_IN},
    "safety:delete_account": {"expect": LOGGED_IN},
    "safety:two_factor": {"expect": LOGGED_IN},
    "safety:two_factor_verify": {"expect": LOGGED_IN},
}

API_LOGGED_IN = expect("ok", anonymous="login")
API_MEMBERS = expect("ok", anonymous="login", outsider="deny", staff="deny")
API_COORDINATORS = expect("deny", anonymous="login", coordinator="ok")
API_OWNER = expect("deny", anonymous="login", concerned="ok")

API = {
    "GET /api/v1/me": {"expect": API_LOGGED_IN},
    "PUT /api/v1/me": {"body": {"display_name": "Someone"}, "expect": expect("any", anonymous="login")},
    "GET /api/v1/me/tokens": {"expect": API_LOGGED_IN},
    "POST /api/v1/me/tokens": {"body": {"name": "t", "scope": "read"}, "expect": expect("any", anonymous="login")},
    "DELETE /api/v1/me/tokens/{token_id}": {"path": {"token_id": "token"}, "expect": API_OWNER},
    "GET /api/v1/communities": {"expect": API_LOGGED_IN},
    "GET /api/v1/communities/mine": {"expect": API_LOGGED_IN},
    "GET /api/v1/communities/{slug}": {"path": C, "expect": API_LOGGED_IN},
    "POST /api/v1/communities/{slug}/join": {"path": C, "body": {"agree_values": True},
                                             "expect": expect("any", anonymous="login")},
    "GET /api/v1/communities/{slug}/topics": {"path": C, "expect": API_LOGGED_IN},
    "POST /api/v1/communities/{slug}/topics": {"path": C, "body": {"name_es": "Tema", "name_en": "Topic"},
                                               "expect": API_COORDINATORS},
    "PATCH /api/v1/communities/{slug}/topics/{topic_id}": {"path": {**C, "topic_id": "topic"},
                                                           "body": {"name_en": "Renamed"}, "expect": API_COORDINATORS},
    "GET /api/v1/communities/{slug}/memberships": {"path": C, "expect": API_COORDINATORS},
    "GET /api/v1/communities/{slug}/memberships/{membership_id}": {"path": {**C, "membership_id": "membership"},
                                                                   "expect": API_COORDINATORS},
    "PUT /api/v1/communities/{slug}/memberships/{membership_id}/roles": {
        "path": {**C, "membership_id": "membership"},
        "body": {"is_seeker": True, "is_supporter": False, "is_coordinator": False}, "expect": API_COORDINATORS},
    "POST /api/v1/communities/{slug}/memberships/{membership_id}/{action}": {
        "path": {**C, "membership_id": "membership", "action": "suspend"}, "body": {"reason": "Matrix"},
        "expect": API_COORDINATORS},
    "GET /api/v1/me/profile": {"expect": API_LOGGED_IN},
    "PUT /api/v1/me/profile": {"body": {}, "expect": expect("any", anonymous="login")},
    "GET /api/v1/communities/{slug}/me/experiences": {"path": C, "expect": API_MEMBERS},
    "PUT /api/v1/communities/{slug}/me/experiences": {"path": C, "body": {"topic_id": "topic", "story": "Lo viví."},
                                                      "expect": API_MEMBERS},
    "DELETE /api/v1/communities/{slug}/me/experiences/{experience_id}": {
        "path": {**C, "experience_id": "experience"}, "expect": API_OWNER},
    "GET /api/v1/communities/{slug}/me/needs": {"path": C, "expect": API_MEMBERS},
    "PUT /api/v1/communities/{slug}/me/needs": {"path": C, "body": {"topic_id": "topic"},
                                                "expect": API_MEMBERS},
    "DELETE /api/v1/communities/{slug}/me/needs/{need_id}": {"path": {**C, "need_id": "need"}, "expect": API_OWNER},
    "PUT /api/v1/communities/{slug}/me/supporter": {"path": C, "body": {"capacity": 1},
                                                    "expect": expect("any", anonymous="login", outsider="deny",
                                                                     staff="deny")},
    "GET /api/v1/communities/{slug}/members/{membership_id}": {"path": {**C, "membership_id": "membership"},
                                                               "expect": API_MEMBERS},
    "GET /api/v1/safety/communities/{slug}/resources": {"path": C, "expect": API_MEMBERS},
    "POST /api/v1/safety/communities/{slug}/help": {"path": C, "body": {"text": "Necesito hablar"},
                                                    "expect": API_MEMBERS},
    "POST /api/v1/safety/communities/{slug}/refer": {"path": C, "body": {"note": "Me preocupa"},
                                                     "expect": API_MEMBERS},
    "GET /api/v1/safety/communities/{slug}/alerts": {"path": C, "expect": API_COORDINATORS},
    "GET /api/v1/safety/alerts/{alert_id}": {"path": {"alert_id": "alert"},
                                             "expect": expect("deny", anonymous="login", coordinator="ok", staff="ok")},
    "POST /api/v1/safety/alerts/{alert_id}/acknowledge": {"path": {"alert_id": "alert"}, "expect": expect(
        "deny", anonymous="login", coordinator="ok", staff="ok")},
    "POST /api/v1/safety/alerts/{alert_id}/actions": {"path": {"alert_id": "alert"}, "body": {"text": "Llamé"},
                                                      "expect": expect("deny", anonymous="login", coordinator="ok",
                                                                       staff="ok")},
    "POST /api/v1/safety/alerts/{alert_id}/close": {"path": {"alert_id": "alert"}, "body": {"outcome": "safe"},
                                                    "expect": expect("deny", anonymous="login", coordinator="ok",
                                                                     staff="ok")},
    "POST /api/v1/safety/communities/{slug}/reports": {
        "path": C, "body": {"source_kind": "person", "source_id": "str:coordinator_user", "reason": "other"},
        "expect": expect("ok", anonymous="login", outsider="deny", staff="deny", coordinator="any")},
    "GET /api/v1/safety/communities/{slug}/reports": {"path": C, "expect": API_COORDINATORS},
    "POST /api/v1/safety/communities/{slug}/reports/{report_id}/resolve": {
        "path": {**C, "report_id": "report"}, "body": {"action": "dismiss"}, "expect": API_COORDINATORS},
    "GET /api/v1/safety/blocks": {"expect": API_LOGGED_IN},
    "POST /api/v1/safety/blocks": {"body": {"user_id": "coordinator_user"}, "expect": expect(
        "ok", anonymous="login", outsider="deny", staff="deny", coordinator="deny")},
    "DELETE /api/v1/safety/blocks/{user_id}": {"path": {"user_id": "coordinator_user"}, "expect": expect(
        "ok", anonymous="login", outsider="deny", staff="deny", coordinator="deny")},
    "GET /api/v1/safety/my-data": {"expect": API_LOGGED_IN},
}
